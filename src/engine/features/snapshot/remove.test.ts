import { describe, expect, it } from 'vitest';
import { smallLab, ok, take, runTask, vmOf, diskOf, names, snapId, MiB, GiB } from '../../testing/harness';
import type { Lab } from '../../lab/lab';

const write = (lab: Lab, offset: number, length: number) => ok(lab, { type: 'guest.write', vm: 'vm1', disk: 'disk1', offset, length });
const del = (lab: Lab, name: string, extra: Record<string, unknown> = {}) => runTask(lab, { type: 'snapshot.delete', vm: 'vm1', snapshot: snapId(lab.state(), name), ...extra });

describe('deleting and consolidating (vmware-snapshots.md)', () => {
  it('rule 20: deleting a snapshot with one child merges the child\'s delta into the snapshot\'s file', () => {
    const lab = smallLab();
    take(lab, 's1');
    write(lab, 0, 4096);             // into 000001
    take(lab, 's2');
    write(lab, 8192, 4096);          // into 000002
    take(lab, 's3');                 // leaf 000003
    del(lab, 's2');                  // s2 recorded 000001; its child s3 recorded 000002 -> merged into 000001
    const s = lab.state();
    const d = diskOf(s);
    expect(names(d)).toEqual(['VM1.vmdk', 'VM1-000001.vmdk', 'VM1-000003.vmdk']);
    expect(d.chain[1].dataBytes).toBe(8192);
    const s3 = vmOf(s).snapshots.find((x) => x.name === 's3')!;
    expect(s3.files[0].file).toBe('[ds1] VM1/VM1-000001.vmdk');
    expect(vmOf(s).power).toBe('poweredOn');
    expect(s.datastores[0].files.some((f) => f.path === 'VM1/VM1-Snapshot2.vmsn')).toBe(false);
  });

  it('rule 20: deleting the current snapshot merges the running leaf into it; the guest sees no change', () => {
    const lab = smallLab();
    take(lab, 's1');
    write(lab, 0, 4096);
    take(lab, 's2');
    write(lab, 4096, 4096);
    del(lab, 's2');
    const d = diskOf(lab.state());
    expect(names(d)).toEqual(['VM1.vmdk', 'VM1-000001.vmdk']);
    expect(d.chain[1].dataBytes).toBe(8192);
    expect(vmOf(lab.state()).currentSnapshot).toBe(snapId(lab.state(), 's1'));
  });

  it('rule 21: deleting the root snapshot merges into the base disk', () => {
    const lab = smallLab({ vm: { disks: [{ id: 'disk1', capacityGB: 10, thin: true, usedGB: 1 }] } });
    take(lab, 's1');
    write(lab, 5 * GiB, 3 * MiB);
    const before = diskOf(lab.state()).chain[0].sizeBytes;
    del(lab, 's1');
    const d = diskOf(lab.state());
    expect(names(d)).toEqual(['VM1.vmdk']);
    expect(d.chain[0].sizeBytes).toBe(before + 3 * MiB);
    expect(vmOf(lab.state()).snapshots).toHaveLength(0);
  });

  it('rule 22: deleting a snapshot with two children keeps its delta as a shared parent', () => {
    const lab = smallLab();
    take(lab, 'root');
    take(lab, 'mid');
    take(lab, 'a');
    runTask(lab, { type: 'snapshot.revert', vm: 'vm1', snapshot: 'mid' });
    take(lab, 'b');
    const midFile = vmOf(lab.state()).snapshots.find((x) => x.name === 'mid')!.files[0].file;
    del(lab, 'mid');
    const s = lab.state();
    const vm = vmOf(s);
    expect(vm.snapshots.find((x) => x.name === 'a')!.parent).toBe(snapId(s, 'root'));
    expect(vm.snapshots.find((x) => x.name === 'b')!.parent).toBe(snapId(s, 'root'));
    expect(diskOf(s).chain.map((c) => c.file)).toContain(midFile);
    expect(vm.consolidationNeeded).toBe(false);
  });

  it('rule 23: deleting the leaf of an abandoned branch deletes its delta without a merge', () => {
    const lab = smallLab();
    take(lab, 'root');
    write(lab, 0, 4096);
    take(lab, 'abandoned');
    runTask(lab, { type: 'snapshot.revert', vm: 'vm1', snapshot: 'root' });
    const files = () => lab.state().datastores[0].files.map((f) => f.path).filter((p) => p.endsWith('-delta.vmdk'));
    expect(files()).toContain('VM1/VM1-000001-delta.vmdk');
    del(lab, 'abandoned');
    expect(files()).not.toContain('VM1/VM1-000001-delta.vmdk');
    expect(lab.state().events.some((e) => e.kind === 'disk.merged')).toBe(false);
  });

  it('rule 24: delete with children removes the subtree and keeps the current state', () => {
    const lab = smallLab();
    take(lab, 'keep');
    take(lab, 'gone1');
    write(lab, 0, 4096);
    take(lab, 'gone2');
    write(lab, 4096, 4096);
    del(lab, 'gone1', { removeChildren: true });
    const s = lab.state();
    expect(vmOf(s).snapshots.map((x) => x.name)).toEqual(['keep']);
    expect(vmOf(s).currentSnapshot).toBe(snapId(s, 'keep'));
    const d = diskOf(s);
    expect(d.chain).toHaveLength(2);
    expect(d.chain[1].dataBytes).toBe(8192);
  });

  it('rule 25: Delete All merges the current branch into the base and drops other branches', () => {
    const lab = smallLab();
    take(lab, 'a');
    write(lab, 0, 4096);
    take(lab, 'b');
    runTask(lab, { type: 'snapshot.revert', vm: 'vm1', snapshot: 'a' });
    runTask(lab, { type: 'vm.powerOn', vm: 'vm1' });
    take(lab, 'c');
    write(lab, 0, 4096);
    expect(runTask(lab, { type: 'snapshot.deleteAll', vm: 'vm1' }).state).toBe('success');
    const s = lab.state();
    expect(vmOf(s).snapshots).toHaveLength(0);
    expect(vmOf(s).currentSnapshot).toBeNull();
    expect(names(diskOf(s))).toEqual(['VM1.vmdk']);
    expect(s.datastores[0].files.filter((f) => f.kind === 'delta')).toHaveLength(0);
  });

  it('rule 25: before 4.0 Update 2 Delete All merged the farthest delta first and needed far more space', () => {
    const peak = (host: string) => {
      const lab = smallLab({ host, capacityGB: 200, vm: { deltaFormat: 'seSparse', disks: [{ id: 'disk1', capacityGB: 4 }] } });
      for (let i = 0; i < 4; i++) {
        take(lab, `s${i}`);
        write(lab, i * 512 * MiB, 512 * MiB);
      }
      const used = lab.state().datastores[0].usedBytes;
      expect(runTask(lab, { type: 'snapshot.deleteAll', vm: 'vm1' }).state).toBe('success');
      const after = lab.state();
      expect(names(diskOf(after))).toEqual(['VM1.vmdk']);
      return after.datastores[0].peakUsedBytes - used;
    };
    const old = peak('4.0');
    const fixed = peak('4.0u2');
    // From 4.0 U2 every merge goes into the (thick) base, which does not grow.
    expect(fixed).toBeLessThanOrEqual(0);
    // Farthest first: each intermediate delta takes every newer one in turn (0.5 + 1 + 1.5 GB at the last step).
    expect(old).toBeGreaterThanOrEqual(1536 * MiB);
  });

  it('rule 26: a merge that fails leaves deltas no snapshot names; 5.0+ says consolidation is needed and Consolidate merges them', () => {
    const lab = smallLab({ host: '5.0', fs: 'vmfs5' });
    take(lab, 's1');
    write(lab, 0, 4096);
    take(lab, 's2');
    ok(lab, { type: 'fault.inject', vm: 'vm1', fault: { kind: 'fileLock', once: true } });
    const t = del(lab, 's2');
    expect(t.state).toBe('error');
    expect(t.error?.message).toMatch(/consolidating disks/);
    let vm = vmOf(lab.state());
    expect(vm.snapshots.map((x) => x.name)).toEqual(['s1']);
    expect(vm.consolidationNeeded).toBe(true);
    expect(vm.warnings.map((w) => w.message)).toContain('Virtual machine disks consolidation is needed.');
    expect(diskOf(lab.state()).chain).toHaveLength(3);
    expect(runTask(lab, { type: 'vm.consolidate', vm: 'vm1' }).state).toBe('success');
    vm = vmOf(lab.state());
    expect(vm.consolidationNeeded).toBe(false);
    expect(diskOf(lab.state()).chain).toHaveLength(2);
  });

  it('rule 26: before 5.0 the deltas stay as orphans only the datastore browser shows; Consolidate does not exist', () => {
    const lab = smallLab({ host: '4.0' });
    take(lab, 's1');
    take(lab, 's2');
    ok(lab, { type: 'fault.inject', vm: 'vm1', fault: { kind: 'fileLock', once: true } });
    expect(del(lab, 's2').state).toBe('error');
    const vm = vmOf(lab.state());
    expect(vm.consolidationNeeded).toBe(false);
    expect(vm.orphanedDeltas).toEqual(['[ds1] VM1/VM1-000001.vmdk']);
    const r = lab.dispatch({ type: 'vm.consolidate', vm: 'vm1' });
    expect(r).toMatchObject({ ok: false, error: { code: 'NOT_SUPPORTED' } });
    // The 4.x way out: a new snapshot and Delete All.
    take(lab, 'fix');
    runTask(lab, { type: 'snapshot.deleteAll', vm: 'vm1' });
    expect(vmOf(lab.state()).orphanedDeltas).toEqual([]);
    expect(names(diskOf(lab.state()))).toEqual(['VM1.vmdk']);
  });

  it('rule 26: a merge without room fails for lack of space, not half way', () => {
    const lab = smallLab({ capacityGB: 13, vm: { memoryMB: 64, deltaFormat: 'seSparse', disks: [{ id: 'disk1', capacityGB: 10, thin: true, usedGB: 1 }] } });
    take(lab, 's1');
    write(lab, 2 * GiB, 1500 * MiB);
    ok(lab, { type: 'datastore.resize', datastore: 'ds1', capacityBytes: lab.state().datastores[0].usedBytes + 200 * MiB });
    const t = del(lab, 's1');
    expect(t.state).toBe('error');
    expect(t.error?.message).toMatch(/not enough space/);
    expect(diskOf(lab.state()).chain).toHaveLength(2);
  });

  it('rule 17: a merge copies at datastore speed; a guest writing into the leaf makes it take longer', () => {
    const time = (iops: number) => {
      const lab = smallLab({ MBps: 50, vm: { deltaFormat: 'seSparse', disks: [{ id: 'disk1', capacityGB: 20 }] } });
      take(lab, 's1');
      write(lab, 0, 1000 * MiB);
      if (iops) ok(lab, { type: 'guest.workload', vm: 'vm1', profile: 'uniform', writeIOPS: iops, writeBytes: 65536, regionGB: 4 });
      const t = del(lab, 's1');
      expect(t.state).toBe('success');
      return t.completedAt! - t.startedAt!;
    };
    const quiet = time(0);
    expect(quiet).toBeGreaterThanOrEqual(20_000);   // 1000 MB at 50 MB/s
    expect(quiet).toBeLessThan(22_000);
    expect(time(600)).toBeGreaterThan(quiet * 1.2);
  });
});
