// The instantRecovery check: each stage of an Instant VM Recovery says what the lab shows instead.
import { describe, expect, it } from 'vitest';
import { createLab } from '../../engine';
import { evaluateCheck, checkSchema, type CheckSpec } from './index';

const MINUTE = 60_000;
const lab = () => createLab({
  seed: 3,
  hosts: [{ id: 'esx01', version: '5.5' }],
  datastores: [{ id: 'ds1', capacityGB: 200, fs: 'vmfs5', MBps: 200 }, { id: 'ds2', capacityGB: 200, fs: 'vmfs5', MBps: 200 }],
  vms: [{ id: 'app01', name: 'APP01', ctkEnabled: true, disks: [{ id: 'disk1', capacityGB: 40, usedGB: 6 }], workload: { profile: 'fileserver', writeIOPS: 30 } }],
  backup: {
    proxies: [{ id: 'proxy01', transport: 'hotadd', MBps: 400 }],
    repositories: [{ id: 'repo01', capacityGB: 500, MBps: 300 }],
    jobs: [{ id: 'nightly', proxy: 'proxy01', vms: ['app01'] }],
  },
});
type L = ReturnType<typeof lab>;
const check = (l: L, spec: unknown) => evaluateCheck(l.state(), checkSchema.parse(spec) as CheckSpec);
const running = { kind: 'instantRecovery', source: 'app01', stage: 'running' };
const grown = { ...running, minRedoMB: 64 };
const migrated = { kind: 'instantRecovery', source: 'app01', stage: 'migrated', datastore: 'ds1' };

function backedUp(): L {
  const l = lab();
  l.dispatch({ type: 'backup.run', job: 'nightly' });
  l.advance(10 * MINUTE);
  return l;
}

describe('instantRecovery check', () => {
  it('before any backup it says there is no restore point; after one, that no VM runs from it', () => {
    const l = lab();
    expect(check(l, running).why).toBe('APP01 has no restore point yet, so nothing can start from its backup; the goal is a VM started from one by Instant VM Recovery.');
    l.dispatch({ type: 'backup.run', job: 'nightly' });
    l.advance(10 * MINUTE);
    expect(check(l, running).why).toBe('No VM runs from a restore point of APP01 yet (its points: repo01-1); the goal is a VM started from one by Instant VM Recovery.');
    expect(check(l, migrated).why).toMatch(/^No VM runs from a restore point of APP01 yet .*migrated to production storage \(ds1\)\.$/);
    expect(() => checkSchema.parse({ ...running, stage: 'moved' })).toThrow();
  });

  it('running: met once the recovered VM is powered on; the redo log must reach its size', () => {
    const l = backedUp();
    l.dispatch({ type: 'restore.instant', point: 'repo01-1', name: 'APP01-IVR' });
    expect(check(l, running).why).toMatch(/^APP01-IVR is registered on repo01, the backup repository's NFS datastore, and still starting;/);
    l.advance(MINUTE);
    expect(check(l, running)).toEqual({ done: true, why: '' });
    expect(check(l, grown).why).toMatch(/^APP01-IVR's redo log APP01-IVR\.vmdk\.REDO holds [\d.]+ (KB|MB) on repo01; the goal is at least 64\.0 MB\.$/);
    l.advance(40 * MINUTE);
    expect(check(l, grown).done).toBe(true);
    expect(check(l, migrated).why).toBe('APP01-IVR still runs from repo01, the backup repository\'s NFS datastore, writing to its redo log; the goal is a VM started from one by Instant VM Recovery and migrated to production storage (ds1).');
  });

  it('a powered-off recovered VM is not running, and its redo log stops growing', () => {
    const l = backedUp();
    l.dispatch({ type: 'restore.instant', point: 'repo01-1', name: 'APP01-IVR' });
    l.advance(MINUTE);
    l.dispatch({ type: 'vm.powerOff', vm: 'app01-ivr' });
    l.advance(MINUTE);
    expect(check(l, running).why).toMatch(/^APP01-IVR is on repo01, the backup repository's NFS datastore, but powered off;/);
  });

  it('migrated: in flight it says so; after the switch the redo log it held still counts, and the wrong datastore is named', () => {
    const l = backedUp();
    l.dispatch({ type: 'restore.instant', point: 'repo01-1', name: 'APP01-IVR' });
    l.advance(41 * MINUTE);
    expect(l.dispatch({ type: 'restore.migrate', vm: 'app01-ivr', datastore: 'ds2' }).ok).toBe(true);
    l.advance(1000);
    expect(check(l, migrated).why).toMatch(/^APP01-IVR is being migrated to production storage \(\d+%\): until the switch it runs from repo01 and writes to its redo log there\.$/);
    l.advance(10 * MINUTE);
    expect(check(l, migrated).why).toBe('APP01-IVR was migrated to ds2; the goal is ds1.');
    expect(check(l, { ...migrated, datastore: 'ds2' }).done).toBe(true);
    expect(check(l, grown).done).toBe(true);
    const vm = l.state().vms.find((v) => v.id === 'app01-ivr')!;
    expect(vm.instantRecovery).toBeNull();
    expect(vm.migratedFromBackup).toMatchObject({ point: 'repo01-1', source: 'app01', from: 'repo01', to: 'ds2' });
  });

  it('a VM migrated before its redo log grew cannot meet the size afterwards, and says why', () => {
    const l = backedUp();
    l.dispatch({ type: 'restore.instant', point: 'repo01-1', name: 'APP01-IVR' });
    l.advance(MINUTE);
    l.dispatch({ type: 'restore.migrate', vm: 'app01-ivr' });
    l.advance(10 * MINUTE);
    expect(check(l, migrated).done).toBe(true);
    expect(check(l, grown).why).toMatch(/^APP01-IVR was migrated to ds1 when its redo logs held [\d.]+ (KB|MB); the goal was at least 64\.0 MB before the migration \(start another Instant VM Recovery to watch it again\)\.$/);
  });
});
