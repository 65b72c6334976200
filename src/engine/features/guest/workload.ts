// The guest workloads. Writes are not scheduled: the lab catches them up before each scheduler job
// and at the end of each advance (Workloads.catchUp), so idle time costs nothing and busy time costs
// what its writes into free cells cost (stretch.ts). Each stream draws from its own random numbers in
// stretches fixed by its write schedule, so the lab's state never depends on how an advance was cut
// up (a replay, a reload and a live run agree).
//
// Moments that depend on individual writes stay exact: when the writes of a stretch of ticks could
// grow the VM's files past the datastore's free space (a bound, cheap), the ticks are halved until a
// single tick remains, whose writes then go one by one through the guest's write path, so the VM
// pauses on the out-of-space question at the write that needed the space (rule 15).
import type { LabContext } from '../context';
import { uniformRefusal, type LabDefinition } from '../../core/schema';
import type { CommandOf } from '../../core/commands';
import type { CommandResult } from '../../core/view';
import { refuse } from '../../core/result';
import type { Vm } from '../../model/vm';
import type { DiskFile } from '../../model/disk/diskFile';
import { GrainMap } from '../../model/disk/grainMap';
import type { Datastore } from '../../model/datastore/datastore';
import { PROFILES } from '../../model/guest/profiles';
import { applyWrite } from './write';
import { StreamRun } from './stream';
import { runRandom, runRandomExact, runStretches } from './randomStream';
import type { Stretch } from './stretch';
import { averageWriteBytes, planStreams, type StreamPlan, type UniformOptions } from './workloadPlan';
import { guestEvent } from './eventLog';
import { THIN_BLOCK_BYTES } from '../../model/disk/diskFile';

export interface WorkloadState {
  profile: string;
  writeIOPS: number;
  /** Writes issued since the lab started. */
  written: number;
  /** Bytes of an average write (the VSS flush model's write rate). */
  bytesPerWrite: number;
  uniform?: UniformOptions;
  streams: StreamRun[];
}

export class Workloads {
  readonly byVm = new Map<string, WorkloadState>();
  readonly tickMs: number;
  /** Writes of ticks up to this one are applied. */
  private doneTick = 0;

  constructor(private readonly lab: LabContext, def: LabDefinition) {
    this.tickMs = def.settings.workloadTickMs;
    for (const vd of def.vms) {
      const vm = lab.vm(vd.id)!;
      const w = vd.workload;
      this.set(vm, w?.profile ?? 'none', w?.writeIOPS, uniformOf(w, vm.disks[0]?.capacityBytes));
    }
  }

  set(vm: Vm, profile: string, writeIOPS?: number, uniform?: UniformOptions): void {
    const iops = writeIOPS ?? PROFILES[profile]?.writeIOPS ?? 0;
    const plans = planStreams(vm, profile, uniform);
    for (const p of plans) if (p.kind === 'random') markAreaInUse(p);
    // Seeds for the streams' own generators come from the lab's, so the same lab writes the same.
    const streams = plans.map((p) => {
      const s = new StreamRun(p, this.lab.rng.u32(), iops, this.tickMs);
      s.restart(this.doneTick, iops, this.tickMs);
      return s;
    });
    this.byVm.set(vm.id, {
      profile, writeIOPS: iops, written: this.byVm.get(vm.id)?.written ?? 0,
      bytesPerWrite: averageWriteBytes(plans), uniform, streams,
    });
  }

  get(vm: Vm): WorkloadState | undefined { return this.byVm.get(vm.id); }

  /**
   * Apply the writes of every tick up to time t (`sync`: a job or a command is about to run at t).
   * A stretch goes on across it unless its area changed under it, so nothing is redrawn.
   */
  catchUp(t: number, _sync: boolean): void {
    this.catchUpTo(t);
  }

  private catchUpTo(t: number): void {
    const k = Math.floor(t / this.tickMs);
    if (k > this.doneTick) {
      const from = this.doneTick;
      for (const ds of this.lab.datastores) {
        const vms = this.lab.vms.filter((v) => v.datastore === ds && this.byVm.get(v.id)?.streams.length);
        if (vms.length) this.runTicks(ds, vms, from, k);
      }
      this.doneTick = k;
    }
  }

