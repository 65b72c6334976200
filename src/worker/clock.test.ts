import { describe, expect, it } from 'vitest';
import { ClockLoop, MAX_SPEED, MIN_SPEED, TICK_BUDGET_MS } from './clock';
import { stepToNextEvent } from './step';

function rig(costPerSimMs = 0) {
  let now = 0;
  let simulated = 0;
  const loop = new ClockLoop({
    now: () => now,
    setTimer: () => 1,
    clearTimer: () => {},
    advance: (ms) => { simulated += ms; now += ms * costPerSimMs; },
    afterTick: () => {},
  });
  return { loop, wait: (ms: number) => { now += ms; loop.tick(); }, get simulated() { return simulated; } };
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

  it('cuts a tick down when the engine cannot keep up, and reports the speed achieved', () => {
    const r = rig(0.01); // 1 simulated ms costs 0.01 real ms: 14400x wants 230 ms of work per tick
    r.loop.play(MAX_SPEED);
    for (let i = 0; i < 20; i++) r.wait(16);
    const before = r.simulated;
    r.wait(16);
    expect((r.simulated - before) * 0.01).toBeLessThanOrEqual(TICK_BUDGET_MS * 1.6);
    expect(r.loop.actualSpeed).toBeLessThan(MAX_SPEED);
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
