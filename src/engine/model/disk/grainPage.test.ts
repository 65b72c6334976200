import { describe, expect, it } from 'vitest';
import { GrainMap } from './grainMap';
import { PAGE_GRAINS } from './grainBits';
import { cloneGraph } from '../../core/clone';

/** Every `step`-th grain from `from`: enough grains to turn a page dense (past SPARSE_MAX). */
function scatter(m: GrainMap, from: number, count: number, step: number): void {
  for (let i = 0; i < count; i++) m.setRange(from + i * step, from + i * step + 1);
}

describe('a page past the end of its map holds a bitmap only as long as its chunks', () => {
  it('a 20,971-grain map (a workload stretch) held densely costs kilobytes, not a 512 KB page', () => {
    const m = new GrainMap(20_971);
    scatter(m, 0, 6000, 3);
    expect(m.count).toBe(6000);
    expect(m.chunkCount).toBe(5);
    expect(m.memoryBytes()).toBeLessThan(16 * 1024);
    for (let g = 0; g < 18_000; g++) expect(m.has(g)).toBe(g % 3 === 0);
    expect(m.countInRange(0, 20_971)).toBe(6000);
    m.setRange(20_000, 20_971);
    expect(m.count).toBe(6000 + 971 - 0);
    expect(m.has(20_970)).toBe(true);
  });

  it('the last page of a larger map is as long as its grains; unions, copies and writes keep the counts', () => {
    const total = PAGE_GRAINS + 10_000;
    const a = new GrainMap(total);
    scatter(a, PAGE_GRAINS, 5000, 2);
    const b = new GrainMap(total);
    scatter(b, PAGE_GRAINS + 1, 4999, 2);
    expect(a.memoryBytes()).toBeLessThan(16 * 1024);
    const { copy } = cloneGraph(a);
    expect(a.unionFrom(b)).toBe(4999);
    expect(a.countInRange(PAGE_GRAINS, PAGE_GRAINS + 9998)).toBe(9998);
    expect(a.countNotIn(copy)).toBe(4999);
    // The copy kept its own grains though the map wrote the page they shared.
    expect(copy.count).toBe(5000);
    expect(copy.has(PAGE_GRAINS + 1)).toBe(false);
    copy.setRange(total - 1, total);
    expect(copy.has(total - 1)).toBe(true);
    expect(a.has(total - 1)).toBe(false);
  });
});
