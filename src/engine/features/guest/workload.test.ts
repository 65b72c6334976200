// The workloads at scale (docs/workloads.md) and idle time: what a lab writes never depends on
// how time was cut into advances, the moments that hang on one write stay exact, idle time schedules
// nothing.
import { describe, expect, it } from 'vitest';
import { createLab, builtInLabs, type Lab } from '../../index';
import { ok, settle, smallLab } from '../../testing/harness';

const HOUR = 3600_000;

function busyWorkshop(): Lab {
  const lab = createLab(builtInLabs.workshop);
  ok(lab, { type: 'snapshot.take', vm: 'exch01', name: 'patch night' });
  ok(lab, { type: 'snapshot.take', vm: 'sql01', name: 'patch night', quiesce: true });
  return lab;
}

/** A VM writing 8 KB uniformly over 4 GB of its disk on a datastore with little room. */
function fillingLab(capacityGB: number): Lab {
  return smallLab({
    capacityGB,
    vm: { disks: [{ id: 'disk1', capacityGB: 10 }], workload: { profile: 'uniform', writeIOPS: 2000, writeBytes: 8192, regionGB: 4 } },
  });
}

describe('guest workloads: same steps, same state, however time is cut', () => {
  it('one advance of six hours and 360 advances of a minute give the same state', () => {
    const a = busyWorkshop();
    a.advance(6 * HOUR);
    const b = busyWorkshop();
    for (let i = 0; i < 360; i++) b.advance(60_000);
    const c = busyWorkshop();
    let left = 6 * HOUR;
    for (let i = 1; left > 0; i++) { const step = Math.min(left, (i * 7919) % 1_234_567); c.advance(step); left -= step; }
    const json = JSON.stringify(a.state());
    expect(JSON.stringify(b.state())).toBe(json);
    expect(JSON.stringify(c.state())).toBe(json);
    expect(a.vms.find((v) => v.id === 'exch01')!.disks[0].leaf.held).toBeGreaterThan(0);
  });

  it('a copy of the lab (a time-travel checkpoint) writes on exactly as the lab does', () => {
    const lab = busyWorkshop();
    lab.advance(HOUR);
    const copy = lab.fork();
    expect(copy).not.toBeNull();
    lab.advance(3 * HOUR);
    copy!.lab.advance(3 * HOUR);
    expect(JSON.stringify(copy!.lab.state())).toBe(JSON.stringify(lab.state()));
  });

  it('rule 15: the out-of-space question comes at the write that needed the space, at the same moment however time is cut', () => {
    const at: number[] = [];
    for (const step of [48 * HOUR, 7 * 60_000, 1000]) {
      const lab = fillingLab(13.5);
      ok(lab, { type: 'snapshot.take', vm: 'vm1', name: 's' });
      for (let t = 0; t < 2 * HOUR && !lab.vms[0].question; t += step) lab.advance(step);
      const vm = lab.vms[0];
      const ds = vm.datastore;
      expect(vm.question).not.toBeNull();
      // The write waiting on the question needs more room than is left; everything before it fitted.
      expect(vm.pending).toHaveLength(1);
      const w = vm.pending[0];
      const leaf = w.disk.leaf;
      const [g0, g1] = [Math.floor(w.offset / leaf.grainBytes), Math.ceil((w.offset + w.length) / leaf.grainBytes)];
      expect(leaf.growthFor(g0, g1)).toBeGreaterThan(ds.freeBytes);
      expect(ds.usedBytes).toBeLessThanOrEqual(ds.capacityBytes);
      at.push(lab.state().events.find((e) => e.kind === 'vm.question')!.time);
    }
    expect(new Set(at).size).toBe(1);
  });

  it('rule 15: Retry after the datastore grew lets the guest write on', () => {
    const lab = fillingLab(13.5);
    ok(lab, { type: 'snapshot.take', vm: 'vm1', name: 's' });
    lab.advance(2 * HOUR);
    expect(lab.vms[0].question).not.toBeNull();
    const held = lab.vms[0].disks[0].leaf.held;
    lab.advance(HOUR);
    expect(lab.vms[0].disks[0].leaf.held).toBe(held); // a paused guest writes nothing
    ok(lab, { type: 'datastore.resize', datastore: 'ds1', capacityGB: 40 });
    ok(lab, { type: 'vm.answer', vm: 'vm1', answer: 'retry' });
    lab.advance(60_000);
    expect(lab.vms[0].question).toBeNull();
    expect(lab.vms[0].disks[0].leaf.held).toBeGreaterThan(held);
  });

  it('Exchange counts every log append: 3 % of 150 IOPS of 4 KB for an hour', () => {
    const lab = smallLab({ vm: { apps: ['exchange'], disks: [{ id: 'disk1', capacityGB: 40 }, { id: 'logs', capacityGB: 20 }], workload: { profile: 'exchange', writeIOPS: 150 } } });
    const before = lab.state().vms[0].apps.exchange!.logBytes;
    lab.advance(HOUR);
    expect(lab.state().vms[0].apps.exchange!.logBytes - before).toBe(3600 * 150 * 0.03 * 4096);
  });

  it('UNMAP gives SEsparse grains back, and the workload writes them again', () => {
    const lab = smallLab({
      host: '6.7', fs: 'vmfs6',
      vm: { disks: [{ id: 'disk1', capacityGB: 10 }], workload: { profile: 'uniform', writeIOPS: 1000, writeBytes: 8192, regionGB: 0.0625 } },
    });
    ok(lab, { type: 'snapshot.take', vm: 'vm1', name: 's' });
    settle(lab);
    lab.advance(HOUR);
    const leaf = () => lab.vms[0].disks[0].leaf;
    expect(leaf().format).toBe('seSparse');
    expect(leaf().held).toBe(0.0625 * 1024 ** 3 / 4096); // 64 MB written whole: every grain
    ok(lab, { type: 'guest.unmap', vm: 'vm1', disk: 'disk1', offset: 0, length: 64 * 1024 ** 2 });
    expect(leaf().held).toBe(0);
    lab.advance(1000);
    expect(leaf().held).toBeGreaterThan(0);
    expect(leaf().held).toBeLessThanOrEqual(2 * 1000);
  });
});

