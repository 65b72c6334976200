// Lesson 5: every snapshot adds a delta every read may have to cross; the advice past 20, the limit of 32.
import type { LessonInput } from '../schema';

type StepInput = LessonInput['solution'][number];

/** Take snapshots "snap-<from>" .. "snap-<to>", each followed by the few seconds its task needs. */
function takeSnapshots(from: number, to: number): StepInput[] {
  const steps: StepInput[] = [];
  for (let i = from; i <= to; i++) {
    steps.push({ type: 'snapshot.take', vm: 'test01', name: `snap-${String(i).padStart(2, '0')}` });
    steps.push({ type: 'clock.advance', ms: 5_000 });
  }
  return steps;
}

export const chainDepth: LessonInput = {
  id: 'chain-depth',
  title: 'Chain depth: the advice past 20, the limit of 32',
  intro: [
    'Each snapshot puts one more delta between the guest and its base disk. A read that the newest delta does not hold goes to its parent, and its parent, down to the base: deep chains cost read I/O and latency.',
    'TEST01 is a test VM someone snapshots before every build. Keep taking snapshots: watch the disk\'s **read amplification** in the **Disk chain** tab, the advice SnapLab gives past **20** snapshots (a VMware presenter\'s advice: vSphere itself raises no event there), and what happens at **32**, the limit vSphere does enforce. Then bring it back to best practice: at most 2-3 snapshots, none older than 72 hours.',
  ].join('\n\n'),
  lab: {
    definition: {
      name: 'Chain depth',
      seed: 105,
      hosts: [{ id: 'esx01', version: '4.0' }],
      datastores: [{ id: 'ds1', capacityGB: 200, fs: 'vmfs3' }],
      vms: [{
        id: 'test01', name: 'TEST01', guest: 'windows2003', memoryMB: 1024,
        disks: [{ id: 'disk1', capacityGB: 20 }],
        workload: { profile: 'idle' },
      }],
    },
  },
  objectives: [
    {
      id: 'warning', text: 'Go past 20 snapshots and read SnapLab\'s advice about chain depth',
      check: { kind: 'event', event: 'snapshot.advice', vm: 'test01', label: 'SnapLab\'s "more than 20 snapshots" advice on TEST01' },
    },
    {
      id: 'limit', text: 'See a snapshot refused at the limit of 32',
      check: { kind: 'task', task: 'Create virtual machine snapshot', vm: 'test01', state: 'error', errorIncludes: 'maximum number', label: 'a snapshot of TEST01 refused at the limit' },
    },
    {
      id: 'best-practice', text: 'Then bring TEST01 back to best practice: at most 3 snapshots, none older than 72 hours',
      check: { kind: 'all', checks: [
        { kind: 'task', task: 'Create virtual machine snapshot', vm: 'test01', state: 'error', errorIncludes: 'maximum number', label: 'a snapshot of TEST01 refused at the limit' },
        { kind: 'snapshotCount', vm: 'test01', max: 3 },
        { kind: 'chainDepth', vm: 'test01', disk: 'disk1', max: 3 },
        { kind: 'snapshotAge', vm: 'test01', maxHours: 72 },
      ] },
    },
  ],
  hints: [
    'Take snapshots one after another; the Disk chain tab shows Hard disk 1\'s deltas and its read amplification.',
    'SnapLab\'s advice appears with the 21st snapshot on the branch (in Events, from SnapLab, not vCenter); the 33rd take fails with "Exceeded the maximum number of permitted snapshots."',
    '**Delete All** merges the whole chain into the base disk. A fresh snapshot afterwards is fine: one or two is the healthy number.',
  ],
  solution: [
    ...takeSnapshots(1, 21),
    ...takeSnapshots(22, 32),
    { command: { type: 'snapshot.take', vm: 'test01', name: 'snap-33' }, caption: 'The 33rd snapshot: its task fails at the limit' },
    { command: { type: 'clock.advance', ms: 5_000 } },
    { command: { type: 'snapshot.deleteAll', vm: 'test01' }, caption: 'Delete All merges 32 deltas into the base disk' },
    { command: { type: 'clock.advance', ms: 120_000 } },
    { command: { type: 'snapshot.take', vm: 'test01', name: 'before-build' }, caption: 'One snapshot for the next build: best practice' },
    { command: { type: 'clock.advance', ms: 5_000 } },
  ],
  debrief: [
    'A VMware talk (VMware Partner Exchange 2010, session TECHBC0320): "up to 32 snapshots can be taken. Over 20 snapshots can cause performance concerns and ... can cause undesirable results". vSphere enforced the 32; the 20 is the presenter\'s advice, which SnapLab repeats, since no vSphere event or alarm fires at the 21st. Every read the newest delta could not answer walked down the chain, which is why read amplification and latency rose with depth.',
    'VMware\'s best practice (KB 1025279) is 2-3 snapshots in a chain and none kept longer than 24-72 hours, and the talk ends with the same advice: "Try not to keep VMware snapshots around for a long time. Manage snapshots carefully."',
    'Delete All merged the chain back into the base disk. On ESX 4.0 Update 2 and later it merges from the delta nearest the base; on earlier hosts it started from the farthest, which needed far more free space on a chain this deep.',
  ].join('\n\n'),
};

