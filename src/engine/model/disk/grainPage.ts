// One directory page of a GrainMap: 1024 chunk slots (2^22 grains). A page starts sparse (a sorted
// list of in-page grain offsets) so that scattered grains cost 4 bytes each instead of a 512-byte
// chunk bitmap each; it turns dense (chunk bitmaps) once it holds more than SPARSE_MAX grains, where
// sorted insertion would get slow. It never turns back (except by GrainMap.clear()).
// A dense page is one flat bitmap of the page's 2^22 grains (512 KB): chunk `slot` lives at word
// slot * 128, so a write computes its word directly and random writes run close to a flat bitmap's
// speed; `slots` only records which chunks (grain tables) hold anything. A page turns dense past
// SPARSE_MAX grains, so a dense page costs at most 128 bytes per grain it holds.
// Pages are shared copy-on-write between a map and its copies (time-travel checkpoints): `owner`
// names the map that may write the page in place; any other map copies it first (GrainMap.own).
// A page past the end of its map's grains (a small map, or a map's last page) has a bitmap only as
// long as the chunks it can hold (`span`): a workload's 20,000-slot map costs 3 KB of words, not 512 KB.
import { CHUNK_SHIFT, CHUNK_WORDS, PAGE_CHUNKS } from './grainBits';

/** Largest sparse page: 16 KB of offsets; an insert then moves at most 16 KB. */
export const SPARSE_MAX = 4096;
const SPARSE_INITIAL = 8;

/**
 * A page whose every grain is held (a range written whole) shares these arrays, as
 * Roaring's run containers hold a full run in a few bytes: 10 snapshots each followed by a whole-disk
 * write of a 2 TB disk cost page objects, not 512 KB bitmaps. Writes into such a page only OR ones
 * into ones, so the shared arrays never change.
 */
const FULL_SLOTS = Int32Array.from({ length: PAGE_CHUNKS }, (_, i) => i * CHUNK_WORDS);
const FULL_WORDS = new Uint32Array(PAGE_CHUNKS * CHUNK_WORDS).fill(0xffffffff);
const FULL_CHUNK_HELD = new Uint16Array(PAGE_CHUNKS).fill(1 << CHUNK_SHIFT);
const PAGE_HELD_ALL = PAGE_CHUNKS << CHUNK_SHIFT;

// Size estimates for V8 on 64-bit Node without pointer compression (measured in grains.bench.ts
// against heapUsed + arrayBuffers): object headers, typed-array wrappers.
const OBJECT_BYTES = 64;
const TYPED_ARRAY_OVERHEAD = 160;

export class GrainPage {
  /** Dense form: first word of each chunk in `words` (slot * 128), or -1 until a grain of that chunk is set. */
  slots: Int32Array | null = null;
  /** Dense form: the page's bitmap, CHUNK_WORDS words per chunk, chunk `slot` at slot * CHUNK_WORDS. */
  words: Uint32Array | null = null;
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
  /** Chunks this page can hold: PAGE_CHUNKS, or fewer for the last page of a map (its bitmap's length). */
  span = PAGE_CHUNKS;

  /** Does this page hold every one of its grains? Known from its count, whatever arrays it holds. */
  get full(): boolean { return this.held === PAGE_HELD_ALL; }

  /** Is the page in the shared full form already (no bitmap of its own)? */
  get inFullForm(): boolean { return this.words === FULL_WORDS; }

  /** Estimated bytes: the object, and its offset list or bitmap (none in the shared full form). */
  bytes(): number {
    if (this.full) return OBJECT_BYTES; // the shared full form, or about to become it (GrainMap.toFull)
    if (this.slots === null) return OBJECT_BYTES + TYPED_ARRAY_OVERHEAD + this.items!.byteLength;
    return OBJECT_BYTES + 2 * TYPED_ARRAY_OVERHEAD + this.slots.byteLength + this.words!.byteLength;
  }

  /** Hold every grain of the page, in the shared form (no bitmap of its own). */
  makeFull(): void {
    this.items = null;
    this.n = 0;
    this.slots = FULL_SLOTS;
    this.words = FULL_WORDS;
    this.chunkHeld = FULL_CHUNK_HELD;
    this.chunkCount = PAGE_CHUNKS;
    this.held = PAGE_CHUNKS << CHUNK_SHIFT;
  }

  /** A copy that `owner` may change in place. */
  clone(owner: object | null = null): GrainPage {
    const p = new GrainPage();
    p.owner = owner;
    p.span = this.span;
    p.chunkCount = this.chunkCount;
    p.held = this.held;
    if (this.full) {
      p.makeFull();
    } else if (this.slots !== null) {
      p.items = null;
      p.slots = this.slots.slice();
      p.words = this.words!.slice();
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

  /** First word of chunk `slot` in `words`, marking the chunk held (a grain table allocated). */
  chunkAt(slot: number): number {
    const slots = this.slots!;
    const at = slots[slot];
    if (at >= 0) return at;
    const fresh = slot * CHUNK_WORDS;
    slots[slot] = fresh;
    this.chunkCount++;
    return fresh;
  }

  /** Converts to the dense form (chunk bitmaps). chunkCount is unchanged. */
  densify(): void {
    if (this.slots !== null) return;
    const items = this.items!;
    this.slots = new Int32Array(PAGE_CHUNKS).fill(-1);
    this.words = new Uint32Array(this.span * CHUNK_WORDS);
    this.chunkHeld = new Uint16Array(PAGE_CHUNKS);
    this.chunkCount = 0;
    for (let i = 0; i < this.n; i++) {
      const off = items[i];
      const slot = off >>> CHUNK_SHIFT;
      const at = this.chunkAt(slot);
      const b = off & 4095;
      this.words![at + (b >>> 5)] |= 1 << (b & 31);
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
  if (page.slots !== null) {
    const at = page.slots[off >>> CHUNK_SHIFT];
    return at >= 0 && ((page.words![at + ((off & 4095) >>> 5)] >>> (off & 31)) & 1) !== 0;
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
