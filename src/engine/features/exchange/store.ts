// The Exchange Information Store's view of its database after the disks went back in time: an image
// of a mounted database is in Dirty Shutdown and needs its logs replayed from its checkpoint (soft
// recovery) before it mounts; with those logs gone, only a hard repair makes it mountable, with data
// lost (docs/rules/restores.md rule 4). `eseutil` in the guest console shows and does the same.
import type { LabContext } from '../context';
import type { Vm } from '../../model/vm';
import type { ExchangeState } from '../../model/guest/guestState';
import { guestEvent } from '../guest/eventLog';
import { formatBytes } from '../../core/format';

/** How far behind the end of the logs ESE's checkpoint trails: the logs a crash needs replayed. */
export const CHECKPOINT_DEPTH_BYTES = 20 * 1024 * 1024;
const LOG_FILE_BYTES = 1024 * 1024;

/** Generation number of the log file at a position in the log stream (1 MB logs, from generation 1). */
const generation = (position: number): number => Math.floor(position / LOG_FILE_BYTES) + 1;

/**
 * The database as a disk image holds it: an image of a mounted database is in Dirty Shutdown, needing
 * its logs from its checkpoint onwards; a dismounted or cleanly shut down one needs none.
 */
export function databaseImage(ex: ExchangeState): ExchangeState {
  if (ex.databaseState !== 'mounted' && ex.databaseState !== 'dirtyShutdown') return { ...ex };
  const end = ex.truncatedBytes + ex.logBytes;
  const from = ex.databaseState === 'dirtyShutdown' && ex.requiredLogFrom != null
    ? ex.requiredLogFrom : Math.max(ex.truncatedBytes, end - Math.min(ex.logBytes, CHECKPOINT_DEPTH_BYTES));
  return { ...ex, databaseState: 'dirtyShutdown', requiredLogFrom: from };
}

/** Can the logs on the log volume replay the database? They must start at or before its checkpoint. */
export const logsReachCheckpoint = (ex: ExchangeState): boolean =>
  ex.requiredLogFrom != null && ex.truncatedBytes <= ex.requiredLogFrom;

/** The store starts (the guest boots, or MSExchangeIS is started): it mounts what it can. */
export function storeStarts(lab: LabContext, vm: Vm): void {
  const ex = vm.guest.exchange;
  if (!ex) return;
  if (ex.databaseState === 'cleanShutdown') { mount(lab, vm, ex, 'The database was in Clean Shutdown: it mounted without recovery.'); return; }
  if (ex.databaseState !== 'dirtyShutdown') return;
  if (logsReachCheckpoint(ex)) {
    guestEvent(lab, vm, 'Application', 'Information', 'ESE', 301, `Information Store: the database engine has begun replaying log files from generation ${generation(ex.requiredLogFrom!)} to ${generation(ex.truncatedBytes + ex.logBytes)}.`);
    ex.requiredLogFrom = null;
    mount(lab, vm, ex, 'Soft recovery replayed the database\'s logs at mount: it was in Dirty Shutdown and its logs were there.');
    return;
  }
  guestEvent(lab, vm, 'Application', 'Error', 'MSExchangeIS', 9519,
    `Error -543 (JET_errRequiredLogFilesMissing) starting database on the Microsoft Exchange Information Store. The database needs log generation ${generation(ex.requiredLogFrom ?? 0)}, but the log volume starts at generation ${generation(ex.truncatedBytes)}.`);
  lab.log(vm, 'guest', 'exchange.mountFailed',
    `${vm.name}: the mailbox database did not mount. It is in Dirty Shutdown and the logs it needs (from generation ${generation(ex.requiredLogFrom ?? 0)}) are gone; only a hard repair (eseutil /p) will make it mountable, losing what those logs held.`);
}

