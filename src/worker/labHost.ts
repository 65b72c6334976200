// The one lab the page works on, inside the worker: loads labs, answers requests, runs the clock,
// records the session and posts throttled state patches. Free of worker globals so tests drive it.
import type { CommandResult, StateView } from '../engine/core/view';
import { ClockLoop, clampSpeed } from './clock';
import { resolveSource } from './labSources';
import { PatchBuilder } from './patch';
import type { AnswerMap, ClockAnswer, ClockView, Failure, LoadAnswer, LoadOptions, WorkerMessage, WorkerRequest } from './protocol';
import { LAB_TIME_LIMIT_MS, MAX_SEED, SessionRecorder, checkSession, type Session } from './session';
import { compactSession } from './compactSession';
import { STEP_LIMIT_MS, stepToNextEvent } from './step';
import { TimeTravel } from './timeTravel';
import { Throttle } from './throttle';
import { branchFields, historyOf } from './branchSession';

export interface LabLike {
  dispatch(command: unknown): CommandResult;
  advance(ms: number): void;
  readonly now: number;
  state(): StateView;
  /** An independent copy and its size, or null when the lab cannot be copied at this moment. */
  fork?(): { lab: LabLike; bytes: number; shared?: ReadonlyMap<object, number> } | null;
  /** The questions VMs wait on: one asked while the clock plays pauses it. */
  questions?(): { vm: string; name: string; id: string }[];
  /** A command in a learner's words, with the lab's display names (time travel's branch names). */
  describe?(command: unknown): string;
}

export interface EngineLike {
  createLab(definition: unknown, options?: { seed?: number }): LabLike;
  defaultLabDefinition: unknown;
  builtInLabs: Record<string, unknown>;
}

export interface HostDeps {
  engine: EngineLike;
  post(message: WorkerMessage): void;
  now(): number;
  setTimer(fn: () => void, ms: number): unknown;
  clearTimer(handle: unknown): void;
  /** Memory for time-travel checkpoints (default: DEFAULT_BUDGET_BYTES). */
  checkpointBudgetBytes?: number;
}

/** At most ~30 state posts a second. */
export const POST_INTERVAL_MS = 33;
/**
 * While the clock plays, a state post at most this often (the page shows the panels no more often);
 * in between, only the clock's time goes out, at POST_INTERVAL_MS. A state post costs the worker a
 * state view, a diff and a structured clone, and the page a clone back: not worth it 30 times a second.
 */
export const PLAYING_POST_INTERVAL_MS = 200;
const SESSION_INTERVAL_MS = 1000;
/** The scrubber's history view, at most this often while time runs. */
const HISTORY_INTERVAL_MS = 250;

const failure = (code: string, message: string): Failure => ({ ok: false, error: { code, message } });
const errorText = (e: unknown): string => (e instanceof Error ? e.message : String(e));

/** What a learner reads when the engine itself failed; the engine's own text goes to the console. */
export const ENGINE_FAILED = 'SnapLab hit an internal error and stopped this lab. Your work before it is kept: choose Restart lab to go on from there.';
export const LAB_STOPPED = 'This lab stopped after an internal error. Choose Restart lab to go on from your last saved step.';

export class LabHost {
  private lab: LabLike;
  private recorder: SessionRecorder;
  /** The lesson the session came from; the page learns it from the state patches. */
  private lessonId: string | undefined;
  private readonly patches = new PatchBuilder();
  private readonly clock: ClockLoop;
  /** State posts (a command's post may bring a pending one forward) and the scrubber's history posts. */
  private readonly statePosts: Throttle;
  private readonly historyPosts: Throttle;
  private lastTimePost = -Infinity;
  private sessionTimer: unknown = null;
  private travel: TimeTravel<LabLike>;
  /**
   * Set when the engine threw: the lab may be half-changed, so nothing more runs on it and nothing more
   * is saved. The session last posted (before the failing step) is what "Restart lab" rebuilds.
   */
  private broken = false;

