// The guest OS side of a VM that quiescing needs: services, VSS writers, volumes, shadow copies, the
// Windows event log and application data. Filled in by guest/ and vss/ modules; the snapshot engine
// only reads it through them.
import type { QuiesceView } from '../../core/view';
import type { VssWriterState } from '../../core/vssWriterState';
import { copyDirectory, type DirectoryState } from './directory';

export interface WriterState {
  name: string;
  id: string;
  instanceId: string;
  service: string;
  state: VssWriterState;
  lastError: number;  // HRESULT, 0 for none
}

/** The VSS session in progress in a guest, as its state records it (features/vss/session.ts runs it). */
export interface GuestSession {
  readonly ended: boolean;
  readonly phase: string;
  readonly writers: readonly WriterState[];
  readonly spec: { readonly requestor: string; readonly backupType: string; readonly application: boolean };
  cancel(why: 'timeout' | 'power', reason: string): void;
}

export type StartupType = 'automatic' | 'manual' | 'disabled';

/** A Windows service: its short name (net start), display name, startup type and whether it runs. */
export interface ServiceState { name: string; displayName: string; startup: StartupType; running: boolean }

/** A guest volume: one per virtual disk (C: on the first, D: on the second ...). */
export interface VolumeState { letter: string; guid: string; disk: string }

/** A shadow copy as `vssadmin list shadows` shows it; it lives only while its session holds it. */
export interface ShadowCopy {
  setId: string;
  id: string;
  volume: VolumeState;
  createdAt: number;
  provider: string;
  type: 'Backup' | 'FileShareBackup';
  index: number;      // HarddiskVolumeShadowCopyN
}

/** One entry of the Windows event log (Application or System). */
export interface GuestEvent {
  time: number;
  log: 'Application' | 'System' | 'Directory Service';
  level: 'Information' | 'Warning' | 'Error';
  source: string;
  id: number;
  message: string;
}

/**
 * The Exchange store's database as ESE keeps it: "mounted" while the store runs it; "dirtyShutdown"
 * in any image taken while it was mounted, until its logs are replayed; "cleanShutdown" once replayed
 * or repaired and not yet mounted; "dismounted" when the store took it offline (a full log volume).
 */
export type ExchangeDatabaseState = 'mounted' | 'dismounted' | 'dirtyShutdown' | 'cleanShutdown';

export interface ExchangeState {
  logBytes: number; truncations: number; lastFullBackup: number | null; truncatedBytes: number;
  databaseState: ExchangeDatabaseState;
  /**
   * Where in the log stream (bytes ever written, truncated ones included) a database image needs its
   * logs from to replay: set while the database is in Dirty Shutdown, null otherwise. Logs on the log
   * volume start at truncatedBytes, so replay works while truncatedBytes <= requiredLogFrom.
   */
  requiredLogFrom?: number | null;
}
/**
 * SQL Server's backup history as msdb keeps it (vss.md rule 13): every backup is a row, a COPY one
 * flagged copy-only; only a non-copy Full moves the differential base.
 */
export interface SqlState { differentialBase: number | null; lastBackupType: string | null; backups: number; copyOnlyBackups: number; lastCopyOnly: boolean }

export interface GuestState {
  writers: WriterState[];
  services: ServiceState[];
  volumes: VolumeState[];
  shadows: ShadowCopy[];
  eventLog: GuestEvent[];
  exchange: ExchangeState | null;
  sql: SqlState | null;
  /** Active Directory on a domain controller (apps "ad" on a Windows guest); features/directory runs it. */
  directory: DirectoryState | null;
  /** The VSS session in progress (one at a time: VSS_E_SNAPSHOT_SET_IN_PROGRESS otherwise). */
  session: GuestSession | null;
  /** Requestors at work in the guest (a VMware Tools quiesce, a backup application); a power-off ends them. */
  requestors: Requestor[];
  /** The VMware Snapshot Provider (vmvss) is registered only while VMware Tools quiesces. */
  vmwareProvider: boolean;
  /** Shadow copies created since boot: the N of HarddiskVolumeShadowCopyN. */
  shadowSeq: number;
  /** Counts boots and power-offs, so work scheduled for an earlier boot can tell it is stale. */
  bootId: number;
  /** The last quiesce: which mechanism ran and why (shown in the state view). */
  lastQuiesce: QuiesceSummary | null;
  /** The recent quiesces, oldest first (at most QUIESCES_KEPT); the last is lastQuiesce. */
  quiesces: QuiesceSummary[];
}

export interface Requestor { cancel(reason: string): void }

/** What the state view shows of a VM's latest quiesce (lab/view.ts QuiesceView). */
export type QuiesceSummary = QuiesceView;

export const MAX_GUEST_EVENTS = 500;
export const QUIESCES_KEPT = 20;

export function newGuestState(apps: readonly string[]): GuestState {
  return {
    writers: [],
    services: [],
    volumes: [],
    shadows: [],
    eventLog: [],
    exchange: apps.includes('exchange') ? { logBytes: 0, truncations: 0, lastFullBackup: null, truncatedBytes: 0, databaseState: 'mounted' } : null,
    sql: apps.includes('sql') ? { differentialBase: null, lastBackupType: null, backups: 0, copyOnlyBackups: 0, lastCopyOnly: false } : null,
    directory: null,
    session: null,
    requestors: [],
    vmwareProvider: false,
    shadowSeq: 0,
    bootId: 0,
    lastQuiesce: null,
    quiesces: [],
  };
}

/** What the guest's applications keep on their disks (Exchange logs and database header, SQL Server's
 * backup history): a snapshot captures it with the disks, and a revert brings it back (rule 18). */
export interface AppData { exchange: ExchangeState | null; sql: SqlState | null; directory?: DirectoryState | null }

export function captureAppData(g: GuestState): AppData {
  return { exchange: g.exchange && { ...g.exchange }, sql: g.sql && { ...g.sql }, directory: g.directory && copyDirectory(g.directory) };
}

export function restoreAppData(g: GuestState, saved: AppData): void {
  g.exchange = saved.exchange && { ...saved.exchange };
  g.sql = saved.sql && { ...saved.sql };
  // The directory database goes back with the disks: its USN, its invocation ID, its vector.
  if (saved.directory !== undefined) g.directory = saved.directory && copyDirectory(saved.directory);
}
