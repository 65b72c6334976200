import { describe, expect, it } from 'vitest';
import { Checkpoints } from './checkpoints';

const cp = (time: number, bytes = 10, branch = 'b1') => ({ branch, time, applied: 0, lab: { time }, bytes });

describe('checkpoints', () => {
  it('stay within their memory budget, keep the newest, and thin the old ones first', () => {
    const c = new Checkpoints<{ time: number }>(100);
    for (let t = 1; t <= 40; t++) {
      c.add(cp(t * 1000));
      expect(c.bytes).toBeLessThanOrEqual(100);
    }
    const times = c.all().map((x) => x.time);
    expect(times).toHaveLength(10);
    expect(times[times.length - 1]).toBe(40_000);
    // Older history is sparser than recent history.
    const gaps = times.slice(1).map((t, i) => t - times[i]);
    expect(gaps[0]).toBeGreaterThan(gaps[gaps.length - 1]);
  });

  it('never keeps a copy larger than the whole budget', () => {
    const c = new Checkpoints<{ time: number }>(100);
    c.add(cp(5, 101));
    expect(c.count).toBe(0);
  });

  it('find the latest usable checkpoint at or before a time', () => {
    const c = new Checkpoints<{ time: number }>(1000);
    c.add(cp(10));
    c.add(cp(20, 10, 'b2'));
    c.add(cp(30));
    expect(c.best(25, () => true)!.time).toBe(20);
    expect(c.best(25, (x) => x.branch === 'b1')!.time).toBe(10);
    expect(c.best(5, () => true)).toBeNull();
  });
});
