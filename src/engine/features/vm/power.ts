// Power operations as vSphere tasks, and the side effects of a power state change: a nonpersistent
// disk loses its redo log at power off (rule 4); a question, held writes and guest state go too.
import type { LabContext } from '../context';
import type { Task } from '../../core/tasks';
import type { Vm } from '../../model/vm';
import type { CommandOf } from '../../core/commands';
import type { CommandResult, PowerState } from '../../core/view';
import { onGuestPower } from '../guest/init';
import { copySpeed } from '../datastore/speed';
import { syncChangeTracking } from '../../model/disk/changeTracking';
import { ctkGrowthBytes } from '../../model/datastore/vmFiles';

const TASKS = {
  'vm.powerOn': 'Power On virtual machine',
  'vm.powerOff': 'Power Off virtual machine',
  'vm.suspend': 'Suspend virtual machine',
  'vm.reset': 'Reset virtual machine',
} as const;

const stateWords: Record<PowerState, string> = { poweredOn: 'Powered on', poweredOff: 'Powered off', suspended: 'Suspended' };

/** Change the power state; `cause` words why a running guest stopped, for what it was doing. */
export function setPower(lab: LabContext, vm: Vm, power: PowerState, cause?: string): void {
  const was = vm.power;
  if (was === 'poweredOn' && power !== 'poweredOn') {
    vm.question = null;
    vm.pending = [];
    vm.held = [];
    vm.ioHeld = false;
  }
  if (power === 'poweredOff') {
    // Power off discards a nonpersistent disk's changes; a fresh power on starts a new redo log.
    for (const d of vm.disks) {
      if (d.mode !== 'independent-nonpersistent') continue;
      if (d.leaf !== d.base) { d.removeFile(d.leaf); d.leaf = d.base; }
    }
  }
  // The .vmx is read at power-on: a disk.EnableUUID changed meanwhile takes effect now (vss rule 18).
  if (was === 'poweredOff' && power === 'poweredOn') vm.diskEnableUUIDInEffect = vm.diskEnableUUID;
  vm.power = power;
  if (power === 'poweredOn') {
    for (const d of vm.disks) if (d.mode === 'independent-nonpersistent' && d.leaf === d.base) d.leaf = d.addRedo();
  }
  // Power states change at a stun/unstun cycle: a pending ctkEnabled change takes effect (VDDK guide).
  syncChangeTracking(vm);
  if (was !== power) onGuestPower(lab, vm, was, power, cause);
}

export function powerCommand(lab: LabContext, cmd: CommandOf<'vm.powerOn' | 'vm.powerOff' | 'vm.suspend' | 'vm.reset'>): CommandResult {
  const vm = lab.vm(cmd.vm)!;
  const t = lab.task(TASKS[cmd.type], vm, vm.name, { kind: POWER_START, args: [vm, cmd.type] });
  return { ok: true, task: t.id };
}

type PowerType = CommandOf<'vm.powerOn' | 'vm.powerOff' | 'vm.suspend' | 'vm.reset'>['type'];

/** Job kinds of a power task (lab/jobs.ts): its start, and its end once the state has changed. */
export const POWER_START = 'vm.power.start';
export const POWER_DONE = 'vm.power.done';

export function powerStart(lab: LabContext, task: Task, vm: Vm, type: PowerType): void {
  const allowed = type === 'vm.powerOn' ? vm.power !== 'poweredOn' : vm.power === 'poweredOn' || (type === 'vm.powerOff' && vm.power === 'suspended');
  if (!allowed) { lab.fail(task, `The attempted operation cannot be performed in the current state (${stateWords[vm.power]}).`); return; }
  // Suspend writes memory to the .vmss; resume reads it back; the rest are quick.
  const copiesMemory = type === 'vm.suspend' || (type === 'vm.powerOn' && vm.power === 'suspended');
  const memMs = copiesMemory ? vm.memoryBytes / copySpeed(lab, vm) : 0;
  // Powering on creates the swap file (and a nonpersistent disk's redo log); suspend writes the .vmss.
  const need = (type === 'vm.powerOn' ? (vm.power === 'suspended' ? 0 : vm.memoryBytes + 16 * 1024 * 1024) : type === 'vm.suspend' ? 64 * 1024 : 0)
    + (type === 'vm.powerOn' || type === 'vm.reset' ? cbtBytesAtPowerOn(vm) : 0);
  // The swap file is as large as the memory: past the datastore's largest file it cannot be made.
  if (type === 'vm.powerOn' && vm.power === 'poweredOff' && vm.memoryBytes > vm.datastore.maxFileBytesFor(vm.host.version)) {
    lab.fail(task, `File ${vm.name}.vswp is larger than the maximum size supported by datastore '${vm.datastore.id}'.`);
    return;
  }
  if (need > vm.datastore.freeBytes) {
    lab.fail(task, `Could not power on virtual machine: No space left on device (datastore '${vm.datastore.id}').`.replace('power on', type === 'vm.suspend' ? 'suspend' : 'power on'));
    return;
  }
  vm.datastore.reserve(task.id, need);
  const ms = copiesMemory ? 500 + memMs : type === 'vm.powerOn' ? 1500 : 600;
  task.ramp(lab.now, 5, 99, ms);
  lab.scheduler.call(ms, POWER_DONE, vm, task, type);
}

export function powerDone(lab: LabContext, vm: Vm, task: Task, type: PowerType): void {
    vm.datastore.release(task.id);
    if (type === 'vm.powerOn') setPower(lab, vm, 'poweredOn');
    else if (type === 'vm.powerOff') setPower(lab, vm, 'poweredOff');
    else if (type === 'vm.suspend') setPower(lab, vm, 'suspended');
    else { setPower(lab, vm, 'poweredOff'); setPower(lab, vm, 'poweredOn'); }
    lab.log(vm, 'vCenter', type, `${TASKS[type]}: ${vm.name} is ${stateWords[vm.power].toLowerCase()}.`);
    lab.succeed(task);
}

/** CBT files a power on adds: a pending ctkEnabled takes effect, and a nonpersistent disk's new redo log is tracked. */
function cbtBytesAtPowerOn(vm: Vm): number {
  let n = 0;
  for (const d of vm.disks) n += ctkGrowthBytes(vm, d, d.mode === 'independent-nonpersistent' ? 1 : 0);
  return n;
}
