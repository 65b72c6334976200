// Guest-side setup and power transitions. The VSS model (vss/) hooks in here: writers and services
// are created from the guest OS and applications, and reset when the guest restarts.
import type { LabContext } from '../context';
import type { Vm } from '../../model/vm';
import type { PowerState } from '../../core/view';
import { initWriters, resetGuestOnBoot } from '../vss/guestModel';
import { directoryStarts, initDirectory } from '../directory/safeguards';
import { storeStarts } from '../exchange/store';

export function initGuest(lab: LabContext, vm: Vm): void {
  initWriters(lab, vm);
  initDirectory(lab, vm);
}

export function onGuestPower(lab: LabContext, vm: Vm, was: PowerState, now: PowerState, cause?: string): void {
  if (was === 'poweredOn' && now !== 'poweredOn') {
    // The guest stops: a quiesce or an in-guest backup in progress ends with it.
    vm.guest.bootId++;
    for (const r of [...vm.guest.requestors]) r.cancel(`${vm.name} was ${cause ?? (now === 'suspended' ? 'suspended' : 'powered off')} while the guest was quiescing`);
    vm.guest.session?.cancel('power', `${vm.name} stopped running`);
    vm.guest.shadows = [];
    vm.guest.vmwareProvider = false;
  }
  // A guest that boots afresh (not a resume) starts its services, and its writers, stable.
  if (now === 'poweredOn' && was === 'poweredOff') resetGuestOnBoot(lab, vm);
  // A domain controller's database starts counting again, and checks the VM-Generation ID first.
  if (now === 'poweredOn' && was !== 'poweredOn') directoryStarts(lab, vm);
  // Exchange's store mounts its database at boot, replaying its logs if an image left it dirty.
  if (now === 'poweredOn' && was === 'poweredOff') storeStarts(lab, vm);
}
