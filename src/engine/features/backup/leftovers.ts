// What a job's runs left behind on a VM: its snapshot still in the tree (the application died before
// removing it, or the removal was refused), or deltas of a removal whose merge failed (consolidation
// needed from 5.0, orphaned deltas before). The next run looks for them first and says so, as backup
// products do ("snapshot left by a previous run"), and its VM result is then at least a warning.
import type { LabContext } from '../context';
import type { Vm } from '../../model/vm';
import type { Snapshot } from '../../model/snapshot';
import type { Job, Leftover, Run } from './model';
import { redundantFiles } from '../snapshot/consolidate';
import { clock } from './clock';

export function recordLeftover(job: Job, vm: Vm, snap: Snapshot, run: Run, kind: Leftover['kind'], at: number): void {
  const list = (job.leftovers.get(vm.id) ?? []).filter((l) => l.snapshot !== snap.id);
  list.push({ kind, snapshot: snap.id, name: snap.name, runNumber: run.number, at });
  job.leftovers.set(vm.id, list);
}

export function forgetLeftover(job: Job, vm: Vm, snapshot: string): void {
  const list = (job.leftovers.get(vm.id) ?? []).filter((l) => l.snapshot !== snapshot);
  if (list.length) job.leftovers.set(vm.id, list); else job.leftovers.delete(vm.id);
}

/** The leftovers still there, described in a sentence (null when there are none). */
export function noticeLeftover(lab: LabContext, job: Job, vm: Vm): string | null {
  const pending = redundantFiles(vm).length > 0;
  const still = (job.leftovers.get(vm.id) ?? []).filter((l) =>
    l.kind === 'snapshot' ? vm.snapshots.some((s) => s.id === l.snapshot) : pending);
  if (still.length) job.leftovers.set(vm.id, still); else job.leftovers.delete(vm.id);
  if (!still.length) return null;
  const said = still.map((l) => l.kind === 'snapshot'
    ? `snapshot "${l.name}" left by run ${l.runNumber} (${clock(l.at)}) is still on ${vm.name}`
    : vm.host.atLeast('5.0')
      ? `${vm.name} still needs disk consolidation since run ${l.runNumber} (${clock(l.at)}) could not remove its snapshot`
      : `orphaned deltas of run ${l.runNumber} (${clock(l.at)}) are still on the datastore, named by no snapshot`);
  const text = `Found what an earlier run left: ${said.join('; ')}. Remove it (Delete Snapshot${vm.host.atLeast('5.0') ? ', Consolidate' : ', or a new snapshot and Delete All'}) before it grows.`;
  lab.log(vm, 'backup', 'backup.leftover', `Backup job "${job.def.name ?? job.def.id}": ${text}`);
  return text;
}
