// Parallel processing by proxy task slots (backup rule 24): VMs side by side up to the proxy's slots,
// one slot per disk, the rest waiting in order; transfers sharing the proxy's and datastores' speed;
// the application dying with several VMs in flight; the slots field refused when malformed.
import { describe, it, expect } from 'vitest';
import { Lab } from '../../lab/lab';
import { LabDefinitionError } from '../../core/schema';
import type { BackupRunView, BackupVmRunView } from '../../core/view';
import { ok, settle } from '../../testing/harness';
import { job } from '../../testing/backupLab';

const GiB = 1024 ** 3;

interface Opts { vms?: { id: string; disks: number; ds?: string; usedGB?: number }[]; slots?: number; MBps?: number; dsMBps?: number; parallel?: boolean; jobs?: { id: string; vms: string[] }[] }

function lab(o: Opts = {}): Lab {
  const vms: NonNullable<Opts['vms']> = o.vms ?? ['a', 'b', 'c'].map((id) => ({ id, disks: 1 }));
  return new Lab({
    seed: 24,
    hosts: [{ id: 'esx01', version: '5.0' }],
    datastores: [{ id: 'ds1', capacityGB: 400, fs: 'vmfs5', MBps: o.dsMBps ?? 300 }, { id: 'ds2', capacityGB: 400, fs: 'vmfs5', MBps: o.dsMBps ?? 300 }],
    vms: vms.map((v) => ({
      id: v.id, datastore: v.ds ?? 'ds1', guest: 'linux' as const,
      disks: Array.from({ length: v.disks }, (_, i) => ({ id: `disk${i + 1}`, capacityGB: 10, usedGB: v.usedGB ?? 4 })),
    })),
    backup: {
      ...(o.parallel === undefined ? {} : { parallelProcessing: o.parallel }),
      proxies: [{ id: 'proxy01', transport: 'nbd', MBps: o.MBps ?? 200, ...(o.slots === undefined ? {} : { slots: o.slots }) }],
      jobs: o.jobs ?? [{ id: 'j', vms: vms.map((v) => v.id), quiesce: false, cbt: false }],
    },
  });
}

const step = (v: BackupVmRunView, kind: string) => v.steps.find((s) => s.kind === kind)!;
const transferMs = (v: BackupVmRunView) => step(v, 'transfer').end! - step(v, 'transfer').start;
const byVm = (r: BackupRunView, id: string) => r.vms.find((v) => v.vm === id)!;

/** The most transfers that were running at one moment. */
function mostAtOnce(r: BackupRunView): number {
  const spans = r.vms.map((v) => step(v, 'transfer')).map((s) => [s.start, s.end!] as const);
  return Math.max(...spans.map(([t]) => spans.filter(([a, b]) => a <= t && t < b).length));
}

