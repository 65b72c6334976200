// state(): the plain-JSON view of the lab (docs/api.md, "The state view"). The page and the CLI show only this.
import type { Lab } from './lab';
import type { Vm } from '../model/vm';
import type { StateView, VmView, DiskView, WarningView, WriterView } from '../core/view';
import { redundantFiles } from '../features/snapshot/consolidate';
import { writerStateText, writerErrorText } from '../features/vss/writerText';
import { freezeWindowMs } from '../features/vss/writers';
import type { DiskFile } from '../model/disk/diskFile';
import type { VirtualDisk } from '../model/disk/virtualDisk';
import { hostHas } from '../core/hostVersions';

const fileView = (vm: Vm, disk: string, f: DiskFile) => ({ disk, file: `[${vm.datastore.id}] ${f.path}`, dataBytes: f.dataBytes, sizeBytes: f.sizeBytes });
import { appsView, guestView } from '../features/vss/guestView';
import { snapshotAlarms } from '../features/alarms/snapshotAlarms';

const READ_LATENCY_MS = 5;          // one file's metadata and data read on 2010-era storage
const PER_LEVEL_LATENCY_MS = 0.35;  // each extra delta consulted adds a grain-directory lookup

export function buildStateView(lab: Lab): StateView {
  const now = lab.now;
  const newest = lab.hosts.reduce((a, h) => (h.atLeast(a) ? h.version : a), lab.hosts[0].version);
  return {
    name: lab.definition.name,
    seed: lab.seed,
    time: now,
    hosts: lab.hosts.map((h) => ({ id: h.id, version: h.version })),
    datastores: lab.datastores.map((ds) => {
      const files = ds.files();
      const used = ds.otherUsedBytes + files.reduce((a, f) => a + f.sizeBytes, 0);
      return {
        id: ds.id, fs: ds.fs, capacityBytes: ds.capacityBytes, usedBytes: used,
        freeBytes: Math.max(0, ds.capacityBytes - used), reservedBytes: ds.reservedBytes, otherUsedBytes: ds.otherUsedBytes,
        peakUsedBytes: Math.max(ds.peakUsedBytes, used), MBps: ds.slowMBps ?? ds.MBps,
        maxFileBytes: ds.maxFileBytesFor(newest), files,
      };
    }),
    vms: lab.vms.map((vm) => vmView(lab, vm)),
    backupJobs: lab.backup.view(),
    repositories: lab.backup.repositoryView(),
    restorePoints: lab.backup.restorePointView(),
    tasks: lab.tasks.map((t) => t.view(now)),
    events: lab.events.list.slice(),
  };
}

