// The backup application in the state view (docs/api.md, "The state view", backupJobs), and vCenter-style alarms.
import type { Consistency } from './view';

export type BackupRunState = 'running' | 'success' | 'warning' | 'failed';

/** One step of a VM's run, for the run's timeline. */
export interface BackupStepView {
  kind: 'snapshot' | 'transfer' | 'truncate' | 'remove';
  label: string;
  start: number;
  end: number | null;
  state: 'running' | 'success' | 'error';
  task: string | null;      // the vSphere task of the step, when it is one
}

export interface BackupVmRunView {
  vm: string;
  state: BackupRunState;    // success | warning | failed (docs/api.md) ("running" while it is processed)
  mode: 'full' | 'incremental';
  bytesRead: number;
  bytesToRead: number;
  fullBytes: number;        // what a full read of the same snapshot would read
  consistency: Consistency | null;
  message: string;
  snapshot: string | null;  // the job's snapshot of this run
  steps: BackupStepView[];
}

export interface BackupRunView {
  id: string;
  number: number;
  task: string;             // the run's own task (Run backup job)
  trigger: 'schedule' | 'manual';
  start: number;
  end: number | null;
  state: BackupRunState;
  vms: BackupVmRunView[];
}

export interface BackupJobView {
  id: string;
  name: string;
  proxy: { id: string; transport: 'hotadd' | 'nbd' | 'san'; MBps: number; slots: number };
  repository: string;       // the repository its restore points go to
  retainPoints: number;     // restore points kept per VM
  vms: string[];
  schedule: { firstAtMs: number; everyMs: number | null } | null;
  nextRunAt: number | null;
  quiesce: boolean;
  truncateLogs: boolean;
  cbt: boolean;
  applicationAware: boolean;
  running: boolean;
  /** VMs processed side by side in the proxy's task slots (Veeam 7+), or one after another. */
  parallelProcessing: boolean;
  runs: BackupRunView[];
}

/** A backup repository: what its restore points take. */
export interface RepositoryView { id: string; name: string; capacityBytes: number; usedBytes: number; MBps: number }

/** One VM's good run as the repository keeps it: a full, or an incremental on the points before it. */
export interface RestorePointView {
  id: string;
  job: string;
  vm: string;
  repository: string;
  time: number;             // the moment of the job's snapshot
  kind: 'full' | 'incremental';
  bytes: number;            // what the point takes in the repository
  consistency: 'application' | 'filesystem' | 'crash';
  applicationAware: boolean;
}

/** An alarm on a VM (features/alarms): vCenter's own or one a trainer defined ("vCenter"), or the
 * lab's best-practice advice ("advice"), which vCenter does not raise. */
export interface AlarmView { name: string; source: 'vCenter' | 'advice'; snapshot: string | null; since: number | null; message: string }
