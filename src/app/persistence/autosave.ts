// Autosave: the worker sends the session (definition + accepted commands + time) whenever a command is
// accepted, after a scripted jump and about once a second while the clock runs. We keep the newest in
// IndexedDB (sessionDb.ts) so a reload, or "Restart lab" after a crash, rebuilds the lab. When the page
// is hidden or closed we save once more with the time the lab had reached, so a reload while the clock
// runs at days per minute loses nothing. A save that fails is shown at once (useAutosave.failure),
// never swallowed: the learner can still export the session.
import { create } from 'zustand';
import type { Session } from '../../worker/session';
import { LAB_TIME_LIMIT_MS } from '../../worker/session';
import { indexedDbStore, type SessionStore } from './sessionDb';

/** Where autosave lived before IndexedDB; read once, moved, then removed. */
export const LEGACY_AUTOSAVE_KEY = 'snaplab.session.v1';
/** The time the lab reached when the page was last hidden, for the session it names (a few bytes). */
export const TIME_MARK_KEY = 'snaplab.autosave.time.v1';
/**
 * The whole session as the page was hidden, written synchronously: an IndexedDB write started just
 * before a reload may never commit, and the command it carried (a power-off a moment before the
 * reload) would be lost. Read and removed on the next start; kept only when it is small.
 */
export const LAST_WORDS_KEY = 'snaplab.autosave.last.v1';
const LAST_WORDS_MAX_CHARS = 1_000_000;

export interface StorageLike { getItem(k: string): string | null; setItem(k: string, v: string): void; removeItem(k: string): void }

export interface AutosaveStatus {
  /** Why the last save failed, for the learner; null while saving works. */
  failure: string | null;
}
export const useAutosave = create<AutosaveStatus>()(() => ({ failure: null }));

const localStore = (): StorageLike | null => {
  try { return globalThis.localStorage ?? null; } catch { return null; }
};

let db: SessionStore | null | undefined;
const sessions = (): SessionStore | null => (db === undefined ? (db = indexedDbStore()) : db);
/** Tests (and a page without IndexedDB) choose the store. */
export function setSessionStore(store: SessionStore | null): void { db = store; }

let lastSaved: Session | null = null;
/** The newest simulated time the page has seen for lastSaved's lab (state posts come between saves). */
let liveTime = 0;
let writing: Promise<void> | null = null;
let queued: { session: Session; seq: number } | null = null;
/** Sessions are numbered as they arrive; last words written at `lastWordsSeq` go once a store write
 *  of that session or a later one has landed. */
let seq = 0;
let lastWordsSeq = Infinity;
let lastWordsStore: StorageLike | null = null;

/** An embedded lab neither restores nor overwrites the learner's own autosave (same origin, same store). */
let autosave = true;
export function disableAutosave(): void { autosave = false; }

const failureText = (e: unknown): string => {
  const name = (e as { name?: unknown } | null)?.name;
  const why = name === 'QuotaExceededError' ? 'this browser\'s storage for SnapLab is full'
    : 'this browser does not let SnapLab store it (private browsing or storage turned off?)';
  return `Your work is not being saved: ${why}. Export the session to keep it; a reload would lose what is not saved.`;
};

function write(session: Session, at = seq): void {
  const store = sessions();
  if (!store) { useAutosave.setState({ failure: failureText(null) }); return; }
  if (writing) { queued = { session, seq: at }; return; } // one write at a time; the newest waits
  writing = store.put(session).then(
    () => {
      if (useAutosave.getState().failure) useAutosave.setState({ failure: null });
      if (at >= lastWordsSeq) {
        lastWordsSeq = Infinity;
        try { lastWordsStore?.removeItem(LAST_WORDS_KEY); } catch { /* nothing to free */ }
      }
    },
    (e: unknown) => { console.error('SnapLab: autosave failed', e); useAutosave.setState({ failure: failureText(e) }); },
  ).finally(() => {
    writing = null;
    const next = queued;
    queued = null;
    if (next) write(next.session, next.seq);
  });
}

const sessionListeners = new Set<(session: Session) => void>();

/** Hear every session the worker posts (a course package saves it with the learning platform). */
export function onSessionSaved(listener: (session: Session) => void): () => void {
  sessionListeners.add(listener);
  return () => sessionListeners.delete(listener);
}

export function saveSession(session: Session): void {
  seq++;
  lastSaved = session;
  liveTime = session.time;
  for (const listener of sessionListeners) listener(session);
  if (autosave) write(session);
}

/** The time of a state the worker posted (always for the lab of the last session it sent). */
export function noteLiveTime(time: number): void {
  if (time > liveTime) liveTime = time;
}

/** Names a session's history, so a time mark is applied only to the session it was written for. */
export function sessionStamp(s: Session): string {
  const last = s.commands[s.commands.length - 1];
  const name = (s.definition as { name?: unknown } | null)?.name;
  const { branch, branches } = s as { branch?: unknown; branches?: unknown[] };
  return JSON.stringify([s.commands.length, last?.at ?? null, last?.command.type ?? null, s.seed ?? null, s.lesson ?? null,
    typeof name === 'string' ? name : null, typeof branch === 'string' ? branch : null, Array.isArray(branches) ? branches.length : 0]);
}

