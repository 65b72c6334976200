// Autosave: the worker sends the session (definition + accepted commands + time) whenever it changes;
// we keep the latest in localStorage so a reload, or "Restart lab" after a crash, rebuilds the lab.
import type { Session } from '../worker/session';

export const AUTOSAVE_KEY = 'snaplab.session.v1';

export interface StorageLike { getItem(k: string): string | null; setItem(k: string, v: string): void; removeItem(k: string): void }

const storage = (): StorageLike | null => {
  try { return globalThis.localStorage ?? null; } catch { return null; }
};

let lastSaved: Session | null = null;
/** An embedded lab neither restores nor overwrites the learner's own autosave (same origin, same key). */
let autosave = true;
export function disableAutosave(): void { autosave = false; }

const sessionListeners = new Set<(session: Session) => void>();

/** Hear every session the worker posts (a course package saves it with the learning platform). */
export function onSessionSaved(listener: (session: Session) => void): () => void {
  sessionListeners.add(listener);
  return () => sessionListeners.delete(listener);
}

export function saveSession(session: Session, store: StorageLike | null = storage()): boolean {
  lastSaved = session;
  for (const listener of sessionListeners) listener(session);
  if (!store || !autosave) return false;
  try {
    store.setItem(AUTOSAVE_KEY, JSON.stringify(session));
    return true;
  } catch {
    return false; // quota or privacy mode: the in-memory copy still serves "Restart lab"
  }
}

/** The last autosave: the in-memory copy of this page if any, else what localStorage holds. */
export function loadSavedSession(store: StorageLike | null = storage()): unknown {
  if (lastSaved) return lastSaved;
  if (!autosave) return null;
  const text = store?.getItem(AUTOSAVE_KEY);
  if (!text) return null;
  try { return JSON.parse(text); } catch { return null; }
}

export function forgetSavedSession(store: StorageLike | null = storage()): void {
  lastSaved = null;
  try { store?.removeItem(AUTOSAVE_KEY); } catch { /* nothing saved */ }
}

/** A file name for an exported session: the lab name and the date. */
export function sessionFileName(labName: string, date = new Date()): string {
  const slug = labName.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '') || 'lab';
  return `snaplab-${slug}-${date.toISOString().slice(0, 10)}.json`;
}
