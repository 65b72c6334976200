// A stun: the host halts the VM's guest I/O for a moment (a snapshot's switch to new deltas, the end
// of a merge). Workloads pause and guest writes wait until it ends.
import type { LabContext } from '../context';
import type { Vm } from '../../model/vm';
import { releaseHeld } from '../guest/write';

/** Halt guest I/O for `ms` (a stun): workloads pause and guest writes wait (rule 17). */
export function stun(lab: LabContext, vm: Vm, ms: number): void {
  if (vm.power !== 'poweredOn' || ms <= 0) return;
  const until = lab.now + ms;
  vm.stunnedUntil = Math.max(vm.stunnedUntil, until);
  lab.scheduler.callAt(until, STUN_END, vm);
}

/** The job kind that ends a stun: the writes held during it go through (lab/jobs.ts). */
export const STUN_END = 'vm.stunEnd';
export const stunEnd = (lab: LabContext, vm: Vm): void => releaseHeld(lab, vm);
