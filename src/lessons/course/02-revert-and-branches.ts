// Lesson 2: revert discards the current state but keeps the snapshot; a snapshot after a revert branches.
import type { LessonInput } from '../schema';

export const revertAndBranches: LessonInput = {
  id: 'revert-and-branches',
  title: 'Revert and branches',
  intro: [
    'APP01 is about to get a risky patch. The classic use of a snapshot: take one **before** the change, so that **Revert to Snapshot** can undo it.',
    'Take "before-patch", let the "patch" write to the disk, take "patch-v1", then revert to "before-patch". Notice what the revert does to the power state and which files stay. Then try the patch again: a new snapshot taken after a revert starts a **branch**.',
  ].join('\n\n'),
  lab: {
    definition: {
      name: 'Revert and branches',
      seed: 102,
      hosts: [{ id: 'esx01', version: '4.0' }],
      datastores: [{ id: 'ds1', capacityGB: 100, fs: 'vmfs3' }],
      vms: [{
        id: 'app01', name: 'APP01', guest: 'windows2003', memoryMB: 2048,
        disks: [{ id: 'disk1', capacityGB: 30 }],
        workload: { profile: 'idle' },
      }],
    },
  },
  objectives: [
    {
      id: 'revert', text: 'Revert APP01 to "before-patch"',
      check: { kind: 'event', event: 'snapshot.reverted', vm: 'app01', messageIncludes: '"before-patch"' },
    },
    {
      id: 'kept', text: 'After the revert, "before-patch" is still in Snapshot Manager',
      check: { kind: 'all', checks: [
        { kind: 'event', event: 'snapshot.reverted', vm: 'app01' },
        { kind: 'snapshotExists', vm: 'app01', name: 'before-patch' },
      ] },
    },
    {
      id: 'power', text: 'Power APP01 on again (a snapshot without memory reverts to powered off)',
      check: { kind: 'all', checks: [
        { kind: 'sequence', steps: [{ event: 'snapshot.reverted', vm: 'app01' }, { event: 'vm.powerOn', vm: 'app01' }] },
        { kind: 'power', vm: 'app01', power: 'poweredOn' },
      ] },
    },
    {
      id: 'branch', text: 'Take a new snapshot after the revert, so "before-patch" has two branches',
      check: { kind: 'snapshotBranches', vm: 'app01', minChildren: 2 },
    },
  ],
  hints: [
    'Order: Take Snapshot "before-patch"; write (or let the clock run); Take Snapshot "patch-v1"; Revert to "before-patch".',
    'These snapshots carry no memory, so a revert leaves the VM powered off: power it on.',
    'Snapshot Manager draws "You are here" as a child of the current snapshot: after the revert it sits beside "patch-v1". One more snapshot makes the branch permanent.',
  ],
  solution: [
    { command: { type: 'snapshot.take', vm: 'app01', name: 'before-patch' }, caption: 'A snapshot before the change' },
    { command: { type: 'clock.advance', ms: 2_000 } },
    { command: { type: 'guest.write', vm: 'app01', disk: 'disk1', offset: 2 * 1024 ** 3, length: 200 * 1024 ** 2 }, caption: 'The patch writes 200 MB' },
    { command: { type: 'snapshot.take', vm: 'app01', name: 'patch-v1' }, caption: 'A snapshot of the patched state' },
    { command: { type: 'clock.advance', ms: 2_000 } },
    { command: { type: 'snapshot.revert', vm: 'app01', snapshot: 'before-patch' }, caption: 'The patch went wrong: Revert to Snapshot' },
    { command: { type: 'clock.advance', ms: 3_000 }, caption: 'APP01 is back before the patch, and powered off' },
    { command: { type: 'vm.powerOn', vm: 'app01' } },
    { command: { type: 'clock.advance', ms: 3_000 } },
    { command: { type: 'snapshot.take', vm: 'app01', name: 'patch-v2' }, caption: 'Try again: this snapshot starts a second branch' },
    { command: { type: 'clock.advance', ms: 2_000 } },
  ],
  debrief: [
    'Revert threw away the current delta and started a fresh, empty one on top of the file "before-patch" recorded. The snapshot itself and its files stay until you delete it: a VMware talk (VMware Partner Exchange 2010, session TECHBC0320) puts it as "the delta file remains until the snapshot is deleted".',
    'A snapshot without memory captures disks and settings only, so vSphere powers the VM off on revert; a memory snapshot would have resumed it running.',
    'The new snapshot after the revert hangs beside "patch-v1" under "before-patch": a tree, not a line. Each branch keeps its own deltas on the datastore, so abandoned branches cost space until they are deleted.',
  ].join('\n\n'),
};
