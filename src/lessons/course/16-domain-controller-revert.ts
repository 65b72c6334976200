// A domain controller reverted to a snapshot: USN rollback on a Windows Server 2008 R2 DC, and the
// VM-Generation ID safeguard of a Windows Server 2012 DC on a host that exposes it.
import type { LessonInput } from '../schema';

const dc01 = 'dc01';
const dc03 = 'dc03';
const HOUR = 3_600_000;

export const domainControllerRevert: LessonInput = {
  id: 'domain-controller-revert',
  title: 'The domain controller you reverted',
  intro: [
    'Reverting a snapshot is harmless for most servers. For a **domain controller** it is not: Active Directory numbers every change with an update sequence number (USN) under the DC\'s **invocation ID**, and each partner remembers the highest USN it has received from it. Put the DC\'s disks back in time and it hands out the same numbers again for new changes; its partners think they already have them and silently ignore them. Windows notices at the next replication and stops the DC: a **USN rollback**.',
    'DC01 and DC02 run Windows Server 2008 R2 on ESXi 5.0. DC03 runs Windows Server 2012 on ESXi 5.1, a host that gives each VM a **VM-Generation ID** that changes whenever a snapshot is applied.',
    'Take a snapshot of DC01, press **Play** and let the domain work for an hour or more (each DC makes about one change a minute), then **Revert to Snapshot** and power DC01 on. Play again for a few minutes so the DCs replicate. In DC01\'s Guest console, `repadmin /showrepl` and `eventvwr directory` show what Windows found. Then do the same with DC03 and compare.',
  ].join('\n\n'),
  lab: { builtIn: 'domain', changes: { name: 'The domain controller you reverted' } },
  objectives: [
    {
      id: 'rollback', text: 'Revert DC01 to a snapshot at least an hour old and power it on: replication finds a USN rollback',
      check: { kind: 'directory', vm: dc01, usnRollback: true },
    },
    {
      id: 'evidence', text: 'Read the evidence in DC01\'s Guest console: `repadmin /showrepl`',
      check: { kind: 'all', checks: [
        { kind: 'directory', vm: dc01, usnRollback: true },
        { kind: 'event', event: 'guest.exec', vm: dc01, messageIncludes: 'repadmin', label: 'repadmin run in DC01\'s Guest console' },
      ] },
    },
    {
      id: 'generation-id', text: 'Revert DC03 the same way: it takes a new invocation ID and keeps replicating',
      check: { kind: 'directory', vm: dc03, invocationReset: true, usnRollback: false },
    },
  ],
  hints: [
    'Select DC01, Take Snapshot..., then Play for at least an hour of lab time (a higher speed helps).',
    'A snapshot without memory leaves DC01 powered off after the revert: Power On, then Play a few more minutes.',
    'In the Guest console of DC01: `repadmin /showrepl` lists the partners and DISABLE_INBOUND_REPL / DISABLE_OUTBOUND_REPL; `eventvwr directory` shows event 2095.',
  ],
  solution: [
    { command: { type: 'snapshot.take', vm: dc01, name: 'before-patch' }, caption: 'A snapshot of a healthy DC01' },
    { command: { type: 'clock.advance', ms: 2 * HOUR }, caption: 'The domain keeps working: DC01 hands out new USNs, its partners record them' },
    { command: { type: 'snapshot.revert', vm: dc01, snapshot: 'before-patch' }, caption: 'DC01\'s database goes back two hours' },
    { command: { type: 'clock.advance', ms: 10_000 } },
    { command: { type: 'vm.powerOn', vm: dc01 } },
    { command: { type: 'clock.advance', ms: 15 * 60_000 }, caption: 'At the next replication DC02 already holds USNs DC01 now reuses: event 2095' },
    { command: { type: 'guest.exec', vm: dc01, command: 'repadmin /showrepl' }, caption: 'DISABLE_INBOUND_REPL DISABLE_OUTBOUND_REPL' },
    { command: { type: 'snapshot.take', vm: dc03, name: 'before-patch' } },
    { command: { type: 'clock.advance', ms: 2 * HOUR } },
    { command: { type: 'snapshot.revert', vm: dc03, snapshot: 'before-patch' }, caption: 'ESXi 5.1 gives DC03 a new VM-Generation ID' },
    { command: { type: 'clock.advance', ms: 10_000 } },
    { command: { type: 'vm.powerOn', vm: dc03 } },
    { command: { type: 'clock.advance', ms: 15 * 60_000 }, caption: 'DC03 took a new invocation ID (events 2170 and 1109) and replicates on' },
  ],
  debrief: [
    'DC01 came back with its old highest USN under its old invocation ID. DC02 had already received DC01\'s changes up to a higher USN, so every change DC01 made after the revert carried a number DC02 considered old news. Windows detects exactly this (Microsoft KB 875495): NTDS Replication event 2095, Netlogon paused, the "Dsa Not Writable" registry value set, replication disabled in both directions. Nothing warned you at revert time; with no partner running, it would have gone unnoticed.',
    'The recovery is not another revert: demote DC01 and promote it again, or restore it with a backup application that restores Active Directory through its VSS writer (a non-authoritative restore), which gives the DC a new invocation ID.',
    'DC03 did that by itself. ESXi 5.1 (from 5.0 Update 2) changed its VM-Generation ID when the snapshot was applied; Windows Server 2012 compared it with the msDS-GenerationId it had stored, logged event 2170, took a new invocation ID (event 1109) and discarded its RID pool. Its partners then replicated its new changes normally. Both halves are needed: a 2008 R2 DC on a new host, or a 2012 DC on an old one, rolls back like DC01.',
  ].join('\n\n'),
};
