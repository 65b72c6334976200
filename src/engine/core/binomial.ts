// Exact binomial random numbers: how many of n writes land in the free cells of an area (docs/workloads.md;
// bulk workload), in constant time however large n is. Small means use inversion (walk the
// probabilities from 0); larger ones use Kachitvichyanukul and Schmeiser's BTPE rejection algorithm
// ("Binomial random variate generation", Communications of the ACM 31(2), 1988), the method NumPy
// and R use, whose acceptance test is exact (Stirling's series to the last term it needs).
import type { Rng } from './rng';

/** Successes in n independent trials of probability p (n an integer >= 0, 0 <= p <= 1). */
export function binomial(rng: Rng, n: number, p: number): number {
  if (!(Number.isInteger(n) && n >= 0 && n <= 2 ** 53)) throw new RangeError(`binomial: n must be a whole number >= 0, got ${n}`);
  if (!(p >= 0 && p <= 1)) throw new RangeError(`binomial: p must be in [0, 1], got ${p}`);
  if (n === 0 || p === 0) return 0;
  if (p === 1) return n;
  // Draw for the rarer outcome; the answer is its complement when p > 1/2.
  const r = p <= 0.5 ? p : 1 - p;
  const y = n * r <= 30 ? inversion(rng, n, r) : btpe(rng, n, r);
  return p <= 0.5 ? y : n - y;
}

/** Inversion from 0: exact, O(n r) steps, for means up to 30. */
function inversion(rng: Rng, n: number, r: number): number {
  const q = 1 - r;
  const q0 = Math.exp(n * Math.log1p(-r));
  const s = r / q;
  const bound = Math.min(n, Math.floor(n * r + 10 * Math.sqrt(n * r * q + 1)));
  for (;;) {
    let u = rng.next53();
    let x = 0;
    let px = q0;
    while (u > px) {
      u -= px;
      x++;
      if (x > bound) break; // the tail past 10 standard deviations: start again (as NumPy does)
      px *= ((n - x + 1) * s) / x;
    }
    if (x <= bound) return x;
  }
}

/** BTPE for n r > 30: a triangle, two parallelograms and two exponential tails over the mode. */
function btpe(rng: Rng, n: number, r: number): number {
  const q = 1 - r;
  const nrq = n * r * q;
  const fm = n * r + r;
  const m = Math.floor(fm);
  const p1 = Math.floor(2.195 * Math.sqrt(nrq) - 4.6 * q) + 0.5;
  const xm = m + 0.5;
  const xl = xm - p1;
  const xr = xm + p1;
  const c = 0.134 + 20.5 / (15.3 + m);
  let a = (fm - xl) / (fm - xl * r);
  const laml = a * (1 + a / 2);
  a = (xr - fm) / (xr * q);
  const lamr = a * (1 + a / 2);
  const p2 = p1 * (1 + 2 * c);
  const p3 = p2 + c / laml;
  const p4 = p3 + c / lamr;
  for (;;) {
    const u = rng.next53() * p4;
    let v = rng.next53();
    let y: number;
    if (u <= p1) return Math.floor(xm - p1 * v + u); // the triangle: accepted at once
    if (u <= p2) {
      const x = xl + (u - p1) / c;
      v = v * c + 1 - Math.abs(m - x + 0.5) / p1;
      if (v > 1) continue;
      y = Math.floor(x);
    } else if (u <= p3) {
      y = Math.floor(xl + Math.log(v) / laml);
      if (y < 0) continue;
      v = v * (u - p2) * laml;
    } else {
      y = Math.floor(xr - Math.log(v) / lamr);
      if (y > n) continue;
      v = v * (u - p3) * lamr;
    }
    if (accept(y, v, n, r, q, m, nrq, xm)) return y;
  }
}

/** Is (y, v) under the binomial's probability ratio f(y) / f(m)? */
function accept(y: number, v: number, n: number, r: number, q: number, m: number, nrq: number, xm: number): boolean {
  const k = Math.abs(y - m);
  if (k <= 20 || k >= nrq / 2 - 1) {
    // Near the mode: the ratio as a product, recursively from m.
    const s = r / q;
    const a = s * (n + 1);
    let f = 1;
    if (m < y) for (let i = m + 1; i <= y; i++) f *= a / i - s;
    else if (m > y) for (let i = y + 1; i <= m; i++) f /= a / i - s;
    return v <= f;
  }
  // Far from it: squeeze with bounds on log f, then Stirling's formula with its correction terms.
  const rho = (k / nrq) * ((k * (k / 3 + 0.625) + 1 / 6) / nrq + 0.5);
  const t = (-k * k) / (2 * nrq);
  const A = Math.log(v);
  if (A < t - rho) return true;
  if (A > t + rho) return false;
  const x1 = y + 1;
  const f1 = m + 1;
  const z = n + 1 - m;
  const w = n - y + 1;
  return A <= xm * Math.log(f1 / x1) + (n - m + 0.5) * Math.log(z / w) + (y - m) * Math.log((w * r) / (x1 * q))
    + stirling(f1) + stirling(z) + stirling(x1) + stirling(w);
}

/** The correction term of Stirling's series at x: 1/(12x) - 1/(360x^3) + ... (to 1/x^9). */
function stirling(x: number): number {
  const x2 = x * x;
  return (13860 - (462 - (132 - (99 - 140 / x2) / x2) / x2) / x2) / x / 166320;
}
