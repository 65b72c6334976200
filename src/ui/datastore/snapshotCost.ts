// What snapshots cost on a datastore, per VM: its base disks beside its deltas and memory files, summed
// from the state view's file list (sizes as the datastore browser shows them).
import type { FileView, VmView } from '../../engine/core/view';

export interface VmCost { vm: string; name: string; baseBytes: number; deltaBytes: number; memoryBytes: number }

const BASE = new Set(['flat']);
const DELTA = new Set(['delta', 'redo']);
const MEMORY = new Set(['vmsn', 'vmem']);

export function snapshotCosts(files: FileView[], vms: VmView[]): VmCost[] {
  const byVm = new Map<string, VmCost>();
  for (const f of files) {
    if (f.vm === null) continue;
    const row = byVm.get(f.vm) ?? { vm: f.vm, name: vms.find((v) => v.id === f.vm)?.name ?? f.vm, baseBytes: 0, deltaBytes: 0, memoryBytes: 0 };
    if (BASE.has(f.kind)) row.baseBytes += f.sizeBytes;
    else if (DELTA.has(f.kind)) row.deltaBytes += f.sizeBytes;
    else if (MEMORY.has(f.kind)) row.memoryBytes += f.sizeBytes;
    byVm.set(f.vm, row);
  }
  return [...byVm.values()];
}
