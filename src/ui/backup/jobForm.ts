// The "Edit backup job" form: its fields from the job's state, and the backup.configureJob changes.
import type { BackupJobView } from '../../engine/core/view';

const DAY = 86_400_000;

export interface JobFields {
  quiesce: boolean;
  truncateLogs: boolean;
  cbt: boolean;
  applicationAware: boolean;
  /** 'none': Run now only; 'daily': every day at `time`; 'asIs': a schedule the form cannot show, kept. */
  schedule: 'none' | 'daily' | 'asIs';
  /** hh:mm, for a daily schedule. */
  time: string;
  vms: string[];
  proxy: string;
  /** Restore points kept per VM, as text. */
  retainPoints: string;
}

const hhmm = (ms: number) => {
  const m = Math.floor((ms % DAY) / 60_000);
  return `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;
};

export function jobFieldsOf(job: BackupJobView): JobFields {
  const s = job.schedule;
  return {
    quiesce: job.quiesce, truncateLogs: job.truncateLogs, cbt: job.cbt, applicationAware: job.applicationAware,
    schedule: !s ? 'none' : s.everyMs === DAY ? 'daily' : 'asIs',
    time: s ? hhmm(s.firstAtMs) : '22:00',
    vms: [...job.vms], proxy: job.proxy.id, retainPoints: String(job.retainPoints),
  };
}

/** Minutes after midnight of an hh:mm text, or null when it is not a time of day. */
export function minutesOf(time: string): number | null {
  const m = /^(\d{1,2}):(\d{2})$/.exec(time.trim());
  if (!m || Number(m[1]) > 23 || Number(m[2]) > 59) return null;
  return Number(m[1]) * 60 + Number(m[2]);
}

/** What backup.configureJob must change: only the fields that differ from the job. */
export function jobChanges(job: BackupJobView, f: JobFields): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const k of ['quiesce', 'truncateLogs', 'cbt', 'applicationAware'] as const) if (f[k] !== job[k]) out[k] = f[k];
  if (Number(f.retainPoints) !== job.retainPoints) out.retainPoints = Number(f.retainPoints);
  if (f.proxy !== job.proxy.id) out.proxy = f.proxy;
  if (f.vms.length !== job.vms.length || f.vms.some((v, i) => v !== job.vms[i])) out.vms = f.vms;
  const was = jobFieldsOf(job);
  if (f.schedule === 'none' && job.schedule) out.schedule = null;
  if (f.schedule === 'daily' && (was.schedule !== 'daily' || was.time !== f.time)) {
    const minutes = minutesOf(f.time);
    // The first run at that time of day; the engine starts the schedule at its next occurrence.
    if (minutes !== null) out.schedule = { firstAtMs: minutes * 60_000, everyMs: DAY };
  }
  return out;
}

export function jobProblems(f: JobFields): string[] {
  const out: string[] = [];
  if (f.vms.length === 0) out.push('A job backs up at least one virtual machine.');
  if (f.schedule === 'daily' && minutesOf(f.time) === null) out.push('The start time is a time of day, hh:mm.');
  if (!/^\d+$/.test(f.retainPoints.trim()) || Number(f.retainPoints) < 1 || Number(f.retainPoints) > 999) out.push('Restore points to keep: a whole number from 1 to 999.');
  return out;
}
