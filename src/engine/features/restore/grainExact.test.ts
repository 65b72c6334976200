// Restore points keep each disk's blocks, not only its bytes: the 1 MB blocks in use at the job's
// snapshot, sharing the disk's grain-map pages copy on write. A restore puts back exactly those blocks
// where they were, Instant VM Recovery runs on them, and later backups read the right blocks.
import { describe, expect, it } from 'vitest';
import { Lab } from '../../lab/lab';
import { ok, settle } from '../../testing/harness';
import type { GrainMap } from '../../model/disk/grainMap';

const MB = 1024 * 1024;
const GB = 1024 * MB;

/** APP01 (a thick 20 GB disk, its first 2 GB in use, no workload of its own) and a CBT job. */
function appLab(retainPoints = 7): Lab {
  return new Lab({
    seed: 31,
    hosts: [{ id: 'esx01', version: '5.5' }],
    datastores: [{ id: 'ds1', capacityGB: 200, fs: 'vmfs5', MBps: 200 }],
    vms: [{ id: 'app01', name: 'APP01', ctkEnabled: true, disks: [{ id: 'disk1', capacityGB: 20, usedGB: 2 }], workload: { profile: 'none' } }],
    backup: {
      proxies: [{ id: 'proxy01', transport: 'hotadd', MBps: 400 }],
      repositories: [{ id: 'repo01', capacityGB: 500, MBps: 300 }],
      jobs: [{ id: 'nightly', proxy: 'proxy01', vms: ['app01'], cbt: true, retainPoints }],
    },
  });
}

const runs = (m: GrainMap): [number, number][] => { const out: [number, number][] = []; m.forEachRun((a, b) => out.push([a, b])); return out; };
const write = (lab: Lab, vm: string, offset: number, length: number) => { ok(lab, { type: 'guest.write', vm, disk: 'disk1', offset, length }); settle(lab); };
const backUp = (lab: Lab) => { ok(lab, { type: 'backup.run', job: 'nightly' }); settle(lab); return lab.backup.repositories[0].points.at(-1)!; };
const lastRun = (lab: Lab) => lab.state().backupJobs[0].runs.at(-1)!.vms[0];
const base = (lab: Lab, vm = 'app01') => lab.vm(vm)!.disks[0].base;

/** 1 MB block numbers: the first 2 GB, and 512 MB at 8 GB. */
const IMAGE: [number, number][] = [[0, 2048], [8192, 8704]];

describe('restore points keep their blocks', () => {
  it('a point holds the blocks in use at its snapshot, and later writes to the disk leave it as it was', () => {
    const lab = appLab();
    write(lab, 'app01', 8 * GB, 512 * MB);
    const point = backUp(lab);
    const blocks = point.disks[0].blocks!;
    expect(runs(blocks)).toEqual(IMAGE);
    expect(point.disks[0].bytes).toBe(blocks.count * MB);
    write(lab, 'app01', 12 * GB, GB);
    expect(base(lab).inUse!.has(12 * 1024)).toBe(true);
    expect(runs(blocks)).toEqual(IMAGE);
  });

  it('restore rule 5: an overwrite restore puts back exactly the point\'s blocks where they were; the next full reads them and an incremental after it the new ones', () => {
    const lab = appLab();
    write(lab, 'app01', 8 * GB, 512 * MB);
    const point = backUp(lab);
    write(lab, 'app01', 12 * GB, GB);   // a runaway script
    ok(lab, { type: 'restore.vm', point: point.id, mode: 'overwrite', powerOn: true });
    settle(lab);
    expect(runs(base(lab).inUse!)).toEqual(IMAGE);
    // CBT started over: the next run is a full of exactly those blocks.
    const full = backUp(lab);
    expect(lastRun(lab).mode).toBe('full');
    expect(lastRun(lab).bytesRead).toBe(2560 * MB);
    expect(runs(full.disks[0].blocks!)).toEqual(IMAGE);
    // Then an incremental reads the 64 MB written since, and its point's image has them too.
    write(lab, 'app01', 16 * GB, 64 * MB);
    const inc = backUp(lab);
    expect(lastRun(lab).mode).toBe('incremental');
    expect(lastRun(lab).bytesRead).toBe(64 * MB);
    expect(runs(inc.disks[0].blocks!)).toEqual([...IMAGE, [16384, 16448]]);
  });

  it('forward incremental retention keeps each remaining point\'s own image', () => {
    const lab = appLab(2);
    backUp(lab);
    write(lab, 'app01', 8 * GB, 512 * MB);
    const second = backUp(lab);
    write(lab, 'app01', 12 * GB, 256 * MB);
    backUp(lab);
    const points = lab.backup.repositories[0].points;
    expect(points).toHaveLength(2);
    // The first full was merged away: the second point is now the full and stands for its own moment.
    expect(points[0]).toBe(second);
    expect(second.kind).toBe('full');
    expect(runs(second.disks[0].blocks!)).toEqual(IMAGE);
    expect(runs(points[1].disks[0].blocks!)).toEqual([...IMAGE, [12288, 12544]]);
  });

  it('restore rule 6: Instant VM Recovery runs on the point\'s blocks; the migrated copy holds them and the redo log\'s', () => {
    const lab = appLab();
    write(lab, 'app01', 8 * GB, 512 * MB);
    const point = backUp(lab);
    ok(lab, { type: 'restore.instant', point: point.id, name: 'APP01-IVR' });
    settle(lab);
    const ivr = lab.vm('app01-ivr')!;
    expect(runs(ivr.disks[0].base.grains!)).toEqual(IMAGE);
    write(lab, 'app01-ivr', 4 * GB, 32 * MB);
    expect(ivr.disks[0].leaf.format).toBe('redo');
    expect(runs(ivr.disks[0].base.grains!)).toEqual(IMAGE);
    ok(lab, { type: 'restore.migrate', vm: 'app01-ivr' });
    settle(lab);
    const moved = lab.vm('app01-ivr')!.disks[0];
    expect(moved.chainTo()).toHaveLength(1);
    expect(runs(moved.base.inUse!)).toEqual([[0, 2048], [4096, 4128], [8192, 8704]]);
  });
});
