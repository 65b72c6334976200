// snapshot.take as a vSphere task (rules 5, 13, 16, 17, 27, 28): the checks vSphere makes when the
// task starts, then a short stun and the switch to new deltas (a memory snapshot writes the memory
// with the VM running between two stuns). A quiesced
// snapshot hands the switch to the guest quiescing in vss/, which calls it while writes are held.
// Each step is a job kind of lab/jobs.ts with its arguments (data), so a lab taking a snapshot can be
// copied.
import type { LabContext } from '../context';
import type { Vm } from '../../model/vm';
import type { Task } from '../../core/tasks';
import type { CommandOf } from '../../core/commands';
import type { CommandResult } from '../../core/view';
import { createSnapshot, snapshotStartBytes, deltaFormatFor, type CreateOptions } from './create';
import { snapshotOverheadBytes } from '../../model/disk/formats';
import { startQuiesce } from '../vss/quiesce';
import { refuse } from '../../core/result';
import { hostHas } from '../../core/hostVersions';
import { formatBytes } from '../../core/format';
import { stun } from '../vm/stun';
import { copySpeed } from '../datastore/speed';
import { grainBytesOf } from '../../model/disk/diskFile';
import { takeBudgetRefusal } from '../guest/memoryBudget';

export const TAKE_TASK = 'Create virtual machine snapshot';

export function takeCommand(lab: LabContext, cmd: CommandOf<'snapshot.take'>): CommandResult {
  const vm = lab.vm(cmd.vm)!;
  if (cmd.vssBackupType !== undefined && !hostHas(vm.host.version, 'vssBackupType')) {
    return refuse('NOT_SUPPORTED', `vssBackupType needs ESXi 6.5 or later; ${vm.host.id} runs ${vm.host.version}, where VMware Tools always asks VSS for a COPY backup.`);
  }
  const budget = takeBudgetRefusal(lab, vm, (d) => grainBytesOf(d.chainFormat ?? deltaFormatFor(lab, vm, d.capacityBytes)));
  if (budget) return budget;
  const t = lab.task(TAKE_TASK, vm, vm.name, { kind: TAKE_START, args: [vm, cmd] }, { changesDisks: true });
  return { ok: true, task: t.id };
}

/** Why vSphere would refuse to take a snapshot of this VM now, or null. */
export function takeRefusal(lab: LabContext, vm: Vm, memory: boolean): string | null {
  if (vm.question) return 'The operation is not allowed in the current state.';
  const max = vm.maxSnapshots();
  if (max <= 0 || vm.branchDepth >= max) return 'Exceeded the maximum number of permitted snapshots.';
  if (memory && vm.power === 'poweredOn' && vm.disks.some((d) => !d.dependent)) {
    return 'Cannot take a memory snapshot, since the virtual machine is configured with independent disks.';
  }
  const ds = vm.datastore;
  for (const d of vm.disks) {
    if (!d.dependent) continue;
    const fmt = d.chainFormat ?? deltaFormatFor(lab, vm, d.capacityBytes);
    if (d.capacityBytes + snapshotOverheadBytes(fmt, d.capacityBytes) > ds.maxFileBytesFor(vm.host.version)) {
      return `File ${d.base.path} is larger than the maximum size supported by datastore '${ds.id}'.`;
    }
  }
  const need = snapshotStartBytes(lab, vm, memory);
  if (need > ds.freeBytes) return `Insufficient disk space on datastore '${ds.id}' (${formatBytes(need)} needed, ${formatBytes(ds.freeBytes)} free).`;
  return null;
}

/** Job kinds of a take (lab/jobs.ts): its start, the switch after the stun, and a memory snapshot's steps. */
export const TAKE_START = 'snapshot.take.start';
export const TAKE_SWITCH = 'snapshot.take.switch';
export const CHECKPOINT_START = 'snapshot.take.checkpointStart';
export const CHECKPOINT_WRITTEN = 'snapshot.take.checkpointWritten';
export const CHECKPOINT_DONE = 'snapshot.take.checkpointDone';

