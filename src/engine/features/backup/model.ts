// What the backup application keeps between runs: its jobs and proxies as the lab definition gives
// them, each job's runs, the CBT change ids of its last good run per disk, and the snapshots (or
// unfinished consolidations) its runs left behind, so that the next run can say so.
import type { BackupDefinition, ProxyDefinition, JobDefinition } from '../../core/schema';
import type { Consistency } from '../../core/view';
import type { Timer } from '../../core/scheduler';
import type { Repository } from './repository';
import type { VmWork } from './work';

export type Transport = ProxyDefinition['transport'];
export type RunState = 'running' | 'success' | 'warning' | 'failed';
export type StepKind = 'snapshot' | 'transfer' | 'truncate' | 'remove';

/** One step of a VM's run, for the run's timeline. */
export interface Step {
  kind: StepKind;
  label: string;
  start: number;
  end: number | null;
  state: 'running' | 'success' | 'error';
  task: string | null;
}

export interface VmRun {
  vm: string;
  state: RunState;
  mode: 'full' | 'incremental';
  bytesToRead: number;
  bytesRead: number;
  /** What a full read of the same snapshot would read (an incremental never reads more: rule 17). */
  fullBytes: number;
  /** While the transfer runs: the share of it done at `start` (`from`, 0-1) and how long the rest
   * takes from then at the present pace (bytesRead grows with it). */
  transfer: { start: number; ms: number; from: number } | null;
  consistency: Consistency | null;
  snapshot: string | null;
  notes: string[];
  steps: Step[];
}

export interface Run {
  id: string;
  number: number;
  task: string;
  trigger: 'schedule' | 'manual';
  start: number;
  end: number | null;
  state: RunState;
  vms: VmRun[];
}

/** Something a run left on a VM: its snapshot in the tree, or deltas a failed removal left. */
export interface Leftover { kind: 'snapshot' | 'consolidation'; snapshot: string; name: string; runNumber: number; at: number }

export interface Job {
  def: JobDefinition;
  proxy: ProxyDefinition & { MBps: number };
  repository: Repository;
  runs: Run[];
  running: Run | null;
  runCount: number;
  nextRunAt: number | null;
  timer: Timer | null;
  /** "vm/disk" -> the change id of the last good run (QueryChangedDiskAreas starts there). */
  changeIds: Map<string, string>;
  /** vm id -> what runs of this job left on it and that is still there. */
  leftovers: Map<string, Leftover[]>;
  /** What the jobs share: the processing mode, the proxies' task slots, the transfers reading now. */
  shared: BackupShared;
}

/** A proxy's task slots (backup rule 24): how many are busy, the VMs waiting for them in order, and
 * the VMs that started with fewer slots than they have disks (their other disks' tasks still pending). */
export interface ProxySlots { id: string; slots: number; busy: number; queue: VmWork[]; short: VmWork[] }

export interface BackupShared {
  /** Veeam's "Enable parallel processing" (v7+, on by default); off: one VM after another. */
  parallel: boolean;
  proxies: Map<string, ProxySlots>;
  /** Every transfer reading now, through any proxy: they share proxies' and datastores' speed. */
  readers: VmWork[];
}

export type { BackupDefinition, ProxyDefinition, JobDefinition };

/** Runs a job keeps in its history (the oldest go first). */
export const MAX_RUNS = 60;

/** The lab's default proxy speeds when a definition gives none: hot-add and SAN read at datastore
 * speed through the storage stack; NBD goes through the host's management network (NFC). */
export const DEFAULT_MBPS: Record<Transport, number> = { hotadd: 200, san: 300, nbd: 60 };
