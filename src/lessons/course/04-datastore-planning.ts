// Lesson 4: deltas grow with the guest's writes until the datastore is full; the out-of-space question.
import type { LessonInput } from '../schema';

export const datastorePlanning: LessonInput = {
  id: 'datastore-planning',
  title: 'Delta growth and datastore planning',
  intro: [
    'A delta grows with every new area the guest writes. On a busy VM that is gigabytes an hour, and the datastore has to hold it.',
    'EXCH01 writes hard (600 IOPS) to a datastore with only a few GB free. Take a snapshot: each disk gets its own delta, numbered per disk (`EXCH01-000001-delta.vmdk` for Hard disk 1, `EXCH01_1-000001-delta.vmdk` for Hard disk 2, the logs). Press **Play** and watch **ds1** in the Datastore view. When the delta cannot grow any more, vSphere pauses the VM and asks a **question**. Free space (the storage team can grow ds1: **Increase…** on the Datastore tab), answer **Retry**, then remove the cause: delete the snapshot.',
  ].join('\n\n'),
  lab: {
    definition: {
      name: 'Delta growth and datastore planning',
      seed: 104,
      hosts: [{ id: 'esx01', version: '4.0' }],
      datastores: [{ id: 'ds1', capacityGB: 80, fs: 'vmfs3', otherUsedGB: 15.4 }],
      vms: [{
        id: 'exch01', name: 'EXCH01', guest: 'windows2003', memoryMB: 4096, apps: ['exchange'],
        disks: [{ id: 'disk1', capacityGB: 40 }, { id: 'logs', capacityGB: 20, role: 'log' }],
        workload: { profile: 'exchange', writeIOPS: 600 },
      }],
    },
  },
  objectives: [
    {
      id: 'question', text: 'Let the delta fill ds1 until EXCH01 stops on the out-of-space question',
      check: { kind: 'event', event: 'vm.question', vm: 'exch01', label: 'the out-of-space question on EXCH01' },
    },
    {
      id: 'free', text: 'After the question, free at least 10 GB on ds1',
      check: { kind: 'all', checks: [
        { kind: 'event', event: 'vm.question', vm: 'exch01', label: 'the out-of-space question on EXCH01' },
        { kind: 'datastoreFree', datastore: 'ds1', minGB: 10 },
      ] },
    },
    {
      id: 'retry', text: 'Answer Retry so that EXCH01 resumes',
      check: { kind: 'all', checks: [
        { kind: 'event', event: 'vm.answered', vm: 'exch01', messageIncludes: 'resumes', label: 'a Retry that let EXCH01 resume' },
        { kind: 'question', vm: 'exch01', present: false },
        { kind: 'power', vm: 'exch01', power: 'poweredOn' },
      ] },
    },
    {
      id: 'delete', text: 'Delete the snapshot so the delta merges back and stops growing',
      check: { kind: 'all', checks: [
        { kind: 'sequence', steps: [
          { event: 'vm.question', vm: 'exch01', label: 'the out-of-space question on EXCH01' },
          { event: 'snapshot.removed', vm: 'exch01', label: 'a snapshot deletion on EXCH01' },
        ] },
        { kind: 'snapshotCount', vm: 'exch01', max: 0 },
        { kind: 'chainDepth', vm: 'exch01', disk: 'disk1', max: 0 },
        { kind: 'chainDepth', vm: 'exch01', disk: 'logs', max: 0 },
      ] },
    },
  ],
  hints: [
    'Take a snapshot, then press Play and let an hour pass. Watch free space on ds1 fall in 16 MB steps.',
    'While the VM waits on the question, vSphere will not start a snapshot task on it: free space elsewhere first. **Increase…** on the Datastore tab (to 100 GB) stands in for the storage team extending the LUN.',
    'Retry only helps once there is room; Abort powers the VM off (and loses what the guest had not written).',
  ],
  solution: [
    { command: { type: 'snapshot.take', vm: 'exch01', name: 'before-update' } },
    { command: { type: 'clock.advance', ms: 45 * 60_000 }, caption: 'Three quarters of an hour of Exchange traffic fill ds1' },
    { command: { type: 'datastore.resize', datastore: 'ds1', capacityGB: 100 }, caption: 'The storage team grows ds1 by 20 GB' },
    { command: { type: 'vm.answer', vm: 'exch01', answer: 'retry' }, caption: 'Retry: EXCH01 resumes' },
    { command: { type: 'snapshot.delete', vm: 'exch01', snapshot: 'before-update' }, caption: 'Delete the snapshot: its deltas merge into the base disks' },
    { command: { type: 'clock.advance', ms: 5 * 60_000 } },
  ],
  debrief: [
    'The delta grew in 16 MB steps until ds1 had no room for the next one. ESX then paused EXCH01 with the question VMware KB 1007849 documents: "There is no more space for the redo log of ...". Only **Retry** after freeing space, or **Abort** (power off), moves on, and every other VM on that datastore that needs to grow stalls too.',
    'A VMware talk (VMware Partner Exchange 2010, session TECHBC0320) is blunt about it: "plan datastore sizes to account for snapshots for VMs and the delta file growth caused by the changes to those VMs". Worst case a delta reaches its disk\'s size, so N snapshots can need N times the disk.',
    'The real fix is short-lived snapshots: deleting it merged the delta into the base disks (no extra space needed for a flat base) and EXCH01 writes in place again.',
  ].join('\n\n'),
  idleMs: 60 * 60_000,
};
