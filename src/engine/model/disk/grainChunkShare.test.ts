// Copies share a dense page's chunks, not only its pages: a write after a copy copies the chunk it
// writes and nothing else, and never reaches the other map, in either direction (write-after-copy
// isolation). Checked against identities of the chunk arrays and against a plain set of grains.
import { describe, expect, it } from 'vitest';
import { GrainMap } from './grainMap';
import { sampleFree } from './grainFree';
import { Rng } from '../../core/rng';
import { cloneGraph, PARTS } from '../../core/clone';

const PAGE = 4096 * 1024;
const CHUNK = 4096;

/** The chunk arrays a map's pages hold (as a checkpoint store sees them; no copy taken). */
function chunksOf(m: GrainMap): Set<object> {
  const out = new Set<object>();
  for (let p = 0; p < m.pageCount; p++) m.pageAt(p)?.[PARTS]((c) => { out.add(c); });
  return out;
}

/** A dense page with grains in 600 of its chunks, one run of 10 grains each. */
function busy(): GrainMap {
  const m = new GrainMap(2 * PAGE);
  for (let c = 0; c < 600; c++) m.setRange(c * CHUNK + 7, c * CHUNK + 17);
  return m;
}

const overlap = (a: Set<object>, b: Set<object>) => [...a].filter((c) => b.has(c)).length;

describe('copies share chunks; a write copies only the chunk it writes', () => {
  it('a copy shares every chunk; one grain written in the original copies one chunk, and the copy never sees it', () => {
    const live = busy();
    const copy = live.clone();
    expect(overlap(chunksOf(live), chunksOf(copy))).toBe(600);
    expect(live.setOne(3 * CHUNK + 100)).toBe(1);
    expect(copy.has(3 * CHUNK + 100)).toBe(false);
    expect(overlap(chunksOf(live), chunksOf(copy))).toBe(599);
    // The other way: the copy writes a chunk still shared; the original keeps its grains.
    expect(copy.setOne(4 * CHUNK + 200)).toBe(1);
    expect(live.has(4 * CHUNK + 200)).toBe(false);
    expect(overlap(chunksOf(live), chunksOf(copy))).toBe(598);
    expect(live.count).toBe(600 * 10 + 1);
    expect(copy.count).toBe(600 * 10 + 1);
  });

  it('a checkpoint copy (cloneGraph) of the lab\'s map: the same, both directions', () => {
    const live = busy();
    const cp = cloneGraph({ m: live }).copy.m;
    expect(overlap(chunksOf(live), chunksOf(cp))).toBe(600);
    live.setRange(20 * CHUNK, 20 * CHUNK + 50);
    cp.setInWord(21 * CHUNK + 64, 8);
    expect(cp.countInRange(20 * CHUNK, 21 * CHUNK)).toBe(10);
    expect(live.countInRange(21 * CHUNK, 22 * CHUNK)).toBe(10);
    expect(overlap(chunksOf(live), chunksOf(cp))).toBe(598);
    // A copy of the copy (a seek restoring from a checkpoint) writes without touching the checkpoint.
    const restored = cp.clone();
    restored.setOne(22 * CHUNK + 1);
    expect(cp.has(22 * CHUNK + 1)).toBe(false);
    expect(live.has(22 * CHUNK + 1)).toBe(false);
  });

  it('a second write to a chunk already copied copies nothing more', () => {
    const live = busy();
    const copy = live.clone();
    live.setOne(10 * CHUNK + 1);
    const after = chunksOf(live);
    live.setOne(10 * CHUNK + 2);
    live.setRange(10 * CHUNK + 3, 10 * CHUNK + 40);
    expect(chunksOf(live)).toEqual(after);
    expect(copy.countInRange(10 * CHUNK, 11 * CHUNK)).toBe(10);
  });

  type Write = [string, (m: GrainMap, rng: Rng) => void];
  const writes: Write[] = [
    ['setOne', (m, rng) => { for (let i = 0; i < 50; i++) m.setOne(rng.int(PAGE + 1000)); }],
    ['setInWord', (m, rng) => { for (let i = 0; i < 50; i++) m.setInWord(rng.int(PAGE / 32) * 32 + 4, 8); }],
    ['setRange', (m, rng) => { for (let i = 0; i < 20; i++) { const a = rng.int(PAGE); m.setRange(a, Math.min(2 * PAGE, a + rng.int(9000))); } }],
    ['a whole chunk', (m, rng) => { const c = rng.int(1024); m.setRange(c * CHUNK, (c + 1) * CHUNK); }],
    ['unionFrom', (m, rng) => { const o = new GrainMap(2 * PAGE); for (let i = 0; i < 6000; i++) o.setOne(rng.int(PAGE)); m.unionFrom(o); }],
    ['sampleFree with set', (m, rng) => { const out = new Float64Array(3001); sampleFree(m, 0, PAGE, PAGE - m.countInRange(0, PAGE), 3000, rng, out, true); }],
  ];

  /** Grains of a map as a sorted list of runs. */
  const runs = (m: GrainMap) => { const out: number[] = []; m.forEachRun((a, b) => out.push(a, b)); return out; };

  for (const [name, write] of writes) {
    it(`${name}: maps copied from each other in turn each hold what their own writes made, nothing of the others'`, () => {
      const rng = new Rng(name.length * 7919);
      // What each map must hold: its own writes replayed on a map nobody shares (same seeds).
      const maps: GrainMap[] = [busy()];
      const seeds: number[][] = [[]];
      const alone = (k: number) => { const m = busy(); for (const s of seeds[k]) write(m, new Rng(s)); return m; };
      const expected: number[][] = [runs(maps[0])];
      for (let step = 0; step < 16; step++) {
        const i = rng.int(maps.length);
        if (rng.int(3) === 0) {
          maps.push(maps[i].clone());
          seeds.push(seeds[i].slice());
          expected.push(expected[i]);
        } else {
          const seed = rng.u32();
          write(maps[i], new Rng(seed));
          seeds[i].push(seed);
          const a = alone(i);
          expected[i] = runs(a);
          expect(maps[i].count).toBe(a.count);
          expect(maps[i].chunkCount).toBe(a.chunkCount);
          expect(maps[i].memoryBytes()).toBe(a.memoryBytes());
        }
        // Every map, the written one and all it shares chunks with, holds exactly its own grains.
        for (let k = 0; k < maps.length; k++) expect(runs(maps[k]), `map ${k} after step ${step}`).toEqual(expected[k]);
      }
    });
  }

  it('a chunk filled whole becomes the shared full chunk: copies of it cost nothing and writes skip it', () => {
    const m = busy();
    m.setRange(5 * CHUNK, 6 * CHUNK);
    const before = m.memoryBytes();
    const copy = m.clone();
    expect(copy.setRange(5 * CHUNK, 6 * CHUNK)).toBe(0);
    expect(m.setOne(5 * CHUNK + 9)).toBe(0);
    expect(m.memoryBytes()).toBe(before);
    expect(copy.countInRange(5 * CHUNK, 6 * CHUNK)).toBe(CHUNK);
    expect(m.countInRange(4 * CHUNK, 7 * CHUNK)).toBe(CHUNK + 20);
  });
});
