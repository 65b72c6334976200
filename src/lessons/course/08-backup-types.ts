// Lesson 8: VSS backup types, Exchange log truncation, and why VMware Tools asks for COPY.
import type { LessonInput } from '../schema';

const vm = 'exch01';
const FULL = 'Guest VSS backup (Full)';
const DIFF = 'Guest VSS backup (Differential)';
const INCR = 'Guest VSS backup (Incremental)';

export const backupTypes: LessonInput = {
  id: 'backup-types',
  title: 'Backup types: COPY, Full, Incremental, Differential',
  intro: [
    'A VSS requestor tells the writers what **kind** of backup it makes, and Exchange acts on it at the end (BackupComplete):',
    '- **Full**: databases, logs and checkpoints; **truncates** the logs;\n- **Copy**: the same data; does **not** truncate;\n- **Incremental**: the logs since the last Full or Incremental; **truncates** them;\n- **Differential**: the logs since the last Full; does **not** truncate.',
    'EXCH01 also runs an in-guest backup application (**Backup type** and **Start backup** under the Guest console). Take a quiesced VMware snapshot, then run a Full, a Differential and an Incremental backup, and watch Exchange\'s transaction logs and truncation count in the VM summary.',
  ].join('\n\n'),
  lab: {
    definition: {
      name: 'Backup types',
      seed: 108,
      hosts: [{ id: 'esx01', version: '4.0' }],
      datastores: [{ id: 'ds1', capacityGB: 120, fs: 'vmfs3', MBps: 200 }],
      vms: [{
        id: vm, name: 'EXCH01', guest: 'windows2003', memoryMB: 4096, apps: ['exchange'],
        disks: [{ id: 'disk1', capacityGB: 12 }, { id: 'logs', capacityGB: 4, role: 'log' }],
        workload: { profile: 'exchange', writeIOPS: 150 },
      }],
    },
  },
  objectives: [
    {
      id: 'copy-keeps-logs', text: 'A quiesced VMware snapshot (COPY) leaves Exchange\'s logs in place',
      check: { kind: 'all', checks: [
        { kind: 'event', event: 'quiesce.done', vm, label: 'a quiesced snapshot of EXCH01' },
        { kind: 'event', event: 'vss.backupComplete', vm, messageIncludes: 'COPY backup does not truncate', label: 'Exchange keeping its logs after a COPY' },
      ] },
    },
    {
      id: 'full-truncates', text: 'A Full backup from inside the guest truncates them',
      check: { kind: 'all', checks: [
        { kind: 'task', task: FULL, vm, state: 'success', label: 'a Full backup of EXCH01 that succeeded' },
        { kind: 'exchangeLogs', vm, minTruncations: 1 },
      ] },
    },
    {
      id: 'differential-keeps', text: 'A Differential after the Full backs up the logs without truncating',
      check: { kind: 'sequence', steps: [
        { task: FULL, vm, state: 'success', label: 'a Full backup that succeeded' },
        { event: 'vss.backupComplete', vm, messageIncludes: 'DIFFERENTIAL', label: 'Exchange handling a DIFFERENTIAL backup' },
        { task: DIFF, vm, state: 'success', label: 'the Differential backup succeeding' },
      ] },
    },
    {
      id: 'incremental-truncates', text: 'An Incremental truncates again',
      check: { kind: 'all', checks: [
        { kind: 'sequence', steps: [
          { task: FULL, vm, state: 'success', label: 'a Full backup that succeeded' },
          { task: INCR, vm, state: 'success', label: 'an Incremental backup that succeeded' },
        ] },
        { kind: 'exchangeLogs', vm, minTruncations: 2 },
      ] },
    },
  ],
  hints: [
    'Take Snapshot... with "Quiesce guest file system" ticked, and read Exchange\'s line in the event list when it completes.',
    'Only one shadow copy set can be in progress in a guest: wait for each backup task to finish before starting the next, or VSS answers VSS_E_SNAPSHOT_SET_IN_PROGRESS.',
    'A Full copies every disk and takes a couple of minutes; Differential and Incremental copy only the logs.',
  ],
  solution: [
    { command: { type: 'clock.advance', ms: 5 * 60_000 }, caption: 'Exchange writes transaction logs' },
    { command: { type: 'snapshot.take', vm, name: 'vmware-backup', quiesce: true }, caption: 'A quiesced VMware snapshot: VMware Tools asks for COPY' },
    { command: { type: 'clock.advance', ms: 30_000 } },
    { command: { type: 'snapshot.delete', vm, snapshot: 'vmware-backup' }, caption: 'The backup has its copy: delete the snapshot' },
    { command: { type: 'guest.backup', vm, backupType: 'full' }, caption: 'The in-guest backup application runs a Full backup' },
    { command: { type: 'clock.advance', ms: 4 * 60_000 } },
    { command: { type: 'guest.backup', vm, backupType: 'differential' }, caption: 'A Differential: logs since the Full, not truncated' },
    { command: { type: 'clock.advance', ms: 2 * 60_000 } },
    { command: { type: 'guest.backup', vm, backupType: 'incremental' }, caption: 'An Incremental: logs since the last Full or Incremental, truncated' },
    { command: { type: 'clock.advance', ms: 2 * 60_000 } },
  ],
  debrief: [
    'A VMware talk (VMware Partner Exchange 2010, session TECHBC0320) lists Exchange\'s four enumerations just as you saw them: Full truncates, Copy does not, Incremental truncates, Differential does not. Truncation happens at BackupComplete, and only for a backup the writer was told succeeded.',
    '"VMware uses the Copy enumeration when requesting shadow copies ... to prevent interfering with backup applications that aren\'t aware that logs were truncated." Your quiesced snapshot left the logs alone, so the backup product\'s Full / Incremental chain stayed intact.',
    'The flip side: if a VMware-snapshot-based backup is your **only** backup, nothing ever truncates Exchange\'s logs and the log volume fills. vSphere 6.5 finally lets a quiesced snapshot request another backup type, the "granular control" the talk announced for the future.',
  ].join('\n\n'),
};
