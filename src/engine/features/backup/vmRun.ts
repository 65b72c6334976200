// One VM in a run, as a VADP backup does it: clean up what the job's earlier runs left (backup rule
// 12), turn CBT on when the job uses it (rule 7), take the snapshot "Backup temporary snapshot"
// (quiesced through VMware Tools: VSS COPY; or, application-aware, unquiesced while the vendor's agent
// holds the guest's writers frozen: rule 13), read the disks as they were at the snapshot through the
// proxy while the guest writes into the new delta, let the agent end its VSS session (Exchange
// truncates after FULL), then remove the snapshot. Each step is the ordinary vSphere task (Create
// virtual machine snapshot, Remove snapshot); failures leave what vSphere leaves.
import type { LabContext } from '../context';
import type { Vm } from '../../model/vm';
import type { Task } from '../../core/tasks';
import type { Snapshot } from '../../model/snapshot';
import { formatBytes } from '../../core/format';
import { takeCommand } from '../snapshot/take';
import { deleteCommand } from '../snapshot/remove';
import { takeAppAware, type AgentSession } from './appAware';
import { huntLeftovers } from './hunter';
import { cbtAvailable } from './readPlan';
import type { Job, Run, Step, StepKind, VmRun } from './model';
import { openChangeIds, planReads, closeChangeIds, type DiskPlan } from './readPlan';
import { noticeLeftover, recordLeftover, forgetLeftover } from './leftovers';
import { transferPlan } from './transport';
import { addPoint, pointConsistency } from './repository';

export interface VmOutcome { crashed: string | null }
export interface Progress { task: Task; from: number; to: number }

/** The job snapshot's fixed name, as backup products use one (backup rule 18). */
export const JOB_SNAPSHOT_NAME = 'Backup temporary snapshot';

export function backupVm(lab: LabContext, job: Job, run: Run, vm: Vm, progress: Progress, done: (o: VmOutcome) => void): void {
  const rec: VmRun = { vm: vm.id, state: 'running', mode: 'full', bytesToRead: 0, bytesRead: 0, fullBytes: 0, transfer: null, consistency: null, snapshot: null, notes: [], steps: [] };
  run.vms.push(rec);
  const leftover = noticeLeftover(lab, job, vm);
  if (leftover) rec.notes.push(leftover);
  // Snapshot hunting: the job consolidates what its own earlier runs left before its work.
  huntLeftovers(lab, job, vm, (said, stillThere) => {
    if (said) rec.notes.push(said);
    processVm(lab, job, run, vm, rec, progress, stillThere, done);
  });
}

