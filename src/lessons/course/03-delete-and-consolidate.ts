// Lesson 3: deleting a snapshot merges a delta into its parent; Delete All; a failed merge and Consolidate.
import type { LessonInput } from '../schema';

export const deleteAndConsolidate: LessonInput = {
  id: 'delete-and-consolidate',
  title: 'Delete and consolidate',
  intro: [
    'Deleting a snapshot does not undo anything: the VM keeps running in its current state, and the data of the delta **above** the snapshot is merged down into the file the snapshot recorded.',
    'DB01 runs on ESXi 5.0. Build a chain of three snapshots, delete the middle one and read the merge in **Events** (the tab under the tree: filter on “merg” to see which delta merged into which file, and when). Then a backup proxy still holds a lock on the disk (inject the **file lock** fault) while you use **Delete All**: the merge fails and vSphere says consolidation is needed. Put it right with **Consolidate**.',
  ].join('\n\n'),
  lab: {
    definition: {
      name: 'Delete and consolidate',
      seed: 103,
      hosts: [{ id: 'esx01', version: '5.0' }],
      datastores: [{ id: 'ds1', capacityGB: 150, fs: 'vmfs5' }],
      vms: [{
        id: 'db01', name: 'DB01', guest: 'windows2008r2', memoryMB: 4096, apps: ['sql'],
        disks: [{ id: 'disk1', capacityGB: 40 }],
        workload: { profile: 'sql', writeIOPS: 100 },
      }],
    },
  },
  objectives: [
    {
      id: 'merge', text: 'Delete a snapshot and see its child delta merged',
      check: { kind: 'sequence', steps: [{ task: 'Remove snapshot', vm: 'db01', state: 'success' }] },
    },
    {
      id: 'merge-fails', text: 'See a Delete All whose merge fails',
      check: { kind: 'task', task: 'Remove all snapshots', vm: 'db01', state: 'error' },
    },
    {
      id: 'consolidate', text: 'Consolidate after the failed merge',
      check: { kind: 'sequence', steps: [
        { task: 'Remove all snapshots', vm: 'db01', state: 'error' },
        { task: 'Consolidate virtual machine disk files', vm: 'db01', state: 'success' },
      ] },
    },
    {
      id: 'clean', text: 'DB01 ends with no snapshots, no deltas and no consolidation warning',
      check: { kind: 'all', checks: [
        { kind: 'task', task: 'Consolidate virtual machine disk files', vm: 'db01', state: 'success' },
        { kind: 'snapshotCount', vm: 'db01', max: 0 },
        { kind: 'chainDepth', vm: 'db01', disk: 'disk1', max: 0 },
        { kind: 'consolidationNeeded', vm: 'db01', value: false },
      ] },
    },
  ],
  hints: [
    'Take "s1", "s2" and "s3" a few seconds apart so each delta gets some data. Delete "s2": the delta above it (the one "s3" recorded) merges into the file "s2" recorded.',
    'In **Break something** choose the fault "Disk file locked", tick "Only once" and press **Inject fault**: the next merge fails.',
    'After the failed Delete All the snapshots are gone from Snapshot Manager, but their deltas are not: the VM shows "Virtual machine disks consolidation is needed". Consolidate merges them.',
    {
      text: 'Deleted the wrong snapshot? Go back in time to just before that delete and try the other one: the way you went stays as a branch you can compare with.',
      goBack: { before: 'snapshot.delete', label: 'Go back to just before the delete' },
    },
  ],
  solution: [
    { command: { type: 'snapshot.take', vm: 'db01', name: 's1' } },
    { command: { type: 'clock.advance', ms: 30_000 } },
    { command: { type: 'snapshot.take', vm: 'db01', name: 's2' } },
    { command: { type: 'clock.advance', ms: 30_000 } },
    { command: { type: 'snapshot.take', vm: 'db01', name: 's3' } },
    { command: { type: 'clock.advance', ms: 30_000 } },
    { command: { type: 'snapshot.delete', vm: 'db01', snapshot: 's2' }, caption: 'Delete "s2": the delta above it merges into the file "s2" recorded' },
    { command: { type: 'clock.advance', ms: 30_000 } },
    { command: { type: 'fault.inject', vm: 'db01', fault: { kind: 'fileLock', once: true } }, caption: 'A backup proxy still holds a lock on a delta' },
    { command: { type: 'snapshot.deleteAll', vm: 'db01' }, caption: 'Delete All: the merge cannot open the locked file' },
    { command: { type: 'clock.advance', ms: 30_000 } },
    { command: { type: 'vm.consolidate', vm: 'db01' }, caption: 'Consolidate merges the deltas no snapshot names' },
    { command: { type: 'clock.advance', ms: 120_000 } },
  ],
  debrief: [
    'Deleting "s2" merged the delta above it into the file "s2" had recorded, and the VM kept running: in the words of a VMware talk (VMware Partner Exchange 2010, session TECHBC0320), on delete the "delta file is removed, VM continues running in the current state".',
    'Delete All merges every delta on the path to "You are here" into the base disk. From ESX 4.0 Update 2 it starts with the delta nearest the base; before that it started with the farthest, and every intermediate delta grew on the way, which could need far more free space.',
    'DB01 kept writing while the deltas merged. On ESXi 5.0, as on every host before 6.0, a running VM\'s merge goes through a **Consolidate Helper** delta: the guest writes there while the delta is copied, then the helper is merged in turn, pass after pass, until what it holds copies within about 12 seconds; for that last pass the VM is stunned (you can see the helper and each pass in Events). From 6.0 the mirror driver writes the guest\'s new data to both files during the copy and finishes in about one pass with a short stun. Either way the time and the free space a merge needs grow with the delta: a 500 GB delta takes hours.',
    'A merge can fail (a lock held by a backup proxy, no space, a host failure). The snapshots are already gone from the tree, so from vSphere 5.0 the VM says "Virtual machine disks consolidation is needed" and **Consolidate** finishes the job. Before 5.0 those deltas stayed on the datastore named by no snapshot, found only by browsing the folder.',
  ].join('\n\n'),
};
