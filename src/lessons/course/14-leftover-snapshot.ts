// Lesson 14: the two ways a backup leaves a snapshot behind (a crashed backup application, a proxy
// that keeps its hot-added disks), how to find them, and consolidation.
import type { LessonInput } from '../schema';

const exch = 'exch01';
const fs = 'fs01';
const job = 'nightly';

export const leftoverSnapshot: LessonInput = {
  id: 'leftover-snapshot',
  title: 'The snapshot the backup left behind',
  intro: [
    'Backups are the most common source of forgotten snapshots. Two classic ways, both on ESXi 5.0:',
    '- the backup application **dies during the transfer** and never deletes its snapshot, which then grows night after night. The job backs up its VMs side by side (parallel processing), so when it dies during EXCH01, FS01\'s transfer stops with it and FS01 keeps its snapshot too;\n- the backup **proxy keeps the hot-added disks** after the transfer, so the Remove snapshot task cannot merge them: the snapshot leaves Snapshot Manager but the VM keeps running on the delta, and vSphere shows **"Virtual machine disks consolidation is needed"**.',
    'Reproduce both with the Break something panel: a "Proxy crash" on EXCH01 and a "Proxy lock" on FS01, then **Run now** the Nightly backup. Then clean up as an admin would: find EXCH01\'s leftover snapshot and delete it, free the lock (clear the fault: in real life, detach the disks from the proxy or restart it) and **Consolidate** FS01. The next run must come back clean.',
  ].join('\n\n'),
  lab: {
    definition: {
      name: 'The snapshot the backup left behind',
      seed: 114,
      hosts: [{ id: 'esx01', version: '5.0' }],
      datastores: [{ id: 'ds1', capacityGB: 200, fs: 'vmfs5', MBps: 150 }],
      vms: [
        {
          id: exch, name: 'EXCH01', guest: 'windows2003', memoryMB: 4096, apps: ['exchange'], ctkEnabled: true,
          disks: [{ id: 'disk1', capacityGB: 30 }, { id: 'logs', capacityGB: 10 }],
          workload: { profile: 'exchange', writeIOPS: 20 },
        },
        {
          id: fs, name: 'FS01', guest: 'windows2003', memoryMB: 2048, ctkEnabled: true,
          disks: [{ id: 'disk1', capacityGB: 20 }, { id: 'data', capacityGB: 30 }],
          workload: { profile: 'fileserver', writeIOPS: 10 },
        },
      ],
      backup: {
        proxies: [{ id: 'proxy01', transport: 'hotadd', MBps: 200 }],
        jobs: [{ id: job, name: 'Nightly backup', proxy: 'proxy01', vms: [exch, fs], quiesce: true, cbt: true }],
      },
      settings: { snapshotAlarmSizeGB: 1 },
    },
  },
  objectives: [
    {
      id: 'crash', text: 'A run fails when the backup application dies during EXCH01\'s transfer',
      check: { kind: 'backupRun', job, vm: exch, state: 'failed', messageIncludes: 'stopped responding', label: 'a run that failed because the backup application died during EXCH01' },
    },
    {
      id: 'lock', text: 'A run ends with a warning because FS01\'s snapshot could not be removed (consolidation needed)',
      check: { kind: 'backupRun', job, vm: fs, state: 'warning', messageIncludes: 'consolidation is needed', label: 'a run whose FS01 snapshot removal failed' },
    },
    {
      id: 'snapshot-gone', text: 'The snapshot the crashed run left on EXCH01 is deleted',
      check: { kind: 'all', checks: [
        { kind: 'backupRun', job, vm: exch, state: 'failed', label: 'the crashed run' },
        { kind: 'snapshotCount', vm: exch, max: 0 },
        { kind: 'chainDepth', vm: exch, disk: 'disk1', max: 0 },
      ] },
    },
    {
      id: 'consolidated', text: 'FS01 is consolidated: it runs on its base disks again',
      check: { kind: 'all', checks: [
        { kind: 'backupRun', job, vm: fs, state: 'warning', label: 'the run with the proxy lock' },
        { kind: 'consolidationNeeded', vm: fs, value: false },
        { kind: 'chainDepth', vm: fs, disk: 'disk1', max: 0 },
        { kind: 'chainDepth', vm: fs, disk: 'data', max: 0 },
      ] },
    },
    {
      id: 'clean-run', text: 'The latest run of the job succeeds for both VMs, with nothing left over',
      check: { kind: 'all', checks: [
        { kind: 'backupRun', job, vm: fs, state: 'warning', label: 'the run with the proxy lock' },
        { kind: 'backupRun', job, state: 'success', latest: true, label: 'a latest run that succeeded' },
      ] },
    },
  ],
  hints: [
    'Break something: "Proxy crash" on EXCH01 and "Proxy lock" on FS01, then Run now.',
    'After the crash both VMs list "Backup temporary snapshot" in Snapshot Manager: FS01 was being backed up at the same time as EXCH01, so its transfer stopped too. The next run finds FS01\'s leftover and removes it before its own work; delete EXCH01\'s yourself.',
    'After the run with the proxy lock, FS01\'s Snapshot Manager lists nothing, but the inventory says Needs consolidation and its disk chain ends in a delta.',
    'Consolidate fails while the proxy still holds the files ("locked"): clear the fault first.',
  ],
  solution: [
    { command: { type: 'fault.inject', vm: exch, fault: { kind: 'proxyCrash', once: true } }, caption: 'The backup application will die during EXCH01\'s transfer' },
    { command: { type: 'backup.run', job }, caption: 'Run the job: it dies half way through EXCH01, and FS01\'s transfer beside it stops too' },
    { command: { type: 'clock.advance', ms: 30 * 60_000 } },
    { command: { type: 'fault.inject', vm: fs, fault: { kind: 'proxyLock' } }, caption: 'Now the proxy will keep FS01\'s hot-added disks' },
    { command: { type: 'snapshot.delete', vm: exch, snapshot: 'Backup temporary snapshot' }, caption: 'Delete the snapshot the crashed run left' },
    { command: { type: 'clock.advance', ms: 10 * 60_000 } },
    { command: { type: 'backup.run', job }, caption: 'The next run: EXCH01 is fine, FS01\'s snapshot removal fails' },
    { command: { type: 'clock.advance', ms: 40 * 60_000 } },
    { command: { type: 'vm.consolidate', vm: fs }, caption: 'Consolidate fails: the files are still locked' },
    { command: { type: 'clock.advance', ms: 60_000 } },
    { command: { type: 'fault.clear', vm: fs }, caption: 'Free the lock (detach the disks from the proxy)' },
    { command: { type: 'vm.consolidate', vm: fs }, caption: 'Consolidate FS01' },
    { command: { type: 'clock.advance', ms: 20 * 60_000 } },
    { command: { type: 'backup.run', job }, caption: 'A clean run' },
    { command: { type: 'clock.advance', ms: 40 * 60_000 } },
  ],
  debrief: [
    'A crashed backup leaves an ordinary snapshot that nobody will ever delete: it keeps growing with every write, which is how "a snapshot nobody knew about" fills datastores weeks later. With parallel processing one crash leaves one on every VM whose transfer was running, here FS01 as well as EXCH01. The next run of the job looked for what earlier runs left, as backup products do, and removed FS01\'s itself; and the snapshot size alarm the trainer defined fired once the delta passed its threshold.',
    'A proxy that keeps a hot-added disk is sneakier: the snapshot is gone from Snapshot Manager, but its delta could not be merged. From vSphere 5.0 the VM says "Virtual machine disks consolidation is needed" and Consolidate merges the deltas once nothing locks them; on 4.x there is no such message and the same failure leaves orphaned deltas visible only in the datastore browser.',
  ].join('\n\n'),
};
