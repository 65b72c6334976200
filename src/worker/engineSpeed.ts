// How fast the engine covers simulated time, learnt from the calls that run it. One estimate for the
// whole worker: the time travel sizes its legs by it and the clock its advances, so both agree.

/** Below this, a measured cost is timer noise, not the engine's. */
const MIN_COST_MS = 0.5;

export class EngineSpeed {
  /** Simulated ms the engine covers per real ms of its own work (null: not measured yet). */
  simPerMs: number | null = null;

  /** One engine call covered `simMs` in `realMs` of real time. */
  learn(simMs: number, realMs: number): void {
    if (!(simMs > 0)) return;
    const rate = simMs / Math.max(MIN_COST_MS, realMs);
    // Weighted towards the past: one slow advance (a merge starting, a collection) should not halve
    // the next one, but a lasting change in cost (deltas filling) shows within a few calls.
    this.simPerMs = this.simPerMs === null ? rate : this.simPerMs * 0.7 + rate * 0.3;
  }

  /** Learnt afresh: a new lab may cost far more (or less) per simulated ms. */
  forget(): void {
    this.simPerMs = null;
  }
}
