// How fast a datastore copies now: its own speed, or the slowest datastoreSlow fault on it. Memory
// writes, reverts and merges all copy at this speed.
import type { LabContext } from '../context';
import type { Vm } from '../../model/vm';

/** datastoreSlow: the slowest active fault on a datastore sets its speed. */
export function applyDatastoreSpeeds(lab: LabContext): void {
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
 * up, as a fault's "once" says (docs/commands.md).
 */
export function copySpeed(lab: LabContext, vm: Vm): number {
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
