import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { GrainMap } from './grainMap';
import { select32 } from './grainFreeRanks';
import { freeGrainsAt, nthFree } from './grainFree';

const PAGE = 4096 * 1024;

/** Random ranges over a map spanning three pages, some big enough to turn a page dense. */
const ops = fc.array(fc.tuple(fc.integer({ min: 0, max: 3 * PAGE - 1 }), fc.integer({ min: 1, max: 6000 })), { maxLength: 40 });

function build(total: number, list: [number, number][]): { m: GrainMap; held: Set<number> } {
  const m = new GrainMap(total);
  const held = new Set<number>();
  for (const [a, len] of list) {
    const b = Math.min(total, a + len);
    m.setRange(a, b);
    for (let g = a; g < b; g++) held.add(g);
  }
  return { m, held };
}

describe('GrainMap counts and select on free grains (docs/workloads.md)', () => {
  it('countInRange matches a set, over page and chunk edges, sparse and dense pages', () => {
    fc.assert(fc.property(ops, fc.integer({ min: 0, max: 3 * PAGE - 1 }), fc.integer({ min: 1, max: PAGE + 10 }), (list, a, len) => {
      const total = 3 * PAGE;
      const { m, held } = build(total, list);
      const b = Math.min(total, a + len);
      let n = 0;
      for (const g of held) if (g >= a && g < b) n++;
      expect(m.countInRange(a, b)).toBe(n);
      expect(m.countInRange(0, total)).toBe(held.size);
    }), { numRuns: 60 });
  });

  it('nthFree(first, end, r) is the free grain with r free grains before it', () => {
    fc.assert(fc.property(ops, fc.integer({ min: 0, max: PAGE }), fc.integer({ min: 1, max: 2 * PAGE }), fc.double({ min: 0, max: 1, noNaN: true }), (list, a, len, u) => {
      const total = 3 * PAGE;
      const { m, held } = build(total, list);
      const b = Math.min(total, a + len);
      const free = b - a - m.countInRange(a, b);
      if (free === 0) return;
      const r = Math.min(free - 1, Math.floor(u * free));
      const g = nthFree(m, a, b, r);
      expect(g).toBeGreaterThanOrEqual(a);
      expect(g).toBeLessThan(b);
      expect(held.has(g)).toBe(false);
      expect(g - a - m.countInRange(a, g)).toBe(r);
    }), { numRuns: 80 });
  });

  it('counts survive unions, clones and densifying', () => {
    const a = GrainMap.fromRanges(3 * PAGE, [[5, 9000], [PAGE + 3, PAGE + 7]]);
    const b = GrainMap.fromRanges(3 * PAGE, [[8000, 20000], [2 * PAGE, 2 * PAGE + 100]]);
    a.unionFrom(b);
    const c = a.clone();
    for (const m of [a, c]) {
      expect(m.countInRange(0, PAGE)).toBe(20000 - 5);
      expect(m.countInRange(PAGE, 2 * PAGE)).toBe(4);
      expect(m.countInRange(2 * PAGE, 3 * PAGE)).toBe(100);
      expect(m.countInRange(4096, 8192)).toBe(4096);
    }
  });

  it('forEachRunIn clips runs to the range and joins runs across pages', () => {
    const m = GrainMap.fromRanges(3 * PAGE, [[10, 20], [PAGE - 5, PAGE + 5], [2 * PAGE + 1, 2 * PAGE + 2]]);
    const out: [number, number][] = [];
    m.forEachRunIn(15, 2 * PAGE + 1, (s, e) => out.push([s, e]));
    expect(out).toEqual([[15, 20], [PAGE - 5, PAGE + 5]]);
  });
});

describe('a range written whole is one run, not a bitmap', () => {
  it('whole pages written at once share one full form: a 2 TB vmfsSparse map written whole costs kilobytes', () => {
    const m = new GrainMap(2 ** 32);
    expect(m.setRange(0, 2 ** 32)).toBe(2 ** 32);
    expect(m.count).toBe(2 ** 32);
    expect(m.chunkCount).toBe(2 ** 20);
    expect(m.memoryBytes()).toBeLessThan(200_000);
    expect(m.has(12345)).toBe(true);
    expect(m.countInRange(PAGE - 5, PAGE + 5)).toBe(10);
    expect(m.setRange(7, 9)).toBe(0);
    const runs: [number, number][] = [];
    m.forEachRun((a, b) => runs.push([a, b]));
    expect(runs).toEqual([[0, 2 ** 32]]);
    // Unions and copies keep the shared form.
    const other = GrainMap.fromRanges(2 ** 32, [[3, 5]]);
    expect(other.unionFrom(m)).toBe(2 ** 32 - 2);
    expect(other.memoryBytes()).toBeLessThan(200_000);
    expect(m.clone().memoryBytes()).toBeLessThan(200_000);
  });

  it('a page filled piece by piece turns to the full form too, and stays right', () => {
    const m = new GrainMap(3 * PAGE);
    m.setRange(PAGE + 10, 2 * PAGE);
    m.setRange(PAGE, PAGE + 10);
    expect(m.countInRange(PAGE, 2 * PAGE)).toBe(PAGE);
    expect(m.memoryBytes()).toBeLessThan(10_000);
    expect(m.setOne(PAGE + 77)).toBe(0);
    expect(m.setInWord(PAGE + 64, 16)).toBe(0);
    expect(m.count).toBe(PAGE);
    expect(nthFree(m, 0, 3 * PAGE, 0)).toBe(0);
    expect(nthFree(m, PAGE - 1, 3 * PAGE, 1)).toBe(2 * PAGE);
  });
});

describe('freeGrainsAt: select for many sorted ranks in one walk (bulk placement, docs/workloads.md)', () => {
  it('gives what nthFree gives for each rank, repeats included, on sparse, dense and full pages', () => {
    const rankSets = fc.array(fc.double({ min: 0, max: 1, noNaN: true, maxExcluded: true }), { minLength: 1, maxLength: 300 });
    fc.assert(fc.property(ops, fc.integer({ min: 0, max: PAGE }), fc.integer({ min: 1, max: 2 * PAGE }), rankSets, fc.boolean(), (list, a, len, us, fullPage) => {
      const total = 3 * PAGE;
      const { m } = build(total, list);
      if (fullPage) m.setRange(PAGE, 2 * PAGE);
      const b = Math.min(total, a + len);
      const free = b - a - m.countInRange(a, b);
      if (free === 0) return;
      const ranks = Float64Array.from(us.map((u) => Math.floor(u * free))).sort();
      const out = new Float64Array(ranks.length);
      freeGrainsAt(m, a, b, ranks, ranks.length, out);
      for (let i = 0; i < ranks.length; i++) expect(out[i]).toBe(nthFree(m, a, b, ranks[i]));
    }), { numRuns: 80 });
  });

  it('refuses a rank past the free grains', () => {
    const m = GrainMap.fromRanges(100, [[0, 90]]);
    expect(() => freeGrainsAt(m, 0, 100, Uint32Array.from([3, 10]), 2, new Float64Array(2))).toThrow(/rank 10 past the 10 free grains/);
  });
});

describe('select32', () => {
  it('finds the k-th set bit of a word', () => {
    fc.assert(fc.property(fc.integer({ min: 1, max: 0xffffffff }), (x) => {
      const set: number[] = [];
      for (let b = 0; b < 32; b++) if ((x >>> b) & 1) set.push(b);
      set.forEach((pos, k) => expect(select32(x | 0, k)).toBe(pos));
    }), { numRuns: 300 });
  });
});
