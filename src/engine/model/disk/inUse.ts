// The bytes of a disk the guest has written, as a backup that skips unused blocks reads them (VDDK
// QueryAllocatedBlocks, CBT's "*" change id on VMFS): the base's blocks in use (a thin base's
// allocated blocks, a flat base's written ones) plus every grain the deltas above it hold, counted
// in 1 MB VMFS blocks.
import { GrainMap } from './grainMap';
import { THIN_BLOCK_BYTES, type DiskFile } from './diskFile';

/** Bytes in use in the disk as `chain` (base first) shows it. */
export function bytesInUse(chain: readonly DiskFile[], capacityBytes: number): number {
  return Math.min(capacityBytes, inUseMap(chain, capacityBytes).count * THIN_BLOCK_BYTES);
}

/** The 1 MB blocks in use in the disk as `chain` shows it (a new map the caller may keep). */
export function inUseMap(chain: readonly DiskFile[], capacityBytes: number): GrainMap {
  const base = chain[0];
  const start = base.grains ?? base.inUse;
  const m = start ? start.clone() : new GrainMap(Math.ceil(capacityBytes / THIN_BLOCK_BYTES));
  for (let i = 1; i < chain.length; i++) {
    const g = chain[i].grains;
    if (g) m.unionScaledFrom(g, THIN_BLOCK_BYTES / chain[i].grainBytes);
  }
  return m;
}

/**
 * Bytes of the blocks changed since a change id that the snapshot's disk holds (QueryChangedDiskAreas
 * against that snapshot): changed blocks (of `blockBytes`) whose 1 MB block is in use there. Blocks
 * written only after the snapshot, where it holds nothing, are not in its image (backup rule 7).
 */
export function changedBytesInUse(changed: GrainMap, blockBytes: number, inUse: GrainMap, capacityBytes: number): number {
  const ratio = THIN_BLOCK_BYTES / blockBytes;
  let n = 0;
  changed.forEachRunIn(0, changed.totalGrains, (a, b) => {
    for (let x = a; x < b;) {
      const mb = Math.floor(x / ratio);
      const end = Math.min(b, (mb + 1) * ratio);
      if (inUse.has(mb)) n += end - x;
      x = end;
    }
  });
  return Math.min(capacityBytes, n * blockBytes);
}
