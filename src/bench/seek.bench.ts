// Time travel (issue "Time travel"): a busy VM's simulated day run through the worker's LabHost, then
// a seek back 23 hours and forward again. Goal: the seek back takes under 3 s. Run: npm run bench
import * as engine from '../engine/index';
import { LabHost } from '../worker/labHost';

const HOUR = 3_600_000;

/** One Exchange server writing hard on a snapshot's delta all day: the worst case for a replay. */
export const busyDayLab = {
  name: 'Busy day',
  seed: 7,
  hosts: [{ id: 'esx01', version: '4.0' }],
  datastores: [{ id: 'ds1', capacityGB: 2000 }],
  vms: [{
    id: 'exch01', name: 'EXCH01', host: 'esx01', datastore: 'ds1', guest: 'windows2003', memoryMB: 4096,
    apps: ['exchange'], disks: [{ id: 'disk1', capacityGB: 60 }, { id: 'disk2', capacityGB: 200 }],
    workload: { profile: 'exchange', writeIOPS: 500 },
  }],
};

export function runSeekBenchmark(): void {
  const host = new LabHost({ engine, post: () => {}, now: () => performance.now(), setTimer: () => 0, clearTimer: () => {} });
  const loaded = host.handle({ kind: 'load', source: busyDayLab });
  if (!loaded.ok) throw new Error(loaded.error.message);
  host.handle({ kind: 'dispatch', command: { type: 'snapshot.take', vm: 'exch01', name: 'morning' } });
  const t0 = performance.now();
  for (let h = 0; h < 24; h++) host.handle({ kind: 'advance', ms: HOUR });
  const dayMs = performance.now() - t0;
  const end = JSON.stringify(host.handle({ kind: 'state' }));

  const t1 = performance.now();
  const back = host.handle({ kind: 'seek', ms: HOUR });
  const backMs = performance.now() - t1;
  if (!('vms' in back)) throw new Error('seek refused');
  const t2 = performance.now();
  host.handle({ kind: 'seek', ms: 24 * HOUR });
  const forwardMs = performance.now() - t2;
  const t3 = performance.now();
  host.handle({ kind: 'seek', ms: 23 * HOUR });
  const lateMs = performance.now() - t3;
  host.handle({ kind: 'seek', ms: 24 * HOUR });
  const same = JSON.stringify(host.handle({ kind: 'state' })) === end;
  const cp = host.checkpointStats();
  console.log('Time travel: a busy VM\'s day (Exchange, 500 write IOPS on a snapshot\'s delta), through the worker');
  console.log(`  the day itself: ${(dayMs / 1000).toFixed(2)} s; seek back 23 h: ${(backMs / 1000).toFixed(2)} s (goal < 3 s); seek forward to the end again: ${(forwardMs / 1000).toFixed(2)} s; seek back 1 h (to 23 h): ${(lateMs / 1000).toFixed(2)} s; the state at the end identical after the seeks: ${same}`);
  console.log(`  checkpoints: ${cp.count} holding ${(cp.bytes / 1024 / 1024).toFixed(1)} MB of a ${(cp.budgetBytes / 1024 / 1024).toFixed(0)} MB budget`);
  if (!same) throw new Error('a seek forward did not give back the state that was there');
}
