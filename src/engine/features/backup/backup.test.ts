// Backup jobs (contract section 8): nights of runs, CBT, and the failures that leave what vSphere leaves.
import { describe, it, expect } from 'vitest';
import { Lab } from '../../lab/lab';
import type { LabDefinitionInput } from '../../core/schema';
import type { StateView } from '../../core/view';
import { ok, settle, vmOf, diskOf } from '../../testing/harness';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

type JobInput = NonNullable<NonNullable<LabDefinitionInput['backup']>['jobs']>[number];

function backupLab(o: { host?: string; job?: Partial<JobInput>; vm?: Record<string, unknown>; capacityGB?: number; schedule?: boolean } = {}): Lab {
  return new Lab({
    seed: 12,
    hosts: [{ id: 'esx01', version: (o.host ?? '5.0') as never }],
    datastores: [{ id: 'ds1', capacityGB: o.capacityGB ?? 200, fs: 'vmfs5', MBps: 150 }],
    vms: [{
      id: 'exch01', name: 'EXCH01', guest: 'windows2003', memoryMB: 2048, apps: ['exchange'], ctkEnabled: true,
      disks: [{ id: 'disk1', capacityGB: 20 }, { id: 'logs', capacityGB: 4 }],
      workload: { profile: 'exchange', writeIOPS: 6 }, ...o.vm,
    }],
    backup: {
      proxies: [{ id: 'proxy01', transport: 'hotadd', MBps: 200 }],
      jobs: [{
        id: 'nightly', name: 'Nightly backup', proxy: 'proxy01', vms: ['exch01'],
        ...(o.schedule === false ? {} : { schedule: { firstAtMs: 22 * HOUR, everyMs: DAY } }),
        quiesce: true, truncateLogs: false, cbt: true, ...o.job,
      }],
    },
  });
}

const job = (s: StateView, id = 'nightly') => s.backupJobs.find((j) => j.id === id)!;
const runNow = (lab: Lab) => { const r = ok(lab, { type: 'backup.run', job: 'nightly' }); settle(lab); return r; };

