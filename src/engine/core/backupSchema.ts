// The lab definition's "backup" section (docs/lab-definition.md and docs/backup-jobs.md): a backup
// application's proxies, repositories and jobs. Every field beyond the ids has a default; ids a job
// names must exist in the lab.
import { z } from 'zod';

const id = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$/, 'expected an id: letters, digits, "_", "-" or "." (at most 64)');
const DAY = 86_400_000;

export const TRANSPORTS = ['hotadd', 'nbd', 'san'] as const;

/** A proxy's task slots, Veeam's "Max concurrent tasks": a whole number from 1 to 64 (backup rule 24). */
export const slotsSchema = z.number({ error: 'expected a whole number of task slots' }).int('expected a whole number of task slots').min(1, 'expected at least 1 task slot').max(64, 'expected at most 64 task slots');

const proxy = z.object({
  id,
  name: z.string().max(80).optional(),
  transport: z.enum(TRANSPORTS).default('hotadd'),
  // Without MBps, the lab's default for the transport (features/backup/model.ts DEFAULT_MBPS).
  MBps: z.number().positive().max(100000).optional(),
  // Task slots: how many VM disks the proxy reads at once (Veeam 7+ parallel processing; backup rule 24).
  slots: slotsSchema.default(4),
}).strict();

const GiB = 1024 ** 3;

/** A backup repository: where restore points go. Give capacityGB or capacityBytes (default 2000 GB). */
const repository = z.object({
  id,
  name: z.string().max(80).optional(),
  capacityGB: z.number().positive().max(1_000_000).optional(),
  capacityBytes: z.number().int().positive().max(1_000_000 * GiB).optional(),
  MBps: z.number().positive().max(100000).default(300),
}).strict();

/** Restore points a job keeps per VM (Veeam's "Restore points to keep on disk", default 7). */
export const retainPointsSchema = z.number().int('expected a whole number of restore points').min(1, 'expected at least 1 restore point').max(999, 'expected at most 999 restore points');

/** A job's schedule: the first run's lab time and the interval after it (a one-off without everyMs). */
export const scheduleSchema = z.object({
  firstAtMs: z.number().int().min(0).max(3660 * DAY),
  everyMs: z.number().int().min(60_000, 'expected at least 60000 (one run a minute)').max(366 * DAY).optional(),
}).strict();

const job = z.object({
  id,
  name: z.string().min(1).max(80).optional(),
  proxy: id.optional(),
  vms: z.array(id).min(1, 'expected at least one VM id').max(200),
  schedule: scheduleSchema.optional(),
  quiesce: z.boolean().default(true),
  truncateLogs: z.boolean().default(false),
  cbt: z.boolean().default(true),
  // The vendor's in-guest VSS processing (backup type FULL) instead of VMware Tools quiescing (backup rule 13).
  applicationAware: z.boolean().default(false),
  // Without it, the first of "backup.repositories".
  repository: id.optional(),
  retainPoints: retainPointsSchema.default(7),
}).strict();

export const DEFAULT_REPOSITORY = { id: 'repo01', capacityGB: 2000, MBps: 300 };

export const backupSchema = z.object({
  // Veeam's "Enable parallel processing" (v7+, on by default): false processes one VM after another,
  // as backup products did before (backup rules 2 and 24).
  parallelProcessing: z.boolean().default(true),
  proxies: z.array(proxy).max(20).default([{ id: 'proxy01', transport: 'hotadd', slots: 4 }]),
  repositories: z.array(repository).max(20).default([DEFAULT_REPOSITORY]),
  jobs: z.array(job).max(50).default([]),
}).strict();

export type BackupDefinition = z.output<typeof backupSchema>;
export type ProxyDefinition = BackupDefinition['proxies'][number];
export type JobDefinition = BackupDefinition['jobs'][number];
export type RepositoryDefinition = BackupDefinition['repositories'][number];

/** A repository's size in bytes (capacityGB or capacityBytes; 2000 GB when neither is given). */
export function repositoryBytes(r: RepositoryDefinition): number {
  return r.capacityBytes ?? Math.round((r.capacityGB ?? 2000) * GiB);
}

interface Ctx { addIssue(issue: { code: 'custom'; path: (string | number)[]; message: string }): void }

/** Cross-references: unique ids, a proxy, a repository and VMs that exist, no VM twice in a job. */
export function checkBackup(b: BackupDefinition, vmIds: Set<string>, ctx: Ctx): void {
  const seen = (items: { id: string }[], path: string) => {
    const ids = new Set<string>();
    items.forEach((it, i) => {
      if (ids.has(it.id)) ctx.addIssue({ code: 'custom', path: ['backup', path, i, 'id'], message: `duplicate id "${it.id}"` });
      ids.add(it.id);
    });
  };
  seen(b.proxies, 'proxies');
  seen(b.jobs, 'jobs');
  seen(b.repositories, 'repositories');
  b.repositories.forEach((r, i) => {
    if (r.capacityGB !== undefined && r.capacityBytes !== undefined)
      ctx.addIssue({ code: 'custom', path: ['backup', 'repositories', i], message: 'give capacityGB or capacityBytes, not both' });
  });
  const repos = new Set(b.repositories.map((r) => r.id));
  const proxies = new Set(b.proxies.map((p) => p.id));
  b.jobs.forEach((j, i) => {
    if (j.proxy !== undefined && !proxies.has(j.proxy))
      ctx.addIssue({ code: 'custom', path: ['backup', 'jobs', i, 'proxy'], message: `expected the id of a proxy in "backup.proxies" (${[...proxies].join(', ') || 'none'}), got "${j.proxy}"` });
    if (j.proxy === undefined && !proxies.size)
      ctx.addIssue({ code: 'custom', path: ['backup', 'jobs', i, 'proxy'], message: 'expected a proxy: "backup.proxies" is empty' });
    if (j.repository !== undefined && !repos.has(j.repository))
      ctx.addIssue({ code: 'custom', path: ['backup', 'jobs', i, 'repository'], message: `expected the id of a repository in "backup.repositories" (${[...repos].join(', ') || 'none'}), got "${j.repository}"` });
    if (j.repository === undefined && !repos.size)
      ctx.addIssue({ code: 'custom', path: ['backup', 'jobs', i, 'repository'], message: 'expected a repository: "backup.repositories" is empty' });
    const mine = new Set<string>();
    j.vms.forEach((v, k) => {
      if (!vmIds.has(v)) ctx.addIssue({ code: 'custom', path: ['backup', 'jobs', i, 'vms', k], message: `expected the id of a VM in "vms" (${[...vmIds].join(', ') || 'none'}), got "${v}"` });
      if (mine.has(v)) ctx.addIssue({ code: 'custom', path: ['backup', 'jobs', i, 'vms', k], message: `"${v}" is listed twice` });
      mine.add(v);
    });
  });
}
