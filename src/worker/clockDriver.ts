// The clock driver: plays the lab in real time (clock.ts) through its history, so a branch's recorded
// commands come back at their times; pauses by itself at the lab's time limit and when a VM starts to
// ask a question; steps to the next event; and tells the page what the clock does.
import { ClockLoop, clampSpeed } from './clock';
import type { EngineSpeed } from './engineSpeed';
import type { Hosted, RoomDeps } from './hosted';
import type { ClockAnswer, ClockView, Failure } from './protocol';
import { LAB_TIME_LIMIT_MS } from './session';
import type { SessionSaver } from './sessionSaver';
import type { StatePosts } from './statePosts';
import { STEP_LIMIT_MS, stepToNextEvent } from './step';

export const failure = (code: string, message: string): Failure => ({ ok: false, error: { code, message } });

/** What a learner reads when the engine itself failed; the engine's own text goes to the console. */
export const ENGINE_FAILED = 'SnapLab hit an internal error and stopped this lab. Your work before it is kept: choose Restart lab to go on from there.';

export interface ClockDriverDeps extends RoomDeps {
  speed: EngineSpeed;
  states: StatePosts;
  sessions: SessionSaver;
}

export class ClockDriver {
  private readonly loop: ClockLoop;

  constructor(private readonly hosted: Hosted, private readonly deps: ClockDriverDeps) {
    this.loop = new ClockLoop({
      now: deps.now, setTimer: deps.setTimer, clearTimer: deps.clearTimer, speed: deps.speed,
      advance: (ms) => {
        const lab = this.hosted.lab;
        const asking = new Set(lab.questions?.().map((q) => q.id));
        deps.guard('the running clock', () => this.hosted.travel.advance(lab, Math.min(ms, LAB_TIME_LIMIT_MS - lab.now)));
        this.pauseOnQuestion(asking);
      },
      afterTick: () => {
        const { lab, travel, broken } = this.hosted;
        if (broken) return;
        if (lab.now >= LAB_TIME_LIMIT_MS) { this.loop.pause('the lab\'s clock stops at 366 days'); this.post(); deps.sessions.post(); }
        travel.maybeCheckpoint(lab);
        deps.states.request(true);
        deps.states.time();
        deps.sessions.request();
      },
    });
  }

  get playing(): boolean { return this.loop.playing; }

  play(speed: unknown): ClockAnswer {
    if (speed !== undefined && !validSpeed(speed)) return badSpeed(speed);
    this.loop.play(speed as number | undefined);
    return this.answer();
  }

  pause(): ClockAnswer {
    this.loop.pause();
    // The newest state at once: while playing, the last state post may be 200 ms old.
    this.deps.states.now();
    return this.answer();
  }

  setSpeed(speed: unknown): ClockAnswer {
    if (!validSpeed(speed)) return badSpeed(speed);
    this.loop.setSpeed(speed);
    return this.answer();
  }

  /** Stop without a word (the lab is being replaced, moved in time, or the engine failed). */
  stop(): void {
    this.loop.pause();
  }

  /** Advance to the next event the lab logs (or a day, at most). */
  step(): ClockAnswer {
    this.loop.pause();
    const { lab, travel } = this.hosted;
    const done = this.deps.guard('a step to the next event', () => stepToNextEvent({
      now: () => lab.now,
      advance: (ms) => { travel.advance(lab, ms); },
      eventMark: () => String(lab.eventSeq),
    }, Math.min(STEP_LIMIT_MS, LAB_TIME_LIMIT_MS - lab.now)));
    if (done === null) return failure('ENGINE_ERROR', ENGINE_FAILED);
    this.deps.states.now();
    this.deps.sessions.post();
    return this.answer();
  }

  view(): ClockView {
    const view: ClockView = { playing: this.loop.playing, speed: this.loop.speed, actualSpeed: this.loop.actualSpeed };
    if (this.loop.pausedBecause !== null) view.pausedBecause = this.loop.pausedBecause;
    return view;
  }

  post(): void {
    this.deps.post({ type: 'clock', clock: this.view() });
  }

  answer(): ClockAnswer {
    this.post();
    return { ok: true, ...this.view(), time: this.hosted.lab.now };
  }

  /**
   * A VM that began to ask a question while time ran (the out-of-space question) pauses the clock, as
   * the VM itself is paused: the learner gets time to read it, free space and answer.
   */
  private pauseOnQuestion(before: Set<string>): void {
    const asked = this.hosted.broken ? undefined : this.hosted.lab.questions?.().find((q) => !before.has(q.id));
    if (!asked) return;
    this.loop.pause(`${asked.name} asks a question`);
    this.deps.states.now();
    this.post();
    this.deps.sessions.post();
  }
}

function validSpeed(v: unknown): v is number {
  return typeof v === 'number' && Number.isFinite(v) && v > 0;
}

function badSpeed(v: unknown): Failure {
  return failure('INVALID_SPEED', `speed should be a positive number of simulated seconds per real second (got ${JSON.stringify(v)}); it is kept between ${clampSpeed(0)} and ${clampSpeed(Infinity)}.`);
}
