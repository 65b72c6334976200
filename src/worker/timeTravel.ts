// Moving the lab along its history: replaying a branch's commands as its time passes again, seeking
// to any moment from the nearest checkpoint, switching branches, and forking when a command is given
// in a branch's past. The lab itself never knows: it only sees commands and time, as in a replay.
import type { CommandResult } from '../engine/core/view';
import { Checkpoints, type Checkpoint } from './checkpoints';
import { EngineSpeed } from './engineSpeed';
import { History, markerFor, type HistoryView } from './branchTree';
import type { LabLike } from './labLike';


/** Checkpoints at least this far apart in simulated time, and further apart as history grows. */
const MIN_SPACING_MS = 60_000;
const SPACING_PARTS = 64;
/** Real time between two checkpoint copies, and at least ten times what the last copy took, so
 *  copying never takes more than a tenth of the worker's time. */
const MIN_REAL_GAP_MS = 100;
const COPY_SHARE = 10;

export interface TravelDeps {
  realNow(): number;
  budgetBytes?: number;
  /** The worker's one estimate of the engine's speed, which the legs teach (the clock reads it too). */
  speed?: EngineSpeed;
}

export class TimeTravel<L extends LabLike> {
  history = new History();
  branch = this.history.first.id;
  /** How many of the current branch's commands the lab has applied. */
  cursor = 0;
  readonly checkpoints: Checkpoints<L>;
  /** The newest event (EventView.seq) of the lab the history has looked at for markers. */
  private scanSeq = 0;
  private lastCopyReal = -Infinity;
  private lastCopyCost = 0;
  private readonly speed: EngineSpeed;
  /** No checkpoints while a seek rebuilds the past: the copies would cost the learner's wait. */
  private rebuilding = false;
  /** Real ms the engine spent moving the lab from its start to now (a checkpoint's replay cost). */
  private work = 0;

  /** The lab as its definition starts it. */
  private fresh: () => L = () => { throw new Error('No lab loaded.'); };

  constructor(private readonly deps: TravelDeps) {
    this.checkpoints = new Checkpoints<L>(deps.budgetBytes);
    this.speed = deps.speed ?? new EngineSpeed();
  }

  /** Start over with a new lab (load, restore); `fresh` builds it as its definition starts it. */
  reset(fresh: () => L, history = new History(), branch?: string): void {
    this.fresh = fresh;
    this.history = history;
    this.branch = branch ?? history.first.id;
    this.cursor = 0;
    this.work = 0;
    this.checkpoints.clear();
    // A new lab: its events are numbered from its start. A restored history already holds the markers
    // up to where each branch reached; the scan takes only events at or after that moment.
    this.scanSeq = 0;
  }

  get reached(): number { return this.history.get(this.branch)!.reached; }

  commands() { return this.history.commands(this.branch); }

  /** The lab is at the newest moment of its branch: a command there extends it, not forks it. */
  atHead(lab: L): boolean {
    return lab.now >= this.reached && this.cursor >= this.commands().length;
  }

  /**
   * Advance by `ms`, giving the branch's recorded commands at their times. `go` moves the clock
   * (the engine's clock.advance, so its checks apply); the first refusal stops and is returned.
   */
  advance(lab: L, ms: number, go: (ms: number) => CommandResult | void = (m) => lab.advance(m)): CommandResult | void {
    const target = lab.now + ms;
    const cmds = this.commands();
    while (this.cursor < cmds.length && cmds[this.cursor].at <= target) {
      const c = cmds[this.cursor];
      const r = this.legs(lab, c.at, go);
      if (r && !r.ok) return r;
      // A replayed command whose words were not saved (an older session file) learns them here.
      if (lab.describe && this.history.wordsOf(c) === null) this.history.setWords(c, lab.describe(c.command));
      const from = this.reached;
      lab.dispatch(c.command);
      this.cursor++;
      this.scan(lab, from);
    }
    const r = this.legs(lab, target, go);
    if (r && !r.ok) return r;
    this.history.reach(this.branch, lab.now);
  }

