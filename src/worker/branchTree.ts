// The lab's history as a tree of branches (time travel: docs/scripting.md, `seek`). The engine is
// deterministic, so a branch is only its commands and the time it reached: any moment of it can be
// rebuilt by replaying them. A command given at a moment in a branch's past starts a new branch there;
// the future it replaced stays, as the branch it was, so the learner can go back to it.
import { formatLabTime } from '../engine/core/format';
import type { SessionCommand } from './session';
import type { UsageView } from '../engine/core/view';

export type MarkerKind = 'snapshot' | 'revert' | 'delete' | 'quiesce' | 'failure' | 'question';

/** A moment worth jumping to on the scrubber; `seq` the event it comes from (EventView.seq). */
export interface Marker { time: number; kind: MarkerKind; label: string; seq?: number }

/**
 * The lab's space at a moment: datastore used bytes in the lab's datastore order ("compare branches",
 * and what a session file keeps), and everything the Datastore charts draw (`charts`, the engine's
 * UsageView; kept in memory only, so absent from samples a session file brought back).
 */
export interface UsageSample { time: number; used: number[]; charts?: UsageView }

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
  /**
   * The lab is at the newest moment of its branch: a command here extends the branch. When false, the
   * lab is in the branch's past and any accepted command (but letting time run) starts a new branch.
   */
  atEnd: boolean;
  /** What a command here would do to the history; null at the end of the branch. */
  wouldBranch: WouldBranch | null;
  markers: Marker[];
  branches: BranchView[];
  datastores: string[];
}

/** A branch a command in the past would start, and the future it would leave behind. */
export interface WouldBranch {
  /** The new branch's name ("Branch 3"). */
  newBranch: string;
  /** The current branch, which keeps the future ("Branch 1 · EXCH01: deleted before-patch (day 1, 22:30)"). */
  keptAs: string;
  /** The next command the current branch gave after this moment, in words with its time; null when only time ran. */
  next: string | null;
}

export interface BranchView {
  id: string;
  /** "Branch 2" */
  name: string;
  /** The branch for a learner, with display names: "Branch 2 · EXCH01: reverted to before-patch (day 1, 22:14)". */
  label: string;
  parent: string | null;
  forkAt: number;
  reached: number;
  current: boolean;
  /** One line: what this branch did at its fork, against what its parent did, with display names. */
  summary: string;
}

/** Most usage samples kept per branch; past it every other one goes (older detail thins first). */
const MAX_SAMPLES = 400;

export class History {
  private readonly branches = new Map<string, Branch>();
  private seq = 0;
  datastores: string[] = [];
  /** Each recorded command in a learner's words, with the names the lab had just before it (Lab.describe). */
  private readonly words = new WeakMap<SessionCommand, string>();

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

  record(id: string, at: number, command: SessionCommand['command'], words?: string): void {
    const c = { at, command };
    this.need(id).own.push(c);
    if (words !== undefined) this.words.set(c, words);
  }

  /** A command's words, as recorded or learnt on a replay; null when not known yet. */
  wordsOf(c: SessionCommand): string | null { return this.words.get(c) ?? null; }
  setWords(c: SessionCommand, words: string): void { this.words.set(c, words); }

  /** A command for a learner: its words (or its kind when they are not known) and its time. */
  said(c: SessionCommand): string {
    return `${this.words.get(c) ?? kindWords(c.command.type)} (${dayTime(c.at)})`;
  }

  reach(id: string, time: number): void {
    const b = this.need(id);
    if (time > b.reached) b.reached = time;
  }

  addMarker(id: string, m: Marker): void {
    const b = this.need(id);
    // The same event seen twice (a restore, a replay up to the newest moment) is one marker; markers
    // saved without their event's seq (older session files) are matched by moment and words.
    for (let i = b.markers.length - 1; i >= 0 && b.markers[i].time >= m.time; i--) {
      const x = b.markers[i];
      if (x.seq !== undefined && m.seq !== undefined ? x.seq === m.seq : x.time === m.time && x.kind === m.kind && x.label === m.label) return;
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

  /**
   * The page's view. `where` says where the lab stands on the current branch (the time travel knows):
   * at its end or not, and the next command of the branch after this moment.
   */
  view(current: string, position: number, where: { atEnd: boolean; next: SessionCommand | null } = { atEnd: true, next: null }): HistoryView {
    const cur = this.need(current);
    const all = this.all();
    const label = (b: Branch) => `${this.nameOf(b.id)} · ${this.doing(b)}`;
    return {
      branch: current,
      position,
      reached: cur.reached,
      atEnd: where.atEnd,
      wouldBranch: where.atEnd ? null : this.wouldBranch(cur, where.next, label),
      markers: this.markers(current),
      datastores: this.datastores,
      branches: all.map((b) => ({
        id: b.id,
        name: this.nameOf(b.id),
        label: label(b),
        parent: b.parent,
        forkAt: b.forkAt,
        reached: b.reached,
        current: b.id === current,
        summary: this.summary(b),
      })),
    };
  }

  /** The first run, not yet branched, will be named by the command the new branch replaces. */
  private wouldBranch(cur: Branch, next: SessionCommand | null, label: (b: Branch) => string): WouldBranch {
    const said = next ? this.said(next) : null;
    const unnamed = cur.parent === null && !this.all().some((x) => x.parent === cur.id);
    return {
      newBranch: `Branch ${this.all().length + 1}`,
      keptAs: unnamed ? `${this.nameOf(cur.id)} · ${said ?? 'the first run'}` : label(cur),
      next: said,
    };
  }

  /** "Branch N", by the order the branches were made in. */
  nameOf(id: string): string {
    return `Branch ${this.all().findIndex((b) => b.id === id) + 1}`;
  }

  /**
   * What sets a branch apart: a later branch by the first command it gave; the first run by its command
   * that the first branch made from it replaced (or "the first run" when none did).
   */
  private doing(b: Branch): string {
    if (b.parent !== null) return b.own[0] ? this.said(b.own[0]) : 'time ran on';
    const child = this.all().find((x) => x.parent === b.id);
    const replaced = child ? b.own[child.forkIndex] : undefined;
    return replaced ? this.said(replaced) : 'the first run';
  }

  private summary(b: Branch): string {
    if (b.parent === null) return b.own.length ? `started with ${this.said(b.own[0])}` : 'the lab as it started';
    const mine = b.own[0] ? this.said(b.own[0]) : 'let time run';
    const theirs = this.commands(b.parent)[b.forkIndex];
    return `${mine} instead of ${theirs ? this.said(theirs) : 'letting time run'}`;
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

/** "day 1, 22:14": the day always, as the clock shows it. */
export function dayTime(ms: number): string {
  const t = formatLabTime(ms, 'minutes');
  return t.startsWith('day ') ? t : `day 1, ${t}`;
}

/** A command whose words were never learnt (an old session file, a future not replayed yet): its kind, without ids. */
function kindWords(type: string): string {
  const [what] = type.split('.');
  const kinds: Record<string, string> = {
    snapshot: 'a snapshot change', vm: 'a change to a VM', guest: 'something in a guest', fault: 'a fault',
    datastore: 'a datastore change', backup: 'a backup job change', host: 'a host change', restore: 'a restore',
  };
  return kinds[what] ?? 'a change';
}

/** The scrubber's markers, from the events a lab logs. */
export function markerFor(kind: string, message: string, time: number, seq?: number): Marker | null {
  const k = MARKER_KINDS[kind];
  if (!k) return null;
  return seq === undefined ? { time, kind: k, label: message } : { time, kind: k, label: message, seq };
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
