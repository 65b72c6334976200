// A random stream's writes in stretches, placed in bulk (docs/workloads.md). Over an area of S cells of which F
// are free when a stretch of L writes begins, the writes that land on those free cells number
// Binomial(L, F / S), and each lands on a uniform one of them (repeats allowed: a second write to a
// cell is a rewrite). So a stretch draws that count, then that many uniform free-cell ranks, sorts
// them and places them in one walk in address order: the per-write model exactly, at a cost that
// follows the writes into free cells (about the new cells), with memory touched in order instead of
// a cache miss per write. A full area costs nothing however long it runs.
//
// Stretches are fixed by the write schedule, not by how time is cut into advances: they start where
// the stream starts (or resumes, or its area changes under it) and double in length up to a bound.
// When an advance ends inside a stretch, the stretch is drawn once with its throws in time order
// (which write of the stretch each throw is: a uniform subset of the L writes, in order), and the
// lab reveals the throws up to that moment; the rest follow later, from the same draw. So the state
// never depends on where advances end, and what hangs on one write (the datastore filling) is found
// at that write.
import { Rng } from '../../core/rng';
import { binomial } from '../../core/binomial';
import { radixSortU32 } from '../../core/radixSort';
import type { GrainMap } from '../../model/disk/grainMap';
import { freeGrainsAt, sampleFree } from '../../model/disk/grainFree';

/**
 * Expected writes into free cells per stretch at most: 64 per 4096-cell chunk of the area (enough
 * for a chunk's picks to share its pass) and at least 2^16. This bounds a cut stretch's memory.
 */
export function stretchThrows(count: number): number {
  return Math.max(1 << 16, 64 * Math.ceil(count / 4096));
}
const MAX_LENGTH = 2 ** 32 - 1;

export interface Stretch {
  /** Write index (since the stream's epoch) of its first write, and its writes (Infinity: no free cell). */
  readonly start: number;
  readonly length: number;
  /** Doublings since the run of stretches began. */
  readonly k: number;
  readonly seed: number;
  /** The area when it began: the map, its free cells, and cells held (to see a change under it). */
  readonly map: GrainMap;
  readonly count: number;
  readonly free: number;
  heldAtStart: number;
  /** Cells this stretch has set so far. */
  added: number;
  /** Drawn when an advance ended inside it (shared, never changed), and its throws revealed. */
  cut: CutStretch | null;
  revealed: number;
}

/** A stretch's throws in time order: the write offset inside the stretch and the cell of each. */
export interface CutStretch { readonly at: Uint32Array; readonly cell: Float64Array }

/** Told the cells a run of stretches marked in bulk (repeats and cells held before included). */
export interface CellSink { add(cells: Float64Array, from: number, to: number): void }

/** Where a stretch's cells are: [first, first + count) of map. */
export interface Area { map: GrainMap; first: number; count: number }

export function newStretch(area: Area, start: number, k: number, perWriteTick: number, seed: number): Stretch {
  const held = area.map.countInRange(area.first, area.first + area.count);
  const free = area.count - held;
  const base = Math.max(1, Math.ceil(perWriteTick));
  // At most the expected throws above, and at most twice the area (past that, nearly every throw
  // would be a rewrite of a cell the stretch already wrote).
  const cap = Math.max(base, Math.min(2 * area.count, Math.floor((stretchThrows(area.count) * area.count) / Math.max(1, free))));
  const length = free === 0 ? Infinity : Math.min(MAX_LENGTH, cap, base * 2 ** Math.min(k, 40));
  return { start, length, k, seed, map: area.map, count: area.count, free, heldAtStart: held, added: 0, cut: null, revealed: 0 };
}

/** Is the area as this stretch left it (nothing else wrote there, the leaf is the same)? */
export function stillValid(st: Stretch, area: Area): boolean {
  return st.map === area.map && area.map.countInRange(area.first, area.first + area.count) === st.heldAtStart + st.added;
}

let ranksScratch = new Uint32Array(1024);
let cellsScratch = new Float64Array(1024);

function grow(n: number): void {
  if (cellsScratch.length > n) return;
  const size = Math.max(n + 1, cellsScratch.length * 2);
  ranksScratch = new Uint32Array(size);
  cellsScratch = new Float64Array(size);
}

/**
 * The stretch's throws into free cells: how many (returned), and the cell of each in cellsScratch,
 * in no particular order. Few throws over a big area: sorted ranks turned into cells in one walk;
 * many: picked chunk by chunk (GrainMap.sampleFree), and with `set` marked held there and then
 * (st.added counts the new ones). Both are n independent uniform free cells.
 */
function drawCells(st: Stretch, area: Area, rng: Rng, set: boolean): number {
  const n = binomial(rng, st.length, st.free / st.count);
  grow(n);
  const end = area.first + area.count;
  if (n * 4 < area.count / 4096) {
    if (st.free > 0xffffffff) throw new RangeError(`an area of ${st.free} free cells is past the bulk workload's 2^32`);
    for (let i = 0; i < n; i++) ranksScratch[i] = rng.int(st.free);
    radixSortU32(ranksScratch, n, null, st.free - 1);
    freeGrainsAt(area.map, area.first, end, ranksScratch, n, cellsScratch);
    if (set) for (let i = 0; i < n; i++) st.added += area.map.setOne(cellsScratch[i]);
  } else {
    st.added += sampleFree(area.map, area.first, end, st.free, n, rng, cellsScratch, set);
  }
  return n;
}

