import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { GrainMap } from './grainMap';

describe('GrainMap.countsPerSlice', () => {
  it('counts the grains held in each slice of the address space', () => {
    const m = new GrainMap(1000);
    m.setRange(0, 250);        // the first quarter, full
    m.setRange(600, 650);      // 50 of the third quarter's 250
    expect([...m.countsPerSlice(4)]).toEqual([250, 0, 50, 0]);
    expect([...new GrainMap(1000).countsPerSlice(4)]).toEqual([0, 0, 0, 0]);
  });

  it('agrees with countInRange for sparse and dense pages, with chunks straddling slice edges', () => {
    fc.assert(fc.property(
      fc.array(fc.tuple(fc.nat(2 ** 24), fc.integer({ min: 1, max: 70_000 })), { maxLength: 30 }),
      fc.integer({ min: 1, max: 97 }),
      (runs, buckets) => {
        const total = 2 ** 24 + 80_000;
        const m = new GrainMap(total);
        for (const [a, n] of runs) m.setRange(a, Math.min(total, a + n));
        const got = m.countsPerSlice(buckets);
        for (let k = 0; k < buckets; k++) {
          const lo = Math.ceil((k * total) / buckets);
          const hi = Math.ceil(((k + 1) * total) / buckets);
          expect(got[k]).toBe(m.countInRange(lo, hi));
        }
      },
    ), { numRuns: 60 });
  });
});
