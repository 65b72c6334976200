// One run of a job: a lab task with progress that backs up the job's VMs one after another. The run
// ends with the worst of its VMs' results (success < warning < failed); a crash of the backup
// application ends it at once and leaves the VMs after the crashed one unprocessed.
import type { LabContext } from '../context';
import type { Task } from '../../core/tasks';
import { type Job, type Run, type RunState, MAX_RUNS } from './model';
import { backupVm, type VmOutcome } from './vmRun';

export const RUN_TASK = 'Run backup job';

const RANK: Record<RunState, number> = { running: 0, success: 1, warning: 2, failed: 3 };
export const worst = (states: RunState[]): RunState => states.reduce<RunState>((a, s) => (RANK[s] > RANK[a] ? s : a), 'success');

export function startRun(lab: LabContext, job: Job, trigger: Run['trigger']): Run {
  const number = ++job.runCount;
  const run: Run = { id: `${job.def.id}-${number}`, number, task: '', trigger, start: lab.now, end: null, state: 'running', vms: [] };
  job.running = run;
  job.runs.push(run);
  if (job.runs.length > MAX_RUNS) job.runs.splice(0, job.runs.length - MAX_RUNS);
  const name = job.def.name ?? job.def.id;
  const task = lab.task(RUN_TASK, null, name, (t) => {
    lab.log(null, 'backup', 'backup.runStart', `Backup job "${name}" run ${number} started (${trigger === 'schedule' ? 'scheduled' : 'run now'}): ${job.def.vms.length} VM${job.def.vms.length === 1 ? '' : 's'} through ${job.proxy.id} (${job.proxy.transport}).`);
    next(lab, job, run, t, 0);
  });
  run.task = task.id;
  return run;
}

function next(lab: LabContext, job: Job, run: Run, task: Task, i: number): void {
  const ids = job.def.vms;
  if (i >= ids.length) { finish(lab, job, run, task, null); return; }
  const vm = lab.vm(ids[i])!;
  const share = 100 / ids.length;
  backupVm(lab, job, run, vm, { task, from: i * share, to: (i + 1) * share }, (o: VmOutcome) => {
    if (o.crashed) { finish(lab, job, run, task, o.crashed); return; }
    next(lab, job, run, task, i + 1);
  });
}

function finish(lab: LabContext, job: Job, run: Run, task: Task, crash: string | null): void {
  run.end = lab.now;
  run.state = crash ? 'failed' : worst(run.vms.map((v) => v.state));
  job.running = null;
  const name = job.def.name ?? job.def.id;
  const counts = (s: RunState) => run.vms.filter((v) => v.state === s).length;
  const summary = `${counts('success')} succeeded, ${counts('warning')} with warnings, ${counts('failed')} failed`;
  lab.log(null, 'backup', 'backup.runEnd', `Backup job "${name}" run ${run.number} ended: ${run.state} (${summary})${crash ? `. ${crash}` : ''}.`);
  task.ramp(lab.now, 100, 100, 0);
  if (run.state === 'failed') lab.fail(task, crash ?? `Backup job "${name}" failed: ${summary}.`);
  else lab.succeed(task);
}
