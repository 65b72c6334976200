// Parallel processing by proxy task slots (backup rule 24): since Veeam 7 a job's VMs, and their
// disks, are processed at the same time, each disk a task that takes one of the proxy's task slots
// (Veeam "Limitation of Concurrent Tasks": one task per VM disk; a task starts when the proxy has a
// free slot, the rest are pending). In the lab a VM starts (snapshot, transfer) as soon as one slot is
// free, in the job's order (an earlier VM is never overtaken), taking a slot for each of its disks up
// to what is free; its disks still pending take the next slots to free up, before any later VM. It
// gives them all back when its transfer ends, so the next VM's snapshot can overlap this one's removal.
// Slots are the proxy's, so jobs that share a proxy share them.
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
    lab.log(w.vm, 'backup', 'backup.waiting', `Backup job "${name}" run ${w.runWork.run.number}, ${w.vm.name}: waiting for a free proxy slot (${proxy.id}: ${proxy.busy} of ${proxy.slots} task slots busy; ${slotsFor(w, proxy)} disk${slotsFor(w, proxy) === 1 ? '' : 's'}, one task each).`);
  }
}

/** Give free slots to the pending disks of VMs already started, then start the VMs at the head of the
 * queue while a slot is free; true if the queue emptied. */
export function admit(lab: LabContext, proxy: ProxySlots): boolean {
  for (const work of proxy.short) {
    const take = Math.min(slotsFor(work, proxy) - work.slots, proxy.slots - proxy.busy);
    if (take > 0) { work.slots += take; proxy.busy += take; }
  }
  proxy.short = proxy.short.filter((w) => w.slots < slotsFor(w, proxy));
  while (proxy.queue.length) {
    const free = proxy.slots - proxy.busy;
    if (free < 1) return false;
    const work = proxy.queue.shift()!;
    const need = slotsFor(work, proxy);
    const take = Math.min(need, free);
    proxy.busy += take;
    work.slots = take;
    if (take < need) {
      proxy.short.push(work);
      work.rec.notes.push(`Started with ${take} of the ${need} task slots its disks take; the other disk${need - take === 1 ? '' : 's'} waited for a slot of ${proxy.id}.`);
    }
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
  const j = proxy.short.indexOf(work);
  if (j >= 0) proxy.short.splice(j, 1);
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
