// Restoring Exchange: what an application-aware point gives at mount, and what a crash-consistent
// image of the database alone needs (its logs) when a FULL backup has truncated them since.
import type { LessonInput } from '../schema';

const vm = 'exch01';
const HOUR = 3_600_000;

export const restoreExchange: LessonInput = {
  id: 'restore-exchange',
  title: 'Restore last night\'s Exchange',
  intro: [
    'A backup is judged at restore time. EXCH01 keeps its mailbox database on Hard disk 1 and its transaction logs on a separate log disk, and two backup jobs protect it: **Crash-consistent backup** takes an unquiesced snapshot, and **Application-aware backup** is the vendor\'s in-guest VSS requestor (backup type FULL), which truncates Exchange\'s logs after a good run.',
    'Press **Play**, **Run now** the crash-consistent job, let an hour pass, then **Run now** the application-aware job, and run an in-guest **Full** backup on EXCH01 (under the Guest console: Backup type Full, Start backup), which truncates Exchange\'s logs as any FULL backup does. Now restore **only the database disk** from the crash-consistent point (Restore… on its restore point, Overwrite the original VM, keep only Hard disk 1 ticked) and see whether the database mounts. Find out why in the Guest console (`eseutil /mh "Mailbox Database.edb"`), repair it, then restore the whole VM from the application-aware point and compare.',
  ].join('\n\n'),
  lab: {
    definition: {
      name: 'Restore last night\'s Exchange',
      seed: 117,
      hosts: [{ id: 'esx01', version: '5.0' }],
      datastores: [{ id: 'ds1', capacityGB: 300, fs: 'vmfs5', MBps: 200 }],
      vms: [{
        id: vm, name: 'EXCH01', guest: 'windows2008r2', memoryMB: 4096, apps: ['exchange'], ctkEnabled: true,
        tools: { status: 'running', build: 208167, vss: true }, vssService: 'manual',
        disks: [{ id: 'disk1', capacityGB: 40, usedGB: 8 }, { id: 'logs', capacityGB: 10, role: 'log' }],
        workload: { profile: 'exchange', writeIOPS: 60 },
      }],
      backup: {
        proxies: [{ id: 'proxy01', transport: 'hotadd', MBps: 400 }],
        repositories: [{ id: 'repo01', capacityGB: 1000, MBps: 300 }],
        jobs: [
          { id: 'crash', name: 'Crash-consistent backup', proxy: 'proxy01', vms: [vm], quiesce: false, cbt: true },
          { id: 'aware', name: 'Application-aware backup', proxy: 'proxy01', vms: [vm], quiesce: false, applicationAware: true, truncateLogs: true, cbt: true },
        ],
      },
    },
  },
  objectives: [
    {
      id: 'two-backups', text: 'Back EXCH01 up crash-consistent, then application-aware, and let a FULL backup truncate its logs',
      check: { kind: 'all', checks: [
        { kind: 'backupRun', job: 'crash', vm, state: 'success', label: 'a good run of the crash-consistent job' },
        { kind: 'backupRun', job: 'aware', vm, state: 'success', label: 'a good run of the application-aware job' },
        { kind: 'event', event: 'vss.backupDone', vm, messageIncludes: 'FULL', label: 'a FULL backup of EXCH01 completed in the guest' },
      ] },
    },
    {
      id: 'no-mount', text: 'Restore only the database disk from the crash-consistent point: the database stays in Dirty Shutdown',
      check: { kind: 'event', event: 'exchange.mountFailed', vm, label: 'EXCH01\'s database failing to mount after a restore' },
    },
    {
      id: 'repaired', text: 'Make it mountable without its logs, and mount it',
      check: { kind: 'all', checks: [
        { kind: 'event', event: 'exchange.repaired', vm, label: 'a hard repair of EXCH01\'s database' },
        { kind: 'exchangeDatabase', vm, state: 'mounted' },
      ] },
    },
    {
      id: 'aware-restore', text: 'Restore the whole VM from the application-aware point: it mounts at once',
      check: { kind: 'event', event: 'restore.done', vm, messageIncludes: 'Exchange writer', label: 'a restore of EXCH01 through the Exchange writer' },
    },
  ],
  hints: [
    'Backup jobs: Run now on each job; press Play (or a higher speed) so the runs finish. The in-guest Full backup is under the Guest console.',
    'Restore… on the crash-consistent point, Overwrite the original VM, keep only Hard disk 1 (the database disk) ticked under Disks, Power on VM after restoring.',
    'Guest console of EXCH01: `eseutil /mh "Mailbox Database.edb"`, `eseutil /r E00`, `eseutil /p "Mailbox Database.edb"`, then `net stop MSExchangeIS` and `net start MSExchangeIS`.',
  ],
  solution: [
    { command: { type: 'backup.run', job: 'crash' }, caption: 'An unquiesced snapshot: a crash-consistent image of database and logs' },
    { command: { type: 'clock.advance', ms: HOUR } },
    { command: { type: 'backup.run', job: 'aware' }, caption: 'The vendor\'s in-guest requestor: an application-aware point' },
    { command: { type: 'clock.advance', ms: HOUR } },
    { command: { type: 'guest.backup', vm, backupType: 'full' }, caption: 'A FULL backup in the guest truncates Exchange\'s logs' },
    { command: { type: 'clock.advance', ms: 10 * 60_000 } },
    { command: { type: 'restore.vm', point: 'repo01-1', mode: 'overwrite', disks: ['disk1'], powerOn: true }, caption: 'The database disk alone goes back' },
    { command: { type: 'clock.advance', ms: 10 * 60_000 }, caption: 'Dirty Shutdown, and the logs it needs are gone: -543' },
    { command: { type: 'guest.exec', vm, command: 'eseutil /mh "Mailbox Database.edb"' } },
    { command: { type: 'guest.exec', vm, command: 'eseutil /p "Mailbox Database.edb"' }, caption: 'Hard repair: consistent again, without what those logs held' },
    { command: { type: 'guest.exec', vm, command: 'net stop MSExchangeIS' } },
    { command: { type: 'guest.exec', vm, command: 'net start MSExchangeIS' }, caption: 'The store mounts the repaired database' },
    { command: { type: 'restore.vm', point: 'repo01-2', mode: 'overwrite', powerOn: true }, caption: 'The application-aware point, through the Exchange writer' },
    { command: { type: 'clock.advance', ms: 10 * 60_000 } },
  ],
  debrief: [
    'Every image of a mounted Exchange database is in **Dirty Shutdown**: ESE needs the transaction logs from its checkpoint onwards to bring it to a consistent state. Restored together with its own logs, that is routine (soft recovery when the store starts). Restored alone, it depends on the logs still on the log disk; the FULL backup had truncated exactly those, so the store could not mount it (error -543, required log files missing) and only a hard repair, which throws away what those logs held, made it mountable.',
    'The application-aware point was restored through the Exchange writer, which replays the logs as part of the restore: the database came back consistent and mounted at once. That is what "application consistent" buys at restore time, and why a backup that truncates logs must be the one you restore from.',
  ].join('\n\n'),
};
