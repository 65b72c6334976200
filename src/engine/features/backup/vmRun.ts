// One VM in a run, as a VADP backup does it: clean up what the job's earlier runs left (backup rule
// 12), turn CBT on when the job uses it (rule 7), take the snapshot "Backup temporary snapshot"
// (quiesced through VMware Tools: VSS COPY; or, application-aware, unquiesced while the vendor's agent
// holds the guest's writers frozen: rule 13), then read the disks as they were at the snapshot through
// the proxy while the guest writes into the new delta (vmEnd.ts goes on from there). Each step is the
// ordinary vSphere task (Create virtual machine snapshot, Remove snapshot); failures leave what vSphere
// leaves. Every wait is a job kind (kinds.ts) with this VM's VmWork, never a closure.
import type { LabContext } from '../context';
import type { Vm } from '../../model/vm';
import type { Snapshot } from '../../model/snapshot';
import { formatBytes } from '../../core/format';
import { takeCommand } from '../snapshot/take';
import { takeAppAware } from './appAware';
import { huntLeftovers } from './hunter';
import { cbtAvailable, openChangeIds, planReads, closeChangeIds, type DiskPlan } from './readPlan';
import type { Job, VmRun } from './model';
import { noticeLeftover, recordLeftover } from './leftovers';
import { transferPlan } from './transport';
import { afterTask, closeStep, openStep, rampRun, type RunWork, type VmWork } from './work';
import { HUNT_DONE, SNAPSHOT_DONE, TRANSFER_CRASH } from './kinds';
import { endVm } from './vmEnd';
import { startReading } from './share';

/** The job snapshot's fixed name, as backup products use one (backup rule 18). */
export const JOB_SNAPSHOT_NAME = 'Backup temporary snapshot';

/** A VM's work in a run, before it starts (it may wait for task slots first). */
export function newVmWork(runWork: RunWork, vm: Vm, share: VmWork['share']): VmWork {
  const rec: VmRun = { vm: vm.id, state: 'running', mode: 'full', bytesToRead: 0, bytesRead: 0, fullBytes: 0, transfer: null, consistency: null, snapshot: null, notes: [], steps: [] };
  return {
    runWork, vm, rec, share, slots: 0, queuedAt: 0, leftover: false, opened: new Map(), takenFrom: 0, agent: null, takeTask: null,
    snap: null, plans: [], transport: null, steps: { snapshot: null, transfer: null, truncate: null, remove: null },
    timer: null, soloMs: 0, pace: 1, dsMBps: 0, crash: null, ended: false,
  };
}

/** Job kind VM_START: the VM's processing begins (snapshot hunting first). */
export function backupVm(lab: LabContext, work: VmWork): void {
  const { runWork: { job, run }, vm, rec } = work;
  run.vms.push(rec);
  work.runWork.inFlight.push(work);
  const leftover = noticeLeftover(lab, job, vm);
  if (leftover) rec.notes.push(leftover);
  // Snapshot hunting: the job consolidates what its own earlier runs left before its work.
  huntLeftovers(lab, job, vm, { kind: HUNT_DONE, args: [work] });
}

/** Job kind HUNT_DONE: the hunt has ended; the VM's own work begins. */
export function huntDone(lab: LabContext, work: VmWork, said: string | null, stillThere: boolean): void {
  if (work.ended) return;
  if (said) work.rec.notes.push(said);
  work.leftover = stillThere;
  processVm(lab, work);
}

function processVm(lab: LabContext, work: VmWork): void {
  const { runWork: { job, run }, vm, rec } = work;
  const jobName = job.def.name ?? job.def.id;
  const independent = vm.disks.filter((d) => !d.dependent);
  if (independent.length) rec.notes.push(`Skipped ${independent.map((d) => d.id).join(', ')}: independent disks are not in snapshots, so a VADP backup cannot read them.`);
  if (!vm.disks.some((d) => d.dependent)) { endVm(lab, work, 'failed', `${vm.name} has no disk a snapshot covers.`); return; }

  // CBT: a job that uses it turns it on; it takes effect at the job's own snapshot (a stun/unstun).
  if (job.def.cbt && !vm.ctkEnabled && cbtAvailable(vm)) {
    vm.ctkEnabled = true;
    lab.log(vm, 'backup', 'backup.cbtEnabled', `Backup job "${jobName}" enabled Changed Block Tracking on ${vm.name}; it takes effect at the job's snapshot, so this run reads full and the next one incremental.`);
    rec.notes.push(`CBT enabled on ${vm.name} by the job (effective from its snapshot).`);
  }

  // 1. The snapshot: the ordinary Create virtual machine snapshot task.
  work.opened = openChangeIds(vm, job);
  const name = JOB_SNAPSHOT_NAME;
  work.takenFrom = lab.now;
  const description = `Taken by backup job "${jobName}" for run ${run.number}; the job removes it when the transfer ends.`;
  const appAware = job.def.applicationAware;
  if (appAware && job.def.quiesce) rec.notes.push('Application-aware processing: the VMware snapshot is taken without VMware Tools quiescing (the backup agent is the VSS requestor).');
  work.agent = appAware ? takeAppAware(lab, vm, { name: jobName, truncateLogs: job.def.truncateLogs }, name, description) : null;
  const take = work.agent ? { ok: true as const, task: work.agent.task.id } : takeCommand(lab, { type: 'snapshot.take', vm: vm.id, name, quiesce: job.def.quiesce, description });
  const takeTask = take.ok && take.task ? lab.taskById(take.task) : undefined;
  if (!takeTask) { closeChangeIds(vm, job, work.opened, false); endVm(lab, work, 'failed', take.ok ? 'The snapshot task did not start.' : take.error.message); return; }
  work.takeTask = takeTask;
  work.steps.snapshot = openStep(lab, rec, 'snapshot', 'Create virtual machine snapshot', takeTask.id);
  rampRun(lab, work, 0, 0.1, 20_000);
  afterTask(lab, takeTask, SNAPSHOT_DONE, work);
}

