// The dispatcher: validate a command against its schema and the lab's ids, then hand it to its
// handler from the table it was given. Every refusal is { ok: false, error: { code, message } } and
// leaves the lab unchanged.
import { commandSchemas, COMMAND_TYPES, type Command, type CommandType, type HandlerTable } from '../core/commands';
import { formatPath } from '../core/schema';
import { refuse, quote, type CommandResult } from '../core/result';

/** What the dispatcher needs of a lab: its VMs, to check a command's vm id. */
export interface DispatchTarget { vm(id: string): unknown; readonly vms: readonly { id: string }[] }

export class Dispatcher<L extends DispatchTarget> {
  constructor(private readonly handlers: HandlerTable<L>) {}

  dispatch(lab: L, input: unknown): CommandResult {
    if (typeof input !== 'object' || input === null || Array.isArray(input)) {
      return refuse('INVALID_COMMAND', 'A command is a JSON object with a "type", such as {"type": "snapshot.take", "vm": "exch01", "name": "before-patch"}.');
    }
    const { type, ...fields } = input as Record<string, unknown>;
    if (typeof type !== 'string') return refuse('INVALID_COMMAND', 'The command has no "type" (a string such as "snapshot.take").');
    if (!Object.hasOwn(commandSchemas, type)) {
      return refuse('UNKNOWN_COMMAND', `There is no command ${quote(type)}. Commands: ${COMMAND_TYPES.join(', ')}.`);
    }
    const schema = commandSchemas[type as CommandType];
    const parsed = schema.safeParse(fields);
    if (!parsed.success) {
      const iss = parsed.error.issues[0];
      const field = iss.path.length ? formatPath(iss.path) : null;
      const what = iss.code === 'unrecognized_keys' ? `${type} has no field ${iss.keys.map((k) => `"${k}"`).join(', ')}` :
        field ? `${type}: field "${field}": ${iss.message}` : `${type}: ${iss.message}`;
      return refuse('INVALID_COMMAND', what.endsWith('.') ? what : `${what}.`);
    }
    const cmd = { type, ...parsed.data } as Command;
    if ('vm' in cmd && typeof cmd.vm === 'string' && !lab.vm(cmd.vm)) {
      return refuse('VM_NOT_FOUND', `There is no virtual machine ${quote(cmd.vm)} in this lab. VMs: ${lab.vms.map((v) => v.id).join(', ') || 'none'}.`);
    }
    const handler = this.handlers[cmd.type] as (lab: L, c: Command) => CommandResult;
    return handler(lab, cmd);
  }
}