describe('backup rule 24: parallel processing by proxy task slots', () => {
  it('backup rule 24: VMs run side by side up to the proxy\'s slots; the rest wait for a free slot, in order', () => {
    const l = lab({ vms: ['a', 'b', 'c', 'd', 'e'].map((id) => ({ id, disks: 1 })), slots: 2 });
    ok(l, { type: 'backup.run', job: 'j' });
    settle(l);
    const s = l.state();
    const r = job(s, 'j').runs[0];
    expect(r.state).toBe('success');
    expect(r.vms.map((v) => v.vm)).toEqual(['a', 'b', 'c', 'd', 'e']);
    // a and b start at once; no more than two transfers ever run together.
    expect(step(byVm(r, 'a'), 'snapshot').start).toBe(step(byVm(r, 'b'), 'snapshot').start);
    expect(mostAtOnce(r)).toBe(2);
    // c gets the slot the first transfer to end gives back (before that VM's snapshot is removed).
    const first = [byVm(r, 'a'), byVm(r, 'b')].sort((x, y) => step(x, 'transfer').end! - step(y, 'transfer').end!)[0];
    expect(step(byVm(r, 'c'), 'snapshot').start).toBe(step(first, 'transfer').end);
    expect(step(byVm(r, 'c'), 'snapshot').start).toBeLessThan(step(first, 'remove').end!);
    const waiting = s.events.filter((e) => e.kind === 'backup.waiting');
    expect(waiting.map((e) => e.vm)).toEqual(['c', 'd', 'e']);
    expect(waiting[0].message).toContain('waiting for a free proxy slot (proxy01: 2 of 2 task slots busy');
    expect(byVm(r, 'c').message).toMatch(/Waited \d+ (s|min) for a free slot of proxy01/);
  });

  it('backup rule 24: a VM takes one slot per disk it reads, so a two-disk VM on a two-slot proxy runs alone', () => {
    const l = lab({ vms: [{ id: 'a', disks: 2 }, { id: 'b', disks: 1 }], slots: 2 });
    ok(l, { type: 'backup.run', job: 'j' });
    settle(l);
    const r = job(l.state(), 'j').runs[0];
    expect(mostAtOnce(r)).toBe(1);
    expect(step(byVm(r, 'b'), 'snapshot').start).toBe(step(byVm(r, 'a'), 'transfer').end);
    // With four slots (the default) both start at once.
    const wide = lab({ vms: [{ id: 'a', disks: 2 }, { id: 'b', disks: 1 }] });
    ok(wide, { type: 'backup.run', job: 'j' });
    settle(wide);
    const w = job(wide.state(), 'j').runs[0];
    expect(job(wide.state(), 'j').proxy.slots).toBe(4);
    expect(step(byVm(w, 'a'), 'snapshot').start).toBe(step(byVm(w, 'b'), 'snapshot').start);
  });

  it('backup rule 24: a VM starts on the first free slot, its other disks pending; they take the next free slots before a later VM', () => {
    // b (two disks) starts beside a on the one slot left; c waits. a ends first: its slot goes to b's
    // pending disk, not to c, which starts only when b gives its slots back.
    const l = lab({ vms: [{ id: 'a', disks: 1, usedGB: 1 }, { id: 'b', disks: 2, usedGB: 6 }, { id: 'c', disks: 1 }], slots: 2 });
    ok(l, { type: 'backup.run', job: 'j' });
    settle(l);
    const r = job(l.state(), 'j').runs[0];
    expect(r.state).toBe('success');
    expect(step(byVm(r, 'b'), 'snapshot').start).toBe(step(byVm(r, 'a'), 'snapshot').start);
    expect(byVm(r, 'b').message).toContain('Started with 1 of the 2 task slots its disks take; the other disk waited for a slot of proxy01.');
    expect(step(byVm(r, 'a'), 'transfer').end).toBeLessThan(step(byVm(r, 'b'), 'transfer').end!);
    expect(step(byVm(r, 'c'), 'snapshot').start).toBe(step(byVm(r, 'b'), 'transfer').end);
    expect(byVm(r, 'c').message).toMatch(/Waited \d+ (s|min) for a free slot of proxy01/);
  });

  it('backup rule 24: transfers through one proxy share its speed; alone a transfer reads at full speed', () => {
    // Two VMs on two datastores (300 MB/s each) through a 200 MB/s proxy: together 100 MB/s each.
    const two = lab({ vms: [{ id: 'a', disks: 1, ds: 'ds1' }, { id: 'b', disks: 1, ds: 'ds2' }] });
    ok(two, { type: 'backup.run', job: 'j' });
    settle(two);
    const r = job(two.state(), 'j').runs[0];
    const solo = lab({ vms: [{ id: 'a', disks: 1, ds: 'ds1' }] });
    ok(solo, { type: 'backup.run', job: 'j' });
    settle(solo);
    const alone = transferMs(job(solo.state(), 'j').runs[0].vms[0]);
    const bytes = byVm(r, 'a').bytesRead;
    expect(bytes).toBeGreaterThan(3.9 * GiB);
    // Alone: 3 s of NBD setup, then 200 MB/s.
    expect(alone).toBeCloseTo(3000 + bytes / (200 * 1024 * 1024 / 1000), -2);
    // Together: the same bytes at half the speed take about twice as long.
    expect(transferMs(byVm(r, 'a')) / alone).toBeGreaterThan(1.8);
    expect(transferMs(byVm(r, 'a')) / alone).toBeLessThan(2.05);
  });

  it('backup rule 24: transfers from one datastore share its speed too', () => {
    // A 400 MB/s proxy reading two VMs of one 100 MB/s datastore: 50 MB/s each, not 100.
    const l = lab({ vms: [{ id: 'a', disks: 1 }, { id: 'b', disks: 1 }], MBps: 400, dsMBps: 100 });
    ok(l, { type: 'backup.run', job: 'j' });
    settle(l);
    const a = byVm(job(l.state(), 'j').runs[0], 'a');
    const readMs = transferMs(a) - 3000;
    const MBps = a.bytesRead / (1024 * 1024) / (readMs / 1000);
    expect(MBps).toBeGreaterThan(48);
    expect(MBps).toBeLessThan(60);
  });

  it('backup rule 24: jobs that share a proxy share its slots', () => {
    const l = lab({ vms: ['a', 'b', 'c'].map((id) => ({ id, disks: 1 })), slots: 2, jobs: [{ id: 'j', vms: ['a', 'b'] }, { id: 'k', vms: ['c'] }] });
    ok(l, { type: 'backup.run', job: 'j' });
    ok(l, { type: 'backup.run', job: 'k' });
    settle(l);
    const s = l.state();
    const c = job(s, 'k').runs[0].vms[0];
    expect(s.events.some((e) => e.kind === 'backup.waiting' && e.vm === 'c')).toBe(true);
    const firstFree = Math.min(...job(s, 'j').runs[0].vms.map((v) => step(v, 'transfer').end!));
    expect(step(c, 'snapshot').start).toBe(firstFree);
  });

  it('backup rule 24: when the application dies during one VM, the VMs beside it stop too and the waiting ones never start', () => {
    // b reads twice what a does, so it is still reading when the application dies during a.
    const l = lab({ vms: [{ id: 'a', disks: 1 }, { id: 'b', disks: 1, usedGB: 8 }, { id: 'c', disks: 1 }], slots: 2 });
    ok(l, { type: 'fault.inject', vm: 'a', fault: { kind: 'proxyCrash', once: true } });
    ok(l, { type: 'backup.run', job: 'j' });
    settle(l);
    const s = l.state();
    const r = job(s, 'j').runs[0];
    expect(r.state).toBe('failed');
    expect(r.vms.map((v) => [v.vm, v.state])).toEqual([['a', 'failed'], ['b', 'failed']]);
    expect(byVm(r, 'b').message).toContain('processing stopped with it');
    // Both snapshots stay; the next run's snapshot hunt removes them.
    for (const id of ['a', 'b']) expect(s.vms.find((v) => v.id === id)!.snapshots).toHaveLength(1);
    ok(l, { type: 'backup.run', job: 'j' });
    settle(l);
    const next = job(l.state(), 'j').runs[1];
    expect(next.state).toBe('success');
    expect(byVm(next, 'b').message).toContain('Snapshot hunting: removed snapshot "Backup temporary snapshot" of run 1');
    for (const id of ['a', 'b', 'c']) expect(l.state().vms.find((v) => v.id === id)!.snapshots).toHaveLength(0);
  });

  it('backup rule 2, backup rule 24: with parallelProcessing false the VMs go one after another whatever the slots', () => {
    const l = lab({ parallel: false });
    ok(l, { type: 'backup.run', job: 'j' });
    settle(l);
    const s = l.state();
    const r = job(s, 'j').runs[0];
    expect(job(s, 'j').parallelProcessing).toBe(false);
    expect(step(byVm(r, 'b'), 'snapshot').start).toBeGreaterThanOrEqual(step(byVm(r, 'a'), 'remove').end!);
    expect(s.events.some((e) => e.kind === 'backup.waiting')).toBe(false);
  });

  it.each([
    [{ slots: 0 }, 'backup.proxies[0].slots', 'at least 1'],
    [{ slots: 65 }, 'backup.proxies[0].slots', 'at most 64'],
    [{ slots: 2.5 }, 'backup.proxies[0].slots', 'whole number'],
    [{ slots: '4' }, 'backup.proxies[0].slots', 'whole number'],
  ])('backup rule 15, backup rule 24: a proxy with %j is refused, naming the field', (bad, field, words) => {
    const def = { hosts: [{ id: 'esx01', version: '5.0' }], vms: [{ id: 'a' }], backup: { proxies: [{ id: 'p', ...bad }], jobs: [{ id: 'j', vms: ['a'] }] } };
    let err: unknown = null;
    try { new Lab(def); } catch (e) { err = e; }
    expect(err).toBeInstanceOf(LabDefinitionError);
    expect((err as Error).message).toContain(field);
    expect((err as Error).message).toContain(words);
  });
});
