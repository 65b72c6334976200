import { describe, expect, it } from 'vitest';
import { smallLab, ok, take, diskOf, vmOf, MiB } from '../../testing/harness';

const write = (lab: ReturnType<typeof smallLab>, offset: number, length: number, disk = 'disk1') =>
  ok(lab, { type: 'guest.write', vm: 'vm1', disk, offset, length });

describe('delta formats and growth (vmware-snapshots.md)', () => {
  it('rule 7: vmfsSparse has 512-byte grains and grows in 16 MB steps', () => {
    const lab = smallLab();
    take(lab, 's1');
    let leaf = diskOf(lab.state()).chain[1];
    expect([leaf.format, leaf.grainBytes, leaf.sizeBytes]).toEqual(['vmfsSparse', 512, 16 * MiB]);
    write(lab, 0, 700);
    leaf = diskOf(lab.state()).chain[1];
    expect(leaf.dataBytes).toBe(1024);
    write(lab, 1 * MiB, 20 * MiB);
    leaf = diskOf(lab.state()).chain[1];
    expect(leaf.sizeBytes % (16 * MiB)).toBe(0);
    expect(leaf.sizeBytes).toBe(32 * MiB);
  });

  it('rule 7: the vmfsSparse growth step is a setting', () => {
    const lab = smallLab({ settings: { vmfsSparseGrowthStepMB: 1 } });
    take(lab, 's1');
    write(lab, 0, 3 * MiB);
    const leaf = diskOf(lab.state()).chain[1];
    expect(leaf.sizeBytes % MiB).toBe(0);
    expect(leaf.sizeBytes).toBe(4 * MiB);
  });

  it('rule 8: SEsparse is the default on VMFS6 from 6.5 and for 2 TB disks on VMFS5 from 5.5', () => {
    const v6 = smallLab({ host: '6.5', fs: 'vmfs6' });
    take(v6, 's');
    expect(diskOf(v6.state()).chain[1]).toMatchObject({ format: 'seSparse', grainBytes: 4096 });
    const big = smallLab({ host: '5.5', fs: 'vmfs5', capacityGB: 5000, vm: { disks: [{ id: 'disk1', capacityGB: 2048, thin: true, usedGB: 1 }] } });
    take(big, 's');
    expect(diskOf(big.state()).chain[1].format).toBe('seSparse');
    const small = smallLab({ host: '5.5', fs: 'vmfs5' });
    take(small, 's');
    expect(diskOf(small.state()).chain[1].format).toBe('vmfsSparse');
    const old = smallLab({ host: '4.0' });
    take(old, 's');
    expect(diskOf(old.state()).chain[1].format).toBe('vmfsSparse');
  });

  it('rule 8: one chain never mixes formats, even when the host is upgraded mid-chain', () => {
    const lab = smallLab({ host: '5.0', fs: 'vmfs5' });
    take(lab, 's1');
    ok(lab, { type: 'host.configure', host: 'esx01', version: '6.5' });
    take(lab, 's2');
    expect(new Set(diskOf(lab.state()).chain.slice(1).map((c) => c.format))).toEqual(new Set(['vmfsSparse']));
  });

  it('rule 8: only SEsparse shrinks after the guest unmaps blocks', () => {
    for (const fmt of ['seSparse', 'vmfsSparse'] as const) {
      const lab = smallLab({ vm: { deltaFormat: fmt } });
      take(lab, 's1');
      write(lab, 0, 8 * MiB);
      const before = diskOf(lab.state()).chain[1];
      ok(lab, { type: 'guest.unmap', vm: 'vm1', disk: 'disk1', offset: 0, length: 8 * MiB });
      const after = diskOf(lab.state()).chain[1];
      if (fmt === 'seSparse') {
        expect(after.dataBytes).toBe(0);
        expect(after.sizeBytes).toBeLessThan(before.sizeBytes);
      } else {
        expect(after).toEqual(before);
      }
    }
  });

  it('rule 9: hosted sparse has 64 KB grains and grows grain by grain', () => {
    const lab = smallLab({ vm: { deltaFormat: 'hostedSparse' } });
    take(lab, 's1');
    const empty = diskOf(lab.state()).chain[1].sizeBytes;
    write(lab, 0, 1);
    const one = diskOf(lab.state()).chain[1];
    expect([one.grainBytes, one.dataBytes, one.sizeBytes - empty]).toEqual([65536, 65536, 65536]);
  });

  it('rule 10: a write allocates every grain it touches; a rewrite adds nothing', () => {
    const lab = smallLab({ vm: { deltaFormat: 'seSparse' } });
    take(lab, 's1');
    write(lab, 0, 10000);
    expect(diskOf(lab.state()).chain[1].dataBytes).toBe(12288);
    write(lab, 0, 4096);
    write(lab, 4095, 2);
    expect(diskOf(lab.state()).chain[1].dataBytes).toBe(12288);
  });

  it('rule 11: a delta never holds more than its disk, and N snapshots can need N x the disk', () => {
    const lab = smallLab({ capacityGB: 100, vm: { deltaFormat: 'seSparse', disks: [{ id: 'disk1', capacityBytes: 64 * MiB }] } });
    for (let i = 0; i < 3; i++) {
      take(lab, `s${i}`);
      write(lab, 0, 64 * MiB);
      write(lab, 0, 64 * MiB);
    }
    const chain = diskOf(lab.state()).chain;
    for (const c of chain.slice(1)) {
      expect(c.dataBytes).toBe(64 * MiB);
      expect(c.sizeBytes).toBeGreaterThanOrEqual(64 * MiB);
      expect(c.sizeBytes).toBeLessThan(64 * MiB * 1.05);
    }
    expect(chain.slice(1).reduce((a, c) => a + c.dataBytes, 0)).toBe(3 * 64 * MiB);
  });

  it('rule 12: reads cost more as the chain deepens (read amplification, latency)', () => {
    const lab = smallLab();
    const figures: number[] = [];
    const latency: number[] = [];
    for (let i = 0; i < 4; i++) {
      const d = diskOf(lab.state());
      figures.push(d.readAmplification);
      latency.push(d.readLatencyMs);
      take(lab, `s${i}`);
    }
    expect(figures[0]).toBe(1);
    for (let i = 1; i < figures.length; i++) expect(figures[i]).toBeGreaterThan(figures[i - 1]);
    for (let i = 1; i < latency.length; i++) expect(latency[i]).toBeGreaterThan(latency[i - 1]);
    // A delta that holds the whole disk answers every read itself.
    const full = smallLab({ vm: { disks: [{ id: 'disk1', capacityBytes: 8 * MiB }] } });
    take(full, 'a');
    take(full, 'b');
    write(full, 0, 8 * MiB);
    expect(diskOf(full.state()).readAmplification).toBe(1);
    expect(vmOf(full.state()).disks[0].chainDepth).toBe(2);
  });
});
