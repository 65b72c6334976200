// backupJobs[] in the state view (docs/api.md, "The state view"): each job with its schedule and runs; each
// run with its VMs (state, mode, bytes read, consistency, message) and, beyond docs/api.md, the
// steps of each VM's run for the run's timeline.
import type { LabContext } from '../context';
import type { BackupJobView, BackupVmRunView } from '../../core/view';
import type { Job, VmRun } from './model';

export function jobView(lab: LabContext, job: Job): BackupJobView {
  const d = job.def;
  return {
    id: d.id, name: d.name ?? d.id,
    proxy: { id: job.proxy.id, transport: job.proxy.transport, MBps: job.proxy.MBps, slots: job.proxy.slots },
    repository: job.repository.def.id, retainPoints: d.retainPoints,
    vms: [...d.vms],
    schedule: d.schedule ? { firstAtMs: d.schedule.firstAtMs, everyMs: d.schedule.everyMs ?? null } : null,
    nextRunAt: job.nextRunAt,
    quiesce: d.quiesce, truncateLogs: d.truncateLogs, cbt: d.cbt, applicationAware: d.applicationAware,
    running: job.running !== null,
    parallelProcessing: job.shared.parallel,
    runs: job.runs.map((r) => ({
      id: r.id, number: r.number, task: r.task, trigger: r.trigger, start: r.start, end: r.end, state: r.state,
      vms: r.vms.map((v) => vmRunView(lab, v)),
    })),
  };
}

function vmRunView(lab: LabContext, v: VmRun): BackupVmRunView {
  const t = v.transfer;
  const bytesRead = t ? Math.round(v.bytesToRead * (t.from + (1 - t.from) * Math.min(1, (lab.now - t.start) / t.ms))) : v.bytesRead;
  return {
    vm: v.vm, state: v.state, mode: v.mode, bytesRead, bytesToRead: v.bytesToRead, fullBytes: v.fullBytes, consistency: v.consistency,
    message: v.notes.join(' '), snapshot: v.snapshot,
    steps: v.steps.map((s) => ({ ...s })),
  };
}
