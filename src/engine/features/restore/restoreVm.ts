// Full VM restore (restore.vm): a restore point's disks written back over the original VM (powered off
// first) or as a new VM on a chosen datastore, at the slower of the repository's and the datastore's
// speed, as a task (docs/restores.md). The restored disks hold the point's data and no snapshot; CBT
// starts over; the applications find what the point's image holds (applications.ts).
import type { LabContext } from '../context';
import type { Vm } from '../../model/vm';
import type { Datastore } from '../../model/datastore/datastore';
import { startCall, type Task } from '../../core/tasks';
import type { CommandOf } from '../../core/commands';
import type { CommandResult } from '../../core/view';
import type { Repository, RestorePoint } from '../backup/repository';
import { refuse, quote } from '../../core/result';
import { formatBytes } from '../../core/format';
import { vmIdFromName } from '../../core/ids';
import { vmDefinitionSchema } from '../../core/schema';
import { VirtualDisk } from '../../model/disk/virtualDisk';
import { syncChangeTracking } from '../../model/disk/changeTracking';
import { setPower } from '../vm/power';
import { disksWentBack } from '../directory/safeguards';
import { applicationsAfterRestore } from './applications';
import { diskSpace, findPoint, restoreMs, type Found } from './points';

export const RESTORE_TASK = 'Restore VM from backup';

export function restoreVmCommand(lab: LabContext, repositories: readonly Repository[], cmd: CommandOf<'restore.vm'>): CommandResult {
  const found = findPoint(repositories, cmd.point);
  if ('ok' in found) return found;
  const { point } = found;
  const source = lab.vm(point.vm);
  if (cmd.mode === 'overwrite') {
    if (cmd.vm !== undefined && cmd.vm !== point.vm) {
      return refuse('POINT_OF_ANOTHER_VM', `Restore point ${point.id} holds ${source?.name ?? point.vm}, not ${lab.vm(cmd.vm)!.name}: an overwrite restore writes a VM's own point back. Restore it as a new VM instead.`);
    }
    if (!source) return refuse('VM_NOT_FOUND', `The VM of restore point ${point.id} (${point.vm}) is not in this lab: restore it as a new VM.`);
    const unknown = (cmd.disks ?? []).filter((id) => !point.disks.some((d) => d.id === id));
    if (unknown.length) return refuse('DISK_NOT_FOUND', `Restore point ${point.id} has no disk ${unknown.map(quote).join(', ')}; its disks: ${point.disks.map((d) => d.id).join(', ')}.`);
    if (cmd.disks && source.snapshots.length) {
      return refuse('HAS_SNAPSHOTS', `${source.name} has snapshots: restoring some of its disks would leave the others on a chain of deltas. Delete its snapshots first, or restore the whole VM.`);
    }
    const ids = cmd.disks ?? point.disks.map((d) => d.id);
    const task = lab.task(RESTORE_TASK, source, source.name, startCall(new RestoreStart(lab, found, source, source.datastore, ids, cmd.powerOn ?? false), 'start'), { changesDisks: true });
    return { ok: true, task: task.id };
  }
  const ds = lab.datastore(cmd.datastore!);
  if (!ds) return refuse('DATASTORE_NOT_FOUND', `There is no datastore ${quote(cmd.datastore!)}. Datastores: ${lab.datastores.map((d) => d.id).join(', ')}.`);
  const name = cmd.name!;
  const id = newVmId(lab, name);
  if (!id) return refuse('NAME_IN_USE', `A virtual machine named ${quote(name)} already exists: choose another name.`);
  if (!source) return refuse('VM_NOT_FOUND', `The VM of restore point ${point.id} (${point.vm}) is not in this lab.`);
  const need = diskSpace(point) + source.memoryBytes;
  if (need > ds.freeBytes) return refuse('INSUFFICIENT_SPACE', `Insufficient disk space on datastore '${ds.id}': the restored VM needs ${formatBytes(need)}, ${formatBytes(ds.freeBytes)} is free.`);
  const vm = lab.addVm(vmDefinitionSchema.parse({
    id, name, host: source.host.id, datastore: ds.id, guest: source.guestOs, memoryMB: source.memoryMB, power: 'poweredOff',
    tools: { ...source.tools }, vssService: source.vssService, apps: [...source.apps], diskEnableUUID: source.diskEnableUUID,
    disks: point.disks.map((d) => ({ id: d.id, capacityBytes: d.capacityBytes, thin: d.thin, usedGB: 0, role: source.disk(d.id)?.role })),
  }));
  const copied = lab.workloads.get(source);
  if (copied) lab.workloads.set(vm, copied.profile, copied.writeIOPS, copied.uniform);
  lab.log(vm, 'backup', 'restore.start', `${vm.name} registered on datastore ${ds.id} for a restore of ${source.name} from restore point ${point.id}.`);
  const task = lab.task(RESTORE_TASK, vm, vm.name, startCall(new RestoreStart(lab, found, vm, ds, point.disks.map((d) => d.id), cmd.powerOn ?? false), 'start'), { changesDisks: true });
  return { ok: true, task: task.id };
}

