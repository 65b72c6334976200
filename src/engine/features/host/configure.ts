// host.configure (an extension): the lab's settings panel upgrades or downgrades a host's ESX version.
import type { LabContext } from '../context';
import type { CommandOf } from '../../core/commands';
import { refuse, quote, type CommandResult } from '../../core/result';

export function hostConfigureCommand(lab: LabContext, cmd: CommandOf<'host.configure'>): CommandResult {
  const host = lab.hosts.find((h) => h.id === cmd.host);
  if (!host) return refuse('HOST_NOT_FOUND', `There is no host ${quote(cmd.host)}. Hosts: ${lab.hosts.map((h) => h.id).join(', ')}.`);
  host.version = cmd.version;
  lab.log(null, 'vCenter', 'host.upgraded', `Host ${host.id} now runs ESX ${cmd.version}.`);
  return { ok: true };
}
