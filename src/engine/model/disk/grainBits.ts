// Bit-level helpers shared by GrainMap and its pages. One chunk = 4096 grains = one grain table's
// coverage, held as 128 32-bit words.

export const CHUNK_SHIFT = 12;
export const CHUNK_GRAINS = 1 << CHUNK_SHIFT; // 4096
export const CHUNK_WORDS = CHUNK_GRAINS >>> 5; // 128
export const PAGE_CHUNKS = 1024;
export const PAGE_GRAINS = CHUNK_GRAINS * PAGE_CHUNKS; // 2^22

/** Bits set in a 32-bit word (SWAR popcount). */
export function popcount32(v: number): number {
  v = v - ((v >>> 1) & 0x55555555);
  v = (v & 0x33333333) + ((v >>> 2) & 0x33333333);
  return (Math.imul((v + (v >>> 4)) & 0x0f0f0f0f, 0x01010101) >>> 24);
}

// Chunks live in a page's shared word array; `at` is the chunk's first word there.

/** Bits set in a whole chunk. */
export function popcountChunk(words: Uint32Array, at: number): number {
  let n = 0;
  for (let i = at; i < at + CHUNK_WORDS; i++) {
    const w = words[i];
    if (w !== 0) n += popcount32(w);
  }
  return n;
}

/** Mask of bits [lo, hiEx) inside one word, 0 <= lo < hiEx <= 32. */
export function wordMask(lo: number, hiEx: number): number {
  return (~0 >>> (32 - hiEx)) & (~0 << lo);
}

/** Sets bits [lo, hiEx) of a chunk (0 <= lo < hiEx <= 4096); returns how many were newly set. */
export function setChunkBits(words: Uint32Array, at: number, lo: number, hiEx: number): number {
  let wi = at + (lo >>> 5);
  const wLast = at + ((hiEx - 1) >>> 5);
  if (wi === wLast) {
    const m = wordMask(lo & 31, ((hiEx - 1) & 31) + 1);
    const w = words[wi];
    words[wi] = w | m;
    return popcount32(m & ~w);
  }
  let added = 0;
  let m = ~0 << (lo & 31);
  let w = words[wi];
  words[wi] = w | m;
  added += popcount32(m & ~w);
  for (wi++; wi < wLast; wi++) {
    w = words[wi];
    if (w !== 0xffffffff) {
      added += w === 0 ? 32 : 32 - popcount32(w);
      words[wi] = 0xffffffff;
    }
  }
  m = ~0 >>> (31 - ((hiEx - 1) & 31));
  w = words[wLast];
  words[wLast] = w | m;
  added += popcount32(m & ~w);
  return added;
}

/** Counts set bits in [lo, hiEx) of a chunk (0 <= lo < hiEx <= 4096). */
export function countChunkBits(words: Uint32Array, at: number, lo: number, hiEx: number): number {
  let wi = at + (lo >>> 5);
  const wLast = at + ((hiEx - 1) >>> 5);
  if (wi === wLast) return popcount32(words[wi] & wordMask(lo & 31, ((hiEx - 1) & 31) + 1));
  let n = popcount32(words[wi] & (~0 << (lo & 31)));
  for (wi++; wi < wLast; wi++) {
    const w = words[wi];
    if (w !== 0) n += popcount32(w);
  }
  return n + popcount32(words[wLast] & (~0 >>> (31 - ((hiEx - 1) & 31))));
}

/** ORs src into dst; returns how many bits were newly set in dst. */
export function orChunk(dst: Uint32Array, dAt: number, src: Uint32Array, sAt: number): number {
  let added = 0;
  for (let i = 0; i < CHUNK_WORDS; i++) {
    const s = src[sAt + i];
    if (s === 0) continue;
    const d = dst[dAt + i];
    const fresh = s & ~d;
    if (fresh !== 0) {
      added += popcount32(fresh);
      dst[dAt + i] = d | s;
    }
  }
  return added;
}

/** Bits of a that b lacks. */
export function countAndNot(a: Uint32Array, aAt: number, b: Uint32Array, bAt: number): number {
  let n = 0;
  for (let i = 0; i < CHUNK_WORDS; i++) {
    const w = a[aAt + i] & ~b[bAt + i];
    if (w !== 0) n += popcount32(w);
  }
  return n;
}