describe('backup jobs: nights of runs', () => {
  it('backup rule 1, backup rule 3, backup rule 5: a nightly job runs three nights headlessly through the ordinary snapshot tasks: three good runs, no snapshot left', () => {
    const lab = backupLab();
    lab.advance(2 * DAY + 23 * HOUR);
    const s = lab.state();
    const runs = job(s).runs;
    expect(runs.map((r) => r.state)).toEqual(['success', 'success', 'success']);
    expect(runs.map((r) => r.start)).toEqual([22 * HOUR, DAY + 22 * HOUR, 2 * DAY + 22 * HOUR]);
    for (const r of runs) {
      expect(r.end).not.toBeNull();
      expect(r.vms[0].consistency).toBe('application');
    }
    const vm = vmOf(s, 'exch01');
    expect(vm.snapshots).toEqual([]);
    expect(vm.consolidationNeeded).toBe(false);
    expect(diskOf(s, 'exch01', 'disk1').chainDepth).toBe(0);
    // Each snapshot create and remove was the ordinary vSphere task.
    expect(s.tasks.filter((t) => t.name === 'Create virtual machine snapshot' && t.state === 'success')).toHaveLength(3);
    expect(s.tasks.filter((t) => t.name === 'Remove snapshot' && t.state === 'success')).toHaveLength(3);
    expect(s.tasks.filter((t) => t.name === 'Run backup job' && t.state === 'success')).toHaveLength(3);
  });

  it('backup rule 6-7: CBT: the first run reads the whole used disk, later runs a small fraction of it', () => {
    // A guest that changes little each day (the workloads' cold writes land uniformly at random, so
    // a busy profile changes most 64 KB blocks of its data area within a day).
    const lab = backupLab({ vm: { workload: { profile: 'idle', writeIOPS: 1 } } });
    lab.advance(2 * DAY + 23 * HOUR);
    const [first, second, third] = job(lab.state()).runs.map((r) => r.vms[0]);
    expect(first.mode).toBe('full');
    expect(second.mode).toBe('incremental');
    expect(third.mode).toBe('incremental');
    expect(first.bytesRead).toBeGreaterThan(8 * 1024 ** 3); // the guest's OS and data
    expect(second.bytesRead).toBeGreaterThan(0);
    expect(second.bytesRead).toBeLessThan(first.bytesRead * 0.1);
    expect(third.bytesRead).toBeLessThan(first.bytesRead * 0.1);
  });

  it('backup rule 6: without CBT every run is full', () => {
    const lab = backupLab({ job: { cbt: false } });
    lab.advance(DAY + 23 * HOUR);
    const runs = job(lab.state()).runs;
    expect(runs.map((r) => r.vms[0].mode)).toEqual(['full', 'full']);
    expect(runs[1].vms[0].bytesRead).toBeGreaterThanOrEqual(runs[0].vms[0].bytesRead);
  });

  it('backup rule 6: a VM without ctkEnabled is read whole even by a CBT job, and says why', () => {
    const lab = backupLab({ vm: { ctkEnabled: false }, schedule: false });
    runNow(lab);
    runNow(lab);
    const v = job(lab.state()).runs[1].vms[0];
    expect(v.mode).toBe('full');
    expect(v.message).toContain('ctkEnabled false');
  });

  it('backup rule 8: a revert invalidates the change id of the last good run: the next run is full', () => {
    const lab = backupLab({ schedule: false });
    runNow(lab);
    ok(lab, { type: 'snapshot.take', vm: 'exch01', name: 'patch' });
    settle(lab);
    ok(lab, { type: 'snapshot.revert', vm: 'exch01', snapshot: 'patch' });
    settle(lab);
    ok(lab, { type: 'vm.powerOn', vm: 'exch01' });
    settle(lab);
    runNow(lab);
    const v = job(lab.state()).runs[1].vms[0];
    expect(v.mode).toBe('full');
    expect(v.message).toMatch(/no longer valid.*revert/);
  });

  it('backup rule 8: a failed run keeps the last good change id, so the next incremental covers both nights', () => {
    const lab = backupLab({ schedule: false });
    runNow(lab);
    ok(lab, { type: 'fault.inject', vm: 'exch01', fault: { kind: 'proxyCrash', once: true } });
    runNow(lab);
    ok(lab, { type: 'snapshot.deleteAll', vm: 'exch01' });
    settle(lab);
    lab.advance(HOUR);
    runNow(lab);
    const runs = job(lab.state()).runs;
    expect(runs.map((r) => r.state)).toEqual(['success', 'failed', 'success']);
    expect(runs[2].vms[0].mode).toBe('incremental');
  });

  it('backup rule 7: the ctk files sit beside every disk file of a VM with CBT', () => {
    const lab = backupLab({ schedule: false });
    ok(lab, { type: 'snapshot.take', vm: 'exch01', name: 's1' });
    settle(lab);
    const s = lab.state();
    const files = s.datastores[0].files.map((f) => f.path);
    const disks = vmOf(s, 'exch01').disks.flatMap((d) => d.chain.map((c) => c.file.replace(/^\[ds1\] /, '')));
    expect(disks).toHaveLength(4);
    for (const f of disks) expect(files).toContain(f.replace(/\.vmdk$/, '-ctk.vmdk'));
  });

  it('backup rule 7: vm.configure ctkEnabled takes effect at the next snapshot of a running VM', () => {
    const lab = backupLab({ vm: { ctkEnabled: false }, schedule: false });
    ok(lab, { type: 'vm.configure', vm: 'exch01', ctkEnabled: true });
    settle(lab);
    expect(vmOf(lab.state(), 'exch01').ctkEnabled).toBe(true);
    expect(lab.state().datastores[0].files.some((f) => f.path.endsWith('-ctk.vmdk'))).toBe(false);
    runNow(lab);
    expect(lab.state().datastores[0].files.some((f) => f.path === 'EXCH01/EXCH01-ctk.vmdk')).toBe(true);
    runNow(lab);
    expect(job(lab.state()).runs[1].vms[0].mode).toBe('incremental');
  });
});

