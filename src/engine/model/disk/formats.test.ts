import { describe, expect, it } from 'vitest';
import {
  GRAIN_BYTES, baseExtentBytes, defaultDeltaFormat, deltaDescriptorBytes,
  deltaSizeBytes, hostedGrainOffsetSectors, maxFileBytes, snapshotOverheadBytes,
} from './formats';
import { GrainMap } from './grainMap';
import { smallLab, ok, take, diskOf } from '../../testing/harness';

const MiB = 2 ** 20;
const GiB = 2 ** 30;
const TiB = 2 ** 40;

/** A hosted-sparse delta after guest writes [offset, offset + length) in bytes. */
function hostedAfterWrites(capacityBytes: number, writes: [number, number][]): number {
  const g = GRAIN_BYTES.hostedSparse;
  const m = new GrainMap(Math.ceil(capacityBytes / g));
  for (const [off, len] of writes) m.setRange(Math.floor(off / g), Math.ceil((off + len) / g));
  return deltaSizeBytes('hostedSparse', capacityBytes, m.count, m.chunkCount);
}

describe('grain sizes (rules 7-9)', () => {
  it('rule 7-9: one byte written to a fresh delta allocates one grain: vmfsSparse 512 B, SEsparse 4 KB, hosted sparse 64 KB', () => {
    const held = (['vmfsSparse', 'seSparse', 'hostedSparse'] as const).map((deltaFormat) => {
      const lab = smallLab({ vm: { deltaFormat } });
      take(lab, 's1');
      ok(lab, { type: 'guest.write', vm: 'vm1', disk: 'disk1', offset: 0, length: 1 });
      return diskOf(lab.state()).chain[1].dataBytes;
    });
    expect(held).toEqual([512, 4096, 65536]);
  });
});

describe('hostedSparse matches qemu byte for byte (rule 9)', () => {
  // Measured with qemu-img 7.2.22 (Debian 1:7.2+dfsg-7+deb12u18):
  //   qemu-img create -q -f vmdk d.vmdk <size>; stat -c %s d.vmdk
  it.each([
    [100 * MiB, 65536],
    [1 * GiB, 196608],
    [10 * GiB, 1376256],
    [1 * TiB, 134545408],
    [2040 * GiB, 267976704],
    [1000001 * 512, 131072],
  ])('an empty %d-byte disk takes %d bytes, as qemu-img creates it', (capacity, bytes) => {
    expect(deltaSizeBytes('hostedSparse', capacity, 0, 0)).toBe(bytes);
    expect(hostedGrainOffsetSectors(capacity) * 512).toBe(bytes);
  });

  // Measured on a 1 GiB image, one qemu-io command after another:
  //   qemu-io -c 'write <offset> <length>' d.vmdk; stat -c %s d.vmdk
  it('rule 10: grows 64 KB per newly touched grain, nothing for a rewrite (qemu-io, 1 GiB image)', () => {
    const steps: [[number, number], number][] = [
      [[0, 512], 262144],
      [[512, 4096], 262144], // same grain again
      [[65000, 1000], 327680], // crosses into grain 1
      [[MiB, MiB], 1376256], // 16 grains
      [[1073676288, 65536], 1441792], // the last grain
      [[0, 65536], 1441792], // rewrite of grain 0
    ];
    const done: [number, number][] = [];
    for (const [write, bytes] of steps) {
      done.push(write);
      expect(hostedAfterWrites(GiB, done)).toBe(bytes);
    }
  });

  // qemu-img create -q -f vmdk b.vmdk 10G; qemu-io -c 'write 0 10M' b.vmdk
  // qemu-img create -q -f vmdk -b b.vmdk -F vmdk c.vmdk; then on c.vmdk:
  //   (empty) 1376256; qemu-io -c 'write 4096 4096' -> 1441792; qemu-io -c 'write 5000000000 100000' -> 1638400
  it('rule 10: a delta over a parent copies whole grains (qemu-io on a child of a 10 GiB image)', () => {
    expect(hostedAfterWrites(10 * GiB, [])).toBe(1376256);
    expect(hostedAfterWrites(10 * GiB, [[4096, 4096]])).toBe(1441792);
    expect(hostedAfterWrites(10 * GiB, [[4096, 4096], [5000000000, 100000]])).toBe(1638400);
  });
});

