// The state view: what state() returns (docs/api.md, "The state view"). Plain JSON, no classes, so it crosses
// the worker boundary by structured clone and prints from the CLI unchanged.
import type { AlarmView, BackupJobView, RepositoryView, RestorePointView } from './backupView';
import type { HostVersion } from './hostVersions';
import type { FileUse } from './fileUse';
import type { EventKind, Severity, VssPhase } from './events';

export type * from './backupView';

export type PowerState = 'poweredOn' | 'poweredOff' | 'suspended';
export type Consistency = 'poweredOff' | 'memory' | 'application' | 'filesystem' | 'crash';
export type DeltaFormat = 'vmfsSparse' | 'seSparse' | 'hostedSparse';
export type BaseFormat = 'flat' | 'thin';
export type DiskMode = 'dependent' | 'independent-persistent' | 'independent-nonpersistent';
export type TaskState = 'queued' | 'running' | 'success' | 'error';

export interface ChainFileView {
  file: string;            // "[ds1] EXCH01/EXCH01-000001.vmdk": the descriptor, as vSphere names it
  extent: string;          // the data file: -flat.vmdk, -delta.vmdk, -sesparse.vmdk ...
  format: BaseFormat | DeltaFormat | 'redo';
  grainBytes: number;
  dataBytes: number;       // grains held x grain size
  sizeBytes: number;       // what the extent takes on the datastore (metadata and growth steps included)
  /** Where the file holds data: 64 equal slices of the disk's address space, each the fraction of its
   *  grains held (0-1, 2 decimals; a slice with any data at least 0.01). A flat base is all 1. */
  occupancy: number[];
  /** A "Consolidate Helper" delta of a merge in progress on a host before 6.0 (rule 17). */
  consolidateHelper?: boolean;
}

export interface DiskView {
  id: string;
  label: string;           // "Hard disk 1": how vSphere names the disk, by its order in the VM
  mode: DiskMode;
  role: 'system' | 'data' | 'log'; // what the guest keeps there: where workload writes land
  capacityBytes: number;
  thin: boolean;
  chain: ChainFileView[];  // base first, writable leaf last
  chainDepth: number;      // deltas above the base
  readAmplification: number; // expected files consulted per random read (rule 12)
  readLatencyMs: number;
}

export interface SnapshotView {
  id: string;
  name: string;
  description: string;
  parent: string | null;
  createdAt: number;
  memory: boolean;
  quiesced: boolean;
  consistency: Consistency;
  powerState: PowerState;  // the VM's power state when the snapshot was taken
  files: SnapshotFileView[]; // the leaf each disk had when taken (.vmsd fileName)
  /** The deltas holding what was written after this snapshot: its recorded files' children (one per branch). */
  deltas: SnapshotFileView[];
}

export interface WriterView {
  name: string;
  id: string;
  instanceId: string;
  state: number;           // VSS_WRITER_STATE
  stateText: string;
  lastError: number;       // HRESULT, 0 for none
  lastErrorText: string;
  service: string;
  freezeTimeoutMs: number; // how long the writer stays frozen before it gives up (rule 9)
}

/** A fault injected into a VM and still active. */
export interface FaultView { id: string; kind: string; once: boolean; spec: Record<string, unknown> }

/** A disk file with its sizes, as a snapshot names it or as the deltas after it hold. */
export interface SnapshotFileView { disk: string; file: string; dataBytes: number; sizeBytes: number }

export interface QuestionView { id: string; text: string; choices: string[] }

/** A flag on a VM: vSphere's own ("consolidation is needed") or SnapLab's best-practice advice. */
export interface WarningView { code: string; message: string; source: 'vSphere' | 'SnapLab' }

