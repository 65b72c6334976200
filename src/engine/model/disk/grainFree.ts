// Choosing among a GrainMap's free grains (docs/workloads.md): select by rank, many sorted ranks in one walk,
// and many independent uniform picks chunk by chunk (optionally marking them held in place). Page
// by page over the map's directory; the page-level work is in grainPageOps, grainFreeRanks and
// grainSample.
import type { GrainMap } from './grainMap';
import { PAGE_GRAINS } from './grainBits';
import { pageCountRange, pageNthFree } from './grainPageOps';
import { pageFreeRanks } from './grainFreeRanks';
import { pageSample, sampleSet } from './grainSample';
import { binomial } from '../../core/binomial';
import type { Rng } from '../../core/rng';

/** Calls fn(page, lo, hiEx, pageStart, free) for each page range of [first, endExclusive) while fn says true. */
function eachPage(map: GrainMap, first: number, endExclusive: number, fn: (page: ReturnType<GrainMap['pageAt']>, lo: number, hiEx: number, pageStart: number, free: number) => boolean): void {
  for (let g = first; g < endExclusive;) {
    const p = Math.floor(g / PAGE_GRAINS);
    const pageStart = p * PAGE_GRAINS;
    const stop = Math.min(endExclusive, pageStart + PAGE_GRAINS);
    const page = map.pageAt(p);
    const free = stop - g - (page ? pageCountRange(page, g - pageStart, stop - pageStart) : 0);
    if (!fn(page, g - pageStart, stop - pageStart, pageStart, free)) return;
    g = stop;
  }
}

/** The free grain of [first, endExclusive) with `rank` free grains before it (rank < free count). */
export function nthFree(map: GrainMap, first: number, endExclusive: number, rank: number): number {
  let left = rank;
  let found = -1;
  eachPage(map, first, endExclusive, (page, lo, hiEx, pageStart, free) => {
    if (left < free) { found = pageStart + pageNthFree(page, lo, hiEx, left); return false; }
    left -= free;
    return true;
  });
  if (found < 0) throw new RangeError(`rank ${rank} past the free grains of [${first}, ${endExclusive})`);
  return found;
}

/**
 * Select for many ranks at once: out[i] = the free grain of [first, endExclusive) with ranks[i] free
 * grains before it, for ranks[0..n) sorted ascending (repeats allowed), in one forward walk.
 */
export function freeGrainsAt(map: GrainMap, first: number, endExclusive: number, ranks: Uint32Array | Float64Array, n: number, out: Float64Array): void {
  let i = 0;
  let base = 0;
  eachPage(map, first, endExclusive, (page, lo, hiEx, pageStart, free) => {
    if (ranks[i] < base + free) i = pageFreeRanks(page, lo, hiEx, ranks, i, n, base, pageStart, out);
    base += free;
    return i < n;
  });
  if (i < n) throw new RangeError(`rank ${ranks[i]} past the ${base} free grains of [${first}, ${endExclusive})`);
}

/**
 * n independent uniform picks among the `free` free grains of [first, endExclusive), repeats
 * allowed, written to out[0..n) (out needs room for n + 1) page by page and chunk by chunk. With
 * `set`, the picked grains are also marked held, chunk by chunk while in cache; returns how many
 * were new.
 */
export function sampleFree(map: GrainMap, first: number, endExclusive: number, free: number, n: number, rng: Rng, out: Float64Array, set = false): number {
  let left = n;
  let freeLeft = free;
  let k = 0;
  let added = 0;
  eachPage(map, first, endExclusive, (page, lo, hiEx, pageStart, f) => {
    if (f === 0) return true;
    const m = f === freeLeft ? left : binomial(rng, left, f / freeLeft);
    const k0 = k;
    const dense = set && page !== null && page.chunks !== null;
    // Picks marked in place go into a page this map owns (a copy's shared page is copied first).
    const target = dense ? map.ownedPageAt(pageStart / PAGE_GRAINS)! : page;
    sampleSet.added = 0;
    sampleSet.newChunks = 0;
    k = pageSample(target, lo, hiEx, f, m, rng, pageStart, out, k, dense);
    if (dense) {
      map.notePageSet(target!, sampleSet.added, sampleSet.newChunks);
      added += sampleSet.added;
    } else if (set) {
      for (let i = k0; i < k; i++) added += map.setOne(out[i]);
    }
    left -= m;
    freeLeft -= f;
    return left > 0;
  });
  if (left > 0) throw new RangeError(`${left} picks left but no free grain in [${first}, ${endExclusive})`);
  return added;
}
