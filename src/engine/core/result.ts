// What a command returns (docs/commands.md). A refusal is { ok: false, error: { code, message } }
// and leaves the lab unchanged; features and the dispatcher build them with refuse().
import type { CommandResult } from './view';

export type { CommandResult, CommandError } from './view';

export function refuse(code: string, message: string): CommandResult {
  return { ok: false, error: { code, message } };
}

const QUOTE_MAX = 60;

/** A value a refusal echoes back, in quotes, cut to a short prefix: a 10 MB id is not repeated whole. */
export function quote(value: string): string {
  return value.length <= QUOTE_MAX ? `"${value}"` : `"${value.slice(0, QUOTE_MAX)}..." (${value.length} characters)`;
}
