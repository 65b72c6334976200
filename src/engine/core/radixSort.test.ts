import { describe, expect, it } from 'vitest';
import { radixSortU32 } from './radixSort';
import { Rng } from './rng';

describe('radixSortU32', () => {
  for (const n of [0, 1, 5, 64, 65, 1000, 100_000]) {
    it(`sorts ${n} keys, payloads following their keys, ties kept in order`, () => {
      const rng = new Rng(n + 1);
      const keys = new Uint32Array(n);
      const vals = new Uint32Array(n);
      for (let i = 0; i < n; i++) { keys[i] = i % 7 === 0 ? keys[Math.max(0, i - 1)] : rng.u32(); vals[i] = i; }
      const expected = Array.from(keys, (k, i) => [k, i] as const).sort((a, b) => a[0] - b[0] || a[1] - b[1]);
      radixSortU32(keys, n, vals);
      expect(Array.from(keys)).toEqual(expected.map((e) => e[0]));
      expect(Array.from(vals)).toEqual(expected.map((e) => e[1]));
    });
  }
  it('sorts only the first n keys', () => {
    const keys = Uint32Array.from([900, 5, 3, 1, 0xffffffff, 7]);
    radixSortU32(keys, 4);
    expect(Array.from(keys)).toEqual([1, 3, 5, 900, 0xffffffff, 7]);
  });
});

describe('radixSortU32 with a smaller largest key (fewer passes)', () => {
  for (const maxKey of [1, 1000, 2 ** 20 - 1, 2 ** 27 - 1]) {
    it(`keys below ${maxKey + 1}`, () => {
      const rng = new Rng(maxKey);
      const n = 5000;
      const keys = Uint32Array.from({ length: n }, () => rng.int(maxKey + 1));
      const vals = Uint32Array.from({ length: n }, (_, i) => i);
      const expected = Array.from(keys, (k, i) => [k, i] as const).sort((a, b) => a[0] - b[0] || a[1] - b[1]);
      radixSortU32(keys, n, vals, maxKey);
      expect(Array.from(keys)).toEqual(expected.map((e) => e[0]));
      expect(Array.from(vals)).toEqual(expected.map((e) => e[1]));
    });
  }
});
