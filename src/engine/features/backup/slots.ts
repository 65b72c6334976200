// Parallel processing by proxy task slots (backup rule 24): since Veeam 7 a job's VMs, and their
// disks, are processed at the same time, each disk a task that takes one of the proxy's task slots
// (Veeam "Limitation of Concurrent Tasks": one task per VM disk; the rest wait). In the lab a VM takes
// one slot per disk it reads (all of the proxy's when it has more disks than slots), waits in the
// job's order until that many are free (an earlier VM is never overtaken), and gives them back when its
// transfer ends, so the next VM's snapshot can overlap this one's removal. Slots are the proxy's, so
// jobs that share a proxy share them.
import type { LabContext } from '../context';
import type { ProxySlots } from './model';
import type { VmWork } from './work';
import { clock } from './clock';
import { VM_START } from './kinds';

/** The slots a VM's processing takes: one per disk it reads, at least one, at most the proxy's. */
export function slotsFor(work: VmWork, proxy: ProxySlots): number {
  const disks = work.vm.disks.filter((d) => d.dependent).length;
  return Math.max(1, Math.min(proxy.slots, disks));
}

/** Queue a run's VMs for slots of their job's proxy, in order; each starts (VM_START) once they are free. */
export function askForSlots(lab: LabContext, works: VmWork[]): void {
  if (!works.length) return;
  const job = works[0].runWork.job;
  const proxy = job.shared.proxies.get(job.proxy.id)!;
  for (const w of works) { w.queuedAt = lab.now; proxy.queue.push(w); }
  admit(lab, proxy);
  const name = job.def.name ?? job.def.id;
  for (const w of works) {
    if (!proxy.queue.includes(w)) continue;
    lab.log(w.vm, 'backup', 'backup.waiting', `Backup job "${name}" run ${w.runWork.run.number}, ${w.vm.name}: waiting for a free proxy slot (${proxy.id}: ${proxy.busy} of ${proxy.slots} task slots busy, ${slotsFor(w, proxy)} needed).`);
  }
}

/** Start the VMs at the head of the queue while their slots are free; true if the queue emptied. */
export function admit(lab: LabContext, proxy: ProxySlots): boolean {
  while (proxy.queue.length) {
    const work = proxy.queue[0];
    const need = slotsFor(work, proxy);
    if (proxy.busy + need > proxy.slots) return false;
    proxy.queue.shift();
    proxy.busy += need;
    work.slots = need;
    if (lab.now > work.queuedAt) work.rec.notes.push(`Waited ${waited(lab.now - work.queuedAt)} for a free slot of ${proxy.id} (from ${clock(work.queuedAt)}).`);
    lab.scheduler.runCall({ kind: VM_START, args: [work] });
  }
  return true;
}

/** Give back the slots `work` holds (its transfer ended, or its processing did). */
export function releaseSlots(lab: LabContext, work: VmWork): void {
  const job = work.runWork.job;
  const proxy = job.shared.proxies.get(job.proxy.id);
  if (!proxy) return;
  const i = proxy.queue.indexOf(work);
  if (i >= 0) proxy.queue.splice(i, 1);
  if (work.slots === 0) return;
  proxy.busy -= work.slots;
  work.slots = 0;
  admit(lab, proxy);
}

const waited = (ms: number): string => ms < 60_000 ? `${Math.round(ms / 1000)} s` : `${Math.round(ms / 60_000)} min`;

/** The run's VMs still waiting for slots leave the queue (the backup application died). */
export function dropWaiting(work: VmWork): void {
  const job = work.runWork.job;
  const proxy = job.shared.proxies.get(job.proxy.id);
  if (proxy) proxy.queue = proxy.queue.filter((w) => w.runWork !== work.runWork);
}
