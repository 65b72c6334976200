// Instant VM Recovery (restore.instant) and the move to production storage (restore.migrate), as
// Veeam's vPower NFS does it: the repository is mounted on the host as an NFS datastore, the VM is
// registered there and started from the backup files at once, and its writes go to a redo log beside
// them that grows like a snapshot's delta. Migrating copies the disks to a production datastore while
// the VM runs; only then is the redo log gone (docs/rules/restores.md rule 6).
import type { LabContext } from '../context';
import type { Vm } from '../../model/vm';
import type { Datastore } from '../../model/datastore/datastore';
import { startCall, type Task } from '../../core/tasks';
import type { CommandOf } from '../../core/commands';
import type { CommandResult } from '../../core/view';
import type { Repository } from '../backup/repository';
import { refuse, quote } from '../../core/result';
import { formatBytes } from '../../core/format';
import { vmIdFromName } from '../../core/ids';
import { datastoreDefinitionSchema, vmDefinitionSchema } from '../../core/schema';
import { usedBytes } from '../backup/repository';
import { VirtualDisk } from '../../model/disk/virtualDisk';
import { THIN_BLOCK_BYTES } from '../../model/disk/diskFile';
import { syncChangeTracking } from '../../model/disk/changeTracking';
import { setPower } from '../vm/power';
import { disksWentBack } from '../directory/safeguards';
import { applicationsAfterRestore } from './applications';
import { diskFromPoint } from './restoreVm';
import { inUseMap } from '../../model/disk/inUse';
import { findPoint } from './points';

export const INSTANT_TASK = 'Instant VM Recovery';
export const MIGRATE_TASK = 'Relocate virtual machine';
/** Mounting the datastore, registering the VM and starting it take a few seconds, not a copy. */
const INSTANT_MS = 20_000;

/**
 * The backup files are in the repository already: the NFS datastore shows them as used. The files of
 * the VMs running from it count as theirs (their base disks), with their redo logs on top.
 */
function publishBackupFiles(ds: Datastore, repository: Repository): void {
  const asVmDisks = ds.vms.reduce((a, v) => a + v.disks.reduce((b, d) => b + d.base.dataBytes, 0), 0);
  ds.otherUsedBytes = Math.max(0, usedBytes(repository) - asVmDisks);
}

/** The repository's NFS datastore: named after it (its id, or "<id>-nfs" when a datastore has that id). */
function nfsMount(lab: LabContext, repository: Repository): Datastore {
  const mine = lab.datastores.find((d) => d.nfsFor === repository.def.id);
  if (mine) return mine;
  const id = lab.datastore(repository.def.id) ? `${repository.def.id}-nfs` : repository.def.id;
  const ds = lab.addDatastore(datastoreDefinitionSchema.parse({
    id, name: `${repository.def.name ?? repository.def.id} (vPower NFS)`, capacityBytes: repository.capacityBytes, fs: 'nfs', MBps: repository.def.MBps,
  }));
  ds.nfsFor = repository.def.id;
  return ds;
}

export function instantCommand(lab: LabContext, repositories: readonly Repository[], cmd: CommandOf<'restore.instant'>): CommandResult {
  const found = findPoint(repositories, cmd.point);
  if ('ok' in found) return found;
  const { point, repository } = found;
  const source = lab.vm(point.vm);
  if (!source) return refuse('VM_NOT_FOUND', `The VM of restore point ${point.id} (${point.vm}) is not in this lab.`);
  const name = cmd.name ?? `${source.name}-instant`;
  const id = vmIdFromName(name, 'instant-vm');
  if (lab.vm(id) || lab.vms.some((v) => v.name.toLowerCase() === name.toLowerCase())) return refuse('NAME_IN_USE', `A virtual machine named ${quote(name)} already exists: choose another name.`);
  const ds = nfsMount(lab, repository);
  const vm = lab.addVm(vmDefinitionSchema.parse({
    id, name, host: source.host.id, datastore: ds.id, guest: source.guestOs, memoryMB: source.memoryMB, power: 'poweredOff',
    tools: { ...source.tools }, vssService: source.vssService, apps: [...source.apps], diskEnableUUID: source.diskEnableUUID,
    disks: point.disks.map((d) => ({ id: d.id, capacityBytes: d.capacityBytes, thin: true, usedGB: d.bytes / 1024 ** 3, role: source.disk(d.id)?.role })),
  }));
  vm.instantRecovery = { point: point.id, source: source.id, sourceDiskFormats: Object.fromEntries(point.disks.map((d) => [d.id, d.thin ? 'thin' : 'thick'])) };
  // The backup files hold exactly the point's blocks.
  vm.disks = vm.disks.map((d, i) => {
    const pd = point.disks.find((x) => x.id === d.id);
    return pd ? diskFromPoint(lab, vm, d, i, pd, true) : d;
  });
  publishBackupFiles(ds, repository);
  // Every write from now goes to a redo log beside the backup files, never into them.
  for (const d of vm.disks) if (d.dependent) d.leaf = d.addRedo();
  applicationsAfterRestore(lab, vm, point, new Set(point.disks.map((d) => d.id)));
  disksWentBack(vm);
  const copied = lab.workloads.get(source);
  lab.log(vm, 'backup', 'restore.instantStart', `Instant VM Recovery of ${source.name} from restore point ${point.id}: ${repository.def.id} mounted as NFS datastore ${ds.id}, ${vm.name} registered and starting; its writes go to redo logs on ${ds.id}.`);
  const task = lab.task(INSTANT_TASK, vm, vm.name, startCall(new InstantStart(lab, vm, copied ? { profile: copied.profile, iops: copied.writeIOPS } : null), 'start'));
  return { ok: true, task: task.id };
}