describe('backup jobs: what failures leave', () => {
  it('backup rule 9: a proxy lock leaves "consolidation needed" on 5.0: the VM runs on the delta, the run is a warning', () => {
    const lab = backupLab({ schedule: false });
    ok(lab, { type: 'fault.inject', vm: 'exch01', fault: { kind: 'proxyLock' } });
    runNow(lab);
    const s = lab.state();
    const v = vmOf(s, 'exch01');
    expect(job(s).runs[0].state).toBe('warning');
    expect(job(s).runs[0].vms[0].message).toContain('consolidation is needed');
    expect(v.snapshots).toEqual([]);
    expect(v.consolidationNeeded).toBe(true);
    expect(diskOf(s, 'exch01', 'disk1').chain.length).toBe(2);
    expect(v.alarms.some((a) => a.name === 'Virtual machine Consolidation Needed status')).toBe(true);
    // Consolidate fails while the proxy holds the lock and works once it lets go.
    ok(lab, { type: 'vm.consolidate', vm: 'exch01' });
    settle(lab);
    expect(vmOf(lab.state(), 'exch01').consolidationNeeded).toBe(true);
    ok(lab, { type: 'fault.clear', vm: 'exch01' });
    ok(lab, { type: 'vm.consolidate', vm: 'exch01' });
    settle(lab);
    expect(vmOf(lab.state(), 'exch01').consolidationNeeded).toBe(false);
    expect(diskOf(lab.state(), 'exch01', 'disk1').chainDepth).toBe(0);
  });

  it('backup rule 9: a proxy lock leaves orphaned deltas on 4.0', () => {
    const lab = backupLab({ host: '4.0', schedule: false });
    ok(lab, { type: 'fault.inject', vm: 'exch01', fault: { kind: 'proxyLock' } });
    runNow(lab);
    const v = vmOf(lab.state(), 'exch01');
    expect(job(lab.state()).runs[0].state).toBe('warning');
    expect(v.consolidationNeeded).toBe(false);
    expect(v.orphanedDeltas.length).toBeGreaterThan(0);
    expect(job(lab.state()).runs[0].vms[0].message).toContain('orphaned deltas');
  });

  it('backup rule 10: a crash mid-transfer fails the run and leaves its snapshot, which grows', () => {
    const lab = backupLab({ schedule: false });
    ok(lab, { type: 'fault.inject', vm: 'exch01', fault: { kind: 'proxyCrash' } });
    runNow(lab);
    const s = lab.state();
    const r = job(s).runs[0];
    expect(r.state).toBe('failed');
    expect(r.vms[0].bytesRead).toBeGreaterThan(0);
    expect(r.vms[0].bytesRead).toBeLessThan(r.vms[0].bytesToRead);
    const snap = vmOf(s, 'exch01').snapshots.find((x) => x.name === 'Nightly backup snapshot (run 1)');
    expect(snap).toBeDefined();
    const size = (st: StateView) => vmOf(st, 'exch01').snapshots[0].deltas.reduce((a, d) => a + d.dataBytes, 0);
    const before = size(s);
    lab.advance(6 * HOUR);
    expect(size(lab.state())).toBeGreaterThan(before);
    expect(s.tasks.find((t) => t.id === r.task)!.state).toBe('error');
  });

  it('backup rule 12: the next run notices the snapshot an earlier run left and says so', () => {
    const lab = backupLab({ schedule: false });
    ok(lab, { type: 'fault.inject', vm: 'exch01', fault: { kind: 'proxyCrash', once: true } });
    runNow(lab);
    runNow(lab);
    const v = job(lab.state()).runs[1].vms[0];
    expect(v.state).toBe('warning');
    expect(v.message).toContain('"Nightly backup snapshot (run 1)" left by run 1');
    expect(lab.state().events.some((e) => e.kind === 'backup.leftover')).toBe(true);
  });

  it('backup rule 11: a quiesce failure fails the run for that VM with the VSS reason and leaves no snapshot', () => {
    const lab = backupLab({ schedule: false });
    ok(lab, { type: 'fault.inject', vm: 'exch01', fault: { kind: 'writerError', writer: 'Microsoft Exchange Writer', phase: 'freeze', error: 'nonRetryable' } });
    runNow(lab);
    const s = lab.state();
    const v = job(s).runs[0].vms[0];
    expect(job(s).runs[0].state).toBe('failed');
    expect(v.state).toBe('failed');
    expect(v.message).toContain('Failed to quiesce the virtual machine');
    expect(v.message).toContain('Quiesce:');
    expect(vmOf(s, 'exch01').snapshots).toEqual([]);
    expect(diskOf(s, 'exch01', 'disk1').chainDepth).toBe(0);
  });

  it('backup rule 11: a datastore that fills during the transfer pauses the VM and the snapshot stays', () => {
    const lab = backupLab({ schedule: false, capacityGB: 45 });
    ok(lab, { type: 'backup.run', job: 'nightly' });
    lab.advance(30_000);
    expect(job(lab.state()).runs[0].vms[0].steps.map((x) => x.kind)).toEqual(['snapshot', 'transfer']);
    // The guest writes more than the datastore has left, into the job's new delta.
    ok(lab, { type: 'guest.write', vm: 'exch01', disk: 'disk1', offset: 0, length: 19 * 1024 ** 3 });
    lab.advance(2 * HOUR);
    const s = lab.state();
    const v = vmOf(s, 'exch01');
    expect(v.question).not.toBeNull();
    const r = job(s).runs[0];
    expect(r.end).not.toBeNull();
    expect(r.vms[0].state).toBe('warning');
    expect(r.vms[0].message).toContain('Snapshot removal failed');
    expect(v.snapshots.length).toBe(1);
  });
});

