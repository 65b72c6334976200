// The chart posts keep the page's copy of the usage history equal to the worker's, sending only what
// the page lacks, and all of it again for a new lab or another branch.
import { describe, expect, it } from 'vitest';
import * as engine from '../engine/index';
import { LabHost } from './labHost';
import type { ChartsPatch, UsagePoint, WorkerMessage } from './protocol';
import { applyChartsPatch, chartPoints } from './chartPosts';

const MIN = 60_000;

/** A host on a clock the test moves; the page's side applies its chart posts. */
function page() {
  let real = 0;
  const timers: { at: number; fn: () => void }[] = [];
  const patches: ChartsPatch[] = [];
  let samples: UsagePoint[] = [];
  const post = (m: WorkerMessage) => {
    if (m.type !== 'charts') return;
    patches.push(m.charts);
    samples = applyChartsPatch(samples, m.charts);
  };
  const h = new LabHost({
    engine, post, now: () => real,
    setTimer: (fn, ms) => { const t = { at: real + ms, fn }; timers.push(t); return t; },
    clearTimer: (t) => { const i = timers.indexOf(t as never); if (i >= 0) timers.splice(i, 1); },
  });
  /** Real time passes: pending posts go out. */
  const wait = (ms = 1000) => {
    real += ms;
    for (const t of timers.splice(0).sort((a, b) => a.at - b.at)) t.fn();
  };
  /** The worker's history of the current branch, as "compare branches" gets it. */
  const history = () => {
    const branch = h.handle({ kind: 'history' }).branch;
    return h.handle({ kind: 'usage', branches: [branch] }).series[0].samples;
  };
  const mirrors = () => {
    expect(samples.map((p) => ({ time: p.time, used: p.usage.datastores.map((d) => d.usedBytes) }))).toEqual(history());
  };
  return { h, wait, patches, mirrors, samples: () => samples };
}

describe('chart posts', () => {
  it('send the samples the page lacks, then the whole history again on another branch', () => {
    const { h, wait, patches, mirrors, samples } = page();
    h.handle({ kind: 'dispatch', command: { type: 'snapshot.take', vm: 'exch01', name: 'a' } });
    h.handle({ kind: 'advance', ms: 10 * MIN });
    wait();
    mirrors();
    expect(samples()).toHaveLength(11);
    const first = patches.length;
    h.handle({ kind: 'advance', ms: 5 * MIN });
    wait();
    mirrors();
    // Only the five new samples went out, and the charts end at the moment shown.
    expect(patches.slice(first).filter((p) => !p.reset).flatMap((p) => p.append.map((x) => x.time))).toEqual([11, 12, 13, 14, 15].map((m) => m * MIN));
    expect(patches.at(-1)!.now.time).toBe(15 * MIN);

    // A command in the past starts a new branch: its history is the first branch's up to the fork, then its own.
    expect(h.handle({ kind: 'seek', ms: 4 * MIN + 1000 })).toMatchObject({ time: 4 * MIN + 1000 });
    wait();
    expect(chartPoints(samples(), patches.at(-1)!.now).map((p) => p.time)).toEqual([0, 1, 2, 3, 4].map((m) => m * MIN).concat(4 * MIN + 1000));
    h.handle({ kind: 'dispatch', command: { type: 'vm.powerOff', vm: 'web01' } });
    h.handle({ kind: 'advance', ms: 3 * MIN });
    wait();
    expect(patches.at(-1)!.reset).toBe(true);
    mirrors();
    expect(samples().map((p) => p.time)).toEqual([0, 1, 2, 3, 4, 4 + 1 / 60, 5, 6, 7].map((m) => Math.round(m * MIN)));

    // Back to the first branch: all of its samples again.
    const first3 = h.handle({ kind: 'history' }).branches.find((b) => !b.current)!.id;
    h.handle({ kind: 'switchBranch', branch: first3 });
    wait();
    mirrors();
    expect(samples()).toHaveLength(16);
  });

  it('a page that connects again gets every sample', () => {
    const { h, wait, patches, mirrors } = page();
    h.handle({ kind: 'advance', ms: 3 * MIN });
    wait();
    h.resend();
    wait();
    expect(patches.at(-1)).toMatchObject({ reset: true });
    expect(patches.at(-1)!.append).toHaveLength(4);
    mirrors();
  });
});