/** The instant start's task starts, as data: the VM boots from the backup files. */
class InstantStart {
  constructor(private readonly lab: LabContext, private readonly vm: Vm, private readonly workload: { profile: string; iops: number } | null) {}
  start(t: Task): void {
    t.ramp(this.lab.now, 5, 99, INSTANT_MS);
    this.lab.scheduler.afterCall(INSTANT_MS, new InstantStarted(this.lab, this.vm, t, this.workload), 'finish');
  }
}

/** The end of the instant start, as data. */
export class InstantStarted {
  constructor(private readonly lab: LabContext, private readonly vm: Vm, private readonly task: Task, private readonly workload: { profile: string; iops: number } | null) {}
  finish(): void {
    setPower(this.lab, this.vm, 'poweredOn');
    if (this.workload) this.lab.workloads.set(this.vm, this.workload.profile, this.workload.iops);
    this.lab.succeed(this.task);
  }
}

export function migrateCommand(lab: LabContext, repositories: readonly Repository[], cmd: CommandOf<'restore.migrate'>): CommandResult {
  const vm = lab.vm(cmd.vm)!;
  if (!vm.instantRecovery) return refuse('NOT_INSTANT_RECOVERY', `${vm.name} is not running from a backup: there is nothing to migrate (Instant VM Recovery starts one).`);
  if (vm.running?.name === MIGRATE_TASK || vm.queue.some((t) => t.name === MIGRATE_TASK)) {
    return refuse('MIGRATION_IN_PROGRESS', `${vm.name} is already being migrated to production storage: wait for that task to end.`);
  }
  const source = lab.vm(vm.instantRecovery.source);
  const target = cmd.datastore !== undefined ? lab.datastore(cmd.datastore) : source?.datastore ?? lab.datastores.find((d) => !d.nfsFor);
  if (!target) return refuse('DATASTORE_NOT_FOUND', `There is no datastore ${quote(cmd.datastore ?? '')}. Datastores: ${lab.datastores.map((d) => d.id).join(', ')}.`);
  if (target.nfsFor) return refuse('NOT_PRODUCTION_STORAGE', `${target.id} is the backup repository's NFS datastore: migrate ${vm.name} to production storage.`);
  const formats = targetFormats(vm, cmd.diskFormat ?? 'sameAsSource');
  // A thick disk takes its capacity at once; a thin one what the copy writes (the blocks in use).
  const need = vm.disks.reduce((a, d) => a + (formats[d.id] === 'thin' ? inUseBytes(d) : d.capacityBytes), 0) + vm.memoryBytes;
  if (need > target.freeBytes) return refuse('INSUFFICIENT_SPACE', `Insufficient disk space on datastore '${target.id}': ${vm.name} needs ${formatBytes(need)}, ${formatBytes(target.freeBytes)} is free.`);
  const task = lab.task(MIGRATE_TASK, vm, vm.name, startCall(new MigrateStart(lab, repositories, vm, target, formats), 'start'));
  return { ok: true, task: task.id };
}

type DiskFormats = Record<string, 'thin' | 'thick'>;

/**
 * The format each disk gets on production storage, as the vSphere Client's "Select virtual disk
 * format" of a Storage vMotion offers it: "Same format as source" (the default: the format the disk
 * had in the backed-up VM), or every disk thin, or every disk thick.
 */
function targetFormats(vm: Vm, choice: 'sameAsSource' | 'thin' | 'thick'): DiskFormats {
  const source = vm.instantRecovery?.sourceDiskFormats ?? {};
  return Object.fromEntries(vm.disks.map((d) => [d.id, choice === 'sameAsSource' ? source[d.id] ?? 'thick' : choice]));
}