export function takeStart(lab: LabContext, task: Task, vm: Vm, cmd: CommandOf<'snapshot.take'>): void {
  // A suspended VM's snapshot always includes its memory; a powered-off VM has none (rule 5).
  const memory = vm.power === 'suspended' || (vm.power === 'poweredOn' && cmd.memory === true);
  const refusal = takeRefusal(lab, vm, memory);
  if (refusal) { lab.fail(task, refusal); return; }
  // The new files are created after the stun (or the quiesce): their space is set aside now.
  vm.datastore.reserve(task.id, snapshotStartBytes(lab, vm, memory));
  const name = cmd.name;
  const description = cmd.description ?? '';
  // Memory and quiescing are alternatives; quiesce needs a running guest with Tools (rule 27).
  if (cmd.quiesce && !memory && vm.toolsRunning) {
    startQuiesce(lab, vm, task, { name, description, backupType: cmd.vssBackupType ?? 'copy', startWithOpts: cmd.vssBackupType !== undefined });
    return;
  }
  if (cmd.quiesce && !memory) {
    lab.log(vm, 'vCenter', 'quiesce.ignored', `Quiesce ignored: ${vm.power !== 'poweredOn' ? `${vm.name} is not powered on` : 'VMware Tools is not running'}; the snapshot is taken without quiescing.`);
  }
  const consistency = vm.power === 'poweredOff' ? 'poweredOff' : memory ? 'memory' : 'crash';
  if (memory && vm.power === 'poweredOn') { lazyCheckpoint(lab, vm, task, { name, description, memory, quiesced: false, consistency }); return; }
  const stunMs = Math.round(lab.rng.between(150, 600));
  task.ramp(lab.now, 5, 99, stunMs);
  stun(lab, vm, stunMs);
  lab.scheduler.call(stunMs, TAKE_SWITCH, vm, task, { name, description, memory, quiesced: false, consistency });
}

/** The stun ended: the disks switch to new deltas (unless the VM now asks a question). */
export function takeSwitch(lab: LabContext, vm: Vm, task: Task, o: CreateOptions): void {
  const again = takeRefusal(lab, vm, false);
  if (again && again.startsWith('The operation')) { lab.fail(task, again); return; }
  vm.datastore.release(task.id);
  createSnapshot(lab, vm, o);
  lab.succeed(task);
}

/**
 * A memory snapshot of a running VM with lazy checkpointing (rule 17, KB 76687): a short stun while
 * the disks switch to new deltas, then the VM keeps running, sluggish, while its memory is written to
 * the datastore, and a short stun at the end. The task lasts as long as the write; the guest's writes
 * in between land in the new deltas, since the snapshot's moment is the first stun.
 */
function lazyCheckpoint(lab: LabContext, vm: Vm, task: Task, o: CreateOptions): void {
  const startStun = Math.round(lab.rng.between(150, 600));
  const endStun = Math.round(lab.rng.between(150, 600));
  const memoryMs = vm.memoryBytes / copySpeed(lab, vm);
  task.ramp(lab.now, 5, 99, startStun + memoryMs + endStun);
  stun(lab, vm, startStun);
  lab.scheduler.call(startStun, CHECKPOINT_START, vm, task, o, memoryMs, endStun);
}

/** The first stun ended: new deltas, and the memory is written while the VM runs. */
export function checkpointStart(lab: LabContext, vm: Vm, task: Task, o: CreateOptions, memoryMs: number, endStun: number): void {
  const again = takeRefusal(lab, vm, false);
  if (again && again.startsWith('The operation')) { lab.fail(task, again); return; }
  vm.datastore.release(task.id);
  createSnapshot(lab, vm, o);
  vm.checkpointUntil = lab.now + memoryMs;
  lab.log(vm, 'host', 'vm.checkpointStart', `Lazy checkpoint: ${vm.name} keeps running, slowed, while its ${formatBytes(vm.memoryBytes)} of memory is written to ${vm.datastore.id}.`);
  lab.scheduler.call(memoryMs, CHECKPOINT_WRITTEN, vm, task, memoryMs, endStun);
}

/** The memory is written: a short stun ends the checkpoint. */
export function checkpointWritten(lab: LabContext, vm: Vm, task: Task, memoryMs: number, endStun: number): void {
  vm.checkpointUntil = 0;
  stun(lab, vm, endStun);
  lab.scheduler.call(endStun, CHECKPOINT_DONE, vm, task, memoryMs);
}

export function checkpointDone(lab: LabContext, vm: Vm, task: Task, memoryMs: number): void {
  lab.log(vm, 'host', 'vm.checkpointDone', `Memory of ${vm.name} written in ${(memoryMs / 1000).toFixed(1)} s; a short stun ended the checkpoint.`);
  lab.succeed(task);
}
