// Lesson 1: a snapshot is a new delta per disk; the guest writes there and the file grows as needed.
import type { LessonInput } from '../schema';

export const firstSnapshot: LessonInput = {
  id: 'first-snapshot',
  title: 'First snapshot',
  intro: [
    'A VMware snapshot does not copy the disk. It freezes the file the VM was writing to and gives every disk a new, empty **delta** file; from then on the guest writes only there.',
    'EXCH01 runs Exchange on ESX 4.0. Take a snapshot of it, find the new delta `EXCH01-000001.vmdk` in the **Snapshot tree**, and its data file `EXCH01-000001-delta.vmdk` in the **Datastore** view beside the base disk\'s `EXCH01-flat.vmdk`, then press **Play** (the lab\'s clock starts paused) and watch the delta grow as the guest writes.',
  ].join('\n\n'),
  lab: {
    definition: {
      name: 'First snapshot',
      seed: 101,
      hosts: [{ id: 'esx01', version: '4.0' }],
      datastores: [{ id: 'ds1', capacityGB: 120, fs: 'vmfs3' }],
      vms: [{
        id: 'exch01', name: 'EXCH01', guest: 'windows2003', memoryMB: 4096, apps: ['exchange'],
        disks: [{ id: 'disk1', capacityGB: 40 }],
        workload: { profile: 'exchange', writeIOPS: 150 },
      }],
    },
  },
  objectives: [
    { id: 'take', text: 'Take a snapshot of EXCH01', check: { kind: 'snapshotCount', vm: 'exch01', min: 1 } },
    { id: 'delta', text: 'Hard disk 1 now writes to a delta above its base disk', check: { kind: 'chainDepth', vm: 'exch01', disk: 'disk1', min: 1 } },
    { id: 'grow', text: 'The delta holds at least 64 MB of new writes', check: { kind: 'leafData', vm: 'exch01', disk: 'disk1', minMB: 64 } },
    { id: 'steps', text: 'The delta takes more than one 16 MB growth step on the datastore', check: { kind: 'leafSize', vm: 'exch01', disk: 'disk1', minMB: 32 } },
  ],
  hints: [
    'Select EXCH01 and use **Take Snapshot...**; leave memory and quiescing off for now.',
    'The Datastore view lists every file of the VM. The delta starts at 16 MB: room for the first writes plus its metadata.',
    'Press Play (or write from the guest console) and let a few minutes pass: Exchange writes about 150 times a second.',
  ],
  solution: [
    { command: { type: 'snapshot.take', vm: 'exch01', name: 'before-patch', description: 'My first snapshot' }, caption: 'Take Snapshot... on EXCH01' },
    { command: { type: 'clock.advance', ms: 2_000 }, caption: 'The snapshot task completes; Hard disk 1 now writes to EXCH01-000001.vmdk' },
    { command: { type: 'guest.write', vm: 'exch01', disk: 'disk1', offset: 8 * 1024 ** 3, length: 64 * 1024 ** 2 }, caption: 'The guest writes 64 MB' },
    { command: { type: 'clock.advance', ms: 60_000 }, caption: 'A minute of Exchange traffic on top' },
  ],
  debrief: [
    'The snapshot turned `EXCH01-flat.vmdk` read-only and started `EXCH01-000001-delta.vmdk`. Every write since then landed in the delta, which **grows as needed** in 16 MB steps, as a VMware talk put it (VMware Partner Exchange 2010, session TECHBC0320): "over time, the delta file will grow larger and larger".',
    'A vmfsSparse delta allocates 512-byte grains: rewriting a grain it already holds costs nothing, a write to a new area grows the file. At worst a delta reaches the size of its disk, so plan datastore space for it.',
    'Snapshots are taken per VM and include every (dependent) disk, with optional memory. They are not backups by themselves: the delta is useless without the base disk beside it.',
  ].join('\n\n'),
};
