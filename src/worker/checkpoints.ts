// Checkpoints: copies of the lab taken as time runs, so that a seek replays only from the nearest one
// instead of from the lab's start. They live within a fixed memory budget; past it, the checkpoint
// whose loss leaves the smallest gap goes, weighted by age, so old history thins first (Redux
// DevTools' maxAge, but by time spacing rather than by count). Copies share parts (grain-map pages,
// copy on write) with the lab and with each other: each shared part is counted once, while any
// checkpoint holds it, so a copy costs what changed since the one before it.

export interface Checkpoint<L> {
  branch: string;
  /** Simulated ms of the copy. */
  time: number;
  /** How many of the branch's commands the copy has applied. */
  applied: number;
  lab: L;
  /** What the copy holds of its own. */
  bytes: number;
  /** Parts it shares with the lab it was copied from (and so with other copies), with their sizes. */
  shared?: ReadonlyMap<object, number>;
}

/** Enough for a dozen copies of a busy lab's grain maps; the worker's other memory is far smaller. */
export const DEFAULT_BUDGET_BYTES = 192 * 1024 * 1024;

export class Checkpoints<L> {
  private list: Checkpoint<L>[] = [];
  private total = 0;
  /** How many checkpoints hold each shared part. */
  private holders = new Map<object, number>();

  constructor(readonly budgetBytes = DEFAULT_BUDGET_BYTES) {}

  get bytes(): number { return this.total; }
  get count(): number { return this.list.length; }
  all(): readonly Checkpoint<L>[] { return this.list; }

  /** The newest checkpoint of a branch, to space the next one from. */
  latest(branch: string): Checkpoint<L> | undefined {
    for (let i = this.list.length - 1; i >= 0; i--) if (this.list[i].branch === branch) return this.list[i];
    return undefined;
  }

  /** What keeping `cp` would add to the bytes held: its own, and the shared parts no checkpoint holds yet. */
  costOf(cp: Checkpoint<L>): number {
    let n = cp.bytes;
    if (cp.shared) for (const [part, bytes] of cp.shared) if (!this.holders.has(part)) n += bytes;
    return n;
  }

  add(cp: Checkpoint<L>): void {
    if (this.costOf(cp) > this.budgetBytes) return;
    const at = this.list.findIndex((c) => c.time > cp.time);
    if (at < 0) this.list.push(cp);
    else this.list.splice(at, 0, cp);
    this.total += cp.bytes;
    if (cp.shared) {
      for (const [part, bytes] of cp.shared) {
        const n = this.holders.get(part) ?? 0;
        if (n === 0) this.total += bytes;
        this.holders.set(part, n + 1);
      }
    }
    this.thin(cp.time);
  }

  /** The latest usable checkpoint at or before `time`. */
  best(time: number, usable: (cp: Checkpoint<L>) => boolean): Checkpoint<L> | null {
    let best: Checkpoint<L> | null = null;
    for (const cp of this.list) {
      if (cp.time > time) break;
      if (usable(cp) && (!best || cp.time >= best.time)) best = cp;
    }
    return best;
  }

  clear(): void {
    this.list = [];
    this.total = 0;
    this.holders.clear();
  }

  private remove(i: number): void {
    const cp = this.list[i];
    this.total -= cp.bytes;
    if (cp.shared) {
      for (const [part, bytes] of cp.shared) {
        const n = this.holders.get(part)!;
        if (n === 1) { this.holders.delete(part); this.total -= bytes; } else this.holders.set(part, n - 1);
      }
    }
    this.list.splice(i, 1);
  }

  private thin(now: number): void {
    while (this.total > this.budgetBytes && this.list.length > 1) {
      // Never the newest: it is where the learner most likely returns.
      let victim = 0;
      let bestScore = Infinity;
      for (let i = 0; i < this.list.length - 1; i++) {
        const before = i === 0 ? 0 : this.list[i - 1].time;
        const gap = this.list[i + 1].time - before;
        const age = Math.max(0, now - this.list[i].time) + 1;
        const score = gap / age;
        if (score < bestScore) { bestScore = score; victim = i; }
      }
      this.remove(victim);
    }
  }
}
