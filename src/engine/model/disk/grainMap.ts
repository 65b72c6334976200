// GrainMap is a Roaring-style container: a directory of pages, each a sorted array of grains or a bitmap.
// The set of grains one disk file holds (rule 10: a write allocates the grains it touches; a rewrite
// allocates nothing). Memory follows the grains held, never the disk's capacity: a paged directory
// of 4096-grain chunks (one chunk = one grain table, so chunkCount = grain tables allocated), where
// each page of 1024 chunks stays a sorted offset list until it holds more than SPARSE_MAX grains and
// then becomes chunk bitmaps (see grainPage.ts). A copy shares the pages (copy on write): each page
// names the map that owns it, and a map copies a page it does not own before changing it (its chunk
// list; each chunk is copied when first written), so a time-travel checkpoint costs the chunks written
// since the last one, not the whole map.
import {
  CHUNK_GRAINS as CHUNK_GRAINS_IMPORT, CHUNK_WORDS, PAGE_GRAINS as PAGE_GRAINS_IMPORT,
  popcount32 as popcount32Import, setChunkBits as setChunkBitsImport,
} from './grainBits';
import { GrainPage, SPARSE_MAX, pageHas as pageHasImport, sparseAddRange as sparseAddRangeImport } from './grainPage';
import { pageCountRange } from './grainPageOps';
import { unionInto } from './grainUnion';
import { COPY, type CopyContext } from '../../core/clone';
import { checkRatio, countInRange, countNotIn, hasChunk, countScaledNotIn, countsPerSlice, forEachRunIn, forEachScaledRun } from './grainWalk';

// Module-local copies of what the hot paths use: some loaders (tsx) turn imported bindings into
// getter calls on every access, which made setRange several times slower.
const CHUNK_GRAINS = CHUNK_GRAINS_IMPORT;
const PAGE_GRAINS = PAGE_GRAINS_IMPORT;
const setChunkBits = setChunkBitsImport;
const popcount32 = popcount32Import;
const pageHas = pageHasImport;
const sparseAddRange = sparseAddRangeImport;

/** Index splits use float division then `| 0`, exact while grain / 4096 < 2^31. */
export const MAX_TOTAL_GRAINS = 2 ** 43;

// memoryBytes() estimates for V8 on 64-bit Node without pointer compression (see GrainPage.bytes).
const OBJECT_BYTES = 64;
const SLOT_BYTES = 8;

const EMPTY_WORDS = new Uint32Array(CHUNK_WORDS);
const PAGE_CHUNKS_LOCAL = 1024;

