// The lab's history as a tree of branches (time travel: docs/scripting.md, `seek`). The engine is
// deterministic, so a branch is only its commands and the time it reached: any moment of it can be
// rebuilt by replaying them. A command given at a moment in a branch's past starts a new branch there;
// the future it replaced stays, as the branch it was, so the learner can go back to it.
import type { SessionCommand } from './session';

export type MarkerKind = 'snapshot' | 'revert' | 'delete' | 'quiesce' | 'failure' | 'question';

/** A moment worth jumping to on the scrubber. */
export interface Marker { time: number; kind: MarkerKind; label: string }

/** Datastore used bytes at a moment, in the lab's datastore order (for "compare branches"). */
export interface UsageSample { time: number; used: number[] }

export interface Branch {
  id: string;
  parent: string | null;
  /** Simulated ms at which this branch left its parent (0 for the first branch). */
  forkAt: number;
  /** How many of the parent's commands this branch keeps (all those at or before forkAt). */
  forkIndex: number;
  /** The commands given on this branch after it forked. */
  own: SessionCommand[];
  /** The latest simulated ms this branch has reached. */
  reached: number;
  /** Markers seen on this branch after it forked. */
  markers: Marker[];
  /** Datastore usage seen on this branch after it forked. */
  usage: UsageSample[];
}

/** What the page needs to draw the scrubber and the branch switcher. */
export interface HistoryView {
  branch: string;
  /** Where the lab is now, and the latest time the current branch reached. */
  position: number;
  reached: number;
  markers: Marker[];
  branches: BranchView[];
  datastores: string[];
}

export interface BranchView {
  id: string;
  name: string;
  parent: string | null;
  forkAt: number;
  reached: number;
  current: boolean;
  /** One line: what this branch did at its fork, against what its parent did. */
  summary: string;
}

/** Most usage samples kept per branch; past it every other one goes (older detail thins first). */
const MAX_SAMPLES = 400;

export class History {
  private readonly branches = new Map<string, Branch>();
  private seq = 0;
  datastores: string[] = [];

  constructor() {
    this.add(null, 0, 0);
  }

  static fromBranches(list: Branch[]): History {
    const h = new History();
    h.branches.clear();
    for (const b of list) h.branches.set(b.id, b);
    h.seq = list.reduce((m, b) => Math.max(m, Number(b.id.replace(/^b/, '')) || 0), 0);
    return h;
  }

  get(id: string): Branch | undefined { return this.branches.get(id); }
  all(): Branch[] { return [...this.branches.values()]; }
  get first(): Branch { return this.branches.values().next().value as Branch; }

  /** Every command of a branch from the lab's start: its ancestors' kept ones, then its own. */
  commands(id: string): SessionCommand[] {
    const b = this.need(id);
    if (b.parent === null) return b.own;
    return this.commands(b.parent).slice(0, b.forkIndex).concat(b.own);
  }

  /** A new branch leaving `parent` at `at`, keeping its first `keep` commands. */
  fork(parent: string, at: number, keep: number): Branch {
    return this.add(parent, at, keep);
  }

  record(id: string, at: number, command: SessionCommand['command']): void {
    this.need(id).own.push({ at, command });
  }

  reach(id: string, time: number): void {
    const b = this.need(id);
    if (time > b.reached) b.reached = time;
  }

  addMarker(id: string, m: Marker): void {
    const b = this.need(id);
    // The same moment seen twice (a restore, a replay up to the newest moment) is one marker.
    for (let i = b.markers.length - 1; i >= 0 && b.markers[i].time >= m.time; i--) {
      const x = b.markers[i];
      if (x.time === m.time && x.kind === m.kind && x.label === m.label) return;
    }
    b.markers.push(m);
  }

  addUsage(id: string, sample: UsageSample): void {
    const b = this.need(id);
    const last = b.usage[b.usage.length - 1];
    if (last && last.time >= sample.time) return;
    b.usage.push(sample);
    if (b.usage.length > MAX_SAMPLES) b.usage = b.usage.filter((_, i) => i % 2 === 0 || i === b.usage.length - 1);
  }

  /** Markers of a branch from the start: each ancestor's up to where the path leaves it. */
  markers(id: string): Marker[] {
    return this.lineage(id, (b) => b.markers);
  }

