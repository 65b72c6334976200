// Lesson 15: Exchange's transaction logs under a VMware-snapshot backup: COPY never truncates them, so
// they fill their disk night after night until the job's application-aware step truncates them.
import type { LessonInput } from '../schema';

const vm = 'exch01';
const job = 'nightly';
const HOUR = 3_600_000;

export const exchangeLogs: LessonInput = {
  id: 'exchange-logs',
  title: 'Exchange logs and COPY',
  intro: [
    'Exchange deletes (truncates) its transaction logs only when a backup tells it, at BackupComplete, that a **Full** or **Incremental** backup succeeded. VMware Tools always asks for **COPY**, which the talk explains: so that a backup product\'s own log chain is never disturbed.',
    'The flip side: when the VMware-snapshot backup is the **only** backup, nothing ever truncates the logs. EXCH01 writes a lot of mail; its logs live on the 8 GB `logs` disk. Let the Nightly backup run once and look at Exchange\'s logs (the VM summary, or `eventvwr application` in the guest console): not one deleted.',
    'Backup products solve this with an **application-aware** step: after a good, application-consistent backup they truncate the logs themselves. Turn it on for the job (**Edit job…** in the Backup jobs region, then **Truncate Exchange logs**) and let the next night\'s run truncate them.',
  ].join('\n\n'),
  lab: {
    definition: {
      name: 'Exchange logs and COPY',
      seed: 115,
      hosts: [{ id: 'esx01', version: '4.0' }],
      datastores: [{ id: 'ds1', capacityGB: 120, fs: 'vmfs3', MBps: 150 }],
      vms: [{
        id: vm, name: 'EXCH01', guest: 'windows2003', memoryMB: 4096, apps: ['exchange'], ctkEnabled: true,
        disks: [{ id: 'disk1', capacityGB: 30 }, { id: 'logs', capacityGB: 8 }],
        workload: { profile: 'exchange', writeIOPS: 30 },
      }],
      backup: {
        proxies: [{ id: 'proxy01', transport: 'hotadd', MBps: 200 }],
        jobs: [{ id: job, name: 'Nightly backup', proxy: 'proxy01', vms: [vm], schedule: { firstAtMs: 22 * HOUR, everyMs: 24 * HOUR }, quiesce: true, truncateLogs: false, cbt: true }],
      },
    },
  },
  objectives: [
    {
      id: 'copy-keeps', text: 'A good nightly run leaves every Exchange log in place (VSS COPY)',
      check: { kind: 'all', checks: [
        { kind: 'backupRun', job, vm, state: 'success', consistency: 'application', label: 'a successful, application-consistent run' },
        { kind: 'event', event: 'vss.backupComplete', vm, messageIncludes: 'COPY backup does not truncate', label: 'Exchange keeping its logs after the job\'s COPY' },
      ] },
    },
    {
      id: 'job-truncates', text: 'The job truncates Exchange\'s logs after a good run',
      check: { kind: 'all', checks: [
        { kind: 'backupRun', job, vm, state: 'success', messageIncludes: 'Exchange truncated', label: 'a run whose application-aware step truncated the logs' },
        { kind: 'exchangeLogs', vm, minTruncations: 1 },
      ] },
    },
    {
      id: 'logs-small', text: 'Afterwards Exchange holds less than 1 GB of logs',
      check: { kind: 'all', checks: [
        { kind: 'exchangeLogs', vm, minTruncations: 1 },
        { kind: 'exchangeLogs', vm, maxLogMB: 1024 },
      ] },
    },
  ],
  hints: [
    'Let the clock run past 22:00 and read the run\'s message and Exchange\'s line in the events.',
    '**Edit job…** on the Nightly backup: tick **Truncate Exchange logs** and press OK; the next run truncates after its transfer.',
    'Truncation needs an application-consistent snapshot: the job cannot vouch for databases it copied crash-consistent.',
  ],
  solution: [
    { command: { type: 'clock.advance', ms: 23 * HOUR }, caption: 'The first night: COPY, logs kept' },
    { command: { type: 'backup.configureJob', job, truncateLogs: true }, caption: 'Turn on the job\'s log truncation' },
    { command: { type: 'clock.advance', ms: 24 * HOUR }, caption: 'The second night: the job truncates after a good run' },
  ],
  debrief: [
    'VMware\'s COPY left Exchange\'s logs alone, exactly as a VMware talk (VMware Partner Exchange 2010, session TECHBC0320) says it must, and so the logs grew by gigabytes a day: left alone, they fill their disk and Exchange dismounts its databases.',
    'The backup product\'s application-aware step did what COPY will not: after a good, application-consistent backup it told Exchange the backup was complete (Full), and Exchange deleted the logs the backup had captured. Logs written after the snapshot stay for the next night.',
  ].join('\n\n'),
};
