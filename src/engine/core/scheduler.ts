// Simulated time: a priority queue of jobs ordered by (time, insertion order), so that two events at
// the same millisecond always run in the order they were scheduled. A job is data (a job kind with its
// arguments, or a lab object's method with its arguments), never a closure: a lab is copied whole for
// time-travel checkpoints at any moment, and a closure cannot be copied.

/**
 * A job as data: call `target[method]()`. Unlike a closure it can be copied with the lab, so a
 * recurring job (the workload tick) scheduled this way lets time-travel checkpoints copy the lab.
 */
export interface BoundJob {
  target: object;
  method: string;
  /** What the method is called with (lab objects or plain values); none when absent. */
  args?: readonly unknown[];
  /**
   * The job reads and writes nothing the guest workloads touch (no disk, no power state), so they need
   * not be caught up to its time first: it leaves their stretches whole (a recurring bookkeeping job,
   * such as directory replication, would otherwise cut them every few minutes).
   */
  quiet?: boolean;
}

/**
 * A job as data: `kind` names a handler in the job table the lab was built with (lab/jobs.ts), called
 * with the lab and `args` (lab objects or plain values). Copied with the lab like any data, so work
 * scheduled this way never keeps a time-travel checkpoint from being taken.
 */
export interface JobCall { readonly kind: string; readonly args: readonly unknown[] }

/**
 * A target with a public method `K` taking `A`: how callOn, methodCall, startCall and whenDoneCall type
 * work as data (it works for `this` inside a class too). The method must be public: the scheduler
 * calls it by name.
 */
export type HasMethod<K extends string, A extends unknown[]> = { [P in K]: (...args: A) => unknown };

/** A target whose method `K` takes something first (a task), then `A`. */
export type HasMethodAfter<K extends string, A extends unknown[]> = { [P in K]: (first: never, ...args: A) => unknown };

/** `target[method](...args)` as data, for later (see BoundJob): typed by the method's own parameters. */
export function methodCall<K extends string, A extends unknown[], T extends HasMethod<K, A>>(target: T, method: K, ...args: A): BoundJob {
  return { target, method, args };
}

/** Run a BoundJob now; `first` (a task, for a task's start; a finished task) goes before its args. */
export function runBound(job: BoundJob, ...first: unknown[]): void {
  const fn = (job.target as Record<string, (...a: unknown[]) => void>)[job.method];
  if (typeof fn !== 'function') throw new Error(`${job.target.constructor.name} has no method "${job.method}" to call.`);
  fn.apply(job.target, job.args ? [...first, ...job.args] : first);
}

/** A job table: each kind's handler, given the lab (and, for a task's start, the task) first. */
export type JobTable = Readonly<Record<string, (ctx: never, ...args: never[]) => void>>;

type Scheduled = BoundJob | JobCall;

interface Entry { time: number; seq: number; job: Scheduled; cancelled: boolean }

export interface Timer { cancel(): void; readonly time: number }

/** A timer that is data too (no closure), so a lab holding one can still be copied. */
class EntryTimer implements Timer {
  constructor(private readonly entry: Entry) {}
  cancel(): void { this.entry.cancelled = true; }
  get time(): number { return this.entry.time; }
}

/**
 * Work that happens continuously rather than as jobs (the guest workloads): `target[method](time,
 * beforeJob)` catches it up to a time. Data, like BoundJob, so the lab can still be copied.
 */
export interface CatchUp { target: object; method: string }

export class Scheduler {
  now = 0;
  /** Called before each job with the job's time, and at the end of runUntil with `until`. */
  catchUp: CatchUp | null = null;

  private catchUpTo(time: number, beforeJob: boolean): void {
    const c = this.catchUp;
    if (c) (c.target as Record<string, (time: number, beforeJob: boolean) => void>)[c.method](time, beforeJob);
  }
  private heap: Entry[] = [];
  private seq = 0;
  /** The job table and what its handlers get first (the lab); frozen, so copies of the lab share it. */
  private table: JobTable = Object.freeze({});
  private ctx: object | null = null;

  /** Run JobCalls with `table`'s handlers, given `ctx` first (the lab does this once, when built). */
  useJobs(table: JobTable, ctx: object): void {
    this.table = Object.isFrozen(table) ? table : Object.freeze({ ...table });
    this.ctx = ctx;
  }