/** A new VM's id from its name ("EXCH01-restored" -> "exch01-restored"), or null when taken. */
function newVmId(lab: LabContext, name: string): string | null {
  const id = vmIdFromName(name, 'restored-vm');
  if (lab.vm(id) || lab.vms.some((v) => v.name.toLowerCase() === name.toLowerCase())) return null;
  return id;
}

/** A restore task's start, as data (a lab with the task queued can be copied). */
class RestoreStart {
  constructor(
    private readonly lab: LabContext, private readonly found: Found, private readonly vm: Vm,
    private readonly ds: Datastore, private readonly ids: string[], private readonly powerOn: boolean,
  ) {}
  start(t: Task): void { startRestore(this.lab, this.found, this.vm, this.ds, this.ids, t, this.powerOn); }
}

function startRestore(lab: LabContext, found: Found, vm: Vm, ds: Datastore, ids: string[], t: Task, powerOn: boolean): void {
  const { point, repository } = found;
  if (vm.power !== 'poweredOff') setPower(lab, vm, 'poweredOff', 'powered off for a restore');
  const bytes = point.disks.filter((d) => ids.includes(d.id)).reduce((a, d) => a + d.bytes, 0);
  const ms = restoreMs(lab, repository, ds, bytes);
  lab.log(vm, 'backup', 'restore.start',
    `Restoring ${vm.name} from restore point ${point.id} (${point.kind}, ${point.consistency}${point.applicationAware ? ', application-aware' : ''}): ${formatBytes(bytes)} from ${repository.def.name ?? repository.def.id} to ${ds.id}.`);
  t.ramp(lab.now, 2, 99, ms);
  lab.scheduler.afterCall(ms, new RestoreFinish(lab, found, vm, ids, t, powerOn), 'finish');
}

/** The end of a restore, as data (so a lab with a restore in flight can still be copied). */
export class RestoreFinish {
  constructor(
    private readonly lab: LabContext, private readonly found: Found, private readonly vm: Vm,
    private readonly ids: string[], private readonly task: Task, private readonly powerOn: boolean,
  ) {}

  finish(): void {
    const { lab, vm, task } = this;
    const { point, repository } = this.found;
    if (!repository.points.includes(point)) { lab.fail(task, `Restore point ${point.id} no longer exists: retention merged it while it was being restored.`); return; }
    writeBack(lab, vm, point, this.ids);
    lab.log(vm, 'backup', 'restore.done', `${vm.name} restored from restore point ${point.id}: ${this.ids.map((id) => diskWords(vm, id)).join(', ')} as at ${pointTime(point)}; no snapshots; Changed Block Tracking starts over.`);
    lab.succeed(task);
    if (this.powerOn) setPower(lab, vm, 'poweredOn');
  }
}

/** A disk as vSphere numbers it ("Hard disk 2"), the way the page and the events name disks. */
const diskWords = (vm: Vm, id: string): string => {
  const i = vm.disks.findIndex((d) => d.id === id);
  return i < 0 ? id : `Hard disk ${i + 1}`;
};

const pointTime = (p: RestorePoint): string => `${Math.floor(p.time / 3_600_000)}:${String(Math.floor(p.time / 60_000) % 60).padStart(2, '0')}`;

/** Replace the disks with the point's data: a fresh base each, no deltas, no snapshots. */
export function writeBack(lab: LabContext, vm: Vm, point: RestorePoint, ids: readonly string[]): void {
  const restored = new Set(ids);
  if (restored.size === vm.disks.filter((d) => d.dependent).length || vm.snapshots.length === 0) {
    vm.snapshots = [];
    vm.current = null;
  }
  vm.disks = vm.disks.map((d, i) => {
    const pd = point.disks.find((x) => x.id === d.id);
    if (!pd || !restored.has(d.id)) return d;
    return diskFromPoint(lab, vm, d, i, pd, d.thin);
  });
  vm.pending = [];
  vm.held = [];
  // New disks: no change id describes them, tracking starts over (the next backup is full).
  syncChangeTracking(vm);
  for (const d of vm.disks) if (restored.has(d.id)) d.ctk?.reset(`${vm.name} was restored from backup`);
  applicationsAfterRestore(lab, vm, point, restored);
  disksWentBack(vm);
  // The guest's writes now go to the new disks.
  const w = lab.workloads.get(vm);
  if (w) lab.workloads.set(vm, w.profile, w.writeIOPS, w.uniform);
}

/**
 * A fresh base disk in `d`'s place holding exactly the point's blocks (shared copy on write with the
 * point), or, for a point that kept no block map, its bytes from the start of the disk.
 */
export function diskFromPoint(lab: LabContext, vm: Vm, d: VirtualDisk, i: number, pd: RestorePoint['disks'][number], thin: boolean): VirtualDisk {
  const disk = new VirtualDisk(d.id, d.mode, d.capacityBytes, thin, vm.folder, i === 0 ? vm.name : `${vm.name}_${i}`, pd.bytes, lab.formatSettings, d.rdm, pd.blocks ?? null);
  disk.controller = d.controller;
  disk.dynamic = d.dynamic;
  disk.role = d.role;
  return disk;
}
