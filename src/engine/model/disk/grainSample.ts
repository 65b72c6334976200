// Many uniform picks among a page's free grains at once, chunk by chunk (the bulk workload of docs/workloads.md):
// how many picks fall in each chunk is binomial (the picks are independent and uniform over the free
// grains, so a chunk with f of the F free grains left takes Binomial(picks left, f / F) of them), and
// inside a chunk a pick is a uniform grain of the chunk tried against the chunk's free grains (or, in
// a nearly full chunk, a uniform one from a table of them). A chunk's 512 bytes stay in cache for all
// its picks, so a pick costs a few nanoseconds instead of a cache miss; no sort, no select.
// Picks are written to out in chunk order (not sorted inside a chunk) and may repeat.
//
// The random numbers used depend only on which grains are free, never on how the page holds them
// (absent, a sorted list, a bitmap, a chunk not allocated yet): the form changes with other streams'
// writes, and what a stream picks must not.
import * as bits from './grainBits';
import { lowerBound as lowerBoundImport, type GrainPage } from './grainPage';
import { denseHeldIn as denseHeldInImport } from './grainPageOps';
import { binomial as binomialImport } from '../../core/binomial';
import type { Rng } from '../../core/rng';

// Module-local copies: some loaders (tsx) turn imported bindings into getter calls on every access.
const CHUNK_GRAINS = bits.CHUNK_GRAINS;
const CHUNK_SHIFT = bits.CHUNK_SHIFT;
const denseHeldIn = denseHeldInImport;
const lowerBound = lowerBoundImport;
const binomial = binomialImport;

const freeList = new Uint16Array(CHUNK_GRAINS);
/** A chunk's held grains as a bitmap, for chunks of sparse pages and empty chunks; `scratchDirty` when not all zero. */
const scratchWords = new Uint32Array(bits.CHUNK_WORDS);
let scratchDirty = false;

function cleanScratch(): Uint32Array {
  if (scratchDirty) { scratchWords.fill(0); scratchDirty = false; }
  return scratchWords;
}

/** What pageSample with `set` did to a dense page: grains newly set, chunks (grain tables) newly used. */
export const sampleSet = { added: 0, newChunks: 0 };

/**
 * n uniform picks among the free grains of [lo, hiEx) of a page (which holds `free` of them), written
 * to out from index k as pageStart + offset (out must have room for one more); returns the next index.
 * With `set` and a dense page, each chunk's picks are also marked held once drawn.
 */
export function pageSample(
  page: GrainPage | null, lo: number, hiEx: number, free: number, n: number, rng: Rng, pageStart: number, out: Float64Array, k: number,
  set = false,
): number {
  let left = n;
  let freeLeft = free;
  const dense = page !== null && page.chunks !== null;
  let item = page !== null && !dense ? lowerBound(page.items!, page.n, lo) : 0;
  for (let off = lo; off < hiEx && left > 0;) {
    const slot = off >>> CHUNK_SHIFT;
    const chunkStart = slot << CHUNK_SHIFT;
    const stop = Math.min(hiEx, chunkStart + CHUNK_GRAINS);
    // The chunk's held grains as bits: the page's own when dense, else the scratch bitmap.
    let words: Uint32Array;
    let at: number;
    let held: number;
    if (dense) {
      const own = page.chunks![slot];
      at = 0;
      held = denseHeldIn(page, slot, off, stop);
      words = own === null ? cleanScratch() : own;
    } else {
      words = cleanScratch();
      at = 0;
      held = 0;
      if (page !== null) {
        const items = page.items!;
        for (; item < page.n && items[item] < stop; item++) {
          const b = items[item] - chunkStart;
          words[b >>> 5] |= 1 << (b & 31);
          held++;
          scratchDirty = true;
        }
      }
    }
    const f = stop - off - held;
    if (f > 0) {
      const m = f === freeLeft ? left : binomial(rng, left, f / freeLeft);
      if (m > 0) {
        const k0 = k;
        k = chunkSample(words, at, off - chunkStart, stop - chunkStart, f, m, rng, pageStart + chunkStart, out, k);
        if (set && dense) setPicks(page, slot, pageStart + chunkStart, out, k0, k);
      }
      left -= m;
      freeLeft -= f;
    }
    off = stop;
  }
  return k;
}

/** Sets a dense page's chunk bits for picks out[k0..k1) (grain numbers from base), counting what is new. */
function setPicks(page: GrainPage, slot: number, base: number, out: Float64Array, k0: number, k1: number): void {
  const before = page.chunkCount;
  const words = page.writableChunk(slot);
  sampleSet.newChunks += page.chunkCount - before;
  const at = 0;
  let added = 0;
  for (let i = k0; i < k1; i++) {
    const b = out[i] - base;
    const wi = at + (b >>> 5);
    const m = 1 << (b & 31);
    const w = words[wi];
    if ((w & m) === 0) { words[wi] = w | m; added++; }
  }
  page.chunkHeld![slot] += added;
  page.settle(slot);
  page.held += added;
  sampleSet.added += added;
}

/** m uniform picks among the f free grains (clear bits) of chunk bits [lo, hiEx) of words from `at`. */
function chunkSample(words: Uint32Array, at: number, lo: number, hiEx: number, f: number, m: number, rng: Rng, base: number, out: Float64Array, k: number): number {
  const span = hiEx - lo;
  // Tries against the bitmap cost about 4.5 ns each, m * span / f of them; a table of the chunk's free
  // grains costs about 3 ns a free grain to build and 3 ns a pick (measured on this machine).
  if (m * span * 3 > f * (2 * f + 2 * m + 170)) return listSample(words, at, lo, hiEx, m, rng, base, out, k);
  if (span !== CHUNK_GRAINS) {
    for (let i = 0; i < m; i++) {
      let b: number;
      do b = lo + rng.int(span); while (((words[at + (b >>> 5)] >>> (b & 31)) & 1) !== 0);
      out[k++] = base + b;
    }
    return k;
  }
  // A whole chunk: a 32-bit draw makes two 12-bit tries (independent and uniform over 4096 grains),
  // kept without branches (a try's bit decides whether k moves on; out has room for one past the end).
  const kEnd = k + m;
  while (k < kEnd) {
    const u = rng.u32();
    const b1 = u >>> 20;
    out[k] = base + b1;
    k += ((words[at + (b1 >>> 5)] >>> (b1 & 31)) & 1) ^ 1;
    const b2 = (u >>> 8) & 4095;
    out[k] = base + b2;
    k += (((words[at + (b2 >>> 5)] >>> (b2 & 31)) & 1) ^ 1) & ((k - kEnd) >>> 31);
  }
  return k;
}

/** m uniform picks from a table of the chunk's free grains (a nearly full chunk). */
function listSample(words: Uint32Array, at: number, lo: number, hiEx: number, m: number, rng: Rng, base: number, out: Float64Array, k: number): number {
  let c = 0;
  for (let wi = lo >>> 5; wi <= (hiEx - 1) >>> 5; wi++) {
    let zeros = ~words[at + wi];
    const g0 = wi << 5;
    if (g0 < lo) zeros &= ~0 << (lo - g0);
    if (g0 + 32 > hiEx) zeros &= ~0 >>> (g0 + 32 - hiEx);
    while (zeros !== 0) {
      freeList[c++] = g0 + 31 - Math.clz32(zeros & -zeros);
      zeros &= zeros - 1;
    }
  }
  for (let i = 0; i < m; i++) out[k++] = base + freeList[rng.int(c)];
  return k;
}
