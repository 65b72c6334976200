// Restores from a backup repository: full VM restore (overwrite, new VM, some disks), Instant VM
// Recovery and its migration, and what Exchange and a domain controller find afterwards.
import { describe, expect, it } from 'vitest';
import { Lab } from '../../lab/lab';
import { ok, settle } from '../../testing/harness';
import { HOUR, runNow } from '../../testing/backupLab';
import type { StateView } from '../../core/view';
import { REPLICATION_CYCLE_MS } from '../directory/replication';

const MB = 1024 * 1024;

/** EXCH01 (database disk and a log disk) with a backup job; the repository reads at 300 MB/s, the datastore writes at 150. */
function exchangeLab(job: Record<string, unknown> = {}, capacityGB = 200): Lab {
  return new Lab({
    seed: 23,
    hosts: [{ id: 'esx01', version: '5.0' }],
    datastores: [{ id: 'ds1', capacityGB, fs: 'vmfs5', MBps: 150 }, { id: 'ds2', capacityGB: 300, fs: 'vmfs5', MBps: 400 }],
    vms: [
      { id: 'exch01', name: 'EXCH01', guest: 'windows2008r2', memoryMB: 2048, apps: ['exchange'], ctkEnabled: true,
        tools: { status: 'running', build: 208167, vss: true }, vssService: 'manual',
        disks: [{ id: 'disk1', capacityGB: 20 }, { id: 'logs', capacityGB: 4, role: 'log' }],
        workload: { profile: 'exchange', writeIOPS: 20 } },
      { id: 'fs01', name: 'FS01', guest: 'windows2003', memoryMB: 1024, disks: [{ id: 'disk1', capacityGB: 10 }] },
    ],
    backup: {
      proxies: [{ id: 'proxy01', transport: 'hotadd', MBps: 400 }],
      repositories: [{ id: 'repo01', capacityGB: 500, MBps: 300 }],
      jobs: [{ id: 'nightly', name: 'Nightly backup', proxy: 'proxy01', vms: ['exch01', 'fs01'], quiesce: true, cbt: true, ...job }],
    },
  });
}

const vmOf = (s: StateView, id: string) => s.vms.find((v) => v.id === id)!;
const pointsOf = (lab: Lab, vm = 'exch01') => lab.state().restorePoints.filter((p) => p.vm === vm);
const exec = (lab: Lab, vm: string, command: string) => ok(lab, { type: 'guest.exec', vm, command }).output ?? '';

function restore(lab: Lab, cmd: Record<string, unknown>) {
  const r = ok(lab, { type: 'restore.vm', ...cmd });
  settle(lab);
  return lab.state().tasks.find((t) => t.id === r.task)!;
}

