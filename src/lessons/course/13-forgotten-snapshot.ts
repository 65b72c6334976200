// Lesson 13: a snapshot kept for weeks: the delta grows day after day until the datastore is full.
import type { LessonInput } from '../schema';

const vm = 'sql01';

export const forgottenSnapshot: LessonInput = {
  id: 'forgotten-snapshot',
  title: 'The snapshot nobody deleted',
  intro: [
    'Friday night, before patching SQL Server, you take a snapshot of **SQL01** "just in case". The patch goes fine and nobody deletes the snapshot.',
    'Take the snapshot, then let **three weeks** pass (press **Play** with the speed at its top, 14,400×, ten days a minute; the clock pauses by itself when a VM asks a question). Watch SQL01\'s delta in the **Disk chain** tab and the free space on **ds1**: SQL01 changes about a tenth of its disks a day, and every block it changes for the first time since the snapshot lands in the delta. The other VMs on ds1 share the same free space.',
    'When the datastore runs out, get SQL01 running again and get rid of the cause, the way an administrator would the Monday it is noticed.',
  ].join('\n\n'),
  // ds1 also holds ISO images and old templates (69 GB): about 21 GB are free when the lesson starts.
  lab: { builtIn: 'workshop', changes: { name: 'The snapshot nobody deleted', seed: 113, datastores: { ds1: { otherUsedGB: 69 } } } },
  objectives: [
    {
      id: 'snapshot', text: 'Take a snapshot of SQL01 before the patch',
      check: { kind: 'event', event: 'vm.snapshotCreated', vm, label: 'a snapshot of SQL01' },
    },
    {
      id: 'full', text: 'Let the weeks pass until ds1 is full and SQL01 stops on the out-of-space question',
      check: { kind: 'event', event: 'vm.question', vm, label: 'the out-of-space question on SQL01' },
    },
    {
      id: 'resume', text: 'Give ds1 room (at least 20 GB free) and answer Retry so that SQL01 runs again',
      check: { kind: 'all', checks: [
        { kind: 'event', event: 'vm.answered', vm, messageIncludes: 'resumes', label: 'a Retry that let SQL01 resume' },
        { kind: 'question', vm, present: false },
        { kind: 'power', vm, power: 'poweredOn' },
        { kind: 'datastoreFree', datastore: 'ds1', minGB: 20 },
      ] },
    },
    {
      id: 'delete', text: 'Delete the forgotten snapshot so its delta merges back into the base disks',
      check: { kind: 'all', checks: [
        { kind: 'sequence', steps: [
          { event: 'vm.question', vm, label: 'the out-of-space question on SQL01' },
          { event: 'snapshot.removed', vm, label: 'a snapshot deletion on SQL01' },
        ] },
        { kind: 'snapshotCount', vm, max: 0 },
        { kind: 'chainDepth', vm, disk: 'disk1', max: 0 },
        { kind: 'chainDepth', vm, disk: 'data', max: 0 },
      ] },
    },
  ],
  hints: [
    'A delta only grows: a rewrite of a block already in it costs nothing, but the cold parts of the database keep adding new blocks every day. Weeks of that add up to tens of GB.',
    'While SQL01 waits on the question, vSphere starts no snapshot task on it. Grow ds1 first (**Increase…** on the Datastore tab: the storage team extends the LUN), then answer Retry.',
    'Deleting the snapshot merges its delta into the base disks. The thin data disk grows by what the delta changed there, so leave room for that too.',
  ],
  solution: [
    { command: { type: 'snapshot.take', vm, name: 'before-patch' }, caption: 'Friday night: a snapshot before the patch' },
    { command: { type: 'clock.advance', ms: 21 * 24 * 3600_000 }, caption: 'Three weeks later: ds1 is full and SQL01 is paused' },
    { command: { type: 'datastore.resize', datastore: 'ds1', capacityGB: 600 }, caption: 'The storage team grows ds1' },
    { command: { type: 'vm.answer', vm, answer: 'retry' }, caption: 'Retry: SQL01 resumes' },
    { command: { type: 'snapshot.delete', vm, snapshot: 'before-patch' }, caption: 'Delete the snapshot: its delta merges into the base disks' },
    { command: { type: 'clock.advance', ms: 6 * 3600_000 }, caption: 'The merge copies the delta back' },
  ],
  debrief: [
    'SQL01 changes about a tenth of its disks a day, but most of that is the same hot pages again and again: the delta grew fast the first day, then more slowly, by the cold data SQL Server touched for the first time since the snapshot. Over weeks that filled ds1, and ESX paused SQL01 with "There is no more space for the redo log" (VMware KB 1007849); any other VM on ds1 that needed to grow would have stopped the same way.',
    'VMware\'s advice (KB 1025279) is to keep a snapshot no longer than 24-72 hours and to use no more than a few in a chain: a snapshot is not a backup, and the longer it lives, the larger its delta and the longer the merge that removes it. vCenter\'s snapshot age and size alarms exist to catch exactly this forgotten snapshot.',
    'The way out was the one you took: room first (the VM cannot be worked on while it waits on the question), then Retry, then delete the snapshot, which merged the delta into the base disks.',
  ].join('\n\n'),
};
