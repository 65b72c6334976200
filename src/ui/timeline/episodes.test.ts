import { describe, expect, it } from 'vitest';
import type { EventView } from '../../engine/core/view';
import { severityOf, type EventKind } from '../../engine/core/events';
import { vssLab, quiesce, inject, EXCHANGE } from '../../engine/testing/vssLab';
import { episodeForSnapshot, episodesOf, failureCode, isFailure, lanesOf, phasesOf } from './episodes';

const e = (time: number, source: string, kind: EventKind, vm = 'v'): EventView => ({ seq: time + 1, time, vm, source, kind, message: kind, severity: severityOf(kind) });

const ok = [
  e(0, 'VMware Tools', 'quiesce.start'), e(5, 'VSS', 'vss.freeze'), e(6, 'VSS provider', 'vss.flushAndHold'),
  e(7, 'Host', 'vm.snapshotCreated'), e(8, 'VSS provider', 'vss.releaseWrites'), e(9, 'VSS', 'vss.thaw'),
  e(12, 'VMware Tools', 'quiesce.done'),
];
const failed = [
  e(100, 'VMware Tools', 'quiesce.start'), e(101, 'Microsoft Exchange Writer', 'vss.freeze'),
  e(102, 'VSS', 'vss.abort'), e(103, 'VMware Tools', 'quiesce.failed'),
];

describe('VSS timeline grouping', () => {
  it('splits a VM\'s events into quiesces and marks the failed one', () => {
    const eps = episodesOf([...ok, e(50, 'Host', 'vm.snapshotCreated', 'other'), ...failed], 'v');
    expect(eps.map((x) => [x.start, x.end, x.failed])).toEqual([[0, 12, false], [100, 103, true]]);
    expect(episodeForSnapshot(eps, 7)).toBe(eps[0]);
  });

  it('orders lanes from vCenter/host to Tools, VSS, provider, writers and scripts', () => {
    const lanes = lanesOf([...ok, ...failed, e(1, 'Scripts', 'script.freeze')], ['Microsoft Exchange Writer']);
    expect(lanes.map((l) => l.key)).toEqual(['Host', 'VMware Tools', 'VSS', 'VSS provider', 'Microsoft Exchange Writer', 'Scripts']);
  });

  it('draws the hold between flush-and-hold and release, and a failed freeze in red', () => {
    const hold = phasesOf(episodesOf(ok, 'v')[0]).find((p) => p.hold)!;
    expect([hold.from, hold.to, hold.failed]).toEqual([6, 8, false]);
    const frozen = phasesOf(episodesOf(failed, 'v')[0]).find((p) => p.label === 'Frozen')!;
    expect(frozen.failed).toBe(true);
  });
});

describe('failure markers', () => {
  it('count a writer that answers with an error by its severity, and show its HRESULT', () => {
    const writerFail: EventView = { seq: 1, time: 1, vm: 'v', source: EXCHANGE, kind: 'vss.freeze', message: 'OnFreeze failed.', severity: 'error', phase: 'freeze', hresult: 0x800423f4 };
    expect(isFailure(writerFail)).toBe(true);
    expect(failureCode(writerFail)).toBe('0x800423f4');
    // The message text plays no part: an info event saying "failed" is no failure.
    expect(isFailure({ ...writerFail, severity: 'info', hresult: undefined, message: 'OnFreeze failed to surprise anyone; state [1].' })).toBe(false);
  });

  it('mark the engine\'s own events of a failed quiesce: the writer, the abort and the quiesce', () => {
    const lab = vssLab();
    inject(lab, { kind: 'writerError', writer: EXCHANGE, phase: 'freeze', error: 'nonRetryable' });
    quiesce(lab);
    const [ep] = episodesOf(lab.state().events, 'vm1');
    expect(ep.failed).toBe(true);
    const failures = ep.events.filter(isFailure);
    expect(failures.map((x) => x.kind)).toEqual(expect.arrayContaining(['vss.freeze', 'vss.abort', 'quiesce.failed']));
    const writer = failures.find((x) => x.source === EXCHANGE)!;
    expect([writer.phase, failureCode(writer)]).toEqual(['freeze', '0x800423f4']);
  });
});
