import { describe, expect, it } from 'vitest';
import type { EventView } from '../../engine/core/view';
import { episodeForSnapshot, episodesOf, lanesOf, phasesOf } from './episodes';

const e = (time: number, source: string, kind: string, vm = 'v'): EventView => ({ time, vm, source, kind, message: kind });

const ok = [
  e(0, 'VMware Tools', 'quiesce.start'), e(5, 'VSS', 'vss.freeze'), e(6, 'Software provider', 'vss.flushAndHold'),
  e(7, 'host', 'vm.snapshotCreated'), e(8, 'Software provider', 'vss.releaseWrites'), e(9, 'VSS', 'vss.thaw'),
  e(12, 'VMware Tools', 'quiesce.done'),
];
const failed = [
  e(100, 'VMware Tools', 'quiesce.start'), e(101, 'Microsoft Exchange Writer', 'vss.freeze'),
  e(102, 'VSS', 'vss.abort'), e(103, 'VMware Tools', 'quiesce.failed'),
];

describe('VSS timeline grouping', () => {
  it('splits a VM\'s events into quiesces and marks the failed one', () => {
    const eps = episodesOf([...ok, e(50, 'host', 'vm.snapshotCreated', 'other'), ...failed], 'v');
    expect(eps.map((x) => [x.start, x.end, x.failed])).toEqual([[0, 12, false], [100, 103, true]]);
    expect(episodeForSnapshot(eps, 7)).toBe(eps[0]);
  });

  it('orders lanes from vCenter/host to Tools, VSS, provider, writers and scripts', () => {
    const lanes = lanesOf([...ok, ...failed, e(1, 'pre-freeze script', 'script.freeze')], ['Microsoft Exchange Writer']);
    expect(lanes.map((l) => l.key)).toEqual(['host', 'VMware Tools', 'VSS', 'Software provider', 'Microsoft Exchange Writer', 'pre-freeze script']);
  });

  it('draws the hold between flush-and-hold and release, and a failed freeze in red', () => {
    const hold = phasesOf(episodesOf(ok, 'v')[0]).find((p) => p.hold)!;
    expect([hold.from, hold.to, hold.failed]).toEqual([6, 8, false]);
    const frozen = phasesOf(episodesOf(failed, 'v')[0]).find((p) => p.label === 'Frozen')!;
    expect(frozen.failed).toBe(true);
  });
});

describe('failure markers', () => {
  it('count a writer that answers with an error, and show its HRESULT', async () => {
    const { isFailure, failureCode } = await import('./episodes');
    const writerFail: EventView = { time: 1, vm: 'v', source: 'Microsoft Exchange Writer', kind: 'vss.freeze', message: 'OnFreeze failed: State [9] Failed, Last error: Non-retryable error (0x800423f4).' };
    expect(isFailure(writerFail)).toBe(true);
    expect(failureCode(writerFail)).toBe('0x800423f4');
    expect(isFailure({ ...writerFail, message: 'OnFreeze done; state [1].' })).toBe(false);
  });
});
