// The guest's Windows event log (Application and System), bounded like a real log that overwrites
// its oldest entries. VSS, VolSnap, ESE and SQL Server write here; `eventvwr` in the console reads it.
import type { LabContext } from '../context';
import type { Vm } from '../../model/vm';
import { MAX_GUEST_EVENTS, type GuestEvent } from '../../model/guest/guestState';

export function guestEvent(lab: LabContext, vm: Vm, log: GuestEvent['log'], level: GuestEvent['level'], source: string, id: number, message: string): void {
  if (vm.guestOs === 'linux') return;
  const list = vm.guest.eventLog;
  list.push({ time: lab.now, log, level, source, id, message });
  if (list.length > MAX_GUEST_EVENTS) list.splice(0, list.length - MAX_GUEST_EVENTS);
}
