// The rest of a VM's run (after vmRun.ts): the transfer ends (or the backup application dies during
// it), the proxy gives back the disks, the agent ends its VSS session (application-aware: FULL
// truncates Exchange's logs; with VMware Tools quiescing the guest saw a COPY, so nothing is), and the
// ordinary Remove snapshot task merges the delta back. Every wait is a job kind (kinds.ts).
import type { LabContext } from '../context';
import type { Task } from '../../core/tasks';
import type { Snapshot } from '../../model/snapshot';
import { formatBytes } from '../../core/format';
import { deleteCommand } from '../snapshot/remove';
import type { VmRun } from './model';
import { closeChangeIds } from './readPlan';
import { forgetLeftover, recordLeftover } from './leftovers';
import { addPoint, pointConsistency } from './repository';
import { completeAgent } from './appAware';
import { afterTask, closeStep, openStep, rampRun, type VmWork } from './work';
import { REMOVE_DONE, TRUNCATE_DONE, VM_ENDED } from './kinds';
import { doneShare, stopReading } from './share';
import { dropWaiting, releaseSlots } from './slots';

/** Job kind TRANSFER_DONE: the proxy has read the snapshot. */
export function transferDone(lab: LabContext, work: VmWork): void {
  const { runWork: { job }, vm, rec } = work;
  const snap = work.snap!;
  work.timer = null;
  stopReading(lab, work);
  rec.transfer = null;
  rec.bytesRead = rec.bytesToRead;
  closeStep(lab, work.steps.transfer!, true);
  closeChangeIds(vm, job, work.opened, true);
  lab.log(vm, 'backup', 'backup.transferDone', `${job.proxy.id} read ${formatBytes(rec.bytesRead)} of ${vm.name}.`);
  rec.notes.push(addPoint(job.repository, job.def.retainPoints, {
    job: job.def.id, vm: vm.id, time: snap.createdAt, kind: rec.mode, bytes: rec.bytesRead,
    fullBytes: rec.fullBytes, consistency: pointConsistency(snap.consistency),
    applicationAware: job.def.applicationAware,
    disks: work.plans.map((p) => ({ id: p.disk, bytes: p.fullBytes, capacityBytes: vm.disk(p.disk)!.capacityBytes, thin: vm.disk(p.disk)!.thin, blocks: p.blocks })), appData: snap.appData,
  }));
  releaseDisks(lab, work);
  // The proxy's task slots go to the next VM (parallel processing, backup rule 24).
  releaseSlots(lab, work);
  truncate(lab, work);
}

/** Job kind TRANSFER_CRASH: the backup application dies during this VM's transfer. */
export function transferCrash(lab: LabContext, work: VmWork): void {
  const { runWork: { job }, vm, rec } = work;
  const snap = work.snap!;
  if (work.crash) vm.consume(work.crash);
  work.crash = null;
  work.timer = null;
  rec.bytesRead = Math.round(rec.bytesToRead * doneShare(work, lab.now));
  stopReading(lab, work);
  rec.transfer = null;
  closeStep(lab, work.steps.transfer!, false);
  closeChangeIds(vm, job, work.opened, false);
  if (work.agent) completeAgent(work.agent, false, 'the backup application stopped during the transfer', null);
  const why = `The backup application stopped responding during the transfer of ${vm.name} (${formatBytes(rec.bytesRead)} of ${formatBytes(rec.bytesToRead)} read); nobody removed snapshot "${snap.name}", which stays and grows`;
  lab.log(vm, 'backup', 'backup.crashed', `${why}.`);
  endVm(lab, work, 'failed', `${why}.`, `The backup application stopped during ${vm.name}`);
}

// The proxy gives back the disks it read; a proxyLock fault keeps their files locked.
function releaseDisks(lab: LabContext, work: VmWork): void {
  const { runWork: { job }, vm } = work;
  const lock = vm.activeFaults('proxyLock')[0];
  if (lock) {
    vm.diskLock = { faultId: lock.id, holder: job.proxy.id };
    lab.log(vm, 'backup', 'backup.proxyLock', `${job.proxy.id} did not release ${vm.name}'s disks after the transfer${work.transport === 'hotadd' ? ' (they stay hot-added to the proxy)' : ''}: their files stay locked.`);
  } else if (work.transport === 'hotadd') {
    lab.log(vm, 'backup', 'backup.hotRemove', `${job.proxy.id} removed ${vm.name}'s hot-added disks.`);
  }
}

// 3. After a good read: application-aware, the agent ends its VSS session with BackupComplete
// (FULL truncates Exchange's logs); with VMware Tools quiescing the guest saw a COPY, so nothing is.
function truncate(lab: LabContext, work: VmWork): void {
  const { runWork: { job }, vm, rec } = work;
  const agent = work.agent;
  if (!agent || !agent.open) {
    if (job.def.truncateLogs && vm.guest.exchange) {
      rec.notes.push(`Exchange logs were not truncated: ${job.def.quiesce ? 'VMware Tools quiescing asks VSS for a COPY backup, which never truncates' : 'the snapshot was not quiesced'}; log truncation needs application-aware processing.`);
    }
    remove(lab, work);
    return;
  }
  work.steps.truncate = openStep(lab, rec, 'truncate', job.def.truncateLogs ? 'Truncate Exchange logs (BackupComplete, FULL)' : 'End the VSS session (BackupComplete, COPY)', null);
  const ex = vm.guest.exchange;
  completeAgent(agent, vm.power === 'poweredOn', `${vm.name} is not running`, { kind: TRUNCATE_DONE, args: [work, ex ? ex.truncations : 0] });
}

