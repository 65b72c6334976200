// Snapshot hunting (backup rule 12): before its own work on a VM, a job removes what its earlier runs
// left there, as Veeam's Snapshot Hunter does (v8+): its snapshot still in the tree is removed, and
// deltas a failed removal left are consolidated (Consolidate needs 5.0; before it they stay). Each is
// the ordinary vSphere task; one that fails (a lock still held, say) leaves the leftover, and the run
// goes on with a warning. The hunt is data (a Hunt and job kinds), so a lab can be copied mid-hunt.
import type { LabContext } from '../context';
import type { Vm } from '../../model/vm';
import type { Task } from '../../core/tasks';
import type { JobCall } from '../../core/scheduler';
import type { Job, Leftover } from './model';
import { deleteCommand, consolidateCommand } from '../snapshot/remove';
import { forgetLeftover } from './leftovers';
import { redundantFiles } from '../snapshot/consolidate';
import { HUNT_STEP } from './kinds';
import { afterTask } from './work';

/** A hunt in progress: the leftovers to remove, the next one, what was said; `then` gets (said, stillThere). */
export interface Hunt { job: Job; vm: Vm; list: Leftover[]; i: number; said: string[]; then: JobCall }

export function huntLeftovers(lab: LabContext, job: Job, vm: Vm, then: JobCall): void {
  const list = [...(job.leftovers.get(vm.id) ?? [])];
  if (!list.length) { finish(lab, then, null, false); return; }
  lab.log(vm, 'backup', 'backup.hunt', `Backup job "${job.def.name ?? job.def.id}" looks for its own leftover snapshots on ${vm.name} and removes them before its work.`);
  next(lab, { job, vm, list, i: 0, said: [], then });
}

function next(lab: LabContext, h: Hunt): void {
  const { job, vm } = h;
  if (h.i >= h.list.length) {
    const still = (job.leftovers.get(vm.id) ?? []).length > 0;
    finish(lab, h.then, `Snapshot hunting: ${h.said.join('; ')}.`, still);
    return;
  }
  const l = h.list[h.i];
  const r = l.kind === 'snapshot'
    ? deleteCommand(lab, { type: 'snapshot.delete', vm: vm.id, snapshot: l.snapshot })
    : vm.host.atLeast('5.0') ? consolidateCommand(lab, { type: 'vm.consolidate', vm: vm.id }) : null;
  const t = r && r.ok && r.task ? lab.taskById(r.task) : undefined;
  if (!t) {
    h.said.push(r ? `could not start removing ${what(l)}` : `${what(l)} stay: ESX ${vm.host.version} has no Consolidate`);
    h.i++;
    next(lab, h);
    return;
  }
  afterTask(lab, t, HUNT_STEP, h, t);
}

/** Job kind HUNT_STEP: the removal of the hunt's current leftover has ended. */
export function huntStep(lab: LabContext, h: Hunt, t: Task): void {
  const { job, vm } = h;
  const l = h.list[h.i];
  const gone = l.kind === 'snapshot' ? !vm.snapshots.some((s) => s.id === l.snapshot) : redundantFiles(vm).length === 0;
  if (gone) forgetLeftover(job, vm, l.snapshot);
  h.said.push(gone ? `${l.kind === 'snapshot' ? 'removed' : 'consolidated'} ${what(l)}` : `${what(l)} stay: ${t.error?.message ?? 'the task failed'}`);
  h.i++;
  next(lab, h);
}

function finish(lab: LabContext, then: JobCall, said: string | null, stillThere: boolean): void {
  lab.scheduler.runCall({ kind: then.kind, args: [...then.args, said, stillThere] });
}

const what = (l: Leftover): string => l.kind === 'snapshot' ? `snapshot "${l.name}" of run ${l.runNumber}` : `the deltas run ${l.runNumber} left`;
