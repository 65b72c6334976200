// Checkpoints of the datacenter lab (16 VMs): a simulated week through the worker's LabHost, the
// checkpoints it keeps in its 192 MB budget, and seeks to moments all over the week. Then how many
// copies taken evenly over the week the budget holds (each costs what changed since the one before:
// grain-map pages are shared copy on write). Goals: at least 16 checkpoints, every seek under 0.5 s.
// Then the copies with a snapshot on every VM, whose deltas change many chunks between two (a copy
// costs those chunks, not their whole pages).
// Run: npm run bench
import * as engine from '../engine/index';
import { LabHost } from '../worker/labHost';
import { Checkpoints } from '../worker/checkpoints';
import { Rng } from '../engine/core/rng';

const HOUR = 3_600_000;
const WEEK = 7 * 24 * HOUR;
const MB = 1024 * 1024;
export const SEEKS = 24;

/** What a simulated week of the datacenter lab through the worker's LabHost leaves for time travel:
 *  seek times sorted, in wall ms and in this process's CPU ms (steadier on a shared machine). */
export interface WeekThroughWorker { weekS: number; cp: ReturnType<LabHost['checkpointStats']>; times: number[]; cpuTimes: number[]; same: boolean }

/** Milliseconds of CPU time this process used. */
function cpuMs(): number {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
}

/** Seek times as the report prints them: median and slowest, wall and CPU. */
export function seekLine(times: readonly number[], cpuTimes: readonly number[]): string {
  const s = (ms: number) => (ms / 1000).toFixed(2);
  return `median ${s(times[times.length >> 1])} s, slowest ${s(times[times.length - 1])} s (goal < 0.5 s); in CPU time median ${s(cpuTimes[cpuTimes.length >> 1])} s, slowest ${s(cpuTimes[cpuTimes.length - 1])} s`;
}

/** A week of the datacenter lab through the worker (after `prepare`), then seeks all over it. */
export function weekThroughWorker(prepare: (host: LabHost) => void = () => {}): WeekThroughWorker {
  const host = new LabHost({ engine, post: () => {}, now: () => performance.now(), setTimer: () => 0, clearTimer: () => {} });
  const loaded = host.handle({ kind: 'load', source: 'datacenter' });
  if (!loaded.ok) throw new Error(loaded.error.message);
  prepare(host);
  const t0 = performance.now();
  for (let h = 0; h < 168; h++) host.handle({ kind: 'advance', ms: HOUR });
  const weekS = (performance.now() - t0) / 1000;
  const end = JSON.stringify(host.handle({ kind: 'state' }));
  const cp = host.checkpointStats();
  // Moments all over the week, in an order that jumps back and forth.
  const rng = new Rng(42);
  const times: number[] = [];
  const cpuTimes: number[] = [];
  for (let i = 0; i < SEEKS; i++) {
    const t = Math.floor(rng.next() * WEEK);
    const s = performance.now();
    const c = cpuMs();
    host.handle({ kind: 'seek', ms: t });
    times.push(performance.now() - s);
    cpuTimes.push(cpuMs() - c);
  }
  host.handle({ kind: 'seek', ms: WEEK });
  const same = JSON.stringify(host.handle({ kind: 'state' })) === end;
  times.sort((x, y) => x - y);
  cpuTimes.sort((x, y) => x - y);
  return { weekS, cp, times, cpuTimes, same };
}

function week(): void {
  const { weekS, cp, times, cpuTimes, same } = weekThroughWorker();
  console.log(`Checkpoints: datacenter lab as built in, a simulated week through the worker (${weekS.toFixed(1)} s)`);
  console.log(`  ${cp.count} checkpoints holding ${(cp.bytes / MB).toFixed(1)} MB of a ${(cp.budgetBytes / MB).toFixed(0)} MB budget; ${SEEKS} seeks anywhere in the week: ${seekLine(times, cpuTimes)}; the state at the end identical after them: ${same}`);
  if (!same) throw new Error('a seek to the end did not give back the state that was there');
}

/** Copies taken every `spacing` of a week into a store with the worker's budget: how many it keeps. */
function evenCopies(snapshots: boolean, copies: number): void {
  const lab = engine.createLab(engine.builtInLabs.datacenter);
  if (snapshots) for (const vm of lab.vms) lab.dispatch({ type: 'snapshot.take', vm: vm.id, name: 'week' });
  const store = new Checkpoints<engine.Lab>();
  let copyMs = 0;
  const costs: number[] = [];
  for (let i = 1; i <= copies; i++) {
    lab.advance(WEEK / copies);
    const s = performance.now();
    const f = lab.fork();
    copyMs = Math.max(copyMs, performance.now() - s);
    if (!f) continue;
    const cp = { branch: 'b1', time: lab.now, applied: 0, lab: f.lab, bytes: f.bytes, shared: f.shared };
    costs.push(store.costOf(cp));
    store.add(cp);
  }
  const later = costs.slice(1).sort((a, b) => a - b);
  console.log(`  ${copies} copies taken evenly over the week: ${store.count} kept in ${(store.bytes / MB).toFixed(1)} MB; the first costs ${(costs[0] / MB).toFixed(1)} MB, each later one ${(later[later.length >> 1] / MB).toFixed(2)} MB (median); slowest copy ${copyMs.toFixed(0)} ms`);
}

export function runCheckpointBenchmark(): void {
  week();
  evenCopies(false, 32);
  // With a snapshot on every VM the deltas change many chunks between two copies.
  console.log('Checkpoints: datacenter lab with a snapshot on every VM');
  evenCopies(true, 32);
}
