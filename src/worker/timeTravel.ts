// Moving the lab along its history: replaying a branch's commands as its time passes again, seeking
// to any moment from the nearest checkpoint, switching branches, and forking when a command is given
// in a branch's past. The lab itself never knows: it only sees commands and time, as in a replay.
import type { CommandResult, StateView } from '../engine/core/view';
import { Checkpoints, type Checkpoint } from './checkpoints';
import { EngineSpeed } from './engineSpeed';
import { History, markerFor, type HistoryView, type Marker } from './history';
import type { LabLike } from './labLike';

const eventKey = (e: StateView['events'][number]) => `${e.time}|${e.vm}|${e.kind}|${e.message}`;

/** Checkpoints at least this far apart in simulated time, and further apart as history grows. */
const MIN_SPACING_MS = 60_000;
const SPACING_PARTS = 64;
/** Real time between two checkpoint copies, and at least ten times what the last copy took, so
 *  copying never takes more than a tenth of the worker's time. */
const MIN_REAL_GAP_MS = 200;
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
  private scanTime = 0;
  private scanKeys = new Set<string>();
  private lastCopyReal = -Infinity;
  private lastCopyCost = 0;
  private readonly speed: EngineSpeed;
  /** No checkpoints while a seek rebuilds the past: the copies would cost the learner's wait. */
  private rebuilding = false;

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
    this.checkpoints.clear();
    // A restored history already holds the markers up to where each branch reached.
    this.rescan(this.reached);
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
      lab.dispatch(c.command);
      this.cursor++;
    }
    const r = this.legs(lab, target, go);
    if (r && !r.ok) return r;
    this.history.reach(this.branch, lab.now);
  }

  /** Move to `until` in legs, copying the lab between legs (see legLength). */
  private legs(lab: L, until: number, go: (ms: number) => CommandResult | void): CommandResult | void {
    while (until > lab.now) {
      const leg = lab.fork && !this.rebuilding ? Math.min(until - lab.now, this.legLength()) : until - lab.now;
      const start = this.deps.realNow();
      const r = go(leg);
      this.speed.learn(leg, this.deps.realNow() - start);
      if (r && !r.ok) return r;
      if (lab.now > this.reached) this.history.reach(this.branch, lab.now);
      this.maybeCheckpoint(lab);
    }
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
      this.rescan(at);
    }
    this.history.record(this.branch, at, command, words);
    this.cursor++;
  }

  /** The lab at `ms` of the current branch: forward by replaying, back from the nearest checkpoint. */
  seek(current: L, ms: number): L {
    const cp = this.checkpoints.best(ms, (c) => this.usable(c));
    if (ms >= current.now && (!cp || cp.time <= current.now)) {
      this.advance(current, ms - current.now);
      return current;
    }
    return this.rebuild(ms);
  }

  /** Go to another branch, at the newest moment it reached. */
  switchTo(id: string): L {
    this.branch = id;
    const lab = this.rebuild(this.reached);
    this.rescan(this.reached);
    return lab;
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
    this.lastCopyReal = this.deps.realNow();
    this.lastCopyCost = this.lastCopyReal - real;
    this.checkpoints.add({ branch: this.branch, time: lab.now, applied: this.cursor, lab: copy.lab as L, bytes: copy.bytes, shared: copy.shared });
  }

  /** Markers and datastore usage, from a state the lab reached for the first time on this branch. */
  observe(state: StateView): void {
    if (state.time < this.reached) return;
    const found: Marker[] = [];
    for (let i = state.events.length - 1; i >= 0; i--) {
      const e = state.events[i];
      if (e.time < this.scanTime) break;
      if (e.time === this.scanTime && this.scanKeys.has(eventKey(e))) continue;
      const m = markerFor(e.kind, e.message, e.time);
      if (m) found.push(m);
    }
    for (let i = found.length - 1; i >= 0; i--) this.history.addMarker(this.branch, found[i]);
    this.scanTime = state.time;
    this.scanKeys = new Set(state.events.filter((e) => e.time === state.time).map(eventKey));
    this.history.datastores = state.datastores.map((d) => d.id);
    this.history.addUsage(this.branch, { time: state.time, used: state.datastores.map((d) => d.usedBytes) });
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
    this.rebuilding = true;
    try {
      this.advance(lab, ms - lab.now);
    } finally {
      this.rebuilding = false;
    }
    return lab;
  }

  private usable(cp: Checkpoint<L>): boolean {
    const until = this.history.sharedUntil(this.branch, cp.branch);
    return until !== null && cp.time <= until;
  }

  private rescan(time: number): void {
    this.scanTime = time;
    this.scanKeys = new Set();
  }
}
