// Page-level operations GrainMap's unions, counts and comparisons are built from. Each handles the
// four sparse/dense combinations; in-page offsets are 0..2^22-1.
import { CHUNK_GRAINS, CHUNK_SHIFT, PAGE_GRAINS, countAndNot, countChunkBits, orChunk, popcount32, wordMask } from './grainBits';
import { FULL_CHUNK, type GrainPage, lowerBound, pageHas } from './grainPage';

/** Sets sorted in-page offsets in a dense page; returns how many were new. */
export function setItemsDense(page: GrainPage, items: Uint32Array, n: number): number {
  let added = 0;
  for (let i = 0; i < n; i++) {
    const off = items[i];
    const slot = off >>> CHUNK_SHIFT;
    const b = off & 4095;
    const wi = b >>> 5;
    const m = 1 << (b & 31);
    const had = page.chunks![slot];
    if (had !== null && (had[wi] & m) !== 0) continue;
    const words = page.writableChunk(slot);
    words[wi] |= m;
    page.chunkHeld![slot]++;
    page.settle(slot);
    added++;
  }
  page.held += added;
  return added;
}

/** ORs a dense page's chunks into a dense page; returns how many grains were new. */
export function orPageDense(page: GrainPage, src: GrainPage): number {
  const srcChunks = src.chunks!;
  const held = page.chunkHeld!;
  let added = 0;
  for (let slot = 0; slot < srcChunks.length && slot < page.span; slot++) {
    const s = srcChunks[slot];
    if (s === null || held[slot] === CHUNK_GRAINS) continue;
    const d = page.chunks![slot];
    // A chunk this page lacks takes the source's as it is (shared: neither writes a chunk it did not make).
    if (d === null && s === FULL_CHUNK) {
      page.chunks![slot] = FULL_CHUNK;
      page.chunkCount++;
      held[slot] = CHUNK_GRAINS;
      added += CHUNK_GRAINS;
      continue;
    }
    const k = orChunk(page.writableChunk(slot), 0, s, 0);
    held[slot] += k;
    page.settle(slot);
    added += k;
  }
  page.held += added;
  return added;
}

/**
 * Grains a dense page holds in [off, stop), a part of chunk `slot` (the chunk's own count when the
 * part is the whole chunk). The chunk walks of counting, select and sampling share it.
 */
export function denseHeldIn(page: GrainPage, slot: number, off: number, stop: number): number {
  const words = page.chunks![slot];
  if (words === null) return 0;
  const chunkStart = slot << CHUNK_SHIFT;
  return off === chunkStart && stop - chunkStart === CHUNK_GRAINS
    ? page.chunkHeld![slot] : countChunkBits(words, 0, off - chunkStart, stop - chunkStart);
}

/** Grains of a page in in-page offsets [lo, hiEx). */
export function pageCountRange(page: GrainPage, lo: number, hiEx: number): number {
  if (lo === 0 && hiEx === PAGE_GRAINS) return page.held;
  if (page.chunks === null) {
    const a = lowerBound(page.items!, page.n, lo);
    return lowerBound(page.items!, page.n, hiEx, a) - a;
  }
  let n = 0;
  for (let off = lo; off < hiEx; off = chunkPartEnd(off, hiEx)) {
    n += denseHeldIn(page, off >>> CHUNK_SHIFT, off, chunkPartEnd(off, hiEx));
  }
  return n;
}

/** Where the part of [off, hiEx) inside off's chunk ends: the chunk walks step by it. */
function chunkPartEnd(off: number, hiEx: number): number {
  return Math.min(hiEx, ((off >>> CHUNK_SHIFT) + 1) << CHUNK_SHIFT);
}

/** Grains of page mine that page theirs lacks. */
export function pageCountNotIn(mine: GrainPage, theirs: GrainPage): number {
  if (mine.chunks === null) {
    const items = mine.items!;
    if (theirs.chunks !== null) {
      let n = 0;
      for (let i = 0; i < mine.n; i++) if (!pageHas(theirs, items[i])) n++;
      return n;
    }
    // Both sparse: walk the two sorted lists together.
    const other = theirs.items!;
    let n = 0;
    let j = 0;
    for (let i = 0; i < mine.n; i++) {
      const v = items[i];
      while (j < theirs.n && other[j] < v) j++;
      if (j >= theirs.n || other[j] !== v) n++;
    }
    return n;
  }
  if (theirs.chunks === null) {
    let shared = 0;
    for (let j = 0; j < theirs.n; j++) if (pageHas(mine, theirs.items![j])) shared++;
    return mine.count() - shared;
  }
  let n = 0;
  const a = mine.chunks;
  const b = theirs.chunks;
  for (let slot = 0; slot < a.length; slot++) {
    const aw = a[slot];
    if (aw === null) continue;
    const bw = slot < b.length ? b[slot] : null;
    if (aw === bw) continue; // one chunk shared by both: nothing of it is missing
    n += bw === null ? mine.chunkHeld![slot] : countAndNot(aw, 0, bw, 0);
  }
  return n;
}

