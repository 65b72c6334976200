import { describe, expect, it } from 'vitest';
import { runTask, smallLab, take } from '../testing/harness';
import { FILE_USE } from './fileUse';

describe('what each file is for (FileView.use)', () => {
  it('a memory snapshot\'s files are snapshot memory, a suspended VM\'s .vmss is not, and every file carries its kind\'s use', () => {
    const lab = smallLab({ capacityGB: 100, vm: { memoryMB: 1024 } });
    take(lab, 'with memory', { memory: true });
    runTask(lab, { type: 'vm.suspend', vm: 'vm1' });
    const files = lab.state().datastores[0].files;
    const byExt = (ext: string) => files.filter((f) => f.path.endsWith(ext)).map((f) => f.use);
    expect(byExt('.vmss')).toEqual(['suspendedMemory']);
    expect(new Set([...byExt('.vmsn'), ...byExt('.vmem')])).toEqual(new Set(['snapshotMemory']));
    expect(byExt('-flat.vmdk')).toEqual(['base']);
    expect(byExt('-delta.vmdk')).toEqual(['delta']);
    for (const f of files) expect(f.use, f.path).toBe(FILE_USE[f.kind]);
  });
});
