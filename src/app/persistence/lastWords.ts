// A page's last words: the record it would save, written synchronously to localStorage as the page is
// hidden or closed, because an IndexedDB write started just before a reload may never commit and the
// command it carried (a power-off a moment before the reload) would be lost. One key per slot, the
// same record as the store's (with its savedAt), so the next page weighs it like any other: it never
// overwrites a newer lab another tab saved. Removed once the store holds that save or a later one.
import type { SavedLab } from './sessionDb';
import { asSavedLab } from './sessionDb';

export interface StorageLike {
  getItem(k: string): string | null;
  setItem(k: string, v: string): void;
  removeItem(k: string): void;
  readonly length?: number;
  key?(i: number): string | null;
}

const PREFIX = 'snaplab.lastwords.';
/** A session past this is not copied to localStorage (about 5 MB per site): the store's write must do. */
const MAX_CHARS = 1_000_000;
/** Where an older SnapLab kept its autosave, its last words and its time mark: read once, then removed. */
const LEGACY = { autosave: 'snaplab.session.v1', lastWords: 'snaplab.autosave.last.v1', timeMark: 'snaplab.autosave.time.v1' };

export const browserLocal = (): StorageLike | null => {
  try { return globalThis.localStorage ?? null; } catch { return null; }
};

export function writeLastWords(local: StorageLike | null, saved: SavedLab): void {
  try {
    const text = JSON.stringify(saved);
    if (text.length <= MAX_CHARS) local?.setItem(PREFIX + saved.slot, text);
  } catch { /* the store's copy may still land */ }
}

/** The store now holds `slot` as saved at `savedAt`: last words no newer than that are done. */
export function forgetLastWords(local: StorageLike | null, slot: string, savedAt: number): void {
  try {
    const text = local?.getItem(PREFIX + slot);
    if (!text) return;
    const had = asSavedLab(slot, JSON.parse(text));
    if (!had || had.savedAt <= savedAt) local?.removeItem(PREFIX + slot);
  } catch { /* nothing to free */ }
}

function keysOf(local: StorageLike): string[] {
  const keys: string[] = [];
  const n = local.length ?? 0;
  for (let i = 0; i < n; i++) {
    const k = local.key?.(i);
    if (k) keys.push(k);
  }
  return keys;
}

/** Every page's last words, and an older SnapLab's autosave; `done()` removes the keys read. */
export function readLastWords(local: StorageLike | null): { records: SavedLab[]; done(): void } {
  if (!local) return { records: [], done: () => {} };
  const records: SavedLab[] = [];
  const read: string[] = [];
  const parse = (key: string): unknown => {
    read.push(key);
    try { return JSON.parse(local.getItem(key) ?? 'null') as unknown; } catch { return null; }
  };
  try {
    for (const key of keysOf(local).filter((k) => k.startsWith(PREFIX))) {
      const r = asSavedLab(key.slice(PREFIX.length), parse(key));
      if (r && r.slot === key.slice(PREFIX.length)) records.push(r);
    }
    // An older SnapLab's: its autosave the oldest of all, its last words just newer.
    if (local.getItem(LEGACY.autosave) !== null) {
      const r = asSavedLab('legacy', parse(LEGACY.autosave));
      if (r) records.push({ ...r, savedAt: 0 });
    }
    if (local.getItem(LEGACY.lastWords) !== null) {
      const r = asSavedLab('legacy-last', parse(LEGACY.lastWords));
      if (r) records.push({ ...r, savedAt: 1 });
    }
    if (local.getItem(LEGACY.timeMark) !== null) read.push(LEGACY.timeMark);
  } catch { /* storage turned off */ }
  return {
    records,
    done: () => { for (const k of read) { try { local.removeItem(k); } catch { /* kept */ } } },
  };
}
