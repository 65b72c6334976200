import { describe, expect, it } from 'vitest';
import { ClockLoop, MAX_LAG_MS, MAX_SPEED, MIN_SPEED, TICK_BUDGET_MS } from './clock';
import { EngineSpeed } from './engineSpeed';
import { stepToNextEvent } from './step';

/** A clock on a fake engine whose advance costs `fixedMs` per call plus `perSimMs` per simulated ms. */
function rig(perSimMs = 0, fixedMs = 0, other = 0) {
  let now = 0;
  let simulated = 0;
  const calls: { sim: number; cost: number }[] = [];
  let pending: { fn: () => void; at: number } | null = null;
  const speed = new EngineSpeed();
  const loop = new ClockLoop({
    speed,
    now: () => now,
    setTimer: (fn, ms) => { pending = { fn, at: now + ms }; return 1; },
    clearTimer: () => { pending = null; },
    advance: (ms) => {
      const cost = fixedMs + ms * perSimMs;
      simulated += ms;
      // The engine's call teaches the speed (as the time travel's legs do); a copy after it does not.
      speed.learn(ms, cost);
      now += cost + other;
      calls.push({ sim: ms, cost });
    },
    afterTick: () => {},
  });
  return {
    loop, calls,
    /** One tick after `ms` of real time (a timer that fires whenever the test says). */
    wait: (ms: number) => { now += ms; loop.tick(); },
    /** Fire the clock's own timers for `ms` of real time, each `lateMs` late (a busy worker). */
    run(ms: number, lateMs = 0) {
      const end = now + ms;
      while (pending && now < end) {
        const p: { fn: () => void; at: number } = pending;
        pending = null;
        now = Math.max(now, p.at + lateMs);
        p.fn();
      }
    },
    get simulated() { return simulated; },
    get now() { return now; },
  };
}

describe('ClockLoop', () => {
  it('advances by real time times the speed', () => {
    const r = rig();
    r.loop.play(60);
    r.wait(16);
    r.wait(16);
    expect(r.simulated).toBe(32 * 60);
  });

  it('moves in slow motion by carrying fractions of a millisecond', () => {
    const r = rig();
    r.loop.play(0.1);
    for (let i = 0; i < 10; i++) r.wait(16);
    expect(r.simulated).toBe(16);
  });

  it('does not advance while paused, and clamps speed to its range', () => {
    const r = rig();
    r.loop.play(1e9);
    expect(r.loop.speed).toBe(MAX_SPEED);
    r.loop.setSpeed(0);
    expect(r.loop.speed).toBe(MIN_SPEED);
    r.loop.pause();
    r.wait(1000);
    expect(r.simulated).toBe(0);
  });

  it.each([1, 60, 3600, MAX_SPEED])('holds the speed asked for when the engine is cheap: simulated time per real second follows %dx', (speed) => {
    // 0.2 ms a call and 3 µs per simulated second: at 14,400x the engine needs under 5% of the worker.
    const r = rig(3e-6, 0.2);
    r.loop.play(speed);
    r.run(10_000);
    expect(r.simulated / r.now).toBeGreaterThan(speed * 0.98);
    expect(r.simulated / r.now).toBeLessThanOrEqual(speed * 1.0001);
    expect(r.loop.actualSpeed).toBeGreaterThan(speed * 0.95);
  });

  it('holds 14,400x when the engine needs most of the worker\'s time for it', () => {
    // 0.5 ms a call and 42 µs per simulated second: 14,400x takes about 60% of the worker.
    const r = rig(4.2e-5, 0.5);
    r.loop.play(MAX_SPEED);
    r.run(10_000);
    expect(r.simulated / r.now).toBeGreaterThan(MAX_SPEED * 0.97);
  });

  it('catches up the simulated time owed when its ticks come late', () => {
    const r = rig(1e-5, 0.2);
    r.loop.play(MAX_SPEED);
    r.run(10_000, 40); // every timer 40 ms late: a worker busy answering requests
    expect(r.simulated / r.now).toBeGreaterThan(MAX_SPEED * 0.98);
  });

  it('advances in few large steps sized to its budget, not one tiny step per tick', () => {
    // A costly engine: 2 ms a call, 0.1 ms per simulated second. 14,400x needs 1.44 real ms per real ms.
    const r = rig(1e-4, 2);
    r.loop.play(MAX_SPEED);
    r.run(10_000);
    const later = r.calls.slice(10);
    // Each advance uses most of a tick's budget, so the fixed cost per call stays a small share.
    for (const c of later) expect(c.cost).toBeGreaterThan(TICK_BUDGET_MS * 0.5);
    for (const c of later) expect(c.cost).toBeLessThan(TICK_BUDGET_MS * 1.5);
    // What the engine can do (about 1/(1e-4) sim ms per ms, less the per-call cost) is what is reported.
    expect(r.loop.actualSpeed).toBeGreaterThan(8000);
    expect(r.loop.actualSpeed).toBeLessThan(MAX_SPEED);
  });

  it('cuts a tick down when the engine cannot keep up, and reports the speed achieved', () => {
    const r = rig(0.01); // 1 simulated ms costs 0.01 real ms: 14400x wants 230 ms of work per tick
    r.loop.play(MAX_SPEED);
    for (let i = 0; i < 20; i++) r.wait(16);
    const before = r.simulated;
    r.wait(16);
    expect((r.simulated - before) * 0.01).toBeLessThanOrEqual(TICK_BUDGET_MS * 1.6);
    expect(r.loop.actualSpeed).toBeLessThan(MAX_SPEED);
  });

  it('gives up time owed past its lag limit: a tab back from the background does not leap ahead', () => {
    const r = rig();
    r.loop.play(60);
    r.wait(16);
    const before = r.simulated;
    r.wait(60_000);
    r.run(1000);
    expect(r.simulated - before).toBeLessThanOrEqual(60 * (MAX_LAG_MS + 1000 + 16));
  });

  it('leaves time-travel copies out of what it learns the engine costs', () => {
    // Every advance also copies the lab for 40 ms: the chunks stay sized to the engine's own cost.
    const r = rig(1e-4, 0, 40);
    r.loop.play(MAX_SPEED);
    r.run(5_000);
    for (const c of r.calls.slice(5)) expect(c.cost).toBeGreaterThan(TICK_BUDGET_MS * 0.5);
  });
});

describe('stepToNextEvent', () => {
  it('stops right after the next event, even one a few ms away', () => {
    let now = 0;
    const events = [7, 30_000];
    const mark = () => String(events.filter((t) => t <= now).length);
    const probe = { now: () => now, advance: (ms: number) => { now += ms; }, eventMark: mark };
    expect(stepToNextEvent(probe)).toBe(true);
    expect(now).toBeGreaterThanOrEqual(7);
    expect(now).toBeLessThan(16);
    expect(stepToNextEvent(probe)).toBe(true);
    expect(now).toBeGreaterThanOrEqual(30_000);
    expect(now).toBeLessThan(60_000);
  });

  it('gives up at the limit when nothing happens', () => {
    let now = 0;
    const probe = { now: () => now, advance: (ms: number) => { now += ms; }, eventMark: () => 'same' };
    expect(stepToNextEvent(probe, 10_000)).toBe(false);
    expect(now).toBe(10_000);
  });
});
