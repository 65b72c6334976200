// The real-time clock: while playing, the lab owes simulated time at the speed asked for (real time
// elapsed times the speed), and each tick pays it off in one large advance sized to the tick's time
// budget, from what the engine has lately cost per simulated ms (the worker's one EngineSpeed, which
// the engine calls themselves teach). Large advances are what make the
// engine fast (its cost per call is high, its cost per simulated ms low), and catching up from real
// time keeps the speed asked for even when ticks come late. When the engine cannot keep up, the debt
// stops growing past a short lag (the lab does not jump ahead in bursts) and the achieved speed is
// reported instead of freezing the worker.

/** Slow motion for the VSS hold window up to ten days a minute. */
export const MIN_SPEED = 0.01;
export const MAX_SPEED = 14_400;
/** Real ms between ticks once the lab has caught up. */
export const TICK_MS = 16;
/** Worker time one tick may spend advancing the engine; requests wait at most about this long. */
export const TICK_BUDGET_MS = 30;
/**
 * The most real time the lab may fall behind the speed asked for: more is given up, so a tab that
 * slept in the background, or an engine slower than the speed, does not make the lab leap ahead.
 */
export const MAX_LAG_MS = 250;
/** The achieved speed is measured over windows of at least this much real time. */
const RATE_WINDOW_MS = 250;
/** The first advance after starting, before the engine's cost is known. */
const PROBE_SIM_MS = 1000;

export interface ClockDeps {
  now(): number;
  setTimer(fn: () => void, ms: number): unknown;
  clearTimer(handle: unknown): void;
  /** Advance the lab by `simMs`; the engine calls it makes teach `speed`. */
  advance(simMs: number): void;
  /** What the engine lately cost per simulated ms (engineSpeed.ts). */
  speed: { readonly simPerMs: number | null };
  /** Called after each tick that advanced the lab. */
  afterTick(): void;
}

export function clampSpeed(speed: number): number {
  return Math.min(MAX_SPEED, Math.max(MIN_SPEED, speed));
}

export class ClockLoop {
  playing = false;
  speed = 1;
  /** Simulated ms per real ms achieved lately (0 until measured). */
  actualSpeed = 0;
  /** Why the clock paused itself (a VM asks a question), until it plays or is paused again. */
  pausedBecause: string | null = null;
  private timer: unknown = null;
  private lastReal = 0;
  /** Simulated ms the lab owes the speed asked for. */
  private owed = 0;
  private windowStart = 0;
  private windowSim = 0;

  constructor(private readonly deps: ClockDeps) {}

  play(speed?: number): void {
    if (speed !== undefined) this.setSpeed(speed);
    if (this.playing) return;
    this.playing = true;
    this.pausedBecause = null;
    this.lastReal = this.deps.now();
    this.windowStart = this.lastReal;
    this.windowSim = 0;
    this.owed = 0;
    this.schedule(TICK_MS);
  }

  /** `because`: why, when the lab pauses itself rather than the learner (shown beside the clock). */
  pause(because: string | null = null): void {
    this.pausedBecause = because;
    this.playing = false;
    this.actualSpeed = 0;
    this.owed = 0;
    if (this.timer !== null) this.deps.clearTimer(this.timer);
    this.timer = null;
  }

  setSpeed(speed: number): void {
    this.speed = clampSpeed(speed);
    this.owed = Math.min(this.owed, this.maxOwed());
  }

  /** One tick; public so tests can drive it without timers. */
  tick(): void {
    this.timer = null;
    if (!this.playing) return;
    const start = this.deps.now();
    this.owed = Math.min(this.owed + Math.max(0, start - this.lastReal) * this.speed, this.maxOwed());
    this.lastReal = start;
    let covered = 0;
    // Usually one advance; more only when the estimate left most of the budget unused.
    for (let round = 0; round < 4; round++) {
      const spent = this.deps.now() - start;
      // Whole milliseconds (clock.advance's unit); the fraction stays owed, so slow motion still moves.
      let chunk = Math.floor(this.owed + 1e-9);
      if (chunk < 1 || spent >= TICK_BUDGET_MS / 2) break;
      // Until the engine's cost is known, a probe: a long first advance could hold the worker for seconds.
      const simPerMs = this.deps.speed.simPerMs;
      chunk = Math.min(chunk, simPerMs === null ? PROBE_SIM_MS : Math.max(1, Math.floor(simPerMs * (TICK_BUDGET_MS - spent))));
      this.deps.advance(chunk);
      this.owed -= chunk;
      covered += chunk;
      if (!this.playing) return; // the advance stopped the clock (the lab's time limit, a failure)
    }
    if (covered > 0) this.deps.afterTick();
    if (!this.playing) return;
    this.measure(covered);
    // Still owing: go on as soon as the worker has answered what waits; else wait for time to pass.
    this.schedule(this.owed >= 1 ? 0 : TICK_MS);
  }

  /** Most simulated ms the lab may owe (see MAX_LAG_MS); at least one tick's worth of slow motion. */
  private maxOwed(): number {
    return Math.max(1, this.speed * MAX_LAG_MS);
  }

  private measure(covered: number): void {
    this.windowSim += covered;
    const real = this.deps.now() - this.windowStart;
    if (real < RATE_WINDOW_MS) return;
    const rate = Math.min(this.speed, this.windowSim / real);
    this.actualSpeed = this.actualSpeed === 0 ? rate : this.actualSpeed * 0.5 + rate * 0.5;
    this.windowStart += real;
    this.windowSim = 0;
  }

  private schedule(ms: number): void {
    if (this.playing && this.timer === null) this.timer = this.deps.setTimer(() => this.tick(), ms);
  }
}