  /** Ticks (k0, k1] of the VMs on one datastore: in bulk when they cannot run it out of space. */
  private runTicks(ds: Datastore, vms: Vm[], k0: number, k1: number): void {
    for (const vm of vms) this.dropHalted(vm, k0, k1);
    let bound = 0;
    for (const vm of vms) bound += this.growthBound(vm, k1);
    if (bound <= ds.freeBytes) {
      for (const vm of vms) this.bulk(vm, k1);
      return;
    }
    if (k1 - k0 > 1) {
      const mid = Math.floor((k0 + k1) / 2);
      this.runTicks(ds, vms, k0, mid);
      this.runTicks(ds, vms, mid, k1);
      return;
    }
    // One tick that may fill the datastore: its writes one by one, VM after VM, as the guests issue them.
    const scheduler = this.lab.scheduler;
    if (k1 * this.tickMs > scheduler.now) scheduler.now = k1 * this.tickMs;
    for (const vm of vms) this.exact(vm, k1);
  }

  /** Is the VM's guest writing in ticks (k0, k1]? Writes of halted ticks are lost, as a stunned guest's are. */
  private dropHalted(vm: Vm, k0: number, k1: number): void {
    const w = this.byVm.get(vm.id)!;
    if (vm.power !== 'poweredOn' || vm.question || vm.ioHeld) {
      for (const s of w.streams) s.skipTo(s.writesBy(k1));
      return;
    }
    // Ticks before the end of a stun (its release is a job, so it never ends inside (k0, k1]).
    const firstLive = Math.ceil(vm.stunnedUntil / this.tickMs);
    if (firstLive > k0 + 1) for (const s of w.streams) s.skipTo(s.writesBy(Math.min(k1, firstLive - 1)));
  }

  /** Most bytes the VM's files could grow by with its writes up to tick k1. */
  private growthBound(vm: Vm, k1: number): number {
    const w = this.byVm.get(vm.id)!;
    const grow = new Map<DiskFile, { grains: number; tables: number }>();
    for (const s of w.streams) {
      const n = s.writesBy(k1) - s.done;
      if (n <= 0) continue;
      const leaf = s.plan.disk.leaf;
      if (!leaf.grains) continue;
      const gb = leaf.grainBytes;
      const per = Math.ceil(s.plan.bytes / gb) + 1;
      const areaGrains = Math.ceil((s.plan.slots * s.plan.bytes) / gb) + 1;
      let grains: number;
      if (s.plan.kind === 'log') grains = Math.min(n * per, areaGrains);
      else {
        const t = s.target();
        grains = t ? Math.min(n, t.count - t.map.countInRange(t.first, t.first + t.count)) * (t.own ? per : 1) : 0;
      }
      const g = grow.get(leaf) ?? { grains: 0, tables: 0 };
      g.grains += grains;
      g.tables += Math.min(grains, Math.ceil(areaGrains / 4096) + 1);
      grow.set(leaf, g);
    }
    let bytes = 0;
    for (const [f, g] of grow) {
      if (g.grains === 0) continue;
      const total = f.grains!.totalGrains;
      const held = Math.min(total, f.held + g.grains);
      const tables = Math.min(Math.ceil(total / 4096), f.tables + g.tables);
      bytes += Math.max(0, f.computeSize(held, tables) - f.sizeBytes);
    }
    return bytes;
  }

  /** The VM's writes up to tick k1 in bulk: no write can need more space than the datastore has. */
  private bulk(vm: Vm, k1: number): void {
    const w = this.byVm.get(vm.id)!;
    for (const s of w.streams) {
      const end = s.writesBy(k1);
      if (end <= s.done) continue;
      if (s.plan.exchange && dismounted(vm)) { s.skipTo(end); continue; }
      w.written += end - s.done;
      if (s.plan.kind === 'log') { this.appendLog(vm, s, end - s.done); s.done = end; continue; }
      revealChangedBlocks(s, end);
      const t = s.target();
      if (t) runRandom(s, t, end);
      s.done = end;
    }
  }

