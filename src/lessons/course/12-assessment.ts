// Lesson 12: a broken lab to put right without hints: everything the course taught, at once.
import type { LessonInput } from '../schema';

const vm = 'exch02';
const job = 'nightly';
const goodRun = { kind: 'backupRun', job, vm, state: 'success', consistency: 'application', label: 'a successful, application-consistent run of the Nightly backup for EXCH02' } as const;

export const assessment: LessonInput = {
  id: 'assessment',
  title: 'Assessment: tonight\'s backup must work',
  intro: [
    'EXCH02 (Exchange 2007 on Windows Server 2008) has not had a good backup in a week. Its backup job, **Nightly backup**, takes a **quiesced VMware snapshot**, copies the disks through its proxy, then deletes the snapshot. Every night the run fails at the snapshot.',
    'Make tonight\'s run work (**Run now** in the Backup jobs region): an **application-consistent** backup of EXCH02, without truncating Exchange\'s logs (the job leaves truncation to the product\'s own Exchange backup), and the VM left as you found it: no snapshots, no deltas, nothing to consolidate, every VSS writer stable.',
    'There are no hints in this lesson. The task errors, the event list, the VSS timeline and the guest console tell you everything. Leave `forceQuiesce` on (it stops VMware Tools from quietly falling back to the sync driver, or to the null provider that freezes nothing), and check which consistency you actually get.',
  ].join('\n\n'),
  lab: {
    definition: {
      name: 'Assessment: EXCH02',
      seed: 112,
      hosts: [{ id: 'esx02', version: '4.0' }],
      datastores: [{ id: 'ds2', capacityGB: 250, fs: 'vmfs3' }],
      vms: [{
        id: vm, name: 'EXCH02', guest: 'windows2008', memoryMB: 8192, apps: ['exchange'],
        tools: { status: 'running', build: 82663, vss: true }, vssService: 'disabled', diskEnableUUID: false,
        toolsConf: { forceQuiesce: true },
        scripts: { preFreeze: 1 },
        disks: [{ id: 'disk1', capacityGB: 40 }, { id: 'logs', capacityGB: 30, role: 'log' }],
        workload: { profile: 'exchange', writeIOPS: 200 },
      }],
      backup: {
        proxies: [{ id: 'proxy02', transport: 'hotadd', MBps: 200 }],
        jobs: [{ id: job, name: 'Nightly backup', proxy: 'proxy02', vms: [vm], quiesce: true, truncateLogs: false, cbt: false }],
      },
    },
  },
  objectives: [
    {
      id: 'application-snapshot', text: 'A run of the Nightly backup backs up EXCH02 with application consistency',
      check: goodRun,
    },
    {
      id: 'logs-kept', text: 'Exchange\'s transaction logs are not truncated',
      check: { kind: 'all', checks: [
        goodRun,
        { kind: 'exchangeLogs', vm, maxTruncations: 0 },
      ] },
    },
    {
      id: 'quiesce-stays-strict', text: 'forceQuiesce stays on',
      check: { kind: 'all', checks: [
        goodRun,
        { kind: 'vmSetting', vm, setting: 'toolsConf.forceQuiesce', equals: true },
      ] },
    },
    {
      id: 'tidy', text: 'Afterwards EXCH02 has no snapshots, no deltas and nothing to consolidate',
      check: { kind: 'all', checks: [
        goodRun,
        { kind: 'snapshotCount', vm, max: 0 },
        { kind: 'chainDepth', vm, disk: 'disk1', max: 0 },
        { kind: 'chainDepth', vm, disk: 'logs', max: 0 },
        { kind: 'consolidationNeeded', vm, value: false },
      ] },
    },
    {
      id: 'writers', text: 'Every VSS writer of EXCH02 is stable',
      check: { kind: 'all', checks: [
        goodRun,
        { kind: 'writersStable', vm },
      ] },
    },
  ],
  hints: [],
  solution: [
    { command: { type: 'backup.run', job }, caption: 'Reproduce the nightly failure and read the run\'s message and the events' },
    { command: { type: 'clock.advance', ms: 30_000 } },
    { command: { type: 'vm.configure', vm, tools: { build: 208167 } }, caption: 'VMware Tools too old for VSS (before build 110268): upgrade it' },
    { command: { type: 'guest.exec', vm, command: 'sc config vss start= demand' }, caption: 'The Volume Shadow Copy service was Disabled' },
    { command: { type: 'backup.run', job } },
    { command: { type: 'clock.advance', ms: 30_000 }, caption: 'Now the pre-freeze script fails the quiesce' },
    { command: { type: 'vm.configure', vm, scripts: { preFreeze: 0 } }, caption: 'Fix the pre-freeze script (it exits 0 now)' },
    { command: { type: 'backup.run', job } },
    { command: { type: 'clock.advance', ms: 15 * 60_000 }, caption: 'The run succeeds, but Windows 2008 on ESX 4.0 is only file-system consistent' },
    { command: { type: 'host.configure', host: 'esx02', version: '4.1' }, caption: 'Windows 2008 application quiescing needs ESX 4.1 ...' },
    { command: { type: 'vm.powerOff', vm }, caption: '... and disk.EnableUUID=TRUE, which the VM reads at power-on: power it off,' },
    { command: { type: 'clock.advance', ms: 5_000 } },
    { command: { type: 'vm.configure', vm, diskEnableUUID: true }, caption: 'set disk.EnableUUID=TRUE,' },
    { command: { type: 'vm.powerOn', vm }, caption: 'and power it on again' },
    { command: { type: 'clock.advance', ms: 60_000 } },
    { command: { type: 'backup.run', job }, caption: 'Tonight\'s run' },
    { command: { type: 'clock.advance', ms: 15 * 60_000 }, caption: 'Application consistent; Exchange keeps its logs (COPY); the job removed its snapshot' },
  ],
  debrief: [
    'Four separate problems stood between EXCH02 and a consistent backup, each one hidden behind the same vCenter error until the one before it was fixed: a Tools build without VSS support (VMware Partner Exchange 2010, session TECHBC0320: "build must be 110268 or higher"), the VSS service Disabled ("must be set to Manual or Automatic"), a pre-freeze script that failed (the same talk\'s "pre- and post-quiesce scripts" run before VSS starts, and a non-zero exit fails the quiesce), and Windows 2008, which gets application quiescing only on ESX 4.1 or later with disk.EnableUUID=TRUE. That setting is read when the VM powers on: set on a running VM it changes nothing until the next power-off and power-on (VMs created on 4.1 or later have it TRUE from the start; EXCH02 was created on 4.0).',
    'With forceQuiesce on, the first three failed loudly. Without it, the old Tools would have fallen back to its LGTO_SYNC driver (file-system consistent), and once Tools had its VSS component, which VMware installs in place of LGTO_SYNC, the Disabled VSS service would have left only the null provider: a task that succeeds with a snapshot that is merely crash-consistent. The Windows 2008 limit fails nothing: VSS runs without writers and the snapshot is file-system consistent. Such backups look fine until an Exchange restore needs a consistent database, which is why the goal named the consistency.',
    'VMware Tools asked for COPY, so Exchange kept its logs for the backup product, and the job deleted its snapshot straight after the transfer, which kept the delta small, as the talk advises: "Try not to keep VMware snapshots around for a long time."',
  ].join('\n\n'),
};
