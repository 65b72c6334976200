// The lab definition (docs/lab-definition.md): one runtime schema, and the types derive from it.
// Every field beyond the ids has a default, so a definition can be as short as { vms: [{ id }] }.
import { z } from 'zod';
import { backupSchema, checkBackup } from './backupSchema';
import { HOST_VERSIONS } from './hostVersions';

export { HOST_VERSIONS, type HostVersion } from './hostVersions';
const id = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$/, 'expected an id: letters, digits, "_", "-" or "." (at most 64)');
const GiB = 1024 ** 3;
const positive = z.number().positive();

const host = z.object({
  id,
  name: z.string().optional(),
  version: z.enum(HOST_VERSIONS).default('4.0'),
}).strict();

const datastore = z.object({
  id,
  name: z.string().optional(),
  capacityGB: positive.optional(),
  capacityBytes: z.number().int().positive().optional(),
  fs: z.enum(['vmfs3', 'vmfs5', 'vmfs6', 'nfs']).default('vmfs3'),
  blockSizeMB: z.union([z.literal(1), z.literal(2), z.literal(4), z.literal(8)]).default(1),
  // Extensions: how fast copies and merges run, and space taken by files outside the lab.
  MBps: positive.max(100000).default(100),
  otherUsedGB: z.number().min(0).default(0),
}).strict();

// What the guest keeps on a disk: where the workloads put database / user-file writes and log appends.
export const DISK_ROLES = ['system', 'data', 'log'] as const;
export type DiskRole = (typeof DISK_ROLES)[number];

/** The role a trainer expects when the definition names none: system, data, log, then data again. */
export function defaultDiskRole(index: number): DiskRole {
  return index === 0 ? 'system' : index === 2 ? 'log' : 'data';
}

const disk = z.object({
  id,
  capacityGB: positive.optional(),
  capacityBytes: z.number().int().positive().optional(),
  mode: z.enum(['dependent', 'independent-persistent', 'independent-nonpersistent']).default('dependent'),
  thin: z.boolean().default(false),
  // Extensions: the guest data already on the disk (what a thin base takes), controller, disk kind.
  usedGB: z.number().min(0).optional(),
  controller: z.enum(['scsi', 'ide']).default('scsi'),
  dynamic: z.boolean().default(false),
  // What the guest keeps here (default by position: defaultDiskRole).
  role: z.enum(DISK_ROLES).optional(),
  // A raw device mapping (docs/lab-definition.md): virtual compatibility is snapshotted like any disk, physical
  // compatibility is excluded from snapshots like an independent disk (rule 4).
  rdm: z.enum(['virtual', 'physical']).optional(),
}).strict();

export const WORKLOAD_PROFILES = ['none', 'idle', 'fileserver', 'exchange', 'sql', 'dc', 'uniform'] as const;
/** The uniform profile's law: writeBytes-aligned writes over the first regionGB of the first disk. */
export const uniformWorkloadFields = {
  writeBytes: z.number().int().min(4096).max(64 * 1024 * 1024).multipleOf(4096, 'expected a multiple of 4096').optional(),
  regionGB: z.number().positive().max(64 * 1024).optional(),
};
const workload = z.object({
  profile: z.enum(WORKLOAD_PROFILES),
  writeIOPS: z.number().min(0).max(100000).optional(),
  ...uniformWorkloadFields,
}).strict().superRefine((w, ctx) => {
  if (w.profile === 'uniform') return;
  for (const f of ['writeBytes', 'regionGB'] as const) {
    if (w[f] !== undefined) ctx.addIssue({ code: 'custom', path: [f], message: `${f} applies to the uniform profile only` });
  }
});

export const APPS = ['exchange', 'sql', 'sharepoint', 'ad', 'bits', 'dhcp', 'wins'] as const;
const settingValue = z.union([z.string(), z.number(), z.boolean()]);

const tools = z.object({
  status: z.enum(['running', 'notRunning', 'notInstalled']).default('running'),
  build: z.number().int().min(0).default(208167),
  vss: z.boolean().default(true),
}).strict();

