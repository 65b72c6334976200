import { describe, expect, it } from 'vitest';
import { smallLab, diskOf, vmOf, MiB } from '../testing/harness';
import { diskForRole } from './diskRoles';

const written = (lab: ReturnType<typeof smallLab>, disk: string) => diskOf(lab.state(), 'vm1', disk).chain[1]?.dataBytes ?? 0;

describe('disk roles: where workload writes land (docs/lab-definition.md)', () => {
  it('a trainer\'s defaults by position: system, data, log, then data', () => {
    const lab = smallLab({ vm: { disks: ['a', 'b', 'c', 'd'].map((id) => ({ id, capacityGB: 2 })) } });
    expect(vmOf(lab.state()).disks.map((d) => d.role)).toEqual(['system', 'data', 'log', 'data']);
    const vm = lab.vms[0];
    expect([diskForRole(vm, 'system').id, diskForRole(vm, 'data').id, diskForRole(vm, 'log').id]).toEqual(['a', 'b', 'c']);
  });

  it('without a log disk logs go with the data; without a data disk data goes to the system disk', () => {
    const one = smallLab().vms[0];
    expect(diskForRole(one, 'log').id).toBe('disk1');
    const two = smallLab({ vm: { disks: [{ id: 'c', capacityGB: 2 }, { id: 'logs', capacityGB: 2, role: 'log' }] } }).vms[0];
    expect([diskForRole(two, 'data').id, diskForRole(two, 'log').id]).toEqual(['c', 'logs']);
    const named = smallLab({ vm: { disks: [{ id: 'c', capacityGB: 2 }, { id: 'e', capacityGB: 2 }, { id: 'data', capacityGB: 2, role: 'system' }] } }).vms[0];
    // A disk's id means nothing: only its role does.
    expect([diskForRole(named, 'data').id, diskForRole(named, 'log').id]).toEqual(['e', 'e']);
  });

  it('an Exchange workload writes database pages to the data disk and logs to the log disk, named by role', () => {
    const disks = [{ id: 'os', capacityGB: 4 }, { id: 'db', capacityGB: 4 }, { id: 'txn', capacityGB: 4 }];
    const lab = smallLab({ vm: { apps: ['exchange'], disks, workload: { profile: 'exchange', writeIOPS: 300 } } });
    expect(lab.dispatch({ type: 'snapshot.take', vm: 'vm1', name: 's' }).ok).toBe(true);
    lab.advance(120_000);
    // The OS's own writes (registry, event logs) are a small share on the system disk.
    expect(written(lab, 'os')).toBeLessThan(written(lab, 'db') / 4);
    expect(written(lab, 'db')).toBeGreaterThan(MiB);
    expect(written(lab, 'txn')).toBeGreaterThan(0);
    expect(lab.vms[0].guest.exchange!.logBytes).toBeGreaterThan(0);

    const swapped = smallLab({ vm: { apps: ['exchange'], disks: disks.map((d, i) => ({ ...d, role: (['log', 'system', 'data'] as const)[i] })), workload: { profile: 'exchange', writeIOPS: 300 } } });
    swapped.dispatch({ type: 'snapshot.take', vm: 'vm1', name: 's' });
    swapped.advance(120_000);
    expect(written(swapped, 'db')).toBeLessThan(written(swapped, 'txn') / 4);
    expect(written(swapped, 'txn')).toBeGreaterThan(MiB);
    expect(written(swapped, 'os')).toBeGreaterThan(0);
  });

  it('a role outside system | data | log is refused with the field named', () => {
    expect(() => smallLab({ vm: { disks: [{ id: 'd', capacityGB: 2, role: 'logs' as never }] } })).toThrow(/vms\[0\]\.disks\[0\]\.role/);
  });
});
