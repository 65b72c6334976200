// State patches: the worker sends only what changed since its last post, and the page rebuilds the
// state reusing the objects that did not change. That keeps the structured clone small on the main
// thread and lets a panel subscribed to one VM skip re-rendering when another VM changes.
import type { EventView, StateView } from '../engine/core/view';
import type { KeyedPatch, PatchMeta, StatePatch } from './protocol';

interface Keyed { id: string }

/** The state view's collections of items with an id: each is patched item by item. */
const KEYED = ['vms', 'datastores', 'tasks', 'backupJobs', 'repositories', 'restorePoints'] as const;
type KeyedName = (typeof KEYED)[number];
type KeyedDiffs = { [K in KeyedName]: KeyedDiff<StateView[K][number]> };

class KeyedDiff<T extends Keyed> {
  private json = new Map<string, string>();
  private order = '';

  diff(items: T[], full: boolean): KeyedPatch<T> | undefined {
    const upsert: T[] = [];
    const next = new Map<string, string>();
    for (const item of items) {
      const j = JSON.stringify(item);
      next.set(item.id, j);
      if (full || this.json.get(item.id) !== j) upsert.push(item);
    }
    const order = items.map((i) => i.id).join('\u0000');
    const orderChanged = full || order !== this.order;
    this.json = next;
    this.order = order;
    if (!upsert.length && !orderChanged) return undefined;
    return orderChanged ? { upsert, order: items.map((i) => i.id) } : { upsert };
  }
}

/** Worker side: turns successive state views into patches. */
export class PatchBuilder {
  private version = 0;
  private meta = '';
  private keyed = Object.fromEntries(KEYED.map((k) => [k, new KeyedDiff()])) as unknown as KeyedDiffs;
  /** The seq of the first and the last event the page holds (0: none). */
  private firstSeq = 0;
  private lastSeq = 0;
  private needFull = true;
  private needEvents = false;
  private lastTime = -1;

  /** The next patch will replace everything (after a load or when a page connects). */
  reset(): void { this.needFull = true; }

  /**
   * The next patch replaces the page's events (the lab moved to another branch, whose events after the
   * fork carry the same numbers as different ones of the branch the page shows).
   */
  resetEvents(): void { this.needEvents = true; }

  /** `lessonId`: the lesson the session came from, sent with the lab's name whenever it changes. */
  build(s: StateView, lessonId?: string): StatePatch | null {
    const full = this.needFull;
    this.needFull = false;
    const patch: StatePatch = { version: 0, full, time: s.time };
    const metaValue: PatchMeta = { name: s.name, seed: s.seed, hosts: s.hosts, ...(lessonId !== undefined ? { lessonId } : {}) };
    const meta = JSON.stringify(metaValue);
    if (full || meta !== this.meta) patch.meta = metaValue;
    this.meta = meta;
    let changed = false;
    for (const k of KEYED) {
      const d = (this.keyed[k] as KeyedDiff<Keyed>).diff(s[k], full);
      if (d) { (patch as Partial<Record<KeyedName, KeyedPatch<Keyed>>>)[k] = d; changed = true; }
    }
    const events = this.diffEvents(s.events, full);
    if (events) patch.events = events;
    if (!full && !patch.meta && !changed && !events && s.time === this.lastTime) return null;
    this.lastTime = s.time;
    patch.version = ++this.version;
    return patch;
  }

  private diffEvents(list: EventView[], full: boolean): StatePatch['events'] {
    // An event's seq names it (the log numbers its events 1, 2, 3, ... and drops the oldest first), so
    // the page's events are the run firstSeq..lastSeq, and what is new is what comes after lastSeq.
    const first = list.length ? list[0].seq : 0;
    const last = list.length ? list[list.length - 1].seq : 0;
    const held = this.lastSeq > 0;
    let out: StatePatch['events'];
    if (full || this.needEvents) out = { reset: true, dropFront: 0, append: list.slice() };
    else if (!held) out = list.length ? { reset: false, dropFront: 0, append: list.slice() } : undefined;
    else if (list.length && last >= this.lastSeq && first >= this.firstSeq && first <= this.lastSeq + 1) {
      const dropFront = first - this.firstSeq;
      const append = list.slice(this.lastSeq + 1 - first);
      out = dropFront || append.length ? { reset: false, dropFront, append } : undefined;
    } else out = { reset: true, dropFront: 0, append: list.slice() };
    this.needEvents = false;
    this.firstSeq = first;
    this.lastSeq = last;
    return out;
  }
}

function applyKeyed<T extends Keyed>(prev: T[], patch: KeyedPatch<T> | undefined, full: boolean): T[] {
  if (!patch) return full ? [] : prev;
  const byId = new Map<string, T>();
  if (!full) for (const item of prev) byId.set(item.id, item);
  for (const item of patch.upsert) byId.set(item.id, item);
  const order = patch.order ?? prev.map((i) => i.id);
  return order.map((id) => byId.get(id)).filter((x): x is T => x !== undefined);
}

export const emptyState = (): StateView => ({ name: '', seed: 0, time: 0, hosts: [], datastores: [], vms: [], backupJobs: [], repositories: [], restorePoints: [], tasks: [], events: [] });

/** Page side: the lesson id after a patch (it travels with the lab's name, so only meta changes it). */
export function patchLessonId(prev: string | null, patch: StatePatch): string | null {
  if (patch.meta) return patch.meta.lessonId ?? null;
  return patch.full ? null : prev;
}

/** Page side: the state after a patch, sharing every unchanged object with `prev`. */
export function applyPatch(prev: StateView, patch: StatePatch): StateView {
  const base = patch.full ? emptyState() : prev;
  const next = {
    name: patch.meta?.name ?? base.name,
    seed: patch.meta?.seed ?? base.seed,
    hosts: patch.meta?.hosts ?? base.hosts,
    time: patch.time,
    events: base.events,
  } as StateView;
  for (const k of KEYED) (next as unknown as Record<KeyedName, Keyed[]>)[k] = applyKeyed<Keyed>(base[k], patch[k], patch.full);
  const ev = patch.events;
  if (ev) next.events = ev.reset ? ev.append : base.events.slice(ev.dropFront).concat(ev.append);
  return next;
}
