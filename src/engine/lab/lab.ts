// The lab: one simulated vSphere world (hosts, datastores, VMs), its clock, random numbers, tasks
// and events. Commands come in through dispatch(); time moves only through advance().
import { parseLabDefinition, LabDefinitionError, defaultDiskRole, type LabDefinition, type DiskDefinition, type VmDefinition, type DatastoreDefinition, GiB } from '../core/schema';
import { Rng } from '../core/rng';
import { Scheduler, type BoundJob, type JobCall } from '../core/scheduler';
import { jobTable } from './jobs';
import { cloneGraph } from '../core/clone';
import { EventLog, eventSourceName, severityOf, type EventDetail, type EventKind } from '../core/events';
import { Task, type TaskOptions } from '../core/tasks';
import { Host } from '../model/host';
import { Datastore } from '../model/datastore/datastore';
import { Vm } from '../model/vm';
import { VirtualDisk } from '../model/disk/virtualDisk';
import type { FormatSettings } from '../model/disk/formats';
import { newGuestState } from '../model/guest/guestState';
import { Dispatcher } from './dispatch';
import { checkLabLimits } from './limits';
import { commandHandlers } from './handlers';
import type { LabContext } from '../features/context';
import { buildStateView } from './stateView';
import { usageView } from './usageView';
import { commandWords } from './commandWords';
import { readsOnly } from './readsOnly';
import type { CommandResult, EventView, StateView, UsageView } from '../core/view';
import { Workloads } from '../features/guest/workload';
import { initGuest } from '../features/guest/init';
import { DirectoryReplication } from '../features/directory/replication';
import { BackupApp } from '../features/backup/backupApp';
import { syncChangeTracking } from '../model/disk/changeTracking';

export interface LabOptions { seed?: number }

/** The lab's dispatcher, given the table of command handlers once for every lab. */
const dispatcher = new Dispatcher<Lab>(commandHandlers);

export class Lab implements LabContext {
  readonly definition: LabDefinition;
  readonly seed: number;
  readonly rng: Rng;
  readonly scheduler = new Scheduler();
  readonly events = new EventLog();
  readonly hosts: Host[];
  readonly datastores: Datastore[];
  readonly vms: Vm[] = [];
  readonly tasks: Task[] = [];
  readonly formatSettings: FormatSettings;
  readonly workloads: Workloads;
  /** Active Directory replication between the lab's domain controllers. */
  readonly directory: DirectoryReplication;
  /** The backup application of the lab definition's "backup" section (features/backup). */
  readonly backup: BackupApp;
  private taskSeq = 0;
  private snapshotSeq = 0;
  private faultSeq = 0;

  constructor(definition: unknown, options: LabOptions = {}) {
    this.definition = parseLabDefinition(definition);
    checkLabLimits(this.definition);
    const def = this.definition;
    this.seed = options.seed ?? def.seed;
    this.rng = new Rng(this.seed);
    this.formatSettings = {
      vmfsSparseGrowthStepBytes: Math.round(def.settings.vmfsSparseGrowthStepMB * 1024 * 1024),
      seSparseGrowthStepBytes: Math.round(def.settings.seSparseGrowthStepMB * 1024 * 1024),
    };
    this.hosts = def.hosts.map((h) => new Host(h.id, h.version));
    this.datastores = def.datastores.map((d) => new Datastore(d));
    for (const vd of def.vms) this.placeVm(vd);
    this.checkFilesFit();
    for (const vm of this.vms) initGuest(this, vm);
    this.workloads = new Workloads(this, def);
    this.backup = new BackupApp(this, def.backup);
    this.directory = new DirectoryReplication(this);
    this.directory.start();
    this.scheduler.catchUp = { target: this.workloads, method: 'catchUp' };
    this.scheduler.useJobs(jobTable, this);
  }

