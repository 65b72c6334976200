// One run of a job: a lab task with progress that backs up the job's VMs. With parallel processing
// (backup rule 24; Veeam 7+, on by default) every VM asks its proxy for task slots at once and those
// that get them are processed side by side, the rest waiting in the job's order; without it (rule 2)
// one VM after another, the next when the previous one's snapshot is removed. The run ends with the
// worst of its VMs' results (success < warning < failed); a crash of the backup application ends it at
// once: the VMs still being processed stop where they are and those not started are not processed.
import type { LabContext } from '../context';
import type { Task } from '../../core/tasks';
import { type Job, type Run, type RunState, MAX_RUNS } from './model';
import { newVmWork } from './vmRun';
import { abandonVm } from './vmEnd';
import { askForSlots } from './slots';
import type { RunWork, VmWork } from './work';
import { RUN_START, VM_START } from './kinds';

export const RUN_TASK = 'Run backup job';

const RANK: Record<RunState, number> = { running: 0, success: 1, warning: 2, failed: 3 };
export const worst = (states: RunState[]): RunState => states.reduce<RunState>((a, s) => (RANK[s] > RANK[a] ? s : a), 'success');

export function startRun(lab: LabContext, job: Job, trigger: Run['trigger']): Run {
  const number = ++job.runCount;
  const run: Run = { id: `${job.def.id}-${number}`, number, task: '', trigger, start: lab.now, end: null, state: 'running', vms: [] };
  job.running = run;
  job.runs.push(run);
  if (job.runs.length > MAX_RUNS) job.runs.splice(0, job.runs.length - MAX_RUNS);
  const task = lab.task(RUN_TASK, null, job.def.name ?? job.def.id, { kind: RUN_START, args: [job, run] });
  run.task = task.id;
  return run;
}

/** Job kind RUN_START: the run's task starts. */
export function runStart(lab: LabContext, task: Task, job: Job, run: Run): void {
  const name = job.def.name ?? job.def.id;
  const parallel = job.shared.parallel;
  const slots = job.shared.proxies.get(job.proxy.id)?.slots ?? job.proxy.slots;
  lab.log(null, 'backup', 'backup.runStart', `Backup job "${name}" run ${run.number} started (${run.trigger === 'schedule' ? 'scheduled' : 'run now'}): ${job.def.vms.length} VM${job.def.vms.length === 1 ? '' : 's'} through ${job.proxy.id} (${job.proxy.transport}${parallel ? `, ${slots} task slot${slots === 1 ? '' : 's'}, in parallel` : ', one VM after another'}).`);
  const rw: RunWork = { job, run, task, todo: [...job.def.vms], inFlight: [], done: 0, ended: false };
  if (!parallel) { next(lab, rw); return; }
  // Parallel processing: every VM asks for its slots now, in the job's order.
  askForSlots(lab, rw.todo.splice(0).map((id) => newVmWork(rw, lab.vm(id)!, null)));
  if (!rw.inFlight.length && !waiting(rw)) finish(lab, rw, null);
}

/** One VM after another: start the next, or end the run. */
function next(lab: LabContext, rw: RunWork): void {
  const ids = rw.job.def.vms;
  const id = rw.todo.shift();
  if (id === undefined) { finish(lab, rw, null); return; }
  const i = ids.length - rw.todo.length - 1;
  const share = 100 / ids.length;
  lab.scheduler.runCall({ kind: VM_START, args: [newVmWork(rw, lab.vm(id)!, { from: i * share, to: (i + 1) * share })] });
}

/** Job kind VM_ENDED: a VM's processing is over; `crashed` when the backup application died. */
export function vmEnded(lab: LabContext, work: VmWork, crashed: string | null): void {
  const rw = work.runWork;
  const i = rw.inFlight.indexOf(work);
  if (i >= 0) rw.inFlight.splice(i, 1);
  rw.done++;
  if (rw.ended) return;
  if (crashed) { crash(lab, rw, crashed); return; }
  if (!rw.job.shared.parallel) { next(lab, rw); return; }
  rw.task.ramp(lab.now, (100 * rw.done) / rw.job.def.vms.length, (100 * rw.done) / rw.job.def.vms.length, 0);
  if (rw.inFlight.length === 0 && !waiting(rw)) finish(lab, rw, null);
}

/** The backup application died: the VMs still in flight stop, those waiting for slots never start. */
function crash(lab: LabContext, rw: RunWork, why: string): void {
  const stopped = rw.inFlight.splice(0);
  for (const w of stopped) abandonVm(lab, w, `${why}: ${w.vm.name}'s processing stopped with it`);
  finish(lab, rw, why);
}

const waiting = (rw: RunWork): boolean => rw.job.shared.proxies.get(rw.job.proxy.id)?.queue.some((w) => w.runWork === rw) ?? false;

function finish(lab: LabContext, rw: RunWork, crash: string | null): void {
  if (rw.ended) return;
  rw.ended = true;
  const { job, run, task } = rw;
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
