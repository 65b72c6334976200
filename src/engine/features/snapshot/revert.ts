// Revert to Snapshot (rule 18): discard the current leaf of every dependent disk, start a new empty
// delta on the snapshot's recorded file, make it the current snapshot, and leave the VM powered as the
// snapshot was (memory: running or suspended; disk-only: powered off). The snapshot's files stay.
import type { LabContext } from '../context';
import type { Task } from '../../core/tasks';
import type { Vm } from '../../model/vm';
import type { CommandOf } from '../../core/commands';
import type { CommandResult } from '../../core/view';
import type { Snapshot } from '../../model/snapshot';
import { refuse, quote } from '../../core/result';
import { deltaFormatFor, newDeltaBytes } from './create';
import { setPower } from '../vm/power';
import { restoreAppData } from '../../model/guest/guestState';
import { copySpeed } from '../datastore/speed';
import { syncChangeTracking } from '../../model/disk/changeTracking';
import { disksWentBack } from '../directory/safeguards';

const CHANGES_DISKS = { changesDisks: true } as const;

export const REVERT_TASK = 'Revert to snapshot';

export function findSnapshot(_lab: LabContext, vm: Vm, ref: string): Snapshot | CommandResult {
  // A name finds a snapshot only when it is unique in the VM: never act on a guess.
  const named = vm.snapshots.filter((x) => x.name === ref);
  if (!vm.snapshots.some((x) => x.id === ref) && named.length > 1) {
    return refuse('SNAPSHOT_NAME_AMBIGUOUS', `${vm.name} has ${named.length} snapshots named ${quote(ref)} (${named.map((x) => x.id).join(', ')}); name one by its id.`);
  }
  const s = vm.snapshot(ref);
  if (s) return s;
  const list = vm.snapshots.map((x) => `${x.id} ("${x.name}")`).join(', ');
  return refuse('SNAPSHOT_NOT_FOUND', `${vm.name} has no snapshot ${quote(ref)}. ${list ? `Its snapshots: ${list}.` : 'It has no snapshots.'}`);
}

export function revertCommand(lab: LabContext, cmd: CommandOf<'snapshot.revert'>): CommandResult {
  const vm = lab.vm(cmd.vm)!;
  const found = findSnapshot(lab, vm, cmd.snapshot);
  if ('ok' in found) return found;
  const t = lab.task(REVERT_TASK, vm, vm.name, { kind: REVERT_START, args: [vm, found] }, CHANGES_DISKS);
  return { ok: true, task: t.id };
}

/** Job kinds of a revert task (lab/jobs.ts): its start, and the switch to the snapshot's state. */
export const REVERT_START = 'snapshot.revert.start';
export const REVERT_DONE = 'snapshot.revert.done';

export function revertStart(lab: LabContext, task: Task, vm: Vm, snap: Snapshot): void {
  if (!vm.snapshots.includes(snap)) { lab.fail(task, 'The object has already been deleted or has not been completely created.'); return; }
  if (vm.question) { lab.fail(task, 'The operation is not allowed in the current state.'); return; }
  // The new delta needs room, and a memory snapshot brings the swap file back.
  let need = snap.memory && vm.power !== 'poweredOn' ? vm.memoryBytes + 64 * 1024 : 0;
  for (const d of vm.disks) if (d.dependent) need += Math.max(16 * 1024 * 1024, newDeltaBytes(lab, vm, d));
  if (need > vm.datastore.freeBytes) { lab.fail(task, `Insufficient disk space on datastore '${vm.datastore.id}'.`); return; }
  vm.datastore.reserve(task.id, need);
  // Reading a memory image back takes as long as writing it did.
  const ms = 800 + (snap.memory ? vm.memoryBytes / copySpeed(lab, vm) : 0);
  task.ramp(lab.now, 5, 99, ms);
  lab.scheduler.call(ms, REVERT_DONE, vm, task, snap);
}

export function revertDone(lab: LabContext, vm: Vm, task: Task, snap: Snapshot): void {
  if (!vm.snapshots.includes(snap)) { lab.fail(task, 'The object has already been deleted or has not been completely created.'); return; }
  vm.datastore.release(task.id);
  revertTo(lab, vm, snap);
  lab.succeed(task);
}

export function revertTo(lab: LabContext, vm: Vm, snap: Snapshot): void {
  const referenced = new Set(vm.snapshots.flatMap((s) => [...s.files.values()]));
  for (const d of vm.disks) {
    const recorded = snap.files.get(d.id);
    if (!recorded) continue;
    const old = d.leaf;
    // The current state is discarded: its delta goes unless a snapshot still names it.
    if (old.isDelta && !referenced.has(old) && d.childrenOf(old).length === 0) d.removeFile(old);
    d.leaf = d.addDelta(recorded, deltaFormatFor(lab, vm, d.capacityBytes));
  }
  vm.pending = [];
  vm.held = [];
  // The disks went back in time: no change id taken since can describe them any more, so CBT starts
  // over and the next backup reads them whole (VMware's KB on reverting with CBT: a full backup after
  // a revert).
  syncChangeTracking(vm);
  for (const d of vm.disks) d.ctk?.reset(`${vm.name} was reverted to snapshot "${snap.name}"`);
  // The applications' files are back as they were: Exchange logs a backup truncated since, the
  // database header's last full backup, SQL Server's backup history.
  restoreAppData(vm.guest, snap.appData);
  // A host with VM-Generation ID tells the guest its disks went back (a DC then resets itself).
  disksWentBack(vm);
  vm.current = snap;
  const power = snap.memory ? (snap.powerState === 'suspended' ? 'suspended' : 'poweredOn') : 'poweredOff';
  // The current memory goes too: the running guest ends as at a power-off (an in-guest backup in
  // progress with it), and a memory snapshot brings back its own guest, not the one that was running.
  if (vm.power !== 'poweredOff') setPower(lab, vm, 'poweredOff', `reverted to snapshot "${snap.name}"`);
  setPower(lab, vm, power);
  lab.log(vm, 'vCenter', 'snapshot.reverted', `${vm.name} reverted to snapshot "${snap.name}"; it is ${power === 'poweredOn' ? 'powered on' : power === 'suspended' ? 'suspended' : 'powered off'}.`);
}
