// The one lab the page works on, inside the worker: loads labs, answers requests, runs the clock,
// records the session and posts throttled state patches. Free of worker globals so tests drive it.
import type { CommandResult, StateView } from '../engine/lab/view';
import { ClockLoop, clampSpeed } from './clock';
import { resolveSource } from './labSources';
import { PatchBuilder } from './patch';
import type { AnswerMap, ClockAnswer, ClockView, Failure, LoadAnswer, LoadOptions, WorkerMessage, WorkerRequest } from './protocol';
import { SessionRecorder, checkSession } from './session';
import { stepToNextEvent } from './step';

export interface LabLike {
  dispatch(command: unknown): CommandResult;
  advance(ms: number): void;
  readonly now: number;
  state(): StateView;
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
}

/** At most ~30 state posts a second. */
export const POST_INTERVAL_MS = 33;
const SESSION_INTERVAL_MS = 1000;

const failure = (code: string, message: string): Failure => ({ ok: false, error: { code, message } });
const errorText = (e: unknown): string => (e instanceof Error ? e.message : String(e));

export class LabHost {
  private lab: LabLike;
  private recorder: SessionRecorder;
  private readonly patches = new PatchBuilder();
  private readonly clock: ClockLoop;
  private lastPost = -Infinity;
  private postTimer: unknown = null;
  private sessionTimer: unknown = null;

  constructor(private readonly deps: HostDeps) {
    this.clock = new ClockLoop({
      now: deps.now, setTimer: deps.setTimer, clearTimer: deps.clearTimer,
      advance: (ms) => this.lab.advance(ms),
      afterTick: () => { this.requestPost(); this.requestSession(); },
    });
    const definition = deps.engine.defaultLabDefinition;
    this.lab = deps.engine.createLab(definition);
    this.recorder = new SessionRecorder(definition);
  }

  handle<K extends WorkerRequest['kind']>(request: Extract<WorkerRequest, { kind: K }>): AnswerMap[K];
  handle(request: WorkerRequest): AnswerMap[WorkerRequest['kind']] {
    switch (request.kind) {
      case 'load': return this.load(request.source, request.options);
      case 'restore': return this.restore(request.session);
      case 'dispatch': return this.dispatch(request.command);
      case 'advance': return this.dispatch({ type: 'clock.advance', ms: request.ms });
      case 'state': return this.lab.state();
      case 'session': return this.recorder.session(this.lab.now);
      case 'play': {
        if (request.speed !== undefined && !validSpeed(request.speed)) return badSpeed(request.speed);
        this.clock.play(request.speed as number | undefined);
        return this.clockAnswer();
      }
      case 'pause': this.clock.pause(); this.postClock(); return this.clockAnswer();
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
    if (seed !== undefined && !(Number.isInteger(seed) && seed >= 0)) return failure('INVALID_OPTIONS', 'options.seed should be a whole number, 0 or more.');
    try {
      const lab = this.deps.engine.createLab(resolved.definition, seed === undefined ? undefined : { seed });
      this.replace(lab, new SessionRecorder(resolved.definition, seed, resolved.lesson));
      return { ok: true, name: lab.state().name };
    } catch (e) {
      return failure((e as { code?: string }).code ?? 'INVALID_LAB', errorText(e));
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
    const s = check.session;
    try {
      const lab = this.deps.engine.createLab(s.definition, s.seed === undefined ? undefined : { seed: s.seed });
      const recorder = new SessionRecorder(s.definition, s.seed, s.lesson);
      for (const c of s.commands) {
        if (c.at > lab.now) lab.advance(c.at - lab.now);
        lab.dispatch(c.command);
        recorder.record(c.at, c.command);
      }
      if (s.time > lab.now) lab.advance(s.time - lab.now);
      this.replace(lab, recorder);
      return { ok: true, name: lab.state().name };
    } catch (e) {
      return failure('INVALID_SESSION', `The session could not be rebuilt: ${errorText(e)}`);
    }
  }

  private replace(lab: LabLike, recorder: SessionRecorder): void {
    this.clock.pause();
    this.lab = lab;
    this.recorder = recorder;
    this.patches.reset();
    this.postNow();
    this.postClock();
    this.postSession();
  }

  private dispatch(command: unknown): CommandResult {
    const at = this.lab.now;
    let result: CommandResult;
    try {
      result = this.lab.dispatch(command);
    } catch (e) {
      return failure('ENGINE_ERROR', `The lab engine failed on this command: ${errorText(e)}`);
    }
    const type = (command as { type?: unknown } | null)?.type;
    if (result.ok && type !== 'clock.advance') {
      this.recorder.record(at, command as { type: string });
      this.postSession();
    } else if (type === 'clock.advance' && result.ok) this.postSession(); // a scripted jump: save it now
    this.requestPost();
    return result;
  }

  private step(): ClockAnswer {
    this.clock.pause();
    const lab = this.lab;
    stepToNextEvent({
      now: () => lab.now,
      advance: (ms) => lab.advance(ms),
      eventMark: () => {
        const ev = lab.state().events;
        const last = ev[ev.length - 1];
        return last ? `${ev.length}|${last.time}|${last.kind}|${last.message}` : '0';
      },
    });
    this.postNow();
    this.postSession();
    return this.clockAnswer();
  }

  private clockView(): ClockView {
    return { playing: this.clock.playing, speed: this.clock.speed, actualSpeed: this.clock.actualSpeed };
  }

  private clockAnswer(): ClockAnswer {
    this.postClock();
    return { ok: true, ...this.clockView(), time: this.lab.now };
  }

  private postClock(): void {
    this.deps.post({ type: 'clock', clock: this.clockView() });
  }

  private requestPost(): void {
    const wait = this.lastPost + POST_INTERVAL_MS - this.deps.now();
    if (wait <= 0) this.postNow();
    else if (this.postTimer === null) this.postTimer = this.deps.setTimer(() => this.postNow(), wait);
  }

  private postNow(): void {
    if (this.postTimer !== null) this.deps.clearTimer(this.postTimer);
    this.postTimer = null;
    this.lastPost = this.deps.now();
    const patch = this.patches.build(this.lab.state());
    if (patch) this.deps.post({ type: 'state', patch, clock: this.clockView() });
  }

  private requestSession(): void {
    if (this.sessionTimer === null) this.sessionTimer = this.deps.setTimer(() => this.postSession(), SESSION_INTERVAL_MS);
  }

  private postSession(): void {
    if (this.sessionTimer !== null) this.deps.clearTimer(this.sessionTimer);
    this.sessionTimer = null;
    this.deps.post({ type: 'session', session: this.recorder.session(this.lab.now) });
  }
}

function validSpeed(v: unknown): v is number {
  return typeof v === 'number' && Number.isFinite(v) && v > 0;
}

function badSpeed(v: unknown): Failure {
  return failure('INVALID_SPEED', `speed should be a positive number of simulated seconds per real second (got ${JSON.stringify(v)}); it is kept between ${clampSpeed(0)} and ${clampSpeed(Infinity)}.`);
}
