// Windows services the quiescing story touches (vss.md rule 2): VSS and the software provider (both
// Manual), VMware Tools' snapshot provider (vmvss), and the service hosting each writer.
import { storeStarts } from '../exchange/store';
import type { LabContext } from '../context';
import type { Vm } from '../../model/vm';
import type { ServiceState, StartupType } from '../../model/guest/guestState';
import { guestEvent } from './eventLog';

interface ServiceInfo { name: string; displayName: string; startup: StartupType; app?: string; since2008?: boolean; tools?: boolean }

const CATALOG: ServiceInfo[] = [
  { name: 'VSS', displayName: 'Volume Shadow Copy', startup: 'manual' },
  { name: 'swprv', displayName: 'Microsoft Software Shadow Copy Provider', startup: 'manual' },
  { name: 'vmvss', displayName: 'VMware Snapshot Provider', startup: 'manual', tools: true },
  { name: 'CryptSvc', displayName: 'Cryptographic Services', startup: 'automatic' },
  { name: 'Winmgmt', displayName: 'Windows Management Instrumentation', startup: 'automatic' },
  { name: 'MSExchangeIS', displayName: 'Microsoft Exchange Information Store', startup: 'automatic', app: 'exchange' },
  { name: 'SQLWriter', displayName: 'SQL Server VSS Writer', startup: 'automatic', app: 'sql' },
  { name: 'SPWriter', displayName: 'Windows SharePoint Services VSS Writer', startup: 'automatic', app: 'sharepoint' },
  { name: 'NTDS', displayName: 'Active Directory Domain Services', startup: 'automatic', app: 'ad' },
  { name: 'BITS', displayName: 'Background Intelligent Transfer Service', startup: 'automatic', app: 'bits' },
  { name: 'DHCPServer', displayName: 'DHCP Server', startup: 'automatic', app: 'dhcp' },
  { name: 'WINS', displayName: 'Windows Internet Name Service (WINS)', startup: 'automatic', app: 'wins' },
];

export function initServices(vm: Vm): void {
  if (vm.guestOs === 'linux') { vm.guest.services = []; return; }
  vm.guest.services = CATALOG
    .filter((s) => (s.app ? vm.apps.includes(s.app as never) : s.tools ? vm.tools.status !== 'notInstalled' && vm.tools.vss : true))
    .map((s) => ({ name: s.name, displayName: s.displayName, startup: s.name === 'VSS' ? vm.vssService : s.startup, running: false }));
  bootServices(vm);
}

/** At boot, Automatic services start; Manual ones wait until something needs them. */
export function bootServices(vm: Vm): void {
  for (const s of vm.guest.services) {
    if (s.name === 'VSS') s.startup = vm.vssService;
    s.running = s.startup === 'automatic';
  }
}

export function findService(vm: Vm, name: string): ServiceState | undefined {
  const n = name.toLowerCase();
  return vm.guest.services.find((s) => s.name.toLowerCase() === n || s.displayName.toLowerCase() === n);
}

export function serviceRunning(vm: Vm, name: string): boolean {
  return findService(vm, name)?.running ?? false;
}

/** Start on demand (a requestor or vssadmin needing VSS): refused when the service is Disabled. */
export function startService(lab: LabContext, vm: Vm, s: ServiceState): boolean {
  if (s.running) return true;
  if (s.startup === 'disabled') return false;
  s.running = true;
  lab.log(vm, 'guest', 'service.started', `${vm.name}: the ${s.displayName} service (${s.name}) started.`);
  guestEvent(lab, vm, 'System', 'Information', 'Service Control Manager', 7036, `The ${s.displayName} service entered the running state.`);
  if (s.name === 'MSExchangeIS') storeStarts(lab, vm);
  return true;
}

export function stopService(lab: LabContext, vm: Vm, s: ServiceState): void {
  if (!s.running) return;
  s.running = false;
  lab.log(vm, 'guest', 'service.stopped', `${vm.name}: the ${s.displayName} service (${s.name}) stopped.`);
  guestEvent(lab, vm, 'System', 'Information', 'Service Control Manager', 7036, `The ${s.displayName} service entered the stopped state.`);
}

/** sc.exe's words for startup types. */
export const SC_START: Record<string, StartupType> = { auto: 'automatic', demand: 'manual', disabled: 'disabled' };
export const STARTUP_WORDS: Record<StartupType, string> = { automatic: 'auto start', manual: 'demand start', disabled: 'disabled' };
