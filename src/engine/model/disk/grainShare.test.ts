// A GrainMap copy shares its pages with the original until one of them writes (copy on write): every
// way of writing leaves the other map as it was, and a full page is full however it is held.
import { describe, expect, it } from 'vitest';
import { GrainMap } from './grainMap';
import { sampleFree } from './grainFree';
import { Rng } from '../../core/rng';
import { cloneGraph, PARTS, type HoldsParts } from '../../core/clone';

const PAGE = 4096 * 1024;

/** Runs of held grains: what two maps holding the same grains agree on. */
const runs = (m: GrainMap) => { const out: number[] = []; m.forEachRun((a, b) => out.push(a, b)); return out; };

/** Three pages: sparse, dense, full. */
function mixed(): GrainMap {
  const m = new GrainMap(4 * PAGE);
  for (let i = 0; i < 100; i++) m.setOne(i * 997);
  for (let i = 0; i < 9000; i++) m.setOne(PAGE + i * 37);
  m.setRange(2 * PAGE, 3 * PAGE);
  return m;
}

type Write = [string, (m: GrainMap) => void];
const writes: Write[] = [
  ['setOne', (m) => { m.setOne(5); m.setOne(PAGE + 1); m.setOne(3 * PAGE + 9); }],
  ['setInWord', (m) => { m.setInWord(PAGE + 64, 16); m.setInWord(32, 8); }],
  ['setRange', (m) => { m.setRange(PAGE - 100, PAGE + 5000); }],
  ['a whole page', (m) => { m.setRange(PAGE, 2 * PAGE); }],
  ['unionFrom', (m) => { m.unionFrom(GrainMap.fromRanges(4 * PAGE, [[10, 20], [PAGE + 3, PAGE + 900], [3 * PAGE, 4 * PAGE]])); }],
  ['sampleFree with set', (m) => { const out = new Float64Array(5001); sampleFree(m, 0, 2 * PAGE, 2 * PAGE - m.countInRange(0, 2 * PAGE), 5000, new Rng(3), out, true); }],
];

describe('GrainMap copies share pages until written', () => {
  for (const [name, write] of writes) {
    it(`${name}: a write to the original leaves the copy as it was, and a write to the copy leaves the original`, () => {
      const a = mixed();
      const before = runs(a);
      const b = a.clone();
      write(a);
      expect(runs(b)).toEqual(before);
      expect(b.count).toBe(mixed().count);
      const after = runs(a);
      const c = a.clone();
      write(c);
      c.setOne(4 * PAGE - 1);
      expect(runs(a)).toEqual(after);
      expect(runs(b)).toEqual(before);
      // Both sides still write correctly after the copy: the same writes on a fresh map agree.
      const fresh = mixed();
      write(fresh);
      expect(runs(a)).toEqual(runs(fresh));
    });
  }

  it('a page filled grain by grain counts as full and costs what a page written whole costs', () => {
    const byGrain = new GrainMap(PAGE);
    for (let c = 0; c < 1024; c++) byGrain.setRange(c * 4096, c * 4096 + 4095);
    for (let c = 0; c < 1024; c++) byGrain.setOne(c * 4096 + 4095);
    const whole = GrainMap.fromRanges(PAGE, [[0, PAGE]]);
    expect(byGrain.count).toBe(PAGE);
    expect(byGrain.memoryBytes()).toBe(whole.memoryBytes());
    expect(byGrain.memoryBytes()).toBeLessThan(1000);
  });

  it('a checkpoint copy (cloneGraph) keeps full pages full and names the pages it shares', () => {
    const m = mixed();
    const { copy, bytes, shared } = cloneGraph({ m });
    expect(copy.m.memoryBytes()).toBe(m.memoryBytes());
    expect(shared.size).toBe(3);
    // The pages' own bytes and the chunks they hold (each counted once) make up the map.
    let parts = 0;
    for (const page of shared.keys()) (page as HoldsParts)[PARTS]((_chunk, n) => { parts += n; });
    expect([...shared.values()].reduce((s, n) => s + n, 0) + parts).toBe(m.memoryBytes() - 64 - m.pageCount * 8);
    expect(bytes).toBeLessThan(1000);
  });
});
