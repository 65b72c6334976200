// The real-time clock: while playing, every tick advances the lab by the real time elapsed times the
// speed. A tick that would take too long (a big lab at days per minute) is cut down, so the worker
// stays responsive and the achieved speed is reported instead of freezing.

/** Slow motion for the VSS hold window up to ten days a minute. */
export const MIN_SPEED = 0.01;
export const MAX_SPEED = 14_400;
export const TICK_MS = 16;
/** Worker time one tick may spend advancing the engine. */
export const TICK_BUDGET_MS = 12;
/** A tab put in the background may not tick for seconds; do not jump the lab by all of that. */
const MAX_REAL_STEP_MS = 100;

export interface ClockDeps {
  now(): number;
  setTimer(fn: () => void, ms: number): unknown;
  clearTimer(handle: unknown): void;
  advance(simMs: number): void;
  /** Called after each tick that advanced the lab. */
  afterTick(): void;
}

export function clampSpeed(speed: number): number {
  return Math.min(MAX_SPEED, Math.max(MIN_SPEED, speed));
}

export class ClockLoop {
  playing = false;
  speed = 1;
  actualSpeed = 0;
  private timer: unknown = null;
  private lastReal = 0;
  /** Most simulated ms one tick may cover, learnt from how long the engine took. */
  private maxSimPerTick = Infinity;
  private carry = 0;

  constructor(private readonly deps: ClockDeps) {}

  play(speed?: number): void {
    if (speed !== undefined) this.setSpeed(speed);
    if (this.playing) return;
    this.playing = true;
    this.lastReal = this.deps.now();
    this.schedule();
  }

  pause(): void {
    this.playing = false;
    this.actualSpeed = 0;
    if (this.timer !== null) this.deps.clearTimer(this.timer);
    this.timer = null;
  }

  setSpeed(speed: number): void {
    this.speed = clampSpeed(speed);
    this.maxSimPerTick = Infinity;
  }

  /** One tick; public so tests can drive it without timers. */
  tick(): void {
    this.timer = null;
    if (!this.playing) return;
    const start = this.deps.now();
    const real = Math.min(MAX_REAL_STEP_MS, Math.max(0, start - this.lastReal));
    this.lastReal = start;
    // Whole milliseconds only, carrying the fraction, so slow motion still moves.
    const wanted = real * this.speed + this.carry;
    const sim = Math.min(Math.floor(wanted), this.maxSimPerTick);
    this.carry = sim < Math.floor(wanted) ? 0 : wanted - sim;
    if (sim > 0) {
      this.deps.advance(sim);
      const cost = this.deps.now() - start;
      if (cost > TICK_BUDGET_MS) this.maxSimPerTick = Math.max(1, Math.floor((sim * TICK_BUDGET_MS) / cost));
      else if (sim >= this.maxSimPerTick && cost < TICK_BUDGET_MS / 2) this.maxSimPerTick = Math.ceil(this.maxSimPerTick * 1.5);
      this.deps.afterTick();
    }
    const rate = real > 0 ? sim / real : this.actualSpeed;
    this.actualSpeed = this.actualSpeed === 0 ? rate : this.actualSpeed * 0.8 + rate * 0.2;
    this.schedule();
  }

  private schedule(): void {
    if (this.playing && this.timer === null) this.timer = this.deps.setTimer(() => this.tick(), TICK_MS);
  }
}
