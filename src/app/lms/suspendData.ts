// The lab session as the learning platform keeps it (SCORM cmi.suspend_data, cmi5's state document):
// "s1." + base64url(deflate(JSON)), ASCII only. A lesson's own lab definition is left out (the lesson
// id brings it back), which keeps most lessons' sessions small. SCORM 1.2 allows 4,096 characters: a
// session past that keeps its oldest commands that fit, i.e. the lab as it was at an earlier moment;
// what was cut is said on the page (docs/lms.md). Completion and score never depend on it.
import { getLesson, lessonLabDefinition } from '../../lessons';
import { checkSession, type Session } from '../../worker/session';
import { MAX_UNPACKED_BYTES, pack, unpack } from '../share/packed';

export const SCORM12_SUSPEND_LIMIT = 4096;
const PREFIX = 's1.';

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

export async function encodeSuspendData(session: Session): Promise<string> {
  const lesson = session.lesson === undefined ? undefined : getLesson(session.lesson);
  const compact: Record<string, unknown> = { ...session };
  if (lesson && same(session.definition, lessonLabDefinition(lesson))) {
    delete compact.definition;
    compact.lessonLab = true;
  }
  return pack(PREFIX, compact);
}

export type DecodedSuspendData = { ok: true; session: Session } | { ok: false; message: string };

export async function decodeSuspendData(text: string): Promise<DecodedSuspendData> {
  const bad = (why: string): DecodedSuspendData => ({ ok: false, message: `The lab saved by your learning platform could not be read (${why}), so the lesson starts from the beginning.` });
  const unpacked = await unpack(text, PREFIX);
  if (!unpacked.ok) {
    if (unpacked.why === 'not-ours') return bad('it was not written by this SnapLab');
    if (unpacked.why === 'too-large') return bad(`it unpacks to more than ${MAX_UNPACKED_BYTES / 1024 / 1024} MB, more than any SnapLab session needs`);
    return bad('it is damaged or cut short');
  }
  if (typeof unpacked.value !== 'object' || unpacked.value === null || Array.isArray(unpacked.value)) return bad('it is not a SnapLab session');
  let value = unpacked.value as Record<string, unknown>;
  if (value.lessonLab === true) {
    const lesson = typeof value.lesson === 'string' ? getLesson(value.lesson) : undefined;
    if (!lesson) return bad(`this SnapLab has no lesson "${String(value.lesson)}"`);
    value = { ...value, definition: lessonLabDefinition(lesson) };
    delete value.lessonLab;
  }
  const check = checkSession(value);
  return check.ok ? { ok: true, session: check.session } : bad(check.message);
}

/**
 * What fits: the whole session; else its current branch alone (other time-travel branches and the
 * position in the past left out); else that branch's first `kept` commands, i.e. the lab just before
 * the next one.
 */
export interface FittedSession { text: string; kept: number; total: number; branchesLeftOut: boolean }

const BRANCH_FIELDS = ['branches', 'branch', 'position'];

export async function fitSuspendData(full: Session, limit = SCORM12_SUSPEND_LIMIT): Promise<FittedSession> {
  const total = full.commands.length;
  const whole = await encodeSuspendData(full);
  if (whole.length <= limit) return { text: whole, kept: total, total, branchesLeftOut: false };
  const session = { ...full } as Session & Record<string, unknown>;
  for (const f of BRANCH_FIELDS) delete session[f];
  const branchesLeftOut = BRANCH_FIELDS.some((f) => f in full);
  if (branchesLeftOut) {
    const current = await encodeSuspendData(session);
    if (current.length <= limit) return { text: current, kept: total, total, branchesLeftOut };
  }
  const prefix = (k: number) => encodeSuspendData({ ...session, commands: session.commands.slice(0, k), time: session.commands[k].at });
  // Binary search for the most commands whose encoding fits (longer prefixes encode longer).
  let lo = -1;
  let hi = total;
  let best = '';
  while (hi - lo > 1) {
    const mid = (lo + hi) >> 1;
    const text = await prefix(mid);
    if (text.length <= limit) { lo = mid; best = text; } else hi = mid;
  }
  return { text: best, kept: Math.max(lo, 0), total, branchesLeftOut };
}
