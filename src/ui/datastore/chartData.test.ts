import { describe, expect, it } from 'vitest';
import { createLab } from '../../engine/index';
import { sampleOf } from '../../app/chartSamples';
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
    const samples = [sampleOf(lab.state())];
    const { rows, disks } = deltaRows(samples, 'constructor');
    expect(disks).toEqual(['t', 'toString']);
    expect(rows[0].t).toBe(60_000); // the time, not disk "t"'s size
    expect(rows[0].mb.get('t')).toBeGreaterThan(0);
    expect(spaceRows(samples, 'valueOf')).toHaveLength(1);
    // Ids the lab does not have find nothing, even those every plain object has.
    for (const missing of ['toString', 'hasOwnProperty', '__proto__']) {
      expect(deltaRows(samples, missing)).toEqual({ rows: [], disks: [] });
      expect(logRows(samples, missing).rows).toEqual([]);
      expect(amplificationPoints(samples, missing)).toEqual([]);
      expect(spaceRows(samples, missing)).toEqual([]);
    }
  });
});
