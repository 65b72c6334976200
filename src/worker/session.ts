// A session is how a lab is saved: the definition it started from and every accepted command with the
// simulated time it ran at. The engine is deterministic (same seed + same steps = same state), so
// replaying a session rebuilds the same lab. It is what autosave keeps and what export writes.

export const SESSION_FORMAT = 'snaplab-session';
export const SESSION_VERSION = 1;

export interface SessionCommand { at: number; command: { type: string } & Record<string, unknown> }

export interface Session {
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

export type SessionCheck = { ok: true; session: Session } | { ok: false; message: string };

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const isTime = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v) && v >= 0;

/** Check the shape of a session file; the definition itself is checked by the engine when it loads. */
export function checkSession(value: unknown): SessionCheck {
  const bad = (message: string): SessionCheck => ({ ok: false, message });
  if (!isRecord(value)) return bad('This is not a SnapLab session file: expected a JSON object.');
  if (value.format !== SESSION_FORMAT) return bad(`This is not a SnapLab session file: "format" should be "${SESSION_FORMAT}".`);
  if (value.version !== SESSION_VERSION) return bad(`This session file has version ${JSON.stringify(value.version)}; this SnapLab reads version ${SESSION_VERSION}.`);
  if (!isRecord(value.definition)) return bad('The session file has no lab definition ("definition" should be an object).');
  if (value.lesson !== undefined && typeof value.lesson !== 'string') return bad('"lesson" should be a lesson id (text).');
  if (value.seed !== undefined && !(Number.isInteger(value.seed) && (value.seed as number) >= 0)) return bad('"seed" should be a whole number, 0 or more.');
  if (!isTime(value.time)) return bad('"time" should be the simulated milliseconds reached (a number, 0 or more).');
  if (!Array.isArray(value.commands)) return bad('"commands" should be a list.');
  let last = 0;
  for (let i = 0; i < value.commands.length; i++) {
    const c: unknown = value.commands[i];
    if (!isRecord(c) || !isTime(c.at)) return bad(`commands[${i}].at should be a simulated time in milliseconds.`);
    if (c.at < last) return bad(`commands[${i}].at goes back in time (${c.at} after ${last}).`);
    if (!isRecord(c.command) || typeof c.command.type !== 'string') return bad(`commands[${i}].command should be a command object with a "type".`);
    last = c.at;
  }
  if ((value.time as number) < last) return bad(`"time" (${value.time}) is before the last command (${last}).`);
  return { ok: true, session: value as unknown as Session };
}

/** Records accepted commands as they happen, for autosave and export. */
export class SessionRecorder {
  private commands: SessionCommand[] = [];
  constructor(private readonly definition: unknown, private readonly seed?: number, private readonly lesson?: string) {}

  record(at: number, command: SessionCommand['command']): void {
    this.commands.push({ at, command });
  }

  session(time: number): Session {
    const s: Session = { format: SESSION_FORMAT, version: SESSION_VERSION, definition: this.definition, commands: this.commands.slice(), time };
    if (this.seed !== undefined) s.seed = this.seed;
    if (this.lesson !== undefined) s.lesson = this.lesson;
    return s;
  }

  get size(): number { return this.commands.length; }
}