describe('backup jobs: Exchange logs and COPY', () => {
  it('backup rule 3, backup rule 13: a quiesced job (VSS COPY) never truncates Exchange logs', () => {
    const lab = backupLab();
    lab.advance(2 * DAY + 23 * HOUR);
    const s = lab.state();
    expect(job(s).runs).toHaveLength(3);
    expect(vmOf(s, 'exch01').apps.exchange!.truncations).toBe(0);
    expect(vmOf(s, 'exch01').apps.exchange!.logBytes).toBeGreaterThan(0);
  });

  it('backup rule 13: a job with truncateLogs truncates them after each good run', () => {
    const lab = backupLab({ job: { truncateLogs: true } });
    lab.advance(DAY + 23 * HOUR);
    const ex = vmOf(lab.state(), 'exch01').apps.exchange!;
    expect(ex.truncations).toBe(2);
    expect(ex.truncatedBytes).toBeGreaterThan(0);
    expect(job(lab.state()).runs[1].vms[0].message).toContain('Exchange truncated');
  });

  it('backup rule 13: truncateLogs does nothing after a crash-consistent snapshot', () => {
    const lab = backupLab({ job: { truncateLogs: true, quiesce: false }, schedule: false });
    lab.advance(HOUR);
    runNow(lab);
    const s = lab.state();
    expect(vmOf(s, 'exch01').apps.exchange!.truncations).toBe(0);
    expect(job(s).runs[0].vms[0].message).toContain('not application-consistent');
  });
});

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
  it('backup rule 1: backup.configureJob changes a job between runs: truncateLogs on, a new schedule', () => {
    const lab = backupLab({ schedule: false });
    ok(lab, { type: 'backup.configureJob', job: 'nightly', truncateLogs: true, schedule: { firstAtMs: 2 * HOUR, everyMs: DAY } });
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
  it('backup rule 2: a job backs up its VMs one after another, and the worst result is the run\'s', () => {
    const lab = new Lab({
      seed: 4,
      hosts: [{ id: 'esx01', version: '5.0' }],
      datastores: [{ id: 'ds1', capacityGB: 200, fs: 'vmfs5' }],
      vms: [{ id: 'a', disks: [{ id: 'disk1', capacityGB: 10 }] }, { id: 'b', disks: [{ id: 'disk1', capacityGB: 10 }] }],
      backup: { proxies: [{ id: 'p' }], jobs: [{ id: 'j', vms: ['a', 'b'] }] },
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

  it('backup rule 14: a snapshot past 72 hours raises "VM snapshot age"; its deltas past the set size, "VM snapshot size"', () => {
    const lab = backupLab({ schedule: false });
    ok(lab, { type: 'snapshot.take', vm: 'exch01', name: 'kept' });
    settle(lab);
    lab.advance(70 * HOUR);
    expect(vmOf(lab.state(), 'exch01').alarms).toEqual([]);
    // 11 GB written since the snapshot: past the default 10 GB of the size alarm.
    ok(lab, { type: 'guest.write', vm: 'exch01', disk: 'disk1', offset: 0, length: 11 * 1024 ** 3 });
    const names = (s: StateView) => vmOf(s, 'exch01').alarms.map((a) => a.name);
    expect(names(lab.state())).not.toContain('VM snapshot age');
    lab.advance(3 * HOUR);
    const s = lab.state();
    expect(names(s)).toContain('VM snapshot age');
    expect(names(s)).toContain('VM snapshot size');
    expect(vmOf(s, 'exch01').alarms.find((a) => a.name === 'VM snapshot age')!.message).toContain('"kept"');
  });
});