describe('restores', () => {
  it('restore rule 5: a full restore overwrites the VM: powered off first, its disks the point\'s, no snapshots, CBT starting over, at the slower of repository and datastore', () => {
    const lab = exchangeLab();
    lab.advance(HOUR);
    runNow(lab);
    const [point] = pointsOf(lab);
    expect(point.kind).toBe('full');
    ok(lab, { type: 'snapshot.take', vm: 'exch01', name: 'after-backup' });
    settle(lab);
    lab.advance(HOUR);
    const t = restore(lab, { point: point.id, mode: 'overwrite' });
    expect(t.state).toBe('success');
    const vm = vmOf(lab.state(), 'exch01');
    expect(vm.power).toBe('poweredOff');
    expect(vm.snapshots).toEqual([]);
    for (const d of vm.disks) expect(d.chain).toHaveLength(1);
    // The datastore (150 MB/s) is slower than the repository (300 MB/s): the copy goes at 150.
    const bytes = point.bytes;
    const expected = Math.ceil(bytes / ((150 * MB) / 1000)) + 5000;
    expect(t.completedAt! - t.startedAt!).toBeGreaterThanOrEqual(expected);
    expect(t.completedAt! - t.startedAt!).toBeLessThan(expected + 500);
    const events = lab.state().events.map((e) => e.kind);
    expect(events.lastIndexOf('vm.powerOff')).toBeLessThan(events.lastIndexOf('restore.done'));
    // CBT starts over: the next run of the job reads EXCH01 whole again.
    ok(lab, { type: 'vm.powerOn', vm: 'exch01' });
    settle(lab);
    lab.advance(HOUR);
    runNow(lab);
    const run = lab.state().backupJobs[0].runs.at(-1)!;
    expect(run.vms.find((v) => v.vm === 'exch01')!.mode).toBe('full');
  });

  it('restore rule 5: refused restores change nothing: an unknown point, a point of another VM, a full datastore, a name in use', () => {
    const lab = exchangeLab();
    runNow(lab);
    const exchPoint = pointsOf(lab)[0];
    const before = JSON.stringify(lab.state());
    const tries: [Record<string, unknown>, string][] = [
      [{ type: 'restore.vm', point: 'nope', mode: 'overwrite' }, 'POINT_NOT_FOUND'],
      [{ type: 'restore.vm', point: exchPoint.id, mode: 'overwrite', vm: 'fs01' }, 'POINT_OF_ANOTHER_VM'],
      [{ type: 'restore.vm', point: exchPoint.id, mode: 'newVm', name: 'FS01', datastore: 'ds2' }, 'NAME_IN_USE'],
      [{ type: 'restore.vm', point: exchPoint.id, mode: 'overwrite', disks: ['nope'] }, 'DISK_NOT_FOUND'],
      [{ type: 'restore.instant', point: 'nope' }, 'POINT_NOT_FOUND'],
      [{ type: 'restore.migrate', vm: 'exch01' }, 'NOT_INSTANT_RECOVERY'],
    ];
    for (const [cmd, code] of tries) {
      const r = lab.dispatch(cmd);
      expect(r.ok, JSON.stringify(cmd)).toBe(false);
      if (!r.ok) expect(r.error.code).toBe(code);
    }
    const small = exchangeLab({}, 40);
    runNow(small);
    ok(small, { type: 'datastore.resize', datastore: 'ds2', capacityGB: 10 });
    const p = pointsOf(small)[0];
    const r = small.dispatch({ type: 'restore.vm', point: p.id, mode: 'newVm', name: 'EXCH01-copy', datastore: 'ds2' });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.message).toContain("Insufficient disk space on datastore 'ds2'");
    expect(small.state().vms).toHaveLength(2);
    expect(JSON.stringify(lab.state())).toBe(before);
    // A schema error: a new VM needs a name and a datastore.
    expect(lab.dispatch({ type: 'restore.vm', point: exchPoint.id, mode: 'newVm' }).ok).toBe(false);
  });

  it('restore rule 5: a restore as a new VM registers it on the chosen datastore, powered off, and leaves the original alone', () => {
    const lab = exchangeLab();
    runNow(lab);
    const p = pointsOf(lab)[0];
    const t = restore(lab, { point: p.id, mode: 'newVm', name: 'EXCH01-restored', datastore: 'ds2' });
    expect(t.state).toBe('success');
    const s = lab.state();
    const copy = s.vms.find((v) => v.name === 'EXCH01-restored')!;
    expect(copy.power).toBe('poweredOff');
    expect(s.datastores.find((d) => d.id === 'ds2')!.files.some((f) => f.path.includes('EXCH01-restored'))).toBe(true);
    expect(vmOf(s, 'exch01').power).toBe('poweredOn');
  });

  it('restore rule 4: EXCH01 restored from an application-aware point mounts at once: the Exchange writer replayed its logs', () => {
    const lab = exchangeLab({ quiesce: false, applicationAware: true });
    lab.advance(2 * HOUR);
    runNow(lab);
    const p = pointsOf(lab)[0];
    expect(p.applicationAware).toBe(true);
    lab.advance(HOUR);
    restore(lab, { point: p.id, mode: 'overwrite', powerOn: true });
    expect(vmOf(lab.state(), 'exch01').apps.exchange!.databaseState).toBe('mounted');
  });

  it('restore rule 4: a crash-consistent point\'s database with its own logs replays at mount; without them (truncated since) it stays in Dirty Shutdown until a hard repair', () => {
    const lab = exchangeLab({ quiesce: false });
    lab.advance(2 * HOUR);
    runNow(lab);
    const p = pointsOf(lab)[0];
    expect(p.consistency).toBe('crash');
    // With the log disk restored too: soft recovery at mount.
    const fork = lab.fork()!.lab;
    restore(fork, { point: p.id, mode: 'overwrite', powerOn: true });
    expect(vmOf(fork.state(), 'exch01').apps.exchange!.databaseState).toBe('mounted');
    expect(fork.state().events.some((e) => e.kind === 'exchange.mounted' && e.message.includes('Soft recovery'))).toBe(true);
    // An in-guest FULL backup truncates the logs; then only the database disk comes back.
    lab.advance(3 * HOUR);
    ok(lab, { type: 'guest.backup', vm: 'exch01', backupType: 'full' });
    settle(lab);
    lab.advance(HOUR);
    expect(vmOf(lab.state(), 'exch01').apps.exchange!.truncations).toBeGreaterThan(0);
    restore(lab, { point: p.id, mode: 'overwrite', disks: ['disk1'], powerOn: true });
    const ex = () => vmOf(lab.state(), 'exch01').apps.exchange!;
    expect(ex().databaseState).toBe('dirtyShutdown');
    expect(lab.state().events.some((e) => e.kind === 'exchange.mountFailed')).toBe(true);
    expect(exec(lab, 'exch01', 'eseutil /mh "Mailbox Database.edb"')).toContain('State: Dirty Shutdown');
    expect(exec(lab, 'exch01', 'eseutil /r E00')).toContain('-543');
    expect(ex().databaseState).toBe('dirtyShutdown');
    expect(exec(lab, 'exch01', 'eseutil /p "Mailbox Database.edb"')).toContain('data loss');
    expect(ex().databaseState).toBe('cleanShutdown');
    exec(lab, 'exch01', 'net stop MSExchangeIS');
    exec(lab, 'exch01', 'net start MSExchangeIS');
    expect(ex().databaseState).toBe('mounted');
  });

  it('restore rule 6: Instant VM Recovery runs the VM from an NFS datastore named after the repository, its writes in a growing redo log, until a migration moves it', () => {
    const lab = exchangeLab();
    runNow(lab);
    const p = pointsOf(lab)[0];
    const r = ok(lab, { type: 'restore.instant', point: p.id, name: 'EXCH01-IVR' });
    settle(lab);
    expect(lab.state().tasks.find((t) => t.id === r.task)!.state).toBe('success');
    const nfs = lab.state().datastores.find((d) => d.id === 'repo01')!;
    expect(nfs.fs).toBe('nfs');
    const ivr = () => lab.state().vms.find((v) => v.name === 'EXCH01-IVR')!;
    expect(ivr().power).toBe('poweredOn');
    expect(ivr().instantRecovery).toEqual({ point: p.id, source: 'exch01', sourceDiskFormats: { disk1: 'thick', logs: 'thick' } });
    const redo = () => ivr().disks[0].chain.at(-1)!;
    expect(redo().file).toContain('.REDO');
    const first = redo().dataBytes;
    lab.advance(HOUR);
    expect(redo().dataBytes).toBeGreaterThan(first);
    expect(nfs.files.some((f) => f.path.includes('.REDO'))).toBe(true);
    // A redo log is no snapshot's delta: vSphere asks for no consolidation, and Consolidate leaves it.
    expect(ivr().consolidationNeeded).toBe(false);
    ok(lab, { type: 'vm.consolidate', vm: ivr().id });
    settle(lab);
    expect(redo().file).toContain('.REDO');
    const redoBefore = redo().dataBytes;
    const m = ok(lab, { type: 'restore.migrate', vm: ivr().id, datastore: 'ds2' });
    // One migration at a time: a second while the first runs is refused and changes nothing.
    const again = lab.dispatch({ type: 'restore.migrate', vm: ivr().id, datastore: 'ds2' });
    expect(again).toMatchObject({ ok: false, error: { code: 'MIGRATION_IN_PROGRESS' } });
    expect(lab.state().tasks.filter((t) => t.name === 'Relocate virtual machine')).toHaveLength(1);
    settle(lab);
    expect(lab.state().tasks.find((t) => t.id === m.task)!.state).toBe('success');
    expect(ivr().instantRecovery).toBeNull();
    // The VM remembers where it came from and what its redo logs held at the switch (the guest kept writing).
    const moved = ivr().migratedFromBackup!;
    expect(moved).toMatchObject({ point: p.id, source: 'exch01', from: 'repo01', to: 'ds2' });
    expect(moved.redoBytes).toBeGreaterThanOrEqual(redoBefore);
    // The NFS datastore stays mounted with the backup files: what the repository holds.
    const left = lab.state().datastores.find((d) => d.id === 'repo01')!;
    expect(left.usedBytes).toBeGreaterThanOrEqual(lab.state().repositories[0].usedBytes);
    expect(ivr().disks[0].chain).toHaveLength(1);
    const ds2 = lab.state().datastores.find((d) => d.id === 'ds2')!;
    expect(ds2.files.some((f) => f.path.startsWith('EXCH01-IVR/') || f.path.includes('EXCH01-IVR'))).toBe(true);
    expect(lab.state().datastores.find((d) => d.id === 'repo01')!.files.some((f) => f.path.includes('.REDO'))).toBe(false);
    expect(ivr().power).toBe('poweredOn');
  });

  it('a lab with a restore in flight can be copied, and the copy finishes it the same way', () => {
    const lab = exchangeLab();
    runNow(lab);
    const p = pointsOf(lab)[0];
    ok(lab, { type: 'restore.vm', point: p.id, mode: 'overwrite' });
    lab.advance(3000);
    const copy = lab.fork();
    expect(copy).not.toBeNull();
    settle(lab);
    settle(copy!.lab);
    expect(JSON.stringify(copy!.lab.state().vms)).toBe(JSON.stringify(lab.state().vms));
  });
});