  /** n appends: the ring written as one or two ranges (or whole), in the leaf's grains. */
  private appendLog(vm: Vm, s: StreamRun, total: number): void {
    const p = s.plan;
    const ex = vm.guest.exchange;
    let n = total;
    if (p.exchangeLog && ex) {
      // The logs fill their volume; the append that finds it full dismounts the store (backup rule 22).
      const room = Math.max(0, p.slots - Math.ceil(ex.logBytes / p.bytes));
      if (n >= room) { n = room; this.dismount(vm, p); }
      ex.logBytes += n * p.bytes;
      if (n === 0) return;
    }
    const leaf = p.disk.leaf;
    const at = s.cursor % p.slots;
    const ctk = p.disk.ctk;
    if (ctk !== null) {
      if (n >= p.slots) ctk.mark(p.start, p.slots * p.bytes);
      else if (at + n <= p.slots) ctk.mark(p.start + at * p.bytes, n * p.bytes);
      else { ctk.mark(p.start + at * p.bytes, (p.slots - at) * p.bytes); ctk.mark(p.start, (at + n - p.slots) * p.bytes); }
    }
    s.cursor = (at + n) % p.slots;
    if (!leaf.grains) {
      // A flat base: the appended blocks are in use from now on (backup rule 7).
      const u = leaf.inUse;
      const mb = (a: number, b: number) => u?.setRange(Math.floor((p.start + a * p.bytes) / THIN_BLOCK_BYTES), Math.ceil((p.start + b * p.bytes) / THIN_BLOCK_BYTES));
      if (n >= p.slots) mb(0, p.slots);
      else if (at + n <= p.slots) mb(at, at + n);
      else { mb(at, p.slots); mb(0, at + n - p.slots); }
      return;
    }
    const gb = leaf.grainBytes;
    const mark = (a: number, b: number) => {
      const g0 = Math.floor((p.start + a * p.bytes) / gb);
      const g1 = Math.ceil((p.start + b * p.bytes) / gb);
      leaf.noteWritten(g0, g1, leaf.grains!.setRange(g0, g1));
    };
    if (n >= p.slots) mark(0, p.slots);
    else if (at + n <= p.slots) mark(at, at + n);
    else { mark(at, p.slots); mark(0, at + n - p.slots); }
    leaf.refreshSize();
  }

  /** The log volume is full: Exchange cannot create a new log file and dismounts the store (ESE event
   * 428; Microsoft Exchange Team Blog, "How to Recover from 'Disk Full' on an Exchange Log Drive"). */
  private dismount(vm: Vm, p: StreamPlan): void {
    const ex = vm.guest.exchange;
    if (!ex || ex.databaseState === 'dismounted') return;
    ex.databaseState = 'dismounted';
    const text = `Information Store (2436) First Storage Group: there is not enough free space on the log disk (${p.disk.id}) to create a new transaction log file; the storage group's databases are dismounted.`;
    guestEvent(this.lab, vm, 'Application', 'Error', 'ESE', 428, text);
    this.lab.log(vm, 'guest', 'exchange.dismounted', `${vm.name}: Exchange's transaction logs filled ${p.disk.id}, never truncated; Exchange dismounted its databases. Mail stops until space is freed (a backup of type Full truncates the logs) and the databases are mounted again.`);
  }

  /** Tick k1's writes one by one through the guest's write path; stops at the out-of-space question. */
  private exact(vm: Vm, k1: number): void {
    const w = this.byVm.get(vm.id)!;
    const lab = this.lab;
    for (const s of w.streams) {
      const end = s.writesBy(k1);
      if (vm.question || end <= s.done) { s.skipTo(end); continue; }
      const p = s.plan;
      if (p.exchange && dismounted(vm)) { s.skipTo(end); continue; }
      if (p.kind === 'log') {
        while (s.done < end) {
          const ex = vm.guest.exchange;
          if (p.exchangeLog && ex && ex.logBytes + p.bytes > p.slots * p.bytes) { this.dismount(vm, p); s.skipTo(end); break; }
          const at = s.cursor % p.slots;
          if (!applyWrite(lab, vm, p.disk, p.start + at * p.bytes, p.bytes)) { s.skipTo(end); break; }
          s.cursor = (at + 1) % p.slots;
          s.done++;
          w.written++;
          if (p.exchangeLog && ex) ex.logBytes += p.bytes;
        }
        continue;
      }
      revealChangedBlocks(s, end);
      const t = s.target();
      if (t) w.written += runRandomExact(lab, vm, s, t, end);
      else { w.written += end - s.done; s.done = end; }
    }
  }
}

