import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { GrainMap, MAX_TOTAL_GRAINS } from './grainMap';
import { withoutRange } from './grainUnmap';
import { SPARSE_MAX } from './grainPage';

const TB2_512 = 2 ** 32; // 2 TB disk, 512-byte grains (vmfsSparse)
const CHUNK = 4096;
const PAGE = 4096 * 1024;

function runs(m: GrainMap): [number, number][] {
  const out: [number, number][] = [];
  m.forEachRun((a, b) => out.push([a, b]));
  return out;
}

describe('GrainMap basics', () => {
  it('starts empty and costs almost nothing even for a 2 TB disk of 512-byte grains', () => {
    const m = new GrainMap(TB2_512);
    expect(m.count).toBe(0);
    expect(m.chunkCount).toBe(0);
    expect(m.has(0)).toBe(false);
    expect(m.has(TB2_512 - 1)).toBe(false);
    expect(m.memoryBytes()).toBeLessThan(200);
  });

  it('holds grain 0 and the last grain of a 2 TB disk', () => {
    const m = new GrainMap(TB2_512);
    expect(m.setRange(0, 1)).toBe(1);
    expect(m.setRange(TB2_512 - 1, TB2_512)).toBe(1);
    expect(m.has(0)).toBe(true);
    expect(m.has(1)).toBe(false);
    expect(m.has(TB2_512 - 1)).toBe(true);
    expect(m.has(TB2_512 - 2)).toBe(false);
    expect(m.count).toBe(2);
    expect(m.chunkCount).toBe(2);
    expect(runs(m)).toEqual([[0, 1], [TB2_512 - 1, TB2_512]]);
    // Two touched pages of 1024 cost a directory of 1024 slots, not per-grain or per-capacity memory.
    expect(m.memoryBytes()).toBeLessThan(20_000);
  });

  it('rule 10: rewriting a held grain does not grow the delta', () => {
    const m = new GrainMap(1_000_000);
    expect(m.setRange(100, 200)).toBe(100);
    expect(m.setRange(100, 200)).toBe(0);
    expect(m.setRange(150, 250)).toBe(50);
    expect(m.count).toBe(150);
    expect(m.chunkCount).toBe(1);
  });

  it('counts newly set grains for ranges across chunk and page boundaries', () => {
    const m = new GrainMap(3 * PAGE);
    expect(m.setRange(CHUNK - 3, CHUNK + 5)).toBe(8);
    expect(m.chunkCount).toBe(2);
    expect(m.setRange(PAGE - 10, PAGE + 10)).toBe(20);
    expect(m.chunkCount).toBe(4);
    expect(m.countInRange(PAGE - 10, PAGE + 10)).toBe(20);
    expect(m.countInRange(PAGE - 11, PAGE - 9)).toBe(1);
    expect(runs(m)).toEqual([[CHUNK - 3, CHUNK + 5], [PAGE - 10, PAGE + 10]]);
    expect(m.count).toBe(28);
  });

  it('fills long ranges word-wise and reports exactly the new grains (dense pages)', () => {
    const m = new GrainMap(3 * PAGE);
    expect(m.setRange(5, 3 * CHUNK + 7)).toBe(3 * CHUNK + 2); // beyond SPARSE_MAX: dense
    expect(m.chunkCount).toBe(4);
    expect(m.setRange(0, 4 * CHUNK)).toBe(CHUNK - 7 + 5);
    expect(m.count).toBe(4 * CHUNK);
    expect(m.setRange(PAGE - 1, 2 * PAGE + 1)).toBe(PAGE + 2);
    expect(m.count).toBe(4 * CHUNK + PAGE + 2);
    expect(m.chunkCount).toBe(4 + 1 + 1024 + 1);
    expect(runs(m)).toEqual([[0, 4 * CHUNK], [PAGE - 1, 2 * PAGE + 1]]);
    expect(m.countInRange(0, 3 * PAGE)).toBe(m.count);
    expect(m.countInRange(33, 4 * CHUNK - 31)).toBe(4 * CHUNK - 64);
  });

  it('turns a page dense past SPARSE_MAX grains without losing grains or chunk counts', () => {
    const m = new GrainMap(PAGE);
    for (let i = 0; i < SPARSE_MAX; i++) m.setRange(i * 1000, i * 1000 + 1);
    const sparseBytes = m.memoryBytes();
    expect(m.count).toBe(SPARSE_MAX);
    const chunks = m.chunkCount;
    expect(chunks).toBe(Math.floor(((SPARSE_MAX - 1) * 1000) / CHUNK) + 1);
    m.setRange(1, 2); // one more: the page becomes chunk bitmaps
    expect(m.count).toBe(SPARSE_MAX + 1);
    expect(m.chunkCount).toBe(chunks);
    expect(m.memoryBytes()).toBeGreaterThan(sparseBytes);
    for (let i = 0; i < SPARSE_MAX; i += 97) expect(m.has(i * 1000)).toBe(true);
    expect(m.has(2)).toBe(false);
  });

  it('keeps the last-chunk cache right while its page grows and after unions', () => {
    const m = GrainMap.fromRanges(PAGE, [[0, SPARSE_MAX + 1]]); // dense page, chunk 0 cached
    expect(m.setRange(3000, 3001)).toBe(0);
    // Many new chunks in the same page: its word array is reallocated while chunk 0 was cached.
    for (let c = 3; c < 1024; c += 2) expect(m.setRange(c * CHUNK + 7, c * CHUNK + 8)).toBe(1);
    expect(m.setRange(SPARSE_MAX + 1, SPARSE_MAX + 2)).toBe(1);
    expect(m.setRange(0, 1)).toBe(0);
    const other = GrainMap.fromRanges(PAGE, [[0, SPARSE_MAX + 1], [2 * CHUNK, 2 * CHUNK + 9]]);
    m.setRange(2 * CHUNK - 1, 2 * CHUNK); // cache chunk 1
    expect(m.unionFrom(other)).toBe(9);
    expect(m.setRange(2 * CHUNK + 3, 2 * CHUNK + 4)).toBe(0);
    expect(m.has(2 * CHUNK + 8)).toBe(true);
    expect(m.count).toBe(SPARSE_MAX + 1 + 511 + 1 + 1 + 9);
    expect(runs(m).length).toBe(1 + 511 + 1);
  });

  it('does not write through a stale cache after a union regrows the cached page', () => {
    const m = GrainMap.fromRanges(PAGE, [[0, SPARSE_MAX + 1]]); // dense, room for 4 chunks, chunk 1 cached
    expect(m.unionFrom(GrainMap.fromRanges(PAGE, [[10 * CHUNK, 13 * CHUNK]]))).toBe(3 * CHUNK);
    expect(m.setRange(SPARSE_MAX + 1, SPARSE_MAX + 2)).toBe(1);
    expect(runs(m)).toEqual([[0, SPARSE_MAX + 2], [10 * CHUNK, 13 * CHUNK]]);
    expect(m.clone().has(SPARSE_MAX + 1)).toBe(true);
  });

  it('accepts an empty range and adds nothing', () => {
    const m = new GrainMap(10);
    expect(m.setRange(3, 3)).toBe(0);
    expect(m.setRange(10, 10)).toBe(0);
    expect(m.count).toBe(0);
    expect(m.chunkCount).toBe(0);
  });

  it('rejects out-of-range or fractional grains with RangeError', () => {
    const m = new GrainMap(100);
    expect(() => m.has(100)).toThrow(RangeError);
    expect(() => m.has(-1)).toThrow(RangeError);
    expect(() => m.has(1.5)).toThrow(RangeError);
    expect(() => m.has(Number.NaN)).toThrow(RangeError);
    expect(() => m.setRange(0, 101)).toThrow(RangeError);
    expect(() => m.setRange(5, 4)).toThrow(RangeError);
    expect(() => m.setRange(0.5, 4)).toThrow(RangeError);
    expect(() => m.countInRange(-1, 3)).toThrow(RangeError);
    expect(() => new GrainMap(-1)).toThrow(RangeError);
    expect(() => new GrainMap(MAX_TOTAL_GRAINS + 1)).toThrow(RangeError);
    expect(m.count).toBe(0);
  });

  it('supports disks beyond 2^32 grains (62 TB at 4 KB)', () => {
    const total = (62 * 2 ** 40) / 4096;
    const m = new GrainMap(total);
    expect(m.setRange(total - 5, total)).toBe(5);
    expect(m.setRange(2 ** 32 - 1, 2 ** 32 + 1)).toBe(2);
    expect(m.has(2 ** 32)).toBe(true);
    expect(m.has(2 ** 32 + 1)).toBe(false);
    expect(runs(m)).toEqual([[2 ** 32 - 1, 2 ** 32 + 1], [total - 5, total]]);
  });

  it('fromRanges, clone and clear', () => {
    const m = GrainMap.fromRanges(100_000, [[0, 10], [5000, 5001], [99_990, 100_000]]);
    expect(m.count).toBe(21);
    const c = m.clone();
    c.setRange(20, 30);
    expect(c.count).toBe(31);
    expect(m.count).toBe(21);
    expect(m.has(25)).toBe(false);
    m.clear();
    expect(m.count).toBe(0);
    expect(m.chunkCount).toBe(0);
    expect(m.has(0)).toBe(false);
    expect(c.has(0)).toBe(true);
    const dense = GrainMap.fromRanges(PAGE, [[0, 3 * CHUNK]]).clone();
    expect(dense.count).toBe(3 * CHUNK);
    expect(dense.setRange(0, 1)).toBe(0);
  });
});

