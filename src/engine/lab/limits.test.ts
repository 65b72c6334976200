import { describe, expect, it } from 'vitest';
import { createLab, LabDefinitionError } from '../index';
import { smallLab } from '../testing/harness';

const refusal = (def: unknown): string => {
  try { createLab(def); } catch (e) { expect(e).toBeInstanceOf(LabDefinitionError); return (e as Error).message; }
  throw new Error('the lab was built');
};

describe('vSphere limits on a lab definition', () => {
  it('a disk past the largest virtual disk is refused by its field before it is built, never with internal text', () => {
    const m = refusal({ hosts: [{ id: 'h', version: '7.0' }], datastores: [{ id: 'ds', capacityGB: 100 }], vms: [{ id: 'vm', disks: [{ id: 'd', capacityGB: 1e10, thin: true }] }] });
    expect(m).toMatch(/^Invalid lab definition: vms\[0\]\.disks\[0\]\.capacityGB: expected at most 62\.0 TB/);
    expect(m).not.toMatch(/totalGrains|RangeError/);
    // NFS has no file limit of its own, but a virtual disk still has one: 2 TB - 512 B before 5.5.
    expect(refusal({ hosts: [{ id: 'h', version: '5.1' }], datastores: [{ id: 'ds', capacityGB: 60000, fs: 'nfs' }], vms: [{ id: 'vm', disks: [{ id: 'd', capacityBytes: 8e15 }] }] }))
      .toMatch(/vms\[0\]\.disks\[0\]\.capacityBytes: expected at most 2\.00 TB \(2199023255040 bytes\)/);
  });

  it('absurd datastore sizes and VM memory are refused with the field named', () => {
    expect(refusal({ datastores: [{ id: 'ds', capacityGB: 1e300 }] })).toMatch(/datastores\[0\]\.capacityGB: expected at most 64 TB/);
    expect(refusal({ datastores: [{ id: 'ds', capacityGB: 1e-300 }] })).toMatch(/datastores\[0\]\.capacityGB: expected at least 1 GB/);
    expect(refusal({ hosts: [{ id: 'h', version: '4.0' }], vms: [{ id: 'vm', memoryMB: 1048576 }] })).toMatch(/vms\[0\]\.memoryMB: expected at most 261120 MB/);
    // On ESXi 5.x a 1 TB VM is allowed, but its swap file must fit VMFS3's file limit (256 GB with 1 MB blocks).
    expect(refusal({ hosts: [{ id: 'h', version: '5.0' }], datastores: [{ id: 'ds', capacityGB: 2000, fs: 'vmfs3' }], vms: [{ id: 'vm', memoryMB: 1048576 }] }))
      .toMatch(/vms\[0\]\.memoryMB: expected at most 262143 MB: the VM's swap file/);
    expect(() => createLab({ hosts: [{ id: 'h', version: '5.0' }], datastores: [{ id: 'ds', capacityGB: 2000, fs: 'vmfs5' }], vms: [{ id: 'vm', memoryMB: 1048576, power: 'poweredOff' }] })).not.toThrow();
  });

  it('datastore.resize refuses what vSphere would, naming the field, and changes nothing', () => {
    const lab = smallLab();
    const before = lab.state().datastores[0].capacityBytes;
    for (const [cmd, field] of [[{ capacityGB: 1e300 }, 'capacityGB'], [{ capacityBytes: 1024 }, 'capacityBytes']] as const) {
      const r = lab.dispatch({ type: 'datastore.resize', datastore: 'ds1', ...cmd });
      expect(r.ok).toBe(false);
      if (!r.ok) expect(r.error.message).toMatch(new RegExp(`^datastore\\.resize: field "${field}": expected at (most 64 TB|least 1 GB)`));
    }
    expect(lab.state().datastores[0].capacityBytes).toBe(before);
  });
});
