// Delete Snapshot, Delete All and Consolidate as vSphere tasks (rules 20-26). The tree changes at
// once when the task starts (the snapshot leaves Snapshot Manager); the disk merges follow in time.
// Each task starts as a job kind of lab/jobs.ts with its arguments (data).
import type { LabContext } from '../context';
import type { Vm } from '../../model/vm';
import type { CommandOf } from '../../core/commands';
import type { CommandResult } from '../../core/view';
import type { Snapshot } from '../../model/snapshot';
import type { Task } from '../../core/tasks';
import { refuse } from '../../core/result';
import { hostHas } from '../../core/hostVersions';
import { findSnapshot } from './revert';
import { runConsolidation, deleteAllOrder, nextStep } from './consolidate';
import { syncChangeTracking } from '../../model/disk/changeTracking';

const CHANGES_DISKS = { changesDisks: true } as const;

export const REMOVE_TASK = 'Remove snapshot';
export const REMOVE_ALL_TASK = 'Remove all snapshots';
export const CONSOLIDATE_TASK = 'Consolidate virtual machine disk files';

function subtree(vm: Vm, root: Snapshot): Snapshot[] {
  const out = [root];
  for (let i = 0; i < out.length; i++) out.push(...vm.childrenOf(out[i]));
  return out;
}

/** Take snapshots out of the tree: their .vmsn/.vmem go; children move up; "You are here" too. */
function dropSnapshots(lab: LabContext, vm: Vm, gone: Snapshot[]): void {
  const set = new Set(gone);
  const survivorParent = (s: Snapshot | null): Snapshot | null => { while (s && set.has(s)) s = s.parent; return s; };
  for (const s of vm.snapshots) if (!set.has(s)) s.parent = survivorParent(s.parent);
  vm.current = survivorParent(vm.current);
  vm.snapshots = vm.snapshots.filter((s) => !set.has(s));
  for (const s of gone) lab.log(vm, 'vCenter', 'snapshot.removed', `Snapshot "${s.name}" of ${vm.name} removed.`);
}

export function deleteCommand(lab: LabContext, cmd: CommandOf<'snapshot.delete'>): CommandResult {
  const vm = lab.vm(cmd.vm)!;
  const found = findSnapshot(lab, vm, cmd.snapshot);
  if ('ok' in found) return found;
  const t = lab.task(REMOVE_TASK, vm, vm.name, { kind: REMOVE_START, args: [vm, found, cmd.removeChildren === true] }, CHANGES_DISKS);
  return { ok: true, task: t.id };
}

/** Job kinds that start the tasks of this file (lab/jobs.ts). */
export const REMOVE_START = 'snapshot.delete.start';
export const REMOVE_ALL_START = 'snapshot.deleteAll.start';
export const CONSOLIDATE_START = 'vm.consolidate.start';

export function removeStart(lab: LabContext, task: Task, vm: Vm, snap: Snapshot, removeChildren: boolean): void {
  if (!vm.snapshots.includes(snap)) { lab.fail(task, 'The object has already been deleted or has not been completely created.'); return; }
  if (vm.question) { lab.fail(task, 'The operation is not allowed in the current state.'); return; }
  // A delete is a stun/unstun cycle too: a pending ctkEnabled takes effect (backup rule 7).
  syncChangeTracking(vm);
  dropSnapshots(lab, vm, removeChildren ? subtree(vm, snap) : [snap]);
  runConsolidation(lab, vm, 'nearestFirst', { task, progressFrom: 5, progressTo: 99, verb: 'Removing the snapshot' });
}

export function deleteAllCommand(lab: LabContext, cmd: CommandOf<'snapshot.deleteAll'>): CommandResult {
  const vm = lab.vm(cmd.vm)!;
  const t = lab.task(REMOVE_ALL_TASK, vm, vm.name, { kind: REMOVE_ALL_START, args: [vm] }, CHANGES_DISKS);
  return { ok: true, task: t.id };
}

export function removeAllStart(lab: LabContext, task: Task, vm: Vm): void {
  if (vm.question) { lab.fail(task, 'The operation is not allowed in the current state.'); return; }
  syncChangeTracking(vm);
  dropSnapshots(lab, vm, [...vm.snapshots]);
  runConsolidation(lab, vm, deleteAllOrder(vm), { task, progressFrom: 5, progressTo: 99, verb: 'Delete All' });
}

export function consolidateCommand(lab: LabContext, cmd: CommandOf<'vm.consolidate'>): CommandResult {
  const vm = lab.vm(cmd.vm)!;
  // ConsolidateVMDisks_Task arrived with vSphere 5.0 (rule 26).
  if (!hostHas(vm.host.version, 'consolidateCommand')) {
    return refuse('NOT_SUPPORTED', `Consolidate needs ESXi 5.0 or later; ${vm.host.id} runs ESX ${vm.host.version}. There, take a new snapshot and use Delete All to merge deltas that no snapshot names.`);
  }
  const t = lab.task(CONSOLIDATE_TASK, vm, vm.name, { kind: CONSOLIDATE_START, args: [vm] }, CHANGES_DISKS);
  return { ok: true, task: t.id };
}

export function consolidateStart(lab: LabContext, task: Task, vm: Vm): void {
  if (vm.question) { lab.fail(task, 'The operation is not allowed in the current state.'); return; }
  syncChangeTracking(vm);
  if (!nextStep(vm, 'nearestFirst')) lab.log(vm, 'vCenter', 'disk.consolidated', `${vm.name}: no disks need consolidation.`);
  runConsolidation(lab, vm, 'nearestFirst', { task, progressFrom: 5, progressTo: 99, verb: 'Consolidation' });
}