describe('GrainMap unions and merge predictions (rule 20)', () => {
  it('unionFrom returns the new grains and countNotIn predicts it', () => {
    const target = GrainMap.fromRanges(2 * PAGE, [[0, 100], [PAGE, PAGE + 10]]);
    const delta = GrainMap.fromRanges(2 * PAGE, [[50, 150], [PAGE + 5, PAGE + 20], [PAGE + CHUNK, PAGE + CHUNK + 1]]);
    expect(delta.countNotIn(target)).toBe(50 + 10 + 1);
    expect(target.countNotIn(delta)).toBe(50 + 5);
    expect(target.unionFrom(delta)).toBe(61);
    expect(target.count).toBe(150 + 20 + 1);
    expect(target.chunkCount).toBe(3);
    expect(target.unionFrom(delta)).toBe(0);
    expect(delta.countNotIn(target)).toBe(0);
  });

  it('unionFrom mixes sparse and dense pages both ways', () => {
    const dense = GrainMap.fromRanges(PAGE, [[0, 2 * SPARSE_MAX]]);
    const sparse = GrainMap.fromRanges(PAGE, [[10, 20], [3 * SPARSE_MAX, 3 * SPARSE_MAX + 3]]);
    expect(sparse.countNotIn(dense)).toBe(3);
    expect(dense.countNotIn(sparse)).toBe(2 * SPARSE_MAX - 10);
    const a = dense.clone();
    expect(a.unionFrom(sparse)).toBe(3);
    const b = sparse.clone();
    expect(b.unionFrom(dense)).toBe(2 * SPARSE_MAX - 10);
    expect(runs(a)).toEqual(runs(b));
    expect(a.chunkCount).toBe(b.chunkCount);
    expect(a.count).toBe(b.count);
  });

  it('merging two sparse pages past SPARSE_MAX turns the target dense', () => {
    const a = new GrainMap(PAGE);
    const b = new GrainMap(PAGE);
    for (let i = 0; i < SPARSE_MAX; i++) {
      a.setRange(2 * i * 500, 2 * i * 500 + 1);
      b.setRange((2 * i + 1) * 500, (2 * i + 1) * 500 + 1);
    }
    expect(a.unionFrom(b)).toBe(SPARSE_MAX);
    expect(a.count).toBe(2 * SPARSE_MAX);
    expect(a.countInRange(0, PAGE)).toBe(2 * SPARSE_MAX);
  });

  it('unionScaledFrom maps 512-byte grains onto 1 MB blocks of a thin base', () => {
    const ratio = (1024 * 1024) / 512; // 2048
    const capacity = 40 * 2 ** 30;
    const base = new GrainMap(capacity / (1024 * 1024));
    base.setRange(0, 2);
    const delta = new GrainMap(capacity / 512);
    delta.setRange(10, 20); // block 0, held already
    delta.setRange(3 * ratio - 1, 3 * ratio + 1); // blocks 2 and 3
    delta.setRange(capacity / 512 - 1, capacity / 512); // last block
    expect(base.countScaledNotIn(delta, ratio)).toBe(3);
    expect(base.unionScaledFrom(delta, ratio)).toBe(3);
    expect(runs(base)).toEqual([[0, 4], [40959, 40960]]);
    expect(base.countScaledNotIn(delta, ratio)).toBe(0);
    expect(base.unionScaledFrom(delta, ratio)).toBe(0);
  });

  it('scaled operations with ratio 1 equal the plain ones; bad ratios throw', () => {
    const a = GrainMap.fromRanges(1000, [[0, 10]]);
    const b = GrainMap.fromRanges(1000, [[5, 15]]);
    expect(a.countScaledNotIn(b, 1)).toBe(b.countNotIn(a));
    expect(a.unionScaledFrom(b, 1)).toBe(5);
    expect(() => a.unionScaledFrom(b, 0)).toThrow(RangeError);
    expect(() => a.unionScaledFrom(b, 1.5)).toThrow(RangeError);
    expect(() => new GrainMap(10).unionScaledFrom(new GrainMap(100), 2)).toThrow(RangeError);
    expect(() => new GrainMap(10).unionFrom(new GrainMap(11))).toThrow(RangeError);
  });
});

