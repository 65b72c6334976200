// `net start`, `net stop` and `sc config / query / qc` in the guest console, with Windows' own
// answers. Starting a writer's hosting service brings its writer back as [1] Stable, No error
// (vss.md rule 7); a service in use by a VSS session in progress will not stop.
import type { LabContext } from '../context';
import type { Vm } from '../../model/vm';
import type { ServiceState } from '../../model/guest/guestState';
import { findService, startService, stopService, SC_START } from './services';
import { restartWriter, onServiceConfig } from '../vss/guestModel';
import { SERVICE_DISABLED } from './vssadmin';

const INVALID = 'The service name is invalid.\n\nMore help is available by typing NET HELPMSG 2185.\n';

export function net(lab: LabContext, vm: Vm, args: string[]): string {
  const verb = (args[0] ?? '').toLowerCase();
  const name = args.slice(1).join(' ').replace(/^"|"$/g, '');
  if (verb === 'start' && !name) {
    const running = vm.guest.services.filter((s) => s.running).map((s) => `   ${s.displayName}`);
    return `These Windows services are started:\n\n${running.join('\n')}\n\nThe command completed successfully.\n`;
  }
  if ((verb !== 'start' && verb !== 'stop') || !name) {
    return 'The syntax of this command is:\n\nNET START [service]\nNET STOP service\n';
  }
  const s = findService(vm, name);
  if (!s) return INVALID;
  return verb === 'start' ? netStart(lab, vm, s) : netStop(lab, vm, s);
}

function netStart(lab: LabContext, vm: Vm, s: ServiceState): string {
  if (s.running) return 'The requested service has already been started.\n\nMore help is available by typing NET HELPMSG 2182.\n';
  if (!startService(lab, vm, s)) return `System error 1058 has occurred.\n\n${SERVICE_DISABLED}\n`;
  for (const w of vm.guest.writers) if (w.service === s.name) restartWriter(lab, vm, w);
  return `The ${s.displayName} service is starting.\nThe ${s.displayName} service was started successfully.\n`;
}

function netStop(lab: LabContext, vm: Vm, s: ServiceState): string {
  if (!s.running) return `The ${s.displayName} service is not started.\n\nMore help is available by typing NET HELPMSG 3521.\n`;
  const session = vm.guest.session;
  const inUse = session && (s.name === 'VSS' || s.name === 'vmvss' || s.name === 'swprv' || session.writers.some((w) => w.service === s.name));
  if (inUse) return `The ${s.displayName} service could not be stopped.\n\nThe service is not responding to the control function.\n\nMore help is available by typing NET HELPMSG 2186.\n`;
  stopService(lab, vm, s);
  return `The ${s.displayName} service is stopping.\nThe ${s.displayName} service was stopped successfully.\n`;
}

const NO_SERVICE = '[SC] OpenService FAILED 1060:\n\nThe specified service does not exist as an installed service.\n';
const START_TYPE: Record<ServiceState['startup'], string> = { automatic: '2   AUTO_START', manual: '3   DEMAND_START', disabled: '4   DISABLED' };

export function sc(lab: LabContext, vm: Vm, args: string[]): string {
  const verb = (args[0] ?? '').toLowerCase();
  const s = args[1] ? findService(vm, args[1]) : undefined;
  if (verb === 'query' || verb === 'qc') {
    if (!args[1]) return 'DESCRIPTION:\n        Obtains and displays information about the specified service.\nUSAGE:\n        sc query <service>\n        sc qc <service>\n';
    if (!s) return NO_SERVICE;
    if (verb === 'query') {
      return `\nSERVICE_NAME: ${s.name}\n        TYPE               : 20  WIN32_SHARE_PROCESS\n        STATE              : ${s.running ? '4  RUNNING' : '1  STOPPED'}\n        WIN32_EXIT_CODE    : 0  (0x0)\n        SERVICE_EXIT_CODE  : 0  (0x0)\n        CHECKPOINT         : 0x0\n        WAIT_HINT          : 0x0\n`;
    }
    return `[SC] QueryServiceConfig SUCCESS\n\nSERVICE_NAME: ${s.name}\n        START_TYPE         : ${START_TYPE[s.startup]}\n        DISPLAY_NAME       : ${s.displayName}\n`;
  }
  if (verb !== 'config' || !args[1]) {
    return 'DESCRIPTION:\n        Modifies a service entry in the registry and Service Database.\nUSAGE:\n        sc config <service> start= <auto|demand|disabled>\n        sc query <service>\n        sc qc <service>\n';
  }
  if (!s) return NO_SERVICE;
  // sc wants "start=" and its value as two words; "start=disabled" is a common slip that sc refuses.
  const i = args.findIndex((a) => a.toLowerCase() === 'start=');
  const value = i >= 0 ? (args[i + 1] ?? '').toLowerCase() : '';
  const startup = SC_START[value];
  if (!startup) return 'DESCRIPTION:\n        Modifies a service entry in the registry and Service Database.\nUSAGE:\n        sc config <service> start= <auto|demand|disabled>\n\nNote: the option name includes the equal sign, and a space goes between it and its value.\n';
  if (s.name === 'VSS') { vm.vssService = startup; onServiceConfig(lab, vm); } else s.startup = startup;
  return '[SC] ChangeServiceConfig SUCCESS\n';
}
