// What each disk file takes on the datastore. Every number names the rule (docs/rules/
// vmware-snapshots.md) or the source it implements; "(inferred)" marks what no primary source states.
import type { DeltaFormat } from '../../core/view';
import { hostAtLeast, hostHas, type HostVersion } from '../../core/hostVersions';

export type { DeltaFormat };

export type Filesystem = 'vmfs3' | 'vmfs5' | 'vmfs6' | 'nfs';

const SECTOR = 512;
const KiB = 1024;
const MiB = 1024 * KiB;
const GiB = 1024 * MiB;
const TiB = 1024 * GiB;

/** Grain size of each delta format: vmfsSparse 512 B (rule 7), SEsparse 4 KB (rule 8), hosted 64 KB (rule 9). */
export const GRAIN_BYTES: Record<DeltaFormat, number> = {
  vmfsSparse: 512,
  seSparse: 4096,
  hostedSparse: 65536,
};

/** Grains one grain table covers in vmfsSparse and SEsparse (qemu vmdk.c: l2_size 4096 for both). */
export const GRAINS_PER_TABLE = 4096;

export interface FormatSettings {
  /** vmfsSparse files grow in steps of this many bytes (rule 7: 16 MB, secondary sources). */
  vmfsSparseGrowthStepBytes: number;
  /** SEsparse files grow in steps of this many bytes (inferred: 1 MB, no primary source). */
  seSparseGrowthStepBytes: number;
}

export const DEFAULT_FORMAT_SETTINGS: Readonly<FormatSettings> = Object.freeze({
  vmfsSparseGrowthStepBytes: 16 * MiB,
  seSparseGrowthStepBytes: 1 * MiB,
});

function roundUp(n: number, step: number): number {
  return Math.ceil(n / step) * step;
}

function checkSize(name: string, v: number): void {
  if (!Number.isFinite(v) || v < 0 || v !== Math.floor(v)) throw new RangeError(`${name} must be a whole number >= 0, got ${v}`);
}

// vmfsSparse ("COWD", qemu vmdk.c vmdk_open_vmfs_sparse): a 2048-byte header (4 sectors; VMware
// Virtual Disk Format 1.1), a grain directory of 4-byte entries, one per grain table, then 16 KB grain
// tables (4096 x 4-byte entries) and 512-byte grains, allocated as written.
const COWD_HEADER_BYTES = 4 * SECTOR;
const COWD_GD_ENTRY_BYTES = 4;
const COWD_GT_BYTES = GRAINS_PER_TABLE * 4;

// SEsparse (qemu vmdk.c VMDKSESparseConstHeader / VolatileHeader, each one sector): 8-byte grain
// directory entries and 32 KB grain tables (4096 x 8-byte entries; qemu checks grain_table_size 64
// sectors). The journal, free bitmap and backmap regions are not modelled (inferred: small).
const SESPARSE_HEADER_BYTES = 2 * SECTOR;
const SESPARSE_GD_ENTRY_BYTES = 8;
const SESPARSE_GT_BYTES = GRAINS_PER_TABLE * 8;

// hostedSparse (monolithicSparse), exactly as qemu vmdk.c vmdk_init_extent lays out a new file.
const HOSTED_GRANULARITY = 128; // sectors per grain: 64 KB
const HOSTED_GTES_PER_GT = 512; // num_gtes_per_gt
const HOSTED_DESC_OFFSET = 1;
const HOSTED_DESC_SIZE = 20;

/** Sectors before the first grain of a new monolithicSparse file (qemu's header.grain_offset). */
export function hostedGrainOffsetSectors(capacityBytes: number): number {
  const grains = Math.ceil(Math.floor(capacityBytes / SECTOR) / HOSTED_GRANULARITY);
  const gtSize = Math.ceil((HOSTED_GTES_PER_GT * 4) / SECTOR); // 4 sectors per grain table
  const gtCount = Math.ceil(grains / HOSTED_GTES_PER_GT);
  const gdSectors = Math.ceil((gtCount * 4) / SECTOR);
  const rgdOffset = HOSTED_DESC_OFFSET + HOSTED_DESC_SIZE;
  // Redundant directory and its tables, then the directory and its tables, then the grains.
  const gdOffset = rgdOffset + gdSectors + gtSize * gtCount;
  return roundUp(gdOffset + gdSectors + gtSize * gtCount, HOSTED_GRANULARITY);
}