function processVm(lab: LabContext, job: Job, run: Run, vm: Vm, rec: VmRun, progress: Progress, leftover: boolean, done: (o: VmOutcome) => void): void {
  const jobName = job.def.name ?? job.def.id;
  const end = (state: VmRun['state'], note?: string, crashed: string | null = null): void => {
    if (note) rec.notes.push(note);
    // A leftover the hunt could not remove makes a good run a warning: the admin has something to clean.
    rec.state = state === 'success' && leftover ? 'warning' : state;
    lab.log(vm, 'backup', `backup.vm${rec.state === 'success' ? 'Done' : rec.state === 'warning' ? 'Warning' : 'Failed'}`, `Backup job "${jobName}" run ${run.number}, ${vm.name}: ${rec.state}. ${rec.notes.join(' ')}`);
    done({ crashed });
  };

  const independent = vm.disks.filter((d) => !d.dependent);
  if (independent.length) rec.notes.push(`Skipped ${independent.map((d) => d.id).join(', ')}: independent disks are not in snapshots, so a VADP backup cannot read them.`);
  if (!vm.disks.some((d) => d.dependent)) { end('failed', `${vm.name} has no disk a snapshot covers.`); return; }

  // CBT: a job that uses it turns it on; it takes effect at the job's own snapshot (a stun/unstun).
  if (job.def.cbt && !vm.ctkEnabled) {
    if (cbtAvailable(vm)) {
      vm.ctkEnabled = true;
      lab.log(vm, 'backup', 'backup.cbtEnabled', `Backup job "${jobName}" enabled Changed Block Tracking on ${vm.name}; it takes effect at the job's snapshot, so this run reads full and the next one incremental.`);
      rec.notes.push(`CBT enabled on ${vm.name} by the job (effective from its snapshot).`);
    }
  }

  // 1. The snapshot: the ordinary Create virtual machine snapshot task.
  const opened = openChangeIds(vm, job);
  const name = JOB_SNAPSHOT_NAME;
  const takenFrom = lab.now;
  const description = `Taken by backup job "${jobName}" for run ${run.number}; the job removes it when the transfer ends.`;
  const appAware = job.def.applicationAware;
  if (appAware && job.def.quiesce) rec.notes.push('Application-aware processing: the VMware snapshot is taken without VMware Tools quiescing (the backup agent is the VSS requestor).');
  const agent = appAware ? takeAppAware(lab, vm, { name: jobName, truncateLogs: job.def.truncateLogs }, name, description) : null;
  const take = agent ? { ok: true as const, task: agent.task.id } : takeCommand(lab, { type: 'snapshot.take', vm: vm.id, name, quiesce: job.def.quiesce, description });
  const takeTask = take.ok && take.task ? lab.taskById(take.task) : undefined;
  if (!takeTask) { closeChangeIds(vm, job, opened, false); end('failed', take.ok ? 'The snapshot task did not start.' : take.error.message); return; }
  const snapStep = step(lab, rec, 'snapshot', 'Create virtual machine snapshot', takeTask.id);
  progress.task.ramp(lab.now, progress.from, progress.from + (progress.to - progress.from) * 0.1, 20_000);
  takeTask.whenDone(() => {
    closeStep(lab, snapStep, takeTask.state === 'success');
    const snap = takeTask.state === 'success' ? (agent?.snapshot() ?? createdSnapshot(vm, name, takenFrom)) : undefined;
    if (!snap) {
      closeChangeIds(vm, job, opened, false);
      const q = vm.guest.lastQuiesce;
      const vss = !appAware && job.def.quiesce && q && q.snapshot === name && q.result === 'error' && q.startedAt >= takenFrom ? ` Quiesce: ${q.reason}.` : '';
      end('failed', `Snapshot creation failed: ${takeTask.error?.message ?? 'no snapshot was created'}${vss} No snapshot was left.`);
      return;
    }
    rec.snapshot = snap.id;
    rec.consistency = snap.consistency;
    adoptStartIds(vm, job, opened);
    recordLeftover(job, vm, snap, run, 'snapshot', lab.now);
    transfer(snap);
  });

  // 2. The transfer: the disks as they were at the snapshot, through the proxy.
  const transfer = (snap: Snapshot): void => {
    const plans = planReads(vm, job, snap, opened);
    rec.mode = plans.every((p) => p.incremental) ? 'incremental' : 'full';
    rec.bytesToRead = plans.reduce((a, p) => a + p.bytes, 0);
    rec.fullBytes = plans.reduce((a, p) => a + p.fullBytes, 0);
    const path = transferPlan(lab, job, vm);
    rec.notes.push(describeReads(plans, rec.mode), ...path.notes.filter((n) => n.fallback).map((n) => n.text));
    const ms = Math.max(1000, path.setupMs + rec.bytesToRead / path.bytesPerMs);
    rec.transfer = { start: lab.now, ms };
    const tStep = step(lab, rec, 'transfer', `${rec.mode === 'full' ? 'Full' : 'Incremental'} read, ${formatBytes(rec.bytesToRead)} via ${path.transport}`, null);
    const p0 = progress.from + (progress.to - progress.from) * 0.1;
    const p1 = progress.from + (progress.to - progress.from) * 0.9;
    progress.task.ramp(lab.now, p0, p1, ms);
    lab.log(vm, 'backup', 'backup.transferStart', `${job.proxy.id} reads ${vm.name} (${rec.mode}, ${formatBytes(rec.bytesToRead)}) from snapshot "${snap.name}" ${path.transport === 'hotadd' ? 'through hot-added disks' : path.transport === 'san' ? 'straight from the SAN LUN' : 'over the network (NBD)'} at ${path.MBps} MB/s. ${plans.map((p) => `${p.label}: ${p.why}${p.oldChangeId ? ` (change id ${p.oldChangeId})` : ''}`).join('; ')}. ${path.notes.map((n) => n.text).join(' ')}`.trim());
    const crash = vm.activeFaults('proxyCrash')[0];
    if (crash) {
      const at = ms * lab.rng.between(0.2, 0.8);
      lab.scheduler.after(at, () => {
        vm.consume(crash);
        rec.transfer = null;
        rec.bytesRead = Math.round(rec.bytesToRead * (at / ms));
        closeStep(lab, tStep, false);
        closeChangeIds(vm, job, opened, false);
        agent?.session()?.complete(false, 'the backup application stopped during the transfer', () => {});
        const why = `The backup application stopped responding during the transfer of ${vm.name} (${formatBytes(rec.bytesRead)} of ${formatBytes(rec.bytesToRead)} read); nobody removed snapshot "${snap.name}", which stays and grows`;
        lab.log(vm, 'backup', 'backup.crashed', `${why}.`);
        end('failed', `${why}.`, `The backup application stopped during ${vm.name}`);
      });
      return;
    }
    lab.scheduler.after(ms, () => {
      rec.transfer = null;
      rec.bytesRead = rec.bytesToRead;
      closeStep(lab, tStep, true);
      closeChangeIds(vm, job, opened, true);
      lab.log(vm, 'backup', 'backup.transferDone', `${job.proxy.id} read ${formatBytes(rec.bytesRead)} of ${vm.name}.`);
      rec.notes.push(addPoint(job.repository, job.def.retainPoints, {
        job: job.def.id, vm: vm.id, time: snap.createdAt, kind: rec.mode, bytes: rec.bytesRead,
        fullBytes: rec.fullBytes, consistency: pointConsistency(snap.consistency),
        applicationAware: job.def.applicationAware,
        disks: plans.map((p) => ({ id: p.disk, bytes: p.fullBytes, capacityBytes: vm.disk(p.disk)!.capacityBytes, thin: vm.disk(p.disk)!.thin, blocks: p.blocks })), appData: snap.appData,
      }));
      releaseDisks(path.transport);
      truncate(() => remove(snap));
    });
  };

  // The proxy gives back the disks it read; a proxyLock fault keeps their files locked.
  const releaseDisks = (transport: string): void => {
    const lock = vm.activeFaults('proxyLock')[0];
    if (lock) {
      vm.diskLock = { faultId: lock.id, holder: job.proxy.id };
      lab.log(vm, 'backup', 'backup.proxyLock', `${job.proxy.id} did not release ${vm.name}'s disks after the transfer${transport === 'hotadd' ? ' (they stay hot-added to the proxy)' : ''}: their files stay locked.`);
    } else if (transport === 'hotadd') {
      lab.log(vm, 'backup', 'backup.hotRemove', `${job.proxy.id} removed ${vm.name}'s hot-added disks.`);
    }
  };

  // 3. After a good read: application-aware, the agent ends its VSS session with BackupComplete
  // (FULL truncates Exchange's logs); with VMware Tools quiescing the guest saw a COPY, so nothing is.
  const truncate = (then: () => void): void => {
    const session: AgentSession | null = agent?.session() ?? null;
    if (!session) {
      if (job.def.truncateLogs && vm.guest.exchange) {
        rec.notes.push(`Exchange logs were not truncated: ${job.def.quiesce ? 'VMware Tools quiescing asks VSS for a COPY backup, which never truncates' : 'the snapshot was not quiesced'}; log truncation needs application-aware processing.`);
      }
      then();
      return;
    }
    const s = step(lab, rec, 'truncate', job.def.truncateLogs ? 'Truncate Exchange logs (BackupComplete, FULL)' : 'End the VSS session (BackupComplete, COPY)', null);
    const ex = vm.guest.exchange;
    const before = ex ? ex.truncations : 0;
    session.complete(vm.power === 'poweredOn', `${vm.name} is not running`, (said) => {
      const truncated = ex !== null && ex.truncations > before;
      closeStep(lab, s, truncated || !job.def.truncateLogs);
      const note = `Application-aware processing: ${said}${ex ? (truncated ? '; Exchange truncated its logs' : '; Exchange kept its logs') : ''}.`;
      lab.log(vm, 'backup', 'backup.truncateLogs', `Backup job "${jobName}": ${note}`);
      rec.notes.push(note);
      then();
    });
  };

  // 4. The snapshot goes: the ordinary Remove snapshot task, whose merge takes the delta back.
  const remove = (snap: Snapshot): void => {
    const r = deleteCommand(lab, { type: 'snapshot.delete', vm: vm.id, snapshot: snap.id });
    const t = r.ok && r.task ? lab.taskById(r.task) : undefined;
    if (!t) { end('warning', `Snapshot "${snap.name}" could not be removed: ${r.ok ? 'no task' : r.error.message}`); return; }
    const rStep = step(lab, rec, 'remove', 'Remove snapshot', t.id);
    const p = progress.from + (progress.to - progress.from) * 0.9;
    progress.task.ramp(lab.now, p, progress.to, 30_000);
    t.whenDone(() => {
      closeStep(lab, rStep, t.state === 'success');
      if (t.state === 'success') { forgetLeftover(job, vm, snap.id); end('success', `Snapshot "${snap.name}" removed.`); return; }
      const inTree = vm.snapshots.some((s) => s.id === snap.id);
      recordLeftover(job, vm, snap, run, inTree ? 'snapshot' : 'consolidation', lab.now);
      const left = inTree ? `snapshot "${snap.name}" stays in the tree`
        : vm.host.atLeast('5.0') ? `${vm.name} runs on the delta: "Virtual machine disks consolidation is needed"`
          : `its deltas stay on the datastore as orphaned deltas no snapshot names (ESX ${vm.host.version} has no Consolidate)`;
      end('warning', `Snapshot removal failed: ${t.error?.message ?? 'unknown error'} The backup itself is good, but ${left}.`);
    });
  };
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

function step(lab: LabContext, rec: VmRun, kind: StepKind, label: string, task: string | null): Step {
  const s: Step = { kind, label, start: lab.now, end: null, state: 'running', task };
  rec.steps.push(s);
  return s;
}

function closeStep(lab: LabContext, s: Step, ok: boolean): void {
  s.end = lab.now;
  s.state = ok ? 'success' : 'error';
}

/** The reads in one sentence: each disk's bytes, and why (once when every disk has the same reason). */
export function describeReads(plans: DiskPlan[], mode: 'full' | 'incremental'): string {
  const same = plans.every((p) => p.why === plans[0].why);
  const parts = plans.map((p) => `${p.label} ${formatBytes(p.bytes)}${same ? '' : ` (${p.why})`}`);
  return `${mode === 'full' ? 'Full' : 'Incremental'} read: ${parts.join(', ')}${same && plans.length ? ` (${plans[0].why})` : ''}.`;
}
