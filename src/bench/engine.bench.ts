// Engine benchmarks (issue "Lab engine"): the guest write path against a dense bitmap, a simulated
// day of four busy VMs, and the memory a deep chain on a 2 TB disk needs. Run: npm run bench
import { createLab, type Lab } from '../engine';
import { applyWrite } from '../engine/features/guest/write';
import { Rng } from '../engine/core/rng';

// A module-local binding: under tsx an imported function is read through a getter on every call,
// which keeps V8 from inlining it into the hot loop (the browser bundle has no such indirection).
const writeGuest = applyWrite;

const GiB = 1024 ** 3;
const gc = (globalThis as { gc?: () => void }).gc;

function memoryNow(): number {
  gc?.();
  const m = process.memoryUsage();
  return m.heapUsed + m.arrayBuffers;
}

/** CPU seconds this process used while fn ran: steadier than wall time on a shared machine. */
function cpuSeconds(fn: () => void): number {
  const t0 = process.cpuUsage();
  fn();
  const d = process.cpuUsage(t0);
  return (d.user + d.system) / 1e6;
}

/** Marks `n` random grains of a `grains`-grain disk in a dense Uint32Array: the reference rate. */
export function denseBitmapRate(grains: number, n: number, seed = 1): number {
  const bits = new Uint32Array(Math.ceil(grains / 32));
  const rng = new Rng(seed);
  let set = 0;
  const s = cpuSeconds(() => {
    for (let i = 0; i < n; i++) {
      const g = rng.int(grains);
      const w = g >>> 5, m = 1 << (g & 31);
      if ((bits[w] & m) === 0) { bits[w] |= m; set++; }
    }
  });
  if (set === 0) throw new Error('nothing marked');
  return n / s;
}

function busyLab(vms: number, iops: number, capacityGB: number, host = '5.5'): Lab {
  return createLab({
    seed: 11,
    hosts: [{ id: 'esx01', version: host as never }],
    datastores: [{ id: 'ds1', capacityGB: vms * capacityGB * 3, fs: 'vmfs5', MBps: 400 }],
    vms: Array.from({ length: vms }, (_, i) => ({
      id: `vm${i}`, memoryMB: 1024, deltaFormat: 'seSparse' as const,
      disks: [{ id: 'disk1', capacityGB }], workload: { profile: 'sql' as const, writeIOPS: iops },
    })),
  });
}

/** (1) random 4 KB guest writes through the engine's write path into a SEsparse leaf. */
function engineWriteOnce(n: number): number {
  const lab = busyLab(1, 0, 500);
  lab.dispatch({ type: 'snapshot.take', vm: 'vm0', name: 'bench' });
  lab.advance(5000);
  const vm = lab.vms[0];
  const disk = vm.disks[0];
  const grains = disk.capacityBytes / 4096;
  const rng = new Rng(1);
  const s = cpuSeconds(() => {
    for (let i = 0; i < n; i++) writeGuest(lab, vm, disk, rng.int(grains) * 4096, 4096);
  });
  if (disk.leaf.held === 0) throw new Error('nothing written');
  return n / s;
}

/** Best of `rounds` alternating runs of the engine and the dense bitmap, so both see the same load. */
export function engineWriteRate(n: number, rounds = 5): { rate: number; dense: number } {
  let rate = 0;
  let dense = 0;
  for (let r = 0; r < rounds; r++) {
    rate = Math.max(rate, engineWriteOnce(n));
    dense = Math.max(dense, denseBitmapRate(500 * GiB / 4096, n));
  }
  return { rate, dense };
}

