// Branches in a session file: the top-level `commands` and `time` stay the current branch's whole
// history (so a reader that knows nothing of branches replays what the learner was looking at);
// `branches` carries every branch with its own commands, and `branch`/`position` say where the
// learner was. A session with one branch and the lab at its head has none of these fields.
import { History, type Branch, type Marker, type UsageSample } from './branchTree';
import type { Session, SessionCommand } from './session';

export interface SavedBranch {
  id: string;
  parent: string | null;
  forkAt: number;
  forkIndex: number;
  commands: SessionCommand[];
  reached: number;
  markers?: Marker[];
  usage?: UsageSample[];
  /** Each command in a learner's words (null where not known), so branch names survive a reload. */
  words?: (string | null)[];
}

export interface BranchFields {
  branches?: SavedBranch[];
  branch?: string;
  /** Where the learner was when it is before the current branch's newest moment. */
  position?: number;
}

export function branchFields(history: History, branch: string, position: number): BranchFields {
  const list = history.all();
  const reached = history.get(branch)!.reached;
  const fields: BranchFields = {};
  if (list.length > 1 || list[0].markers.length) {
    fields.branches = list.map((b) => ({
      id: b.id, parent: b.parent, forkAt: b.forkAt, forkIndex: b.forkIndex, commands: b.own, reached: b.reached,
      ...(b.markers.length ? { markers: b.markers } : {}),
      ...(b.usage.length ? { usage: b.usage.map(savedUsage) } : {}),
      ...(b.own.some((c) => history.wordsOf(c) !== null) ? { words: b.own.map((c) => history.wordsOf(c)) } : {}),
    }));
    fields.branch = branch;
  }
  if (position < reached) fields.position = position;
  return fields;
}

/** A usage sample as a session file keeps it: its time and each datastore's used bytes. */
export const savedUsage = ({ time, used }: UsageSample): UsageSample => ({ time, used });

export type Restored = { ok: true; history: History; branch: string; position: number } | { ok: false; message: string };

const isTime = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v) && v >= 0;

/** Rebuild the history a session file describes, checking that its branches fit together. */
export function historyOf(session: Session): Restored {
  const bad = (message: string): Restored => ({ ok: false, message });
  const position = session.position ?? session.time;
  if (!isTime(position) || position > session.time) return bad(`"position" should be a simulated time between 0 and "time" (${session.time}).`);
  if (session.branches === undefined) {
    const h = new History();
    const b = h.first;
    for (const c of session.commands) h.record(b.id, c.at, c.command);
    h.reach(b.id, session.time);
    return { ok: true, history: h, branch: b.id, position };
  }
  if (!Array.isArray(session.branches) || session.branches.length === 0) return bad('"branches" should be a non-empty list.');
  const seen = new Map<string, Branch>();
  const list: Branch[] = [];
  for (let i = 0; i < session.branches.length; i++) {
    const s = session.branches[i] as Partial<SavedBranch>;
    const where = `branches[${i}]`;
    if (typeof s?.id !== 'string' || seen.has(s.id)) return bad(`${where}.id should be a branch id used once.`);
    if (i === 0 ? s.parent !== null : typeof s.parent !== 'string' || !seen.has(s.parent)) {
      return bad(`${where}.parent should be ${i === 0 ? 'null (the first branch)' : 'the id of an earlier branch'}.`);
    }
    if (!isTime(s.forkAt) || !isTime(s.reached) || s.reached < s.forkAt) return bad(`${where}: "forkAt" and "reached" should be times, reached not before forkAt.`);
    if (!Array.isArray(s.commands)) return bad(`${where}.commands should be a list.`);
    let last = s.forkAt;
    for (const c of s.commands) {
      if (!isTime(c?.at) || c.at < last || typeof c.command?.type !== 'string' || c.at > s.reached) return bad(`${where}.commands: each needs a time from forkAt to reached, in order, and a command with a "type".`);
      last = c.at;
    }
    const b: Branch = { id: s.id, parent: s.parent ?? null, forkAt: s.forkAt, forkIndex: 0, own: s.commands, reached: s.reached, markers: s.markers ?? [], usage: s.usage ?? [] };
    if (b.parent !== null) {
      const parentCount = commandCount(seen, b.parent);
      if (!Number.isInteger(s.forkIndex) || s.forkIndex! < 0 || s.forkIndex! > parentCount) return bad(`${where}.forkIndex should be a count of the parent's commands (0 to ${parentCount}).`);
      b.forkIndex = s.forkIndex!;
    }
    seen.set(b.id, b);
    list.push(b);
  }
  const branch = session.branch ?? list[list.length - 1].id;
  if (!seen.has(branch)) return bad(`"branch" names no branch of the session ("${String(branch)}").`);
  const history = History.fromBranches(list);
  session.branches.forEach((s, i) => {
    const words = (s as Partial<SavedBranch>).words;
    // Words are only names for people: anything else in their place is left out, not refused.
    if (Array.isArray(words)) list[i].own.forEach((c, k) => { if (typeof words[k] === 'string') history.setWords(c, words[k]); });
  });
  const current = history.commands(branch);
  if (current.length !== session.commands.length || history.get(branch)!.reached !== session.time) {
    return bad('"commands" and "time" should be the current branch\'s whole history, as "branches" describe it.');
  }
  return { ok: true, history, branch, position };
}

function commandCount(seen: Map<string, Branch>, id: string): number {
  const b = seen.get(id)!;
  return (b.parent === null ? 0 : Math.min(b.forkIndex, commandCount(seen, b.parent))) + b.own.length;
}
