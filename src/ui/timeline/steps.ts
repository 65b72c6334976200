// The named steps of a quiesce, as the timeline's ribbon draws them: each runs from the VSS service's
// event that opens it to the one that opens the next (or to the abort that ends the set).
import type { EventView } from '../../engine/core/view';
import type { Episode } from './episodes';

export type StepKey = 'identify' | 'prepare' | 'freeze' | 'hold' | 'thaw' | 'post' | 'complete' | 'sync';

export interface Step { key: StepKey; label: string; from: number; to: number | null; failed: boolean }

export const STEP_LABELS: Record<StepKey, string> = {
  identify: 'Identify', prepare: 'Prepare', freeze: 'Freeze', hold: 'Hold writes / Commit', thaw: 'Thaw',
  post: 'Post-snapshot', complete: 'Backup complete', sync: 'Freeze and hold (sync driver)',
};

/** Where each step starts: the first matching event of the episode (VSS's own, not a writer's answer). */
const OPENERS: [StepKey, (e: EventView) => boolean][] = [
  ['identify', (e) => e.kind === 'vss.identify' && e.source === 'VSS'],
  ['prepare', (e) => e.kind === 'vss.prepareBackup' && e.source === 'VSS'],
  ['freeze', (e) => e.kind === 'vss.freeze' && e.source === 'VSS'],
  ['hold', (e) => e.kind === 'vss.flushAndHold'],
  ['thaw', (e) => e.kind === 'vss.thaw' && e.source === 'VSS'],
  ['post', (e) => e.kind === 'vss.postSnapshot' && e.source === 'VSS'],
  ['complete', (e) => e.kind === 'vss.backupComplete' && e.source === 'VSS'],
  ['sync', (e) => e.kind === 'syncDriver.freeze'],
];
const ENDS = new Set(['vss.abort', 'quiesce.failed', 'quiesce.done', 'vss.shadowDiscarded', 'syncDriver.thaw']);

export function stepsOf(ep: Episode): Step[] {
  const starts: { key: StepKey; at: number }[] = [];
  for (const [key, match] of OPENERS) {
    const e = ep.events.find(match);
    if (e) starts.push({ key, at: e.time });
  }
  starts.sort((a, b) => a.at - b.at);
  const endEvent = ep.events.find((e) => ENDS.has(e.kind) && e.time >= (starts[0]?.at ?? Infinity));
  const release = ep.events.find((e) => e.kind === 'vss.releaseWrites');
  return starts.map((s, i) => {
    const next = starts[i + 1]?.at;
    let to: number | null = next ?? (endEvent ? endEvent.time : ep.end);
    if (s.key === 'hold' && release) to = release.time; // the hold ends when writes are released
    const last = i === starts.length - 1;
    return { key: s.key, label: STEP_LABELS[s.key], from: s.at, to, failed: ep.failed && last };
  });
}

export interface PlacedLabel { row: number; x: number }

/** A label one row further down costs as much as sliding it this far sideways. */
const ROW_COST_PX = 60;

/**
 * Place every label under the ribbon so none overlaps another and each stays within [min, max]: each
 * label (in order) takes the spot nearest its segment's middle, sliding sideways along a row (never by
 * more than its own width, so it stays beside its step) or going a row down, whichever moves it least;
 * a new row is opened when no row has room, so no label is dropped.
 * Answers each label's row and centre; the rows used are the largest row + 1.
 */
export function placeLabels(items: { x: number; width: number }[], min: number, max: number, gap = 6): PlacedLabel[] {
  const rows: [number, number][][] = [];
  return items.map(({ x, width }) => {
    const lo = min + width / 2;
    const hi = Math.max(lo, max - width / 2);
    const clamp = (c: number) => Math.min(Math.max(c, lo), hi);
    let best: { row: number; x: number; cost: number } | null = null;
    for (let r = 0; r <= rows.length; r++) {
      const taken = rows[r] ?? [];
      const free = (c: number) => taken.every(([a, b]) => c + width / 2 + gap <= a || c - width / 2 - gap >= b);
      const candidates = [clamp(x), ...taken.flatMap(([a, b]) => [clamp(a - gap - width / 2), clamp(b + gap + width / 2)])];
      for (const c of candidates) {
        if (!free(c) || (r < rows.length && Math.abs(c - clamp(x)) > width)) continue;
        const cost = Math.abs(c - x) + r * ROW_COST_PX;
        if (!best || cost < best.cost) best = { row: r, x: c, cost };
      }
    }
    const placed = best!; // the row after the last is always free
    (rows[placed.row] ??= []).push([placed.x - width / 2, placed.x + width / 2]);
    return { row: placed.row, x: placed.x };
  });
}
