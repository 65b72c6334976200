// The labs the page can open without a file. "workshop" is the default: an ESX 4.0 host of the seed
// talk's era whose datastore is sized so that delta growth matters within a simulated day.
import type { LabDefinitionInput } from '../core/schema';

export const workshopLab: LabDefinitionInput = {
  name: 'Snapshot and VSS workshop',
  seed: 42,
  hosts: [{ id: 'esx01', version: '4.0' }],
  datastores: [{ id: 'ds1', capacityGB: 420, fs: 'vmfs3', blockSizeMB: 1, MBps: 80, otherUsedGB: 12 }],
  vms: [
    {
      id: 'exch01', name: 'EXCH01', guest: 'windows2003', memoryMB: 4096, apps: ['exchange'],
      tools: { status: 'running', build: 208167, vss: true }, vssService: 'manual',
      disks: [{ id: 'disk1', capacityGB: 40 }, { id: 'logs', capacityGB: 20, role: 'log' }],
      workload: { profile: 'exchange', writeIOPS: 150 },
    },
    {
      id: 'sql01', name: 'SQL01', guest: 'windows2003', memoryMB: 4096, apps: ['sql'],
      tools: { status: 'running', build: 208167, vss: true }, vssService: 'manual',
      disks: [{ id: 'disk1', capacityGB: 30 }, { id: 'data', capacityGB: 80, thin: true, usedGB: 35 }],
      workload: { profile: 'sql', writeIOPS: 120 },
    },
    {
      id: 'dc01', name: 'DC01', guest: 'windows2003', memoryMB: 2048, apps: ['ad', 'dhcp', 'wins'],
      tools: { status: 'running', build: 208167, vss: true }, vssService: 'manual',
      disks: [{ id: 'disk1', capacityGB: 30 }],
      workload: { profile: 'dc' },
    },
    {
      id: 'fs01', name: 'FS01', guest: 'windows2008', memoryMB: 2048, apps: ['bits'],
      tools: { status: 'running', build: 208167, vss: true }, vssService: 'manual',
      disks: [{ id: 'disk1', capacityGB: 40 }, { id: 'data', capacityGB: 200, thin: true, usedGB: 90 }],
      workload: { profile: 'fileserver', writeIOPS: 40 },
    },
    {
      id: 'web01', name: 'WEB01', guest: 'linux', memoryMB: 1024,
      tools: { status: 'running', build: 208167, vss: false },
      disks: [{ id: 'disk1', capacityGB: 16 }, { id: 'scratch', capacityGB: 10, mode: 'independent-persistent' }],
      workload: { profile: 'idle' },
    },
    {
      id: 'tmpl-w2k3', name: 'TMPL-W2K3', guest: 'windows2003', memoryMB: 1024, power: 'poweredOff',
      tools: { status: 'running', build: 208167, vss: true },
      disks: [{ id: 'disk1', capacityGB: 20, thin: true, usedGB: 6 }],
    },
  ],
};

/** A larger lab (two hosts, two datastores, many VMs) for trying the UI at scale. */
export const datacenterLab: LabDefinitionInput = {
  name: 'Datacenter',
  seed: 7,
  hosts: [{ id: 'esx01', version: '4.0u2' }, { id: 'esx02', version: '5.0' }],
  datastores: [
    { id: 'ds-gold', capacityGB: 1200, fs: 'vmfs3', blockSizeMB: 4, MBps: 120 },
    { id: 'ds-silver', capacityGB: 1500, fs: 'vmfs5', MBps: 90 },
  ],
  vms: Array.from({ length: 16 }, (_, i) => {
    const kind = ['exchange', 'sql', 'dc', 'fileserver'][i % 4] as 'exchange' | 'sql' | 'dc' | 'fileserver';
    const apps = { exchange: ['exchange'], sql: ['sql'], dc: ['ad', 'dhcp'], fileserver: ['bits'] }[kind] as ('exchange' | 'sql' | 'ad' | 'dhcp' | 'bits')[];
    return {
      id: `vm${String(i + 1).padStart(2, '0')}`, name: `${kind.toUpperCase().slice(0, 4)}${String(i + 1).padStart(2, '0')}`,
      host: i % 2 ? 'esx02' : 'esx01', datastore: i % 2 ? 'ds-silver' : 'ds-gold',
      guest: i % 3 === 0 ? 'windows2008r2' as const : 'windows2003' as const, memoryMB: 2048, apps,
      diskEnableUUID: i % 3 === 0,
      disks: [{ id: 'disk1', capacityGB: 40 }, { id: 'data', capacityGB: 60, thin: true, usedGB: 20 }],
      workload: { profile: kind, writeIOPS: 60 + 10 * (i % 5) },
    };
  }),
};

/**
 * A small domain for what a revert or a restore does to Active Directory: two Windows Server 2008 R2
 * domain controllers on an ESXi 5.0 host (no VM-Generation ID) and a Windows Server 2012 one on an
 * ESXi 5.1 host (VM-Generation ID), all replicating with each other.
 */
export const domainLab: LabDefinitionInput = {
  name: 'Domain controllers',
  seed: 2095,
  hosts: [{ id: 'esx01', version: '5.0' }, { id: 'esx02', version: '5.1' }],
  datastores: [{ id: 'ds1', capacityGB: 300, fs: 'vmfs5', MBps: 150 }],
  vms: [
    { id: 'dc01', name: 'DC01', host: 'esx01', guest: 'windows2008r2', memoryMB: 4096, apps: ['ad', 'dhcp'],
      tools: { status: 'running', build: 208167, vss: true }, vssService: 'manual',
      disks: [{ id: 'disk1', capacityGB: 40 }], workload: { profile: 'dc' } },
    { id: 'dc02', name: 'DC02', host: 'esx01', guest: 'windows2008r2', memoryMB: 4096, apps: ['ad'],
      tools: { status: 'running', build: 208167, vss: true }, vssService: 'manual',
      disks: [{ id: 'disk1', capacityGB: 40 }], workload: { profile: 'dc' } },
    { id: 'dc03', name: 'DC03', host: 'esx02', guest: 'windows2012', memoryMB: 4096, apps: ['ad'],
      tools: { status: 'running', build: 208167, vss: true }, vssService: 'manual',
      disks: [{ id: 'disk1', capacityGB: 40 }], workload: { profile: 'dc' } },
  ],
};

export const builtInLabs: Record<string, LabDefinitionInput> = { workshop: workshopLab, datacenter: datacenterLab, domain: domainLab };
export const defaultLabDefinition = workshopLab;