/**
 * Every throw of a stretch that no advance ended inside. With place, place(cell) marks each (1 when
 * new); without, the cells are the map's own grains and are marked in bulk.
 */
export function placeWhole(st: Stretch, area: Area, place: ((cell: number) => number) | null, drawn: CellSink | null = null): void {
  const n = drawCells(st, area, new Rng(st.seed), place === null);
  if (place === null) { drawn?.add(cellsScratch, 0, n); return; }
  const cells = cellsScratch;
  let added = 0;
  for (let i = 0; i < n; i++) added += place(cells[i]);
  st.added += added;
}

/**
 * Draw a stretch with its throws in time order (an advance ended inside it): the same cells as
 * placeWhole, in a uniformly shuffled order (the throws are independent, so any order of them,
 * shuffled, is the order they came in), each at its write of the stretch.
 */
export function drawCut(st: Stretch, area: Area): CutStretch {
  const n = drawCells(st, area, new Rng(st.seed), false);
  const cell = cellsScratch.slice(0, n);
  const rng = new Rng(st.seed ^ 0x2545f491);
  for (let i = n - 1; i > 0; i--) {
    const j = rng.int(i + 1);
    const c = cell[i];
    cell[i] = cell[j];
    cell[j] = c;
  }
  const at = writesOfThrows(rng, n, st.length);
  return Object.freeze({ at, cell });
}

/** Which of a stretch's `length` writes its n throws are: a uniform n-subset, ascending. */
function writesOfThrows(rng: Rng, n: number, length: number): Uint32Array {
  if (n > length / 2) {
    // Most writes are throws: draw the writes that are not, and keep the rest.
    const skip = distinctSorted(rng, length - n, length);
    const at = new Uint32Array(n);
    let j = 0;
    let s = 0;
    for (let w = 0; w < length; w++) {
      if (s < skip.length && skip[s] === w) { s++; continue; }
      at[j++] = w;
    }
    return at;
  }
  return distinctSorted(rng, n, length);
}

/**
 * n distinct uniform integers below m, ascending: draw until n distinct (a uniform n-subset). The
 * first round draws n; each top-up draws as many as are still missing. Below BITMAP_MAX the draws
 * are kept in a bitmap (rounds cost their draws, not a merge of all so far); above it, sorted and
 * merged. Both keep every distinct draw, so they return the same subset for the same draws.
 */
export function distinctSorted(rng: Rng, n: number, m: number): Uint32Array {
  return m <= BITMAP_MAX ? distinctByBitmap(rng, n, m) : distinctByMerge(rng, n, m);
}

/** distinctSorted for any m: sorted rounds merged into the draws so far. */
export function distinctByMerge(rng: Rng, n: number, m: number): Uint32Array {
  let have = new Uint32Array(n);
  for (let i = 0; i < n; i++) have[i] = rng.int(m);
  radixSortU32(have, n, null, m - 1);
  let h = dedupe(have, n);
  while (h < n) {
    const more = new Uint32Array(n - h);
    for (let i = 0; i < more.length; i++) more[i] = rng.int(m);
    radixSortU32(more, more.length, null, m - 1);
    const merged = new Uint32Array(n);
    let i = 0;
    let j = 0;
    let k = 0;
    while (i < h || j < more.length) {
      const v = j >= more.length || (i < h && have[i] <= more[j]) ? have[i++] : more[j++];
      if (k === 0 || merged[k - 1] !== v) merged[k++] = v;
    }
    have = merged;
    h = k;
  }
  return have;
}

/** Up to 2^26 values: an 8 MB bitmap at most, reused. */
const BITMAP_MAX = 1 << 26;
let seenScratch = new Uint32Array(1024);

export function distinctByBitmap(rng: Rng, n: number, m: number): Uint32Array {
  const words = (m + 31) >>> 5;
  if (seenScratch.length < words) seenScratch = new Uint32Array(Math.max(words, seenScratch.length * 2));
  const seen = seenScratch;
  seen.fill(0, 0, words);
  let h = 0;
  let draws = n;
  while (h < n) {
    // A round draws what is missing after the round before, as the sorted version does.
    for (let i = 0; i < draws; i++) {
      const v = rng.int(m);
      const bit = 1 << (v & 31);
      const w = v >>> 5;
      if ((seen[w] & bit) === 0) { seen[w] |= bit; h++; }
    }
    draws = n - h;
  }
  const out = new Uint32Array(n);
  let k = 0;
  for (let w = 0; w < words && k < n; w++) {
    let x = seen[w];
    while (x !== 0) {
      const b = 31 - Math.clz32(x & -x);
      out[k++] = (w << 5) + b;
      x &= x - 1;
    }
  }
  return out;
}

/** Drops repeats from a sorted array's first n values in place; returns how many are left. */
function dedupe(a: Uint32Array, n: number): number {
  let u = 0;
  for (let i = 0; i < n; i++) if (u === 0 || a[i] !== a[u - 1]) a[u++] = a[i];
  return u;
}

/** Index of the first throw at or after write offset w of the stretch. */
export function throwsBefore(cut: CutStretch, w: number): number {
  const at = cut.at;
  let lo = 0;
  let hi = at.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (at[mid] < w) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
