// Which saved lab a page opens. The rule: the newest wins. Each tab saves in its own slot; a page
// opens the newest learner's lab any tab saved (its own after a plain reload, since it saved last).
// When that is another tab's, and this tab had a lab of its own, the learner is told. A page scripted
// from outside opens only its own scripted slot, never the learner's lab.
import type { SavedLab, SlotKind } from './sessionDb';

export interface RestoreChoice {
  saved: SavedLab | null;
  /** For the learner: another tab's newer lab was opened instead of this tab's own. */
  note: string | null;
}

const labName = (s: SavedLab) => {
  const name = (s.session.definition as { name?: unknown } | null)?.name;
  return typeof name === 'string' && name ? `“${name}”` : 'its lab';
};

const clockTime = (ms: number) => new Date(ms).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' });

export function chooseRestore(records: SavedLab[], slot: string, kind: SlotKind): RestoreChoice {
  if (kind === 'scripted') return { saved: records.find((r) => r.slot === slot && r.kind === 'scripted') ?? null, note: null };
  const learner = records.filter((r) => r.kind === 'learner');
  if (!learner.length) return { saved: null, note: null };
  const newest = learner.reduce((a, b) => (b.savedAt > a.savedAt ? b : a));
  const own = learner.find((r) => r.slot === slot);
  const note = own && own !== newest
    ? `Another tab saved its lab (${labName(newest)}, at ${clockTime(newest.savedAt)}) after this tab saved ${labName(own)} (at ${clockTime(own.savedAt)}), so this tab opened the newer one.`
    : null;
  return { saved: newest, note };
}

/** Merge two lists of records: per slot the newer wins. */
export function newestPerSlot(...lists: SavedLab[][]): SavedLab[] {
  const by = new Map<string, SavedLab>();
  for (const r of lists.flat()) {
    const had = by.get(r.slot);
    if (!had || r.savedAt > had.savedAt) by.set(r.slot, r);
  }
  return [...by.values()];
}

/** The slots to forget: all but the `keep` newest of each kind. */
export function slotsToPrune(records: SavedLab[], keep: number): string[] {
  const drop: string[] = [];
  for (const kind of ['learner', 'scripted'] as const) {
    const mine = records.filter((r) => r.kind === kind).sort((a, b) => b.savedAt - a.savedAt);
    drop.push(...mine.slice(keep).map((r) => r.slot));
  }
  return drop;
}