/** Job kind TRUNCATE_DONE: the agent's VSS session has ended (`said` tells how). */
export function truncateDone(lab: LabContext, work: VmWork, before: number, said: string): void {
  const { runWork: { job }, vm, rec } = work;
  if (work.ended) return;
  const ex = vm.guest.exchange;
  const truncated = ex !== null && ex.truncations > before;
  closeStep(lab, work.steps.truncate!, truncated || !job.def.truncateLogs);
  const note = `Application-aware processing: ${said}${ex ? (truncated ? '; Exchange truncated its logs' : '; Exchange kept its logs') : ''}.`;
  lab.log(vm, 'backup', 'backup.truncateLogs', `Backup job "${job.def.name ?? job.def.id}": ${note}`);
  rec.notes.push(note);
  remove(lab, work);
}

// 4. The snapshot goes: the ordinary Remove snapshot task, whose merge takes the delta back.
function remove(lab: LabContext, work: VmWork): void {
  const snap = work.snap!;
  const r = deleteCommand(lab, { type: 'snapshot.delete', vm: work.vm.id, snapshot: snap.id });
  const t = r.ok && r.task ? lab.taskById(r.task) : undefined;
  if (!t) { endVm(lab, work, 'warning', `Snapshot "${snap.name}" could not be removed: ${r.ok ? 'no task' : r.error.message}`); return; }
  work.steps.remove = openStep(lab, work.rec, 'remove', 'Remove snapshot', t.id);
  rampRun(lab, work, 0.9, 1, 30_000);
  afterTask(lab, t, REMOVE_DONE, work, t, snap);
}

/** Job kind REMOVE_DONE: the Remove snapshot task has ended. */
export function removeDone(lab: LabContext, work: VmWork, t: Task, snap: Snapshot): void {
  const { runWork: { job, run }, vm } = work;
  if (t.state === 'success') forgetLeftover(job, vm, snap.id);
  else {
    const inTree = vm.snapshots.some((s) => s.id === snap.id);
    recordLeftover(job, vm, snap, run, inTree ? 'snapshot' : 'consolidation', lab.now);
  }
  if (work.ended) return;
  closeStep(lab, work.steps.remove!, t.state === 'success');
  if (t.state === 'success') { endVm(lab, work, 'success', `Snapshot "${snap.name}" removed.`); return; }
  const inTree = vm.snapshots.some((s) => s.id === snap.id);
  const left = inTree ? `snapshot "${snap.name}" stays in the tree`
    : vm.host.atLeast('5.0') ? `${vm.name} runs on the delta: "Virtual machine disks consolidation is needed"`
      : `its deltas stay on the datastore as orphaned deltas no snapshot names (ESX ${vm.host.version} has no Consolidate)`;
  endVm(lab, work, 'warning', `Snapshot removal failed: ${t.error?.message ?? 'unknown error'} The backup itself is good, but ${left}.`);
}

/** The VM's processing is over: its result, its log line, and the run goes on (VM_ENDED). */
export function endVm(lab: LabContext, work: VmWork, state: VmRun['state'], note?: string, crashed: string | null = null): void {
  const { runWork: { job, run }, vm, rec } = work;
  if (note) rec.notes.push(note);
  // A leftover the hunt could not remove makes a good run a warning: the admin has something to clean.
  rec.state = state === 'success' && work.leftover ? 'warning' : state;
  const jobName = job.def.name ?? job.def.id;
  lab.log(vm, 'backup', `backup.vm${rec.state === 'success' ? 'Done' : rec.state === 'warning' ? 'Warning' : 'Failed'}`, `Backup job "${jobName}" run ${run.number}, ${vm.name}: ${rec.state}. ${rec.notes.join(' ')}`);
  work.ended = true;
  // The application died: the run's VMs still waiting never start, so they get no freed slot.
  if (crashed) dropWaiting(work);
  releaseSlots(lab, work);
  lab.scheduler.runCall({ kind: VM_ENDED, args: [work, crashed] });
}

/** The backup application died during another VM's transfer: this VM's processing stops where it is. */
export function abandonVm(lab: LabContext, work: VmWork, why: string): void {
  const { runWork: { job }, vm, rec } = work;
  if (work.timer) { work.timer.cancel(); work.timer = null; }
  if (rec.transfer) {
    rec.bytesRead = Math.round(rec.bytesToRead * doneShare(work, lab.now));
    stopReading(lab, work);
    rec.transfer = null;
    closeStep(lab, work.steps.transfer!, false);
    closeChangeIds(vm, job, work.opened, false);
  } else if (work.steps.snapshot && !work.snap) {
    closeChangeIds(vm, job, work.opened, false);
  }
  if (work.agent) completeAgent(work.agent, false, 'the backup application stopped', null);
  for (const s of [work.steps.snapshot, work.steps.truncate, work.steps.remove]) if (s && s.end === null) closeStep(lab, s, false);
  rec.notes.push(`${why}${work.snap && vm.snapshots.includes(work.snap) ? `; nobody removes snapshot "${work.snap.name}"` : ''}.`);
  rec.state = 'failed';
  work.ended = true;
  releaseSlots(lab, work);
}
