import { describe, expect, it } from 'vitest';
import { Rng } from './rng';

describe('Rng samplers (docs/workloads.md)', () => {
  it('geometric(p) counts failures before a success: mean (1 - p) / p, variance (1 - p) / p^2', () => {
    for (const p of [0.9, 0.3, 0.01]) {
      const rng = new Rng(3);
      const n = 40_000;
      let sum = 0;
      let sq = 0;
      for (let i = 0; i < n; i++) { const g = rng.geometric(p); sum += g; sq += g * g; }
      const mean = sum / n;
      const variance = sq / n - mean * mean;
      const mu = (1 - p) / p;
      const v = (1 - p) / (p * p);
      expect(Math.abs(mean - mu)).toBeLessThan(5 * Math.sqrt(v / n));
      expect(variance / v).toBeGreaterThan(0.9);
      expect(variance / v).toBeLessThan(1.1);
    }
    expect(new Rng(1).geometric(1)).toBe(0);
  });

  it('the same seed draws the same numbers', () => {
    const a = new Rng(42);
    const b = new Rng(42);
    for (let i = 0; i < 100; i++) expect(a.geometric(0.2)).toBe(b.geometric(0.2));
    expect(a.next53()).toBe(b.next53());
  });
});
