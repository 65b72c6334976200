// The set of grains one disk file holds (rule 10: a write allocates the grains it touches; a rewrite
// allocates nothing). Memory follows the grains held, never the disk's capacity: a paged directory
// of 4096-grain chunks (one chunk = one grain table, so chunkCount = grain tables allocated), where
// each page of 1024 chunks stays a sorted offset list until it holds more than SPARSE_MAX grains and
// then becomes chunk bitmaps (see grainPage.ts).
import {
  CHUNK_GRAINS, CHUNK_SHIFT, CHUNK_WORDS, PAGE_CHUNKS, PAGE_GRAINS,
  countAndNot, countChunkBits, orChunk, popcountChunk, setChunkBits,
} from './grainBits';
import { GrainPage, SPARSE_MAX, lowerBound, pageHas, sparseAddRange, sparseMerge } from './grainPage';

/** Index splits use float division then `| 0`, exact while grain / 4096 < 2^31. */
export const MAX_TOTAL_GRAINS = 2 ** 43;

// memoryBytes() estimates for V8 on 64-bit Node without pointer compression (measured in
// grains.bench.ts against heapUsed + arrayBuffers): object headers, typed-array wrappers.
const OBJECT_BYTES = 64;
const TYPED_ARRAY_OVERHEAD = 160;
const SLOT_BYTES = 8;

const EMPTY_WORDS = new Uint32Array(CHUNK_WORDS);

export class GrainMap {
  readonly totalGrains: number;
  private pages: (GrainPage | null)[] = [];
  private held = 0;
  private chunksHeld = 0;
  // One-entry cache of the last dense chunk written: sequential writes skip the directory walk.
  private cacheChunk = -1;
  private cacheWords: Uint32Array = EMPTY_WORDS;

  constructor(totalGrains: number) {
    if (!Number.isInteger(totalGrains) || totalGrains < 0 || totalGrains > MAX_TOTAL_GRAINS) {
      throw new RangeError(`totalGrains must be an integer in [0, 2^43], got ${totalGrains}`);
    }
    this.totalGrains = totalGrains;
  }

  static fromRanges(totalGrains: number, ranges: readonly (readonly [number, number])[]): GrainMap {
    const m = new GrainMap(totalGrains);
    for (const [a, b] of ranges) m.setRange(a, b);
    return m;
  }

  /** Grains held. */
  get count(): number {
    return this.held;
  }

  /** Chunks (4096-grain grain tables) holding at least one grain. */
  get chunkCount(): number {
    return this.chunksHeld;
  }

  has(grain: number): boolean {
    if (!(grain >= 0 && grain < this.totalGrains) || grain !== Math.floor(grain)) {
      throw new RangeError(`grain ${grain} outside [0, ${this.totalGrains})`);
    }
    const c = (grain / CHUNK_GRAINS) | 0;
    const b = grain - c * CHUNK_GRAINS;
    if (c === this.cacheChunk) return ((this.cacheWords[b >>> 5] >>> (b & 31)) & 1) !== 0;
    const page = this.pages[c >>> 10];
    if (page === undefined || page === null) return false;
    return pageHas(page, ((c & 1023) << CHUNK_SHIFT) | b);
  }

  /** Marks grains [first, endExclusive); returns how many were not held before. The hot path. */
  setRange(first: number, endExclusive: number): number {
    if (!(first >= 0 && first <= endExclusive && endExclusive <= this.totalGrains) ||
        first !== Math.floor(first) || endExclusive !== Math.floor(endExclusive)) {
      throw new RangeError(`grain range [${first}, ${endExclusive}) outside [0, ${this.totalGrains})`);
    }
    let added = 0;
    let g = first;
    while (g < endExclusive) {
      const c = (g / CHUNK_GRAINS) | 0;
      const chunkStart = c * CHUNK_GRAINS;
      let words: Uint32Array;
      if (c === this.cacheChunk) {
        words = this.cacheWords;
      } else {
        const p = c >>> 10;
        const page = this.pages[p] ?? this.newPage(p);
        let chunks = page.chunks;
        if (chunks === null) {
          const pageStart = p * PAGE_GRAINS;
          const stop = Math.min(endExclusive, pageStart + PAGE_GRAINS);
          const before = page.chunkCount;
          const r = sparseAddRange(page, g - pageStart, stop - pageStart);
          if (r >= 0) {
            added += r;
            this.chunksHeld += page.chunkCount - before;
            g = stop;
            continue;
          }
          page.densify();
          chunks = page.chunks!;
        }
        const slot = c & 1023;
        const existing = chunks[slot];
        if (existing === null) {
          words = chunks[slot] = new Uint32Array(CHUNK_WORDS);
          page.chunkCount++;
          this.chunksHeld++;
        } else {
          words = existing;
        }
        this.cacheChunk = c;
        this.cacheWords = words;
      }
      const lo = g - chunkStart;
      if (endExclusive - g === 1) {
        const i = lo >>> 5;
        const m = 1 << (lo & 31);
        const w = words[i];
        if ((w & m) === 0) {
          words[i] = w | m;
          added++;
        }
        break;
      }
      const stop = endExclusive < chunkStart + CHUNK_GRAINS ? endExclusive : chunkStart + CHUNK_GRAINS;
      added += setChunkBits(words, lo, stop - chunkStart);
      g = stop;
    }
    this.held += added;
    return added;
  }

