// Autosave: the worker sends the session (definition + accepted commands + time) whenever a command is
// accepted, after a scripted jump and about once a second while the clock runs. The newest is kept in
// IndexedDB (sessionDb.ts), one record per slot: each tab has its own slot, and a page scripted from
// outside (window.lab.load, a page driving it by postMessage) saves in a scripted slot, so it never
// reads or overwrites the learner's lab. A reload, or "Restart lab" after a crash, rebuilds the lab
// from it; which lab a page opens is restoreRule.ts. When the page is hidden or closed the same record
// is also written synchronously (lastWords.ts), with the time the lab had reached, because an
// IndexedDB write started just before a reload may never commit. A save that fails is shown at once
// and retried until storage answers again.
import { create } from 'zustand';
import { LAB_TIME_LIMIT_MS, type Session } from '../../worker/session';
import { browserLocal, forgetLastWords, readLastWords, writeLastWords, type StorageLike } from './lastWords';
import { chooseRestore, newestPerSlot, slotsToPrune, type RestoreChoice } from './restoreRule';
import { indexedDbStore, StorageRefused, type SavedLab, type SlotKind, type SlotStore } from './sessionDb';
import { claimTabSlot } from './tabSlot';

export type { StorageLike };

/** learner: the learner's own slot; scripted: this tab's slot for a lab scripted from outside;
 *  off: nothing read or written (an embed, a course package whose platform keeps the lab). */
export type AutosaveMode = SlotKind | 'off';

/** How many slots of each kind are kept: the newest, the others are forgotten. */
const KEEP_SLOTS = 6;
/** A failed save is tried again after this long, doubling up to the longest. */
const RETRY_MS = 2000;
const RETRY_MAX_MS = 60_000;

export interface AutosaveDeps {
  store: SlotStore | null;
  local: StorageLike | null;
  /** This tab's name (tabSlot.ts). */
  tab: () => Promise<string>;
  now: () => number;
  setTimer: (fn: () => void, ms: number) => unknown;
  clearTimer: (handle: unknown) => void;
  /** The learner-facing reason saving fails, or null when it works. */
  report: (failure: string | null) => void;
}

export function failureText(e: unknown): string {
  const name = (e as { name?: unknown } | null)?.name;
  const why = name === 'QuotaExceededError' ? 'this browser\'s storage for SnapLab is full'
    : e === null || e instanceof StorageRefused ? 'this browser does not let SnapLab store it (private browsing or storage turned off?)'
      : 'this browser\'s storage for SnapLab is not answering (was the site\'s data cleared?); SnapLab keeps trying';
  return `Your work is not being saved: ${why}. Export the session to keep it; a reload would lose what is not saved.`;
}

/**
 * The session with the lab at a later moment of its current branch, or null when it cannot say so: the
 * lab was in its past (a `position`), where state times are not the branch's newest moment.
 */
export function atLaterTime(s: Session, time: number): Session | null {
  if (s.position !== undefined || !(time > s.time) || time > LAB_TIME_LIMIT_MS) return null;
  const later: Session = { ...s, time };
  // With branches, the current one's `reached` is the session's time (the restore checks they agree).
  if (s.branches) later.branches = s.branches.map((b) => (b.id === s.branch ? { ...b, reached: time } : b));
  return later;
}

export class Autosave {
  private mode: AutosaveMode = 'learner';
  private tabId: string | null = null;
  private tabClaim: Promise<string> | null = null;
  private lastSaved: Session | null = null;
  private lastKind: SlotKind = 'learner';
  /** When lastSaved was saved: what "newest" is measured by, so re-writing it on hide does not make it newer. */
  private lastSavedAt = 0;
  /** The newest simulated time the page has seen for lastSaved's lab (state posts come between saves). */
  private liveTime = 0;
  private writing = false;
  /** Per kind, the newest record waiting for the write in progress. */
  private queued = new Map<SlotKind, SavedLab>();
  private failed: SavedLab | null = null;
  private retryTimer: unknown = null;
  private retryMs = RETRY_MS;
  private readonly listeners = new Set<(session: Session) => void>();

  constructor(private readonly deps: AutosaveDeps) {}

  setMode(mode: AutosaveMode): void { this.mode = mode; }
  /** Scripting from outside: from now on this page saves apart from the learner's lab (unless off). */
  useScriptedSlot(): void { if (this.mode === 'learner') this.mode = 'scripted'; }
  get currentMode(): AutosaveMode { return this.mode; }

  private tab(): Promise<string> {
    this.tabClaim ??= this.deps.tab().then((id) => (this.tabId = id));
    return this.tabClaim;
  }
  private static slotOf(tab: string, kind: SlotKind): string { return kind === 'learner' ? tab : `scripted:${tab}`; }

