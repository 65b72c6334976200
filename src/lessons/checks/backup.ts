// Checks on backup jobs (docs/api.md, "The state view"'s backupJobs): a run of a job that ended a given way, for
// one of its VMs or for the whole run.
import { z } from 'zod';
import { defineCheck, vmId } from './define';
import { clip, met, unmet, clock, size, plural } from './context';
import type { BackupRunView } from '../../engine/core/view';

const STATES = ['success', 'warning', 'failed'] as const;

export const backupRun = defineCheck('backupRun', {
  job: z.string().min(1).describe('a backup job id from the lesson lab'),
  vm: vmId.optional().describe('look at this VM\'s result in the run; without it, the run\'s own result'),
  state: z.enum(STATES).optional(),
  mode: z.enum(['full', 'incremental']).optional(),
  consistency: z.enum(['poweredOff', 'memory', 'application', 'filesystem', 'crash']).optional(),
  messageIncludes: z.string().min(1).optional(),
  minRuns: z.number().int().min(1).default(1).describe('how many ended runs must match'),
  latest: z.boolean().default(false).describe('only the job\'s most recent ended run counts'),
  label: z.string().min(1).max(120).optional(),
}, (state, p) => {
  const job = state.backupJobs.find((j) => j.id === p.job);
  if (!job) return unmet(`This lab has no backup job "${p.job}" (jobs: ${state.backupJobs.map((j) => j.id).join(', ') || 'none'}).`);
  const ended = job.runs.filter((r) => r.end !== null);
  const pool = p.latest ? ended.slice(-1) : ended;
  const what = p.label ?? `a run of "${job.name}"${p.vm ? ` with ${p.vm}` : ''}${p.state ? ` ending ${p.state}` : ''}${p.mode ? ` (${p.mode})` : ''}`;
  const matches = pool.filter((r) => matchRun(r, p));
  if (matches.length >= p.minRuns) return met;
  if (!ended.length) return unmet(`"${job.name}" has not finished a run yet${job.running ? ' (one is running now)' : job.nextRunAt !== null ? `; its next run starts at ${clock(job.nextRunAt)}` : ''}; the goal is ${what}.`);
  const last = ended[ended.length - 1];
  const v = p.vm ? last.vms.find((x) => x.vm === p.vm) : undefined;
  const shows = v
    ? `run ${last.number} of "${job.name}" (${clock(last.start)}) ended ${v.state} for ${v.vm}: ${v.mode}, ${size(v.bytesRead)} read${v.consistency ? `, ${v.consistency}-consistent` : ''}${v.message ? ` ("${clip(v.message, 160)}")` : ''}`
    : `run ${last.number} of "${job.name}" (${clock(last.start)}) ended ${last.state}`;
  const counted = p.minRuns > 1 ? ` ${plural(matches.length, 'run')} match so far of the ${p.minRuns} wanted;` : '';
  return unmet(`${shows[0].toUpperCase()}${shows.slice(1)};${counted} the goal is ${p.latest ? 'that the latest run is ' : ''}${what}.`);
});

function matchRun(r: BackupRunView, p: { vm?: string; state?: string; mode?: string; consistency?: string; messageIncludes?: string }): boolean {
  if (!p.vm) return (p.state === undefined || r.state === p.state)
    && (p.messageIncludes === undefined || r.vms.some((v) => v.message.includes(p.messageIncludes!)));
  const v = r.vms.find((x) => x.vm === p.vm);
  if (!v) return false;
  return (p.state === undefined || v.state === p.state) && (p.mode === undefined || v.mode === p.mode)
    && (p.consistency === undefined || v.consistency === p.consistency)
    && (p.messageIncludes === undefined || v.message.includes(p.messageIncludes));
}
