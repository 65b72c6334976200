// A message the worker sends at most once per interval: a request inside the interval waits for its
// end (one pending at a time; a nearer deadline replaces a later one), `now` sends at once. The state
// posts and the scrubber's history posts share it.
export interface Timers {
  now(): number;
  setTimer(fn: () => void, ms: number): unknown;
  clearTimer(handle: unknown): void;
}

export class Throttle {
  /** When it last fired. */
  last = -Infinity;
  /** When the pending request fires (Infinity: none pending). */
  due = Infinity;
  private timer: unknown = null;

  constructor(private readonly timers: Timers, private readonly fire: () => void) {}

  /** Fire within `interval` of the last firing: at once if that has passed, else when it ends. */
  request(interval: number): void {
    const due = this.last + interval;
    const wait = due - this.timers.now();
    if (wait <= 0) { this.now(); return; }
    if (this.timer !== null) {
      if (this.due <= due) return;
      this.timers.clearTimer(this.timer);
    }
    this.due = due;
    this.timer = this.timers.setTimer(() => this.now(), wait);
  }

  /** Fire now; a pending request is fulfilled by it. */
  now(): void {
    this.cancel();
    this.last = this.timers.now();
    this.fire();
  }

  /** Drop a pending request without firing. */
  cancel(): void {
    if (this.timer !== null) this.timers.clearTimer(this.timer);
    this.timer = null;
    this.due = Infinity;
  }
}
