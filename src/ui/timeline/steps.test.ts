import { describe, expect, it } from 'vitest';
import type { EventView } from '../../engine/core/view';
import { severityOf, type EventKind } from '../../engine/core/events';
import { episodesOf } from './episodes';
import { placeLabels, stepsOf } from './steps';

const e = (time: number, source: string, kind: EventKind): EventView => ({ seq: time + 1, time, vm: 'v', source, kind, message: kind, severity: severityOf(kind) });

describe('timeline steps', () => {
  it('names the steps of a quiesce in order, the hold ending when writes are released', () => {
    const ep = episodesOf([
      e(0, 'VMware Tools', 'quiesce.start'), e(10, 'VSS', 'vss.identify'), e(12, 'Exchange', 'vss.identify'),
      e(20, 'VSS', 'vss.prepareBackup'), e(30, 'VSS', 'vss.prepareSnapshot'), e(40, 'VSS', 'vss.freeze'),
      e(50, 'VSS', 'vss.flushAndHold'), e(58, 'Host', 'vm.snapshotCreated'), e(58, 'VSS', 'vss.releaseWrites'),
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

  it('puts labels on rows so that none overlaps, sliding one sideways where that moves it least', () => {
    const placed = placeLabels([{ x: 10, width: 40 }, { x: 20, width: 40 }, { x: 30, width: 40 }, { x: 200, width: 40 }], 0, 220);
    // No label is dropped and none overlaps another on its row; each stays inside [0, 220].
    expect(placed.map((p) => p.row)).toEqual([0, 1, 0, 0]);
    expect(placed.map((p) => p.x)).toEqual([20, 20, 66, 200]);
    // A label never slides more than its own width from its step: the next row takes it instead.
    expect(placeLabels([{ x: 20, width: 40 }, { x: 20, width: 40 }, { x: 20, width: 40 }], 0, 220).map((p) => p.row)).toEqual([0, 1, 2]);
  });

  it('slides labels crowded at the right edge to the left, and opens a row rather than drop one', () => {
    const labels = [{ x: 200, width: 60 }, { x: 290, width: 60 }, { x: 300, width: 60 }];
    const placed = placeLabels(labels, 100, 300);
    for (const [i, p] of placed.entries()) {
      expect(p.x - labels[i].width / 2).toBeGreaterThanOrEqual(100);
      expect(p.x + labels[i].width / 2).toBeLessThanOrEqual(300);
      for (const [k, q] of placed.entries()) if (k !== i && q.row === p.row) expect(Math.abs(q.x - p.x)).toBeGreaterThanOrEqual(60);
    }
    expect(placed).toEqual([{ row: 0, x: 200 }, { row: 0, x: 270 }, { row: 1, x: 270 }]);
    // One label wider than the room: it gets a row of its own, starting at the left bound.
    expect(placeLabels([{ x: 50, width: 500 }, { x: 60, width: 500 }], 0, 300)).toEqual([{ row: 0, x: 250 }, { row: 1, x: 250 }]);
  });
});
