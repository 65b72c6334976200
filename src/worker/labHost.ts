// The one lab the page works on, inside the worker: the request router. It loads and restores labs,
// gives commands to the engine (guarding against the engine failing), and hands every other request to
// the room that does that job: the clock (clockDriver.ts), session saving (sessionSaver.ts), state posts
// (statePosts.ts) and the Datastore charts' posts after them (chartPosts.ts), moves in time
// (travelDriver.ts) and usage queries (usage.ts). Free of worker globals, so tests drive it.
import type { CommandResult } from '../engine/core/view';
import { historyOf } from './branchSession';
import { ClockDriver, ENGINE_FAILED, failure } from './clockDriver';
import { compactSession } from './compactSession';
import { EngineSpeed } from './engineSpeed';
import type { Hosted, RoomDeps } from './hosted';
import { resolveSource } from './labSources';
import type { EngineLike, LabLike } from './labLike';
import type { AnswerMap, LoadAnswer, LoadOptions, WorkerMessage, WorkerRequest } from './protocol';
import { LAB_TIME_LIMIT_MS, MAX_SEED, checkSession, type SessionOrigin } from './session';
import { SessionSaver } from './sessionSaver';
import { POST_INTERVAL_MS, StatePosts, type PostIntervals } from './statePosts';
import { ChartPosts } from './chartPosts';
import type { Timers } from './throttle';
import { TimeTravel } from './timeTravel';
import { TravelDriver } from './travelDriver';
import { usageOf } from './usage';

export interface HostDeps extends Timers {
  engine: EngineLike;
  post(message: WorkerMessage): void;
  /** Memory for time-travel checkpoints (default: DEFAULT_BUDGET_BYTES). */
  checkpointBudgetBytes?: number;
  /** How often state patches go out (default: POST_INTERVAL_MS, PLAYING_POST_INTERVAL_MS). */
  postIntervals?: PostIntervals;
}

const errorText = (e: unknown): string => (e instanceof Error ? e.message : String(e));

export const LAB_STOPPED = 'This lab stopped after an internal error. Choose Restart lab to go on from your last saved step.';

export class LabHost {
  private readonly hosted: Hosted;
  /** The engine's speed, learnt by the time travel's legs, read by the clock. */
  private readonly speed = new EngineSpeed();
  private readonly states: StatePosts;
  private readonly charts: ChartPosts;
  private readonly sessions: SessionSaver;
  private readonly clock: ClockDriver;
  private readonly travel: TravelDriver;

  constructor(private readonly deps: HostDeps) {
    const definition = deps.engine.defaultLabDefinition;
    const origin: SessionOrigin = { definition };
    const travel = this.newTravel();
    travel.reset(() => deps.engine.createLab(definition));
    this.hosted = { lab: deps.engine.createLab(definition), travel, origin, broken: false };
    const room: RoomDeps = { now: deps.now, setTimer: deps.setTimer, clearTimer: deps.clearTimer, post: deps.post, guard: (what, work) => this.guard(what, work) };
    this.charts = new ChartPosts(this.hosted, { ...room, intervalMs: deps.postIntervals?.ms ?? POST_INTERVAL_MS });
    const afterPost = () => { this.travel.postHistory(); this.charts.request(this.clock.playing); };
    this.states = new StatePosts(this.hosted, { ...room, intervals: deps.postIntervals, clock: () => this.clock.view(), afterPost });
    this.sessions = new SessionSaver(this.hosted, room);
    this.clock = new ClockDriver(this.hosted, { ...room, speed: this.speed, states: this.states, sessions: this.sessions });
    this.travel = new TravelDriver(this.hosted, { ...room, clock: this.clock, states: this.states, sessions: this.sessions });
  }

  handle<K extends WorkerRequest['kind']>(request: Extract<WorkerRequest, { kind: K }>): AnswerMap[K];
  handle(request: WorkerRequest): AnswerMap[WorkerRequest['kind']] {
    const { hosted } = this;
    if (hosted.broken && !['session', 'state', 'history', 'usage'].includes(request.kind)) return failure('LAB_STOPPED', LAB_STOPPED);
    switch (request.kind) {
      case 'load': return this.load(request.source, request.options);
      case 'restore': return this.restore(request.session);
      case 'dispatch': return this.dispatch(request.command);
      case 'peek': return this.peek(request.command);
      case 'advance': return this.dispatch({ type: 'clock.advance', ms: request.ms });
      case 'state': return hosted.lab.state();
      case 'session': return this.sessions.session();
      case 'seek': return this.travel.seek(request.ms);
      case 'seekBefore': return this.travel.seekBefore(request.command);
      case 'switchBranch': return this.travel.switchBranch(request.branch);
      case 'history': return hosted.travel.view(hosted.lab.now);
      case 'usage': return usageOf(hosted.travel.history, request.branches);
      case 'play': return this.clock.play(request.speed);
      case 'pause': return this.clock.pause();
      case 'setSpeed': return this.clock.setSpeed(request.speed);
      case 'step': return this.clock.step();
    }
  }

