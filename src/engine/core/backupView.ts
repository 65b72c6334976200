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
  proxy: { id: string; transport: 'hotadd' | 'nbd' | 'san'; MBps: number };
  vms: string[];
  schedule: { firstAtMs: number; everyMs: number | null } | null;
  nextRunAt: number | null;
  quiesce: boolean;
  truncateLogs: boolean;
  cbt: boolean;
  running: boolean;
  runs: BackupRunView[];
}

/** An alarm vCenter would raise on a VM (features/alarms). */
export interface AlarmView { name: string; snapshot: string | null; since: number | null; message: string }
