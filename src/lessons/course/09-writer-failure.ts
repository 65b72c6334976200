// Lesson 9: a VSS writer fails; diagnose it with vssadmin and the event log, restart its service, retry.
import type { LessonInput } from '../schema';

const vm = 'exch01';
const EXCHANGE_WRITER = 'Microsoft Exchange Writer';

export const writerFailure: LessonInput = {
  id: 'writer-failure',
  title: 'Writer failure: diagnose, restart, retry',
  intro: [
    'The nightly quiesced snapshot of EXCH01 failed with vCenter\'s least helpful message: "An error occurred while saving the snapshot: Failed to quiesce the virtual machine." The reason is inside the guest.',
    'Make it happen: inject a **writer error** into the Microsoft Exchange Writer at **freeze** (the Break something panel) and take a quiesced snapshot. Then diagnose from the guest console: `vssadmin list writers` (which writer failed, in which state, with which error?) and `eventvwr application` (VSS event 8229). Fix the cause (clear the fault), restart the writer\'s service (`net stop MSExchangeIS`, `net start MSExchangeIS`) and retry.',
  ].join('\n\n'),
  lab: {
    definition: {
      name: 'Writer failure',
      seed: 109,
      hosts: [{ id: 'esx01', version: '4.0' }],
      datastores: [{ id: 'ds1', capacityGB: 200, fs: 'vmfs3' }],
      vms: [{
        id: vm, name: 'EXCH01', guest: 'windows2003', memoryMB: 4096, apps: ['exchange'],
        disks: [{ id: 'disk1', capacityGB: 40 }, { id: 'logs', capacityGB: 20, role: 'log' }],
        workload: { profile: 'exchange', writeIOPS: 150 },
      }],
    },
  },
  objectives: [
    {
      id: 'fails', text: 'A quiesced snapshot of EXCH01 fails because a writer failed',
      check: { kind: 'all', checks: [
        { kind: 'event', event: 'vss.abort', vm, label: 'VSS aborting a shadow copy set on EXCH01' },
        { kind: 'task', task: 'Create virtual machine snapshot', vm, state: 'error', errorIncludes: 'Failed to quiesce', label: 'a quiesced snapshot task failing' },
      ] },
    },
    {
      id: 'event-8229', text: 'The guest\'s Application log records the writer\'s rejection (VSS 8229)',
      check: { kind: 'guestEvent', vm, source: 'VSS', id: 8229, label: 'VSS event 8229 in EXCH01\'s Application log' },
    },
    {
      id: 'restart', text: 'After the failure, restart the Exchange writer\'s service (MSExchangeIS)',
      check: { kind: 'guestEvent', vm, source: 'Service Control Manager', id: 7036, messageIncludes: 'Microsoft Exchange Information Store service entered the running state', after: 'quiesce.failed', label: 'the Microsoft Exchange Information Store service starting' },
    },
    {
      id: 'retry', text: 'Retry: the quiesce succeeds and the snapshot is application consistent',
      check: { kind: 'all', checks: [
        { kind: 'sequence', steps: [
          { event: 'quiesce.failed', vm, label: 'a failed quiesce of EXCH01' },
          { event: 'quiesce.done', vm, label: 'a quiesce that succeeded' },
        ] },
        { kind: 'snapshotExists', vm, quiesced: true, consistency: 'application' },
        { kind: 'writersStable', vm },
      ] },
    },
  ],
  hints: [
    'The fault, as **Break something** sets it: Fault "Writer error", Writer "Microsoft Exchange Writer", Event "freeze", a retryable error.',
    'In `vssadmin list writers` every writer shows [9] Failed (the freeze was aborted for all), but only the culprit shows an error other than "No error".',
    'A writer stays failed until a later backup succeeds or the service hosting it restarts: the Exchange writer lives in the Information Store (MSExchangeIS).',
  ],
  solution: [
    { command: { type: 'fault.inject', vm, fault: { kind: 'writerError', writer: EXCHANGE_WRITER, phase: 'freeze', error: 'retryable' } }, caption: 'Break something: the Exchange writer fails at freeze' },
    { command: { type: 'snapshot.take', vm, name: 'backup-0200', quiesce: true }, caption: 'The nightly quiesced snapshot' },
    { command: { type: 'clock.advance', ms: 30_000 }, caption: 'The task fails: "Failed to quiesce the virtual machine."' },
    { command: { type: 'guest.exec', vm, command: 'vssadmin list writers' }, caption: 'Every writer [9] Failed; the Exchange writer says Retryable error' },
    { command: { type: 'guest.exec', vm, command: 'eventvwr application 5' }, caption: 'VSS 8229: the writer rejected the Freeze event' },
    { command: { type: 'fault.clear', vm }, caption: 'The cause is dealt with' },
    { command: { type: 'guest.exec', vm, command: 'net stop MSExchangeIS' } },
    { command: { type: 'guest.exec', vm, command: 'net start MSExchangeIS' }, caption: 'Restarting the service brings its writer back [1] Stable' },
    { command: { type: 'guest.exec', vm, command: 'vssadmin list writers' } },
    { command: { type: 'snapshot.take', vm, name: 'backup-0200-retry', quiesce: true }, caption: 'Retry the quiesced snapshot' },
    { command: { type: 'clock.advance', ms: 30_000 } },
  ],
  debrief: [
    'The checklist of a VMware talk (VMware Partner Exchange 2010, session TECHBC0320) says "VMware Tools must be running and VSS must be functioning properly": a single failing writer fails the whole quiesce, because VSS never makes a partial shadow copy set. vCenter only reports "Failed to quiesce the virtual machine"; the why is in the guest.',
    '`vssadmin list writers` shows the state number (here [9], failed at freeze) and only the culprit carries a real Last error. The Application log\'s VSS event 8229 names the writer and the event it rejected. A writer stays failed until a later session succeeds or its hosting service restarts, which is why restarting MSExchangeIS is the usual first fix.',
    'A retryable error often clears on a retry; a non-retryable one, or "Inconsistent shadow copy", needs the application fixed first.',
  ].join('\n\n'),
};
