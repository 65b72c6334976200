// Read-only walks over a GrainMap's pages: runs of held grains, held counts per slice of the address
// space, held counts of a range or a chunk, and what a merge would add (rule 25: a merge needs that
// room first). Cost follows the pages that hold grains, never the disk's size.
import type { GrainMap } from './grainMap';
import { PAGE_GRAINS } from './grainBits';
import { pageBucketCounts, pageCountNotIn, pageCountRange, pageRuns } from './grainPageOps';
import { lowerBound } from './grainPage';

/** Calls fn for each maximal run of held grains inside [first, endExclusive), clipped to it, ascending. */
export function forEachRunIn(map: GrainMap, first: number, endExclusive: number, fn: (first: number, endExclusive: number) => void): void {
  let runStart = -1;
  let runEnd = -1;
  const add = (a: number, b: number): void => {
    const s = a < first ? first : a;
    const e = b > endExclusive ? endExclusive : b;
    if (s >= e) return;
    if (s === runEnd) { runEnd = e; return; }
    if (runStart >= 0) fn(runStart, runEnd);
    runStart = s;
    runEnd = e;
  };
  const p0 = Math.floor(first / PAGE_GRAINS);
  const p1 = Math.min(map.pageCount, Math.ceil(endExclusive / PAGE_GRAINS));
  for (let p = p0; p < p1; p++) {
    const page = map.pageAt(p);
    if (page) pageRuns(page, p * PAGE_GRAINS, add);
  }
  if (runStart >= 0) fn(runStart, runEnd);
}

/**
 * Grains held in each of `slices` equal slices of the address space (slice k covers grains
 * [ceil(k*total/slices), ceil((k+1)*total/slices))).
 */
export function countsPerSlice(map: GrainMap, slices: number): Float64Array {
  const out = new Float64Array(slices);
  const total = map.totalGrains;
  if (total === 0 || map.count === 0) return out;
  for (let p = 0; p < map.pageCount; p++) {
    const page = map.pageAt(p);
    if (page !== null) pageBucketCounts(page, p * PAGE_GRAINS, total, out);
  }
  return out;
}

/** Grains `map` holds that `other` lacks (same grain size): what other.unionFrom(map) would add. */
export function countNotIn(map: GrainMap, other: GrainMap): number {
  let n = 0;
  for (let p = 0; p < map.pageCount; p++) {
    const mine = map.pageAt(p);
    if (mine === null) continue;
    const theirs = other.pageAt(p);
    n += theirs === null ? mine.count() : pageCountNotIn(mine, theirs);
  }
  return n;
}

/**
 * How many grains target.unionScaledFrom(source, ratio) would newly set, without doing it: the
 * distinct floor(g / ratio), over source's grains g, that the target lacks (ratio = target grain
 * size / source's).
 */
export function countScaledNotIn(target: GrainMap, source: GrainMap, ratio: number): number {
  checkRatio(ratio, source.totalGrains, target.totalGrains);
  if (ratio === 1) return countNotIn(source, target);
  let n = 0;
  forEachScaledRun(source, ratio, (s, e) => { n += e - s - target.countInRange(s, e); });
  return n;
}

/** The runs of `source`'s grains at a grain `ratio` times coarser, each coarse grain once, ascending. */
export function forEachScaledRun(source: GrainMap, ratio: number, fn: (first: number, endExclusive: number) => void): void {
  let lastEnd = 0;
  forEachRunIn(source, 0, source.totalGrains, (a, b) => {
    const s = Math.max(Math.floor(a / ratio), lastEnd);
    const e = Math.floor((b - 1) / ratio) + 1;
    if (s < e) fn(s, e);
    lastEnd = e;
  });
}

export function checkRatio(ratio: number, fineGrains: number, coarseGrains: number): void {
  if (!Number.isInteger(ratio) || ratio < 1) throw new RangeError(`ratio must be an integer >= 1, got ${ratio}`);
  if (Math.ceil(fineGrains / ratio) > coarseGrains) {
    throw new RangeError(`${fineGrains} grains at ratio ${ratio} do not fit in ${coarseGrains} grains`);
  }
}

/** Does the 4096-grain chunk (grain table) `chunk` hold any grain? O(1) dense, O(log n) sparse. */
export function hasChunk(map: GrainMap, chunk: number): boolean {
  const page = map.pageAt(chunk >>> 10);
  if (page === null) return false;
  const slot = chunk & 1023;
  if (page.chunks !== null) return page.chunks[slot] !== null;
  const items = page.items!;
  const i = lowerBound(items, page.n, slot << 12);
  return i < page.n && items[i] >>> 12 === slot;
}

/** Grains `map` holds in [first, endExclusive). */
export function countInRange(map: GrainMap, first: number, endExclusive: number): number {
  if (!(first >= 0 && first <= endExclusive && endExclusive <= map.totalGrains) ||
      first !== Math.floor(first) || endExclusive !== Math.floor(endExclusive)) {
    throw new RangeError(`grain range [${first}, ${endExclusive}) outside [0, ${map.totalGrains})`);
  }
  if (first === 0 && endExclusive === map.totalGrains) return map.count;
  let n = 0;
  let g = first;
  while (g < endExclusive) {
    const p = Math.floor(g / PAGE_GRAINS);
    const pageStart = p * PAGE_GRAINS;
    const stop = Math.min(endExclusive, pageStart + PAGE_GRAINS);
    const page = map.pageAt(p);
    if (page !== null) n += pageCountRange(page, g - pageStart, stop - pageStart);
    g = stop;
  }
  return n;
}
