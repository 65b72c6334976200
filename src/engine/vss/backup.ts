// guest.backup: an in-guest backup application as a second VSS requestor.
import type { Lab } from '../lab/lab';
import type { CommandOf } from '../lab/commands';
import type { CommandResult } from '../lab/view';
import { refuse } from '../lab/dispatch';

export function backupCommand(lab: Lab, cmd: CommandOf<'guest.backup'>): CommandResult {
  const vm = lab.vm(cmd.vm)!;
  return refuse('NOT_AVAILABLE', `In-guest VSS backups are not modelled yet for ${vm.name}.`);
}
