// fault.inject / fault.clear: faults live on the VM until cleared, or until used once ("once").
import type { Lab } from '../lab/lab';
import type { CommandOf } from '../lab/commands';
import type { CommandResult } from '../lab/view';
import { refuse } from '../lab/dispatch';
import type { Vm } from '../vm/vm';

export function injectFault(lab: Lab, cmd: CommandOf<'fault.inject'>): CommandResult {
  const vm = lab.vm(cmd.vm)!;
  const f = cmd.fault;
  if ((f.kind === 'writerError' || f.kind === 'writerHang') && !vm.guest.writers.some((w) => w.name === f.writer)) {
    const names = vm.guest.writers.map((w) => `'${w.name}'`).join(', ');
    return refuse('WRITER_NOT_FOUND', `${vm.name} has no VSS writer '${f.writer}'. ${names ? `Its writers: ${names}.` : 'It has no VSS writers.'}`);
  }
  if (f.kind === 'datastoreSlow' && !lab.datastore(f.datastore)) {
    return refuse('DATASTORE_NOT_FOUND', `There is no datastore "${f.datastore}". Datastores: ${lab.datastores.map((d) => d.id).join(', ')}.`);
  }
  const id = lab.newFaultId();
  vm.faults.push({ id, spec: f });
  applyDatastoreSpeeds(lab);
  lab.log(vm, 'lab', 'fault.injected', `Fault ${id} (${f.kind}) injected into ${vm.name}.`);
  return { ok: true, fault: id };
}

export function clearFault(lab: Lab, cmd: CommandOf<'fault.clear'>): CommandResult {
  const vm = lab.vm(cmd.vm)!;
  if (cmd.fault !== undefined && !vm.faults.some((f) => f.id === cmd.fault)) {
    return refuse('FAULT_NOT_FOUND', `${vm.name} has no active fault "${cmd.fault}". Active: ${vm.faults.map((f) => f.id).join(', ') || 'none'}.`);
  }
  vm.faults = cmd.fault === undefined ? [] : vm.faults.filter((f) => f.id !== cmd.fault);
  applyDatastoreSpeeds(lab);
  lab.log(vm, 'lab', 'fault.cleared', cmd.fault ? `Fault ${cmd.fault} cleared on ${vm.name}.` : `All faults cleared on ${vm.name}.`);
  return { ok: true };
}

/** datastoreSlow: the slowest active fault on a datastore sets its speed. */
export function applyDatastoreSpeeds(lab: Lab): void {
  for (const ds of lab.datastores) {
    let slow: number | null = null;
    for (const vm of lab.vms) for (const f of vm.activeFaults('datastoreSlow')) {
      if (f.spec.datastore === ds.id) slow = slow === null ? f.spec.MBps : Math.min(slow, f.spec.MBps);
    }
    ds.slowMBps = slow;
  }
}

/**
 * The copy speed of a VM's datastore for one long copy (a memory write or read, a merge pass), in
 * bytes per simulated ms. A datastoreSlow fault marked "once" slows that one copy and is then used
 * up, as the contract's "once" says.
 */
export function copySpeed(lab: Lab, vm: Vm): number {
  const speed = vm.datastore.bytesPerMs;
  let used = false;
  for (const v of lab.vms) {
    for (const f of v.activeFaults('datastoreSlow')) {
      if (f.spec.once && f.spec.datastore === vm.datastore.id) { v.consume(f); used = true; }
    }
  }
  if (used) applyDatastoreSpeeds(lab);
  return speed;
}
