// Workload benchmarks (docs/workloads.md): a simulated day and week of four busy VMs, writes per CPU second
// against the per-write dense-bitmap limit measured in the same run; a week of the datacenter lab;
// a year of an idle lab. Run: npm run bench
import { createLab, builtInLabs, type Lab } from '../engine';
import { denseBitmapRate } from './engine.bench';

const GiB = 1024 ** 3;
const DAY = 24 * 3600_000;

function cpu(fn: () => void): number {
  const t0 = process.cpuUsage();
  fn();
  const d = process.cpuUsage(t0);
  return (d.user + d.system) / 1e6;
}

/** Four VMs x 500 write IOPS, 4 KB uniform writes over 400 GB of 500 GB disks, SEsparse deltas. */
function busyLab(): Lab {
  const lab = createLab({
    seed: 11,
    hosts: [{ id: 'esx01', version: '5.5' }],
    datastores: [{ id: 'ds1', capacityGB: 8000, fs: 'vmfs5', MBps: 400 }],
    vms: Array.from({ length: 4 }, (_, i) => ({
      id: `vm${i}`, memoryMB: 1024, deltaFormat: 'seSparse' as const,
      disks: [{ id: 'disk1', capacityGB: 500 }],
      workload: { profile: 'uniform' as const, writeIOPS: 500, writeBytes: 4096, regionGB: 400 },
    })),
  });
  for (const vm of lab.vms) lab.dispatch({ type: 'snapshot.take', vm: vm.id, name: 'bench' });
  lab.advance(5000);
  return lab;
}

interface Run { days: number; writes: number; seconds: number; rate: number; deltaGB: number; heapMB: number }

function simulate(days: number, stepMs: number): Run {
  const lab = busyLab();
  const w0 = lab.vms.reduce((a, vm) => a + lab.workloads.get(vm)!.written, 0);
  const seconds = cpu(() => { for (let t = 0; t < days * DAY; t += stepMs) lab.advance(Math.min(stepMs, days * DAY - t)); });
  const writes = lab.vms.reduce((a, vm) => a + lab.workloads.get(vm)!.written, 0) - w0;
  const deltaGB = lab.vms.reduce((a, vm) => a + vm.disks[0].leaf.dataBytes, 0) / GiB;
  const m = process.memoryUsage();
  return { days, writes, seconds, rate: writes / seconds, deltaGB, heapMB: (m.heapUsed + m.arrayBuffers) / 2 ** 20 };
}

const fmt = (n: number) => Math.round(n).toLocaleString('en-US');

export function runWorkloadBenchmarks(): void {
  const dense = Math.max(...[0, 1, 2].map((s) => denseBitmapRate(500 * GiB / 4096, 4_000_000, s + 1)));
  console.log(`(4) per-write dense-bitmap limit (random 4 KB grains of a 500 GB disk): ${fmt(dense)} writes/s`);
  for (const [label, step] of [['one advance', Infinity]] as const) {
    const day = simulate(1, step);
    const week = simulate(7, step);
    console.log(`(5) ${label}: 4 VMs x 500 IOPS, 4 KB uniform over 400 GB, SEsparse`);
    console.log(`    day:  ${fmt(day.writes)} writes in ${day.seconds.toFixed(2)} CPU s = ${fmt(day.rate)}/s (${(day.rate / dense).toFixed(1)} x the limit); deltas ${day.deltaGB.toFixed(1)} GB`);
    console.log(`    week: ${fmt(week.writes)} writes in ${week.seconds.toFixed(2)} CPU s = ${fmt(week.rate)}/s (${(week.rate / dense).toFixed(1)} x the limit; goal >= 5); deltas ${week.deltaGB.toFixed(1)} GB; week/day ${(week.seconds / day.seconds).toFixed(2)} (goal <= 2.5); heap ${week.heapMB.toFixed(0)} MB`);
  }
  const dc = createLab(builtInLabs.datacenter);
  for (const vm of dc.vms) dc.dispatch({ type: 'snapshot.take', vm: vm.id, name: 'week' });
  const dcWall = performance.now();
  const dcCpu = cpu(() => dc.advance(7 * DAY));
  console.log(`(6) clock.advance of 7 days on the datacenter lab (16 VMs, a snapshot each): ${((performance.now() - dcWall) / 1000).toFixed(2)} s wall, ${dcCpu.toFixed(2)} CPU s (goal < 10 s)`);
  const idle = createLab({ hosts: [{ id: 'esx01', version: '5.5' }], datastores: [{ id: 'ds1', capacityGB: 100 }], vms: [] });
  const idleCpu = cpu(() => idle.advance(366 * DAY));
  console.log(`(7) clock.advance of 366 days on a lab with no VMs: ${(idleCpu * 1000).toFixed(1)} CPU ms`);
  console.log(`    peak resident memory of this run: ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB (goal < 1024)`);
}
