// The guest workloads: one scheduler job per tick writes every running VM's share of I/O through the
// normal write path, driven by the lab's seeded random numbers (same seed, same writes).
import type { LabContext } from '../context';
import type { LabDefinition } from '../../core/schema';
import type { CommandOf } from '../../core/commands';
import type { CommandResult } from '../../core/result';
import type { Vm } from '../../model/vm';
import type { VirtualDisk } from '../../model/disk/virtualDisk';
import { PROFILES, type Profile } from '../../model/guest/profiles';
import { diskForRole } from '../../model/diskRoles';
import { applyWrite as applyWriteImport, ioHalted } from './write';

// Module-local: under tsx (CLI, tests) an imported binding is a getter call on every use, which
// keeps the write from being inlined into the workload loop.
const applyWrite = applyWriteImport;

export interface WorkloadState {
  profile: string;
  writeIOPS: number;
  carry: number;          // fractional writes carried to the next tick
  dataDisk: VirtualDisk;
  logDisk: VirtualDisk;
  hotStart: number;       // bytes
  logCursor: number;      // bytes: where the next log append goes
  logStart: number;
  logEnd: number;
  written: number;        // writes issued since the lab started
}

export class Workloads {
  readonly byVm = new Map<string, WorkloadState>();
  readonly tickMs: number;

  constructor(private readonly lab: LabContext, def: LabDefinition) {
    this.tickMs = def.settings.workloadTickMs;
    for (const vd of def.vms) {
      const vm = lab.vm(vd.id)!;
      this.set(vm, vd.workload?.profile ?? 'none', vd.workload?.writeIOPS);
    }
    lab.scheduler.afterCall(this.tickMs, this, 'tick');
  }

  set(vm: Vm, profile: string, writeIOPS?: number): void {
    const p = PROFILES[profile];
    // Database pages and user files go to the data disk, log appends to the log disk (issue 10).
    const dataDisk = diskForRole(vm, 'data');
    const logDisk = diskForRole(vm, 'log');
    const rng = this.lab.rng;
    const span = Math.floor(dataDisk.capacityBytes * p.dataSpan);
    const hotBytes = Math.floor(span * p.hotSpan);
    const logStart = logDisk === dataDisk ? Math.floor(logDisk.capacityBytes * 0.75) : 0;
    this.byVm.set(vm.id, {
      profile, writeIOPS: writeIOPS ?? p.writeIOPS, carry: 0, dataDisk, logDisk,
      hotStart: align(rng.int(Math.max(1, span - hotBytes)), 65536),
      logCursor: logStart, logStart, logEnd: logDisk.capacityBytes, written: this.byVm.get(vm.id)?.written ?? 0,
    });
  }

  get(vm: Vm): WorkloadState | undefined { return this.byVm.get(vm.id); }

  /** One tick of every VM's writes; the scheduler calls it as data (BoundJob), so checkpoints can copy the lab. */
  tick(): void {
    const lab = this.lab;
    for (const vm of lab.vms) {
      const w = this.byVm.get(vm.id);
      if (!w || w.writeIOPS <= 0 || vm.power !== 'poweredOn' || vm.question || ioHalted(lab, vm)) continue;
      const due = w.carry + (w.writeIOPS * this.tickMs) / 1000;
      const n = Math.floor(due);
      w.carry = due - n;
      this.run(vm, w, PROFILES[w.profile], n);
    }
    lab.scheduler.afterCall(this.tickMs, this, 'tick');
  }

  /** Issue n writes; stops early if the VM pauses on the out-of-space question. */
  private run(vm: Vm, w: WorkloadState, p: Profile, n: number): void {
    const rng = this.lab.rng;
    const data = w.dataDisk;
    const span = Math.max(p.writeBytes, Math.floor(data.capacityBytes * p.dataSpan));
    const hot = Math.max(p.writeBytes, Math.floor(span * p.hotSpan));
    const slots = Math.floor(span / p.writeBytes);
    const hotSlots = Math.max(1, Math.floor(hot / p.writeBytes));
    const hotFirst = Math.floor(w.hotStart / p.writeBytes);
    const exchange = vm.guest.exchange;
    for (let i = 0; i < n; i++) {
      const r = rng.next();
      if (r < p.logShare) {
        if (w.logCursor + p.logBytes > w.logEnd) w.logCursor = w.logStart;
        if (!applyWrite(this.lab, vm, w.logDisk, w.logCursor, p.logBytes)) return;
        w.logCursor += p.logBytes;
        if (exchange) exchange.logBytes += p.logBytes;
      } else {
        const slot = rng.next() < p.hotShare ? hotFirst + rng.int(hotSlots) : rng.int(slots);
        if (!applyWrite(this.lab, vm, data, slot * p.writeBytes, p.writeBytes)) return;
      }
      w.written++;
    }
  }
}

const align = (v: number, a: number): number => v - (v % a);

/** guest.workload: change what a running guest writes from now on. */
export function workloadCommand(lab: LabContext, cmd: CommandOf<'guest.workload'>): CommandResult {
  const vm = lab.vm(cmd.vm)!;
  lab.workloads.set(vm, cmd.profile, cmd.writeIOPS);
  lab.log(vm, 'guest', 'guest.workload', `${vm.name} now runs the ${cmd.profile} workload at ${lab.workloads.get(vm)!.writeIOPS} write IOPS.`);
  return { ok: true };
}