  /** Adds every grain of other (same grain size); returns how many were newly set. */
  unionFrom(other: GrainMap): number {
    if (other.totalGrains > this.totalGrains) {
      throw new RangeError(`cannot union a map of ${other.totalGrains} grains into one of ${this.totalGrains}`);
    }
    if (other === this) return 0;
    let added = 0;
    for (let p = 0; p < other.pages.length; p++) {
      const src = other.pages[p];
      if (src === null || (src.chunks === null && src.n === 0)) continue;
      const dst = this.pages[p] ?? this.newPage(p);
      const before = dst.chunkCount;
      if (src.chunks === null && dst.chunks === null) {
        const r = sparseMerge(dst, src.items!, src.n);
        if (r >= 0) {
          added += r;
          this.chunksHeld += dst.chunkCount - before;
          continue;
        }
      }
      dst.densify();
      added += src.chunks === null ? setItemsDense(dst, src.items!, src.n) : orPageDense(dst, src.chunks);
      this.chunksHeld += dst.chunkCount - before;
    }
    this.held += added;
    return added;
  }

  /**
   * Adds other's grains at a coarser grain size: other's grain g becomes this map's grain
   * floor(g / ratio), where ratio = this grain size / other's grain size (an integer >= 1); e.g. a
   * 512-byte-grain delta merged into a thin base tracked in 1 MB blocks. Returns newly set grains.
   */
  unionScaledFrom(other: GrainMap, ratio: number): number {
    checkRatio(ratio, other.totalGrains, this.totalGrains);
    if (ratio === 1) return this.unionFrom(other);
    let added = 0;
    let lastEnd = 0;
    other.forEachRun((a, b) => {
      let s = Math.floor(a / ratio);
      const e = Math.floor((b - 1) / ratio) + 1;
      if (s < lastEnd) s = lastEnd;
      if (s < e) added += this.setRange(s, e);
      lastEnd = e;
    });
    return added;
  }

  /** Grains held in [first, endExclusive). */
  countInRange(first: number, endExclusive: number): number {
    if (!(first >= 0 && first <= endExclusive && endExclusive <= this.totalGrains) ||
        first !== Math.floor(first) || endExclusive !== Math.floor(endExclusive)) {
      throw new RangeError(`grain range [${first}, ${endExclusive}) outside [0, ${this.totalGrains})`);
    }
    if (first === 0 && endExclusive === this.totalGrains) return this.held;
    let n = 0;
    let g = first;
    while (g < endExclusive) {
      const p = Math.floor(g / PAGE_GRAINS);
      const pageStart = p * PAGE_GRAINS;
      const stop = Math.min(endExclusive, pageStart + PAGE_GRAINS);
      const page = this.pages[p];
      if (page !== undefined && page !== null) n += pageCountRange(page, g - pageStart, stop - pageStart);
      g = stop;
    }
    return n;
  }

  /**
   * Grains this map holds that other lacks (same grain size): how many grains other.unionFrom(this)
   * would newly set, e.g. how much a snapshot merge grows its target, computed before merging.
   */
  countNotIn(other: GrainMap): number {
    let n = 0;
    for (let p = 0; p < this.pages.length; p++) {
      const mine = this.pages[p];
      if (mine === null) continue;
      const theirs = other.pages[p];
      n += theirs === undefined || theirs === null ? mine.count() : pageCountNotIn(mine, theirs);
    }
    return n;
  }

  /**
   * How many grains this.unionScaledFrom(source, ratio) would newly set, without doing it: the
   * distinct floor(g / ratio), over source's grains g, that this map (the merge target) lacks.
   * Receiver and arguments are those of unionScaledFrom: ratio = this grain size / source's.
   */
  countScaledNotIn(source: GrainMap, ratio: number): number {
    checkRatio(ratio, source.totalGrains, this.totalGrains);
    if (ratio === 1) return source.countNotIn(this);
    let n = 0;
    let lastEnd = 0;
    source.forEachRun((a, b) => {
      let s = Math.floor(a / ratio);
      const e = Math.floor((b - 1) / ratio) + 1;
      if (s < lastEnd) s = lastEnd;
      if (s < e) n += e - s - this.countInRange(s, e);
      lastEnd = e;
    });
    return n;
  }

  clone(): GrainMap {
    const m = new GrainMap(this.totalGrains);
    m.pages = this.pages.map((p) => (p === null ? null : p.clone()));
    m.held = this.held;
    m.chunksHeld = this.chunksHeld;
    return m;
  }

  clear(): void {
    this.pages = [];
    this.held = 0;
    this.chunksHeld = 0;
    this.cacheChunk = -1;
    this.cacheWords = EMPTY_WORDS;
  }