describe('GrainMap against a Set<number> model (property)', () => {
  const TOTAL = 3 * PAGE + 12345; // three full pages and a partial one
  type Op =
    | { kind: 'set'; a: number; len: number }
    | { kind: 'has'; a: number }
    | { kind: 'count'; a: number; len: number }
    | { kind: 'cluster'; a: number; n: number; stride: number };
  const grain = fc.oneof(
    fc.integer({ min: 0, max: TOTAL - 1 }),
    // Near chunk and page edges, where index arithmetic can slip.
    fc.tuple(fc.integer({ min: 0, max: 3 }), fc.integer({ min: -40, max: 40 })).map(([p, d]) => Math.min(TOTAL - 1, Math.max(0, p * PAGE + d))),
    fc.tuple(fc.integer({ min: 0, max: 3 * 1024 }), fc.integer({ min: -3, max: 3 })).map(([c, d]) => Math.min(TOTAL - 1, Math.max(0, c * CHUNK + d))),
  );
  const op: fc.Arbitrary<Op> = fc.oneof(
    fc.record({ kind: fc.constant('set' as const), a: grain, len: fc.oneof(fc.constant(1), fc.integer({ min: 0, max: 70 }), fc.integer({ min: 0, max: 9000 })) }),
    fc.record({ kind: fc.constant('has' as const), a: grain }),
    fc.record({ kind: fc.constant('count' as const), a: grain, len: fc.integer({ min: 0, max: 2 * PAGE }) }),
    fc.record({ kind: fc.constant('cluster' as const), a: grain, n: fc.integer({ min: 1, max: 600 }), stride: fc.integer({ min: 1, max: 5000 }) }),
  );

  function apply(m: GrainMap, model: Set<number>, o: Op): void {
    if (o.kind === 'set' || o.kind === 'count') {
      const end = Math.min(TOTAL, o.a + o.len);
      if (o.kind === 'set') {
        let fresh = 0;
        for (let g = o.a; g < end; g++) if (!model.has(g)) { model.add(g); fresh++; }
        expect(m.setRange(o.a, end)).toBe(fresh);
      } else {
        let n = 0;
        for (const g of model) if (g >= o.a && g < end) n++;
        expect(m.countInRange(o.a, end)).toBe(n);
      }
    } else if (o.kind === 'has') {
      expect(m.has(o.a)).toBe(model.has(o.a));
    } else {
      for (let i = 0, g = o.a; i < o.n && g < TOTAL; i++, g += o.stride) {
        const fresh = model.has(g) ? 0 : 1;
        model.add(g);
        expect(m.setRange(g, g + 1)).toBe(fresh);
      }
    }
  }

  function modelRuns(model: Set<number>): [number, number][] {
    const sorted = [...model].sort((x, y) => x - y);
    const out: [number, number][] = [];
    for (const g of sorted) {
      const last = out[out.length - 1];
      if (last && last[1] === g) last[1] = g + 1;
      else out.push([g, g + 1]);
    }
    return out;
  }

  function chunksOf(model: Set<number>): number {
    return new Set([...model].map((g) => Math.floor(g / CHUNK))).size;
  }

  it('matches the model for has, setRange, countInRange, count, chunkCount and runs', () => {
    fc.assert(
      fc.property(fc.array(op, { maxLength: 60 }), (ops) => {
        const m = new GrainMap(TOTAL);
        const model = new Set<number>();
        for (const o of ops) apply(m, model, o);
        expect(m.count).toBe(model.size);
        expect(m.chunkCount).toBe(chunksOf(model));
        expect(runs(m)).toEqual(modelRuns(model));
        expect(m.clone().count).toBe(model.size);
      }),
      { numRuns: 150, seed: 20100209 },
    );
  });

  it('matches the model for unionFrom, countNotIn and the scaled variants', () => {
    fc.assert(
      fc.property(fc.array(op, { maxLength: 30 }), fc.array(op, { maxLength: 30 }), fc.integer({ min: 1, max: 5000 }), (opsA, opsB, ratio) => {
        const a = new GrainMap(TOTAL);
        const b = new GrainMap(TOTAL);
        const ma = new Set<number>();
        const mb = new Set<number>();
        for (const o of opsA) apply(a, ma, o);
        for (const o of opsB) apply(b, mb, o);
        const bNotA = [...mb].filter((g) => !ma.has(g)).length;
        expect(b.countNotIn(a)).toBe(bNotA);
        // Scaled: b merged into a coarser copy of a.
        const coarse = new GrainMap(Math.ceil(TOTAL / ratio));
        const mc = new Set<number>();
        for (const g of ma) { coarse.setRange(Math.floor(g / ratio), Math.floor(g / ratio) + 1); mc.add(Math.floor(g / ratio)); }
        const scaledFresh = new Set([...mb].map((g) => Math.floor(g / ratio)).filter((g) => !mc.has(g))).size;
        expect(coarse.countScaledNotIn(b, ratio)).toBe(scaledFresh);
        expect(coarse.unionScaledFrom(b, ratio)).toBe(scaledFresh);
        expect(coarse.count).toBe(mc.size + scaledFresh);

        expect(a.unionFrom(b)).toBe(bNotA);
        for (const g of mb) ma.add(g);
        expect(a.count).toBe(ma.size);
        expect(a.chunkCount).toBe(chunksOf(ma));
        expect(runs(a)).toEqual(modelRuns(ma));
      }),
      { numRuns: 100, seed: 40200 },
    );
  });
});

