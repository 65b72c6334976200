// The lab as a feature sees it: its clock, random numbers, inventory, event log and tasks. The Lab
// class (lab/lab.ts) implements this; features import it and never the Lab class or the dispatcher,
// so the import graph runs one way: core <- model <- features <- lab.
import type { LabDefinition, VmDefinition, DatastoreDefinition } from '../core/schema';
import type { Rng } from '../core/rng';
import type { BoundJob, JobCall, Scheduler } from '../core/scheduler';
import type { Task, TaskOptions } from '../core/tasks';
import type { EventDetail, EventKind } from '../core/events';
import type { Vm } from '../model/vm';
import type { Host } from '../model/host';
import type { Datastore } from '../model/datastore/datastore';
import type { FormatSettings } from '../model/disk/formats';
import type { WorkloadState } from './guest/workload';
import type { UniformOptions } from './guest/workloadPlan';

/** The guest workloads a lab runs (features/guest/workload.ts). */
export interface WorkloadTable {
  get(vm: Vm): WorkloadState | undefined;
  set(vm: Vm, profile: string, writeIOPS?: number, uniform?: UniformOptions): void;
}

export interface LabContext {
  readonly definition: LabDefinition;
  readonly seed: number;
  readonly rng: Rng;
  readonly scheduler: Scheduler;
  readonly hosts: readonly Host[];
  readonly datastores: readonly Datastore[];
  readonly vms: readonly Vm[];
  readonly formatSettings: FormatSettings;
  readonly workloads: WorkloadTable;
  /** Simulated milliseconds since the lab started. */
  readonly now: number;
  vm(id: string): Vm | undefined;
  datastore(id: string): Datastore | undefined;
  /** Add an event to the lab's log (the timeline and Recent Events). */
  log(vm: Vm | null, source: string, kind: EventKind, message: string, detail?: EventDetail): void;
  newSnapshotId(): string;
  newFaultId(): string;
  /**
   * Create a vSphere task for `vm` (or the lab); it starts when the VM has nothing else running. `start`
   * is a JobCall (a kind of lab/jobs.ts, its handler given the lab, the task, then the call's args), a
   * BoundJob (`startCall(target, method, ...args)` of core/tasks.ts: the method given the task, then
   * the args): data, so the lab can be copied while the task waits.
   */
  task(name: string, vm: Vm | null, target: string, start: JobCall | BoundJob, options?: TaskOptions): Task;
  /** A task by its id (what a command answers), for a feature that waits for it. */
  taskById(id: string): Task | undefined;
  succeed(t: Task): void;
  fail(t: Task, message: string): void;
  /** Register a VM while the lab runs (a restore as a new VM, Instant VM Recovery). */
  addVm(def: VmDefinition): Vm;
  /** Mount a datastore while the lab runs, and unmount it once no VM is on it. */
  addDatastore(def: DatastoreDefinition): Datastore;
  removeDatastore(ds: Datastore): void;
}
