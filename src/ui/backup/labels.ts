// Words the Backup jobs region uses for what the state view says.
import type { BackupJobView } from '../../engine/core/view';
import { formatDuration, formatSimTime } from '../../app/format';

export const STATE_LABEL: Record<string, string> = { running: 'Running', success: 'Success', warning: 'Warning', failed: 'Failed' };

export function describeSchedule(job: BackupJobView): string {
  const s = job.schedule;
  if (!s) return 'no schedule (Run now only)';
  if (s.everyMs === null) return `once at ${formatSimTime(s.firstAtMs, false)}`;
  if (s.everyMs === 86_400_000) return `daily at ${formatSimTime(s.firstAtMs % 86_400_000, false).slice(0, 5)}`;
  return `every ${formatDuration(s.everyMs)} from ${formatSimTime(s.firstAtMs, false)}`;
}

/** The proxy's task slots and the processing mode, as the job's line says them. */
export function describeSlots(job: BackupJobView): string {
  const n = job.proxy.slots;
  return job.parallelProcessing ? `${n} task slot${n === 1 ? '' : 's'}, VMs in parallel` : 'VMs one after another';
}