/**
 * The session with the lab at a later moment of its current branch, or null when it cannot say so: the
 * lab was in its past (a `position`), where state times are not the branch's newest moment.
 */
export function atLaterTime(s: Session, time: number): Session | null {
  const extra = s as Session & { position?: unknown; branch?: unknown; branches?: { id: unknown; reached: number }[] };
  if (extra.position !== undefined || !(time > s.time) || time > LAB_TIME_LIMIT_MS) return null;
  const later: typeof extra = { ...extra, time };
  // With branches, the current one's `reached` is the session's time (the restore checks they agree).
  if (Array.isArray(extra.branches)) later.branches = extra.branches.map((b) => (b.id === extra.branch ? { ...b, reached: time } : b));
  return later;
}

/** The page is being hidden or closed: save the time reached, now (localStorage) and in the store. */
export function saveOnHide(local: StorageLike | null = localStore()): void {
  if (!autosave || !lastSaved) return;
  const later = atLaterTime(lastSaved, liveTime);
  const session = later ?? lastSaved;
  try {
    if (later) local?.setItem(TIME_MARK_KEY, JSON.stringify({ stamp: sessionStamp(lastSaved), time: later.time }));
    const text = JSON.stringify(session);
    if (text.length <= LAST_WORDS_MAX_CHARS) {
      local?.setItem(LAST_WORDS_KEY, text);
      lastWordsSeq = later ? seq + 1 : seq;
      lastWordsStore = local;
    }
  } catch { /* the store's copy may still land */ }
  if (later) saveSession(later);
}

/** The session the last page wrote as it was hidden, if any; it is read once. */
function lastWords(local: StorageLike | null): unknown {
  try {
    const text = local?.getItem(LAST_WORDS_KEY) ?? null;
    local?.removeItem(LAST_WORDS_KEY);
    return text ? JSON.parse(text) as unknown : null;
  } catch { return null; }
}

/** Save when the page is hidden (a tab switch, a phone's app switch) and when it is left or reloaded. */
export function saveWhenHidden(win: Window = window): void {
  win.addEventListener('pagehide', () => saveOnHide());
  win.document.addEventListener('visibilitychange', () => { if (win.document.visibilityState === 'hidden') saveOnHide(); });
}

function withTimeMark(session: unknown, local: StorageLike | null): unknown {
  if (typeof session !== 'object' || session === null) return session;
  const s = session as Session;
  if (!Array.isArray(s.commands) || typeof s.time !== 'number') return session;
  try {
    const mark = JSON.parse(local?.getItem(TIME_MARK_KEY) ?? 'null') as { stamp?: unknown; time?: unknown } | null;
    if (mark && mark.stamp === sessionStamp(s) && typeof mark.time === 'number') return atLaterTime(s, mark.time) ?? session;
  } catch { /* no mark */ }
  return session;
}

/**
 * The last autosave: this page's own copy if it has one, else the store's. An autosave from before
 * IndexedDB (localStorage) is moved over once.
 */
export async function loadSavedSession(local: StorageLike | null = localStore()): Promise<unknown> {
  if (lastSaved) return lastSaved;
  if (!autosave) return null;
  const store = sessions();
  // The previous page's last words are its newest session: newer than anything its store writes held.
  const last = lastWords(local);
  if (last) {
    try { await store?.put(last as Session); } catch { /* restored all the same; the next save retries */ }
    return last;
  }
  let saved: unknown;
  try { saved = await store?.get(); } catch (e) { console.error('SnapLab: the autosave could not be read', e); }
  if (saved === undefined || saved === null) saved = await migrateLegacy(store, local);
  return saved === undefined || saved === null ? null : withTimeMark(saved, local);
}

async function migrateLegacy(store: SessionStore | null, local: StorageLike | null): Promise<unknown> {
  let text: string | null;
  try { text = local?.getItem(LEGACY_AUTOSAVE_KEY) ?? null; } catch { return null; }
  if (!text) return null;
  let legacy: unknown;
  try { legacy = JSON.parse(text); } catch { legacy = null; }
  try {
    if (legacy && store) await store.put(legacy as Session);
    local?.removeItem(LEGACY_AUTOSAVE_KEY); // moved (or unreadable): either way localStorage is freed
  } catch { /* kept where it was; the next start tries again */ }
  return legacy;
}

export async function forgetSavedSession(local: StorageLike | null = localStore()): Promise<void> {
  lastSaved = null;
  liveTime = 0;
  try { local?.removeItem(TIME_MARK_KEY); local?.removeItem(LEGACY_AUTOSAVE_KEY); local?.removeItem(LAST_WORDS_KEY); } catch { /* nothing saved */ }
  try { await sessions()?.clear(); } catch { /* nothing saved */ }
}

/** A file name for an exported session: the lab name and the date. */
export function sessionFileName(labName: string, date = new Date()): string {
  const slug = labName.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '') || 'lab';
  return `snaplab-${slug}-${date.toISOString().slice(0, 10)}.json`;
}
