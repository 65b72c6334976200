// The guest's VSS side: which writers exist (from the OS and the applications), the volumes a shadow
// copy set covers, and what boots, service restarts and startup changes do to them.
import type { LabContext } from '../context';
import type { Vm } from '../../model/vm';
import type { WriterState } from '../../model/guest/guestState';
import { WRITER_CATALOG } from './writers';
import { VSS_WRITER_STATE } from '../../core/vssWriterState';
import { stableGuid } from '../../core/ids';
import { initServices, bootServices, findService, serviceRunning, STARTUP_WORDS } from '../guest/services';
import { guestEvent } from '../guest/eventLog';

export function initWriters(lab: LabContext, vm: Vm): void {
  initServices(vm);
  vm.guest.volumes = vm.disks.map((d, i) => ({ letter: `${String.fromCharCode(67 + i)}:`, guid: stableGuid(lab.seed, vm.id, 'volume', d.id), disk: d.id }));
  if (vm.guestOs === 'linux') { vm.guest.writers = []; return; }
  const modern = vm.guestOs !== 'windows2003';
  vm.guest.writers = WRITER_CATALOG
    .filter((w) => (w.app ? vm.apps.includes(w.app as never) : !w.since2008 || modern))
    .map((w) => ({ name: w.name, id: w.id, service: w.service, instanceId: instanceId(lab), state: VSS_WRITER_STATE.STABLE, lastError: 0 }));
}

/** A fresh boot: services start by their startup type, writers come up Stable with new instances. */
export function resetGuestOnBoot(lab: LabContext, vm: Vm): void {
  vm.guest.bootId++;
  bootServices(vm);
  vm.guest.shadows = [];
  vm.guest.vmwareProvider = false;
  vm.guest.shadowSeq = 0;
  for (const w of vm.guest.writers) restartWriter(lab, vm, w);
}

/** A writer whose hosting service (re)started: a new instance, [1] Stable, No error (rule 7). */
export function restartWriter(lab: LabContext, vm: Vm, w: WriterState): void {
  w.state = VSS_WRITER_STATE.STABLE;
  w.lastError = 0;
  w.instanceId = stableGuid(lab.seed, vm.id, w.id, 'instance', lab.now, vm.guest.bootId);
}

/** Writers vssadmin lists and a requestor engages: those whose hosting service runs. */
export function activeWriters(vm: Vm): WriterState[] {
  return vm.guest.writers.filter((w) => serviceRunning(vm, w.service));
}

/** vm.configure changed the VSS service's startup type: the guest's service and its log follow. */
export function onServiceConfig(lab: LabContext, vm: Vm): void {
  const s = findService(vm, 'VSS');
  if (!s || s.startup === vm.vssService) return;
  const was = s.startup;
  s.startup = vm.vssService;
  guestEvent(lab, vm, 'System', 'Information', 'Service Control Manager', 7040,
    `The start type of the ${s.displayName} service was changed from ${STARTUP_WORDS[was]} to ${STARTUP_WORDS[s.startup]}.`);
}

/** A writer instance id: a fresh GUID per writer instance, from the lab's random numbers. */
export function instanceId(lab: LabContext): string {
  const h = () => lab.rng.u32().toString(16).padStart(8, '0');
  const a = h(), b = h(), c = h(), d = h();
  return `{${a}-${b.slice(0, 4)}-${b.slice(4)}-${c.slice(0, 4)}-${c.slice(4)}${d}}`;
}
