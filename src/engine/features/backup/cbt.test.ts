// What full and incremental runs read (backup rules 6, 7, 16, 17), the workshop lab's calibration
// (rule 21), Exchange's logs filling their volume (rule 22) and forceQuiesce with startWithOpts (rule 19).
import { describe, it, expect } from 'vitest';
import { Lab } from '../../lab/lab';
import { builtInLabs } from '../../lab/builtInLabs';
import { Rng } from '../../core/rng';
import { ok, settle, vmOf } from '../../testing/harness';
import { backupLab, job, runNow, HOUR, DAY } from '../../testing/backupLab';

const GiB = 1024 ** 3;

describe('what a run reads', () => {
  it('backup rule 6: a cbt:false full of a 60 GB thick VM on 5.0 reads 60 GB', () => {
    const lab = backupLab({ host: '5.0', job: { cbt: false }, vm: { ctkEnabled: false, disks: [{ id: 'disk1', capacityGB: 40 }, { id: 'logs', capacityGB: 20 }] }, schedule: false });
    runNow(lab);
    const v = job(lab.state()).runs[0].vms[0];
    expect(v.bytesRead).toBe(60 * GiB);
    expect(v.message).toContain('every provisioned block');
  });

  it('backup rule 6: without CBT a thin disk is read whole before 6.7, its allocated blocks from 6.7', () => {
    const thin = { ctkEnabled: false, disks: [{ id: 'disk1', capacityGB: 40, thin: true, usedGB: 10 }] };
    const old = backupLab({ host: '6.5', job: { cbt: false }, vm: thin, schedule: false });
    runNow(old);
    const recent = backupLab({ host: '6.7', job: { cbt: false }, vm: thin, schedule: false });
    runNow(recent);
    expect(job(old.state()).runs[0].vms[0].bytesRead).toBe(40 * GiB);
    const r = job(recent.state()).runs[0].vms[0];
    expect(r.bytesRead).toBeLessThan(12 * GiB);
    expect(r.bytesRead).toBeGreaterThanOrEqual(10 * GiB);
    expect(r.message).toContain('QueryAllocatedBlocks');
  });

  it('backup rule 6: on NFS the first CBT run reads the whole disk; on VMFS the blocks in use', () => {
    const disks = [{ id: 'disk1', capacityGB: 20 }, { id: 'logs', capacityGB: 4 }];
    const nfs = backupLab({ fs: 'nfs', vm: { disks }, schedule: false });
    runNow(nfs);
    const vmfs = backupLab({ fs: 'vmfs5', vm: { disks }, schedule: false });
    runNow(vmfs);
    const n = job(nfs.state()).runs[0].vms[0];
    expect(n.bytesRead).toBe(24 * GiB);
    expect(n.message).toContain('on NFS returns the whole disk');
    expect(job(vmfs.state()).runs[0].vms[0].bytesRead).toBeLessThan(12 * GiB);
  });

  it('backup rule 16: a job on ESX 3.5u2 reads full every night and says why', () => {
    const lab = backupLab({ host: '3.5u2', vm: { ctkEnabled: false } });
    lab.advance(22 * HOUR + 2 * DAY + HOUR);
    const runs = job(lab.state()).runs;
    expect(runs).toHaveLength(3);
    for (const r of runs) {
      expect(r.vms[0].mode).toBe('full');
      expect(r.vms[0].message).toContain('ESX 3.5u2 has no Changed Block Tracking');
    }
    expect(vmOf(lab.state(), 'exch01').ctkEnabled).toBe(false);
  });

  it('backup rule 7: a pending ctkEnabled takes effect at a snapshot delete too', () => {
    const lab = backupLab({ vm: { ctkEnabled: false }, job: { cbt: false }, schedule: false });
    ok(lab, { type: 'snapshot.take', vm: 'exch01', name: 'before' });
    settle(lab);
    ok(lab, { type: 'vm.configure', vm: 'exch01', ctkEnabled: true });
    const ctkFiles = () => lab.state().datastores[0].files.filter((f) => f.path.endsWith('-ctk.vmdk')).length;
    expect(ctkFiles()).toBe(0);
    ok(lab, { type: 'snapshot.delete', vm: 'exch01', snapshot: 'before' });
    settle(lab);
    expect(ctkFiles()).toBeGreaterThan(0);
  });

  it('backup rule 7: guest writes to a flat base put their blocks in use', () => {
    const lab = backupLab({ job: { cbt: false }, host: '6.7', vm: { ctkEnabled: false, workload: { profile: 'none' }, disks: [{ id: 'disk1', capacityGB: 20, usedGB: 2 }] }, schedule: false });
    ok(lab, { type: 'guest.write', vm: 'exch01', disk: 'disk1', offset: 10 * GiB, length: 64 * 1024 * 1024 });
    ok(lab, { type: 'backup.configureJob', job: 'nightly', cbt: true });
    runNow(lab);
    // "*" on VMFS: the 2 GB of data and the 64 MB written to the flat base.
    expect(job(lab.state()).runs[0].vms[0].bytesRead).toBe(2 * GiB + 64 * 1024 * 1024);
  });
});

