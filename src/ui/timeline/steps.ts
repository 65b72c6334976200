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

/** Place labels on rows under their segments so none overlaps another (greedy, left to right). */
export function placeLabels(items: { x: number; width: number }[], rows: number, gap = 6): number[] {
  const rowEnd: number[] = new Array<number>(rows).fill(-Infinity);
  return items.map(({ x, width }) => {
    const left = x - width / 2;
    for (let r = 0; r < rows; r++) {
      if (left >= rowEnd[r] + gap) { rowEnd[r] = left + width; return r; }
    }
    return -1; // no room: the legend names it
  });
}