  /** A VM of a definition, with its disks, on its host and datastore (its guest is set up by the caller). */
  private placeVm(vd: VmDefinition): Vm {
    const host = this.hosts.find((h) => h.id === vd.host) ?? this.hosts[0];
    const ds = this.datastores.find((d) => d.id === vd.datastore) ?? this.datastores[0];
    const vm = new Vm(vd, host, ds);
    const disks: DiskDefinition[] = vd.disks ?? [{ id: 'disk1', capacityGB: 40, mode: 'dependent' as const, thin: false, controller: 'scsi' as const, dynamic: false }];
    disks.forEach((dd, i) => {
      const cap = dd.capacityBytes ?? Math.round((dd.capacityGB ?? 40) * GiB);
      const used = dd.usedGB !== undefined ? dd.usedGB * GiB : defaultUsedBytes(vd.guest, i, cap);
      const disk = new VirtualDisk(dd.id, dd.mode, cap, dd.thin, vm.folder, i === 0 ? vm.name : `${vm.name}_${i}`, used, this.formatSettings, dd.rdm ?? null);
      disk.controller = dd.controller;
      disk.dynamic = dd.dynamic;
      disk.role = dd.role ?? defaultDiskRole(i);
      vm.disks.push(disk);
    });
    syncChangeTracking(vm);
    vm.guest = newGuestState(vm.apps);
    ds.vms.push(vm);
    this.vms.push(vm);
    if (vm.power === 'poweredOn') for (const d of vm.disks) if (d.mode === 'independent-nonpersistent') d.leaf = d.addRedo();
    return vm;
  }

  /** Register a VM while the lab runs (a restore as a new VM, Instant VM Recovery). */
  addVm(vd: VmDefinition): Vm {
    const vm = this.placeVm(vd);
    initGuest(this, vm);
    return vm;
  }

  /** Mount a datastore while the lab runs (the repository's NFS datastore of Instant VM Recovery). */
  addDatastore(def: DatastoreDefinition): Datastore {
    const ds = new Datastore(def);
    this.datastores.push(ds);
    return ds;
  }

  removeDatastore(ds: Datastore): void {
    const i = this.datastores.indexOf(ds);
    if (i >= 0 && ds.vms.length === 0) this.datastores.splice(i, 1);
  }

  /** vSphere would not power on a VM whose swap file does not fit: neither does a lab start with one. */
  private checkFilesFit(): void {
    this.datastores.forEach((ds) => {
      if (ds.usedBytes <= ds.capacityBytes) return;
      const i = this.vms.findIndex((vm) => vm.datastore === ds && vm.power === 'poweredOn');
      const where = i >= 0 ? `vms[${i}].memoryMB: the VMs' files with their swap files (${ds.usedBytes} bytes)` : `datastores[${this.datastores.indexOf(ds)}].capacityGB: the VMs' files (${ds.usedBytes} bytes)`;
      throw new LabDefinitionError(`Invalid lab definition: ${where} do not fit on datastore "${ds.id}" of ${ds.capacityBytes} bytes`);
    });
  }

  get now(): number { return this.scheduler.now; }

  dispatch(command: unknown): CommandResult {
    return dispatcher.dispatch(this, command);
  }

  advance(ms: number): void {
    if (!Number.isFinite(ms) || ms < 0) throw new RangeError(`advance: expected a non-negative number of milliseconds, got ${ms}`);
    this.scheduler.runUntil(this.scheduler.now + ms);
  }

  /** Time of the next scheduled engine event (for "step to the next event"), or null. */
  nextEventTime(): number | null { return this.scheduler.nextTime(); }

  state(): StateView {
    return buildStateView(this);
  }

  /** The events logged after the one numbered `seq` (EventView.seq), oldest first; cheap, unlike state(). */
  eventsAfter(seq: number): EventView[] { return this.events.after(seq); }

  /** The newest event's seq (0 before the first). */
  get eventSeq(): number { return this.events.lastSeq; }

  /** The lab's space now (UsageView: datastores by kind of file, chains, Exchange logs), as state() reports it, without building the state view. */
  datastoreUsage(): UsageView { return usageView(this); }

  /** The questions VMs wait on (cheap, unlike state(): the worker's clock asks after every advance). */
  questions(): { vm: string; name: string; id: string }[] {
    const asking: { vm: string; name: string; id: string }[] = [];
    for (const vm of this.vms) if (vm.question) asking.push({ vm: vm.id, name: vm.name, id: vm.question.id });
    return asking;
  }

