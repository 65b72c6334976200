// Backup jobs (docs/backup-jobs.md): refused input, job changes, transports, time travel, several VMs and alarms.
import { describe, it, expect } from 'vitest';
import { Lab } from '../../lab/lab';
import type { StateView } from '../../core/view';
import { ok, settle, vmOf } from '../../testing/harness';
import { backupLab, job, HOUR, DAY, type JobInput } from '../../testing/backupLab';

describe('backup jobs: bad input is refused with a code and changes nothing', () => {
  it('backup rule 15: backup.run of an unknown job', () => {
    const lab = backupLab({ schedule: false });
    const before = JSON.stringify(lab.state());
    const r = lab.dispatch({ type: 'backup.run', job: 'weekly' });
    expect(r).toMatchObject({ ok: false, error: { code: 'JOB_NOT_FOUND' } });
    expect(JSON.stringify(lab.state())).toBe(before);
  });

  it('backup rule 15: backup.run without a job, or with extra fields', () => {
    const lab = backupLab({ schedule: false });
    const before = JSON.stringify(lab.state());
    expect(lab.dispatch({ type: 'backup.run' })).toMatchObject({ ok: false, error: { code: 'INVALID_COMMAND' } });
    expect(lab.dispatch({ type: 'backup.run', job: 'nightly', vm: 'exch01' })).toMatchObject({ ok: false, error: { code: 'INVALID_COMMAND' } });
    expect(JSON.stringify(lab.state())).toBe(before);
  });

  it('backup rule 1, backup rule 15: backup.run while the job runs', () => {
    const lab = backupLab({ schedule: false });
    ok(lab, { type: 'backup.run', job: 'nightly' });
    lab.advance(1000);
    const before = JSON.stringify(lab.state());
    expect(lab.dispatch({ type: 'backup.run', job: 'nightly' })).toMatchObject({ ok: false, error: { code: 'JOB_RUNNING' } });
    expect(JSON.stringify(lab.state())).toBe(before);
  });

  it.each([
    ['an unknown proxy', { proxy: 'proxy9' }, 'backup.jobs[0].proxy'],
    ['an unknown VM', { vms: ['exch09'] }, 'backup.jobs[0].vms[0]'],
    ['no VMs', { vms: [] }, 'backup.jobs[0].vms'],
    ['a schedule every second', { schedule: { firstAtMs: 0, everyMs: 1000 } }, 'backup.jobs[0].schedule.everyMs'],
    ['an unknown field', { retries: 3 }, 'backup.jobs[0]'],
  ])('backup rule 15: a lab definition with a job naming %s', (_what, patch, field) => {
    expect(() => backupLab({ job: patch as Partial<JobInput> })).toThrow(field);
  });

  it('backup rule 15: a proxy with an unknown transport', () => {
    expect(() => new Lab({ vms: [{ id: 'a' }], backup: { proxies: [{ id: 'p', transport: 'tape' }], jobs: [] } })).toThrow('backup.proxies[0].transport');
  });
});

