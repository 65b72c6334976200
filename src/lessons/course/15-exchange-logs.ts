// Lesson 15: Exchange's transaction logs under a VMware-snapshot backup: VMware Tools quiescing asks for
// COPY, which never truncates them, so they fill their disk night after night; application-aware
// processing makes the backup agent the VSS requestor with FULL, and Exchange truncates after a good run
// (docs/rules/backup-jobs.md, rule 13).
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
    'Ticking **Truncate Exchange logs** alone changes nothing while the job relies on VMware Tools: the guest still sees a COPY. Backup products truncate through **application-aware processing**: their own agent becomes the VSS requestor inside the guest and asks for **Full**; the VMware snapshot is then taken without VMware Tools quiescing, and the agent calls BackupComplete only after the job has read the snapshot. In the **Backup jobs** region open **Edit job…**, tick **Application-aware processing** and **Truncate Exchange logs**, press **OK**, and let the next night\'s run truncate the logs.',
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
        { kind: 'backupRun', job, vm, state: 'success', messageIncludes: 'Exchange truncated its logs', label: 'an application-aware run after which Exchange truncated its logs' },
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
    'Edit job… in the Backup jobs region: tick Application-aware processing and Truncate Exchange logs, then OK; the next run truncates after its transfer.',
    'Truncate Exchange logs without Application-aware processing truncates nothing: VMware Tools quiescing always asks VSS for COPY. Watch the VSS timeline: it names the requestor and the backup type.',
  ],
  solution: [
    { command: { type: 'clock.advance', ms: 23 * HOUR }, caption: 'The first night: COPY, logs kept' },
    { command: { type: 'backup.configureJob', job, applicationAware: true, truncateLogs: true }, caption: 'Edit job: application-aware processing, truncate Exchange logs' },
    { command: { type: 'clock.advance', ms: 24 * HOUR }, caption: 'The second night: the job truncates after a good run' },
  ],
  debrief: [
    'VMware\'s COPY left Exchange\'s logs alone, exactly as a VMware talk (VMware Partner Exchange 2010, session TECHBC0320) says it must, and so the logs grew by gigabytes a day: left alone, they fill their disk and Exchange dismounts its databases.',
    'Application-aware processing did what COPY will not: the backup agent was the VSS requestor in the guest and asked for Full, the VMware snapshot was taken unquiesced while the writers were frozen, and only after the proxy had read it did the agent call BackupComplete, at which Exchange deleted the logs the backup had captured. A failed run never gets there, so it never truncates. Logs written after the snapshot stay for the next night.',
  ].join('\n\n'),
};
