import { describe, expect, it } from 'vitest';
import { createLab } from '../../engine/index';
import { amplificationPoints, deltaRows, logRows, spaceRows } from './chartData';

describe('chart rows keyed by lab ids', () => {
  it('a VM called "constructor", a disk called "t" and a datastore called "valueOf" are charted as any other', () => {
    const lab = createLab({
      name: 'Odd ids', datastores: [{ id: 'valueOf', capacityGB: 200 }],
      vms: [{ id: 'constructor', disks: [{ id: 't', capacityGB: 40 }, { id: 'toString', capacityGB: 20 }] }],
    });
    lab.dispatch({ type: 'snapshot.take', vm: 'constructor', name: 's' });
    lab.dispatch({ type: 'guest.write', vm: 'constructor', disk: 't', offset: 0, length: 64 * 1024 ** 2 });
    lab.advance(60_000);
    const points = [{ time: lab.now, usage: lab.datastoreUsage() }];
    const { rows, disks } = deltaRows(points, 'constructor');
    expect(disks).toEqual(['t', 'toString']);
    expect(rows[0].t).toBe(60_000); // the time, not disk "t"'s size
    expect(rows[0].mb.get('t')).toBeGreaterThan(0);
    expect(spaceRows(points, 'valueOf')).toHaveLength(1);
    // Ids the lab does not have find nothing, even those every plain object has.
    for (const missing of ['toString', 'hasOwnProperty', '__proto__']) {
      expect(deltaRows(points, missing)).toEqual({ rows: [], disks: [] });
      expect(logRows(points, missing).rows).toEqual([]);
      expect(amplificationPoints(points, missing)).toEqual([]);
      expect(spaceRows(points, missing)).toEqual([]);
    }
  });
});

describe('chart rows are the engine\'s figures in GB and MB', () => {
  it('space by kind of file, each disk\'s deltas, Exchange logs with their truncations, one point per chain depth', () => {
    const lab = createLab({
      name: 'Rows', datastores: [{ id: 'ds1', capacityGB: 200, otherUsedGB: 3 }],
      vms: [{ id: 'ex', name: 'EX', apps: ['exchange'], workload: { profile: 'exchange', writeIOPS: 50 }, disks: [{ id: 'disk1', capacityGB: 40 }] }],
    });
    const points = [];
    for (const cmd of [null, { type: 'snapshot.take', vm: 'ex', name: 's1', memory: true }, { type: 'snapshot.take', vm: 'ex', name: 's2' }]) {
      if (cmd) lab.dispatch(cmd);
      lab.advance(10 * 60_000);
      points.push({ time: lab.now, usage: lab.datastoreUsage() });
    }
    const GB = 1024 ** 3, MB = 1024 ** 2;
    const last = points[2].usage;
    const space = spaceRows(points, 'ds1');
    expect(space.map((r) => r.t)).toEqual(points.map((p) => p.time));
    expect(space[2]).toEqual({
      t: points[2].time, base: +(last.datastores[0].baseBytes / GB).toFixed(2), deltas: +(last.datastores[0].deltaBytes / GB).toFixed(2),
      memory: +(last.datastores[0].memoryBytes / GB).toFixed(2), other: +(last.datastores[0].otherBytes / GB).toFixed(2), capacity: 200,
    });
    expect(space[0].deltas).toBe(0);
    expect(space[2].memory).toBeGreaterThan(0);
    expect(deltaRows(points, 'ex').rows.map((r) => r.mb.get('disk1'))).toEqual(points.map((p) => +(p.usage.vms[0].disks[0].deltaBytes / MB).toFixed(1)));
    expect(amplificationPoints(points, 'ex')[0].points.map((p) => p.depth)).toEqual([0, 1, 2]);
    expect(logRows(points, 'ex').rows.map((r) => r.logMB)).toEqual(points.map((p) => +(p.usage.vms[0].exchange!.logBytes / MB).toFixed(1)));
    // A truncation is marked where the engine's count goes up.
    const truncated = points.map((p, i) => (i === 1 ? { ...p, usage: { ...p.usage, vms: [{ ...p.usage.vms[0], exchange: { logBytes: 0, truncations: 1 } }] } } : p));
    expect(logRows(truncated, 'ex').truncations).toEqual([points[1].time]);
  });
});