  constructor(private readonly deps: HostDeps) {
    this.statePosts = new Throttle(deps, () => this.postState());
    this.historyPosts = new Throttle(deps, () => this.deps.post({ type: 'history', history: this.travel.view(this.lab.now) }));
    this.clock = new ClockLoop({
      now: deps.now, setTimer: deps.setTimer, clearTimer: deps.clearTimer,
      advance: (ms) => {
        const copying = this.travel.copyMs;
        const asking = new Set(this.lab.questions?.().map((q) => q.id));
        this.guard('the running clock', () => this.travel.advance(this.lab, Math.min(ms, LAB_TIME_LIMIT_MS - this.lab.now)));
        this.pauseOnQuestion(asking);
        return this.travel.copyMs - copying;
      },
      afterTick: () => {
        if (this.broken) return;
        if (this.lab.now >= LAB_TIME_LIMIT_MS) { this.clock.pause('the lab\'s clock stops at 366 days'); this.postClock(); this.postSession(); }
        this.travel.maybeCheckpoint(this.lab); this.requestPost(PLAYING_POST_INTERVAL_MS); this.postTime(); this.requestSession();
      },
    });
    this.travel = this.newTravel();
    const definition = deps.engine.defaultLabDefinition;
    this.lab = deps.engine.createLab(definition);
    this.recorder = new SessionRecorder(definition);
    this.travel.reset(() => deps.engine.createLab(definition));
  }

  handle<K extends WorkerRequest['kind']>(request: Extract<WorkerRequest, { kind: K }>): AnswerMap[K];
  handle(request: WorkerRequest): AnswerMap[WorkerRequest['kind']] {
    if (this.broken && !['session', 'state', 'history', 'usage'].includes(request.kind)) return failure('LAB_STOPPED', LAB_STOPPED);
    switch (request.kind) {
      case 'load': return this.load(request.source, request.options);
      case 'restore': return this.restore(request.session);
      case 'dispatch': return this.dispatch(request.command);
      case 'advance': return this.dispatch({ type: 'clock.advance', ms: request.ms });
      case 'state': return this.lab.state();
      case 'session': return this.session();
      case 'seek': return this.seek(request.ms);
      case 'seekBefore': return this.seekBefore(request.command);
      case 'switchBranch': return this.switchBranch(request.branch);
      case 'history': return this.travel.view(this.lab.now);
      case 'usage': return this.usage(request.branches);
      case 'play': {
        if (request.speed !== undefined && !validSpeed(request.speed)) return badSpeed(request.speed);
        this.clock.play(request.speed as number | undefined);
        return this.clockAnswer();
      }
      // The newest state at once: while playing, the last state post may be 200 ms old.
      case 'pause': this.clock.pause(); this.postNow(); return this.clockAnswer();
      case 'setSpeed':
        if (!validSpeed(request.speed)) return badSpeed(request.speed);
        this.clock.setSpeed(request.speed);
        return this.clockAnswer();
      case 'step': return this.step();
    }
  }

  /** Send everything again (a page that just connected). */
  resend(): void {
    this.patches.reset();
    this.postNow();
  }

  private load(source: unknown, options?: LoadOptions): LoadAnswer {
    const resolved = resolveSource(source, this.deps.engine.builtInLabs);
    if (!resolved.ok) return resolved;
    if (options !== undefined && (typeof options !== 'object' || options === null)) return failure('INVALID_OPTIONS', 'load() options should be an object such as { seed: 7 }.');
    const seed = options?.seed;
    if (seed !== undefined && !(Number.isInteger(seed) && seed >= 0 && seed <= MAX_SEED)) return failure('INVALID_OPTIONS', `options.seed should be a whole number from 0 to ${MAX_SEED}.`);
    try {
      const fresh = () => this.deps.engine.createLab(resolved.definition, seed === undefined ? undefined : { seed });
      const lab = fresh();
      this.travel = this.newTravel();
      this.travel.reset(fresh);
      this.replace(lab, new SessionRecorder(resolved.definition, seed, resolved.lesson), resolved.lesson);
      return { ok: true, name: lab.state().name };
    } catch (e) {
      // A definition the engine refuses names its fields; any other throw is the engine's own trouble,
      // whose text (a stack, an internal check) is for the console, not the learner.
      const code = (e as { code?: unknown } | null)?.code;
      if (typeof code === 'string') return failure(code, errorText(e));
      console.error('SnapLab: the engine failed building a lab', e);
      return failure('INVALID_LAB', 'SnapLab could not build this lab: an internal error stopped it (the browser console has the details). Check the sizes in its definition.');
    }
  }

