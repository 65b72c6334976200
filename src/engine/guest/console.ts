// guest.exec: the guest console.
import type { Lab } from '../lab/lab';
import type { CommandOf } from '../lab/commands';
import type { CommandResult } from '../lab/view';
import { refuse } from '../lab/dispatch';

export function execCommand(lab: Lab, cmd: CommandOf<'guest.exec'>): CommandResult {
  const vm = lab.vm(cmd.vm)!;
  return refuse('NOT_AVAILABLE', `The guest console of ${vm.name} is not modelled yet.`);
}