describe('backup rule 17: an incremental never reads more than a full at the same moment', () => {
  it('backup rule 17: fuzz: an incremental never reads more than a full at the same moment', () => {
    for (let seed = 1; seed <= 4; seed++) {
      const rng = new Rng(seed);
      const lab = backupLab({ schedule: false, vm: { ctkEnabled: seed % 2 === 0, workload: { profile: 'exchange', writeIOPS: 20 + rng.int(200) } } });
      for (let step = 0; step < 14; step++) {
        const r = rng.int(7);
        if (r === 0) ok(lab, { type: 'guest.write', vm: 'exch01', disk: rng.int(2) ? 'disk1' : 'logs', offset: rng.int(1000) * 1024 * 1024, length: (1 + rng.int(64)) * 4096 });
        else if (r === 1) { lab.dispatch({ type: 'snapshot.take', vm: 'exch01', name: `s${step}` }); settle(lab); }
        else if (r === 2) { const s = vmOf(lab.state(), 'exch01').snapshots[0]; if (s) { lab.dispatch({ type: 'snapshot.revert', vm: 'exch01', snapshot: s.id }); settle(lab); lab.dispatch({ type: 'vm.powerOn', vm: 'exch01' }); settle(lab); } }
        else if (r === 3) { const s = vmOf(lab.state(), 'exch01').snapshots[0]; if (s) { lab.dispatch({ type: 'snapshot.delete', vm: 'exch01', snapshot: s.id }); settle(lab); } }
        else if (r === 4) ok(lab, { type: 'vm.configure', vm: 'exch01', ctkEnabled: rng.int(3) > 0 });
        else lab.advance((1 + rng.int(30)) * HOUR);
        if (!job(lab.state()).running) { lab.dispatch({ type: 'backup.run', job: 'nightly' }); settle(lab); }
      }
      const runs = job(lab.state()).runs.flatMap((r) => r.vms).filter((v) => v.state !== 'running' && v.fullBytes > 0);
      expect(runs.some((v) => v.mode === 'incremental'), `seed ${seed}`).toBe(true);
      for (const v of runs) expect(v.bytesToRead, `seed ${seed}`).toBeLessThanOrEqual(v.fullBytes);
    }
  });
});

describe('backup rule 21: daily change on the workshop lab', () => {
  it('backup rule 21: on the workshop lab with a nightly CBT job, run 2 of EXCH01 reads 5-30 % of run 1 (about 10-20 %)', () => {
    const lab = new Lab({ ...builtInLabs.workshop, backup: { jobs: [{ id: 'nightly', vms: ['exch01'], schedule: { firstAtMs: 22 * HOUR, everyMs: DAY } }] } });
    lab.advance(22 * HOUR + DAY + 2 * HOUR);
    const [r1, r2] = job(lab.state()).runs.map((r) => r.vms[0]);
    expect(r1.mode).toBe('full');
    expect(r2.mode).toBe('incremental');
    const ratio = r2.bytesRead / r1.bytesRead;
    expect(ratio).toBeGreaterThan(0.1);
    expect(ratio).toBeLessThan(0.2);
  });
});

describe('backup rule 22: Exchange logs fill their volume', () => {
  it('backup rule 22: without truncation the logs fill the log disk and Exchange dismounts its databases', () => {
    const lab = backupLab({ schedule: false, vm: { disks: [{ id: 'disk1', capacityGB: 20 }, { id: 'logs', capacityGB: 2, usedGB: 1 }], workload: { profile: 'exchange', writeIOPS: 300 } } });
    lab.advance(3 * DAY);
    const s = lab.state();
    const ex = vmOf(s, 'exch01').apps.exchange!;
    expect(ex.databaseState).toBe('dismounted');
    expect(ex.logBytes).toBeLessThanOrEqual(1 * GiB);
    expect(ex.logBytes).toBeGreaterThan(0.99 * GiB);
    expect(s.events.some((e) => e.kind === 'exchange.dismounted')).toBe(true);
    lab.advance(DAY);
    expect(vmOf(lab.state(), 'exch01').apps.exchange!.logBytes).toBe(ex.logBytes);
  });
});

describe('backup rule 19: a vssBackupType forces quiescing', () => {
  const lab = (vssService: string) => backupLab({ host: '6.5', schedule: false, vm: { vssService, tools: { status: 'running', build: 208167, vss: true } } });
  it('backup rule 19: with a vssBackupType and VSS disabled the quiesce fails instead of falling back', () => {
    const l = lab('disabled');
    const t = ok(l, { type: 'snapshot.take', vm: 'exch01', name: 'typed', quiesce: true, vssBackupType: 'full' }).task!;
    settle(l);
    const task = l.state().tasks.find((x) => x.id === t)!;
    expect(task.state).toBe('error');
    expect(task.error!.message).toContain('Requested quiescing cannot be initialized');
    const plain = ok(l, { type: 'snapshot.take', vm: 'exch01', name: 'plain', quiesce: true }).task!;
    settle(l);
    expect(l.state().tasks.find((x) => x.id === plain)!.state).toBe('success');
  });
});
