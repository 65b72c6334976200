// The use case of VMware Partner Exchange 2010, session TECHBC0320, end to end: a backup job's nightly
// run through a quiesced snapshot (VSS COPY), what that snapshot does to the datastore during the
// transfer, CBT that the job turns on itself, and application-aware processing as the alternative to
// VMware Tools quiescing (docs/rules/backup-jobs.md, rules 7 and 13).
import type { LessonInput } from '../schema';

const vm = 'exch01';
const job = 'nightly';
const HOUR = 3_600_000;

export const nightlyBackup: LessonInput = {
  id: 'nightly-backup',
  title: 'A nightly backup',
  intro: [
    'This is what snapshots are most used for: a backup application of the VADP kind (vRanger, NetBackup, Veeam) asks vCenter for a **quiesced snapshot**, VMware Tools asks VSS for a **COPY** backup, the application reads the frozen disks through its **proxy**, then deletes the snapshot.',
    'EXCH01 is in the job **Nightly backup**, which runs every night at 22:00 through `proxy01` (hot-add). Watch a run in the **Backup jobs** region: the snapshot task, the transfer, the removal. While the proxy reads, Exchange keeps writing, into the snapshot\'s new delta: see it grow on the datastore, and the Remove snapshot task merge it back.',
    'CBT is off on EXCH01, but the job uses it (**Use changed block tracking**), so it turns CBT on itself, as backup products do; it takes effect at the job\'s own snapshot. The first run therefore reads every block in use, the **second** night\'s only what changed.',
    'Then compare the other way to quiesce: open **Edit job…**, tick **Application-aware processing** and press **OK**. The next run\'s VSS requestor is the backup agent inside the guest, not VMware Tools, and the VMware snapshot is taken without VMware Tools quiescing.',
  ].join('\n\n'),
  lab: {
    definition: {
      name: 'A nightly backup',
      seed: 113,
      hosts: [{ id: 'esx01', version: '4.0' }],
      datastores: [{ id: 'ds1', capacityGB: 150, fs: 'vmfs3', MBps: 120 }],
      vms: [{
        id: vm, name: 'EXCH01', guest: 'windows2003', memoryMB: 4096, apps: ['exchange'], ctkEnabled: false,
        disks: [{ id: 'disk1', capacityGB: 40 }, { id: 'logs', capacityGB: 10 }],
        workload: { profile: 'exchange', writeIOPS: 8 },
      }],
      backup: {
        proxies: [{ id: 'proxy01', transport: 'hotadd', MBps: 200 }],
        jobs: [{ id: job, name: 'Nightly backup', proxy: 'proxy01', vms: [vm], schedule: { firstAtMs: 22 * HOUR, everyMs: 24 * HOUR }, quiesce: true, truncateLogs: false, cbt: true }],
      },
    },
  },
  objectives: [
    {
      id: 'good-run', text: 'A run of the Nightly backup ends with an application-consistent backup of EXCH01',
      check: { kind: 'backupRun', job, vm, state: 'success', consistency: 'application', label: 'a successful, application-consistent run for EXCH01' },
    },
    {
      id: 'copy', text: 'Exchange keeps its transaction logs: VMware Tools asked VSS for COPY',
      check: { kind: 'all', checks: [
        { kind: 'backupRun', job, vm, state: 'success', label: 'a successful run for EXCH01' },
        { kind: 'event', event: 'vss.backupComplete', vm, messageIncludes: 'COPY backup does not truncate', label: 'Exchange keeping its logs after a COPY' },
        { kind: 'exchangeLogs', vm, maxTruncations: 0 },
      ] },
    },
    {
      id: 'delta-merged', text: 'The job\'s snapshot grew during the transfer and its delta was merged back: no snapshot is left',
      check: { kind: 'all', checks: [
        { kind: 'event', event: 'disk.merged', vm, label: 'the Remove snapshot task merging the job\'s delta' },
        { kind: 'snapshotCount', vm, max: 0 },
        { kind: 'chainDepth', vm, disk: 'disk1', max: 0 },
      ] },
    },
    {
      id: 'cbt', text: 'A later run is incremental: it reads only the blocks CBT reports changed',
      check: { kind: 'backupRun', job, vm, state: 'success', mode: 'incremental', label: 'an incremental run for EXCH01' },
    },
    {
      id: 'agent', text: 'A run with application-aware processing: the backup agent is the VSS requestor',
      check: { kind: 'backupRun', job, vm, state: 'success', consistency: 'application', messageIncludes: 'Application-aware processing', label: 'a successful application-aware run for EXCH01' },
    },
  ],
  hints: [
    'Let the clock run to 22:00 (or press Run now in the Backup jobs region) and follow the tasks in Recent Tasks.',
    'The run\'s timeline shows its steps; the datastore shows the delta EXCH01-000001-delta.vmdk while the proxy reads.',
    'The job enables CBT on EXCH01 at its first run: the -ctk.vmdk files appear on the datastore with its snapshot. That run still reads every block in use ("*"); the one after it is incremental.',
    'Edit job… in the Backup jobs region: tick Application-aware processing, then OK. The VSS timeline of the next run names the requestor.',
  ],
  solution: [
    { command: { type: 'clock.advance', ms: 23 * HOUR }, caption: 'The first night: the job turns CBT on, a full read through the hot-added disks' },
    { command: { type: 'clock.advance', ms: 24 * HOUR }, caption: 'The second night: CBT says what changed' },
    { command: { type: 'backup.configureJob', job, applicationAware: true }, caption: 'Edit job: application-aware processing' },
    { command: { type: 'clock.advance', ms: 24 * HOUR }, caption: 'The third night: the backup agent quiesces, VMware Tools does not' },
  ],
  debrief: [
    'The run you watched is the talk\'s flow with a backup product as the customer: the product asked for a quiesced snapshot, VMware Tools became the VSS requestor and asked for **COPY** ("to prevent interfering with backup applications that aren\'t aware that logs were truncated"), the proxy read the disks as they were at the snapshot, and the product deleted the snapshot.',
    'During the transfer the guest kept writing into the new delta, which grew on the datastore, and the Remove snapshot task had to merge all of it back: the longer the transfer, the bigger the merge. That is why backups want fast transports (hot-add, SAN) and why "Try not to keep VMware snapshots around for a long time" applies to backup snapshots too.',
    'The job turned CBT on by itself; the first run\'s snapshot activated it, so the second night read only the blocks written since that snapshot (the changed-block query, from the change id the first run kept), a small fraction of the full read.',
    'With application-aware processing the backup agent, not VMware Tools, was the VSS requestor, and the VMware snapshot was not quiesced by Tools. With Truncate Exchange logs it would ask for Full and let Exchange truncate after a good run (the lesson "Exchange logs and COPY").',
  ].join('\n\n'),
};
