// Select on a page's free grains for many ranks at once: ranks sorted ascending are turned into grain
// numbers in one forward walk (held counts skip whole chunks, popcounts skip words), so placing a
// stretch's k new cells costs about k steps plus a pass over the chunks, not k separate lookups.
import * as bits from './grainBits';
import { lowerBound as lowerBoundImport, type GrainPage } from './grainPage';
import { denseHeldIn as denseHeldInImport } from './grainPageOps';

// Module-local copies: some loaders (tsx) turn imported bindings into getter calls on every access.
const CHUNK_GRAINS = bits.CHUNK_GRAINS;
const CHUNK_SHIFT = bits.CHUNK_SHIFT;
const popcount32 = bits.popcount32;
const wordMask = bits.wordMask;
const lowerBound = lowerBoundImport;
const denseHeldIn = denseHeldInImport;

/**
 * Grains for ranks[i], ranks[i + 1], ... (free-grain ranks counted from `base` at offset lo of the
 * page) while they fall among the free grains of [lo, hiEx); writes pageStart + offset to out and
 * returns the index of the first rank past this range.
 */
export function pageFreeRanks(
  page: GrainPage | null, lo: number, hiEx: number, ranks: Uint32Array | Float64Array, i: number, n: number,
  base: number, pageStart: number, out: Float64Array,
): number {
  if (page === null) {
    const lim = base + (hiEx - lo);
    while (i < n && ranks[i] < lim) { out[i] = pageStart + lo + (ranks[i] - base); i++; }
    return i;
  }
  if (page.chunks === null) {
    // Sparse: the free offset of rank r is lo + r plus the held offsets at or before it.
    const items = page.items!;
    let j = lowerBound(items, page.n, lo);
    let skipped = 0;
    const lim = base + (hiEx - lo) - (lowerBound(items, page.n, hiEx) - j);
    while (i < n && ranks[i] < lim) {
      let pos = lo + (ranks[i] - base) + skipped;
      while (j < page.n && items[j] <= pos) { j++; skipped++; pos++; }
      out[i] = pageStart + pos;
      i++;
    }
    return i;
  }
  const chunks = page.chunks;
  let acc = base; // free grains of [lo, off)
  let off = lo;
  while (off < hiEx && i < n) {
    const slot = off >>> CHUNK_SHIFT;
    const chunkStart = slot << CHUNK_SHIFT;
    const stop = Math.min(hiEx, chunkStart + CHUNK_GRAINS);
    const words = chunks[slot];
    const at = 0;
    const free = stop - off - denseHeldIn(page, slot, off, stop);
    if (ranks[i] >= acc + free) { acc += free; off = stop; continue; }
    if (words === null) {
      while (i < n && ranks[i] < acc + free) { out[i] = pageStart + off + (ranks[i] - acc); i++; }
    } else {
      // Walk the chunk's words once for all the ranks that fall in it.
      const end = stop - chunkStart;
      let b = off - chunkStart;
      let wordAcc = acc;
      const lim = acc + free;
      while (b < end && i < n && ranks[i] < lim) {
        const wi = b >>> 5;
        const wEnd = (wi + 1) << 5;
        let zeros = ~words[at + wi];
        if ((b & 31) !== 0 || wEnd > end) zeros &= wordMask(b & 31, ((Math.min(end, wEnd) - 1) & 31) + 1);
        const z = popcount32(zeros);
        const wordBase = pageStart + chunkStart + (wi << 5);
        while (i < n && ranks[i] < wordAcc + z) {
          out[i] = wordBase + select32(zeros, ranks[i] - wordAcc);
          i++;
        }
        wordAcc += z;
        b = wEnd;
      }
    }
    acc += free;
    off = stop;
  }
  return i;
}

// Select in a word by bytes: the bits set in each byte value, and where its k-th set bit is.
const BYTE_COUNT = new Uint8Array(256);
const BYTE_SELECT = new Uint8Array(256 * 8);
for (let v = 0; v < 256; v++) {
  let k = 0;
  for (let bit = 0; bit < 8; bit++) if ((v >>> bit) & 1) BYTE_SELECT[v * 8 + k++] = bit;
  BYTE_COUNT[v] = k;
}

/** Position of the k-th (from 0) set bit of x (k < popcount(x)). */
export function select32(x: number, k: number): number {
  let shift = 0;
  for (;;) {
    const byte = (x >>> shift) & 255;
    const c = BYTE_COUNT[byte];
    if (k < c) return shift + BYTE_SELECT[byte * 8 + k];
    k -= c;
    shift += 8;
  }
}
