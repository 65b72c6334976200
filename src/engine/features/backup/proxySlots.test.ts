// backup.configureProxy: a proxy's task slots ("Max concurrent tasks") changed while the lab runs
// (backup rule 24): the next run follows the new number, VMs still waiting start when slots are added,
// running ones keep theirs when slots are taken away, and malformed numbers change nothing.
import { describe, it, expect } from 'vitest';
import { Lab } from '../../lab/lab';
import type { BackupRunView } from '../../core/view';
import { ok, settle } from '../../testing/harness';
import { job } from '../../testing/backupLab';

const ids = ['a', 'b', 'c', 'd'];

function lab(slots = 4): Lab {
  return new Lab({
    seed: 24,
    hosts: [{ id: 'esx01', version: '5.0' }],
    datastores: [{ id: 'ds1', capacityGB: 400, fs: 'vmfs5', MBps: 300 }],
    vms: ids.map((id) => ({ id, guest: 'linux' as const, disks: [{ id: 'disk1', capacityGB: 10, usedGB: 4 }] })),
    backup: {
      proxies: [{ id: 'proxy01', name: 'Proxy 01', transport: 'nbd', MBps: 200, slots }],
      jobs: [{ id: 'j', vms: ids, quiesce: false, cbt: false }],
    },
  });
}

const span = (r: BackupRunView, vm: string) => {
  const t = r.vms.find((v) => v.vm === vm)!.steps.find((s) => s.kind === 'transfer')!;
  return [t.start, t.end!] as const;
};
/** The most transfers running at one moment of a run. */
const mostAtOnce = (r: BackupRunView) => {
  const spans = r.vms.map((v) => span(r, v.vm));
  return Math.max(...spans.map(([t]) => spans.filter(([a, b]) => a <= t && t < b).length));
};

describe('backup rule 24: backup.configureProxy changes a proxy\'s task slots', () => {
  it('backup rule 24: with 1 slot the next run backs up one VM at a time, with 4 all at once; the job shows the number', () => {
    const l = lab(4);
    ok(l, { type: 'backup.run', job: 'j' });
    settle(l);
    expect(mostAtOnce(job(l.state(), 'j').runs[0])).toBe(4);
    ok(l, { type: 'backup.configureProxy', proxy: 'proxy01', slots: 1 });
    expect(job(l.state(), 'j').proxy.slots).toBe(1);
    const changed = l.state().events.filter((e) => e.kind === 'backup.proxyChanged');
    expect(changed.map((e) => e.message)).toEqual(['Backup proxy "Proxy 01": max concurrent tasks 4 -> 1.']);
    ok(l, { type: 'backup.run', job: 'j' });
    settle(l);
    const r = job(l.state(), 'j').runs[1];
    expect(r.state).toBe('success');
    expect(mostAtOnce(r)).toBe(1);
    // One after another, in the job's order: each transfer starts after the one before it ended.
    for (let i = 1; i < ids.length; i++) expect(span(r, ids[i])[0]).toBeGreaterThanOrEqual(span(r, ids[i - 1])[1]);
  });

  it('backup rule 24: slots added during a run start the VMs still waiting at once', () => {
    const l = lab(1);
    ok(l, { type: 'backup.run', job: 'j' });
    l.advance(5_000);
    const before = job(l.state(), 'j').runs[0];
    expect(before.vms.filter((v) => v.steps.length > 0).map((v) => v.vm)).toEqual(['a']);
    ok(l, { type: 'backup.configureProxy', proxy: 'proxy01', slots: 3 });
    const at = l.state().time;
    settle(l);
    const r = job(l.state(), 'j').runs[0];
    expect(r.state).toBe('success');
    for (const vm of ['b', 'c']) expect(r.vms.find((v) => v.vm === vm)!.steps[0].start).toBe(at);
    expect(mostAtOnce(r)).toBe(3);
  });

  it('backup rule 24: slots taken away during a run let running transfers finish; the waiting VMs follow the new number', () => {
    const l = lab(2);
    ok(l, { type: 'backup.run', job: 'j' });
    l.advance(5_000);
    ok(l, { type: 'backup.configureProxy', proxy: 'proxy01', slots: 1 });
    const msg = l.state().events.filter((e) => e.kind === 'backup.proxyChanged').at(-1)!.message;
    expect(msg).toContain('2 are busy now');
    settle(l);
    const r = job(l.state(), 'j').runs[0];
    expect(r.state).toBe('success');
    // a and b ran side by side; c waits until both have given their slots back, then d waits for c.
    expect(span(r, 'b')[0]).toBeLessThan(span(r, 'a')[1]);
    expect(span(r, 'c')[0]).toBeGreaterThanOrEqual(Math.max(span(r, 'a')[1], span(r, 'b')[1]));
    expect(span(r, 'd')[0]).toBeGreaterThanOrEqual(span(r, 'c')[1]);
  });

  it.each([
    [0, 'expected at least 1 task slot'],
    [65, 'expected at most 64 task slots'],
    [2.5, 'expected a whole number of task slots'],
    ['4', 'expected a whole number of task slots'],
  ])('backup rule 24: slots %j is refused, naming the field, and changes nothing', (slots, words) => {
    const l = lab(4);
    const before = JSON.stringify(l.state());
    const res = l.dispatch({ type: 'backup.configureProxy', proxy: 'proxy01', slots } as never);
    expect(res.ok).toBe(false);
    if (res.ok) return;
    expect(res.error.code).toBe('INVALID_COMMAND');
    expect(res.error.message).toContain('slots');
    expect(res.error.message).toContain(words);
    expect(JSON.stringify(l.state())).toBe(before);
  });

  it('backup rule 24: an unknown proxy is refused with the proxies there are', () => {
    const l = lab(4);
    const res = l.dispatch({ type: 'backup.configureProxy', proxy: 'proxy9', slots: 2 });
    expect(res).toMatchObject({ ok: false, error: { code: 'PROXY_NOT_FOUND', message: 'There is no backup proxy "proxy9". Proxies: proxy01.' } });
  });
});