  /** Run a JobCall now; `first` (a task, for a task's start) goes before its args. */
  runCall(call: JobCall, first?: unknown): void {
    const handler = this.table[call.kind] as ((ctx: unknown, ...args: unknown[]) => void) | undefined;
    if (!handler) throw new Error(`No handler for the job kind "${call.kind}" in the lab's job table.`);
    if (first === undefined) handler(this.ctx, ...call.args);
    else handler(this.ctx, first, ...call.args);
  }

  /** The handler of `kind` after `ms`, with `args`: scheduled work as data (see JobCall). */
  call(ms: number, kind: string, ...args: unknown[]): Timer {
    return this.after(ms, { kind, args });
  }

  /** The handler of `kind` at `time` (or now, if that is past), with `args`. */
  callAt(time: number, kind: string, ...args: unknown[]): Timer {
    return this.at(time, { kind, args });
  }

  at(time: number, job: Scheduled): Timer {
    if (typeof job === 'function') {
      throw new TypeError('The scheduler takes work as data, not a function: a closure cannot be copied with the lab for a time-travel checkpoint. Schedule a job kind of lab/jobs.ts (call, callAt) or a method of a lab object (callOn, callOnAt).');
    }
    const entry: Entry = { time: Math.max(time, this.now), seq: this.seq++, job, cancelled: false };
    this.push(entry);
    return new EntryTimer(entry);
  }

  after(ms: number, job: Scheduled): Timer {
    return this.at(this.now + ms, job);
  }

  /** Call `target[method]()` after `ms`, as data (see BoundJob); `quiet` for a job that touches no disk. */
  afterCall<T extends object>(ms: number, target: T, method: keyof T & string, quiet = false): Timer {
    return this.after(ms, quiet ? { target, method, quiet } : { target, method });
  }

  /**
   * Call `target[method](...args)` after `ms`: scheduled work as data, like `call` but with no job
   * table, the target a lab object (copied with the lab) and its method typed by its parameters.
   */
  callOn<K extends string, A extends unknown[], T extends HasMethod<K, A>>(ms: number, target: T, method: K, ...args: A): Timer {
    return this.after(ms, { target, method, args });
  }

  /** `target[method](...args)` at `time` (or now, if that is past): see callOn. */
  callOnAt<K extends string, A extends unknown[], T extends HasMethod<K, A>>(time: number, target: T, method: K, ...args: A): Timer {
    return this.at(time, { target, method, args });
  }

  /** Drop cancelled jobs: they never run, so a copy of the lab need not hold them. */
  compact(): void {
    const live = this.heap.filter((e) => !e.cancelled);
    this.heap = [];
    for (const e of live) this.push(e);
  }

  /** Time of the next pending job, or null when nothing is scheduled. */
  nextTime(): number | null {
    while (this.heap.length && this.heap[0].cancelled) this.pop();
    return this.heap.length ? this.heap[0].time : null;
  }

  /** Run every job due up to and including `until`, then set the clock to `until`. */
  runUntil(until: number): void {
    for (;;) {
      const next = this.nextTime();
      if (next === null || next > until) break;
      const top = this.heap[0].job;
      if (!('quiet' in top) || !top.quiet) this.catchUpTo(next, true);
      const e = this.pop()!;
      this.now = e.time;
      const job = e.job;
      if ('kind' in job) this.runCall(job);
      else runBound(job);
    }
    this.catchUpTo(until, false);
    if (until > this.now) this.now = until;
  }

  private push(e: Entry): void {
    const h = this.heap;
    h.push(e);
    let i = h.length - 1;
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (!before(h[i], h[p])) break;
      [h[i], h[p]] = [h[p], h[i]];
      i = p;
    }
  }

  private pop(): Entry | undefined {
    const h = this.heap;
    if (!h.length) return undefined;
    const top = h[0];
    const last = h.pop()!;
    if (h.length) {
      h[0] = last;
      let i = 0;
      for (;;) {
        const l = 2 * i + 1, r = l + 1;
        let m = i;
        if (l < h.length && before(h[l], h[m])) m = l;
        if (r < h.length && before(h[r], h[m])) m = r;
        if (m === i) break;
        [h[i], h[m]] = [h[m], h[i]];
        i = m;
      }
    }
    return top;
  }
}

function before(a: Entry, b: Entry): boolean {
  return a.time < b.time || (a.time === b.time && a.seq < b.seq);
}