  /** Hear every session the worker posts (a course package saves it with the learning platform). */
  onSessionSaved(listener: (session: Session) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  saveSession(session: Session): void {
    this.lastSaved = session;
    this.liveTime = session.time;
    for (const listener of this.listeners) listener(session);
    if (this.mode === 'off') return;
    const kind = this.mode;
    const savedAt = this.deps.now();
    this.lastKind = kind;
    this.lastSavedAt = savedAt;
    void this.tab().then((tab) => this.write({ slot: Autosave.slotOf(tab, kind), kind, savedAt, session }));
  }

  /** The time of a state the worker posted (always for the lab of the last session it sent). */
  noteLiveTime(time: number): void {
    if (time > this.liveTime) this.liveTime = time;
  }

  private write(saved: SavedLab): void {
    const { store } = this.deps;
    if (!store) { this.deps.report(failureText(null)); return; }
    if (this.writing) { this.queued.set(saved.kind, saved); return; } // one write at a time; the newest waits
    this.writing = true;
    if (this.retryTimer !== null) { this.deps.clearTimer(this.retryTimer); this.retryTimer = null; }
    store.put(saved).then(
      () => {
        if (this.failed) { this.failed = null; this.retryMs = RETRY_MS; this.deps.report(null); }
        forgetLastWords(this.deps.local, saved.slot, saved.savedAt);
      },
      (e: unknown) => {
        console.error('SnapLab: autosave failed', e);
        this.deps.report(failureText(e));
        this.failed = saved;
      },
    ).finally(() => {
      this.writing = false;
      const next = this.queued.get('learner') ?? this.queued.get('scripted');
      if (next) { this.queued.delete(next.kind); this.write(next); return; }
      if (this.failed) this.scheduleRetry();
    });
  }

  /** Saving failed and nothing newer came: try the same record again later, so the banner goes once storage answers. */
  private scheduleRetry(): void {
    if (this.retryTimer !== null) return;
    const wait = this.retryMs;
    this.retryMs = Math.min(this.retryMs * 2, RETRY_MAX_MS);
    this.retryTimer = this.deps.setTimer(() => {
      this.retryTimer = null;
      if (this.failed && !this.writing) this.write(this.failed);
    }, wait);
  }

  /** The page is being hidden or closed: the record with the time reached, now (synchronously) and in the store. */
  saveOnHide(): void {
    if (this.mode === 'off' || !this.lastSaved || this.tabId === null) return;
    const later = atLaterTime(this.lastSaved, this.liveTime);
    const kind = this.lastKind;
    // Only a lab that moved on since its last save is newer work; the same lab keeps its time.
    const savedAt = later ? this.deps.now() : this.lastSavedAt;
    writeLastWords(this.deps.local, { slot: Autosave.slotOf(this.tabId, kind), kind, savedAt, session: later ?? this.lastSaved });
    if (later) this.saveSession(later);
  }

  /**
   * The lab this page opens at start: its own copy in memory (Restart lab), else by the rule of
   * restoreRule.ts from the store and the last words pages left. Last words are moved into the store.
   */
  async load(): Promise<RestoreChoice> {
    if (this.lastSaved) return { saved: { slot: '', kind: this.lastKind, savedAt: 0, session: this.lastSaved }, note: null };
    if (this.mode === 'off') return { saved: null, note: null };
    const { store, local } = this.deps;
    const tab = await this.tab();
    let stored: SavedLab[] = [];
    try { stored = (await store?.all()) ?? []; } catch (e) { console.error('SnapLab: the autosave could not be read', e); }
    const words = readLastWords(local);
    const records = newestPerSlot(stored, words.records);
    const choice = chooseRestore(records, Autosave.slotOf(tab, this.mode), this.mode);
    try {
      for (const r of words.records) if (records.includes(r)) await store?.put(r);
      words.done(); // moved, or older than what the store holds
      await store?.remove(slotsToPrune(records, KEEP_SLOTS).filter((s) => s !== choice.saved?.slot));
    } catch { /* kept where they are; the next start tries again */ }
    return choice;
  }

  /** Forget this tab's saved lab (its record and last words); other tabs' labs stay. */
  async forget(): Promise<void> {
    this.lastSaved = null;
    this.liveTime = 0;
    const tab = await this.tab();
    const slots = [Autosave.slotOf(tab, 'learner'), Autosave.slotOf(tab, 'scripted')];
    for (const s of slots) forgetLastWords(this.deps.local, s, Infinity);
    try { await this.deps.store?.remove(slots); } catch { /* nothing saved */ }
  }

  /** Save when the page is hidden (a tab switch, a phone's app switch) and when it is left or reloaded. */
  saveWhenHidden(win: Window): void {
    win.addEventListener('pagehide', () => this.saveOnHide());
    win.document.addEventListener('visibilitychange', () => { if (win.document.visibilityState === 'hidden') this.saveOnHide(); });
  }
}

export interface AutosaveStatus {
  /** Why the last save failed, for the learner; null while saving works. */
  failure: string | null;
}
export const useAutosave = create<AutosaveStatus>()(() => ({ failure: null }));

/** The page's autosave, in the browser's storage (main.tsx and the connection use it). */
export function browserAutosave(): Autosave {
  return new Autosave({
    store: indexedDbStore(),
    local: browserLocal(),
    tab: () => claimTabSlot(),
    now: () => Date.now(),
    setTimer: (fn, ms) => setTimeout(fn, ms),
    clearTimer: (h) => clearTimeout(h as ReturnType<typeof setTimeout>),
    report: (failure) => { if (useAutosave.getState().failure !== failure) useAutosave.setState({ failure }); },
  });
}

/** A file name for an exported session: the lab name and the date. */
export function sessionFileName(labName: string, date = new Date()): string {
  const slug = labName.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '') || 'lab';
  return `snaplab-${slug}-${date.toISOString().slice(0, 10)}.json`;
}