/**
 * Bytes a delta's extent file takes on the datastore: metadata + grain tables + grains held, rounded
 * to the format's growth step (a fresh vmfsSparse/SEsparse delta already takes one step).
 * grainTables = tables allocated (GrainMap.chunkCount); hostedSparse ignores it because qemu writes
 * every grain table when it creates the file. Rule 10: only newly allocated grains change the result.
 */
export function deltaSizeBytes(
  format: DeltaFormat,
  capacityBytes: number,
  grainsHeld: number,
  grainTables: number,
  settings: FormatSettings = DEFAULT_FORMAT_SETTINGS,
): number {
  checkSize('capacityBytes', capacityBytes);
  checkSize('grainsHeld', grainsHeld);
  checkSize('grainTables', grainTables);
  const grainBytes = GRAIN_BYTES[format];
  const totalGrains = Math.ceil(capacityBytes / grainBytes);
  if (grainsHeld > totalGrains) throw new RangeError(`grainsHeld ${grainsHeld} exceeds the disk's ${totalGrains} grains (rule 11)`);
  const tablesNeeded = Math.ceil(totalGrains / GRAINS_PER_TABLE);
  switch (format) {
    case 'vmfsSparse': {
      const gd = roundUp(tablesNeeded * COWD_GD_ENTRY_BYTES, SECTOR);
      const raw = COWD_HEADER_BYTES + gd + grainTables * COWD_GT_BYTES + grainsHeld * grainBytes;
      return roundUp(raw, stepOf(settings.vmfsSparseGrowthStepBytes));
    }
    case 'seSparse': {
      const gd = roundUp(tablesNeeded * SESPARSE_GD_ENTRY_BYTES, SECTOR);
      const raw = SESPARSE_HEADER_BYTES + gd + grainTables * SESPARSE_GT_BYTES + grainsHeld * grainBytes;
      return roundUp(raw, stepOf(settings.seSparseGrowthStepBytes));
    }
    case 'hostedSparse':
      // Each newly allocated grain appends one 64 KB grain (qemu get_cluster_offset).
      return hostedGrainOffsetSectors(capacityBytes) * SECTOR + grainsHeld * grainBytes;
  }
}

function stepOf(step: number): number {
  if (!(step >= 1) || step !== Math.floor(step)) throw new RangeError(`growth step must be a whole number >= 1, got ${step}`);
  return step;
}

// A delta's descriptor as ESX writes it (rule 6): the file is this text, nothing more.
const DELTA_DESCRIPTOR = [
  '# Disk DescriptorFile',
  'version=1',
  'encoding="UTF-8"',
  'CID=fffffffe',
  'parentCID=fffffffe',
  'isNativeSnapshot="no"',
  'createType="vmfsSparse"',
  'parentFileNameHint="EXCH01.vmdk"',
  '# Extent description',
  'RW 83886080 VMFSSPARSE "EXCH01-000001-delta.vmdk"',
  '',
  '# The Disk Data Base ',
  '#DDB',
  '',
  'ddb.longContentID = "0123456789abcdef0123456789abcdef"',
  'ddb.uuid = "60 00 C2 90 12 34 56 78-9a bc de f0 12 34 56 78"',
  'ddb.virtualHWVersion = "7"',
  '',
].join('\n');

/** Bytes of a delta's descriptor .vmdk (a small text file, rule 6). */
export function deltaDescriptorBytes(): number {
  return DELTA_DESCRIPTOR.length; // ASCII: one byte per character
}

