// The learner's progress as one JSON file, to take to another machine or browser: the lessons completed
// and the lab they were working on (a session, replayed on import). In a share link the completed
// lessons ride along as "#progress=p1.…" (deflate + base64url, like the session itself).
import { lessons } from '../../lessons';
import { checkSession, type Session } from '../../worker/session';
import { pack, unpack } from '../share/packed';

export const PROGRESS_FORMAT = 'snaplab-progress';
export const PROGRESS_PARAM = 'progress';
const LINK_PREFIX = 'p1.';

export interface ProgressFile {
  format: typeof PROGRESS_FORMAT;
  version: 1;
  exportedAt: string;
  /** Lesson ids, in the course's order. */
  completed: string[];
  /** The lab open when the file was written. */
  session?: Session;
}

const known = (ids: readonly string[]) => lessons.map((l) => l.id).filter((id) => ids.includes(id));

export function progressFile(completed: readonly string[], session: Session | undefined, date = new Date()): ProgressFile {
  const file: ProgressFile = { format: PROGRESS_FORMAT, version: 1, exportedAt: date.toISOString(), completed: known(completed) };
  if (session) file.session = session;
  return file;
}

export function progressFileName(date = new Date()): string {
  return `snaplab-progress-${date.toISOString().slice(0, 10)}.json`;
}

export type ReadProgress = { ok: true; completed: string[]; session?: Session } | { ok: false; message: string };

export function readProgressFile(text: string): ReadProgress {
  let value: unknown;
  try { value = JSON.parse(text); } catch { return { ok: false, message: 'This is not a SnapLab progress file: it is not JSON.' }; }
  const v = value as Partial<ProgressFile> | null;
  if (!v || typeof v !== 'object' || v.format !== PROGRESS_FORMAT) return { ok: false, message: `This is not a SnapLab progress file: "format" should be "${PROGRESS_FORMAT}".` };
  if (v.version !== 1) return { ok: false, message: `This progress file has version ${JSON.stringify(v.version)}; this SnapLab reads version 1.` };
  if (!Array.isArray(v.completed) || !v.completed.every((x) => typeof x === 'string')) return { ok: false, message: '"completed" should be a list of lesson ids.' };
  if (v.session === undefined) return { ok: true, completed: known(v.completed) };
  const check = checkSession(v.session);
  if (!check.ok) return { ok: false, message: `The lab in this progress file cannot be read: ${check.message}` };
  return { ok: true, completed: known(v.completed), session: check.session };
}

export async function encodeProgress(completed: readonly string[]): Promise<string> {
  return pack(LINK_PREFIX, known(completed));
}

/** The completed lessons a link carries, or null when it carries none or they cannot be read. */
export async function decodeProgress(text: string): Promise<string[] | null> {
  const unpacked = await unpack(text, LINK_PREFIX);
  if (!unpacked.ok) return null;
  const ids = unpacked.value;
  return Array.isArray(ids) ? known(ids.filter((x): x is string => typeof x === 'string')) : null;
}

/** The progress a URL fragment carries ("#share=…&progress=p1.…"), or null. */
export function progressIn(hash: string): string | null {
  return new URLSearchParams(hash.replace(/^#/, '')).get(PROGRESS_PARAM);
}

/** Adds the progress to a link's fragment, keeping what is there (a shared session). */
export async function withProgress(url: string, completed: readonly string[]): Promise<string> {
  const u = new URL(url);
  const params = new URLSearchParams(u.hash.replace(/^#/, ''));
  params.set(PROGRESS_PARAM, await encodeProgress(completed));
  u.hash = params.toString();
  return u.toString();
}