  /** Rebuild a saved session by replaying it; the current lab is kept if anything is wrong. */
  private restore(value: unknown): LoadAnswer {
    if (typeof value === 'string') {
      try { value = JSON.parse(value); } catch (e) {
        return failure('INVALID_SESSION', `This file is not JSON (${errorText(e)}).`);
      }
    }
    const check = checkSession(value);
    if (!check.ok) return failure('INVALID_SESSION', check.message);
    const s = compactSession(check.session);
    if (s.time > LAB_TIME_LIMIT_MS) return failure('INVALID_SESSION', `This session file does not fit: its clock.advance entries run the clock past ${LAB_TIME_LIMIT_MS} ms (366 days), the longest a lab runs.`);
    const past = historyOf(s);
    if (!past.ok) return failure('INVALID_SESSION', past.message);
    try {
      const fresh = () => this.deps.engine.createLab(s.definition, s.seed === undefined ? undefined : { seed: s.seed });
      const lab = fresh();
      const travel = this.newTravel();
      travel.reset(fresh, past.history, past.branch);
      travel.advance(lab, past.position);
      this.travel = travel;
      this.replace(lab, new SessionRecorder(s.definition, s.seed, s.lesson), s.lesson);
      return { ok: true, name: lab.state().name };
    } catch (e) {
      console.error('SnapLab: a session could not be replayed', e);
      const code = (e as { code?: unknown } | null)?.code;
      // A definition the engine refuses names its fields; anything else is the engine's own trouble.
      return failure('INVALID_SESSION', code === 'INVALID_LAB' ? `The session's lab definition does not load: ${errorText(e)}` : 'The session could not be rebuilt: SnapLab hit an internal error replaying it.');
    }
  }

  private replace(lab: LabLike, recorder: SessionRecorder, lessonId: string | undefined): void {
    this.clock.pause();
    this.lab = lab;
    this.recorder = recorder;
    this.lessonId = lessonId;
    this.patches.reset();
    // The session first: the page pairs every later state's time with this lab's session.
    this.postSession();
    this.postNow();
    this.postClock();
  }

  private dispatch(command: unknown): CommandResult {
    const lab = this.lab;
    const at = lab.now;
    const type = (command as { type?: unknown } | null)?.type;
    const ms = (command as { ms?: unknown } | null)?.ms;
    if (type === 'clock.advance' && typeof ms === 'number' && at + ms > LAB_TIME_LIMIT_MS) {
      return failure('CLOCK_LIMIT', `clock.advance: field "ms": the lab's clock stops at 366 days (${LAB_TIME_LIMIT_MS} ms); it is at ${at} ms, so at most ${LAB_TIME_LIMIT_MS - at} ms are left.`);
    }
    // The command in a learner's words with the names it changes (a deleted snapshot's), for branch names.
    const words = type === 'clock.advance' ? undefined : wordsFor(lab, command);
    const result = this.guard(typeof type === 'string' ? type : 'a command', (): CommandResult => {
      if (type === 'clock.advance' && typeof ms === 'number' && Number.isFinite(ms) && ms >= 0) {
        // Through the branch's recorded future, if the lab is in its past; each leg is the engine's own
        // clock.advance, so its checks still apply.
        return this.travel.advance(lab, ms, (m) => lab.dispatch({ type: 'clock.advance', ms: m })) ?? { ok: true };
      }
      return lab.dispatch(command);
    });
    if (result === null) return failure('ENGINE_ERROR', ENGINE_FAILED);
    if (result.ok && type !== 'clock.advance') {
      this.travel.record(lab, at, command as { type: string }, words);
      this.postSession();
      this.postHistory(true);
    } else if (type === 'clock.advance' && result.ok) {
      this.travel.reachNow(lab);
      this.postSession(); // a scripted jump: save it now
    }
    this.requestPost();
    return result;
  }