export interface VmView {
  id: string;
  name: string;
  host: string;
  datastore: string;
  guest: string;
  memoryMB: number;
  power: PowerState;
  question: QuestionView | null;
  stunned: boolean;
  /** A memory snapshot's memory is being written: the VM runs, sluggish (lazy checkpointing, rule 17). */
  savingMemory: boolean;
  tools: { status: 'running' | 'notRunning' | 'notInstalled'; build: number; vss: boolean };
  vssService: 'automatic' | 'manual' | 'disabled';
  diskEnableUUID: boolean;
  /** The value the running VM has: a change takes effect at the next power-on (vss.md rule 18). */
  diskEnableUUIDInEffect: boolean;
  toolsConf: Record<string, string | number | boolean>;
  vmx: Record<string, string | number | boolean>;
  /** The custom quiescing scripts' exit codes (null: no such script), as the VM settings show them. */
  scripts: { preFreeze: number | null; postThaw: number | null };
  installedApps: string[];
  workload: { profile: string; writeIOPS: number };
  currentSnapshot: string | null;
  snapshots: SnapshotView[];
  snapshotCount: number;
  consolidationNeeded: boolean;
  /** Running from a backup by Instant VM Recovery (restore point and the VM it came from), until migrated. */
  /** Running from a backup (Instant VM Recovery): the point, its VM, and each disk's format in that VM. */
  instantRecovery: { point: string; source: string; sourceDiskFormats: Record<string, 'thin' | 'thick'> } | null;
  /** Once an instantly recovered VM was migrated: the point and VM it came from, the NFS datastore it
   *  left, the datastore it went to, when, and what its redo logs held at the switch. */
  /** After restore.migrate: where from and to, what the redo logs held, and the format each disk got. */
  migratedFromBackup: { point: string; source: string; sourceDiskFormats: Record<string, 'thin' | 'thick'>; from: string; to: string; at: number; redoBytes: number; diskFormats: Record<string, 'thin' | 'thick'> } | null;
  orphanedDeltas: string[];  // deltas no snapshot names (before vSphere 5.0 nothing else shows them)
  ctkEnabled: boolean;       // Changed Block Tracking (the setting; it takes effect at a stun/unstun cycle)
  alarms: AlarmView[];       // vCenter-style alarms: snapshot age and size, consolidation needed
  warnings: WarningView[];
  faults: FaultView[];
  disks: DiskView[];
  writers: WriterView[];
  apps: AppsView;        // apps.exchange.logBytes / truncations (docs/api.md)
  /** Guest services that quiescing involves (VSS, swprv, vmvss, each writer's host). */
  services: ServiceView[];
  /** Registered VSS providers; VMware's only while VMware Tools quiesces. */
  providers: string[];
  shadowCopies: ShadowCopyView[];
  /** The VSS session in progress in the guest, if any. */
  vssSession: { requestor: string; phase: string; backupType: string; application: boolean } | null;
  /** The last quiesce VMware Tools ran: mechanism, outcome and why. */
  quiesce: QuiesceView | null;
  /** The VM's recent quiesces, oldest first (the last QUIESCES_KEPT), the last one being `quiesce`. */
  quiesces: QuiesceView[];
  /** The newest entries of the guest's Windows event log (VSS, VolSnap, ESE, SQL Server, SCM). */
  guestEvents: GuestEventView[];
}

export interface ServiceView { name: string; displayName: string; startup: 'automatic' | 'manual' | 'disabled'; running: boolean }
export interface ShadowCopyView { id: string; setId: string; volume: string; provider: string; type: string; createdAt: number }
export interface QuiesceView {
  snapshot: string;
  mechanism: string;       // vss | vssFileShare | syncDriver | nullProvider (nothing frozen) | none
  consistency: string | null;
  result: 'running' | 'success' | 'error';
  reason: string;
  startedAt: number;
  endedAt: number | null;
  holdMs: number | null;
  holdLimitMs: number;     // how long VSS lets writes be held (10 s)
  /** Application writers engaged, and how many answered OnFreeze and OnThaw (0 without writers). */
  writers: number;
  writersFrozen: number;
  writersThawed: number;
  /** Why no application writer took part (file-share context, sync driver, no quiescing), else null. */
  withoutWriters: string | null;
  /** A failed quiesce: the writer at fault (if one was), the VSS phase it failed in, the HRESULT. */
  failedWriter: string | null;
  failedPhase: string | null;
  hresult: number | null;
  /** The result in one plain line, as the VSS timeline shows it ("Application consistent: 5 writers froze and thawed."). */
  resultLine: string;
}
export interface GuestEventView { time: number; log: string; level: string; source: string; id: number; message: string }

export interface AppsView {
  exchange?: {
    logBytes: number; truncations: number; lastFullBackup: number | null; truncatedBytes?: number;
    /** The mailbox database: mounted, dismounted (log volume full), dirtyShutdown (an image that needs its logs replayed), cleanShutdown. */
    databaseState: 'mounted' | 'dismounted' | 'dirtyShutdown' | 'cleanShutdown';
  };
  /** msdb's backup history: `backups` rows, `copyOnlyBackups` of them copy-only (a VSS COPY); the newest row's type and flag. */
  sql?: { differentialBase: number | null; lastBackupType: string | null; backups?: number; copyOnlyBackups?: number; lastCopyOnly?: boolean };
  /** A domain controller: its replication identity and whether it has found itself rolled back. */
  ad?: DirectoryView;
}