describe('vmfsSparse and SEsparse sizes (rules 7, 8, 10, 11)', () => {
  const cap = 40 * GiB;

  it('rule 7: a fresh vmfsSparse delta already takes one 16 MB step and grows in 16 MB steps', () => {
    expect(deltaSizeBytes('vmfsSparse', cap, 0, 0)).toBe(16 * MiB);
    // header 2048 + directory 20480 x 4 B + one 16 KB table + 512-byte grains
    const meta = 2048 + 81920 + 16384;
    const fitting = Math.floor((16 * MiB - meta) / 512);
    expect(deltaSizeBytes('vmfsSparse', cap, fitting, 1)).toBe(16 * MiB);
    expect(deltaSizeBytes('vmfsSparse', cap, fitting + 1, 1)).toBe(32 * MiB);
  });

  it('rule 7: the growth step is a setting; step 1 gives the exact layout', () => {
    const exact = { vmfsSparseGrowthStepBytes: 1, seSparseGrowthStepBytes: 1 };
    expect(deltaSizeBytes('vmfsSparse', cap, 0, 0, exact)).toBe(2048 + 81920);
    expect(deltaSizeBytes('vmfsSparse', cap, 10, 2, exact)).toBe(2048 + 81920 + 2 * 16384 + 10 * 512);
    expect(deltaSizeBytes('seSparse', cap, 10, 2, exact)).toBe(1024 + 20480 + 2 * 32768 + 10 * 4096);
    expect(deltaSizeBytes('vmfsSparse', cap, 1, 1, { ...exact, vmfsSparseGrowthStepBytes: 4 * MiB })).toBe(4 * MiB);
    expect(() => deltaSizeBytes('vmfsSparse', cap, 0, 0, { ...exact, vmfsSparseGrowthStepBytes: 0 })).toThrow(RangeError);
  });

  it('rule 8: SEsparse has 8-byte directory entries, 32 KB tables and a 1 MB step (inferred)', () => {
    expect(deltaSizeBytes('seSparse', cap, 0, 0)).toBe(MiB);
    // 2 TB: 131072 directory entries x 8 B = 1 MiB, plus the two header sectors.
    expect(deltaSizeBytes('seSparse', 2 * TiB, 0, 0)).toBe(2 * MiB);
    expect(deltaSizeBytes('seSparse', cap, 256, 1)).toBe(2 * MiB);
  });

  it('rule 10: rewriting a held grain does not grow the delta', () => {
    const m = new GrainMap(cap / 512);
    m.setRange(1000, 3000);
    const before = deltaSizeBytes('vmfsSparse', cap, m.count, m.chunkCount);
    m.setRange(1500, 2500);
    expect(deltaSizeBytes('vmfsSparse', cap, m.count, m.chunkCount)).toBe(before);
  });

  it('rule 11: a full delta holds no more data than the disk but ends slightly larger than it', () => {
    for (const format of ['vmfsSparse', 'seSparse', 'hostedSparse'] as const) {
      const grains = cap / GRAIN_BYTES[format];
      const full = deltaSizeBytes(format, cap, grains, Math.ceil(grains / 4096));
      expect(full).toBeGreaterThan(cap);
      expect(full).toBeLessThan(cap * 1.01);
      expect(() => deltaSizeBytes(format, cap, grains + 1, 0)).toThrow(RangeError);
    }
  });

  it('rejects negative or fractional inputs', () => {
    expect(() => deltaSizeBytes('seSparse', -1, 0, 0)).toThrow(RangeError);
    expect(() => deltaSizeBytes('seSparse', cap, 1.5, 0)).toThrow(RangeError);
    expect(() => deltaSizeBytes('seSparse', cap, 0, -1)).toThrow(RangeError);
  });

  it('rule 6: a delta descriptor is a small text file of about half a kilobyte', () => {
    expect(deltaDescriptorBytes()).toBeGreaterThan(300);
    expect(deltaDescriptorBytes()).toBeLessThan(1024);
  });
});

describe('base disks', () => {
  it('a thick (flat) extent takes its capacity; a thin one the blocks written', () => {
    expect(baseExtentBytes(40 * GiB, false, 0, MiB)).toBe(40 * GiB);
    expect(baseExtentBytes(40 * GiB, true, 0, MiB)).toBe(0);
    expect(baseExtentBytes(40 * GiB, true, 100, MiB)).toBe(100 * MiB);
    expect(baseExtentBytes(40 * GiB, true, 40960, MiB)).toBe(40 * GiB);
    expect(() => baseExtentBytes(40 * GiB, true, 40961, MiB)).toThrow(RangeError);
  });
});