describe('idle time costs nothing', () => {
  it('a lab with no VMs, or with VMs that write nothing, schedules no work', () => {
    const empty = createLab({ hosts: [{ id: 'esx01', version: '5.5' }], datastores: [{ id: 'ds1', capacityGB: 100 }], vms: [] });
    expect(empty.nextEventTime()).toBeNull();
    empty.advance(366 * 24 * HOUR);
    expect(empty.now).toBe(366 * 24 * HOUR);
    const quiet = smallLab({ vm: { power: 'poweredOff', workload: { profile: 'exchange' } } });
    expect(quiet.nextEventTime()).toBeNull();
    quiet.advance(366 * 24 * HOUR);
    expect(quiet.vms[0].disks[0].leaf.held).toBe(quiet.vms[0].disks[0].base.held);
  });

  it('a hot set written whole costs nothing more: its stream is in a stretch without end', () => {
    const lab = smallLab({ vm: { workload: { profile: 'uniform', writeIOPS: 100_000, writeBytes: 4096, regionGB: 0.001 } } });
    ok(lab, { type: 'snapshot.take', vm: 'vm1', name: 's' });
    settle(lab);
    lab.advance(60_000);
    const held = lab.vms[0].disks[0].leaf.held;
    lab.advance(30 * 24 * HOUR);
    expect(lab.vms[0].disks[0].leaf.held).toBe(held);
    expect(lab.workloads.get(lab.vms[0])!.streams[0].stretch!.length).toBe(Infinity);
  });
});

describe('the uniform profile (docs/lab-definition.md)', () => {
  it('refuses a region past the first disk or a write size that is not a multiple of 4096, naming the field', () => {
    expect(() => smallLab({ vm: { workload: { profile: 'uniform', regionGB: 11 } } })).toThrow(/regionGB/);
    expect(() => smallLab({ vm: { workload: { profile: 'uniform', writeBytes: 5000 } } })).toThrow(/writeBytes/);
    expect(() => smallLab({ vm: { workload: { profile: 'sql', regionGB: 1 } } })).toThrow(/regionGB/);
    const lab = smallLab();
    const r = lab.dispatch({ type: 'guest.workload', vm: 'vm1', profile: 'uniform', regionGB: 50 });
    expect(r.ok).toBe(false);
    expect(!r.ok && r.error.message).toMatch(/regionGB/);
  });
});

describe('memory follows what is held, not how it was written', () => {
  it('ten snapshots, each followed by a whole-disk write of a 2000 GB vmfsSparse disk, hold their grain maps in kilobytes', () => {
    const lab = createLab({
      seed: 3,
      hosts: [{ id: 'esx01', version: '5.5' }],
      datastores: [{ id: 'ds1', capacityGB: 30 * 1024, fs: 'vmfs5' }],
      vms: [{ id: 'vm1', memoryMB: 1024, disks: [{ id: 'disk1', capacityGB: 2000 }] }],
    });
    for (let i = 0; i < 10; i++) {
      ok(lab, { type: 'snapshot.take', vm: 'vm1', name: `s${i}` });
      settle(lab);
      ok(lab, { type: 'guest.write', vm: 'vm1', disk: 'disk1', offset: 0, length: 2000 * 1024 ** 3 });
    }
    const disk = lab.vms[0].disks[0];
    const deltas = disk.files.filter((f) => f.isDelta);
    expect(deltas).toHaveLength(10);
    for (const f of deltas) expect(f.held).toBe(2000 * 1024 ** 3 / 512);
    const bytes = deltas.reduce((a, f) => a + f.grains!.memoryBytes(), 0);
    expect(bytes).toBeLessThan(2 * 1024 ** 2);
  });
});

describe('the memory budget', () => {
  const bigLab = (memoryBudgetMB: number, workload?: Record<string, unknown>) => createLab({
    seed: 4,
    hosts: [{ id: 'esx01', version: '5.5' }],
    datastores: [{ id: 'ds1', capacityGB: 30 * 1024, fs: 'vmfs5' }],
    vms: [{ id: 'vm1', memoryMB: 1024, disks: [{ id: 'disk1', capacityGB: 2000 }], ...(workload ? { workload } : {}) }],
    settings: { memoryBudgetMB },
  });

  it('a snapshot whose delta the workload could fill past the budget is refused with a message, and nothing changes', () => {
    const lab = bigLab(400, { profile: 'uniform', writeIOPS: 1000, writeBytes: 4096 });
    const before = JSON.stringify(lab.state());
    const r = lab.dispatch({ type: 'snapshot.take', vm: 'vm1', name: 's' });
    expect(r.ok).toBe(false);
    expect(!r.ok && r.error.code).toBe('MEMORY_BUDGET');
    expect(!r.ok && r.error.message).toMatch(/memoryBudgetMB/);
    expect(JSON.stringify(lab.state())).toBe(before);
    // The same snapshot within a larger budget, or without a workload to fill it, is taken.
    expect(bigLab(1024, { profile: 'uniform', writeIOPS: 1000, writeBytes: 4096 }).dispatch({ type: 'snapshot.take', vm: 'vm1', name: 's' }).ok).toBe(true);
    expect(bigLab(400).dispatch({ type: 'snapshot.take', vm: 'vm1', name: 's' }).ok).toBe(true);
  });
});
