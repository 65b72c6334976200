import { describe, expect, it } from 'vitest';
import type { EventView } from '../../engine/core/view';
import { severityOf, type EventKind } from '../../engine/core/events';
import { episodesOf } from './episodes';
import { placeLabels, stepsOf } from './steps';

const e = (time: number, source: string, kind: EventKind): EventView => ({ time, vm: 'v', source, kind, message: kind, severity: severityOf(kind) });

describe('timeline steps', () => {
  it('names the steps of a quiesce in order, the hold ending when writes are released', () => {
    const ep = episodesOf([
      e(0, 'VMware Tools', 'quiesce.start'), e(10, 'VSS', 'vss.identify'), e(12, 'Exchange', 'vss.identify'),
      e(20, 'VSS', 'vss.prepareBackup'), e(30, 'VSS', 'vss.prepareSnapshot'), e(40, 'VSS', 'vss.freeze'),
      e(50, 'VSS', 'vss.flushAndHold'), e(58, 'host', 'vm.snapshotCreated'), e(58, 'VSS', 'vss.releaseWrites'),
      e(58, 'VSS', 'vss.thaw'), e(60, 'VSS', 'vss.postSnapshot'), e(65, 'VSS', 'vss.backupComplete'),
      e(70, 'VSS', 'vss.shadowDiscarded'), e(71, 'VMware Tools', 'quiesce.done'),
    ], 'v')[0];
    expect(stepsOf(ep).map((s) => [s.label, s.from, s.to])).toEqual([
      ['Identify', 10, 20], ['Prepare', 20, 40], ['Freeze', 40, 50], ['Hold writes / Commit', 50, 58],
      ['Thaw', 58, 60], ['Post-snapshot', 60, 65], ['Backup complete', 65, 70],
    ]);
  });

  it('marks the step a failure ends in', () => {
    const ep = episodesOf([
      e(0, 'VMware Tools', 'quiesce.start'), e(10, 'VSS', 'vss.identify'), e(20, 'VSS', 'vss.prepareBackup'),
      e(40, 'VSS', 'vss.freeze'), e(45, 'VSS', 'vss.abort'), e(46, 'VMware Tools', 'quiesce.failed'),
    ], 'v')[0];
    const steps = stepsOf(ep);
    expect(steps.at(-1)).toMatchObject({ label: 'Freeze', from: 40, to: 45, failed: true });
    expect(steps.filter((s) => s.failed)).toHaveLength(1);
  });

  it('puts labels on rows so that none overlaps, and drops one with no room', () => {
    const rows = placeLabels([{ x: 10, width: 40 }, { x: 20, width: 40 }, { x: 30, width: 40 }, { x: 200, width: 40 }], 2);
    expect(rows).toEqual([0, 1, -1, 0]);
  });
});
