// The guest's VSS side: which writers exist (from the OS and the applications) and their states.
import type { Lab } from '../lab/lab';
import type { Vm } from '../vm/vm';
import { WRITER_CATALOG } from './writers';

export function initWriters(lab: Lab, vm: Vm): void {
  if (vm.guestOs === 'linux') { vm.guest.writers = []; return; }
  const modern = vm.guestOs !== 'windows2003';
  vm.guest.writers = WRITER_CATALOG
    .filter((w) => (w.app ? vm.apps.includes(w.app as never) : !w.since2008 || modern))
    .map((w) => ({ name: w.name, id: w.id, service: w.service, instanceId: instanceId(lab), state: 1, lastError: 0 }));
}

export function resetGuestOnBoot(_lab: Lab, vm: Vm): void {
  for (const w of vm.guest.writers) { w.state = 1; w.lastError = 0; }
}

export function onServiceConfig(_lab: Lab, _vm: Vm): void {}

/** A writer instance id: a fresh GUID per writer instance, from the lab's random numbers. */
export function instanceId(lab: Lab): string {
  const h = () => lab.rng.u32().toString(16).padStart(8, '0');
  const a = h(), b = h(), c = h(), d = h();
  return `{${a}-${b.slice(0, 4)}-${b.slice(4)}-${c.slice(0, 4)}-${c.slice(4)}${d}}`;
}