  usage(id: string): UsageSample[] {
    return this.lineage(id, (b) => b.usage);
  }

  /**
   * The earliest time at which `id`'s history stops being `ancestor`'s, or null when `ancestor` is
   * not on its path. A replay of `ancestor` up to that time is a replay of `id` too.
   */
  sharedUntil(id: string, ancestor: string): number | null {
    let limit = Infinity;
    for (let b: Branch | undefined = this.need(id); b; b = b.parent === null ? undefined : this.branches.get(b.parent)) {
      if (b.id === ancestor) return limit;
      limit = Math.min(limit, b.forkAt);
    }
    return null;
  }

  view(current: string, position: number): HistoryView {
    const cur = this.need(current);
    return {
      branch: current,
      position,
      reached: cur.reached,
      markers: this.markers(current),
      datastores: this.datastores,
      branches: this.all().map((b, i) => ({
        id: b.id,
        name: `Branch ${i + 1}`,
        parent: b.parent,
        forkAt: b.forkAt,
        reached: b.reached,
        current: b.id === current,
        summary: this.summary(b),
      })),
    };
  }

  private summary(b: Branch): string {
    if (b.parent === null) return b.own.length ? `started with ${describeCommand(b.own[0].command)}` : 'the lab as it started';
    const mine = b.own[0] ? describeCommand(b.own[0].command) : 'let time run';
    const theirs = this.commands(b.parent)[b.forkIndex];
    return `${mine} vs ${theirs ? describeCommand(theirs.command) : 'let time run'}`;
  }

  private lineage<T extends { time: number }>(id: string, pick: (b: Branch) => T[]): T[] {
    const b = this.need(id);
    const mine = pick(b);
    if (b.parent === null) return mine.slice();
    return this.lineage(b.parent, pick).filter((x) => x.time <= b.forkAt).concat(mine);
  }

  private add(parent: string | null, forkAt: number, forkIndex: number): Branch {
    const b: Branch = { id: `b${++this.seq}`, parent, forkAt, forkIndex, own: [], reached: forkAt, markers: [], usage: [] };
    this.branches.set(b.id, b);
    return b;
  }

  private need(id: string): Branch {
    const b = this.branches.get(id);
    if (!b) throw new Error(`There is no branch "${id}".`);
    return b;
  }
}

/** A command in a few words, for the branch switcher ("reverted EXCH01 to before-patch"). */
export function describeCommand(c: SessionCommand['command']): string {
  const f = c as Record<string, unknown>;
  const vm = typeof f.vm === 'string' ? f.vm : '';
  const snap = typeof f.snapshot === 'string' ? ` "${f.snapshot}"` : '';
  switch (c.type) {
    case 'snapshot.take': return `took snapshot "${String(f.name)}" of ${vm}`;
    case 'snapshot.revert': return `reverted ${vm} to${snap}`;
    case 'snapshot.delete': return `deleted snapshot${snap} of ${vm}`;
    case 'snapshot.deleteAll': return `deleted all snapshots of ${vm}`;
    case 'vm.consolidate': return `consolidated ${vm}`;
    case 'vm.powerOn': return `powered on ${vm}`;
    case 'vm.powerOff': return `powered off ${vm}`;
    case 'vm.answer': return `answered ${String(f.answer)} on ${vm}`;
    case 'datastore.resize': return `resized ${String(f.datastore)}`;
    case 'fault.inject': return `broke something on ${vm}`;
    case 'backup.run': return `ran backup job ${String(f.job)}`;
    default: return vm ? `${c.type} on ${vm}` : c.type;
  }
}

/** The scrubber's markers, from the events a lab logs. */
export function markerFor(kind: string, message: string, time: number): Marker | null {
  const k = MARKER_KINDS[kind];
  return k ? { time, kind: k, label: message } : null;
}

const MARKER_KINDS: Record<string, MarkerKind> = {
  'vm.snapshotCreated': 'snapshot',
  'snapshot.reverted': 'revert',
  'snapshot.removed': 'delete',
  'disk.consolidated': 'delete',
  'quiesce.done': 'quiesce',
  'quiesce.failed': 'failure',
  'task.failed': 'failure',
  'disk.mergeFailed': 'failure',
  'vss.backupFailed': 'failure',
  'vm.question': 'question',
};
