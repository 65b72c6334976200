// The state view's picture of each chain file (disks[].chain[].occupancy) and the disks' vSphere names.
import { describe, expect, it } from 'vitest';
import { ok, smallLab, take, vmOf } from '../testing/harness';

const MB = 1024 * 1024;
const GB = 1024 * MB;

describe('disk chain in the state view', () => {
  it('names disks as vSphere does, by their order', () => {
    const lab = smallLab({ vm: { disks: [{ id: 'disk1', capacityGB: 10 }, { id: 'logs', capacityGB: 5 }] } });
    expect(vmOf(lab.state()).disks.map((d) => d.label)).toEqual(['Hard disk 1', 'Hard disk 2']);
  });

  it('shows where a delta holds data: 64 slices, the written ones filled, a flat base full', () => {
    const lab = smallLab();
    take(lab, 's1');
    // Write the first 1/64 of the 10 GB disk, and one 4 KB block in its last slice.
    ok(lab, { type: 'guest.write', vm: 'vm1', disk: 'disk1', offset: 0, length: 10 * GB / 64 });
    ok(lab, { type: 'guest.write', vm: 'vm1', disk: 'disk1', offset: 10 * GB - 4096, length: 4096 });
    lab.advance(60_000);
    const [base, delta] = vmOf(lab.state()).disks[0].chain;
    expect(base.occupancy).toHaveLength(64);
    expect(base.occupancy.every((f) => f === 1)).toBe(true);
    expect(delta.occupancy).toHaveLength(64);
    expect(delta.occupancy[0]).toBe(1);
    expect(delta.occupancy[63]).toBe(0.01);   // one grain still shows
    expect(delta.occupancy.slice(1, 63).every((f) => f === 0)).toBe(true);
  });

  it('a delete merges the delta\'s grains into its parent', () => {
    const lab = smallLab({ vm: { disks: [{ id: 'disk1', capacityGB: 10, thin: true, usedGB: 0 }] } });
    take(lab, 's1');
    ok(lab, { type: 'guest.write', vm: 'vm1', disk: 'disk1', offset: 5 * GB, length: 64 * MB });
    lab.advance(60_000);
    const before = vmOf(lab.state()).disks[0].chain;
    expect(before[1].occupancy[32]).toBeGreaterThan(0);
    expect(before[0].occupancy[32]).toBe(0);
    ok(lab, { type: 'snapshot.delete', vm: 'vm1', snapshot: 's1' });
    lab.advance(10 * 60_000);
    const after = vmOf(lab.state()).disks[0].chain;
    expect(after).toHaveLength(1);
    expect(after[0].occupancy[32]).toBeGreaterThan(0);
  });
});