/** What a copy of the disk writes: the 1 MB blocks the backup and the redo log hold. */
const inUseBytes = (d: VirtualDisk): number => Math.min(d.capacityBytes, inUseMap(d.chainTo(), d.capacityBytes).count * THIN_BLOCK_BYTES);

/** The migration's task starts, as data: the copy to production storage begins. */
class MigrateStart {
  constructor(
    private readonly lab: LabContext, private readonly repositories: readonly Repository[], private readonly vm: Vm,
    private readonly target: Datastore, private readonly formats: DiskFormats,
  ) {}
  start(t: Task): void {
    const { lab, vm, target } = this;
    const bytes = vm.disks.reduce((a, d) => a + d.chainTo().reduce((b, f) => b + dataOf(f), 0), 0);
    const perMs = Math.min(vm.datastore.bytesPerMs, target.bytesPerMs);
    const ms = Math.max(2000, Math.ceil(bytes / perMs));
    lab.log(vm, 'vCenter', 'restore.start', `Migrating ${vm.name} to ${target.id} while it runs (${formatBytes(bytes)}): its writes keep going to the redo logs until the switch.`);
    t.ramp(lab.now, 2, 99, ms);
    lab.scheduler.afterCall(ms, new MigrateFinish(lab, this.repositories, vm, target, t, this.formats), 'finish');
  }
}

const dataOf = (f: { grains: { count: number } | null; grainBytes: number; capacityBytes: number }): number =>
  f.grains ? f.grains.count * f.grainBytes : f.capacityBytes;

/** The switch to production storage, as data: new disks there, the redo logs gone. */
export class MigrateFinish {
  constructor(
    private readonly lab: LabContext, private readonly repositories: readonly Repository[],
    private readonly vm: Vm, private readonly target: Datastore, private readonly task: Task,
    private readonly formats: DiskFormats,
  ) {}

  finish(): void {
    const { lab, vm, target } = this;
    const from = vm.datastore;
    const redoBytes = vm.disks.reduce((a, d) => a + d.chainTo().filter((f) => f.format === 'redo').reduce((b, f) => b + f.dataBytes, 0), 0);
    vm.disks = vm.disks.map((d, i) => {
      // The copy holds the backup's blocks and the redo log's, merged: exactly those are in use.
      const blocks = inUseMap(d.chainTo(), d.capacityBytes);
      const data = Math.min(d.capacityBytes, blocks.count * THIN_BLOCK_BYTES);
      const disk = new VirtualDisk(d.id, d.mode, d.capacityBytes, this.formats[d.id] === 'thin', vm.folder, i === 0 ? vm.name : `${vm.name}_${i}`, data, lab.formatSettings, d.rdm, blocks);
      disk.controller = d.controller;
      disk.dynamic = d.dynamic;
      disk.role = d.role;
      return disk;
    });
    from.vms.splice(from.vms.indexOf(vm), 1);
    target.vms.push(vm);
    vm.datastore = target;
    const diskFormats: DiskFormats = Object.fromEntries(vm.disks.map((d) => [d.id, d.thin ? 'thin' : 'thick']));
    if (vm.instantRecovery) vm.migratedFromBackup = { ...vm.instantRecovery, from: from.id, to: target.id, at: lab.now, redoBytes, diskFormats };
    vm.instantRecovery = null;
    // The NFS datastore stays mounted, publishing the repository's backup files (vPower NFS).
    const repository = this.repositories.find((r) => r.def.id === from.nfsFor);
    if (repository) publishBackupFiles(from, repository);
    syncChangeTracking(vm);
    const w = lab.workloads.get(vm);
    if (w) lab.workloads.set(vm, w.profile, w.writeIOPS, w.uniform);
    lab.log(vm, 'vCenter', 'restore.migrated', `${vm.name} now runs from ${target.id}: its disks were copied there (${describeFormats(diskFormats)}) with the redo logs (${formatBytes(redoBytes)}) merged in, and the redo logs on ${from.id} are gone; ${from.id} stays mounted with the backup files.`);
    lab.succeed(this.task);
  }
}

/** "thin provisioned" when every disk is thin, "thick provisioned" when every one is thick, else each by its vSphere name. */
function describeFormats(f: DiskFormats): string {
  const kinds = Object.values(f);
  if (new Set(kinds).size === 1) return `${kinds[0]} provisioned`;
  return kinds.map((k, i) => `Hard disk ${i + 1} ${k}`).join(', ');
}