describe('withoutRange (guest UNMAP)', () => {
  it('drops exactly the grains in the range, across sparse and dense pages', () => {
    const m = GrainMap.fromRanges(10_000_000, [[0, 10], [4090, 4200], [5_000_000, 5_010_000]]);
    const cut = withoutRange(m, 5, 4100);
    expect(cut.count).toBe(m.count - (5 + 10));
    expect(cut.has(4)).toBe(true);
    expect(cut.has(5)).toBe(false);
    expect(cut.has(4099)).toBe(false);
    expect(cut.has(4100)).toBe(true);
    expect(cut.has(5_005_000)).toBe(true);
    expect(m.has(5)).toBe(true);
  });
});

describe('GrainMap.setOne', () => {
  it('agrees with a Set model and with setRange over random grains, sparse and dense pages alike', () => {
    fc.assert(fc.property(fc.array(fc.oneof(fc.integer({ min: 0, max: 9000 }), fc.integer({ min: 0, max: 2 ** 24 - 1 })), { maxLength: 6000 }), (grains) => {
      const one = new GrainMap(2 ** 24);
      const range = new GrainMap(2 ** 24);
      const model = new Set<number>();
      for (const g of grains) {
        expect(one.setOne(g)).toBe(model.has(g) ? 0 : 1);
        range.setRange(g, g + 1);
        model.add(g);
        // interleave range writes so setOne meets a warm last-chunk cache too
        if (g % 7 === 0 && g + 3 < 2 ** 24) { one.setRange(g, g + 3); range.setRange(g, g + 3); model.add(g + 1); model.add(g + 2); }
      }
      expect(one.count).toBe(model.size);
      expect(one.chunkCount).toBe(range.chunkCount);
      expect(one.countNotIn(range)).toBe(0);
      expect(range.countNotIn(one)).toBe(0);
    }), { numRuns: 25 });
  });
});

describe('GrainMap.hasChunk', () => {
  it('tells whether a grain table holds any grain, sparse and dense', () => {
    const m = GrainMap.fromRanges(2 ** 24, [[5, 6], [4096 * 7 + 4095, 4096 * 7 + 4096]]);
    expect([m.hasChunk(0), m.hasChunk(1), m.hasChunk(7), m.hasChunk(8)]).toEqual([true, false, true, false]);
    m.setRange(4096 * 20, 4096 * 22);   // more than SPARSE_MAX grains: the page turns dense
    expect([m.hasChunk(0), m.hasChunk(7), m.hasChunk(20), m.hasChunk(21), m.hasChunk(22), m.hasChunk(1500)]).toEqual([true, true, true, true, false, false]);
  });
});
