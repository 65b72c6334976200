// One directory page of a GrainMap: 1024 chunk slots (2^22 grains). A page starts sparse (a sorted
// list of in-page grain offsets) so that scattered grains cost 4 bytes each instead of a 512-byte
// chunk bitmap each; it turns dense (chunk bitmaps) once it holds more than SPARSE_MAX grains, where
// sorted insertion would get slow. It never turns back (except by GrainMap.clear()).
// A dense page holds one 512-byte bitmap per chunk (grain table) that holds anything, each its own
// typed array, so that copies share chunks: a time-travel checkpoint costs the chunks written since
// the last one, not whole 512 KB pages (guests write a few runs into many chunks between two copies).
// Sharing is copy on write at two levels: `owner` names the map that may change the page in place
// (any other map holding it copies the page first: its chunk list, not its chunks, see
// GrainMap.own), and `mine` marks the chunks this page made itself; any other chunk is copied before
// a write (writableChunk). A chunk holding all its grains becomes the shared FULL_CHUNK, never written.
// A page past the end of its map's grains (a small map, or a map's last page) has chunk slots only as
// far as its grains go (`span`): a workload's 20,000-slot map lists 5 chunks, not 1024.
import * as bits from './grainBits';
import { PARTS, type PartVisitor } from '../../core/clone';

// Module-local copies: some loaders (tsx) turn imported bindings into getter calls on every access.
const CHUNK_GRAINS = bits.CHUNK_GRAINS;
const CHUNK_SHIFT = bits.CHUNK_SHIFT;
const CHUNK_WORDS = bits.CHUNK_WORDS;
const PAGE_CHUNKS = bits.PAGE_CHUNKS;

/** Largest sparse page: 16 KB of offsets; an insert then moves at most 16 KB. */
export const SPARSE_MAX = 4096;
const SPARSE_INITIAL = 8;

/**
 * A chunk whose every grain is held, shared by every page (as Roaring's run containers hold a full
 * run in a few bytes), and a page whose every grain is held shares these arrays: 10 snapshots each
 * followed by a whole-disk write of a 2 TB disk cost page objects, not bitmaps. Writers check a
 * chunk's count before writing, so the shared arrays never change.
 */
export const FULL_CHUNK = new Uint32Array(CHUNK_WORDS).fill(0xffffffff);
const FULL_CHUNKS: readonly Uint32Array[] = Array.from({ length: PAGE_CHUNKS }, () => FULL_CHUNK);
const FULL_CHUNK_HELD = new Uint16Array(PAGE_CHUNKS).fill(1 << CHUNK_SHIFT);
const NONE_MINE = new Uint8Array(PAGE_CHUNKS);
const PAGE_HELD_ALL = PAGE_CHUNKS << CHUNK_SHIFT;

// Size estimates for V8 on 64-bit Node without pointer compression (measured in grains.bench.ts
// against heapUsed + arrayBuffers): object headers, typed-array wrappers, a list's slots.
const OBJECT_BYTES = 64;
const TYPED_ARRAY_OVERHEAD = 160;
const SLOT_BYTES = 8;
/** One chunk's bitmap with its wrapper and backing store (measured: about 706 bytes each). */
export const CHUNK_BYTES = CHUNK_WORDS * 4 + 192;

export class GrainPage {
  /** Dense form: each chunk's bitmap (CHUNK_WORDS words), or null until a grain of that chunk is set. */
  chunks: (Uint32Array | null)[] | null = null;
  /** Dense form: 1 where this page made the chunk (may write it in place); others are shared. */
  mine: Uint8Array | null = null;
  /** Sparse form: sorted in-page offsets; items[0..n) are meaningful. Null once dense. */
  items: Uint32Array | null = new Uint32Array(SPARSE_INITIAL);
  n = 0;
  /** Chunks of this page holding at least one grain (grain tables allocated). */
  chunkCount = 0;
  /** Grains held in this page (kept by every write, so counts over a range need no popcount). */
  held = 0;
  /** Dense form: grains held per chunk. */
  chunkHeld: Uint16Array | null = null;
  /** The map that may change this page in place; any other map holding it copies it first. */
  owner: object | null = null;
  /** Chunks this page can hold: PAGE_CHUNKS, or fewer for the last page of a map (its list's length). */
  span = PAGE_CHUNKS;

  /** Does this page hold every one of its grains? Known from its count, whatever arrays it holds. */
  get full(): boolean { return this.held === PAGE_HELD_ALL; }

