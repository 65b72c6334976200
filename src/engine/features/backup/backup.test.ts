// Backup jobs (docs/backup-jobs.md): nights of runs, CBT, and the failures that leave what vSphere leaves.
import { describe, it, expect } from 'vitest';
import type { StateView } from '../../core/view';
import { ok, settle, vmOf, diskOf } from '../../testing/harness';
import { backupLab, job, runNow, HOUR, DAY } from '../../testing/backupLab';

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

  it('backup rule 7: a cbt job turns CBT on for a VM without it: effective at its own snapshot, so full then incremental', () => {
    const lab = backupLab({ vm: { ctkEnabled: false }, schedule: false });
    runNow(lab);
    runNow(lab);
    const s = lab.state();
    const [r1, r2] = job(s).runs.map((r) => r.vms[0]);
    expect(vmOf(s, 'exch01').ctkEnabled).toBe(true);
    expect(r1.mode).toBe('full');
    expect(r1.message).toContain('CBT enabled on EXCH01 by the job');
    expect(r2.mode).toBe('incremental');
    expect(r2.bytesRead).toBeLessThan(r1.bytesRead);
    expect(s.events.some((e) => e.kind === 'backup.cbtEnabled')).toBe(true);
  });

  it('backup rule 6: a VM whose CBT a trainer switched off again is read whole by a job without cbt, and says why', () => {
    const lab = backupLab({ vm: { ctkEnabled: false }, job: { cbt: false }, schedule: false });
    runNow(lab);
    const v = job(lab.state()).runs[0].vms[0];
    expect(v.mode).toBe('full');
    expect(v.message).toContain('the job does not use CBT');
    expect(vmOf(lab.state(), 'exch01').ctkEnabled).toBe(false);
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

  it('backup rule 10, backup rule 18: a crash mid-transfer fails the run and leaves its snapshot "Backup temporary snapshot", which grows', () => {
    const lab = backupLab({ schedule: false });
    ok(lab, { type: 'fault.inject', vm: 'exch01', fault: { kind: 'proxyCrash' } });
    runNow(lab);
    const s = lab.state();
    const r = job(s).runs[0];
    expect(r.state).toBe('failed');
    expect(r.vms[0].bytesRead).toBeGreaterThan(0);
    expect(r.vms[0].bytesRead).toBeLessThan(r.vms[0].bytesToRead);
    const snap = vmOf(s, 'exch01').snapshots.find((x) => x.name === 'Backup temporary snapshot');
    expect(snap).toBeDefined();
    const size = (st: StateView) => vmOf(st, 'exch01').snapshots[0].deltas.reduce((a, d) => a + d.dataBytes, 0);
    const before = size(s);
    lab.advance(6 * HOUR);
    expect(size(lab.state())).toBeGreaterThan(before);
    expect(s.tasks.find((t) => t.id === r.task)!.state).toBe('error');
  });

  it('backup rule 12: the next run finds the snapshot an earlier run left, removes it first, and succeeds', () => {
    const lab = backupLab({ schedule: false });
    ok(lab, { type: 'fault.inject', vm: 'exch01', fault: { kind: 'proxyCrash', once: true } });
    runNow(lab);
    expect(vmOf(lab.state(), 'exch01').snapshots).toHaveLength(1);
    runNow(lab);
    const s = lab.state();
    const v = job(s).runs[1].vms[0];
    expect(v.state).toBe('success');
    expect(v.message).toContain('"Backup temporary snapshot" left by run 1');
    expect(v.message).toContain('Snapshot hunting: removed snapshot "Backup temporary snapshot" of run 1');
    expect(vmOf(s, 'exch01').snapshots).toEqual([]);
    expect(s.events.some((e) => e.kind === 'backup.hunt')).toBe(true);
  });

  it('backup rule 12: a leftover the hunt cannot remove (the proxy still holds the disks) makes the run a warning', () => {
    const lab = backupLab({ schedule: false });
    ok(lab, { type: 'fault.inject', vm: 'exch01', fault: { kind: 'proxyLock' } });
    runNow(lab);
    runNow(lab);
    const v = job(lab.state()).runs[1].vms[0];
    expect(v.state).toBe('warning');
    expect(v.message).toMatch(/Snapshot hunting: the deltas run 1 left stay/);
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

  it('backup rule 13: an application-aware job with truncateLogs truncates them after each good run, the VMware snapshot unquiesced', () => {
    const lab = backupLab({ job: { truncateLogs: true, applicationAware: true } });
    lab.advance(22 * HOUR + 30 * 60_000);
    const snapNow = vmOf(lab.state(), 'exch01').snapshots;
    lab.advance(DAY);
    const s = lab.state();
    const ex = vmOf(s, 'exch01').apps.exchange!;
    expect(ex.truncations).toBe(2);
    expect(ex.truncatedBytes).toBeGreaterThan(0);
    const v = job(s).runs[1].vms[0];
    expect(v.consistency).toBe('application');
    expect(v.message).toContain('BackupComplete (FULL)');
    expect(v.message).toContain('Exchange truncated its logs');
    expect(snapNow).toEqual([]);
    const created = s.events.filter((e) => e.kind === 'vss.backupComplete' && e.message.includes('Exchange truncated'));
    expect(created.length).toBe(2);
    expect(s.restorePoints.every((p) => p.applicationAware && p.consistency === 'application')).toBe(true);
  });

  it('backup rule 13: the application-aware snapshot is not quiesced by VMware Tools', () => {
    const lab = backupLab({ job: { truncateLogs: true, applicationAware: true }, schedule: false });
    ok(lab, { type: 'fault.inject', vm: 'exch01', fault: { kind: 'proxyCrash', once: true } });
    runNow(lab);
    const snap = vmOf(lab.state(), 'exch01').snapshots[0];
    expect(snap).toMatchObject({ name: 'Backup temporary snapshot', quiesced: false, consistency: 'application' });
    expect(lab.state().events.some((e) => e.kind === 'quiesce.start')).toBe(false);
  });

  it('backup rule 13: an application-aware run that fails never truncates the logs', () => {
    const lab = backupLab({ job: { truncateLogs: true, applicationAware: true }, schedule: false });
    lab.advance(HOUR);
    ok(lab, { type: 'fault.inject', vm: 'exch01', fault: { kind: 'proxyCrash', once: true } });
    runNow(lab);
    const s = lab.state();
    expect(job(s).runs[0].state).toBe('failed');
    expect(vmOf(s, 'exch01').apps.exchange!.truncations).toBe(0);
    expect(vmOf(s, 'exch01').apps.exchange!.logBytes).toBeGreaterThan(0);
  });

  it('backup rule 13: truncateLogs with VMware Tools quiescing truncates nothing (COPY) and says why', () => {
    const lab = backupLab({ job: { truncateLogs: true }, schedule: false });
    lab.advance(HOUR);
    runNow(lab);
    const s = lab.state();
    expect(vmOf(s, 'exch01').apps.exchange!.truncations).toBe(0);
    expect(job(s).runs[0].vms[0].message).toContain('VMware Tools quiescing asks VSS for a COPY backup');
  });
});

