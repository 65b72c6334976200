import { describe, expect, it } from 'vitest';
import { Lab } from './lab';
import { LabDefinitionError } from '../core/schema';

const refusal = (def: unknown): string => {
  try { new Lab(def); } catch (e) { if (e instanceof LabDefinitionError) return e.message; throw e; }
  return 'accepted';
};

describe('a swap file vSphere could not make', () => {
  it('running VMs whose files and swap files do not fit on their datastore are refused, naming memoryMB', () => {
    expect(refusal({ hosts: [{ id: 'h', version: '5.0' }], datastores: [{ id: 'ds1', capacityGB: 50, fs: 'vmfs5' }], vms: [{ id: 'a', memoryMB: 64 * 1024 }] }))
      .toMatch(/vms\[0\]\.memoryMB: .*do not fit on datastore "ds1"/);
    expect(refusal({ hosts: [{ id: 'h', version: '5.0' }], datastores: [{ id: 'ds1', capacityGB: 50, fs: 'vmfs5' }], vms: [{ id: 'a', memoryMB: 64 * 1024, power: 'poweredOff' }] })).toBe('accepted');
  });

  it('powering on a VM whose swap file passes the datastore\'s largest file fails the task; nothing is made', () => {
    const lab = new Lab({ hosts: [{ id: 'h', version: '5.0' }], datastores: [{ id: 'ds1', capacityGB: 2000, fs: 'vmfs3' }], vms: [{ id: 'a', memoryMB: 512 * 1024, power: 'poweredOff' }] });
    const r = lab.dispatch({ type: 'vm.powerOn', vm: 'a' });
    lab.advance(10_000);
    const t = lab.state().tasks.find((x) => x.id === (r as { task: string }).task)!;
    expect(t.state).toBe('error');
    expect(t.error?.message).toMatch(/A\.vswp is larger than the maximum size supported by datastore 'ds1'/);
    expect(lab.state().vms[0].power).toBe('poweredOff');
  });
});
