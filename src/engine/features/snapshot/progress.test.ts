import { describe, expect, it } from 'vitest';
import { smallLab, ok, take, MiB } from '../../testing/harness';
import type { Lab } from '../../lab/lab';

/** Sample a task's progress every `step` ms until it ends; returns the readings. */
function readings(lab: Lab, taskId: string, step = 50): { all: number[]; atMergeStart: number[] } {
  const all: number[] = [];
  const atMergeStart: number[] = [];
  let merges = 0;
  for (let i = 0; i < 200_000; i++) {
    const s = lab.state();
    const t = s.tasks.find((x) => x.id === taskId)!;
    all.push(t.progress);
    const started = s.events.filter((e) => e.kind === 'disk.mergeStart').length;
    if (started > merges) { merges = started; atMergeStart.push(t.progress); }
    if (t.state === 'success' || t.state === 'error') return { all, atMergeStart };
    expect(t.progress, 'a running task shows less than 100').toBeLessThan(100);
    lab.advance(step);
  }
  throw new Error('task did not finish');
}

function expectMonotonic(p: number[]): void {
  for (const v of p) { expect(v).toBeGreaterThanOrEqual(0); expect(v).toBeLessThanOrEqual(100); expect(Number.isInteger(v)).toBe(true); }
  for (let i = 1; i < p.length; i++) expect(p[i], `reading ${i}: ${p[i - 1]} then ${p[i]}`).toBeGreaterThanOrEqual(p[i - 1]);
}

describe('task progress is 0-100 and never goes back', () => {
  for (const host of ['3.5', '4.0', '4.0u2', '6.7']) {
    it(`Remove all snapshots on ESX ${host}: progress stays in 0-100 and only goes up`, () => {
      const lab = smallLab({ host });
      for (let i = 0; i < 6; i++) {
        take(lab, `s${i}`);
        // Each delta holds its own region and a shared one, so farthest-first merges carry data upward.
        ok(lab, { type: 'guest.write', vm: 'vm1', disk: 'disk1', offset: i * 64 * MiB, length: 48 * MiB });
        ok(lab, { type: 'guest.write', vm: 'vm1', disk: 'disk1', offset: 1024 * MiB, length: 32 * MiB });
      }
      const r = ok(lab, { type: 'snapshot.deleteAll', vm: 'vm1' });
      const { all, atMergeStart } = readings(lab, r.task!);
      expectMonotonic(all);
      expect(all.at(-1)).toBe(100);
      // Every merge moves the bar: the estimate of what is left counts data copied again one level up.
      expect(atMergeStart).toHaveLength(6);
      for (let i = 1; i < atMergeStart.length; i++) expect(atMergeStart[i]).toBeGreaterThan(atMergeStart[i - 1]);
    });
  }
});
