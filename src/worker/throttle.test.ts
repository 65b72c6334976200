import { describe, expect, it } from 'vitest';
import { Throttle } from './throttle';

/** Fake timers: time moves only when the test says. */
function fakeTimers() {
  let t = 0;
  let seq = 0;
  const pending = new Map<number, { at: number; fn: () => void }>();
  return {
    now: () => t,
    setTimer: (fn: () => void, ms: number) => { pending.set(++seq, { at: t + ms, fn }); return seq; },
    clearTimer: (h: unknown) => { pending.delete(h as number); },
    to(ms: number) {
      t = ms;
      for (const [h, p] of [...pending].sort((a, b) => a[1].at - b[1].at)) if (p.at <= t) { pending.delete(h); p.fn(); }
    },
    get pending() { return pending.size; },
  };
}

describe('Throttle', () => {
  it('fires at once when the interval has passed, else once at its end however often asked', () => {
    const timers = fakeTimers();
    const fired: number[] = [];
    const th = new Throttle(timers, () => fired.push(timers.now()));
    th.request(100);
    expect(fired).toEqual([0]);
    timers.to(10);
    th.request(100);
    th.request(100);
    expect(fired).toEqual([0]);
    expect(timers.pending).toBe(1);
    timers.to(100);
    expect(fired).toEqual([0, 100]);
  });

  it('a nearer deadline replaces a later one; now() fulfils a pending request; cancel drops it', () => {
    const timers = fakeTimers();
    const fired: number[] = [];
    const th = new Throttle(timers, () => fired.push(timers.now()));
    th.now();
    timers.to(5);
    th.request(200);
    th.request(33);
    expect(th.due).toBe(33);
    timers.to(33);
    expect(fired).toEqual([0, 33]);
    th.request(100);
    th.now();
    expect(timers.pending).toBe(0);
    th.request(100);
    th.cancel();
    timers.to(1000);
    expect(fired).toEqual([0, 33, 33]);
  });
});