export class GrainMap {
  readonly totalGrains: number;
  private pages: (GrainPage | null)[] = [];
  private held = 0;
  private chunksHeld = 0;
  // One-entry cache of the last dense chunk written (its own bitmap, writable in place): sequential
  // writes skip the directory walk. Reset whenever a chunk or page may have been replaced or shared.
  private cacheChunk = -1;
  private cacheWords: Uint32Array = EMPTY_WORDS;
  private cacheAt = 0;
  private cachePage: GrainPage | null = null;
  /** What this map's own pages carry as their owner; a copy gives both maps new ones. */
  private owner: object = {};

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
    const c = (grain / 4096) | 0; // literal divisor: compiles to a multiply
    const b = grain - c * 4096;
    if (c === this.cacheChunk) return ((this.cacheWords[this.cacheAt + (b >>> 5)] >>> (b & 31)) & 1) !== 0;
    const page = this.pages[c >>> 10];
    if (page === undefined || page === null) return false;
    const chunks = page.chunks;
    if (chunks === null) return pageHas(page, ((c & 1023) << 12) | b);
    const words = chunks[c & 1023];
    return words !== null && ((words[b >>> 5] >>> (b & 31)) & 1) !== 0;
  }

  /** Marks grains [first, endExclusive); returns how many were not held before. The hot path. */
  setRange(first: number, endExclusive: number): number {
    // One grain (a 4 KB write on SEsparse): the one-grain path, no loop.
    if (endExclusive === first + 1 && first >= 0 && endExclusive <= this.totalGrains && first === Math.floor(first)) {
      return this.setOne(first);
    }
    if (!(first >= 0 && first <= endExclusive && endExclusive <= this.totalGrains) ||
        first !== Math.floor(first) || endExclusive !== Math.floor(endExclusive)) {
      throw new RangeError(`grain range [${first}, ${endExclusive}) outside [0, ${this.totalGrains})`);
    }
    let added = 0;
    let g = first;
    while (g < endExclusive) {
      if (g % PAGE_GRAINS === 0 && endExclusive - g >= PAGE_GRAINS) {
        // A whole page written at once: one shared full page, no bitmap.
        const p = g / PAGE_GRAINS;
        const had = this.pages[p];
        if (had === undefined || had === null || !had.inFullForm) {
          const page = this.own(p);
          added += PAGE_GRAINS - page.held;
          this.toFull(page);
        }
        g += PAGE_GRAINS;
        continue;
      }
      const c = (g / CHUNK_GRAINS) | 0;
      const chunkStart = c * CHUNK_GRAINS;
      let words: Uint32Array;
      let at: number;
      let page: GrainPage;
      if (c === this.cacheChunk) {
        words = this.cacheWords;
        at = this.cacheAt;
        page = this.cachePage!;
      } else {
        const p = c >>> 10;
        const pageStart = p * PAGE_GRAINS;
        const shared = this.pages[p];
        if (shared !== undefined && shared !== null && shared.owner !== this.owner) {
          // A rewrite of grains a shared page holds already changes nothing: no copy for it.
          const stop = Math.min(endExclusive, pageStart + PAGE_GRAINS);
          if (pageCountRange(shared, g - pageStart, stop - pageStart) === stop - g) { g = stop; continue; }
        }
        page = this.own(p);
        if (page.full) { g = Math.min(endExclusive, pageStart + PAGE_GRAINS); continue; }
        if (page.chunks === null) {
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
        }
        const slot = c & 1023;
        if (page.chunkHeld![slot] === CHUNK_GRAINS) { g = Math.min(endExclusive, chunkStart + CHUNK_GRAINS); continue; }
        const before = page.chunkCount;
        words = page.writableChunk(slot);
        this.chunksHeld += page.chunkCount - before;
        at = 0;
        this.cacheChunk = c;
        this.cacheWords = words;
        this.cacheAt = at;
        this.cachePage = page;
      }
      const lo = g - chunkStart;
      const stop = endExclusive < chunkStart + CHUNK_GRAINS ? endExclusive : chunkStart + CHUNK_GRAINS;
      const k = setChunkBits(words, at, lo, stop - chunkStart);
      page.chunkHeld![c & 1023] += k;
      page.held += k;
      added += k;
      g = stop;
      if (page.held === PAGE_GRAINS && !page.inFullForm) this.toFull(page);
      else if (page.settle(c & 1023)) this.resetCache();
    }
    this.held += added;
    return added;
  }

  /**
   * Marks one grain; returns 1 if it was new. The guest write path's common case (a 4 KB write on
   * SEsparse): no range loop, no cache bookkeeping, and the argument is trusted (callers derive it
   * from a checked offset), which makes it about twice as fast as setRange(g, g + 1).
   */
  setOne(grain: number): number {
    const c = (grain / 4096) | 0;
    const page = this.pages[c >>> 10];
    if (page === undefined || page === null || page.chunks === null) return this.setOneSparse(c >>> 10, grain);
    const slot = c & 1023;
    const words = page.chunks[slot];
    if (words === null) return this.setOneFresh(c >>> 10, slot, grain);
    const lo = grain - c * 4096;
    const i = lo >>> 5;
    const m = 1 << (lo & 31);
    const w = words[i];
    if ((w & m) !== 0) return 0;
    // A page or chunk shared with a copy is copied first.
    if (page.owner !== this.owner || page.mine![slot] === 0) return this.setOneFresh(c >>> 10, slot, grain);
    words[i] = w | m;
    if (++page.chunkHeld![slot] === CHUNK_GRAINS) { page.settle(slot); this.resetCache(); }
    if (++page.held === PAGE_GRAINS) this.toFull(page);
    this.held++;
    return 1;
  }

  /** setOne into a chunk not yet made, or not yet this map's own (a copy's): make or copy it first. */
  private setOneFresh(p: number, slot: number, grain: number): number {
    const page = this.own(p);
    const before = page.chunkCount;
    page.writableChunk(slot);
    this.chunksHeld += page.chunkCount - before;
    return this.setOne(grain);
  }

  /**
   * Marks len grains from `first` that share one 32-grain word (an aligned 8 KB write on 512-byte
   * grains, say); returns how many were new. Like setOne, the argument is trusted.
   */
  setInWord(first: number, len: number): number {
    const c = (first / 4096) | 0;
    const page = this.pages[c >>> 10];
    if (page === undefined || page === null || page.chunks === null) return this.setRange(first, first + len);
    const slot = c & 1023;
    const words = page.chunks[slot];
    if (words === null || page.owner !== this.owner || page.mine![slot] === 0) return this.setRange(first, first + len);
    const lo = first - c * 4096;
    const i = lo >>> 5;
    const m = len === 32 ? -1 : ((1 << len) - 1) << (lo & 31);
    const w = words[i];
    const fresh = m & ~w;
    if (fresh === 0) return 0;
    words[i] = w | m;
    const k = popcount32(fresh);
    const inChunk = (page.chunkHeld![slot] += k);
    page.held += k;
    if (page.held === PAGE_GRAINS) this.toFull(page);
    else if (inChunk === CHUNK_GRAINS) { page.settle(slot); this.resetCache(); }
    this.held += k;
    return k;
  }

  /** One grain into a sparse (or not yet created) page; densifies the page when it gets too big. */
  private setOneSparse(p: number, g: number): number {
    const page = this.own(p);
    if (page.chunks !== null) return this.setOne(g);
    const off = g - p * PAGE_GRAINS;
    const before = page.chunkCount;
    const r = sparseAddRange(page, off, off + 1);
    if (r < 0) {
      page.densify();
      return this.setOne(g);
    }
    this.chunksHeld += page.chunkCount - before;
    this.held += r;
    return r;
  }

  /** Adds every grain of other (same grain size); returns how many were newly set (grainUnion.ts). */
  unionFrom(other: GrainMap): number { return unionInto(this, other); }

  /**
   * Adds other's grains at a coarser grain size: other's grain g becomes this map's grain
   * floor(g / ratio), where ratio = this grain size / other's grain size (an integer >= 1); e.g. a
   * 512-byte-grain delta merged into a thin base tracked in 1 MB blocks. Returns newly set grains.
   */
  unionScaledFrom(other: GrainMap, ratio: number): number {
    checkRatio(ratio, other.totalGrains, this.totalGrains);
    if (ratio === 1) return this.unionFrom(other);
    let added = 0;
    forEachScaledRun(other, ratio, (s, e) => { added += this.setRange(s, e); });
    return added;
  }

  /** Does the 4096-grain chunk (grain table) `chunk` hold any grain? O(1) dense, O(log n) sparse. */
  hasChunk(chunk: number): boolean { return hasChunk(this, chunk); }

  /** Grains held in [first, endExclusive). */
  countInRange(first: number, endExclusive: number): number { return countInRange(this, first, endExclusive); }

  /**
   * Grains this map holds that other lacks (same grain size): how many grains other.unionFrom(this)
   * would newly set, e.g. how much a snapshot merge grows its target, computed before merging.
   */
  countNotIn(other: GrainMap): number { return countNotIn(this, other); }

  /** How many grains this.unionScaledFrom(source, ratio) would newly set, without doing it. */
  countScaledNotIn(source: GrainMap, ratio: number): number { return countScaledNotIn(this, source, ratio); }

  /** Calls fn for each maximal run of held grains inside [first, endExclusive), clipped to it. */
  forEachRunIn(first: number, endExclusive: number, fn: (first: number, endExclusive: number) => void): void { forEachRunIn(this, first, endExclusive, fn); }

  /** Calls fn for each maximal run of consecutive held grains, in ascending order. */
  forEachRun(fn: (first: number, endExclusive: number) => void): void { forEachRunIn(this, 0, this.totalGrains, fn); }

  /** Grains held in each of `slices` equal slices of the address space (see grainWalk.ts). */
  countsPerSlice(slices: number): Float64Array { return countsPerSlice(this, slices); }

  /** Pages in the directory (some may be null). */
  get pageCount(): number { return this.pages.length; }

  /**
   * An independent copy that shares every page until one of the two maps writes it: then that map
   * copies the page first. Costs the directory, not the grains.
   */
  clone(): GrainMap {
    const m = new GrainMap(this.totalGrains);
    m.pages = this.pages.slice();
    m.held = this.held;
    m.chunksHeld = this.chunksHeld;
    // Neither map owns a shared page now: the next write to one copies it.
    this.owner = {};
    this.resetCache();
    return m;
  }

  /** A checkpoint's copy (core/clone.ts): the pages are named as shared (their chunks as parts they
   *  hold, see GrainPage[PARTS]), so each is counted once. */
  [COPY](ctx: CopyContext): GrainMap {
    for (const page of this.pages) if (page !== null) ctx.share(page, page.metaBytes());
    ctx.bytes(OBJECT_BYTES + this.pages.length * SLOT_BYTES);
    return this.clone();
  }

  clear(): void {
    this.pages = [];
    this.held = 0;
    this.chunksHeld = 0;
    this.resetCache();
  }

  /** Page p, owned by this map: created when absent, copied first when shared with a copy of the map. */
  private own(p: number): GrainPage {
    const page = this.pages[p];
    if (page === undefined || page === null) return this.newPage(p);
    if (page.owner === this.owner) return page;
    const mine = page.clone(this.owner);
    this.pages[p] = mine;
    this.resetCache();
    return mine;
  }

  /** Page p ready to be written in place (sampleFree marks its picks in it), or null when absent. */
  ownedPageAt(p: number): GrainPage | null { return this.pages[p] ? this.own(p) : null; }

  /** Page p ready to be written in place, created when absent (grainUnion.ts); notePageSet after. */
  writablePage(p: number): GrainPage { return this.own(p); }

  /** A page that holds all its grains gives its bitmap up for the shared full form. */
  private toFull(page: GrainPage): void {
    this.chunksHeld += PAGE_CHUNKS_LOCAL - page.chunkCount;
    page.makeFull();
    this.resetCache();
  }

  private resetCache(): void {
    this.cacheChunk = -1;
    this.cacheWords = EMPTY_WORDS;
    this.cacheAt = 0;
    this.cachePage = null;
  }

  /** Page p of the directory, or null (for the free-grain selection in grainFree.ts); read only. */
  pageAt(p: number): GrainPage | null { return this.pages[p] ?? null; }

  /** A dense page had `added` grains set in place (and `newChunks` chunks first used): keep the counts. */
  notePageSet(page: GrainPage, added: number, newChunks: number): void {
    this.held += added;
    this.chunksHeld += newChunks;
    if (page.held === PAGE_GRAINS && !page.inFullForm) this.toFull(page);
    this.resetCache();
  }

  /** Estimated bytes this structure holds (objects, directory, offset lists, chunk bitmaps). */
  memoryBytes(): number {
    let bytes = OBJECT_BYTES + this.pages.length * SLOT_BYTES;
    for (const page of this.pages) if (page !== null) bytes += page.bytes();
    return bytes;
  }

  private newPage(p: number): GrainPage {
    while (this.pages.length <= p) this.pages.push(null);
    const page = new GrainPage();
    page.owner = this.owner;
    page.span = Math.min(PAGE_CHUNKS_LOCAL, Math.ceil((this.totalGrains - p * PAGE_GRAINS) / CHUNK_GRAINS));
    this.pages[p] = page;
    return page;
  }
}

export { SPARSE_MAX };
