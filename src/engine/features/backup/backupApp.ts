// The backup application (docs/backup-jobs.md): jobs from the lab definition, started by their
// schedule as simulated time passes or at once by backup.run. A job runs one run at a time; a run
// backs up its VMs one after another (run.ts), each through a snapshot (vmRun.ts).
import type { LabContext } from '../context';
import type { CommandResult } from '../../core/view';
import type { BackupJobView, RepositoryView, RestorePointView } from '../../core/view';
import { refuse } from '../../core/result';
import { type BackupDefinition, type BackupShared, type Job, type ProxyDefinition, DEFAULT_MBPS } from './model';
import type { CommandOf } from '../../core/commands';
import { startRun } from './run';
import { admit } from './slots';
import { jobView } from './view';
import { clock } from './clock';
import { type Repository, newRepository, pointView, repositoryView } from './repository';
import { DEFAULT_REPOSITORY } from '../../core/backupSchema';

export class BackupApp {
  readonly jobs: Job[];
  readonly repositories: Repository[];
  /** The processing mode, the proxies' task slots and the transfers reading now, shared by the jobs. */
  readonly shared: BackupShared;
  private readonly proxies: ProxyDefinition[];

  constructor(private readonly lab: LabContext, def: BackupDefinition | undefined) {
    // Copies: backup.configureProxy changes them, never the lab definition itself.
    const proxies = (def?.proxies ?? []).map((p) => ({ ...p }));
    this.proxies = proxies;
    this.shared = {
      parallel: def?.parallelProcessing ?? true,
      proxies: new Map(proxies.map((p) => [p.id, { id: p.id, slots: p.slots, busy: 0, queue: [], short: [] }])),
      readers: [],
    };
    this.repositories = (def?.repositories ?? [{ ...DEFAULT_REPOSITORY }]).map(newRepository);
    this.jobs = (def?.jobs ?? []).map((j) => {
      const p = proxies.find((x) => x.id === j.proxy) ?? proxies[0];
      const repository = this.repositories.find((r) => r.def.id === j.repository) ?? this.repositories[0];
      return {
        def: { ...j, vms: [...j.vms] }, proxy: withSpeed(p), repository,
        runs: [], running: null, runCount: 0, nextRunAt: null, timer: null,
        changeIds: new Map(), leftovers: new Map(), shared: this.shared,
      };
    });
    for (const job of this.jobs) if (job.def.schedule) this.schedule(job, job.def.schedule.firstAtMs);
  }

  job(id: string): Job | undefined { return this.jobs.find((j) => j.def.id === id); }

  /** backup.run: start the job now; answers the run's task. */
  runNow(jobId: string): CommandResult {
    const job = this.job(jobId);
    if (!job) {
      return refuse('JOB_NOT_FOUND', `There is no backup job "${jobId}". Jobs: ${this.jobs.map((j) => j.def.id).join(', ') || 'none (the lab defines no "backup" jobs)'}.`);
    }
    if (job.running) {
      return refuse('JOB_RUNNING', `Backup job "${job.def.name ?? job.def.id}" is already running (since ${clock(job.running.start)}); wait for that run to end.`);
    }
    const run = startRun(this.lab, job, 'manual');
    return { ok: true, task: run.task };
  }

  /** backup.configureJob (extension): change a job between runs; a refusal changes nothing. */
  configure(cmd: CommandOf<'backup.configureJob'>): CommandResult {
    const job = this.job(cmd.job);
    if (!job) return this.runNow(cmd.job);
    const name = job.def.name ?? job.def.id;
    if (job.running) return refuse('JOB_RUNNING', `Backup job "${name}" is running (since ${clock(job.running.start)}); change it when the run has ended.`);
    const proxy = cmd.proxy === undefined ? job.proxy : this.proxies.find((p) => p.id === cmd.proxy);
    if (!proxy) return refuse('PROXY_NOT_FOUND', `There is no backup proxy "${cmd.proxy}". Proxies: ${this.proxies.map((p) => p.id).join(', ') || 'none'}.`);
    const repository = cmd.repository === undefined ? job.repository : this.repositories.find((r) => r.def.id === cmd.repository);
    if (!repository) return refuse('REPOSITORY_NOT_FOUND', `There is no backup repository "${cmd.repository}". Repositories: ${this.repositories.map((r) => r.def.id).join(', ') || 'none'}.`);
    if (cmd.vms) {
      const unknown = cmd.vms.find((v) => !this.lab.vm(v));
      if (unknown !== undefined) return refuse('VM_NOT_FOUND', `There is no virtual machine "${unknown}" in this lab. VMs: ${this.lab.vms.map((v) => v.id).join(', ') || 'none'}.`);
      const twice = cmd.vms.find((v, i) => cmd.vms!.indexOf(v) !== i);
      if (twice !== undefined) return refuse('INVALID_COMMAND', `backup.configureJob: field "vms" names "${twice}" twice; a job backs up each VM once per run.`);
    }
    const changes: string[] = [];
    if (cmd.name !== undefined) { job.def.name = cmd.name; changes.push(`name "${cmd.name}"`); }
    if (cmd.proxy !== undefined) { job.proxy = withSpeed(proxy); changes.push(`proxy ${proxy.id} (${proxy.transport})`); }
    if (cmd.vms) { job.def.vms = [...cmd.vms]; changes.push(`VMs ${cmd.vms.join(', ')}`); }
    if (cmd.repository !== undefined) { job.repository = repository; job.def.repository = repository.def.id; changes.push(`repository ${repository.def.id}`); }
    if (cmd.retainPoints !== undefined) { job.def.retainPoints = cmd.retainPoints; changes.push(`keeps ${cmd.retainPoints} restore points`); }
    for (const k of ['quiesce', 'truncateLogs', 'cbt', 'applicationAware'] as const) {
      const v = cmd[k];
      if (v !== undefined) { job.def[k] = v; changes.push(`${k} ${v}`); }
    }
    if (cmd.schedule !== undefined) {
      job.timer?.cancel();
      job.timer = null;
      job.nextRunAt = null;
      job.def.schedule = cmd.schedule ?? undefined;
      const at = cmd.schedule ? firstFuture(cmd.schedule, this.lab.now) : null;
      if (at !== null) this.schedule(job, at);
      changes.push(cmd.schedule ? `schedule from ${clock(cmd.schedule.firstAtMs)}${cmd.schedule.everyMs ? ` every ${cmd.schedule.everyMs / 60_000} min` : ''}` : 'no schedule');
    }
    this.lab.log(null, 'backup', 'backup.jobChanged', `Backup job "${job.def.name ?? job.def.id}" changed: ${changes.join('; ') || 'nothing'}.`);
    return { ok: true };
  }