function mount(lab: LabContext, vm: Vm, ex: ExchangeState, why: string): void {
  ex.databaseState = 'mounted';
  ex.requiredLogFrom = null;
  guestEvent(lab, vm, 'Application', 'Information', 'MSExchangeIS', 9523, 'The database has been mounted (the Microsoft Exchange Information Store started it).');
  lab.log(vm, 'guest', 'exchange.mounted', `${vm.name}: the mailbox database is mounted. ${why}`);
}

const HELP = 'Usage: eseutil /mh <database>   the database header (State, Log Required)\n'
  + '       eseutil /r E00          soft recovery: replay the logs into a dismounted database\n'
  + '       eseutil /p <database>   hard repair: make a database consistent without its logs (data is lost)\n';

/** `eseutil` in the console of a VM running Exchange; null elsewhere (cmd.exe does not know it). */
export function eseutil(lab: LabContext, vm: Vm, args: string[]): string | null {
  const ex = vm.guest.exchange;
  if (!ex) return null;
  const mode = (args[0] ?? '').toLowerCase();
  const db = 'Mailbox Database.edb';
  if (mode === '/mh') {
    const dirty = ex.databaseState === 'dirtyShutdown' || ex.databaseState === 'mounted';
    const required = ex.databaseState === 'dirtyShutdown' && ex.requiredLogFrom != null
      ? `${generation(ex.requiredLogFrom)}-${generation(ex.truncatedBytes + ex.logBytes)}` : '0-0';
    return `Extensible Storage Engine Utilities for Microsoft(R) Exchange Server\n\nInitiating FILE DUMP mode...\n         Database: ${db}\n\n`
      + `            State: ${dirty ? 'Dirty Shutdown' : 'Clean Shutdown'}\n     Log Required: ${required}\n`
      + `      Log volume: generations ${generation(ex.truncatedBytes)}-${generation(ex.truncatedBytes + ex.logBytes)} (${formatBytes(ex.logBytes)})\n`
      + (ex.databaseState === 'mounted' ? '\n(The database is mounted: the header of a running database always says Dirty Shutdown.)\n' : '')
      + '\nOperation completed successfully.\n';
  }
  if (mode === '/r' || mode === '/p') {
    if (ex.databaseState === 'mounted') return `Operation terminated with error -1032 (JET_errFileAccessDenied, Cannot access file, the file is locked or in use): ${db} is mounted.\n`;
    if (ex.databaseState !== 'dirtyShutdown') return 'The database is already in Clean Shutdown: nothing to recover.\n\nOperation completed successfully.\n';
    if (mode === '/r') {
      if (!logsReachCheckpoint(ex)) {
        return `Initiating RECOVERY mode...\n\nOperation terminated with error -543 (JET_errRequiredLogFilesMissing, The required log files for recovery are missing).\n`;
      }
      guestEvent(lab, vm, 'Application', 'Information', 'ESE', 301, 'eseutil: the database engine replayed the log files into the database.');
      ex.databaseState = 'cleanShutdown';
      ex.requiredLogFrom = null;
      lab.log(vm, 'guest', 'exchange.recovered', `${vm.name}: soft recovery (eseutil /r) replayed the logs; the database is in Clean Shutdown and mounts when the store starts.`);
      return 'Initiating RECOVERY mode...\n    Logfile base name: E00\n\nPerforming soft recovery...\n\nOperation completed successfully.\n';
    }
    guestEvent(lab, vm, 'Application', 'Warning', 'ESE', 500, 'eseutil /p: the database was repaired without its log files; transactions those logs held are lost.');
    ex.databaseState = 'cleanShutdown';
    ex.requiredLogFrom = null;
    lab.log(vm, 'guest', 'exchange.repaired', `${vm.name}: hard repair (eseutil /p) made the database consistent without its logs: what they held is lost. It mounts when the store starts.`);
    return 'Initiating REPAIR mode...\n\nWARNING: Database repair may cause data loss. Repair completed.\n\nOperation completed successfully.\n';
  }
  return HELP;
}