function vmView(lab: Lab, vm: Vm): VmView {
  const redundant = redundantFiles(vm);
  const consolidationCapable = hostHas(vm.host.version, 'consolidateCommand');
  const busy = vm.running !== null && vm.running.changesDisks;
  const warnings: WarningView[] = [];
  const depth = vm.branchDepth;
  // Rule 14: the chain and age flags are SnapLab's advice (VMware Partner Exchange 2010, session TECHBC0320; KB 1025279), not vSphere's.
  if (depth > 20) warnings.push({ code: 'SNAPSHOT_CHAIN_LONG', source: 'SnapLab', message: `${depth} snapshots in the chain: more than 20 can cause performance problems.` });
  const oldest = vm.snapshots.reduce((a, s) => Math.min(a, s.createdAt), Infinity);
  if (vm.snapshots.length && lab.now - oldest > 72 * 3600_000) warnings.push({ code: 'SNAPSHOT_OLD', source: 'SnapLab', message: 'A snapshot is older than 72 hours: best practice keeps none longer than 24-72 hours.' });
  if (vm.question) warnings.push({ code: 'VM_QUESTION', source: 'vSphere', message: `${vm.name} is paused waiting for an answer.` });
  if (redundant.length && consolidationCapable && !busy) warnings.push({ code: 'CONSOLIDATION_NEEDED', source: 'vSphere', message: 'Virtual machine disks consolidation is needed.' });
  const writers: WriterView[] = vm.guest.writers.map((w) => ({
    name: w.name, id: w.id, instanceId: w.instanceId, state: w.state, stateText: writerStateText(w.state),
    lastError: w.lastError, lastErrorText: writerErrorText(w.lastError), service: w.service,
    freezeTimeoutMs: freezeWindowMs(w.name),
  }));
  const wl = lab.workloads.get(vm);
  return {
    id: vm.id, name: vm.name, host: vm.host.id, datastore: vm.datastore.id, guest: vm.guestOs,
    memoryMB: vm.memoryMB, power: vm.power,
    question: vm.question ? { id: vm.question.id, text: vm.question.text, choices: [...vm.question.choices] } : null,
    stunned: lab.now < vm.stunnedUntil || vm.ioHeld,
    savingMemory: lab.now < vm.checkpointUntil,
    tools: { status: vm.tools.status === 'running' && vm.power !== 'poweredOn' ? 'notRunning' : vm.tools.status, build: vm.tools.build, vss: vm.tools.vss },
    vssService: vm.vssService, diskEnableUUID: vm.diskEnableUUID, diskEnableUUIDInEffect: vm.diskEnableUUIDInEffect,
    toolsConf: { ...vm.toolsConf }, vmx: { ...vm.vmx },
    scripts: { preFreeze: vm.scripts.preFreeze ?? null, postThaw: vm.scripts.postThaw ?? null }, installedApps: [...vm.apps],
    workload: { profile: wl?.profile ?? 'none', writeIOPS: wl?.writeIOPS ?? 0 },
    currentSnapshot: vm.current ? vm.current.id : null,
    snapshots: vm.snapshots.map((s) => ({
      id: s.id, name: s.name, description: s.description, parent: s.parent ? s.parent.id : null,
      createdAt: s.createdAt, memory: s.memory, quiesced: s.quiesced, consistency: s.consistency,
      powerState: s.powerState,
      files: [...s.files].map(([disk, f]) => fileView(vm, disk, f)),
      deltas: [...s.files].flatMap(([disk, f]) => vm.disk(disk)!.childrenOf(f).map((c) => fileView(vm, disk, c))),
    })),
    snapshotCount: vm.snapshots.length,
    consolidationNeeded: consolidationCapable && !busy && redundant.length > 0,
    instantRecovery: vm.instantRecovery && { ...vm.instantRecovery, sourceDiskFormats: { ...vm.instantRecovery.sourceDiskFormats } },
    migratedFromBackup: vm.migratedFromBackup && { ...vm.migratedFromBackup, sourceDiskFormats: { ...vm.migratedFromBackup.sourceDiskFormats }, diskFormats: { ...vm.migratedFromBackup.diskFormats } },
    orphanedDeltas: consolidationCapable ? [] : redundant.map((f) => `[${vm.datastore.id}] ${f.path}`),
    ctkEnabled: vm.ctkEnabled,
    alarms: snapshotAlarms(lab, vm),
    warnings,
    faults: vm.faults.map((f) => ({ id: f.id, kind: f.spec.kind, once: f.spec.once === true, spec: { ...f.spec } })),
    disks: vm.disks.map((d, i): DiskView => {
      const chain = d.chainTo();
      const { chainDepth, readAmplification, expected: amp } = diskChainFigures(d, chain);
      return {
        id: d.id, label: `Hard disk ${i + 1}`, mode: d.mode, role: d.role, capacityBytes: d.capacityBytes, thin: d.thin,
        chain: chain.map((f) => ({
          file: `[${vm.datastore.id}] ${f.path}`, extent: `[${vm.datastore.id}] ${f.extentPath}`, format: f.format,
          grainBytes: f.isBase ? (f.format === 'thin' ? f.grainBytes : 512) : f.grainBytes,
          dataBytes: f.dataBytes, sizeBytes: f.sizeBytes, occupancy: f.occupancy(),
          ...(f.helper ? { consolidateHelper: true } : {}),
        })),
        chainDepth,
        readAmplification,
        readLatencyMs: Math.round((READ_LATENCY_MS + (amp - 1) * PER_LEVEL_LATENCY_MS + (chain.length - 1) * 0.05) * 100) / 100,
      };
    }),
    writers,
    apps: appsView(vm),
    ...guestView(vm),
  };
}

/**
 * Rule 12's figures of a disk, as DiskView and UsageView give them: the deltas above the base, and the
 * files a random read consults (rounded; `expected` unrounded, for the read latency).
 */
export function diskChainFigures(d: VirtualDisk, chain: readonly DiskFile[]): { chainDepth: number; readAmplification: number; expected: number } {
  const expected = d.readAmplification();
  return { chainDepth: chain.length - 1, readAmplification: Math.round(expected * 1000) / 1000, expected };
}