  /** Calls fn for each maximal run of consecutive held grains, in ascending order. */
  forEachRun(fn: (first: number, endExclusive: number) => void): void {
    let runStart = -1;
    let runEnd = -1;
    const add = (a: number, b: number): void => {
      if (a === runEnd) {
        runEnd = b;
        return;
      }
      if (runStart >= 0) fn(runStart, runEnd);
      runStart = a;
      runEnd = b;
    };
    for (let p = 0; p < this.pages.length; p++) {
      const page = this.pages[p];
      if (page === null) continue;
      const pageStart = p * PAGE_GRAINS;
      if (page.chunks === null) {
        const items = page.items!;
        for (let i = 0; i < page.n; i++) add(pageStart + items[i], pageStart + items[i] + 1);
        continue;
      }
      for (let slot = 0; slot < PAGE_CHUNKS; slot++) {
        const words = page.chunks[slot];
        if (words === null) continue;
        const chunkStart = pageStart + slot * CHUNK_GRAINS;
        for (let wi = 0; wi < CHUNK_WORDS; wi++) {
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
    if (runStart >= 0) fn(runStart, runEnd);
  }

  /** Estimated bytes this structure holds (objects, directory, offset lists, chunk bitmaps). */
  memoryBytes(): number {
    let bytes = OBJECT_BYTES + this.pages.length * SLOT_BYTES;
    for (const page of this.pages) {
      if (page === null) continue;
      bytes += OBJECT_BYTES;
      if (page.chunks === null) {
        bytes += TYPED_ARRAY_OVERHEAD + page.items!.byteLength;
      } else {
        bytes += OBJECT_BYTES + PAGE_CHUNKS * SLOT_BYTES + page.chunkCount * (TYPED_ARRAY_OVERHEAD + CHUNK_WORDS * 4);
      }
    }
    return bytes;
  }

  private newPage(p: number): GrainPage {
    while (this.pages.length <= p) this.pages.push(null);
    const page = new GrainPage();
    this.pages[p] = page;
    return page;
  }
}

function checkRatio(ratio: number, fineGrains: number, coarseGrains: number): void {
  if (!Number.isInteger(ratio) || ratio < 1) throw new RangeError(`ratio must be an integer >= 1, got ${ratio}`);
  if (Math.ceil(fineGrains / ratio) > coarseGrains) {
    throw new RangeError(`${fineGrains} grains at ratio ${ratio} do not fit in ${coarseGrains} grains`);
  }
}

/** Sets sorted in-page offsets in a dense page; returns how many were new. */
function setItemsDense(page: GrainPage, items: Uint32Array, n: number): number {
  const chunks = page.chunks!;
  let added = 0;
  for (let i = 0; i < n; i++) {
    const off = items[i];
    const slot = off >>> CHUNK_SHIFT;
    let words = chunks[slot];
    if (words === null) {
      chunks[slot] = words = new Uint32Array(CHUNK_WORDS);
      page.chunkCount++;
    }
    const b = off & 4095;
    const m = 1 << (b & 31);
    const w = words[b >>> 5];
    if ((w & m) === 0) {
      words[b >>> 5] = w | m;
      added++;
    }
  }
  return added;
}

/** ORs dense chunks into a dense page; returns how many grains were new. */
function orPageDense(page: GrainPage, src: (Uint32Array | null)[]): number {
  const chunks = page.chunks!;
  let added = 0;
  for (let slot = 0; slot < PAGE_CHUNKS; slot++) {
    const s = src[slot];
    if (s === null) continue;
    const d = chunks[slot];
    if (d === null) {
      const fresh = popcountChunk(s);
      if (fresh === 0) continue;
      chunks[slot] = s.slice();
      page.chunkCount++;
      added += fresh;
    } else {
      added += orChunk(d, s);
    }
  }
  return added;
}

/** Grains of a page in in-page offsets [lo, hiEx). */
function pageCountRange(page: GrainPage, lo: number, hiEx: number): number {
  if (page.chunks === null) {
    const a = lowerBound(page.items!, page.n, lo);
    return lowerBound(page.items!, page.n, hiEx, a) - a;
  }
  let n = 0;
  let off = lo;
  while (off < hiEx) {
    const slot = off >>> CHUNK_SHIFT;
    const chunkStart = slot << CHUNK_SHIFT;
    const stop = Math.min(hiEx, chunkStart + CHUNK_GRAINS);
    const words = page.chunks[slot];
    if (words !== null) {
      n += off === chunkStart && stop - chunkStart === CHUNK_GRAINS
        ? popcountChunk(words)
        : countChunkBits(words, off - chunkStart, stop - chunkStart);
    }
    off = stop;
  }
  return n;
}

/** Grains of page mine that page theirs lacks. */
function pageCountNotIn(mine: GrainPage, theirs: GrainPage): number {
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
  for (let slot = 0; slot < PAGE_CHUNKS; slot++) {
    const a = mine.chunks[slot];
    if (a === null) continue;
    const b = theirs.chunks[slot];
    n += b === null ? popcountChunk(a) : countAndNot(a, b);
  }
  return n;
}

export { SPARSE_MAX };