/** Calls add(first, endExclusive) for each grain run of a page, ascending; pageStart = its first grain. */
export function pageRuns(page: GrainPage, pageStart: number, add: (a: number, b: number) => void): void {
  if (page.chunks === null) {
    const items = page.items!;
    for (let i = 0; i < page.n; i++) add(pageStart + items[i], pageStart + items[i] + 1);
    return;
  }
  const chunks = page.chunks;
  for (let slot = 0; slot < chunks.length; slot++) {
    const words = chunks[slot];
    if (words === null) continue;
    const chunkStart = pageStart + slot * CHUNK_GRAINS;
    for (let wi = 0; wi < 128; wi++) {
      const w = words[wi];
      if (w === 0) continue;
      const base = chunkStart + wi * 32;
      if (w === 0xffffffff) {
        add(base, base + 32);
        continue;
      }
      for (let bit = 0; bit < 32; bit++) if (((w >>> bit) & 1) !== 0) add(base + bit, base + bit + 1);
    }
  }
}

/**
 * Adds a page's grains into `out`, bucket b covering grains [floor(b*total/B), floor((b+1)*total/B)).
 * Cost follows what the page holds: its offset list, or its held chunks (one popcount each, split
 * only where a chunk straddles a bucket edge).
 */
export function pageBucketCounts(page: GrainPage, pageStart: number, total: number, out: Float64Array): void {
  const buckets = out.length;
  const bucketOf = (g: number) => Math.min(buckets - 1, Math.floor((g * buckets) / total));
  if (page.chunks === null) {
    const items = page.items!;
    for (let i = 0; i < page.n; i++) out[bucketOf(pageStart + items[i])]++;
    return;
  }
  const chunks = page.chunks;
  for (let slot = 0; slot < chunks.length; slot++) {
    const words = chunks[slot];
    if (words === null) continue;
    const first = pageStart + (slot << CHUNK_SHIFT);
    const end = Math.min(first + CHUNK_GRAINS, total);
    const a = bucketOf(first);
    const b = bucketOf(end - 1);
    if (a === b) { out[a] += page.chunkHeld![slot]; continue; }
    for (let k = a; k <= b; k++) {
      const lo = Math.max(first, Math.ceil((k * total) / buckets));
      const hi = Math.min(end, Math.ceil(((k + 1) * total) / buckets));
      if (hi > lo) out[k] += countChunkBits(words, 0, lo - first, hi - first);
    }
  }
}

/** In-page offset of the free grain with `rank` free grains before it in [lo, hiEx) (page may be null). */
export function pageNthFree(page: GrainPage | null, lo: number, hiEx: number, rank: number): number {
  if (page === null) return lo + rank;
  if (page.chunks === null) {
    // Sparse: step over the held offsets at or before the candidate.
    const items = page.items!;
    let pos = lo + rank;
    for (let i = lowerBound(items, page.n, lo); i < page.n && items[i] <= pos; i++) pos++;
    return pos;
  }
  let left = rank;
  for (let off = lo; off < hiEx; off = chunkPartEnd(off, hiEx)) {
    const stop = chunkPartEnd(off, hiEx);
    const slot = off >>> CHUNK_SHIFT;
    const chunkStart = slot << CHUNK_SHIFT;
    const words = page.chunks[slot];
    const free = stop - off - denseHeldIn(page, slot, off, stop);
    if (left >= free) { left -= free; continue; }
    if (words === null) return off + left;
    // Walk the chunk's words: free bits are the zeros inside [off, stop).
    for (let b = off - chunkStart; b < stop - chunkStart;) {
      const wi = b >>> 5;
      const lim = Math.min(stop - chunkStart, (wi + 1) << 5);
      let zeros = ~words[wi] & wordMask(b & 31, ((lim - 1) & 31) + 1);
      const n = popcount32(zeros);
      if (left >= n) { left -= n; b = lim; continue; }
      while (left > 0) { zeros &= zeros - 1; left--; }
      return chunkStart + (wi << 5) + (31 - Math.clz32(zeros & -zeros));
    }
  }
  throw new RangeError('rank past the free grains of the page range');
}