  /** Move to `until` in legs, copying the lab between legs (see legLength). */
  private legs(lab: L, until: number, go: (ms: number) => CommandResult | void): CommandResult | void {
    this.sampleIfDue(lab);
    while (until > lab.now) {
      let leg = lab.fork && !this.rebuilding ? Math.min(until - lab.now, this.legLength()) : until - lab.now;
      // A leg ends at the next usage sample's moment, so samples fall on simulated time alone.
      const due = this.nextSampleAt(lab);
      if (due !== null) leg = Math.min(leg, due - lab.now);
      const from = this.reached;
      const start = this.deps.realNow();
      const r = go(leg);
      const took = this.deps.realNow() - start;
      this.speed.learn(leg, took);
      this.work += took;
      if (r && !r.ok) return r;
      if (lab.now > this.reached) this.history.reach(this.branch, lab.now);
      this.scan(lab, from);
      this.sampleIfDue(lab);
      this.maybeCheckpoint(lab);
    }
  }

  /**
   * Markers from the events the lab logged since the last scan, from the branch's newest moment on
   * (`from`, the moment it had reached before them): earlier ones replay what the history holds.
   * Events are named by their seq, the same in every replay, so a moment seen twice adds nothing.
   */
  private scan(lab: L, from: number): void {
    if (this.rebuilding) return;
    for (const e of lab.eventsAfter(this.scanSeq)) {
      if (e.time < from) continue;
      const m = markerFor(e.kind, e.message, e.time, e.seq);
      if (m) this.history.addMarker(this.branch, m);
    }
    this.scanSeq = lab.eventSeq;
  }

  /**
   * The next moment a usage sample is due on this branch: the first sampling moment (usageSampleAt)
   * after its last own sample (or its fork), and not before the lab's time; null while a seek rebuilds
   * the past, whose samples the history holds.
   */
  private nextSampleAt(lab: L): number | null {
    if (this.rebuilding) return null;
    const b = this.history.get(this.branch)!;
    const last = b.usage[b.usage.length - 1];
    const after = last ? last.time + 1 : b.parent === null ? 0 : b.forkAt + 1;
    return usageSampleAt(Math.max(after, lab.now));
  }

  private sampleIfDue(lab: L): void {
    if (this.nextSampleAt(lab) === lab.now) this.sample(lab);
  }

  private sample(lab: L): void {
    const use = lab.datastoreUsage();
    this.history.datastores = use.datastores.map((d) => d.id);
    this.history.addUsage(this.branch, { time: lab.now, used: use.datastores.map((d) => d.usedBytes), charts: use });
  }

  /**
   * The checkpoint spacing, or longer while no copy may be taken anyway (copies are kept apart in real
   * time): each leg is one engine call, and the engine covers time faster in fewer, longer calls (a
   * week in one call costs about a third less than in spacing-sized ones on the datacenter lab).
   */
  private legLength(): number {
    const spacing = this.spacing();
    const rate = this.speed.simPerMs;
    if (rate === null) return spacing;
    const wait = this.lastCopyReal + this.copyGap() - this.deps.realNow();
    return Math.max(spacing, Math.floor(rate * wait));
  }

  /** Real ms between two copies: at least MIN_REAL_GAP_MS and ten times what the last one took. */
  private copyGap(): number {
    return Math.max(MIN_REAL_GAP_MS, COPY_SHARE * this.lastCopyCost);
  }

  private spacing(): number {
    // Whole milliseconds: each leg is a clock.advance, which takes whole milliseconds.
    return Math.max(MIN_SPACING_MS, Math.floor(this.reached / SPACING_PARTS));
  }

  /** A clock moved by the engine itself (clock.advance at the branch's head). */
  reachNow(lab: L): void {
    this.history.reach(this.branch, lab.now);
  }

