// each profile's default daily change, measured on the workshop lab's VMs as a share of their data
// (backup rule 21), stays inside the band published sizing guides give (docs/workloads.md): about 1 % for a quiet server, 1-5 % for typical
// servers, 10-20 % for busy mail and database servers.
import { describe, expect, it } from 'vitest';
import { createLab, builtInLabs } from '../../index';
import { bytesInUse } from '../disk/inUse';

const BANDS: Record<string, [number, number]> = {
  idle: [0.1, 1],
  dc: [1, 5],
  fileserver: [1, 5],
  exchange: [10, 20],
  sql: [8, 20],
};

/** Percent of each VM's data (the blocks in use a full backup reads) its deltas hold after a day at
 * the profile's default rate (backup rule 21: rates are shares of the data backed up). */
function dailyChange(): Record<string, number> {
  const lab = createLab(builtInLabs.workshop);
  for (const vm of lab.vms) if (vm.power === 'poweredOn') lab.dispatch({ type: 'snapshot.take', vm: vm.id, name: 'day' });
  lab.advance(60_000);
  const deltas = () => new Map(lab.vms.map((vm) => [vm.id, vm.disks.reduce((a, d) => a + (d.leaf.isDelta ? d.leaf.dataBytes : 0), 0)]));
  const before = deltas();
  lab.advance(24 * 3600_000);
  const after = deltas();
  const out: Record<string, number> = {};
  for (const vm of lab.vms) {
    const profile = lab.workloads.get(vm)!.profile;
    if (!(profile in BANDS)) continue;
    const data = vm.disks.filter((d) => d.dependent).reduce((a, d) => a + bytesInUse(d.chainTo(), d.capacityBytes), 0);
    out[profile] = (100 * (after.get(vm.id)! - before.get(vm.id)!)) / data;
  }
  return out;
}

describe('profiles: a day of each at its default rate changes what published rates say', () => {
  it('backup rule 21: idle, dc, fileserver, exchange and sql each land in their band', () => {
    const change = dailyChange();
    expect(Object.keys(change).sort()).toEqual(Object.keys(BANDS).sort());
    for (const [profile, [lo, hi]] of Object.entries(BANDS)) {
      expect(change[profile], profile).toBeGreaterThanOrEqual(lo);
      expect(change[profile], profile).toBeLessThanOrEqual(hi);
    }
  });
});