export interface DirectoryView {
  /** The DC's invocation ID: the database instance its USNs are counted in. */
  invocationId: string;
  /** The highest update sequence number this DC has committed. */
  highestUsn: number;
  /** The DC found that partners already hold its USNs (NTDS event 2095): a USN rollback. */
  usnRollback: boolean;
  /** Netlogon paused (the DC no longer answers logons) after a detected rollback. */
  netlogonPaused: boolean;
  /** The "Dsa Not Writable" registry value is set: replication in and out is disabled. */
  dsaNotWritable: boolean;
  /** How often the DC took a new invocation ID (VM-Generation ID safeguard, or a restore through the NTDS writer). */
  invocationIdResets: number;
  /** The host exposes a VM-Generation ID and the guest reads it (Windows Server 2012 or later). */
  vmGenerationId: boolean;
}

/** `use`: what the file is for (core/fileUse.ts), the one grouping the page and lessons sum by. */
export interface FileView { path: string; sizeBytes: number; kind: FileKind; use: FileUse; vm: string | null }
export type FileKind = 'vmx' | 'vmxf' | 'vmsd' | 'vmsn' | 'vmem' | 'vmss' | 'nvram' | 'vswp' | 'log'
  | 'descriptor' | 'flat' | 'delta' | 'redo' | 'ctk' | 'manifest' | 'other';

export interface DatastoreView {
  id: string;
  fs: string;
  capacityBytes: number;
  usedBytes: number;
  freeBytes: number;
  reservedBytes: number;   // set aside by running tasks for files they create later (counts as taken)
  otherUsedBytes: number;  // files outside the lab's VMs
  peakUsedBytes: number;   // the most it held, merges included
  MBps: number;
  maxFileBytes: number;
  files: FileView[];
}

export interface HostView { id: string; version: HostVersion }

export interface TaskView {
  id: string;
  name: string;
  vm: string | null;
  target: string;
  state: TaskState;
  progress: number;
  queuedAt: number;
  startedAt: number | null;
  completedAt: number | null;
  error: null | { message: string };
}

/** A lab event. severity says whether it reports a failure; phase: the VSS phase, for events of a
 * VSS session; hresult: the HRESULT the event is about, when there is one; seq: its number in the
 * lab's log (1, 2, 3, ... never reused, also once the oldest events are dropped), the same in every
 * replay of the same commands, so it names the event. */
export interface EventView {
  seq: number;
  time: number;
  vm: string | null;
  source: string;
  kind: EventKind;
  message: string;
  severity: Severity;
  phase?: VssPhase;
  hresult?: number;
  /** A VSS session's events: the requestor (VMware Tools, a backup agent) and the backup type. */
  requestor?: string;
  backupType?: string;
}

export interface LessonObjectiveView { id: string; text: string; done: boolean; why: string }
export interface LessonView { id: string; title: string; complete: boolean; objectives: LessonObjectiveView[] }

export interface StateView {
  name: string;
  seed: number;
  time: number;
  hosts: HostView[];
  datastores: DatastoreView[];
  vms: VmView[];
  backupJobs: BackupJobView[];
  repositories: RepositoryView[];
  restorePoints: RestorePointView[];
  tasks: TaskView[];
  events: EventView[];
  lesson?: LessonView;
}

export interface CommandError { code: string; message: string }
export type CommandResult =
  | { ok: true; task?: string; output?: string; fault?: string }
  | { ok: false; error: CommandError };

/**
 * The lab's space at one moment, as the Datastore charts and "Compare branches" plot it
 * (Lab.datastoreUsage): each datastore's used space by what its files are for (core/fileUse.ts), each
 * disk's deltas and chain, each Exchange server's logs. The worker samples it on a schedule of
 * simulated time: the lab's one usage history.
 */
export interface UsageView { datastores: DatastoreUsageView[]; vms: VmUsageView[] }

/** usedBytes = baseBytes + deltaBytes + memoryBytes + otherBytes (other: configuration, swap, logs, CBT files, files outside the lab's VMs). */
export interface DatastoreUsageView {
  id: string;
  capacityBytes: number;
  usedBytes: number;
  /** Base disks' extents. */
  baseBytes: number;
  /** Snapshot and redo-log deltas. */
  deltaBytes: number;
  /** Memory images: a snapshot's (.vmsn, .vmem) and a suspended VM's (.vmss). */
  memoryBytes: number;
  otherBytes: number;
}

export interface VmUsageView {
  id: string;
  /** deltaBytes: the deltas of the disk's current chain (DiskView.chain after the base). */
  disks: { id: string; deltaBytes: number; chainDepth: number; readAmplification: number }[];
  /** Exchange's transaction logs (AppsView.exchange), on a VM that runs Exchange. */
  exchange?: { logBytes: number; truncations: number };
}