const vm = z.object({
  id,
  name: z.string().min(1).max(80).optional(),
  host: id.optional(),
  datastore: id.optional(),
  guest: z.enum(['windows2003', 'windows2008', 'windows2008r2', 'windows2012', 'windows2016', 'linux']).default('windows2003'),
  memoryMB: z.number().int().min(4).max(1024 * 1024).default(2048),
  power: z.enum(['poweredOn', 'poweredOff', 'suspended']).default('poweredOn'),
  tools: tools.default({ status: 'running', build: 208167, vss: true }),
  vssService: z.enum(['automatic', 'manual', 'disabled']).default('manual'),
  apps: z.array(z.enum(APPS)).default([]),
  // disk.EnableUUID: TRUE by default for VMs created on 4.1 or later (VDDK guide), FALSE before.
  diskEnableUUID: z.boolean().optional(),
  // SCSI controllers (up to 4, 15 disks each): application quiescing needs a free slot per disk.
  scsiControllers: z.number().int().min(1).max(4).optional(),
  ctkEnabled: z.boolean().default(false),
  deltaFormat: z.enum(['vmfsSparse', 'seSparse', 'hostedSparse']).optional(),
  disks: z.array(disk).min(1).max(60).optional(),
  workload: workload.optional(),
  // Extensions: tools.conf keys and .vmx advanced settings (e.g. "snapshot.maxSnapshots").
  toolsConf: z.record(z.string(), settingValue).default({}),
  vmx: z.record(z.string(), settingValue).default({}),
  // Guest scripts for quiescing: exit codes of the pre-freeze and post-thaw scripts, when present.
  scripts: z.object({
    preFreeze: z.number().int().optional(),
    postThaw: z.number().int().optional(),
  }).strict().default({}),
}).strict();

const settings = z.object({
  vmfsSparseGrowthStepMB: positive.max(1024).default(16),
  seSparseGrowthStepMB: positive.max(1024).default(1),
  workloadTickMs: z.number().int().min(10).max(60000).default(1000),
  // Extensions: vCenter-style snapshot alarms (features/alarms): age in hours, size of the deltas.
  snapshotAlarmAgeHours: positive.max(100000).default(72),
  snapshotAlarmSizeGB: positive.max(1000000).default(10),
  // Extension: how much memory the lab's grain maps may take; work that could pass it is refused.
  memoryBudgetMB: positive.max(64 * 1024).default(1024),
}).strict();

export const labDefinitionSchema = z.object({
  name: z.string().max(200).default('Untitled lab'),
  seed: z.number().int().min(0).max(2 ** 32 - 1).default(1),
  hosts: z.array(host).min(1).default([{ id: 'esx01', version: '4.0' }]),
  datastores: z.array(datastore).min(1).default([{ id: 'datastore1', capacityGB: 500, fs: 'vmfs3', blockSizeMB: 1, MBps: 100, otherUsedGB: 0 }]),
  vms: z.array(vm).max(200).default([]),
  settings: settings.default({ vmfsSparseGrowthStepMB: 16, seSparseGrowthStepMB: 1, workloadTickMs: 1000, snapshotAlarmAgeHours: 72, snapshotAlarmSizeGB: 10, memoryBudgetMB: 1024 }),
  backup: backupSchema.optional(),
}).strict().superRefine((lab, ctx) => {
  const unique = (items: { id: string }[], path: string) => {
    const seen = new Set<string>();
    items.forEach((it, i) => {
      if (seen.has(it.id)) ctx.addIssue({ code: 'custom', path: [path, i, 'id'], message: `duplicate id "${it.id}"` });
      seen.add(it.id);
    });
  };
  unique(lab.hosts, 'hosts');
  unique(lab.datastores, 'datastores');
  unique(lab.vms, 'vms');
  if (lab.backup) checkBackup(lab.backup, new Set(lab.vms.map((v) => v.id)), ctx);
  lab.datastores.forEach((d, i) => {
    if (d.capacityGB === undefined && d.capacityBytes === undefined) d.capacityGB = 500;
    if (d.capacityGB !== undefined && d.capacityBytes !== undefined)
      ctx.addIssue({ code: 'custom', path: ['datastores', i], message: 'give capacityGB or capacityBytes, not both' });
  });
  // A VM's name is also its folder and file names on the datastore, so two VMs cannot share one
  // (vCenter refuses a duplicate name as well); the default name is the id in capitals.
  const names = new Map<string, number>();
  lab.vms.forEach((v, i) => {
    const name = v.name ?? v.id.toUpperCase();
    const first = names.get(name);
    if (first !== undefined) ctx.addIssue({ code: 'custom', path: ['vms', i, 'name'], message: `duplicate VM name "${name}" (vms[${first}] has it): a VM's name is its folder on the datastore` });
    else names.set(name, i);
  });
  const hostIds = new Set(lab.hosts.map((h) => h.id));
  const dsIds = new Set(lab.datastores.map((d) => d.id));
  lab.vms.forEach((v, i) => {
    if (v.host !== undefined && !hostIds.has(v.host))
      ctx.addIssue({ code: 'custom', path: ['vms', i, 'host'], message: `expected the id of a host in "hosts" (${[...hostIds].join(', ')}), got "${v.host}"` });
    if (v.datastore !== undefined && !dsIds.has(v.datastore))
      ctx.addIssue({ code: 'custom', path: ['vms', i, 'datastore'], message: `expected the id of a datastore in "datastores" (${[...dsIds].join(', ')}), got "${v.datastore}"` });
    const diskIds = new Set<string>();
    (v.disks ?? []).forEach((d, j) => {
      if (diskIds.has(d.id)) ctx.addIssue({ code: 'custom', path: ['vms', i, 'disks', j, 'id'], message: `duplicate disk id "${d.id}"` });
      diskIds.add(d.id);
      if (d.capacityGB !== undefined && d.capacityBytes !== undefined)
        ctx.addIssue({ code: 'custom', path: ['vms', i, 'disks', j], message: 'give capacityGB or capacityBytes, not both' });
      const cap = d.capacityBytes ?? (d.capacityGB ?? 40) * GiB;
      if (d.usedGB !== undefined && d.usedGB * GiB > cap)
        ctx.addIssue({ code: 'custom', path: ['vms', i, 'disks', j, 'usedGB'], message: 'expected at most the disk capacity' });
      if (d.rdm && d.thin)
        ctx.addIssue({ code: 'custom', path: ['vms', i, 'disks', j, 'thin'], message: 'a raw device mapping maps a whole LUN: it is not thin' });
    });
    const w = v.workload;
    if (w?.profile === 'uniform') {
      const first = v.disks?.[0];
      const cap = first ? first.capacityBytes ?? (first.capacityGB ?? 40) * GiB : 40 * GiB;
      const why = uniformRefusal(w.writeBytes, w.regionGB, cap);
      if (why) ctx.addIssue({ code: 'custom', path: ['vms', i, 'workload', why.field], message: why.message });
    }
  });
});

