// The Events view's filters: a case-insensitive text match over source and message, and one source.
import type { EventView } from '../../engine/core/view';

/** Empty strings mean any: text, source and severity ('info' | 'warning' | 'error', the engine's). */
export interface EventFilter { text: string; source: string; severity?: string }

export function filterEvents(events: EventView[], f: EventFilter): EventView[] {
  const words = f.text.trim().toLowerCase().split(/\s+/).filter(Boolean);
  if (!words.length && !f.source && !f.severity) return events;
  return events.filter((e) => {
    if (f.source && e.source !== f.source) return false;
    if (f.severity && e.severity !== f.severity) return false;
    if (!words.length) return true;
    const hay = `${e.source} ${e.message}`.toLowerCase();
    return words.every((w) => hay.includes(w));
  });
}

/** The sources in a list of events, in the order they first appear. */
export function sourcesOf(events: EventView[]): string[] {
  return [...new Set(events.map((e) => e.source))];
}
