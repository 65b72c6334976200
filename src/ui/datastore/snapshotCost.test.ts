import { describe, expect, it } from 'vitest';
import type { FileView, VmView } from '../../engine/core/view';
import { FILE_USE } from '../../engine/core/fileUse';
import { snapshotCosts } from './snapshotCost';

const MB = 1024 ** 2;
const f = (vm: string | null, kind: FileView['kind'], sizeBytes: number): FileView => ({ path: `${vm}/x`, vm, kind, use: FILE_USE[kind], sizeBytes });

describe('snapshot cost per VM', () => {
  it('sums base disks, deltas and memory files per VM, leaving other files out', () => {
    const rows = snapshotCosts([f('a', 'flat', 40 * 1024 * MB), f('a', 'delta', 300 * MB), f('a', 'vmem', 4096 * MB), f('a', 'vmsn', MB), f('a', 'vmx', 3000), f(null, 'other', MB)],
      [{ id: 'a', name: 'EXCH01' } as VmView]);
    expect(rows).toEqual([{ vm: 'a', name: 'EXCH01', baseBytes: 40 * 1024 * MB, deltaBytes: 300 * MB, memoryBytes: 4097 * MB }]);
  });

  it('leaves a suspended VM\'s memory image out: no snapshot owns it', () => {
    const rows = snapshotCosts([f('b', 'flat', MB), f('b', 'vmss', 4096 * MB)], [{ id: 'b', name: 'WEB01' } as VmView]);
    expect(rows).toEqual([{ vm: 'b', name: 'WEB01', baseBytes: MB, deltaBytes: 0, memoryBytes: 0 }]);
  });
});
