// vSphere tasks: what Recent Tasks lists. One task runs per VM at a time; later ones wait queued.
// Progress is a linear ramp over a phase's simulated duration, evaluated when the view is built. Like
// vSphere's TaskInfo.progress it is a whole percentage in 0-100 that only goes up: a new phase's ramp
// starts no lower than what the task already shows, and a failed task keeps the value it failed at.
import type { TaskState, TaskView } from './view';
import { runBound, type BoundJob, type HasMethod, type HasMethodAfter, type JobCall } from './scheduler';

export interface TaskOptions {
  /** false: the task runs alongside the VM's other tasks (a reconfigure, an in-guest backup). Default true. */
  exclusive?: boolean;
  /** The task changes the VM's snapshot tree or disk chain; vCenter does not ask for a consolidation while it runs. */
  changesDisks?: boolean;
}

/**
 * A task's start as data: `target[method](task, ...args)` when the task starts. The target is a lab
 * object, so a lab with the task queued can still be copied (unlike a closure).
 */
export function startCall<K extends string, A extends unknown[], T extends HasMethodAfter<K, A>>(target: T, method: K, ...args: A): BoundJob {
  return { target, method, args };
}

export class Task {
  state: TaskState = 'queued';
  startedAt: number | null = null;
  completedAt: number | null = null;
  error: { message: string } | null = null;
  private rampFrom = 0;
  private rampTo = 0;
  private rampStart = 0;
  private rampEnd = 0;
  private onDone: (BoundJob | JobCall)[] = [];

  constructor(
    readonly id: string,
    readonly name: string,
    readonly vm: string | null,
    readonly target: string,
    readonly queuedAt: number,
    /**
     * Starts the work when the VM has no other task running: a JobCall or a BoundJob (data: its handler
     * or method given the task first, then its args), never a closure, so a queued task can be copied.
     */
    private start: JobCall | BoundJob | null,
    /** The task changes the VM's snapshot tree or disk chain (take, revert, delete, consolidate). */
    readonly changesDisks = false,
  ) {
    if (typeof start === 'function') throw new TypeError(`Task "${name}" was given a function to start with: a task starts with a job kind or startCall (data), so a lab with it queued can be copied.`);
  }

  /**
   * How a feature waits for a task it started, as data (so a lab waiting on the task can be copied):
   * call `target[method](...args)` (a lab object's public method) once the task has finished, at once
   * if it already has; or run the job `kind` of lab/jobs.ts with `args` once it finishes (the lab runs
   * it; the caller handles a task that has already finished, which this refuses).
   */
  whenDoneCall<K extends string, A extends unknown[], T extends HasMethod<K, A>>(target: T, method: K, ...args: A): void;
  whenDoneCall(kind: string, ...args: unknown[]): void;
  whenDoneCall(first: object | string, ...rest: unknown[]): void {
    const done = this.state === 'success' || this.state === 'error';
    if (typeof first === 'string') {
      if (done) throw new Error(`Task ${this.id} has already finished: run the job "${first}" now instead of waiting for it.`);
      this.onDone.push({ kind: first, args: rest });
      return;
    }
    const job: BoundJob = { target: first, method: rest[0] as string, args: rest.slice(1) };
    if (done) runBound(job); else this.onDone.push(job);
  }

  /** The lab calls this when the task finishes; `run` runs the job kinds of whenDoneCall. */
  notifyDone(run?: (call: JobCall) => void): void {
    const list = this.onDone;
    this.onDone = [];
    for (const then of list) {
      if ('target' in then) runBound(then);
      else if (run) run(then);
      else throw new Error(`Task ${this.id} finished with a job "${then.kind}" waiting and nothing to run it.`);
    }
  }

  /** Run the work once (`run` calls a JobCall start); the start goes with it, so a started task holds no closure. */
  begin(now: number, run: (call: JobCall, task: Task) => void): void {
    this.state = 'running';
    this.startedAt = now;
    const start = this.start;
    this.start = null;
    if (start && 'target' in start) runBound(start, this);
    else if (start) run(start, this);
  }

  /** Progress moves from `from` to `to` percent between now and now + ms (never below what it shows now). */
  ramp(now: number, from: number, to: number, ms: number): void {
    const shown = this.exact(now);
    this.rampFrom = Math.max(shown, clampPercent(from));
    this.rampTo = Math.max(this.rampFrom, clampPercent(to));
    this.rampStart = now;
    this.rampEnd = now + (Number.isFinite(ms) ? Math.max(0, ms) : 0);
  }

  progress(now: number): number {
    if (this.state === 'success') return 100;
    if (this.state === 'queued') return 0;
    return Math.floor(this.exact(this.state === 'error' && this.completedAt !== null ? Math.min(now, this.completedAt) : now));
  }

  /** Where the current ramp stands at `now`, unrounded. */
  private exact(now: number): number {
    if (this.rampEnd <= this.rampStart || now >= this.rampEnd) return this.rampTo;
    const t = Math.max(0, (now - this.rampStart) / (this.rampEnd - this.rampStart));
    return this.rampFrom + (this.rampTo - this.rampFrom) * t;
  }

  view(now: number): TaskView {
    return {
      id: this.id, name: this.name, vm: this.vm, target: this.target, state: this.state,
      progress: this.progress(now), queuedAt: this.queuedAt, startedAt: this.startedAt,
      completedAt: this.completedAt, error: this.error,
    };
  }
}

const clampPercent = (p: number): number => (Number.isFinite(p) ? Math.min(100, Math.max(0, p)) : 0);