describe('domain controllers after a restore', () => {
  function dcLab(job: Record<string, unknown>): Lab {
    const dc = (id: string) => ({ id, name: id.toUpperCase(), guest: 'windows2008r2' as const, memoryMB: 2048, apps: ['ad' as const],
      tools: { status: 'running' as const, build: 208167, vss: true }, vssService: 'manual' as const, disks: [{ id: 'disk1', capacityGB: 20 }] });
    return new Lab({
      seed: 5, hosts: [{ id: 'esx01', version: '5.0' }], datastores: [{ id: 'ds1', capacityGB: 300, fs: 'vmfs5', MBps: 300 }],
      vms: [dc('dc01'), dc('dc02')],
      backup: { proxies: [{ id: 'proxy01', transport: 'hotadd', MBps: 400 }], jobs: [{ id: 'nightly', proxy: 'proxy01', vms: ['dc01'], ...job }] },
    });
  }
  const restoreDc = (lab: Lab) => {
    lab.advance(HOUR);
    runNow(lab);
    lab.advance(4 * HOUR);
    const p = lab.state().restorePoints.find((x) => x.vm === 'dc01')!;
    restore(lab, { point: p.id, mode: 'overwrite', powerOn: true });
    lab.advance(2 * REPLICATION_CYCLE_MS);
    return vmOf(lab.state(), 'dc01').apps.ad!;
  };

  it('restore rule 1: an image restore of a DC, not through the NTDS writer, is a USN rollback like a revert', () => {
    const ad = restoreDc(dcLab({ quiesce: true }));
    expect(ad.usnRollback).toBe(true);
    expect(ad.invocationIdResets).toBe(0);
  });

  it('restore rule 5: an application-aware restore goes through the NTDS writer: a non-authoritative restore, a new invocation ID, no rollback', () => {
    const ad = restoreDc(dcLab({ quiesce: false, applicationAware: true }));
    expect(ad.usnRollback).toBe(false);
    expect(ad.invocationIdResets).toBe(1);
  });
});