  /**
   * Run engine work; if the engine throws, stop this lab (clock paused, no more saves) and tell the
   * page, whose last autosave is then the session before the failing step. null when it threw.
   */
  private guard<T>(what: string, work: () => T): T | null {
    if (this.broken) return null;
    try {
      return work();
    } catch (e) {
      console.error(`SnapLab: the engine failed on ${what}`, e);
      this.broken = true;
      this.clock.pause();
      if (this.sessionTimer !== null) this.deps.clearTimer(this.sessionTimer);
      this.sessionTimer = null;
      this.statePosts.cancel();
      this.postClock();
      this.deps.post({ type: 'stopped', message: ENGINE_FAILED });
      return null;
    }
  }

  /** The lab at `ms` of the current branch (docs/scripting.md): answers the state there. */
  private seek(ms: unknown): StateView | Failure {
    const reached = this.travel.reached;
    if (typeof ms !== 'number' || !Number.isFinite(ms) || ms < 0 || ms > reached) {
      return failure('INVALID_TIME', `seek takes a simulated time in milliseconds from 0 to ${reached}, the latest moment this lab reached (got ${JSON.stringify(ms) ?? String(ms)}).`);
    }
    this.clock.pause();
    if (!this.moveTo(() => this.travel.seek(this.lab, ms))) return failure('ENGINE_ERROR', ENGINE_FAILED);
    return this.lab.state();
  }

  /** Just before the last command of a type on the current branch (a lesson hint's way back). */
  private seekBefore(type: unknown): StateView | Failure {
    const now = this.lab.now;
    const last = this.travel.commands().filter((c) => c.command.type === type && c.at <= now).pop();
    if (!last) return failure('NOTHING_TO_GO_BACK_TO', `No ${JSON.stringify(type)} command has been given on this branch yet, so there is nothing to go back before.`);
    return this.seek(Math.max(0, last.at - 1));
  }

  private switchBranch(id: unknown): ClockAnswer {
    if (typeof id !== 'string' || !this.travel.history.get(id)) {
      const ids = this.travel.history.all().map((b) => b.id).join(', ');
      return failure('BRANCH_NOT_FOUND', `There is no branch ${JSON.stringify(id)}. Branches: ${ids}.`);
    }
    this.clock.pause();
    if (!this.moveTo(() => this.travel.switchTo(id))) return failure('ENGINE_ERROR', ENGINE_FAILED);
    return this.clockAnswer();
  }

  private moveTo(go: () => LabLike): boolean {
    // No full resend: the patches diff against what the page holds, even when time went back.
    const lab = this.guard('a move in time', go);
    if (lab === null) return false;
    this.lab = lab;
    this.postNow();
    this.postClock();
    this.postSession();
    this.postHistory(true);
    return true;
  }

  /** How many checkpoints the time travel keeps, and their memory (benchmarks, tests). */
  checkpointStats(): { count: number; bytes: number; budgetBytes: number } {
    const c = this.travel.checkpoints;
    return { count: c.count, bytes: c.bytes, budgetBytes: c.budgetBytes };
  }

  private newTravel(): TimeTravel<LabLike> {
    return new TimeTravel<LabLike>({ realNow: this.deps.now, budgetBytes: this.deps.checkpointBudgetBytes });
  }

  private usage(branches: unknown) {
    const h = this.travel.history;
    const ids = Array.isArray(branches) ? branches.filter((b): b is string => typeof b === 'string' && !!h.get(b)) : [];
    return { ok: true as const, datastores: h.datastores, series: ids.map((id) => ({ branch: id, samples: h.usage(id) })) };
  }

  private session(): Session {
    const t = this.travel;
    return { ...this.recorder.session(t.reached), commands: t.commands().slice(), ...branchFields(t.history, t.branch, this.lab.now) };
  }

