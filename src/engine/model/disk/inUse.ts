// The bytes of a disk the guest has written, as a backup that skips unused blocks reads them (VDDK
// QueryAllocatedBlocks, CBT's "*" change id on VMFS): the base's blocks in use (a thin base's
// allocated blocks, a flat base's written ones) plus every grain the deltas above it hold, counted
// in 1 MB VMFS blocks.
import { GrainMap } from './grainMap';
import { THIN_BLOCK_BYTES, type DiskFile } from './diskFile';

/** Bytes in use in the disk as `chain` (base first) shows it. */
export function bytesInUse(chain: readonly DiskFile[], capacityBytes: number): number {
  const base = chain[0];
  const start = base.grains ?? base.inUse;
  const m = start ? start.clone() : new GrainMap(Math.ceil(capacityBytes / THIN_BLOCK_BYTES));
  for (let i = 1; i < chain.length; i++) {
    const g = chain[i].grains;
    if (g) m.unionScaledFrom(g, THIN_BLOCK_BYTES / chain[i].grainBytes);
  }
  return Math.min(capacityBytes, m.count * THIN_BLOCK_BYTES);
}
