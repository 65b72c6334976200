// Lesson 7: the VSS roles and sequence behind a quiesced VMware snapshot.
import type { LessonInput } from '../schema';

const vm = 'exch01';

export const vssFlow: LessonInput = {
  id: 'vss-flow',
  title: 'The VSS flow behind a quiesced snapshot',
  intro: [
    'A plain snapshot of a running VM is **crash consistent**: the disks look as if the power was cut. With **Quiesce guest file system**, VMware Tools asks Windows\' Volume Shadow Copy Service (VSS) to bring the applications to a consistent point first.',
    'VSS has three roles: a **requestor** asks for a shadow copy (here VMware Tools), **writers** (one per application: Exchange, SQL, the registry ...) make their data consistent, and a **provider** creates the shadow copy.',
    'In EXCH01\'s guest console run `vssadmin list writers` and `vssadmin list providers`. Take a quiesced snapshot and run them again **while it runs** (with the clock paused, press **Step to next event** to move through it one event at a time), then once more after. Follow the **VSS timeline**: freeze, the VMware snapshot, thaw.',
  ].join('\n\n'),
  lab: {
    definition: {
      name: 'The VSS flow',
      seed: 107,
      hosts: [{ id: 'esx01', version: '4.0' }],
      datastores: [{ id: 'ds1', capacityGB: 200, fs: 'vmfs3' }],
      vms: [{
        id: vm, name: 'EXCH01', guest: 'windows2003', memoryMB: 4096, apps: ['exchange'],
        tools: { status: 'running', build: 208167, vss: true },
        disks: [{ id: 'disk1', capacityGB: 40 }, { id: 'logs', capacityGB: 20, role: 'log' }],
        workload: { profile: 'exchange', writeIOPS: 150 },
      }],
    },
  },
  objectives: [
    {
      id: 'quiesced', text: 'Take a quiesced, application-consistent snapshot of EXCH01',
      check: { kind: 'snapshotExists', vm, quiesced: true, consistency: 'application' },
    },
    {
      id: 'copy', text: 'VMware Tools asks VSS for a COPY backup',
      check: { kind: 'event', event: 'vss.prepareBackup', vm, messageIncludes: 'VSS_BT_COPY', label: 'VMware Tools setting backup type VSS_BT_COPY' },
    },
    {
      id: 'freeze-snapshot-thaw', text: 'The writers freeze, the VMware snapshot is taken, then the writers thaw',
      check: { kind: 'sequence', steps: [
        { event: 'vss.freeze', vm, label: 'the writers freezing' },
        { event: 'vss.flushAndHold', vm, label: 'writes flushed and held' },
        { event: 'vm.snapshotCreated', vm, label: 'the VMware snapshot' },
        { event: 'vss.releaseWrites', vm, label: 'writes released' },
        { event: 'vss.thaw', vm, label: 'the writers thawing' },
      ] },
    },
    {
      id: 'provider', text: 'The VMware Snapshot Provider appears for the quiesce only',
      check: { kind: 'sequence', steps: [
        { event: 'provider.registered', vm, label: 'the VMware Snapshot Provider being registered' },
        { event: 'vm.snapshotCreated', vm, label: 'the VMware snapshot' },
        { event: 'provider.unregistered', vm, label: 'the VMware Snapshot Provider being unregistered' },
      ] },
    },
    {
      id: 'discarded', text: 'The shadow copy is discarded once the VMware snapshot holds the data',
      check: { kind: 'sequence', steps: [
        { event: 'vm.snapshotCreated', vm, label: 'the VMware snapshot' },
        { event: 'vss.shadowDiscarded', vm, label: 'the shadow copy being discarded' },
      ] },
    },
  ],
  hints: [
    'In the Take Snapshot dialog, leave memory off and tick "Quiesce guest file system (Needs VMware Tools installed)".',
    'A quiesce takes a few seconds of simulated time. Pause the clock, take the snapshot, then step it by one or two seconds and run `vssadmin list providers` in between.',
    'The VSS timeline and the event list show each writer\'s OnFreeze, the flush-and-hold, the snapshot, OnThaw and the discarded shadow copy in order.',
  ],
  solution: [
    { command: { type: 'guest.exec', vm, command: 'vssadmin list writers' }, caption: 'Before: every writer [1] Stable' },
    { command: { type: 'guest.exec', vm, command: 'vssadmin list providers' }, caption: 'Before: only the Microsoft Software Shadow Copy provider' },
    { command: { type: 'snapshot.take', vm, name: 'backup-0200', description: 'Nightly backup', quiesce: true }, caption: 'Take a quiesced snapshot' },
    { command: { type: 'clock.advance', ms: 2_000 }, caption: 'Two seconds in: the writers are being frozen' },
    { command: { type: 'guest.exec', vm, command: 'vssadmin list providers' }, caption: 'During: the VMware Snapshot Provider is listed' },
    { command: { type: 'guest.exec', vm, command: 'vssadmin list writers' }, caption: 'During: writers waiting for freeze or thaw' },
    { command: { type: 'clock.advance', ms: 30_000 }, caption: 'The quiesce completes' },
    { command: { type: 'guest.exec', vm, command: 'vssadmin list providers' }, caption: 'After: the VMware provider is gone again' },
    { command: { type: 'guest.exec', vm, command: 'vssadmin list shadows' }, caption: 'After: no shadow copy is kept' },
  ],
  debrief: [
    'You watched the five steps of VSS as a VMware talk (VMware Partner Exchange 2010, session TECHBC0320) gives them: the requestor asks for a shadow copy, the writers are told to freeze, the provider creates the shadow copy, the writers thaw, the requestor uses the copy. With VMware Tools as requestor one step is added: **the VMware snapshot is taken while the writers are frozen and writes are held**, before thaw.',
    'The VMware Snapshot Provider is "dynamically loaded only at snapshot time and then unloaded", which is why `vssadmin list providers` shows it only during a quiesce. After the snapshot, "the shadow copy created by the provider is discarded because it is no longer needed": the VMware snapshot already holds the data.',
    'VMware Tools engaged **all** writers and asked for the **COPY** backup type; the talk notes that you cannot choose which writers take part.',
  ].join('\n\n'),
};