  /** Is the page in the shared full form already (no bitmap of its own)? */
  get inFullForm(): boolean { return this.chunkHeld === FULL_CHUNK_HELD; }

  /** Estimated bytes of the page without its chunks: the object, its chunk list or offset list. */
  metaBytes(): number {
    if (this.full) return OBJECT_BYTES; // the shared full form, or about to become it (GrainMap.toFull)
    if (this.chunks === null) return OBJECT_BYTES + TYPED_ARRAY_OVERHEAD + this.items!.byteLength;
    return OBJECT_BYTES + 2 * TYPED_ARRAY_OVERHEAD + OBJECT_BYTES + this.span * (SLOT_BYTES + 2 + 1);
  }

  /** Estimated bytes: metaBytes and every chunk's bitmap but the shared full one. The same whatever
   *  the page shares with copies, so a lab rebuilt from a checkpoint counts what the live lab counts. */
  bytes(): number {
    if (this.full || this.chunks === null) return this.metaBytes();
    let n = 0;
    for (const c of this.chunks) if (c !== null && c !== FULL_CHUNK) n++;
    return this.metaBytes() + n * CHUNK_BYTES;
  }

  /** A checkpoint store's view of the chunks this page holds (core/clone.ts PARTS). */
  [PARTS](visit: PartVisitor): void {
    if (this.chunks === null || this.inFullForm) return;
    for (const c of this.chunks) if (c !== null && c !== FULL_CHUNK) visit(c, CHUNK_BYTES);
  }

  /** Hold every grain of the page, in the shared form (no bitmap of its own). */
  makeFull(): void {
    this.items = null;
    this.n = 0;
    this.chunks = FULL_CHUNKS as (Uint32Array | null)[];
    this.mine = NONE_MINE;
    this.chunkHeld = FULL_CHUNK_HELD;
    this.chunkCount = PAGE_CHUNKS;
    this.held = PAGE_CHUNKS << CHUNK_SHIFT;
  }

  /** A copy that `owner` may change in place; a dense page's chunks stay shared until written. */
  clone(owner: object | null = null): GrainPage {
    const p = new GrainPage();
    p.owner = owner;
    p.span = this.span;
    p.chunkCount = this.chunkCount;
    p.held = this.held;
    if (this.full) {
      p.makeFull();
    } else if (this.chunks !== null) {
      p.items = null;
      p.chunks = this.chunks.slice();
      p.mine = new Uint8Array(this.span);
      p.chunkHeld = this.chunkHeld!.slice();
    } else {
      p.items = this.items!.slice(0, Math.max(this.n, SPARSE_INITIAL));
      p.n = this.n;
    }
    return p;
  }

  /** Grains held in this page. */
  count(): number {
    return this.held;
  }

  /**
   * Chunk `slot`'s bitmap, ready to be written in place (a dense page its map owns): made when absent
   * (a grain table allocated), copied first when shared. Never the shared full chunk: callers skip a
   * chunk whose count says it is full.
   */
  writableChunk(slot: number): Uint32Array {
    const c = this.chunks![slot];
    if (c === null) {
      const fresh = new Uint32Array(CHUNK_WORDS);
      this.chunks![slot] = fresh;
      this.mine![slot] = 1;
      this.chunkCount++;
      return fresh;
    }
    if (this.mine![slot] === 1) return c;
    const copy = c.slice();
    this.chunks![slot] = copy;
    this.mine![slot] = 1;
    return copy;
  }

  /** A chunk that now holds all its grains gives its bitmap up for the shared full chunk; true if so. */
  settle(slot: number): boolean {
    if (this.chunkHeld![slot] !== CHUNK_GRAINS || this.chunks![slot] === FULL_CHUNK) return false;
    this.chunks![slot] = FULL_CHUNK;
    this.mine![slot] = 0;
    return true;
  }

  /** Converts to the dense form (chunk bitmaps). chunkCount is unchanged. */
  densify(): void {
    if (this.chunks !== null) return;
    const items = this.items!;
    // Built by push, so V8 keeps the list packed (a hole-free array reads faster on the write path).
    const chunks: (Uint32Array | null)[] = [];
    for (let i = 0; i < this.span; i++) chunks.push(null);
    this.chunks = chunks;
    this.mine = new Uint8Array(this.span);
    this.chunkHeld = new Uint16Array(this.span);
    this.chunkCount = 0;
    for (let i = 0; i < this.n; i++) {
      const off = items[i];
      const slot = off >>> CHUNK_SHIFT;
      const words = this.writableChunk(slot);
      const b = off & 4095;
      words[b >>> 5] |= 1 << (b & 31);
      this.chunkHeld[slot]++;
    }
    this.items = null;
    this.n = 0;
  }
}

