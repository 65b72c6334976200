// What a command returns (contract section 2). A refusal is { ok: false, error: { code, message } }
// and leaves the lab unchanged; features and the dispatcher build them with refuse().
import type { CommandResult } from './view';

export type { CommandResult, CommandError } from './view';

export function refuse(code: string, message: string): CommandResult {
  return { ok: false, error: { code, message } };
}