  /** Send everything again (a page that just connected). */
  resend(): void {
    this.states.resetPatches();
    this.charts.reset();
    this.states.now();
  }

  /** How many checkpoints the time travel keeps, and their memory (benchmarks, tests). */
  checkpointStats(): { count: number; bytes: number; budgetBytes: number } {
    const c = this.hosted.travel.checkpoints;
    return { count: c.count, bytes: c.bytes, budgetBytes: c.budgetBytes };
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
      const travel = this.newTravel();
      travel.reset(fresh);
      this.replace(lab, travel, { definition: resolved.definition, seed, lesson: resolved.lesson });
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
      this.replace(lab, travel, { definition: s.definition, seed: s.seed, lesson: s.lesson });
      return { ok: true, name: lab.state().name };
    } catch (e) {
      console.error('SnapLab: a session could not be replayed', e);
      const code = (e as { code?: unknown } | null)?.code;
      // A definition the engine refuses names its fields; anything else is the engine's own trouble.
      return failure('INVALID_SESSION', code === 'INVALID_LAB' ? `The session's lab definition does not load: ${errorText(e)}` : 'The session could not be rebuilt: SnapLab hit an internal error replaying it.');
    }
  }

  private replace(lab: LabLike, travel: TimeTravel<LabLike>, origin: SessionOrigin): void {
    this.clock.stop();
    Object.assign(this.hosted, { lab, travel, origin });
    this.states.resetPatches();
    // The session first: the page pairs every later state's time with this lab's session.
    this.sessions.post();
    this.states.now();
    this.clock.post();
  }

  private dispatch(command: unknown): CommandResult {
    const { lab, travel } = this.hosted;
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
        return travel.advance(lab, ms, (m) => lab.dispatch({ type: 'clock.advance', ms: m })) ?? { ok: true };
      }
      return lab.dispatch(command);
    });
    if (result === null) return failure('ENGINE_ERROR', ENGINE_FAILED);
    if (result.ok && type !== 'clock.advance') {
      travel.record(lab, at, command as { type: string }, words);
      this.sessions.post();
      this.travel.postHistory(true);
    } else if (type === 'clock.advance' && result.ok) {
      travel.reachNow(lab);
      this.sessions.post(); // a scripted jump: save it now
    }
    this.states.request();
    return result;
  }

  /**
   * In the lab's past, a command that only reads (the engine says which: a console line such as
   * `vssadmin list writers`) is answered from a copy of the lab as it is there: nothing is recorded,
   * so no branch starts. null when the command may change the lab, or when the lab is at its branch's
   * newest moment (there it is given and recorded like any other command).
   */
  private peek(command: unknown): CommandResult | null {
    const { lab, travel } = this.hosted;
    if (travel.atHead(lab) || !lab.fork || !lab.readsOnly?.(command)) return null;
    return this.guard('a look at the past', () => lab.fork!()?.lab.dispatch(command) ?? null);
  }

  /**
   * Run engine work; if the engine throws, stop this lab (clock paused, no more saves) and tell the
   * page, whose last autosave is then the session before the failing step. null when it threw.
   */
  private guard<T>(what: string, work: () => T): T | null {
    if (this.hosted.broken) return null;
    try {
      return work();
    } catch (e) {
      console.error(`SnapLab: the engine failed on ${what}`, e);
      this.hosted.broken = true;
      this.clock.stop();
      this.sessions.stop();
      this.states.cancel();
      this.charts.cancel();
      this.clock.post();
      this.deps.post({ type: 'stopped', message: ENGINE_FAILED });
      return null;
    }
  }

  private newTravel(): TimeTravel<LabLike> {
    // A new lab may cost far more (or less) per simulated ms than the last.
    this.speed.forget();
    return new TimeTravel<LabLike>({ realNow: this.deps.now, budgetBytes: this.deps.checkpointBudgetBytes, speed: this.speed });
  }
}


/** Words are a nicety: a lab that cannot give them still takes the command. */
function wordsFor(lab: LabLike, command: unknown): string | undefined {
  try { return lab.describe?.(command); } catch (e) { console.error('SnapLab: no words for a command', e); return undefined; }
}
