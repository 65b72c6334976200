// sampleFree: many independent uniform picks among free grains, chunk by chunk (docs/workloads.md).
import { describe, expect, it } from 'vitest';
import { GrainMap } from './grainMap';
import { sampleFree } from './grainFree';
import { Rng } from '../../core/rng';

const PAGE = 4096 * 1024;

/** A map over three pages: a sparse page, a dense page with chunks from empty to nearly full, an absent page. */
function mixedMap(): GrainMap {
  const m = new GrainMap(3 * PAGE);
  const rng = new Rng(5);
  for (let i = 0; i < 200; i++) m.setOne(rng.int(PAGE)); // page 0 stays sparse
  for (let c = 0; c < 64; c++) {
    // page 1: chunk c of the first 64 filled to c/64 (chunk 63 nearly full), the rest empty
    const start = PAGE + c * 4096;
    for (let b = 0; b < 4096; b++) if (rng.next() < c / 64) m.setOne(start + b);
  }
  return m;
}

describe('sampleFree (the bulk workload of docs/workloads.md)', () => {
  it('picks only free grains, uniformly: chi-square over the free grains of a nearly full chunk and of the whole range', () => {
    const m = mixedMap();
    const first = PAGE + 60 * 4096; // four chunks 60..63 (about 95 % full) and then empty chunks
    const end = PAGE + 66 * 4096;
    const free = end - first - m.countInRange(first, end);
    const n = 200_000;
    const out = new Float64Array(n + 1);
    sampleFree(m, first, end, free, n, new Rng(7), out);
    const hits = new Map<number, number>();
    for (let i = 0; i < n; i++) {
      expect(m.has(out[i])).toBe(false);
      expect(out[i] >= first && out[i] < end).toBe(true);
      hits.set(out[i], (hits.get(out[i]) ?? 0) + 1);
    }
    // Chi-square over 64 buckets of free-grain rank: each free grain equally likely.
    const buckets = new Float64Array(64);
    let rank = 0;
    for (let g = first; g < end; g++) if (!m.has(g)) { buckets[Math.floor((rank * 64) / free)] += hits.get(g) ?? 0; rank++; }
    let chi = 0;
    for (let b = 0; b < 64; b++) {
      const size = Math.ceil(((b + 1) * free) / 64) - Math.ceil((b * free) / 64);
      const expected = (n * size) / free;
      chi += (buckets[b] - expected) ** 2 / expected;
    }
    expect(chi).toBeLessThan(110); // 63 degrees of freedom: 0.1 % critical value is 103.4; a little slack for bucket rounding
  });

  it('with set, marks exactly the distinct picks, in sparse, dense and absent pages, and keeps the counts', () => {
    const m = mixedMap();
    const copy = m.clone();
    const free = 3 * PAGE - m.count;
    const n = 300_000;
    const out = new Float64Array(n + 1);
    const added = sampleFree(m, 0, 3 * PAGE, free, n, new Rng(11), out, true);
    let fresh = 0;
    for (let i = 0; i < n; i++) fresh += copy.setOne(out[i]);
    expect(added).toBe(fresh);
    expect(m.count).toBe(copy.count);
    expect(m.chunkCount).toBe(copy.chunkCount);
    expect(m.countInRange(0, 3 * PAGE)).toBe(copy.countInRange(0, 3 * PAGE));
    expect(m.countsPerSlice(16)).toEqual(copy.countsPerSlice(16));
  });

  it('same seed, same picks; refuses more picks than a full range can take', () => {
    const a = new Float64Array(1001);
    const b = new Float64Array(1001);
    const m = mixedMap();
    sampleFree(m, 0, 2 * PAGE, 2 * PAGE - m.count, 1000, new Rng(3), a);
    sampleFree(m, 0, 2 * PAGE, 2 * PAGE - m.count, 1000, new Rng(3), b);
    expect(Array.from(a)).toEqual(Array.from(b));
    const full = GrainMap.fromRanges(8192, [[0, 8192]]);
    expect(() => sampleFree(full, 0, 8192, 0, 5, new Rng(1), new Float64Array(6))).toThrow(/5 picks left but no free grain/);
  });
});
