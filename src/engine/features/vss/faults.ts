// fault.inject / fault.clear: faults live on the VM until cleared, or until used once ("once").
import type { LabContext } from '../context';
import type { CommandOf } from '../../core/commands';
import type { CommandResult } from '../../core/view';
import { refuse, quote } from '../../core/result';
import { applyDatastoreSpeeds } from '../datastore/speed';


/** Each fault kind as the event log says it to a learner ("Break something" uses the same words). */
const FAULT_WORDS: Record<string, string> = {
  writerError: 'a VSS writer that fails', writerHang: 'a VSS writer that stops answering', slowCommit: 'a slow provider commit',
  scriptFail: 'a freeze or thaw script that fails', datastoreSlow: 'a slow datastore', proxyLock: 'a backup proxy that keeps the disks locked',
  proxyCrash: 'a backup application that crashes', fileLock: 'another process locking the disk files',
};
export function injectFault(lab: LabContext, cmd: CommandOf<'fault.inject'>): CommandResult {
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
  lab.log(vm, 'lab', 'fault.injected', `Fault ${id} injected into ${vm.name}: ${FAULT_WORDS[f.kind] ?? 'a fault'}.`);
  return { ok: true, fault: id };
}

export function clearFault(lab: LabContext, cmd: CommandOf<'fault.clear'>): CommandResult {
  const vm = lab.vm(cmd.vm)!;
  if (cmd.fault !== undefined && !vm.faults.some((f) => f.id === cmd.fault)) {
    return refuse('FAULT_NOT_FOUND', `${vm.name} has no active fault ${quote(cmd.fault)}. Active: ${vm.faults.map((f) => f.id).join(', ') || 'none'}.`);
  }
  vm.faults = cmd.fault === undefined ? [] : vm.faults.filter((f) => f.id !== cmd.fault);
  applyDatastoreSpeeds(lab);
  lab.log(vm, 'lab', 'fault.cleared', cmd.fault ? `Fault ${cmd.fault} cleared on ${vm.name}.` : `All faults cleared on ${vm.name}.`);
  return { ok: true };
}
