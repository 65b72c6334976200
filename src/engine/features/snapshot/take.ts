// snapshot.take as a vSphere task (rules 5, 13, 16, 17, 27, 28): the checks vSphere makes when the
// task starts, then a short stun (or the memory write) and the switch to new deltas. A quiesced
// snapshot hands the switch to the guest quiescing in vss/, which calls it while writes are held.
import type { LabContext } from '../context';
import type { Vm } from '../../model/vm';
import type { Task } from '../../core/tasks';
import type { CommandOf } from '../../core/commands';
import type { CommandResult } from '../../core/view';
import { createSnapshot, snapshotStartBytes, deltaFormatFor } from './create';
import { snapshotOverheadBytes } from '../../model/disk/formats';
import { startQuiesce } from '../vss/quiesce';
import { refuse } from '../../core/result';
import { formatBytes } from '../../core/format';
import { stun } from '../vm/stun';
import { copySpeed } from '../datastore/speed';

export const TAKE_TASK = 'Create virtual machine snapshot';

export function takeCommand(lab: LabContext, cmd: CommandOf<'snapshot.take'>): CommandResult {
  const vm = lab.vm(cmd.vm)!;
  if (cmd.vssBackupType !== undefined && !vm.host.atLeast('6.5')) {
    return refuse('NOT_SUPPORTED', `vssBackupType needs ESXi 6.5 or later; ${vm.host.id} runs ${vm.host.version}, where VMware Tools always asks VSS for a COPY backup.`);
  }
  const t = lab.task(TAKE_TASK, vm, vm.name, (task) => runTake(lab, vm, task, cmd));
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

function runTake(lab: LabContext, vm: Vm, task: Task, cmd: CommandOf<'snapshot.take'>): void {
  // A suspended VM's snapshot always includes its memory; a powered-off VM has none (rule 5).
  const memory = vm.power === 'suspended' || (vm.power === 'poweredOn' && cmd.memory === true);
  const refusal = takeRefusal(lab, vm, memory);
  if (refusal) { lab.fail(task, refusal); return; }
  const name = cmd.name;
  const description = cmd.description ?? '';
  // Memory and quiescing are alternatives; quiesce needs a running guest with Tools (rule 27).
  if (cmd.quiesce && !memory && vm.toolsRunning) {
    startQuiesce(lab, vm, task, { name, description, backupType: cmd.vssBackupType ?? 'copy' });
    return;
  }
  if (cmd.quiesce && !memory) {
    lab.log(vm, 'vCenter', 'quiesce.ignored', `Quiesce ignored: ${vm.power !== 'poweredOn' ? `${vm.name} is not powered on` : 'VMware Tools is not running'}; the snapshot is taken without quiescing.`);
  }
  const stunMs = Math.round(lab.rng.between(150, 600));
  const memoryMs = memory && vm.power === 'poweredOn' ? vm.memoryBytes / copySpeed(lab, vm) : 0;
  const total = stunMs + memoryMs;
  task.ramp(lab.now, 5, 99, total);
  stun(lab, vm, total);
  lab.scheduler.after(total, () => {
    const again = takeRefusal(lab, vm, false);
    if (again && again.startsWith('The operation')) { lab.fail(task, again); return; }
    const consistency = vm.power === 'poweredOff' ? 'poweredOff' : memory ? 'memory' : 'crash';
    createSnapshot(lab, vm, { name, description, memory, quiesced: false, consistency });
    lab.succeed(task);
  });
}
