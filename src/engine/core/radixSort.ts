// Sorting 32-bit keys (with an optional 32-bit payload each) in linear time: counting passes of up
// to 11 bits (least significant first, each stable). The bulk workload sorts a stretch's random cells so
// that it can place them in address order, a pass over memory instead of a cache miss per write.
let scratchKeys = new Uint32Array(0);
let scratchVals = new Uint32Array(0);
const counts = new Uint32Array(1 << 11);

/**
 * Sorts keys[0..n) ascending in place; vals[0..n), when given, moves with its key. `maxKey` (the
 * largest key there can be) lets small keys take fewer passes; digits are at most 11 bits, so the
 * counts stay in the first-level cache.
 */
export function radixSortU32(keys: Uint32Array, n: number, vals: Uint32Array | null = null, maxKey = 0xffffffff): void {
  if (n < 2) return;
  if (n <= 64) { insertionSort(keys, n, vals); return; }
  if (scratchKeys.length < n) scratchKeys = new Uint32Array(n);
  if (vals && scratchVals.length < n) scratchVals = new Uint32Array(n);
  const bits = Math.max(1, 32 - Math.clz32(maxKey));
  const passes = Math.ceil(bits / 11);
  const width = Math.ceil(bits / passes);
  let src: Uint32Array = keys;
  let dst: Uint32Array = scratchKeys;
  let srcVals: Uint32Array | null = vals;
  let dstVals: Uint32Array | null = vals ? scratchVals : null;
  for (let p = 0; p < passes; p++) {
    pass(src, srcVals, dst, dstVals, n, p * width, width);
    [src, dst] = [dst, src];
    [srcVals, dstVals] = [dstVals, srcVals];
  }
  if (src !== keys) {
    keys.set(src.subarray(0, n));
    if (vals && srcVals) vals.set(srcVals.subarray(0, n));
  }
}

function pass(src: Uint32Array, srcVals: Uint32Array | null, dst: Uint32Array, dstVals: Uint32Array | null, n: number, shift: number, width: number): void {
  const size = 1 << width;
  const mask = size - 1;
  counts.fill(0, 0, size);
  for (let i = 0; i < n; i++) counts[(src[i] >>> shift) & mask]++;
  let sum = 0;
  for (let d = 0; d < size; d++) { const c = counts[d]; counts[d] = sum; sum += c; }
  if (srcVals === null || dstVals === null) {
    for (let i = 0; i < n; i++) { const k = src[i]; dst[counts[(k >>> shift) & mask]++] = k; }
    return;
  }
  for (let i = 0; i < n; i++) {
    const k = src[i];
    const at = counts[(k >>> shift) & mask]++;
    dst[at] = k;
    dstVals[at] = srcVals[i];
  }
}

function insertionSort(keys: Uint32Array, n: number, vals: Uint32Array | null): void {
  for (let i = 1; i < n; i++) {
    const k = keys[i];
    const v = vals ? vals[i] : 0;
    let j = i - 1;
    while (j >= 0 && keys[j] > k) {
      keys[j + 1] = keys[j];
      if (vals) vals[j + 1] = vals[j];
      j--;
    }
    keys[j + 1] = k;
    if (vals) vals[j + 1] = v;
  }
}