/** First index i in items[from..n) with items[i] >= x. */
export function lowerBound(items: Uint32Array, n: number, x: number, from = 0): number {
  let lo = from;
  let hi = n;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (items[mid] < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Does the (sparse or dense) page hold in-page offset off? */
export function pageHas(page: GrainPage, off: number): boolean {
  if (page.chunks !== null) {
    const words = page.chunks[off >>> CHUNK_SHIFT];
    return words !== null && ((words[(off & 4095) >>> 5] >>> (off & 31)) & 1) !== 0;
  }
  const i = lowerBound(page.items!, page.n, off);
  return i < page.n && page.items![i] === off;
}

/** Distinct chunks among sorted items[from..to). */
function distinctChunks(items: Uint32Array, from: number, to: number): number {
  let n = 0;
  let last = -1;
  for (let i = from; i < to; i++) {
    const c = items[i] >>> CHUNK_SHIFT;
    if (c !== last) {
      n++;
      last = c;
    }
  }
  return n;
}

function ensureCapacity(page: GrainPage, need: number): Uint32Array {
  const items = page.items!;
  if (need <= items.length) return items;
  let cap = items.length * 2;
  while (cap < need) cap *= 2;
  const grown = new Uint32Array(Math.min(cap, SPARSE_MAX));
  grown.set(items.subarray(0, page.n));
  page.items = grown;
  return grown;
}

/**
 * Adds in-page offsets [lo, hiEx) to a sparse page. Returns how many were newly added, or -1 (page
 * untouched) when the result would exceed SPARSE_MAX: the caller then densifies the page.
 */
export function sparseAddRange(page: GrainPage, lo: number, hiEx: number): number {
  let items = page.items!;
  const n = page.n;
  const a = lowerBound(items, n, lo);
  const len = hiEx - lo;
  // Fast path for a single grain, the common guest write.
  if (len === 1) {
    if (a < n && items[a] === lo) return 0;
    if (n + 1 > SPARSE_MAX) return -1;
    const c = lo >>> CHUNK_SHIFT;
    const known = (a > 0 && items[a - 1] >>> CHUNK_SHIFT === c) || (a < n && items[a] >>> CHUNK_SHIFT === c);
    items = ensureCapacity(page, n + 1);
    if (a < n) items.copyWithin(a + 1, a, n);
    items[a] = lo;
    page.n = n + 1;
    page.held = n + 1;
    if (!known) page.chunkCount++;
    return 1;
  }
  const b = lowerBound(items, n, hiEx, a);
  const added = len - (b - a);
  if (added === 0) return 0;
  if (n + added > SPARSE_MAX) return -1;
  const c0 = lo >>> CHUNK_SHIFT;
  const c1 = (hiEx - 1) >>> CHUNK_SHIFT;
  const w0 = lowerBound(items, n, c0 << CHUNK_SHIFT);
  const w1 = lowerBound(items, n, (c1 + 1) << CHUNK_SHIFT, w0);
  const chunksBefore = distinctChunks(items, w0, w1);
  items = ensureCapacity(page, n + added);
  if (b < n) items.copyWithin(a + len, b, n);
  for (let i = 0; i < len; i++) items[a + i] = lo + i;
  page.n = n + added;
  page.held = n + added;
  page.chunkCount += c1 - c0 + 1 - chunksBefore;
  return added;
}

/**
 * Merges sorted src[0..m) into a sparse page (linear merge). Returns how many were newly added, or
 * -1 (page untouched) when the result would exceed SPARSE_MAX.
 */
export function sparseMerge(page: GrainPage, src: Uint32Array, m: number): number {
  const a = page.items!;
  const n = page.n;
  const out = new Uint32Array(Math.min(SPARSE_MAX, Math.max(SPARSE_INITIAL, n + m)));
  let i = 0;
  let j = 0;
  let k = 0;
  while (i < n || j < m) {
    let v: number;
    if (j >= m || (i < n && a[i] < src[j])) v = a[i++];
    else if (i >= n || src[j] < a[i]) v = src[j++];
    else {
      v = a[i++];
      j++;
    }
    if (k >= SPARSE_MAX) return -1;
    out[k++] = v;
  }
  const added = k - n;
  page.items = out;
  page.n = k;
  page.held = k;
  page.chunkCount = distinctChunks(out, 0, k);
  return added;
}