export type LabDefinitionInput = z.input<typeof labDefinitionSchema>;
export type LabDefinition = z.output<typeof labDefinitionSchema>;
export type VmDefinition = LabDefinition['vms'][number];
export type DiskDefinition = NonNullable<VmDefinition['disks']>[number];
export type DatastoreDefinition = LabDefinition['datastores'][number];
export type HostDefinition = LabDefinition['hosts'][number];
export type { BackupDefinition, ProxyDefinition, JobDefinition, RepositoryDefinition } from './backupSchema';

/** Why a uniform workload does not fit the VM's first disk, naming the field, or null. */
export function uniformRefusal(writeBytes: number | undefined, regionGB: number | undefined, diskBytes: number): { field: 'writeBytes' | 'regionGB'; message: string } | null {
  const region = regionGB === undefined ? diskBytes : regionGB * GiB;
  if (region > diskBytes) return { field: 'regionGB', message: `expected at most the first disk's ${diskBytes / GiB} GB, got ${regionGB}` };
  if ((writeBytes ?? 4096) > region) return { field: 'writeBytes', message: `expected at most the region (${region} bytes), got ${writeBytes}` };
  return null;
}

export class LabDefinitionError extends Error {
  readonly code = 'INVALID_LAB';
  constructor(message: string, readonly issues: string[] = [message]) {
    super(message);
    this.name = 'LabDefinitionError';
  }
}

/** Parse a definition, or throw one error whose message names each bad field and what was expected. */
export function parseLabDefinition(input: unknown): LabDefinition {
  const r = labDefinitionSchema.safeParse(input);
  if (r.success) return r.data;
  const issues = r.error.issues.map((iss) => `${formatPath(iss.path)}: ${iss.message}`);
  throw new LabDefinitionError(`Invalid lab definition: ${issues.slice(0, 5).join('; ')}${issues.length > 5 ? ` (and ${issues.length - 5} more)` : ''}`, issues);
}

export function formatPath(path: readonly PropertyKey[]): string {
  if (!path.length) return '(the definition)';
  return path.map((p, i) => (typeof p === 'number' ? `[${p}]` : `${i ? '.' : ''}${String(p)}`)).join('');
}

export { GiB };

/** One VM of a lab definition: what a restore as a new VM registers (features/restore). */
export const vmDefinitionSchema = vm;

/** One datastore of a lab definition: what Instant VM Recovery mounts (features/restore). */
export const datastoreDefinitionSchema = datastore;