  /**
   * backup.configureProxy (extension): the proxy's task slots, Veeam's "Max concurrent tasks". Veeam's
   * Backup Service checks the limit before each task starts, so tasks already running keep their
   * slots and those still waiting follow the new number: more slots start them at once (backup rule 24).
   */
  configureProxy(cmd: CommandOf<'backup.configureProxy'>): CommandResult {
    const def = this.proxies.find((p) => p.id === cmd.proxy);
    const slots = this.shared.proxies.get(cmd.proxy);
    if (!def || !slots) return refuse('PROXY_NOT_FOUND', `There is no backup proxy "${cmd.proxy}". Proxies: ${this.proxies.map((p) => p.id).join(', ') || 'none'}.`);
    const was = def.slots;
    def.slots = cmd.slots;
    slots.slots = cmd.slots;
    for (const job of this.jobs) if (job.proxy.id === def.id) job.proxy.slots = cmd.slots;
    const busy = slots.busy > cmd.slots ? ` ${slots.busy} are busy now: running tasks keep theirs, new ones wait until fewer than ${cmd.slots} are.` : '';
    this.lab.log(null, 'backup', 'backup.proxyChanged', `Backup proxy "${def.name ?? def.id}": max concurrent tasks ${was} -> ${cmd.slots}.${busy}`);
    admit(this.lab, slots);
    return { ok: true };
  }

  view(): BackupJobView[] {
    return this.jobs.map((j) => jobView(this.lab, j));
  }

  repositoryView(): RepositoryView[] { return this.repositories.map(repositoryView); }

  restorePointView(): RestorePointView[] { return this.repositories.flatMap((r) => r.points.map(pointView)); }

  /** The schedule: a run at firstAtMs and every everyMs after. The timer is data (a BoundJob), so a
   * lab waiting for its next run can still be copied for time-travel checkpoints. */
  private schedule(job: Job, at: number): void {
    job.nextRunAt = at;
    job.timer = this.lab.scheduler.at(at, { target: new ScheduledRun(this, job), method: 'fire' });
  }

  /** A scheduled time came: start a run unless one is still going (then this turn is skipped). */
  fire(job: Job): void {
    const at = job.nextRunAt ?? this.lab.now;
    const every = job.def.schedule?.everyMs;
    if (job.running) {
      this.lab.log(null, 'backup', 'backup.skipped', `Backup job "${job.def.name ?? job.def.id}" did not start at ${clock(at)}: its previous run (started ${clock(job.running.start)}) is still running.`);
    } else {
      startRun(this.lab, job, 'schedule');
    }
    if (every) this.schedule(job, at + every); else { job.nextRunAt = null; job.timer = null; }
  }
}

/** What the scheduler calls at a job's time (as data: target and method, no closure). */
class ScheduledRun {
  constructor(private readonly app: BackupApp, private readonly job: Job) {}
  fire(): void { this.app.fire(this.job); }
}

function withSpeed(p: ProxyDefinition): Job['proxy'] {
  return { ...p, MBps: p.MBps ?? DEFAULT_MBPS[p.transport] };
}

/** The first run time at or after `now` of a schedule, or null when a one-off is already past. */
function firstFuture(s: { firstAtMs: number; everyMs?: number }, now: number): number | null {
  if (s.firstAtMs >= now) return s.firstAtMs;
  if (!s.everyMs) return null;
  return s.firstAtMs + Math.ceil((now - s.firstAtMs) / s.everyMs) * s.everyMs;
}
