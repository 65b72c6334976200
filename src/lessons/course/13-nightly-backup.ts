// The use case of VMware Partner Exchange 2010, session TECHBC0320, end to end: a backup job's nightly run through a quiesced
// snapshot (VSS COPY), what that snapshot does to the datastore during the transfer, and CBT.
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
    'The first run reads the whole used disk. Make the **second** night\'s run read only what changed: the job uses Changed Block Tracking, but CBT is off on EXCH01. Turn it on: in **VM settings** tick **Changed Block Tracking** and press OK; on a running VM it takes effect at its next snapshot.',
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
  ],
  hints: [
    'Let the clock run to 22:00 (or press Run now in the Backup jobs region) and follow the tasks in Recent Tasks.',
    'The run\'s timeline shows its steps; the datastore shows the delta EXCH01-000001-delta.vmdk while the proxy reads.',
    'In **VM settings** tick **Changed Block Tracking** and press OK; the -ctk.vmdk files appear on the datastore at the next snapshot. The first run with CBT still reads everything ("*"); the one after it is incremental.',
  ],
  solution: [
    { command: { type: 'vm.configure', vm, ctkEnabled: true }, caption: 'Turn on Changed Block Tracking (effective at the next snapshot)' },
    { command: { type: 'clock.advance', ms: 23 * HOUR }, caption: 'The first night: a full read through the hot-added disks' },
    { command: { type: 'clock.advance', ms: 24 * HOUR }, caption: 'The second night: CBT says what changed' },
  ],
  debrief: [
    'The run you watched is the talk\'s flow with a backup product as the customer: the product asked for a quiesced snapshot, VMware Tools became the VSS requestor and asked for **COPY** ("to prevent interfering with backup applications that aren\'t aware that logs were truncated"), the proxy read the disks as they were at the snapshot, and the product deleted the snapshot.',
    'During the transfer the guest kept writing into the new delta, which grew on the datastore, and the Remove snapshot task had to merge all of it back: the longer the transfer, the bigger the merge. That is why backups want fast transports (hot-add, SAN) and why "Try not to keep VMware snapshots around for a long time" applies to backup snapshots too.',
    'With CBT the second night read only the blocks written since the first night\'s snapshot (QueryChangedDiskAreas with the change id the first run kept), a small fraction of the full read.',
  ].join('\n\n'),
};
