// Grouping a VM's events into quiesce episodes and swimlanes. An episode runs from `quiesce.start`
// to `quiesce.done` / `quiesce.failed`; a snapshot taken without quiescing is an episode of its own.
// Lanes come from each event's source, ordered as the VSS conversation flows.
import type { EventView } from '../../engine/core/view';

export interface Episode {
  id: string;
  start: number;
  end: number | null;     // null while it runs
  failed: boolean;
  events: EventView[];
}

/** A failure: the engine gives the event severity "error" (a writer failing an event, an abort, a failed quiesce ...). */
export const isFailure = (e: EventView): boolean => e.severity === 'error';

/** The code to print beside a failure: the event's HRESULT when it has one, else its kind. */
export const failureCode = (e: EventView): string =>
  e.hresult !== undefined ? `0x${(e.hresult >>> 0).toString(16).padStart(8, '0')}` : e.kind;

export function episodesOf(events: EventView[], vm: string): Episode[] {
  const out: Episode[] = [];
  let open: Episode | null = null;
  for (const e of events) {
    if (e.vm !== vm) continue;
    if (e.kind === 'quiesce.start') {
      open = { id: `q${e.time}-${out.length}`, start: e.time, end: null, failed: false, events: [e] };
      out.push(open);
    } else if (open) {
      open.events.push(e);
      if (isFailure(e)) open.failed = true;
      if (e.kind === 'quiesce.done' || e.kind === 'quiesce.failed') { open.end = e.time; open = null; }
    } else if (e.kind === 'vm.snapshotCreated') {
      out.push({ id: `s${e.time}-${out.length}`, start: e.time, end: e.time, failed: false, events: [e] });
    }
  }
  return out;
}

/** The episode that made a snapshot: the one whose `vm.snapshotCreated` is at its creation time. */
export function episodeForSnapshot(episodes: Episode[], createdAt: number): Episode | undefined {
  return episodes.find((ep) => ep.events.some((e) => e.kind === 'vm.snapshotCreated' && e.time === createdAt))
    ?? episodes.find((ep) => ep.start <= createdAt && (ep.end ?? Infinity) >= createdAt);
}

export interface Lane { key: string; label: string }

const rank = (source: string, writers: Set<string>): number => {
  const s = source.toLowerCase();
  if (/vcenter|host|esx|hostd|vpxa/.test(s)) return 0;
  if (/tools|vmtools|requestor/.test(s)) return 1;
  if (s === 'vss' || /volume shadow|vss service/.test(s)) return 2;
  if (/provider|syncdriver|sync driver/.test(s)) return 3;
  if (writers.has(source) || /writer/.test(s)) return 4;
  if (/script/.test(s)) return 5;
  return 6;
};

export function lanesOf(events: EventView[], writerNames: string[]): Lane[] {
  const writers = new Set(writerNames);
  const seen = new Map<string, number>();
  for (const e of events) if (!seen.has(e.source)) seen.set(e.source, rank(e.source, writers));
  return [...seen.entries()]
    .sort((a, b) => a[1] - b[1] || a[0].localeCompare(b[0]))
    .map(([key]) => ({ key, label: key }));
}

export interface Phase { label: string; from: number; to: number | null; lane: string; failed: boolean; hold: boolean }

/** Bars between the events that open and close each phase of a quiesce. */
const PAIRS: [string, string[], string][] = [
  ['quiesce.start', ['quiesce.done', 'quiesce.failed'], 'Quiesce'],
  ['script.freeze', ['script.thaw', 'script.freezeFail'], 'Scripts'],
  ['vss.prepareSnapshot', ['vss.freeze', 'vss.abort'], 'Prepare'],
  ['vss.freeze', ['vss.thaw', 'vss.abort'], 'Frozen'],
  ['vss.flushAndHold', ['vss.releaseWrites', 'vss.abort'], 'Writes held'],
  ['syncDriver.freeze', ['syncDriver.thaw'], 'Frozen (sync driver)'],
];

export function phasesOf(ep: Episode): Phase[] {
  const phases: Phase[] = [];
  for (const [open, closes, label] of PAIRS) {
    for (let i = 0; i < ep.events.length; i++) {
      const a = ep.events[i];
      if (a.kind !== open) continue;
      const b = ep.events.slice(i + 1).find((e) => closes.includes(e.kind));
      phases.push({
        label, from: a.time, to: b ? b.time : ep.end, lane: a.source,
        failed: b ? isFailure(b) : ep.failed, hold: open === 'vss.flushAndHold',
      });
    }
  }
  return phases;
}
