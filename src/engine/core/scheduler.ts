// Simulated time: a priority queue of callbacks ordered by (time, insertion order), so that two
// events at the same millisecond always run in the order they were scheduled.

export type Job = () => void;

interface Entry { time: number; seq: number; job: Job; cancelled: boolean }

export interface Timer { cancel(): void; readonly time: number }

export class Scheduler {
  now = 0;
  private heap: Entry[] = [];
  private seq = 0;

  at(time: number, job: Job): Timer {
    const entry: Entry = { time: Math.max(time, this.now), seq: this.seq++, job, cancelled: false };
    this.push(entry);
    return { cancel: () => { entry.cancelled = true; }, time: entry.time };
  }

  after(ms: number, job: Job): Timer {
    return this.at(this.now + ms, job);
  }

  /** Time of the next pending job, or null when nothing is scheduled. */
  nextTime(): number | null {
    while (this.heap.length && this.heap[0].cancelled) this.pop();
    return this.heap.length ? this.heap[0].time : null;
  }

  /** Run every job due up to and including `until`, then set the clock to `until`. */
  runUntil(until: number): void {
    for (;;) {
      const next = this.nextTime();
      if (next === null || next > until) break;
      const e = this.pop()!;
      this.now = e.time;
      e.job();
    }
    if (until > this.now) this.now = until;
  }

  private push(e: Entry): void {
    const h = this.heap;
    h.push(e);
    let i = h.length - 1;
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (!before(h[i], h[p])) break;
      [h[i], h[p]] = [h[p], h[i]];
      i = p;
    }
  }

  private pop(): Entry | undefined {
    const h = this.heap;
    if (!h.length) return undefined;
    const top = h[0];
    const last = h.pop()!;
    if (h.length) {
      h[0] = last;
      let i = 0;
      for (;;) {
        const l = 2 * i + 1, r = l + 1;
        let m = i;
        if (l < h.length && before(h[l], h[m])) m = l;
        if (r < h.length && before(h[r], h[m])) m = r;
        if (m === i) break;
        [h[i], h[m]] = [h[m], h[i]];
        i = m;
      }
    }
    return top;
  }
}

function before(a: Entry, b: Entry): boolean {
  return a.time < b.time || (a.time === b.time && a.seq < b.seq);
}