/** (2) a simulated day of 4 VMs x 500 write IOPS on 500 GB SEsparse disks. */
export function simulatedDay(hours = 24): { writes: number; seconds: number; rate: number; peakBytes: number; deltaGB: number } {
  const lab = busyLab(4, 500, 500);
  for (const vm of lab.vms) lab.dispatch({ type: 'snapshot.take', vm: vm.id, name: 'day' });
  lab.advance(5000);
  let peak = memoryNow();
  const t0 = performance.now();
  for (let h = 0; h < hours; h++) {
    lab.advance(3600_000);
    peak = Math.max(peak, memoryNow());
  }
  const seconds = (performance.now() - t0) / 1000;
  const writes = lab.vms.reduce((a, vm) => a + (lab.workloads.get(vm)?.written ?? 0), 0);
  const deltaGB = lab.vms.reduce((a, vm) => a + vm.disks[0].leaf.dataBytes, 0) / GiB;
  return { writes, seconds, rate: writes / seconds, peakBytes: peak, deltaGB };
}

/** (3) a 2 TB disk with a 32-deep chain holding 10 million random grains in all. */
export function deepChainMemory(totalGrains = 10_000_000): { peakBytes: number; grainsHeld: number; structureBytes: number } {
  const base = memoryNow();
  const lab = createLab({
    seed: 5,
    hosts: [{ id: 'esx01', version: '5.5' }],
    datastores: [{ id: 'ds1', capacityGB: 64 * 1024, fs: 'vmfs5', MBps: 400 }],
    vms: [{ id: 'big', memoryMB: 1024, disks: [{ id: 'disk1', capacityGB: 2048, thin: true, usedGB: 100 }] }],
  });
  const vm = lab.vms[0];
  const disk = vm.disks[0];
  const rng = new Rng(9);
  const per = Math.ceil(totalGrains / 32);
  for (let s = 0; s < 32; s++) {
    lab.dispatch({ type: 'snapshot.take', vm: 'big', name: `s${s}` });
    lab.advance(2000);
    const grains = disk.capacityBytes / disk.leaf.grainBytes;
    for (let i = 0; i < per; i++) writeGuest(lab, vm, disk, rng.int(grains) * disk.leaf.grainBytes, 4096);
  }
  lab.advance(2000);
  const held = disk.files.reduce((a, f) => a + (f.isDelta ? f.held : 0), 0);
  const structure = disk.files.reduce((a, f) => a + (f.isDelta && f.grains ? f.grains.memoryBytes() : 0), 0);
  if (vm.snapshots.length !== 32) throw new Error(`expected 32 snapshots, got ${vm.snapshots.length}`);
  return { peakBytes: memoryNow() - base, grainsHeld: held, structureBytes: structure };
}

const mb = (b: number) => `${(b / 1024 / 1024).toFixed(1)} MB`;
const fmt = (n: number) => Math.round(n).toLocaleString('en-US');

export function runEngineBenchmarks(): Record<string, number> {
  const w = engineWriteRate(2_000_000);
  console.log(`(1) random 4 KB writes, engine write path: ${fmt(w.rate)}/s; dense Uint32Array bitmap: ${fmt(w.dense)}/s; ratio ${(w.rate / w.dense).toFixed(2)} (goal >= 0.5)`);
  const d = simulatedDay();
  console.log(`(2) simulated day, 4 VMs x 500 write IOPS, 500 GB SEsparse: ${fmt(d.writes)} writes in ${d.seconds.toFixed(1)} s = ${fmt(d.rate)} writes/s (${(d.rate / w.dense).toFixed(2)} x the bitmap rate); deltas ${d.deltaGB.toFixed(1)} GB; peak memory ${mb(d.peakBytes)} (goal < 1 GiB)`);
  const c = deepChainMemory();
  console.log(`(3) 2 TB disk, 32-deep chain, ${fmt(c.grainsHeld)} grains held: peak memory ${mb(c.peakBytes)}; grain maps ${mb(c.structureBytes)}`);
  return {
    writeRate: w.rate, denseRate: w.dense, writeRatio: w.rate / w.dense,
    dayWrites: d.writes, daySeconds: d.seconds, dayRate: d.rate, dayPeakBytes: d.peakBytes,
    chainPeakBytes: c.peakBytes, chainGrains: c.grainsHeld, chainStructureBytes: c.structureBytes,
  };
}
