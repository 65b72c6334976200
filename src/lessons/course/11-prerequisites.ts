// Lesson 11: what VSS quiescing needs, the sync driver fallback, forceQuiesce, and powered-off VMs.
import type { LessonInput } from '../schema';

const vm = 'exch01';

export const prerequisites: LessonInput = {
  id: 'prerequisites',
  title: 'Prerequisites and the sync driver fallback',
  intro: [
    'VSS quiescing needs **all** of: ESX 3.5 Update 2 or later, VMware Tools build 110268 or later with its VSS component, the guest\'s Volume Shadow Copy service set to Manual or Automatic, and a running Windows guest.',
    'EXCH01 misses three of them. Take a quiesced snapshot anyway and read which mechanism VMware Tools used and how consistent the snapshot is. Set `forceQuiesce` in its tools.conf and try again. Then put each prerequisite right (host version, Tools build, `sc config vss start= demand`) until a quiesced snapshot is application consistent. Finally, ask for a quiesced snapshot of the powered-off template TMPL01.',
  ].join('\n\n'),
  lab: {
    definition: {
      name: 'Prerequisites and fallback',
      seed: 111,
      hosts: [{ id: 'esx01', version: '3.5' }],
      datastores: [{ id: 'ds1', capacityGB: 200, fs: 'vmfs3' }],
      vms: [
        {
          id: vm, name: 'EXCH01', guest: 'windows2003', memoryMB: 4096, apps: ['exchange'],
          tools: { status: 'running', build: 82663, vss: true }, vssService: 'disabled',
          disks: [{ id: 'disk1', capacityGB: 40 }, { id: 'logs', capacityGB: 20, role: 'log' }],
          workload: { profile: 'exchange', writeIOPS: 150 },
        },
        {
          id: 'tmpl01', name: 'TMPL01', guest: 'windows2003', memoryMB: 1024, power: 'poweredOff',
          disks: [{ id: 'disk1', capacityGB: 20, thin: true, usedGB: 6 }],
        },
      ],
    },
  },
  objectives: [
    {
      id: 'fallback', text: 'A quiesced snapshot falls back to the sync driver: file-system consistent only',
      check: { kind: 'all', checks: [
        { kind: 'event', event: 'syncDriver.freeze', vm, label: 'VMware Tools quiescing EXCH01 with the sync driver' },
        { kind: 'snapshotExists', vm, quiesced: true, consistency: 'filesystem' },
      ] },
    },
    {
      id: 'force', text: 'With forceQuiesce there is no fallback: the snapshot fails',
      check: { kind: 'task', task: 'Create virtual machine snapshot', vm, state: 'error', errorIncludes: 'cannot be initialized', label: 'a snapshot refused with "Requested quiescing cannot be initialized."' },
    },
    {
      id: 'prerequisites', text: 'Meet the prerequisites: ESX 3.5 U2+, Tools build 110268+, VSS service Manual or Automatic',
      check: { kind: 'all', checks: [
        { kind: 'hostVersion', host: 'esx01', atLeast: '3.5u2' },
        { kind: 'vmSetting', vm, setting: 'tools.build', atLeast: 110268 },
        { kind: 'vmSetting', vm, setting: 'vssService', oneOf: ['manual', 'automatic'] },
      ] },
    },
    {
      id: 'application', text: 'Then take an application-consistent quiesced snapshot of EXCH01',
      check: { kind: 'snapshotExists', vm, quiesced: true, consistency: 'application' },
    },
    {
      id: 'powered-off', text: 'Ask for a quiesced snapshot of the powered-off TMPL01 and see what you get',
      check: { kind: 'all', checks: [
        { kind: 'event', event: 'quiesce.ignored', vm: 'tmpl01', label: 'vSphere ignoring the quiesce flag for TMPL01' },
        { kind: 'snapshotExists', vm: 'tmpl01', consistency: 'poweredOff' },
      ] },
    },
  ],
  hints: [
    'The first VMware Tools event of a quiesce (in **Events**) says which mechanism VMware Tools chose and why.',
    '**VM settings** hold tools.conf: set forceQuiesce to true and press OK. The host version is in **Host settings…** (select esx01 in the Inventory); the VMware Tools build in VM settings.',
    'In the guest console: `sc config vss start= demand` (the space after "start=" matters).',
  ],
  solution: [
    { command: { type: 'snapshot.take', vm, name: 'quiesced-1', quiesce: true }, caption: 'VSS cannot start here: the sync driver stands in' },
    { command: { type: 'clock.advance', ms: 30_000 } },
    { command: { type: 'vm.configure', vm, toolsConf: { forceQuiesce: true } }, caption: 'tools.conf forceQuiesce=true: no fallback allowed' },
    { command: { type: 'snapshot.take', vm, name: 'quiesced-2', quiesce: true }, caption: '"Requested quiescing cannot be initialized."' },
    { command: { type: 'clock.advance', ms: 30_000 } },
    { command: { type: 'host.configure', host: 'esx01', version: '3.5u2' }, caption: 'Upgrade the host to ESX 3.5 Update 2' },
    { command: { type: 'vm.configure', vm, tools: { build: 208167 } }, caption: 'Upgrade VMware Tools (build 208167, with VSS support)' },
    { command: { type: 'guest.exec', vm, command: 'sc config vss start= demand' }, caption: 'Volume Shadow Copy service back to Manual' },
    { command: { type: 'snapshot.take', vm, name: 'quiesced-3', quiesce: true }, caption: 'Now VSS runs with the application writers' },
    { command: { type: 'clock.advance', ms: 30_000 } },
    { command: { type: 'snapshot.take', vm: 'tmpl01', name: 'template-quiesced', quiesce: true }, caption: 'A powered-off VM has nothing to quiesce' },
    { command: { type: 'clock.advance', ms: 10_000 } },
  ],
  debrief: [
    'The checklist of a VMware talk (VMware Partner Exchange 2010, session TECHBC0320) is exactly what you fixed: "VMware Tools build must be 110268 or higher", "VSS Service must be set to Manual or Automatic", "ESX 3.5 Update 2 is required for VSS support", "Be sure VSS support is installed with VMware Tools".',
    'Without them, Tools did not give up: "Sync driver can be used as a failback in the event VSS support fails." The LGTO_SYNC driver flushed and held the file systems, so the snapshot was file-system consistent, with no application writer involved. The fallback is chosen when VSS cannot start, not after VSS failed half way; `forceQuiesce` turns it off, and the snapshot fails instead of silently being less consistent.',
    'The LGTO_SYNC fallback was there only because this old Tools build still carried the driver. A Tools build with its VSS component installs that in place of LGTO_SYNC (the VDDK\'s quiescing table lists the "VMware VSS component" for Windows 2003 and later), so on such a guest a VSS service that cannot start leaves only open-vm-tools\' null provider: the task succeeds, vSphere even lists the snapshot as quiesced, and yet nothing was frozen: crash-consistent.',
    '"For VSS integration the VM must be powered on": for TMPL01 vSphere ignored the quiesce flag and took an ordinary snapshot, consistent because nothing was running.',
  ].join('\n\n'),
};