  /** At most every HISTORY_INTERVAL_MS; one held back goes out when the interval ends, so the page
   *  always ends up with the newest history (a marker seen last is never left unsent). */
  private postHistory(force = false): void {
    if (force) this.historyPosts.now();
    else this.historyPosts.request(HISTORY_INTERVAL_MS);
  }

  private step(): ClockAnswer {
    this.clock.pause();
    const lab = this.lab;
    const done = this.guard('a step to the next event', () => stepToNextEvent({
      now: () => lab.now,
      advance: (ms) => { this.travel.advance(lab, ms); },
      eventMark: () => {
        const ev = lab.state().events;
        const last = ev[ev.length - 1];
        return last ? `${ev.length}|${last.time}|${last.kind}|${last.message}` : '0';
      },
    }, Math.min(STEP_LIMIT_MS, LAB_TIME_LIMIT_MS - lab.now)));
    if (done === null) return failure('ENGINE_ERROR', ENGINE_FAILED);
    this.postNow();
    this.postSession();
    return this.clockAnswer();
  }

  private clockView(): ClockView {
    const view: ClockView = { playing: this.clock.playing, speed: this.clock.speed, actualSpeed: this.clock.actualSpeed };
    if (this.clock.pausedBecause !== null) view.pausedBecause = this.clock.pausedBecause;
    return view;
  }

  /**
   * A VM that began to ask a question while time ran (the out-of-space question) pauses the clock, as
   * the VM itself is paused: the learner gets time to read it, free space and answer.
   */
  private pauseOnQuestion(before: Set<string>): void {
    const asked = this.broken ? undefined : this.lab.questions?.().find((q) => !before.has(q.id));
    if (!asked) return;
    this.clock.pause(`${asked.name} asks a question`);
    this.postNow();
    this.postClock();
    this.postSession();
  }

  private clockAnswer(): ClockAnswer {
    this.postClock();
    return { ok: true, ...this.clockView(), time: this.lab.now };
  }

  private postClock(): void {
    this.deps.post({ type: 'clock', clock: this.clockView() });
  }

  /** A state post within `interval` of the last one; an earlier pending one stays. */
  private requestPost(interval = POST_INTERVAL_MS): void {
    this.statePosts.request(interval);
  }

  /** The clock's time between state posts while playing (the simulated clock and the scrubber). */
  private postTime(): void {
    const now = this.deps.now();
    // Together with the state posts, still at most one message every POST_INTERVAL_MS.
    const posts = this.statePosts;
    if (now - this.lastTimePost < POST_INTERVAL_MS || now - posts.last < POST_INTERVAL_MS || posts.due - now < POST_INTERVAL_MS) return;
    this.lastTimePost = now;
    this.deps.post({ type: 'time', time: this.lab.now, clock: this.clockView() });
  }

  private postNow(): void {
    this.statePosts.now();
  }

  private postState(): void {
    const state = this.lab.state();
    this.travel.observe(state);
    const patch = this.patches.build(state, this.lessonId);
    if (patch) this.deps.post({ type: 'state', patch, clock: this.clockView() });
    this.postHistory();
  }

  private requestSession(): void {
    if (this.sessionTimer === null && !this.broken) this.sessionTimer = this.deps.setTimer(() => this.postSession(), SESSION_INTERVAL_MS);
  }

  private postSession(): void {
    if (this.sessionTimer !== null) this.deps.clearTimer(this.sessionTimer);
    this.sessionTimer = null;
    if (this.broken) return; // the last session posted is the last good one
    this.deps.post({ type: 'session', session: this.session() });
  }
}

/** Words are a nicety: a lab that cannot give them still takes the command. */
function wordsFor(lab: LabLike, command: unknown): string | undefined {
  try { return lab.describe?.(command); } catch (e) { console.error('SnapLab: no words for a command', e); return undefined; }
}

function validSpeed(v: unknown): v is number {
  return typeof v === 'number' && Number.isFinite(v) && v > 0;
}

function badSpeed(v: unknown): Failure {
  return failure('INVALID_SPEED', `speed should be a positive number of simulated seconds per real second (got ${JSON.stringify(v)}); it is kept between ${clampSpeed(0)} and ${clampSpeed(Infinity)}.`);
}
