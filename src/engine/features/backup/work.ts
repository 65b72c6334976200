// A run in flight, as data: what each VM's processing has reached and what it holds (task slots, the
// open change ids, the agent's VSS session), so that every step can be a job kind of kinds.ts.
import type { LabContext } from '../context';
import type { Task } from '../../core/tasks';
import type { Vm } from '../../model/vm';
import type { Snapshot } from '../../model/snapshot';
import type { JobCall, Timer } from '../../core/scheduler';
import type { Fault } from '../../model/vm';
import type { Job, Run, Step, StepKind, Transport, VmRun } from './model';
import type { DiskPlan } from './readPlan';
import type { AgentState } from './appAware';

/** One run of a job: its task, the VMs not started yet and those being processed. */
export interface RunWork {
  job: Job;
  run: Run;
  task: Task;
  /** VM ids still to start, in the job's order. */
  todo: string[];
  inFlight: VmWork[];
  /** VMs whose processing has ended (for the run's progress). */
  done: number;
  ended: boolean;
}

/** One VM of a run. */
export interface VmWork {
  runWork: RunWork;
  vm: Vm;
  rec: VmRun;
  /** The part of the run task's progress this VM moves (one VM after another), or null (in parallel). */
  share: { from: number; to: number } | null;
  /** Task slots of the proxy this VM holds (parallel processing), and when it asked for them. */
  slots: number;
  queuedAt: number;
  /** A leftover the hunt could not remove: a good run is then a warning. */
  leftover: boolean;
  opened: Map<string, string>;
  takenFrom: number;
  agent: AgentState | null;
  takeTask: Task | null;
  snap: Snapshot | null;
  plans: DiskPlan[];
  transport: Transport | null;
  steps: { snapshot: Step | null; transfer: Step | null; truncate: Step | null; remove: Step | null };
  /** The transfer's timer (its end, or the crash), while it runs. */
  timer: Timer | null;
  /** The transfer's length alone on the proxy, and what slows it now that others read beside it. */
  soloMs: number;
  pace: number;
  /** The datastore's speed when the transfer started (what it reads from). */
  dsMBps: number;
  /** The proxyCrash fault that kills the backup application during this transfer, or null. */
  crash: Fault | null;
  /** The run's processing of this VM is over (ended, or abandoned when the application died). */
  ended: boolean;
}

/** A job kind to run when a task has finished: Task.whenDoneCall's target (the lab and the call, data). */
export class Resume {
  constructor(private readonly lab: LabContext, private readonly call: JobCall) {}
  run(): void { this.lab.scheduler.runCall(this.call); }
}

/** Run the handler of `kind` when `task` has finished (at once if it already has), as data. */
export function afterTask(lab: LabContext, task: Task, kind: string, ...args: unknown[]): void {
  task.whenDoneCall(new Resume(lab, { kind, args }), 'run');
}

/** The run task's progress over this VM's share, from `a` to `b` of it (one VM after another). */
export function rampRun(lab: LabContext, work: VmWork, a: number, b: number, ms: number): void {
  const s = work.share;
  if (!s) return;
  work.runWork.task.ramp(lab.now, s.from + (s.to - s.from) * a, s.from + (s.to - s.from) * b, ms);
}

/** A step of the VM's run, for the run's timeline. */
export function openStep(lab: LabContext, rec: VmRun, kind: StepKind, label: string, task: string | null): Step {
  const s: Step = { kind, label, start: lab.now, end: null, state: 'running', task };
  rec.steps.push(s);
  return s;
}

export function closeStep(lab: LabContext, s: Step, ok: boolean): void {
  s.end = lab.now;
  s.state = ok ? 'success' : 'error';
}
