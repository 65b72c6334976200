// What snapshots cost on a datastore, per VM: its base disks beside its deltas and memory files, summed
// from the state view's file list (sizes as the datastore browser shows them).
import type { FileView, VmView } from '../../engine/core/view';

export interface VmCost { vm: string; name: string; baseBytes: number; deltaBytes: number; memoryBytes: number }

export function snapshotCosts(files: FileView[], vms: VmView[]): VmCost[] {
  const byVm = new Map<string, VmCost>();
  for (const f of files) {
    if (f.vm === null) continue;
    const row = byVm.get(f.vm) ?? { vm: f.vm, name: vms.find((v) => v.id === f.vm)?.name ?? f.vm, baseBytes: 0, deltaBytes: 0, memoryBytes: 0 };
    // What each file is for is the engine's word (FileView.use); a suspended VM's .vmss is no snapshot's.
    if (f.use === 'base') row.baseBytes += f.sizeBytes;
    else if (f.use === 'delta') row.deltaBytes += f.sizeBytes;
    else if (f.use === 'snapshotMemory') row.memoryBytes += f.sizeBytes;
    byVm.set(f.vm, row);
  }
  return [...byVm.values()];
}