/** Exchange dismounted its store: its database and log streams write nothing. */
function dismounted(vm: Vm): boolean { return vm.guest.exchange?.databaseState === 'dismounted'; }

/** A random stream's area holds the application's files: on a flat base its blocks are in use. */
function markAreaInUse(p: StreamPlan): void {
  const u = p.disk.base.inUse;
  if (u) u.setRange(Math.floor(p.start / THIN_BLOCK_BYTES), Math.min(u.totalGrains, Math.ceil((p.start + p.slots * p.bytes) / THIN_BLOCK_BYTES)));
}

function uniformOf(w: { profile: string; writeBytes?: number; regionGB?: number } | undefined, diskBytes = Infinity): UniformOptions | undefined {
  if (!w || w.profile !== 'uniform') return undefined;
  return { writeBytes: w.writeBytes ?? 4096, regionBytes: w.regionGB === undefined ? diskBytes : Math.round(w.regionGB * 1024 ** 3) };
}

/** guest.workload: change what a running guest writes from now on. */
export function workloadCommand(lab: LabContext, cmd: CommandOf<'guest.workload'>): CommandResult {
  const vm = lab.vm(cmd.vm)!;
  let uniform: UniformOptions | undefined;
  if (cmd.profile === 'uniform') {
    const disk = vm.disks[0];
    if (!disk) return refuse('DISK_NOT_FOUND', `${vm.name} has no disk for the uniform workload to write on.`);
    const why = uniformRefusal(cmd.writeBytes, cmd.regionGB, disk.capacityBytes);
    if (why) return refuse('INVALID_WORKLOAD', `${why.field}: ${why.message}.`);
    uniform = uniformOf(cmd, disk.capacityBytes);
  } else if (cmd.writeBytes !== undefined || cmd.regionGB !== undefined) {
    return refuse('INVALID_WORKLOAD', 'writeBytes and regionGB apply to the uniform profile only.');
  }
  lab.workloads.set(vm, cmd.profile, cmd.writeIOPS, uniform);
  lab.log(vm, 'guest', 'guest.workload', `${vm.name} now runs the ${cmd.profile} workload at ${lab.workloads.get(vm)!.writeIOPS} write IOPS.`);
  return { ok: true };
}

/**
 * Changed Block Tracking marks every write, rewrites included: the slots a random stream writes for
 * the first time since the disk's newest change id, up to write index `end` (each older change id
 * holds a superset, and ChangeTracking.mark marks them all), in stretches of their own.
 */
function revealChangedBlocks(s: StreamRun, end: number): void {
  const ctk = s.plan.disk.ctk;
  if (ctk === null) return;
  const id = ctk.newestId();
  if (id === null) return;
  const p = s.plan;
  if (s.cbtFor !== id || s.cbtSlots === null) {
    s.cbtSlots = new GrainMap(p.slots);
    s.cbtFor = id;
  }
  const map = s.cbtSlots;
  const slot = { get: () => s.cbtStretch, set: (st: Stretch) => { s.cbtStretch = st; }, seeds: s.cbtRng };
  // The slot map marks the slots in bulk; CBT is told every slot written (a slot held before is
  // already marked, so marking it again changes nothing), sorted, each block once.
  revealed.n = 0;
  runStretches(slot, { map, first: 0, count: p.slots }, s.done, end, s.perTick, null, revealed);
  ctk.markCells(p.start, p.bytes, p.slots, revealed.cells, revealed.n);
}

/** Scratch for revealChangedBlocks: the slots one call wrote. */
const revealed = {
  cells: new Uint32Array(1024),
  n: 0,
  add(cells: Float64Array, from: number, to: number): void {
    const need = this.n + (to - from);
    if (need > this.cells.length) { const more = new Uint32Array(Math.max(need, this.cells.length * 2)); more.set(this.cells.subarray(0, this.n)); this.cells = more; }
    for (let i = from; i < to; i++) this.cells[this.n++] = cells[i];
  },
};
