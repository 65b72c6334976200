// A week of the workshop lab with its nightly backup job (docs/backup-jobs.md): the five running VMs
// backed up every night at 22:00 with CBT (full, then incrementals), their workloads writing all week.
// Reports the CPU seconds of the simulated week (goal: under 2 s). Run: npm run bench, or alone
// (for a CPU profile): node --import tsx --cpu-prof src/bench/backup.bench.ts
import { createLab, builtInLabs, type Lab } from '../engine';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/** The workshop lab as built in, with a nightly CBT job of its five running VMs. */
export function workshopWithNightlyJob(): Lab {
  return createLab({
    ...builtInLabs.workshop,
    backup: { jobs: [{ id: 'nightly', name: 'Nightly backup', vms: ['exch01', 'sql01', 'dc01', 'fs01', 'web01'], schedule: { firstAtMs: 22 * HOUR, everyMs: DAY }, cbt: true }] },
  });
}

export interface BackupWeek { seconds: number; runs: number; states: string[]; modes: string[] }

/** A simulated week in hour steps (as a learner's clock moves it), timed in CPU seconds. */
export function backupWeek(stepMs = HOUR): BackupWeek {
  const lab = workshopWithNightlyJob();
  const t0 = process.cpuUsage();
  for (let t = 0; t < 7 * DAY; t += stepMs) lab.advance(Math.min(stepMs, 7 * DAY - t));
  const d = process.cpuUsage(t0);
  const job = lab.state().backupJobs[0];
  return {
    seconds: (d.user + d.system) / 1e6, runs: job.runs.length, states: job.runs.map((r) => r.state),
    modes: job.runs.map((r) => r.vms.map((v) => v.mode[0]).join('')),
  };
}

export function runBackupBenchmark(): void {
  backupWeek(DAY); // warm the JIT, as the other benchmarks' first rounds do
  const w = backupWeek();
  console.log(`(8) a week of the workshop lab with its nightly CBT job (5 VMs, ${w.runs} runs: ${w.states.join(' ')}; modes ${w.modes.join(' ')}): ${w.seconds.toFixed(2)} CPU s (goal < 2 s)`);
}

if (process.argv[1]?.endsWith('backup.bench.ts')) runBackupBenchmark();