describe('datastore file limits (rule 16)', () => {
  it('rule 16: VMFS3 files are 256/512/1024/2048 GB minus 512 B for 1/2/4/8 MB blocks', () => {
    expect(maxFileBytes('vmfs3')).toBe(256 * GiB - 512);
    expect(maxFileBytes('vmfs3', 1)).toBe(256 * GiB - 512);
    expect(maxFileBytes('vmfs3', 2)).toBe(512 * GiB - 512);
    expect(maxFileBytes('vmfs3', 4)).toBe(1024 * GiB - 512);
    expect(maxFileBytes('vmfs3', 8)).toBe(2048 * GiB - 512);
    expect(() => maxFileBytes('vmfs3', 3)).toThrow(RangeError);
  });

  it('rule 16: VMFS5 2 TB minus 512 B (62 TB from 5.5), VMFS6 62 TB, NFS unlimited', () => {
    expect(maxFileBytes('vmfs5')).toBe(2 * TiB - 512);
    expect(maxFileBytes('vmfs5', 1, '5.1')).toBe(2 * TiB - 512);
    expect(maxFileBytes('vmfs5', 1, '5.5')).toBe(62 * TiB);
    expect(maxFileBytes('vmfs6')).toBe(62 * TiB);
    expect(maxFileBytes('nfs')).toBe(Number.MAX_SAFE_INTEGER);
  });

  it('rule 16: the overhead is a full delta\'s tables, about 2 GB per 256 GB: KB 1012384\'s 254/508/1016/2032 GB fit, a GB more does not', () => {
    const fits = (gb: number, blockMB: number, fs: 'vmfs3' | 'vmfs5' = 'vmfs3') =>
      gb * GiB + snapshotOverheadBytes('vmfsSparse', gb * GiB) <= maxFileBytes(fs, blockMB);
    expect(snapshotOverheadBytes('vmfsSparse', 256 * GiB) / GiB).toBeCloseTo(2, 1);
    expect(snapshotOverheadBytes('vmfsSparse', 2048 * GiB) / GiB).toBeCloseTo(16, 1);
    for (const [block, largest] of [[1, 254], [2, 508], [4, 1016], [8, 2032]]) {
      expect(fits(largest, block)).toBe(true);
      expect(fits(largest + 1, block)).toBe(false);
    }
    expect(fits(2032, 1, 'vmfs5')).toBe(true);
    expect(fits(2033, 1, 'vmfs5')).toBe(false);
    // SEsparse keeps 8 bytes per 4 KB grain: a 2 TB disk needs about 4 GB.
    expect(snapshotOverheadBytes('seSparse', 2048 * GiB) / GiB).toBeCloseTo(4, 1);
  });
});

describe('default delta format (rules 7-8)', () => {
  it('rule 7: ESX 3.5/4.x and small disks on VMFS5 get vmfsSparse', () => {
    expect(defaultDeltaFormat('3.5u2', 'vmfs3', 40 * GiB)).toBe('vmfsSparse');
    expect(defaultDeltaFormat('4.0', 'vmfs3', 200 * GiB)).toBe('vmfsSparse');
    expect(defaultDeltaFormat('5.5', 'vmfs5', 2 * TiB - 512)).toBe('vmfsSparse');
    expect(defaultDeltaFormat('6.7', 'vmfs5', 100 * GiB)).toBe('vmfsSparse');
    expect(defaultDeltaFormat('6.0', 'nfs', 100 * GiB)).toBe('vmfsSparse');
  });

  it('rule 8: 2 TB and larger on VMFS5 from 5.5, and everything on VMFS6 from 6.5, get SEsparse', () => {
    expect(defaultDeltaFormat('5.5', 'vmfs5', 2 * TiB)).toBe('seSparse');
    expect(defaultDeltaFormat('5.1', 'vmfs5', 2 * TiB)).toBe('vmfsSparse');
    expect(defaultDeltaFormat('6.5', 'vmfs6', 10 * GiB)).toBe('seSparse');
    expect(defaultDeltaFormat('7.0', 'vmfs6', 10 * GiB)).toBe('seSparse');
    expect(defaultDeltaFormat('6.0', 'vmfs5', 10 * TiB)).toBe('seSparse');
  });
});
