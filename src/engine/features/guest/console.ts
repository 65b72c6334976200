// guest.exec: the guest console. A Windows guest answers vssadmin, net, sc, its event log and help
// with Windows' own wording; anything else gets cmd.exe's "not recognized" and the list of what
// this console knows. A Linux guest has a shell with help only. The console needs a running guest.
import type { LabContext } from '../context';
import type { Vm } from '../../model/vm';
import type { CommandOf } from '../../core/commands';
import type { CommandResult } from '../../core/view';
import { refuse } from '../../core/result';
import { vssadmin } from './vssadmin';
import { net, sc } from './serviceCommands';
import { eventvwr, wevtutil } from './eventViewer';
import { repadmin } from '../directory/repadmin';
import { eseutil } from '../exchange/store';

export function execCommand(lab: LabContext, cmd: CommandOf<'guest.exec'>): CommandResult {
  const vm = lab.vm(cmd.vm)!;
  if (vm.power !== 'poweredOn') return refuse('VM_NOT_RUNNING', `${vm.name} is ${vm.power === 'suspended' ? 'suspended' : 'powered off'}: its guest console has nothing running to answer.`);
  // Logged as a lab event so lessons (and the timeline) can see what the learner ran.
  lab.log(vm, 'guest', 'guest.exec', `${vm.guestOs === 'linux' ? '$' : 'C:\\>'} ${cmd.command.trim()}`);
  return { ok: true, output: runConsole(lab, vm, cmd.command) };
}

export function runConsole(lab: LabContext, vm: Vm, line: string): string {
  const words = line.trim().split(/\s+/).filter(Boolean);
  if (!words.length) return '';
  const [head, ...args] = words;
  const name = head.toLowerCase().replace(/\.exe$/, '');
  if (vm.guestOs === 'linux') return name === 'help' ? linuxHelp() : `bash: ${head}: command not found\n\n${linuxHelp()}`;
  const modern = vm.guestOs !== 'windows2003';
  switch (name) {
    case 'help': case '?': case '/?': return windowsHelp(modern, vm.guest.directory !== null, vm.guest.exchange !== null);
    case 'vssadmin': return vssadmin(lab, vm, args);
    case 'net': return net(lab, vm, args);
    case 'sc': return sc(lab, vm, args);
    case 'eventvwr': return eventvwr(vm, args);
    case 'wevtutil': if (modern) return wevtutil(vm, args); break;
    case 'repadmin': { const out = repadmin(lab, vm, args); if (out !== null) return out; break; }
    case 'eseutil': { const out = eseutil(lab, vm, args); if (out !== null) return out; break; }
  }
  return `'${head}' is not recognized as an internal or external command,\noperable program or batch file.\n\n${windowsHelp(modern, vm.guest.directory !== null, vm.guest.exchange !== null)}`;
}

/**
 * The console's forms that can change the lab: starting or stopping a service by name, changing a
 * startup type, recovering or repairing a database. Every other line only reads: help, vssadmin's lists
 * (vssadmin starts the VSS service on demand to answer, as Windows does), `net start` alone, `sc query`
 * and `sc qc`, the event log, `repadmin /showrepl`, `eseutil /mh`, and lines the console does not know.
 */
const CHANGING_FORMS: Record<string, (args: string[]) => boolean> = {
  net: (args) => (args[0] === 'start' || args[0] === 'stop') && args.length > 1,
  sc: (args) => args[0] === 'config',
  eseutil: (args) => args[0] === '/r' || args[0] === '/p',
};

/** Whether a console line can change the lab (CHANGING_FORMS); a Linux guest's console only reads. */
export function consoleLineChanges(vm: Vm, line: string): boolean {
  if (vm.guestOs === 'linux') return false;
  const [head, ...args] = line.trim().toLowerCase().split(/\s+/).filter(Boolean);
  if (!head) return false;
  return CHANGING_FORMS[head.replace(/\.exe$/, '')]?.(args) ?? false;
}

function windowsHelp(modern: boolean, domainController: boolean, exchange = false): string {
  return 'Commands in this guest console:\n'
    + '  vssadmin list writers             VSS writers, their state and last error\n'
    + '  vssadmin list providers           shadow copy providers (VMware\'s only during a quiesce)\n'
    + '  vssadmin list shadows             shadow copies that exist now\n'
    + '  net start [service]               start a service (no name: list running services)\n'
    + '  net stop <service>                stop a service, e.g. net stop MSExchangeIS\n'
    + '  sc config <service> start= <auto|demand|disabled>   change a startup type, e.g. sc config vss start= demand\n'
    + '  sc query <service> | sc qc <service>                 a service\'s state or configuration\n'
    + '  eventvwr [application|system|directory] [count]      the Windows event log, newest first\n'
    + (modern ? '  wevtutil qe <Application|System|"Directory Service"> [/c:<count>]   the event log, wevtutil\'s layout\n' : '')
    + (domainController ? '  repadmin /showrepl                this domain controller\'s replication partners and last attempts\n' : '')
    + (exchange ? '  eseutil /mh | /r E00 | /p         Exchange database header, soft recovery, hard repair\n' : '')
    + '  help                              this list\n';
}

function linuxHelp(): string {
  return 'This Linux guest quiesces with the sync driver (vmsync / FIFREEZE) and has no VSS: vssadmin, net and sc are Windows commands.\nCommands in this guest console:\n  help    this list\n';
}
