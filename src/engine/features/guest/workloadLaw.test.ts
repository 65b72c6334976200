// the batched workload is the per-write model, only faster. For every grain size (512 B
// vmfsSparse, 4 KB SEsparse, 64 KB hostedSparse deltas and a thin base's 1 MB blocks) and several
// write sizes, the grains a uniform workload allocates follow the occupancy law, and a two-sample test
// cannot tell the batched path from today's per-write path (the oracle below).
import { describe, expect, it } from 'vitest';
import { createLab, type Lab } from '../../index';
import { Rng } from '../../core/rng';
import { applyWrite } from './write';
import { distinctByBitmap, distinctByMerge } from './stretch';

const MB = 1024 * 1024;
const GRAINS = [
  { name: 'vmfsSparse', grain: 512, deltaFormat: 'vmfsSparse' as const },
  { name: 'seSparse', grain: 4096, deltaFormat: 'seSparse' as const },
  { name: 'hostedSparse', grain: 65536, deltaFormat: 'hostedSparse' as const },
  { name: 'thin base', grain: MB, deltaFormat: null },
];
const WRITES = [4096, 8192, 12288, 65536];
const CELLS = 1024;
const RUNS = 80;

function labFor(grain: (typeof GRAINS)[number], writeBytes: number, seed: number, iops: number): Lab {
  const regionBytes = CELLS * Math.max(writeBytes, grain.grain);
  const lab = createLab({
    seed,
    hosts: [{ id: 'esx01', version: '6.7' }],
    datastores: [{ id: 'ds1', capacityGB: 64, fs: 'vmfs6' }],
    vms: [{
      id: 'vm1', memoryMB: 256, ...(grain.deltaFormat ? { deltaFormat: grain.deltaFormat } : {}),
      disks: [{ id: 'disk1', capacityGB: 2, thin: grain.deltaFormat === null, usedGB: 0 }],
      workload: { profile: 'uniform', writeIOPS: iops, writeBytes, regionGB: regionBytes / 1024 ** 3 },
    }],
  });
  if (grain.deltaFormat) {
    lab.dispatch({ type: 'snapshot.take', vm: 'vm1', name: 's' });
    lab.advance(2000);
    // Start counting from a fresh leaf: the writes during the take went to the parent.
  }
  return lab;
}

/** Grains the uniform workload's n writes allocated, batched: one tick of n writes. */
function batched(grain: (typeof GRAINS)[number], writeBytes: number, seed: number, n: number): number {
  const lab = labFor(grain, writeBytes, seed, 0);
  const leaf = lab.vms[0].disks[0].leaf;
  const before = leaf.held;
  lab.dispatch({ type: 'guest.workload', vm: 'vm1', profile: 'uniform', writeIOPS: n, writeBytes, regionGB: CELLS * Math.max(writeBytes, grain.grain) / 1024 ** 3 });
  lab.advance(1000);
  return lab.vms[0].disks[0].leaf.held - before;
}

/** The oracle: today's per-write path, one uniform slot and one write-path call per write. */
function perWrite(grain: (typeof GRAINS)[number], writeBytes: number, seed: number, n: number): number {
  const lab = labFor(grain, writeBytes, seed, 0);
  const vm = lab.vms[0];
  const disk = vm.disks[0];
  const before = disk.leaf.held;
  const slots = Math.floor((CELLS * Math.max(writeBytes, grain.grain)) / writeBytes);
  const rng = new Rng(seed * 7919 + 1);
  for (let i = 0; i < n; i++) applyWrite(lab, vm, disk, rng.int(slots) * writeBytes, writeBytes);
  return disk.leaf.held - before;
}

const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
const variance = (xs: number[]) => { const m = mean(xs); return xs.reduce((a, b) => a + (b - m) ** 2, 0) / (xs.length - 1); };

/** Occupancy: distinct cells after n uniform picks over c cells, its mean and variance. */
function occupancy(c: number, n: number): { mean: number; variance: number } {
  const q1 = (1 - 1 / c) ** n;
  const q2 = (1 - 2 / c) ** n;
  return { mean: c * (1 - q1), variance: c * (c - 1) * q2 + c * q1 - c * c * q1 * q1 };
}

