// Transfers that read at the same time share what they read through (backup rule 24): a proxy's speed
// is split evenly between the transfers it runs, and a datastore's between the transfers reading from
// it; each reads at the smaller of its two shares. Alone, a transfer reads at the slower of its proxy
// and its datastore (rule 4). When a transfer starts or ends the others' pace changes, and the rest of
// each is rescheduled from what it has done (*inferred*: Veeam documents task slots, not how a proxy's
// throughput divides between its tasks; an even split is the plainest reading).
import type { LabContext } from '../context';
import type { VmWork } from './work';
import { TRANSFER_DONE } from './kinds';

/** The share of `work`'s transfer done at `now` (0-1). */
export function doneShare(work: VmWork, now: number): number {
  const t = work.rec.transfer;
  if (!t) return work.rec.bytesRead >= work.rec.bytesToRead ? 1 : 0;
  return t.from + (1 - t.from) * Math.min(1, t.ms > 0 ? (now - t.start) / t.ms : 1);
}

/** The pace of `work` among `readers`: its speed now over its speed alone (1 when alone). */
function paceOf(work: VmWork, readers: readonly VmWork[]): number {
  const proxy = work.runWork.job.proxy;
  let onProxy = 0;
  let onDs = 0;
  for (const r of readers) {
    if (r.runWork.job.proxy.id === proxy.id) onProxy++;
    if (r.vm.datastore === work.vm.datastore) onDs++;
  }
  const solo = Math.min(proxy.MBps, work.dsMBps);
  const now = Math.min(proxy.MBps / Math.max(1, onProxy), work.dsMBps / Math.max(1, onDs));
  return now >= solo ? 1 : now / solo;
}

/** `work`'s transfer starts reading: it and the transfers beside it take their new pace. */
export function startReading(lab: LabContext, work: VmWork): void {
  work.rec.transfer = { start: lab.now, ms: work.soloMs, from: 0 };
  work.pace = 1;
  const readers = work.runWork.job.shared.readers;
  readers.push(work);
  repace(lab, readers);
  if (work.crash === null && !work.timer) work.timer = lab.scheduler.call(work.rec.transfer.ms, TRANSFER_DONE, work);
}

/** `work`'s transfer stops (done, crashed or abandoned): the others speed up. */
export function stopReading(lab: LabContext, work: VmWork): void {
  work.timer?.cancel();
  work.timer = null;
  const readers = work.runWork.job.shared.readers;
  const i = readers.indexOf(work);
  if (i < 0) return;
  readers.splice(i, 1);
  repace(lab, readers);
}

function repace(lab: LabContext, readers: readonly VmWork[]): void {
  for (const r of readers) {
    const pace = paceOf(r, readers);
    if (pace === r.pace || !r.rec.transfer) continue;
    const from = doneShare(r, lab.now);
    r.pace = pace;
    r.rec.transfer = { start: lab.now, ms: ((1 - from) * r.soloMs) / pace, from };
    if (r.timer && r.crash === null) {
      r.timer.cancel();
      r.timer = lab.scheduler.call(r.rec.transfer.ms, TRANSFER_DONE, r);
    }
  }
}
