// Snapshot hunting (backup rule 12): before its own work on a VM, a job removes what its earlier runs
// left there, as Veeam's Snapshot Hunter does (v8+): its snapshot still in the tree is removed, and
// deltas a failed removal left are consolidated (Consolidate needs 5.0; before it they stay). Each is
// the ordinary vSphere task; one that fails (a lock still held, say) leaves the leftover, and the run
// goes on with a warning.
import type { LabContext } from '../context';
import type { Vm } from '../../model/vm';
import type { Job, Leftover } from './model';
import { deleteCommand, consolidateCommand } from '../snapshot/remove';
import { forgetLeftover } from './leftovers';
import { redundantFiles } from '../snapshot/consolidate';

export function huntLeftovers(lab: LabContext, job: Job, vm: Vm, done: (said: string | null, stillThere: boolean) => void): void {
  const list = [...(job.leftovers.get(vm.id) ?? [])];
  if (!list.length) { done(null, false); return; }
  const said: string[] = [];
  const next = (i: number): void => {
    if (i >= list.length) {
      const still = (job.leftovers.get(vm.id) ?? []).length > 0;
      done(`Snapshot hunting: ${said.join('; ')}.`, still);
      return;
    }
    const l = list[i];
    const r = l.kind === 'snapshot'
      ? deleteCommand(lab, { type: 'snapshot.delete', vm: vm.id, snapshot: l.snapshot })
      : vm.host.atLeast('5.0') ? consolidateCommand(lab, { type: 'vm.consolidate', vm: vm.id }) : null;
    const t = r && r.ok && r.task ? lab.taskById(r.task) : undefined;
    if (!t) {
      said.push(r ? `could not start removing ${what(l)}` : `${what(l)} stay: ESX ${vm.host.version} has no Consolidate`);
      next(i + 1);
      return;
    }
    t.whenDone(() => {
      const gone = l.kind === 'snapshot' ? !vm.snapshots.some((s) => s.id === l.snapshot) : redundantFiles(vm).length === 0;
      if (gone) forgetLeftover(job, vm, l.snapshot);
      said.push(gone ? `${l.kind === 'snapshot' ? 'removed' : 'consolidated'} ${what(l)}` : `${what(l)} stay: ${t.error?.message ?? 'the task failed'}`);
      next(i + 1);
    });
  };
  lab.log(vm, 'backup', 'backup.hunt', `Backup job "${job.def.name ?? job.def.id}" looks for its own leftover snapshots on ${vm.name} and removes them before its work.`);
  next(0);
}

const what = (l: Leftover): string => l.kind === 'snapshot' ? `snapshot "${l.name}" of run ${l.runNumber}` : `the deltas run ${l.runNumber} left`;