/** Job kind SNAPSHOT_DONE: the snapshot task has ended. */
export function snapshotDone(lab: LabContext, work: VmWork): void {
  const { runWork: { job, run }, vm, rec } = work;
  const takeTask = work.takeTask!;
  const ok = takeTask.state === 'success';
  const snap = ok ? (work.agent?.snap ?? createdSnapshot(vm, JOB_SNAPSHOT_NAME, work.takenFrom)) : undefined;
  if (work.ended) {
    // The application died while the snapshot was being taken: nobody will remove it.
    if (snap) recordLeftover(job, vm, snap, run, 'snapshot', lab.now);
    return;
  }
  closeStep(lab, work.steps.snapshot!, ok);
  if (!snap) {
    closeChangeIds(vm, job, work.opened, false);
    const q = vm.guest.lastQuiesce;
    const vss = !work.agent && job.def.quiesce && q && q.snapshot === JOB_SNAPSHOT_NAME && q.result === 'error' && q.startedAt >= work.takenFrom ? ` Quiesce: ${q.reason}.` : '';
    endVm(lab, work, 'failed', `Snapshot creation failed: ${takeTask.error?.message ?? 'no snapshot was created'}${vss} No snapshot was left.`);
    return;
  }
  rec.snapshot = snap.id;
  rec.consistency = snap.consistency;
  adoptStartIds(vm, job, work.opened);
  recordLeftover(job, vm, snap, run, 'snapshot', lab.now);
  work.snap = snap;
  transfer(lab, work, snap);
}

// 2. The transfer: the disks as they were at the snapshot, through the proxy.
function transfer(lab: LabContext, work: VmWork, snap: Snapshot): void {
  const { runWork: { job }, vm, rec } = work;
  const plans = planReads(vm, job, snap, work.opened);
  work.plans = plans;
  rec.mode = plans.every((p) => p.incremental) ? 'incremental' : 'full';
  rec.bytesToRead = plans.reduce((a, p) => a + p.bytes, 0);
  rec.fullBytes = plans.reduce((a, p) => a + p.fullBytes, 0);
  const path = transferPlan(lab, job, vm);
  work.transport = path.transport;
  rec.notes.push(describeReads(plans, rec.mode), ...path.notes.filter((n) => n.fallback).map((n) => n.text));
  const ms = Math.max(1000, path.setupMs + rec.bytesToRead / path.bytesPerMs);
  work.soloMs = ms;
  work.dsMBps = vm.datastore.slowMBps ?? vm.datastore.MBps;
  work.steps.transfer = openStep(lab, rec, 'transfer', `${rec.mode === 'full' ? 'Full' : 'Incremental'} read, ${formatBytes(rec.bytesToRead)} via ${path.transport}`, null);
  rampRun(lab, work, 0.1, 0.9, ms);
  lab.log(vm, 'backup', 'backup.transferStart', `${job.proxy.id} reads ${vm.name} (${rec.mode}, ${formatBytes(rec.bytesToRead)}) from snapshot "${snap.name}" ${path.transport === 'hotadd' ? 'through hot-added disks' : path.transport === 'san' ? 'straight from the SAN LUN' : 'over the network (NBD)'} at ${path.MBps} MB/s. ${plans.map((p) => `${p.label}: ${p.why}${p.oldChangeId ? ` (change id ${p.oldChangeId})` : ''}`).join('; ')}. ${path.notes.map((n) => n.text).join(' ')}`.trim());
  const crash = vm.activeFaults('proxyCrash')[0];
  if (crash) {
    work.crash = crash;
    const at = ms * lab.rng.between(0.2, 0.8);
    startReading(lab, work);
    work.timer = lab.scheduler.call(at, TRANSFER_CRASH, work);
    return;
  }
  startReading(lab, work);
}

/** CBT that began at this very snapshot (ctkEnabled set since the last one): its first change id is
 * the snapshot's own, so the next run can ask for the changes since it. */
function adoptStartIds(vm: Vm, job: Job, opened: Map<string, string>): void {
  if (!job.def.cbt) return;
  for (const d of vm.disks) {
    if (!d.dependent || !d.ctk || opened.has(d.id)) continue;
    const id = d.ctk.adoptStartId();
    if (id !== null) opened.set(d.id, id);
  }
}

function createdSnapshot(vm: Vm, name: string, since: number): Snapshot | undefined {
  let found: Snapshot | undefined;
  for (const s of vm.snapshots) if (s.name === name && s.createdAt >= since) found = s;
  return found;
}

/** The reads in one sentence: each disk's bytes, and why (once when every disk has the same reason). */
export function describeReads(plans: DiskPlan[], mode: 'full' | 'incremental'): string {
  const same = plans.every((p) => p.why === plans[0].why);
  const parts = plans.map((p) => `${p.label} ${formatBytes(p.bytes)}${same ? '' : ` (${p.why})`}`);
  return `${mode === 'full' ? 'Full' : 'Incremental'} read: ${parts.join(', ')}${same && plans.length ? ` (${plans[0].why})` : ''}.`;
}