  /** An accepted command at `at`: extends the branch, or starts a new one in its past. `words`: the
   *  command as a learner reads it, taken before it ran (Lab.describe). */
  record(lab: L, at: number, command: { type: string } & Record<string, unknown>, words?: string): void {
    if (!this.atHead(lab)) {
      const b = this.history.fork(this.branch, at, this.cursor);
      this.branch = b.id;
    }
    this.history.record(this.branch, at, command, words);
    this.cursor++;
    this.scan(lab, at);
    // Also a usage sample at each command's moment (a moment of the session, whatever the posts), so
    // the charts keep a step the learner took between two samples of the schedule.
    this.sample(lab);
  }

  /** The lab at `ms` of the current branch: forward by replaying, back from the nearest checkpoint. */
  seek(current: L, ms: number): L {
    const cp = this.checkpoints.best(ms, (c) => this.usable(c));
    if (ms >= current.now && (!cp || cp.time <= current.now)) {
      // Up to the newest moment the history holds its markers and samples already: replay it as a
      // rebuild does, in one engine call and without copies, which would cost the learner's wait.
      if (ms <= this.reached) this.replay(current, ms);
      else this.advance(current, ms - current.now);
      return current;
    }
    return this.rebuild(ms);
  }

  /** Go to another branch, at the newest moment it reached. */
  switchTo(id: string): L {
    this.branch = id;
    return this.rebuild(this.reached);
  }

  /** Copy the lab now and then as time runs. */
  maybeCheckpoint(lab: L): void {
    if (!lab.fork || this.rebuilding) return;
    const last = this.checkpoints.latest(this.branch);
    if (last && lab.now - last.time < this.spacing() && lab.now >= last.time) return;
    if (!last && lab.now < MIN_SPACING_MS) return;
    const real = this.deps.realNow();
    if (real - this.lastCopyReal < this.copyGap()) return;
    const copy = lab.fork();
    if (!copy) return;
    this.checkpoints.add({ branch: this.branch, time: lab.now, applied: this.cursor, work: this.work, lab: copy.lab as L, bytes: copy.bytes, shared: copy.shared });
    // What keeping it cost (the copy, and the store's count and thinning) spaces the next one.
    this.lastCopyReal = this.deps.realNow();
    this.lastCopyCost = this.lastCopyReal - real;
  }

  /** The page's history view; whether the lab is at its branch's end is decided here, as record() decides it. */
  view(position: number): HistoryView {
    const cmds = this.commands();
    const atEnd = position >= this.reached && this.cursor >= cmds.length;
    return this.history.view(this.branch, position, { atEnd, next: atEnd ? null : cmds[this.cursor] ?? null });
  }

  private rebuild(ms: number): L {
    const cp = this.checkpoints.best(ms, (c) => this.usable(c));
    const copy = cp ? (cp.lab.fork?.()?.lab as L | undefined) : undefined;
    const lab = copy ?? this.fresh();
    this.cursor = copy ? cp!.applied : 0;
    this.work = copy ? cp!.work ?? 0 : 0;
    this.replay(lab, ms);
    return lab;
  }

  /** Moves the lab to `ms`, at or before the newest moment its branch reached, as a replay. */
  private replay(lab: L, ms: number): void {
    this.rebuilding = true;
    try {
      this.advance(lab, ms - lab.now);
    } finally {
      this.rebuilding = false;
    }
    // The replayed lab's events are all in the history already (a seek never passes the newest moment).
    this.scanSeq = lab.eventSeq;
  }

  private usable(cp: Checkpoint<L>): boolean {
    const until = this.history.sharedUntil(this.branch, cp.branch);
    return until !== null && cp.time <= until;
  }
}

/** Usage samples every minute of simulated time for the first SAMPLES_AT_FIRST of them, then twice as
 *  far apart each time the time covered doubles, so a long history costs few samples. */
const SAMPLE_SPACING_MS = 60_000;
const SAMPLES_AT_FIRST = 32;

/** The first sampling moment at or after `t`: a multiple of the spacing that holds at `t`. */
export function usageSampleAt(t: number): number {
  let spacing = SAMPLE_SPACING_MS;
  while (t >= spacing * SAMPLES_AT_FIRST) spacing *= 2;
  return Math.ceil(t / spacing) * spacing;
}
