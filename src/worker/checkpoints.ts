// Checkpoints: copies of the lab taken as time runs, so that a seek replays only from the nearest one
// instead of from the lab's start. They live within a fixed memory budget; past it, the checkpoint
// whose loss leaves the smallest gap goes. A gap is what replaying it costs when the copies know it
// (`work`: the engine's real time to reach them, as the worker measured it), since a busy hour of a
// lab can cost what a quiet day costs and a seek waits for the replay; else it is simulated time,
// weighted by age, so old history thins first (Redux DevTools' maxAge, but by spacing, not count). Copies share parts (grain-map pages,
// copy on write) with the lab and with each other: each shared part is counted once, while any
// checkpoint holds it, so a copy costs what changed since the one before it. A shared part may hold
// smaller parts that other parts hold too (a grain-map page and its chunks, see core/clone.ts PARTS):
// those are counted once as well, while any held part holds them.
import { PARTS, type HoldsParts } from '../engine/core/clone';

export interface Checkpoint<L> {
  branch: string;
  /** Simulated ms of the copy. */
  time: number;
  /** How many of the branch's commands the copy has applied. */
  applied: number;
  /** Real ms the engine spent to reach this moment from the lab's start (what a replay to it costs). */
  work?: number;
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
  /** How many held shared parts hold each smaller part (a page's chunks). */
  private inner = new Map<object, number>();

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
    if (!cp.shared) return n;
    const seen = new Set<object>();
    for (const [part, bytes] of cp.shared) {
      if (this.holders.has(part)) continue;
      n += bytes;
      partsOf(part, (p, b) => {
        if (this.inner.has(p) || seen.has(p)) return;
        seen.add(p);
        n += b;
      });
    }
    return n;
  }

  add(cp: Checkpoint<L>): void {
    // Counted as it is kept (one pass over its parts), and let go at once if it alone is over budget.
    const before = this.total;
    let at = this.list.findIndex((c) => c.time > cp.time);
    if (at < 0) { at = this.list.length; this.list.push(cp); } else this.list.splice(at, 0, cp);
    this.total += cp.bytes;
    if (cp.shared) {
      for (const [part, bytes] of cp.shared) {
        const n = this.holders.get(part) ?? 0;
        if (n === 0) {
          this.total += bytes;
          partsOf(part, (p, b) => {
            const k = this.inner.get(p) ?? 0;
            if (k === 0) this.total += b;
            this.inner.set(p, k + 1);
          });
        }
        this.holders.set(part, n + 1);
      }
    }
    if (this.total - before > this.budgetBytes) { this.remove(at); return; }
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
    this.inner.clear();
  }

  private remove(i: number): void {
    const cp = this.list[i];
    this.total -= cp.bytes;
    if (cp.shared) {
      for (const [part, bytes] of cp.shared) {
        const n = this.holders.get(part)!;
        if (n > 1) { this.holders.set(part, n - 1); continue; }
        this.holders.delete(part);
        this.total -= bytes;
        partsOf(part, (p, b) => {
          const k = this.inner.get(p)!;
          if (k === 1) { this.inner.delete(p); this.total -= b; } else this.inner.set(p, k - 1);
        });
      }
    }
    this.list.splice(i, 1);
  }

  /** What losing `cp` would free: its own bytes and the parts no other checkpoint holds (a part held
   *  by two of its own parts and nothing else is missed: an estimate from below). */
  private freedBy(cp: Checkpoint<L>): number {
    let n = cp.bytes;
    if (!cp.shared) return n;
    for (const [part, bytes] of cp.shared) {
      if (this.holders.get(part) !== 1) continue;
      n += bytes;
      partsOf(part, (p, b) => { if (this.inner.get(p) === 1) n += b; });
    }
    return n;
  }

  private thin(now: number): void {
    while (this.total > this.budgetBytes && this.list.length > 1) {
      // Never the newest: it is where the learner most likely returns.
      let victim = 0;
      let bestScore = Infinity;
      const byWork = this.list.every((c) => c.work !== undefined);
      for (let i = 0; i < this.list.length - 1; i++) {
        let score: number;
        if (byWork) {
          // The replay its loss would leave, per byte it frees: big copies in cheap stretches go first.
          const gap = Math.max(0, this.list[i + 1].work! - (i === 0 ? 0 : this.list[i - 1].work!));
          score = gap / Math.max(1, this.freedBy(this.list[i]));
        } else {
          const before = i === 0 ? 0 : this.list[i - 1].time;
          const gap = this.list[i + 1].time - before;
          const age = Math.max(0, now - this.list[i].time) + 1;
          score = gap / age;
        }
        if (score < bestScore) { bestScore = score; victim = i; }
      }
      this.remove(victim);
    }
  }
}

/** The smaller parts a shared part holds, if it holds any. */
function partsOf(part: object, visit: (p: object, bytes: number) => void): void {
  const holds = (part as Partial<HoldsParts>)[PARTS];
  if (typeof holds === 'function') holds.call(part, visit);
}
