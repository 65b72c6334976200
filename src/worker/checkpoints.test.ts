import { describe, expect, it } from 'vitest';
import { Checkpoints } from './checkpoints';
import { PARTS, type PartVisitor } from '../engine/core/clone';

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

  it('copies measured in replay cost keep their checkpoints where replaying costs most', () => {
    const c = new Checkpoints<{ time: number }>(100);
    // The first ten hours cost ten times what each later hour costs the engine (grains allocated).
    let work = 0;
    for (let t = 1; t <= 40; t++) {
      work += t <= 10 ? 100 : 10;
      c.add({ ...cp(t * 3_600_000), work });
      expect(c.bytes).toBeLessThanOrEqual(100);
    }
    const kept = c.all();
    expect(kept[kept.length - 1].time).toBe(40 * 3_600_000);
    // The longest replay between two kept copies (or from the start) stays short: the costly hours keep theirs.
    const gaps = kept.map((k, i) => k.work! - (i === 0 ? 0 : kept[i - 1].work!));
    expect(Math.max(...gaps)).toBeLessThanOrEqual(200);
    expect(kept.filter((k) => k.time <= 10 * 3_600_000).length).toBeGreaterThanOrEqual(4);
  });

  it('count a part shared by two pages once, and free it when the last page holding it goes', () => {
    const chunk = {};
    const page = (own: number, inner: object[]) => ({ [PARTS]: (visit: PartVisitor) => { for (const p of inner) visit(p, 30); }, own });
    const p1 = page(5, [chunk, {}]);
    const p2 = page(5, [chunk]);
    const c = new Checkpoints<{ time: number }>(1000);
    c.add({ ...cp(1, 1), shared: new Map([[p1, 5]]) });
    expect(c.bytes).toBe(1 + 5 + 60);
    c.add({ ...cp(2, 1), shared: new Map([[p2, 5]]) });
    expect(c.bytes).toBe(1 + 5 + 60 + 1 + 5);
    const small = new Checkpoints<{ time: number }>(70);
    small.add({ ...cp(1, 1), shared: new Map([[p1, 5]]) });
    small.add({ ...cp(2, 1), shared: new Map([[p2, 5]]) });
    // Over 70: the first goes; its own chunk is freed, the shared one stays for the second.
    expect(small.all().map((k) => k.time)).toEqual([2]);
    expect(small.bytes).toBe(1 + 5 + 30);
  });
});