describe('backup.configureJob', () => {
  it('backup rule 1: backup.configureJob changes a job between runs: application-aware with truncateLogs, a new schedule', () => {
    const lab = backupLab({ schedule: false });
    ok(lab, { type: 'backup.configureJob', job: 'nightly', truncateLogs: true, applicationAware: true, schedule: { firstAtMs: 2 * HOUR, everyMs: DAY } });
    const j = job(lab.state());
    expect(j.truncateLogs).toBe(true);
    expect(j.nextRunAt).toBe(2 * HOUR);
    lab.advance(3 * HOUR);
    expect(job(lab.state()).runs).toHaveLength(1);
    expect(vmOf(lab.state(), 'exch01').apps.exchange!.truncations).toBe(1);
  });

  it.each([
    [{ job: 'weekly', cbt: false }, 'JOB_NOT_FOUND'],
    [{ job: 'nightly', proxy: 'proxy9' }, 'PROXY_NOT_FOUND'],
    [{ job: 'nightly', vms: ['exch01', 'exch09'] }, 'VM_NOT_FOUND'],
    [{ job: 'nightly', vms: ['exch01', 'exch01'] }, 'INVALID_COMMAND'],
    [{ job: 'nightly', vms: [] }, 'INVALID_COMMAND'],
    [{ job: 'nightly', schedule: { firstAtMs: 0, everyMs: 10 } }, 'INVALID_COMMAND'],
    [{ job: 'nightly', quiesce: 'yes' }, 'INVALID_COMMAND'],
  ])('backup rule 15: backup.configureJob refuses %j with %s and changes nothing', (fields, code) => {
    const lab = backupLab();
    const before = JSON.stringify(lab.state());
    expect(lab.dispatch({ type: 'backup.configureJob', ...fields })).toMatchObject({ ok: false, error: { code } });
    expect(JSON.stringify(lab.state())).toBe(before);
  });

  it('backup rule 15: backup.configureJob refuses to change a running job', () => {
    const lab = backupLab({ schedule: false });
    ok(lab, { type: 'backup.run', job: 'nightly' });
    lab.advance(1000);
    const before = JSON.stringify(lab.state());
    expect(lab.dispatch({ type: 'backup.configureJob', job: 'nightly', cbt: false })).toMatchObject({ ok: false, error: { code: 'JOB_RUNNING' } });
    expect(JSON.stringify(lab.state())).toBe(before);
  });
});

describe('backup jobs: transports and speed', () => {
  const withProxy = (transport: 'hotadd' | 'nbd' | 'san', fs: 'vmfs5' | 'nfs', MBps: number) => new Lab({
    seed: 3,
    hosts: [{ id: 'esx01', version: '4.1' }],
    datastores: [{ id: 'ds1', capacityGB: 100, fs, MBps: 100 }],
    vms: [{ id: 'app01', disks: [{ id: 'disk1', capacityGB: 20, usedGB: 10 }] }],
    backup: { proxies: [{ id: 'p', transport, MBps }], jobs: [{ id: 'j', vms: ['app01'], quiesce: false }] },
  });
  const transferMs = (lab: Lab) => {
    ok(lab, { type: 'backup.run', job: 'j' });
    settle(lab);
    const step = job(lab.state(), 'j').runs[0].vms[0].steps.find((x) => x.kind === 'transfer')!;
    return step.end! - step.start;
  };

  it('backup rule 4: reads at the slower of the proxy and the datastore', () => {
    const slowProxy = transferMs(withProxy('nbd', 'vmfs5', 25));
    const fastProxy = transferMs(withProxy('hotadd', 'vmfs5', 400));
    // 10 GB in use: at 25 MB/s about 410 s, at the datastore's 100 MB/s about 100 s (plus setup).
    expect(slowProxy).toBeGreaterThan(400_000);
    expect(fastProxy).toBeGreaterThan(100_000);
    expect(fastProxy).toBeLessThan(130_000);
  });

  it('backup rule 4: SAN transport on an NFS datastore fails over to NBD, and says so', () => {
    const lab = withProxy('san', 'nfs', 100);
    ok(lab, { type: 'backup.run', job: 'j' });
    settle(lab);
    const v = job(lab.state(), 'j').runs[0].vms[0];
    expect(v.message).toContain('failed over to NBD');
    expect(v.steps.find((x) => x.kind === 'transfer')!.label).toContain('via nbd');
  });

  it('backup rule 6: a crash-consistent job of a VM without Exchange reads its used disk and removes its snapshot', () => {
    const lab = withProxy('hotadd', 'vmfs5', 200);
    ok(lab, { type: 'backup.run', job: 'j' });
    settle(lab);
    const v = job(lab.state(), 'j').runs[0].vms[0];
    expect(v.state).toBe('success');
    expect(v.consistency).toBe('crash');
    expect(v.bytesRead).toBe(10 * 1024 ** 3);
  });
});

