// GrainMap benchmarks: (a) the guest-write hot path against a dense bitmap, (b) memory of a deep
// chain on a big disk. Run: node --expose-gc --import tsx src/bench/grains.bench.ts
import { pathToFileURL } from 'node:url';
import { performance } from 'node:perf_hooks';
import { GrainMap } from '../engine/model/disk/grainMap';
import { GRAIN_BYTES } from '../engine/model/disk/formats';
import { Rng } from '../engine/core/rng';

const GiB = 2 ** 30;
const TiB = 2 ** 40;

function gc(): void {
  (globalThis as { gc?: () => void }).gc?.();
}

/** Milliseconds of CPU time this process used: steadier than wall time on a shared machine. */
function cpuMs(): number {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
}

function liveBytes(): number {
  gc();
  const m = process.memoryUsage();
  return m.heapUsed + m.arrayBuffers;
}

/**
 * (a) Random 4 KB writes on a 500 GB SEsparse disk: one grain each, at a seeded random grain, into an
 * empty map (so the sparse-to-dense transitions are included). Best CPU time of `rounds`.
 */
function benchWrites(writes: number, rounds: number): Record<string, number> {
  const total = (500 * GiB) / GRAIN_BYTES.seSparse;
  const rng = new Rng(1);
  const grains = new Uint32Array(writes);
  for (let i = 0; i < writes; i++) grains[i] = rng.int(total);

  let bestMap = Infinity;
  let bestDense = Infinity;
  let bestRewrite = Infinity;
  let heldMap = 0;
  let heldDense = 0;
  for (let r = 0; r < rounds; r++) {
    // Alternate which runs first so neither always gets the warmer machine.
    for (const which of r % 2 === 0 ? ['map', 'dense'] : ['dense', 'map']) {
      gc();
      if (which === 'map') {
        const m = new GrainMap(total);
        const t0 = cpuMs();
        let fresh = 0;
        for (let i = 0; i < writes; i++) {
          const g = grains[i];
          fresh += m.setOne(g); // the write path's one-grain method (DiskFile.tryWrite)
        }
        bestMap = Math.min(bestMap, cpuMs() - t0);
        heldMap = fresh;
        // Same writes again: every grain is held, so this is the steady-state lookup cost.
        const t1 = cpuMs();
        for (let i = 0; i < writes; i++) {
          const g = grains[i];
          fresh += m.setRange(g, g + 1);
        }
        bestRewrite = Math.min(bestRewrite, cpuMs() - t1);
        if (fresh !== heldMap) throw new Error('a rewrite allocated grains (rule 10)');
      } else {
        const bits = new Uint32Array(Math.ceil(total / 32));
        const t0 = cpuMs();
        let fresh = 0;
        for (let i = 0; i < writes; i++) {
          const g = grains[i];
          const w = g >>> 5;
          const mask = 1 << (g & 31);
          const v = bits[w];
          if ((v & mask) === 0) {
            bits[w] = v | mask;
            fresh++;
          }
        }
        bestDense = Math.min(bestDense, cpuMs() - t0);
        heldDense = fresh;
      }
    }
  }
  if (heldMap !== heldDense) throw new Error(`GrainMap counted ${heldMap} new grains, the bitmap ${heldDense}`);
  const mapRate = writes / (bestMap / 1000);
  const denseRate = writes / (bestDense / 1000);
  return {
    'a.writes': writes,
    'a.grainMapWritesPerSec': Math.round(mapRate),
    'a.denseBitmapWritesPerSec': Math.round(denseRate),
    'a.ratio': Number((mapRate / denseRate).toFixed(3)),
    'a.grainMapRewritesPerSec': Math.round(writes / (bestRewrite / 1000)),
  };
}

/** (b) A 2 TB SEsparse disk with a 32-deep chain holding `grains` random grains in total. */
function benchChain(depth: number, grains: number): Record<string, number> {
  const total = (2 * TiB) / GRAIN_BYTES.seSparse;
  const rng = new Rng(2);
  const before = liveBytes();
  const t0 = performance.now();
  const chain: GrainMap[] = [];
  for (let d = 0; d < depth; d++) {
    const m = new GrainMap(total);
    const share = Math.floor(grains / depth) + (d < grains % depth ? 1 : 0);
    for (let i = 0; i < share; i++) {
      const g = rng.int(total);
      m.setRange(g, g + 1);
    }
    chain.push(m);
  }
  const buildMs = performance.now() - t0;
  const peak = liveBytes() - before;
  const estimated = chain.reduce((s, m) => s + m.memoryBytes(), 0);
  const held = chain.reduce((s, m) => s + m.count, 0);
  const tables = chain.reduce((s, m) => s + m.chunkCount, 0);

  // Delete All (rule 25): predict each merge's growth, then merge every delta into the first.
  const t1 = performance.now();
  const target = chain[0].clone();
  let predicted = 0;
  let merged = 0;
  for (let d = 1; d < depth; d++) {
    predicted += chain[d].countNotIn(target);
    merged += target.unionFrom(chain[d]);
  }
  const mergeMs = performance.now() - t1;
  if (predicted !== merged) throw new Error(`predicted ${predicted} merged grains, merged ${merged}`);
  chain.length = 0;
  return {
    'b.depth': depth,
    'b.grainsHeld': held,
    'b.grainTables': tables,
    'b.buildMs': Math.round(buildMs),
    'b.peakMemoryBytes': peak,
    'b.sumMemoryBytesEstimate': estimated,
    'b.bytesPerGrain': Number((peak / held).toFixed(2)),
    'b.denseBitmapsBytes': depth * Math.ceil(total / 8),
    'b.deleteAllMergeMs': Math.round(mergeMs),
    'b.mergedGrains': target.count,
  };
}

export async function runGrainBenchmarks(): Promise<Record<string, number>> {
  return { ...benchWrites(10_000_000, 5), ...benchChain(32, 10_000_000) };
}

export function printTable(results: Record<string, number>): void {
  const width = Math.max(...Object.keys(results).map((k) => k.length));
  for (const [k, v] of Object.entries(results)) console.log(`${k.padEnd(width)}  ${v.toLocaleString('en-US')}`);
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  if (!(globalThis as { gc?: unknown }).gc) console.warn('run with node --expose-gc for exact memory figures');
  const t0 = performance.now();
  const results = await runGrainBenchmarks();
  printTable(results);
  console.log(`total ${((performance.now() - t0) / 1000).toFixed(1)} s`);
}
