import { describe, expect, it } from 'vitest';
import { binomial } from './binomial';
import { Rng } from './rng';

/** log n! by Stirling's series (exact enough for a chi-square's expected counts). */
function logFactorial(n: number): number {
  if (n < 20) { let s = 0; for (let i = 2; i <= n; i++) s += Math.log(i); return s; }
  return n * Math.log(n) - n + 0.5 * Math.log(2 * Math.PI * n) + 1 / (12 * n) - 1 / (360 * n ** 3);
}
const pmf = (n: number, p: number, k: number) =>
  Math.exp(logFactorial(n) - logFactorial(k) - logFactorial(n - k) + k * Math.log(p) + (n - k) * Math.log1p(-p));

/** Pearson's chi-square of `draws` against the binomial pmf, over bins with at least 20 expected. */
function chiSquare(n: number, p: number, draws: number[]): { stat: number; dof: number } {
  const counts = new Map<number, number>();
  for (const d of draws) counts.set(d, (counts.get(d) ?? 0) + 1);
  const mean = n * p;
  const sd = Math.sqrt(n * p * (1 - p));
  const lo = Math.max(0, Math.floor(mean - 6 * sd - 2));
  const hi = Math.min(n, Math.ceil(mean + 6 * sd + 2));
  let stat = 0;
  let dof = -1;
  let binExp = 0;
  let binObs = 0;
  for (let k = lo; k <= hi; k++) {
    binExp += pmf(n, p, k) * draws.length;
    binObs += counts.get(k) ?? 0;
    if (binExp >= 20 || k === hi) {
      stat += (binObs - binExp) ** 2 / binExp;
      dof++;
      binExp = 0;
      binObs = 0;
    }
  }
  return { stat, dof };
}

describe('binomial: exact draws in constant time (the bulk workload of docs/workloads.md)', () => {
  // Inversion (means up to 30), BTPE on both sides of p = 1/2, and a huge n.
  const cases: [number, number][] = [[10, 0.3], [100, 0.2], [1000, 0.97], [5000, 0.5], [200_000, 0.013], [3e9, 0.25]];
  for (const [n, p] of cases) {
    it(`follows Binomial(${n}, ${p}) (chi-square at the 0.1 % level)`, () => {
      const rng = new Rng(n ^ Math.round(p * 1e6));
      const draws = Array.from({ length: 20_000 }, () => binomial(rng, n, p));
      for (const d of draws) expect(Number.isInteger(d) && d >= 0 && d <= n).toBe(true);
      const { stat, dof } = chiSquare(n, p, draws);
      // 0.1 % critical value of chi-square, Wilson-Hilferty.
      const z = 3.09;
      const critical = dof * (1 - 2 / (9 * dof) + z * Math.sqrt(2 / (9 * dof))) ** 3;
      expect(stat).toBeLessThan(critical);
    });
  }

  it('edges: p of 0 or 1, n of 0; invalid input is refused', () => {
    const rng = new Rng(1);
    expect(binomial(rng, 0, 0.5)).toBe(0);
    expect(binomial(rng, 1000, 0)).toBe(0);
    expect(binomial(rng, 1000, 1)).toBe(1000);
    expect(() => binomial(rng, -1, 0.5)).toThrow(/n must be/);
    expect(() => binomial(rng, 2.5, 0.5)).toThrow(/n must be/);
    expect(() => binomial(rng, 10, 1.5)).toThrow(/p must be/);
  });

  it('same seed, same draws', () => {
    const a = new Rng(9);
    const b = new Rng(9);
    for (let i = 0; i < 100; i++) expect(binomial(a, 1e6, 0.3)).toBe(binomial(b, 1e6, 0.3));
  });
});