/** Largest gap between two empirical distribution functions (Kolmogorov-Smirnov). */
function ksStatistic(a: number[], b: number[]): number {
  const xs = [...new Set([...a, ...b])].sort((x, y) => x - y);
  const cdf = (s: number[], x: number) => s.filter((v) => v <= x).length / s.length;
  return Math.max(...xs.map((x) => Math.abs(cdf(a, x) - cdf(b, x))));
}

describe('batched writes follow the per-write law', () => {
  for (const grain of GRAINS) {
    for (const writeBytes of WRITES) {
      it(`${grain.name} grains, ${writeBytes / 1024} KB writes`, () => {
        const n = CELLS;
        const fast = Array.from({ length: RUNS }, (_, i) => batched(grain, writeBytes, 1000 + i, n));
        const slow = Array.from({ length: RUNS }, (_, i) => perWrite(grain, writeBytes, 5000 + i, n));
        // Grains per cell when a write covers whole grains; one cell per grain when writes fall inside one.
        const aligned = writeBytes % grain.grain === 0 || grain.grain % writeBytes === 0;
        if (aligned) {
          const per = Math.max(1, writeBytes / grain.grain);
          const law = occupancy(CELLS, n);
          const m = mean(fast) / per;
          expect(Math.abs(m - law.mean)).toBeLessThan(4 * Math.sqrt(law.variance / RUNS));
          const ratio = variance(fast) / per / per / law.variance;
          expect(ratio).toBeGreaterThan(0.55);
          expect(ratio).toBeLessThan(1.6);
        }
        // Two-sample: Welch's t on the means and Kolmogorov-Smirnov at about the 0.1 % level.
        const se = Math.sqrt(variance(fast) / RUNS + variance(slow) / RUNS) || 1;
        expect(Math.abs(mean(fast) - mean(slow)) / se).toBeLessThan(4);
        expect(ksStatistic(fast, slow)).toBeLessThan(1.95 * Math.sqrt(2 / RUNS) + 1e-9);
      });
    }
  }
});

describe('stretches in a row, advanced whole or in pieces, follow the same law', () => {
  // 3 x CELLS writes at 64 per tick: stretches of 64, 128, 256, ... writes, some cut by the advances.
  const grain = GRAINS[1];
  const n = 3 * CELLS;
  const run = (seed: number, pieces: number): number => {
    const lab = labFor(grain, 4096, seed, 0);
    const leaf = lab.vms[0].disks[0].leaf;
    const before = leaf.held;
    lab.dispatch({ type: 'guest.workload', vm: 'vm1', profile: 'uniform', writeIOPS: 64, writeBytes: 4096, regionGB: (CELLS * 4096) / 1024 ** 3 });
    const total = (n / 64) * 1000;
    for (let i = 0; i < pieces; i++) lab.advance(total / pieces);
    return lab.vms[0].disks[0].leaf.held - before;
  };
  for (const pieces of [1, 8]) {
    it(`${pieces === 1 ? 'one advance' : `${pieces} advances`}: mean and spread of the occupancy law`, () => {
      const law = occupancy(CELLS, n);
      const xs = Array.from({ length: RUNS }, (_, i) => run(3000 + i, pieces));
      expect(Math.abs(mean(xs) - law.mean)).toBeLessThan(4 * Math.sqrt(law.variance / RUNS));
      const ratio = variance(xs) / law.variance;
      expect(ratio).toBeGreaterThan(0.55);
      expect(ratio).toBeLessThan(1.6);
    });
  }
});

describe('distinct draws of a cut stretch', () => {
  it('the bitmap and the sorted-merge way give the same subset from the same random numbers', () => {
    for (const [n, m, seed] of [[1, 1, 1], [10, 10, 2], [500, 1000, 3], [4999, 10_000, 4], [3000, 1_000_000, 5], [65_536, 131_072, 6]]) {
      const a = distinctByBitmap(new Rng(seed), n, m);
      const b = distinctByMerge(new Rng(seed), n, m);
      expect(a.length).toBe(n);
      expect([...a]).toEqual([...b]);
    }
  });
});
