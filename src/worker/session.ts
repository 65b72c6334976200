// A session is how a lab is saved: the definition it started from and every accepted command with the
// simulated time it ran at. The engine is deterministic (same seed + same steps = same state), so
// replaying a session rebuilds the same lab. It is what autosave keeps and what export writes.
import { z } from 'zod';
import { fieldIssues } from './fieldIssues';
import type { BranchFields } from './branchSession';

export const SESSION_FORMAT = 'snaplab-session';
export const SESSION_VERSION = 1;

/**
 * How far a lab's clock may run: one clock.advance may cover at most 366 days, and so may a whole
 * session, so a saved or shared session replays in bounded time (a `time` of 1e13 would not finish).
 */
export const LAB_TIME_LIMIT_MS = 366 * 24 * 3600_000;
/** A seed is the Rng's 32-bit state word (the lab definition allows the same range). */
export const MAX_SEED = 2 ** 32 - 1;

export interface SessionCommand { at: number; command: { type: string } & Record<string, unknown> }

/** The branch fields (branchSession.ts) are there only when the lab has more than one branch or is in its past. */
export interface Session extends BranchFields {
  format: typeof SESSION_FORMAT;
  version: typeof SESSION_VERSION;
  /** The lab definition the session started from (always present, so a file stands alone). */
  definition: unknown;
  /** Set when the lab came from a lesson, so its objectives come back with it. */
  lesson?: string;
  seed?: number;
  commands: SessionCommand[];
  /** Simulated ms the lab had reached. */
  time: number;
}

/** `issues` is the named fields alone, for a caller that writes its own sentence around them. */
export type SessionCheck = { ok: true; session: Session } | { ok: false; message: string; issues: string };

const simTime = z.number({ error: 'should be simulated milliseconds (a number)' })
  .int('should be whole milliseconds, as clock.advance takes them')
  .min(0, 'should be 0 or more')
  .max(LAB_TIME_LIMIT_MS, `should be at most ${LAB_TIME_LIMIT_MS} (366 days, the longest a lab's clock runs)`);

const sessionSchema = z.object({
  format: z.literal(SESSION_FORMAT, { error: `should be "${SESSION_FORMAT}" (this is not a SnapLab session file)` }),
  version: z.literal(SESSION_VERSION, { error: (iss) => `this SnapLab reads version ${SESSION_VERSION}, the file has ${JSON.stringify(iss.input)}` }),
  definition: z.record(z.string(), z.unknown(), { error: 'should be the lab definition (an object)' }),
  lesson: z.string({ error: 'should be a lesson id (text)' }).min(1, 'should be a lesson id (text)').optional(),
  seed: z.number({ error: 'should be a whole number' }).int('should be a whole number').min(0, 'should be 0 or more').max(MAX_SEED, `should be at most ${MAX_SEED}`).optional(),
  commands: z.array(z.object({
    at: simTime,
    command: z.looseObject({ type: z.string({ error: 'should be a command type such as "snapshot.take"' }).min(1) }, { error: 'should be a command object with a "type"' }),
  }, { error: 'should be { "at": ms, "command": {...} }' }), { error: 'should be a list of { "at": ms, "command": {...} }' }),
  time: simTime,
}).superRefine((s, ctx) => {
  let last = 0;
  for (let i = 0; i < s.commands.length; i++) {
    const at = s.commands[i].at;
    if (at < 0) continue; // named already
    if (at < last) ctx.addIssue({ code: 'custom', path: ['commands', i, 'at'], message: `goes back in time (${at} after ${last})` });
    last = Math.max(last, at);
  }
  if (s.time < last) ctx.addIssue({ code: 'custom', path: ['time'], message: `(${s.time}) is before the last command (${last})` });
});

/**
 * Check a session file: each bad field is named, as lab definitions and commands name theirs. The
 * definition itself is checked by the engine when it loads. The value is returned as given, not as
 * zod rebuilt it, so a command replays exactly as it was sent (a rebuilt copy would drop a "__proto__"
 * key instead of letting the engine refuse it).
 */
export function checkSession(value: unknown): SessionCheck {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return { ok: false, message: 'This is not a SnapLab session file: expected a JSON object.', issues: '(the session): expected a JSON object' };
  }
  const r = sessionSchema.safeParse(value);
  if (r.success) return { ok: true, session: value as Session };
  const issues = fieldIssues(r.error.issues, '(the session)');
  return { ok: false, message: `This session file does not fit: ${issues}.`, issues };
}

/** Where a lab's session starts: the definition it was built from, its seed, and its lesson. */
export interface SessionOrigin { definition: unknown; seed?: number; lesson?: string }

/** The session of a lab from `origin` with these commands (the current branch's), at `time`. */
export function sessionOf(origin: SessionOrigin, commands: SessionCommand[], time: number): Session {
  const s: Session = { format: SESSION_FORMAT, version: SESSION_VERSION, definition: origin.definition, commands: commands.slice(), time };
  if (origin.seed !== undefined) s.seed = origin.seed;
  if (origin.lesson !== undefined) s.lesson = origin.lesson;
  return s;
}