/** A base disk's extent: thick (flat) takes its capacity; thin takes the blocks written so far. */
export function baseExtentBytes(capacityBytes: number, thin: boolean, allocatedBlocks: number, blockBytes: number): number {
  checkSize('capacityBytes', capacityBytes);
  if (!thin) return capacityBytes;
  checkSize('allocatedBlocks', allocatedBlocks);
  if (!(blockBytes >= 1)) throw new RangeError(`blockBytes must be >= 1, got ${blockBytes}`);
  const maxBlocks = Math.ceil(capacityBytes / blockBytes);
  if (allocatedBlocks > maxBlocks) throw new RangeError(`allocatedBlocks ${allocatedBlocks} exceeds the disk's ${maxBlocks} blocks`);
  return allocatedBlocks * blockBytes;
}

/** VMFS3 block sizes (MB) and the largest file each allows (KB 1012384): 256 GB per MB of block. */
export const VMFS3_BLOCK_SIZES_MB = [1, 2, 4, 8] as const;

/**
 * Largest file a datastore holds (rule 16). VMFS3: 256/512/1024/2048 GB minus 512 B for 1/2/4/8 MB
 * blocks (default 1 MB). VMFS5: 2 TB minus 512 B; 62 TB when hostVersion is 5.5 or later. VMFS6: 62 TB.
 * NFS: the NAS decides, not ESX, so the lab treats it as unlimited (Number.MAX_SAFE_INTEGER, which
 * stays a number in JSON).
 */
export function maxFileBytes(fs: Filesystem, blockSizeMB = 1, hostVersion?: HostVersion): number {
  switch (fs) {
    case 'vmfs3':
      if (!(VMFS3_BLOCK_SIZES_MB as readonly number[]).includes(blockSizeMB)) {
        throw new RangeError(`VMFS3 block size must be 1, 2, 4 or 8 MB, got ${blockSizeMB}`);
      }
      return blockSizeMB * 256 * GiB - SECTOR;
    case 'vmfs5':
      return hostVersion !== undefined && hostAtLeast(hostVersion, '5.5') ? 62 * TiB : 2 * TiB - SECTOR;
    case 'vmfs6':
      return 62 * TiB;
    case 'nfs':
      return Number.MAX_SAFE_INTEGER;
  }
}

/**
 * Room a snapshot needs beyond the disk's size (rule 16): a take fails when capacity + overhead
 * exceeds maxFileBytes. The overhead is what a delta of this format adds to the disk's capacity once
 * every grain is written (rule 11): header, grain directory and grain tables. For vmfsSparse that is
 * 4 bytes per 512-byte grain, capacity / 128, which gives KB 1012384's table: about 2 GB on a 256 GB
 * disk, so 254/508/1016/2032 GB are the largest disks a snapshot fits on VMFS3 with 1/2/4/8 MB blocks,
 * and 2032 GB on VMFS5 (about 16 GB). SEsparse's tables cost 8 bytes per 4 KB grain.
 */
export function snapshotOverheadBytes(format: DeltaFormat, capacityBytes: number): number {
  const grains = Math.ceil(capacityBytes / GRAIN_BYTES[format]);
  const exact = { vmfsSparseGrowthStepBytes: 1, seSparseGrowthStepBytes: 1 };
  return deltaSizeBytes(format, capacityBytes, grains, Math.ceil(grains / GRAINS_PER_TABLE), exact) - capacityBytes;
}

/**
 * Delta format a new snapshot gets (rules 7-8): SEsparse for every delta on VMFS6 with 6.5+, and for
 * disks of 2 TB or more from 5.5 on (rule 8 says VMFS5; NFS is treated the same, inferred, since a
 * vmfsSparse delta cannot exceed 2 TB); vmfsSparse otherwise.
 */
export function defaultDeltaFormat(hostVersion: HostVersion, fs: Filesystem, capacityBytes: number): DeltaFormat {
  if (fs === 'vmfs6' && hostHas(hostVersion, 'seSparseVmfs6')) return 'seSparse';
  if ((fs === 'vmfs5' || fs === 'vmfs6' || fs === 'nfs') && capacityBytes >= 2 * TiB && hostHas(hostVersion, 'seSparseLargeDisks')) {
    return 'seSparse';
  }
  return 'vmfsSparse';
}
