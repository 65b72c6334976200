// Lesson 10: writes may be held for at most 10 seconds; heavy I/O on slow storage overruns it.
import type { LessonInput } from '../schema';

const vm = 'exch01';
const HOLD_ERROR = 'time limit for holding off I/O';

export const holdTimeout: LessonInput = {
  id: 'hold-timeout',
  title: 'The 10-second window',
  intro: [
    'Between the flush and the provider\'s commit, VSS holds every write on the volumes being copied. Windows allows that for **10 seconds** at most; past it the writes are released and the shadow copy set fails.',
    'With VMware Tools as requestor the commit is the VMware snapshot itself, and it has to wait until the flushed data is on disk. EXCH01 runs a heavy batch job (3500 write IOPS) on a slow SATA datastore (4 MB/s left for it). Take a quiesced snapshot and read why it fails; then find what makes it succeed.',
  ].join('\n\n'),
  lab: {
    definition: {
      name: 'The 10-second window',
      seed: 110,
      hosts: [{ id: 'esx01', version: '4.0' }],
      datastores: [{ id: 'sata1', capacityGB: 300, fs: 'vmfs3', MBps: 4 }],
      vms: [{
        id: vm, name: 'EXCH01', guest: 'windows2003', memoryMB: 4096, apps: ['exchange'],
        disks: [{ id: 'disk1', capacityGB: 40 }, { id: 'logs', capacityGB: 20, role: 'log' }],
        workload: { profile: 'exchange', writeIOPS: 3500 },
      }],
    },
  },
  objectives: [
    {
      id: 'timeout', text: 'A quiesced snapshot fails on the hold limit',
      check: { kind: 'task', task: 'Create virtual machine snapshot', vm, state: 'error', errorIncludes: HOLD_ERROR, label: 'a quiesced snapshot failing on the hold limit' },
    },
    {
      id: 'event-12298', text: 'The guest logs VSS 12298: the writes could not be held',
      check: { kind: 'guestEvent', vm, source: 'VSS', id: 12298, label: 'VSS event 12298 in EXCH01\'s event log' },
    },
    {
      id: 'quieter', text: 'Bring EXCH01\'s write load down to at most 500 IOPS (the batch job is over, or the snapshot moves to a quiet hour)',
      check: { kind: 'all', checks: [
        { kind: 'task', task: 'Create virtual machine snapshot', vm, state: 'error', errorIncludes: HOLD_ERROR, label: 'a quiesced snapshot failing on the hold limit' },
        { kind: 'workload', vm, maxIOPS: 500 },
      ] },
    },
    {
      id: 'succeeds', text: 'Retry: the quiesce succeeds well inside the window',
      check: { kind: 'all', checks: [
        { kind: 'sequence', steps: [
          { task: 'Create virtual machine snapshot', vm, state: 'error', errorIncludes: HOLD_ERROR, label: 'a quiesced snapshot failing on the hold limit' },
          { event: 'quiesce.done', vm, label: 'a quiesce that succeeded' },
        ] },
        { kind: 'snapshotExists', vm, quiesced: true, consistency: 'application' },
      ] },
    },
  ],
  hints: [
    'Watch the VSS timeline: the flush-and-hold bar grows past the 10 s mark, then VSS aborts.',
    'The hold lasts as long as the host needs to take the snapshot, and that waits for the guest\'s dirty data to reach the datastore: more writes, or slower storage, means a longer hold.',
    'Under the Guest console, set **Write IOPS** to 500 or less and press **Apply workload**, then take the quiesced snapshot again.',
  ],
  solution: [
    { command: { type: 'clock.advance', ms: 5_000 } },
    { command: { type: 'snapshot.take', vm, name: 'backup-0200', quiesce: true }, caption: 'A quiesced snapshot during the batch job' },
    { command: { type: 'clock.advance', ms: 40_000 }, caption: 'Writes are held past 10 s: VSS aborts and the task fails' },
    { command: { type: 'guest.exec', vm, command: 'eventvwr application 5' }, caption: 'VSS 12298 and VolSnap 8 tell the story' },
    { command: { type: 'guest.workload', vm, profile: 'exchange', writeIOPS: 300 }, caption: 'The batch job is over: normal Exchange load' },
    { command: { type: 'clock.advance', ms: 10_000 } },
    { command: { type: 'snapshot.take', vm, name: 'backup-0200-retry', quiesce: true }, caption: 'Retry at a quiet moment' },
    { command: { type: 'clock.advance', ms: 40_000 } },
  ],
  debrief: [
    'A VMware talk (VMware Partner Exchange 2010, session TECHBC0320) closes its checklist with "VSS snapshot has a 10 second timeout. Rare cases could cause a failure of getting the VSS shadow copy." You made the rare case: the VMware snapshot inside the provider\'s commit had to wait for tens of MB of dirty data to drain to a slow datastore, the hold passed 10 s, Windows released the writes (VSS 12298, VolSnap 8) and vCenter reported "Cannot create a quiesced snapshot because the create snapshot operation exceeded the time limit for holding off I/O in the frozen virtual machine."',
    'What fixes it is less I/O during the window or faster storage: schedule quiesced snapshots away from batch jobs and backups of other VMs on the same datastore, keep the VM\'s disk count down, and move busy VMs to faster datastores. Retrying at a quieter moment often just works.',
  ].join('\n\n'),
};
