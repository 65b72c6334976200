// Time travel on the datacenter lab (16 VMs) with a snapshot on every VM, a simulated week through the
// worker's LabHost: how many checkpoints its budget holds, what each costs, and how long seeks to
// moments all over the week take. With a snapshot on every VM the guests' writes land in 16 deltas,
// whose grain maps change between two checkpoints (each copy costs what changed since the one before).
// Goals: at least 16 checkpoints, every seek under 0.5 s, the state at the end the same after seeking.
// Run: npm run bench
import * as engine from '../engine/index';
import { SEEKS, seekLine, weekThroughWorker } from './checkpoints.bench';

const MB = 1024 * 1024;

export function runCheckpointWeekBenchmark(): void {
  const vms = (engine.builtInLabs.datacenter.vms ?? []).map((v) => v.id);
  const { weekS, cp, times, cpuTimes, same } = weekThroughWorker((host) => {
    for (const vm of vms) {
      const r = host.handle({ kind: 'dispatch', command: { type: 'snapshot.take', vm, name: 'week' } }) as { ok: boolean };
      if (!r.ok) throw new Error(`snapshot.take on ${vm} was refused`);
    }
  });
  console.log(`Checkpoints: datacenter lab (${vms.length} VMs) with a snapshot on every VM, a simulated week through the worker (${weekS.toFixed(1)} s)`);
  console.log(`  ${cp.count} checkpoints holding ${(cp.bytes / MB).toFixed(1)} MB of a ${(cp.budgetBytes / MB).toFixed(0)} MB budget (goal >= 16), ${(cp.bytes / Math.max(1, cp.count) / MB).toFixed(1)} MB per checkpoint; ${SEEKS} seeks anywhere in the week: ${seekLine(times, cpuTimes)}; the state at the end identical after them: ${same}`);
  if (!same) throw new Error('a seek to the end did not give back the state that was there');
}
