// Backup types (vss.md rules 11-14): VSS_BACKUP_TYPE values, which types each application writer
// supports (an unsupported type is backed up as FULL), and what BackupComplete does to Exchange's
// transaction logs and to SQL Server's backup history.
import type { LabContext } from '../context';
import type { Vm } from '../../model/vm';
import type { BACKUP_TYPES } from '../../core/commands';
import { guestEvent } from '../guest/eventLog';
import { stableGuid } from '../../core/ids';
import { formatBytes } from '../../core/format';

export type BackupType = (typeof BACKUP_TYPES)[number];

export const VSS_BT: Record<BackupType, number> = { full: 1, incremental: 2, differential: 3, log: 4, copy: 5 };
export const BT_WORD: Record<BackupType, string> = { full: 'FULL', incremental: 'INCREMENTAL', differential: 'DIFFERENTIAL', log: 'LOG', copy: 'COPY' };

// Exchange supports Full, Copy, Incremental and Differential (EXCH); SQL Server Full, Differential
// and Copy, never Log (SQLW). Other writers take any type.
const SUPPORTED: Record<string, BackupType[]> = {
  'Microsoft Exchange Writer': ['full', 'copy', 'incremental', 'differential'],
  SqlServerWriter: ['full', 'copy', 'differential'],
};

/** The type a writer actually backs up for the requested one (rule 11). */
export function effectiveType(writer: string, requested: BackupType): BackupType {
  const s = SUPPORTED[writer];
  return !s || s.includes(requested) ? requested : 'full';
}

/** Exchange truncates at BackupComplete after Full or Incremental only (rule 12). */
export function truncates(type: BackupType): boolean {
  return type === 'full' || type === 'incremental';
}

const LOG_FILE_BYTES = 1024 * 1024; // Exchange 2007 transaction log files are 1 MB each
const LOG_DIR = 'C:\\Program Files\\Microsoft\\Exchange Server\\Mailbox\\First Storage Group';
const gen = (n: number) => `E00${n.toString(16).toUpperCase().padStart(8, '0')}.log`;

/**
 * BackupComplete for the Exchange writer: logs that the shadow copy captured (`logsAtCommit`) are
 * deleted after Full / Incremental; logs written since stay. Copy and Differential keep them all.
 */
export function exchangeBackupComplete(lab: LabContext, vm: Vm, requested: BackupType, logsAtCommit: number): string {
  const ex = vm.guest.exchange;
  if (!ex) return '';
  const type = effectiveType('Microsoft Exchange Writer', requested);
  if (!truncates(type)) {
    return `Exchange keeps its ${formatBytes(ex.logBytes)} of transaction logs: a ${BT_WORD[type]} backup does not truncate them.`;
  }
  const cut = Math.min(ex.logBytes, logsAtCommit);
  const first = Math.floor(ex.truncatedBytes / LOG_FILE_BYTES) + 1;
  ex.logBytes -= cut;
  ex.truncatedBytes += cut;
  ex.truncations++;
  if (type === 'full') ex.lastFullBackup = lab.now;
  const last = Math.floor(ex.truncatedBytes / LOG_FILE_BYTES);
  if (last >= first) {
    guestEvent(lab, vm, 'Application', 'Information', 'ESE', 224,
      `Information Store (2436) First Storage Group: Deleting log files ${LOG_DIR}\\${gen(first)} to ${LOG_DIR}\\${gen(last)}.`);
  }
  return `Exchange truncated ${formatBytes(cut)} of transaction logs after a ${BT_WORD[type]} backup${requested !== type ? ` (${BT_WORD[requested]} requested; the writer does not support it)` : ''}.`;
}

/**
 * BackupComplete for the SQL writer (rule 13): VSS never truncates SQL's log. Every backup goes into
 * msdb's history; a COPY one as a Full flagged copy-only (backupset.is_copy_only = 1), which moves
 * neither the differential base nor the log chain. A non-copy Full is the new differential base.
 */
export function sqlBackupComplete(lab: LabContext, vm: Vm, requested: BackupType): string {
  const sql = vm.guest.sql;
  if (!sql) return '';
  const type = effectiveType('SqlServerWriter', requested);
  const copyOnly = type === 'copy';
  sql.backups++;
  sql.lastBackupType = copyOnly ? 'full' : type;
  sql.lastCopyOnly = copyOnly;
  if (copyOnly) sql.copyOnlyBackups++;
  if (type === 'full') sql.differentialBase = lab.now;
  const device = stableGuid(lab.seed, vm.id, 'sql-device', sql.backups);
  guestEvent(lab, vm, 'Application', 'Information', 'MSSQLSERVER', 18264,
    `Database backed up. Database: master, number of dump devices: 1, device information: (FILE=1, TYPE=VIRTUAL_DEVICE: {'${device}'}). This is an informational message only. No user action is required.`);
  if (copyOnly) return 'SQL Server recorded a copy-only FULL backup in msdb (is_copy_only = 1): the differential base and the log chain stay as they were; its log is not truncated by VSS.';
  return `SQL Server recorded a ${BT_WORD[type]} backup in msdb${type === 'full' ? ', the new differential base' : ''}${requested !== type ? ` (${BT_WORD[requested]} requested; the writer does not support it)` : ''}; its log is not truncated by VSS.`;
}
