// Lesson 6: independent disks are left out of snapshots; what a revert does (and does not do) to them.
import type { LessonInput } from '../schema';

export const independentDisks: LessonInput = {
  id: 'independent-disks',
  title: 'Independent disks',
  intro: [
    'A snapshot covers every disk of a VM, except disks set to **independent** mode. They get no delta, so a revert does not touch them:',
    '- **independent-persistent**: writes go straight to the disk and stay, whatever you revert to;\n- **independent-nonpersistent**: writes go to a redo log that is thrown away at power off.',
    'WEB01 has a system disk (dependent), a persistent **scratch** disk and a nonpersistent **temp** disk. Take a snapshot and see which disks get a delta. Try a memory snapshot. Then write to scratch, revert, and see what stayed.',
  ].join('\n\n'),
  lab: {
    definition: {
      name: 'Independent disks',
      seed: 106,
      hosts: [{ id: 'esx01', version: '4.0' }],
      datastores: [{ id: 'ds1', capacityGB: 100, fs: 'vmfs3' }],
      vms: [{
        id: 'web01', name: 'WEB01', guest: 'windows2003', memoryMB: 2048,
        disks: [
          { id: 'disk1', capacityGB: 20 },
          { id: 'scratch', capacityGB: 10, mode: 'independent-persistent', thin: true, usedGB: 1 },
          { id: 'temp', capacityGB: 5, mode: 'independent-nonpersistent' },
        ],
      }],
    },
  },
  objectives: [
    {
      id: 'snapshot', text: 'Take a snapshot: Hard disk 1 gets a delta, Hard disk 2 (scratch, independent) does not',
      check: { kind: 'all', checks: [
        { kind: 'chainDepth', vm: 'web01', disk: 'disk1', min: 1 },
        { kind: 'chainDepth', vm: 'web01', disk: 'scratch', max: 0 },
      ] },
    },
    {
      id: 'memory-refused', text: 'See why a memory snapshot of WEB01 is refused',
      check: { kind: 'task', task: 'Create virtual machine snapshot', vm: 'web01', state: 'error', errorIncludes: 'independent disks', label: 'a memory snapshot of WEB01 refused' },
    },
    {
      id: 'revert-keeps', text: 'Write 256 MB to Hard disk 2 (scratch) after the snapshot, revert, and find the data still there',
      check: { kind: 'all', checks: [
        { kind: 'event', event: 'snapshot.reverted', vm: 'web01', label: 'a revert of WEB01' },
        { kind: 'baseData', vm: 'web01', disk: 'scratch', minMB: 1280 },
      ] },
    },
    {
      id: 'running', text: 'Power WEB01 on after the revert: temp starts from a fresh, empty redo log',
      check: { kind: 'all', checks: [
        { kind: 'sequence', steps: [{ event: 'snapshot.reverted', vm: 'web01', label: 'a revert of WEB01' }, { event: 'vm.powerOn', vm: 'web01', label: 'a power on of WEB01' }] },
        { kind: 'power', vm: 'web01', power: 'poweredOn' },
        { kind: 'leafData', vm: 'web01', disk: 'temp', maxMB: 0 },
      ] },
    },
  ],
  hints: [
    'After Take Snapshot..., the Disk chain tab shows a delta on Hard disk 1 only; Hard disk 3 (temp) shows its redo log (it has had one since power on).',
    'Tick "Snapshot the virtual machine\'s memory" for a running VM with independent disks and read the task\'s error.',
    'Under the Guest console, write 256 MB to Hard disk 2 (scratch) at 2 GB from its start (past the data it holds) and press **Write**, then Revert to Snapshot. The revert powers WEB01 off (no memory in the snapshot): power it on again.',
  ],
  solution: [
    { command: { type: 'snapshot.take', vm: 'web01', name: 'baseline' }, caption: 'Only Hard disk 1 gets a delta' },
    { command: { type: 'clock.advance', ms: 2_000 } },
    { command: { type: 'snapshot.take', vm: 'web01', name: 'with-memory', memory: true }, caption: 'A memory snapshot: vSphere refuses it' },
    { command: { type: 'clock.advance', ms: 2_000 } },
    { command: { type: 'guest.write', vm: 'web01', disk: 'scratch', offset: 2 * 1024 ** 3, length: 256 * 1024 ** 2 }, caption: '256 MB to the persistent scratch disk' },
    { command: { type: 'guest.write', vm: 'web01', disk: 'temp', offset: 0, length: 64 * 1024 ** 2 }, caption: '64 MB to the nonpersistent temp disk (its redo log)' },
    { command: { type: 'snapshot.revert', vm: 'web01', snapshot: 'baseline' }, caption: 'Revert to "baseline"' },
    { command: { type: 'clock.advance', ms: 3_000 } },
    { command: { type: 'vm.powerOn', vm: 'web01' } },
    { command: { type: 'clock.advance', ms: 3_000 } },
  ],
  debrief: [
    'A VMware talk (VMware Partner Exchange 2010, session TECHBC0320) notes that "a snapshot will include all disks although there are ways to exclude disks from a snapshot": independent mode is that way. scratch had no delta, so its 256 MB went straight into its own file, and the revert to "baseline" left them there. Hard disk 1 went back to the snapshot\'s state.',
    'temp\'s writes went to a redo log, and the revert powered WEB01 off, which discarded it: a nonpersistent disk starts clean at every power on.',
    'vSphere refuses a memory snapshot of a running VM with independent disks: memory would refer to disk contents the snapshot cannot bring back. Use independent disks for data that must survive a revert (or must never be captured), and remember that a VMware snapshot, and any backup built on one, does not contain them.',
  ].join('\n\n'),
};