describe('backup jobs and time travel', () => {
  it('a lab waiting for its next scheduled run can be copied, and the copy runs the same nights', () => {
    const lab = backupLab();
    lab.advance(HOUR);
    const fork = lab.fork();
    expect(fork).not.toBeNull();
    lab.advance(DAY);
    fork!.lab.advance(DAY);
    expect(JSON.stringify(fork!.lab.state())).toBe(JSON.stringify(lab.state()));
    expect(job(lab.state()).runs).toHaveLength(1);
  });
});

describe('backup jobs: several VMs, alarms', () => {
  it('backup rule 2: without parallel processing a job backs up its VMs one after another, and the worst result is the run\'s', () => {
    const lab = new Lab({
      seed: 4,
      hosts: [{ id: 'esx01', version: '5.0' }],
      datastores: [{ id: 'ds1', capacityGB: 200, fs: 'vmfs5' }],
      vms: [{ id: 'a', disks: [{ id: 'disk1', capacityGB: 10 }] }, { id: 'b', disks: [{ id: 'disk1', capacityGB: 10 }] }],
      backup: { parallelProcessing: false, proxies: [{ id: 'p' }], jobs: [{ id: 'j', vms: ['a', 'b'] }] },
    });
    ok(lab, { type: 'fault.inject', vm: 'b', fault: { kind: 'proxyLock' } });
    ok(lab, { type: 'backup.run', job: 'j' });
    settle(lab);
    const r = job(lab.state(), 'j').runs[0];
    expect(r.vms.map((v) => [v.vm, v.state])).toEqual([['a', 'success'], ['b', 'warning']]);
    expect(r.state).toBe('warning');
    const [a, b] = r.vms;
    // b's snapshot is taken only after a's has been removed.
    const aRemoved = a.steps.find((x) => x.kind === 'remove')!.end!;
    expect(b.steps[0].start).toBeGreaterThanOrEqual(aRemoved);
  });

  it('backup rule 14, backup rule 20: age is the lab\'s advice, snapshot size the trainer\'s alarm summed over the VM, nothing else as vCenter\'s', () => {
    const lab = backupLab({ schedule: false });
    ok(lab, { type: 'snapshot.take', vm: 'exch01', name: 'kept' });
    settle(lab);
    lab.advance(70 * HOUR);
    expect(vmOf(lab.state(), 'exch01').alarms).toEqual([]);
    // 6 GB under each of two snapshots: each is below the 10 GB threshold, together they pass it.
    ok(lab, { type: 'guest.write', vm: 'exch01', disk: 'disk1', offset: 0, length: 6 * 1024 ** 3 });
    ok(lab, { type: 'snapshot.take', vm: 'exch01', name: 'second' });
    settle(lab);
    ok(lab, { type: 'guest.write', vm: 'exch01', disk: 'disk1', offset: 6 * 1024 ** 3, length: 6 * 1024 ** 3 });
    const alarms = (s: StateView) => vmOf(s, 'exch01').alarms;
    expect(alarms(lab.state()).map((a) => a.name)).not.toContain('Snapshot age');
    lab.advance(3 * HOUR);
    const s = lab.state();
    const byName = new Map(alarms(s).map((a) => [a.name, a]));
    expect(byName.get('Snapshot age')).toMatchObject({ source: 'advice' });
    expect(byName.get('Snapshot age')!.message).toContain('"kept"');
    expect(byName.get('VM Snapshot Size (GB)')).toMatchObject({ source: 'vCenter' });
    const VCENTER = ['VM Snapshot Size (GB)', 'Virtual machine Consolidation Needed status'];
    expect(alarms(s).filter((a) => a.source === 'vCenter').every((a) => VCENTER.includes(a.name))).toBe(true);
  });

  it('backup rule 20: more than 3 snapshots in a chain is the lab\'s advice, not a vCenter alarm', () => {
    const lab = backupLab({ schedule: false });
    for (const n of ['a', 'b', 'c', 'd']) { ok(lab, { type: 'snapshot.take', vm: 'exch01', name: n }); settle(lab); }
    const a = vmOf(lab.state(), 'exch01').alarms.find((x) => x.name === 'Snapshot chain length');
    expect(a).toMatchObject({ source: 'advice' });
  });
});
