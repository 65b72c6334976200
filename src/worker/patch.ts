// State patches: the worker sends only what changed since its last post, and the page rebuilds the
// state reusing the objects that did not change. That keeps the structured clone small on the main
// thread and lets a panel subscribed to one VM skip re-rendering when another VM changes.
import type { EventView, StateView } from '../engine/core/view';
import type { KeyedPatch, PatchMeta, StatePatch } from './protocol';

interface Keyed { id: string }

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

const eventKey = (e: EventView): string => `${e.time}|${e.vm}|${e.source}|${e.kind}|${e.message}`;

/** Worker side: turns successive state views into patches. */
export class PatchBuilder {
  private version = 0;
  private meta = '';
  private vms = new KeyedDiff<StateView['vms'][number]>();
  private datastores = new KeyedDiff<StateView['datastores'][number]>();
  private tasks = new KeyedDiff<StateView['tasks'][number]>();
  private jobs = new KeyedDiff<StateView['backupJobs'][number]>();
  private repositories = new KeyedDiff<StateView['repositories'][number]>();
  private points = new KeyedDiff<StateView['restorePoints'][number]>();
  private eventCount = 0;
  private firstEvent = '';
  private lastEvent = '';
  private needFull = true;
  private lastTime = -1;

  /** The next patch will replace everything (after a load or when a page connects). */
  reset(): void { this.needFull = true; }

  /** `lessonId`: the lesson the session came from, sent with the lab's name whenever it changes. */
  build(s: StateView, lessonId?: string): StatePatch | null {
    const full = this.needFull;
    this.needFull = false;
    const patch: StatePatch = { version: 0, full, time: s.time };
    const metaValue: PatchMeta = { name: s.name, seed: s.seed, hosts: s.hosts, ...(lessonId !== undefined ? { lessonId } : {}) };
    const meta = JSON.stringify(metaValue);
    if (full || meta !== this.meta) patch.meta = metaValue;
    this.meta = meta;
    const vms = this.vms.diff(s.vms, full);
    if (vms) patch.vms = vms;
    const ds = this.datastores.diff(s.datastores, full);
    if (ds) patch.datastores = ds;
    const tasks = this.tasks.diff(s.tasks, full);
    if (tasks) patch.tasks = tasks;
    const jobs = this.jobs.diff(s.backupJobs, full);
    if (jobs) patch.backupJobs = jobs;
    const repos = this.repositories.diff(s.repositories, full);
    if (repos) patch.repositories = repos;
    const points = this.points.diff(s.restorePoints, full);
    if (points) patch.restorePoints = points;
    const events = this.diffEvents(s.events, full);
    if (events) patch.events = events;
    if (!full && !patch.meta && !vms && !ds && !tasks && !jobs && !repos && !points && !events && s.time === this.lastTime) return null;
    this.lastTime = s.time;
    patch.version = ++this.version;
    return patch;
  }

  private diffEvents(list: EventView[], full: boolean): StatePatch['events'] {
    const n = this.eventCount;
    const first = list.length ? eventKey(list[0]) : '';
    const last = list.length ? eventKey(list[list.length - 1]) : '';
    let out: StatePatch['events'];
    if (full) out = { reset: true, dropFront: 0, append: list.slice() };
    else if (list.length >= n && (n === 0 || (eventKey(list[n - 1]) === this.lastEvent && eventKey(list[0]) === this.firstEvent))) {
      out = list.length > n ? { reset: false, dropFront: 0, append: list.slice(n) } : undefined;
    } else {
      // The log dropped its oldest entries: find where what we sent last now sits.
      let at = -1;
      for (let i = list.length - 1; i >= 0; i--) if (eventKey(list[i]) === this.lastEvent) { at = i; break; }
      out = at >= 0 && n > 0
        ? { reset: false, dropFront: n - (at + 1), append: list.slice(at + 1) }
        : { reset: true, dropFront: 0, append: list.slice() };
    }
    this.eventCount = list.length;
    this.firstEvent = first;
    this.lastEvent = last;
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
  const next: StateView = {
    name: patch.meta?.name ?? base.name,
    seed: patch.meta?.seed ?? base.seed,
    hosts: patch.meta?.hosts ?? base.hosts,
    time: patch.time,
    vms: applyKeyed(base.vms, patch.vms, patch.full),
    datastores: applyKeyed(base.datastores, patch.datastores, patch.full),
    backupJobs: applyKeyed(base.backupJobs, patch.backupJobs, patch.full),
    repositories: applyKeyed(base.repositories, patch.repositories, patch.full),
    restorePoints: applyKeyed(base.restorePoints, patch.restorePoints, patch.full),
    tasks: applyKeyed(base.tasks, patch.tasks, patch.full),
    events: base.events,
  };
  const ev = patch.events;
  if (ev) next.events = ev.reset ? ev.append : base.events.slice(ev.dropFront).concat(ev.append);
  return next;
}
