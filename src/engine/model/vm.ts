// A virtual machine: configuration from the lab definition, its disks, its snapshot tree and the
// runtime facts vSphere shows (power, question, stun, tasks in flight).
import type { VirtualDisk } from './disk/virtualDisk';
import type { Snapshot } from './snapshot';
import type { Datastore } from './datastore/datastore';
import type { Host } from './host';
import type { PowerState, DeltaFormat } from '../core/view';
import type { VmDefinition } from '../core/schema';
import { hostHas } from '../core/hostVersions';
import type { Task } from '../core/tasks';
import type { GuestState } from './guest/guestState';
import type { FaultSpec } from '../core/commands';

export interface Fault { id: string; spec: FaultSpec }

export type ToolsStatus = 'running' | 'notRunning' | 'notInstalled';
export type SettingValue = string | number | boolean;

export interface Question { id: string; text: string; choices: string[]; file: string; needBytes: number }

/** A guest write that could not be placed because the datastore was full; replayed on Retry. */
export interface PendingWrite { disk: VirtualDisk; offset: number; length: number }

export class Vm {
  readonly id: string;
  name: string;
  host: Host;
  datastore: Datastore;
  guestOs: VmDefinition['guest'];
  memoryMB: number;
  power: PowerState;
  tools: { status: ToolsStatus; build: number; vss: boolean };
  vssService: 'automatic' | 'manual' | 'disabled';
  apps: VmDefinition['apps'];
  /** disk.EnableUUID as configured in the .vmx (vss.md rule 18)... */
  diskEnableUUID: boolean;
  /** ... and as the running VM has it: a change takes effect at the next power-on (VDDK guide). */
  diskEnableUUIDInEffect: boolean;
  /** SCSI controllers present: 15 usable slots each (application quiescing needs one free per disk). */
  scsiControllers: number | undefined;
  /** ctkEnabled as configured; each disk's tracking follows it at the next stun/unstun cycle. */
  ctkEnabled: boolean;
  /** Another process holds the disk files (a backup proxy kept its hot-added disks): merges fail
   * while the fault behind it is active (features/backup, features/snapshot/consolidate.ts). */
  diskLock: { faultId: string; holder: string } | null = null;
  deltaFormatOverride: DeltaFormat | undefined;
  toolsConf: Record<string, SettingValue>;
  vmx: Record<string, SettingValue>;
  scripts: { preFreeze?: number; postThaw?: number };
  disks: VirtualDisk[] = [];
  snapshots: Snapshot[] = [];
  current: Snapshot | null = null;
  nextUid = 1;
  question: Question | null = null;
  /** Writes waiting for space (the out-of-space question): replayed on Retry. */
  pending: PendingWrite[] = [];
  /** Writes held by a stun or by VSS flush-and-hold: applied when I/O is released. */
  held: PendingWrite[] = [];
  faults: Fault[] = [];
  /** Simulated time until which the VM is stunned (guest I/O halted), e.g. during a snapshot switch. */
  stunnedUntil = 0;
  /** Guest I/O held by VSS flush-and-hold or a stun: writes wait. */
  ioHeld = false;
  /** Until this time a memory snapshot's memory is being written: the VM runs, slowed (rule 17). */
  checkpointUntil = 0;
  /** The task running on this VM and those waiting behind it (vSphere runs one at a time per VM). */
  running: Task | null = null;
  queue: Task[] = [];
  guest!: GuestState;
  /**
   * The VM-Generation ID the host gives the guest (hosts that expose one, core/hostVersions.ts): it
   * changes whenever the VM's disks go back in time (a snapshot applied, a restore).
   */
  generationId = 1;
  /** Running from a backup by Instant VM Recovery: the point it started from, until migrated. */
  /** Running from a backup: the point, the VM it was taken of, and each disk's format in that VM
   * (what "Same format as source" gives at the migration to production). */
  instantRecovery: { point: string; source: string; sourceDiskFormats: Record<string, 'thin' | 'thick'> } | null = null;
  /** An instantly recovered VM after its move to production storage: where from and to, when, and
   *  what its redo logs held at the switch (restore.migrate). */
  migratedFromBackup: { point: string; source: string; sourceDiskFormats: Record<string, 'thin' | 'thick'>; from: string; to: string; at: number; redoBytes: number; diskFormats: Record<string, 'thin' | 'thick'> } | null = null;
  /** vmware.log grows a little with every event of this VM. */
  logBytes = 64 * 1024;

  constructor(def: VmDefinition, host: Host, datastore: Datastore) {
    this.id = def.id;
    this.name = def.name ?? def.id.toUpperCase();
    this.host = host;
    this.datastore = datastore;
    this.guestOs = def.guest;
    this.memoryMB = def.memoryMB;
    this.power = def.power;
    this.tools = { ...def.tools };
    this.vssService = def.vssService;
    this.apps = [...def.apps];
    this.diskEnableUUID = def.diskEnableUUID ?? hostHas(host.version, 'diskEnableUuidDefault');
    this.diskEnableUUIDInEffect = this.diskEnableUUID;
    this.scsiControllers = def.scsiControllers;
    this.ctkEnabled = def.ctkEnabled;
    this.deltaFormatOverride = def.deltaFormat;
    this.toolsConf = { ...def.toolsConf };
    this.vmx = { ...def.vmx };
    this.scripts = { ...def.scripts };
  }

  get folder(): string { return this.name; }
  get memoryBytes(): number { return this.memoryMB * 1024 * 1024; }
  /** VMware Tools as the guest shows it: only a running guest can run Tools. */
  get toolsRunning(): boolean { return this.power === 'poweredOn' && this.tools.status === 'running'; }
  get paused(): boolean { return this.question !== null; }
  activeFaults<K extends FaultSpec['kind']>(kind: K): (Fault & { spec: Extract<FaultSpec, { kind: K }> })[] {
    return this.faults.filter((f) => f.spec.kind === kind) as (Fault & { spec: Extract<FaultSpec, { kind: K }> })[];
  }
  /** A fault with "once" is used up by the first event it affects. */
  consume(f: Fault): void {
    if (f.spec.once) this.faults = this.faults.filter((x) => x !== f);
  }

  snapshot(idOrName: string): Snapshot | undefined {
    return this.snapshots.find((s) => s.id === idOrName) ?? this.snapshots.find((s) => s.name === idOrName);
  }

  childrenOf(s: Snapshot | null): Snapshot[] {
    return this.snapshots.filter((c) => c.parent === s);
  }

  /** Depth of "You are here" in the snapshot tree: the number of snapshots on the current branch. */
  get branchDepth(): number {
    let n = 0;
    for (let s = this.current; s; s = s.parent) n++;
    return n;
  }

  maxSnapshots(): number {
    const v = Number(this.vmx['snapshot.maxSnapshots'] ?? 32);
    return Number.isFinite(v) ? v : 32;
  }

  disk(id: string): VirtualDisk | undefined {
    return this.disks.find((d) => d.id === id);
  }
}