  /** A command in a learner's words with the names the lab holds now ("EXCH01: reverted to before-patch"); changes nothing. */
  describe(command: unknown): string { return commandWords(this, command); }

  /** The command only reads the lab (a console line such as `vssadmin list writers`); changes nothing. */
  readsOnly(command: unknown): boolean { return readsOnly(this, command); }

  vm(id: string): Vm | undefined { return this.vms.find((v) => v.id === id); }
  datastore(id: string): Datastore | undefined { return this.datastores.find((d) => d.id === id); }

  log(vm: Vm | null, source: string, kind: EventKind, message: string, detail?: EventDetail): void {
    const e: EventView = { seq: this.events.nextSeq(), time: this.now, vm: vm ? vm.id : null, source: eventSourceName(source), kind, message, severity: severityOf(kind, detail) };
    if (detail?.phase !== undefined) e.phase = detail.phase;
    if (detail?.hresult !== undefined) e.hresult = detail.hresult;
    if (detail?.requestor !== undefined) e.requestor = detail.requestor;
    if (detail?.backupType !== undefined) e.backupType = detail.backupType;
    this.events.add(e);
    // vmware.log grows a line at a time; on a full datastore (or one whose rest running tasks have
    // reserved) the line is not written, as a write to a full VMFS volume fails.
    if (vm && vm.datastore.freeBytes >= LOG_LINE_BYTES) vm.logBytes += LOG_LINE_BYTES;
  }

  newSnapshotId(): string { return `snapshot-${++this.snapshotSeq}`; }
  newFaultId(): string { return `fault-${++this.faultSeq}`; }

  /**
   * An independent copy of the lab, for time-travel checkpoints, with its approximate size: `bytes` of
   * its own, and the grain-map pages it `shared` with this lab (copy on write) with theirs. Possible at
   * any moment, a task, a quiesce or a backup in flight included: everything scheduled is data.
   */
  fork(): { lab: Lab; bytes: number; shared: ReadonlyMap<object, number> } {
    this.scheduler.compact();
    const { copy, bytes, shared } = cloneGraph<Lab>(this, [this.definition]);
    return { lab: copy, bytes, shared };
  }

  /** Create a task for `vm` (or the lab); it starts at once when the VM has nothing else running. */
  taskById(id: string): Task | undefined { return this.tasks.find((t) => t.id === id); }

  task(name: string, vm: Vm | null, target: string, start: JobCall | BoundJob, options: TaskOptions = {}): Task {
    const t = new Task(`task-${++this.taskSeq}`, name, vm ? vm.id : null, target, this.now, start, options.changesDisks ?? false);
    const exclusive = options.exclusive ?? true;
    this.tasks.push(t);
    if (!vm || !exclusive) this.begin(t);
    else if (vm.running) vm.queue.push(t);
    else { vm.running = t; this.begin(t); }
    return t;
  }

  private begin(t: Task): void {
    t.begin(this.now, (call, task) => this.scheduler.runCall(call, task));
  }

  succeed(t: Task): void { this.finish(t, null); }
  fail(t: Task, message: string): void { this.finish(t, message); }

  private finish(t: Task, error: string | null): void {
    if (t.state === 'success' || t.state === 'error') return;
    t.state = error === null ? 'success' : 'error';
    t.error = error === null ? null : { message: error };
    t.completedAt = this.now;
    for (const ds of this.datastores) ds.release(t.id);
    const vm = t.vm ? this.vm(t.vm) : undefined;
    if (error !== null) this.log(vm ?? null, 'vCenter', 'task.failed', `${t.name} on ${t.target}: ${error}`);
    if (vm && vm.running === t) {
      vm.running = null;
      const next = vm.queue.shift();
      if (next) { vm.running = next; this.begin(next); }
    }
    t.notifyDone((call) => this.scheduler.runCall(call));
  }
}

const LOG_LINE_BYTES = 160;

/** Guest data already on a disk when the lab starts: an OS on the first disk, data on the others. */
function defaultUsedBytes(guest: string, index: number, capacity: number): number {
  if (index > 0) return Math.round(capacity * 0.3);
  const os = guest === 'linux' ? 4 * GiB : guest === 'windows2003' ? 8 * GiB : 15 * GiB;
  return Math.min(capacity, os);
}
