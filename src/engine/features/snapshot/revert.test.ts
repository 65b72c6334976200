import { describe, expect, it } from 'vitest';
import { smallLab, ok, take, runTask, vmOf, diskOf, names, snapId } from '../../testing/harness';

describe('revert and branches (vmware-snapshots.md)', () => {
  it('rule 18: revert discards the current leaf, starts a new delta on the snapshot\'s file, keeps the snapshot\'s files', () => {
    const lab = smallLab();
    take(lab, 's1');
    ok(lab, { type: 'guest.write', vm: 'vm1', disk: 'disk1', offset: 0, length: 1 << 20 });
    take(lab, 's2');
    ok(lab, { type: 'guest.write', vm: 'vm1', disk: 'disk1', offset: 0, length: 4096 });
    expect(runTask(lab, { type: 'snapshot.revert', vm: 'vm1', snapshot: snapId(lab.state(), 's1') }).state).toBe('success');
    const s = lab.state();
    const d = diskOf(s);
    expect(names(d)).toEqual(['VM1.vmdk', 'VM1-000002.vmdk']);
    expect(d.chain[1].dataBytes).toBe(0);
    expect(vmOf(s).currentSnapshot).toBe(snapId(s, 's1'));
    // s2 still names its file, which stays on the datastore.
    expect(s.datastores[0].files.map((f) => f.path)).toContain('VM1/VM1-000001-delta.vmdk');
    expect(vmOf(s).snapshots).toHaveLength(2);
  });

  it('rule 18: a disk-only snapshot leaves the VM powered off; a memory one running or suspended', () => {
    const lab = smallLab();
    take(lab, 'disk');
    take(lab, 'mem', { memory: true });
    runTask(lab, { type: 'vm.suspend', vm: 'vm1' });
    take(lab, 'susp');
    runTask(lab, { type: 'snapshot.revert', vm: 'vm1', snapshot: 'disk' });
    expect(vmOf(lab.state()).power).toBe('poweredOff');
    runTask(lab, { type: 'snapshot.revert', vm: 'vm1', snapshot: 'mem' });
    expect(vmOf(lab.state()).power).toBe('poweredOn');
    runTask(lab, { type: 'snapshot.revert', vm: 'vm1', snapshot: 'susp' });
    expect(vmOf(lab.state()).power).toBe('suspended');
  });

  it('rule 19: a snapshot taken after a revert starts a sibling branch; the old children stay', () => {
    const lab = smallLab();
    take(lab, 'base');
    take(lab, 'old-child');
    runTask(lab, { type: 'snapshot.revert', vm: 'vm1', snapshot: 'base' });
    take(lab, 'new-child');
    const vm = vmOf(lab.state());
    const byName = Object.fromEntries(vm.snapshots.map((s) => [s.name, s]));
    expect(byName['old-child'].parent).toBe(byName.base.id);
    expect(byName['new-child'].parent).toBe(byName.base.id);
    expect(vm.currentSnapshot).toBe(byName['new-child'].id);
  });

  it('rule 18: the applications\' data goes back with the disks: Exchange logs a backup truncated since return, SQL history too', () => {
    const lab = smallLab({ vm: { apps: ['exchange', 'sql'], workload: { profile: 'exchange', writeIOPS: 100 } } });
    lab.advance(600_000);
    ok(lab, { type: 'guest.workload', vm: 'vm1', profile: 'none' }); // the logs stand still while the snapshot is taken
    take(lab, 'before-backup', { memory: true });
    ok(lab, { type: 'guest.workload', vm: 'vm1', profile: 'exchange', writeIOPS: 100 });
    const atSnapshot = vmOf(lab.state()).apps;
    expect(atSnapshot.exchange!.logBytes).toBeGreaterThan(0);
    lab.advance(600_000);
    expect(runTask(lab, { type: 'guest.backup', vm: 'vm1', backupType: 'full' }).state).toBe('success');
    const backedUp = vmOf(lab.state()).apps;
    expect(backedUp.exchange!.lastFullBackup).not.toBeNull();
    expect(backedUp.exchange!.logBytes).toBeLessThan(atSnapshot.exchange!.logBytes);
    expect(backedUp.sql!.differentialBase).not.toBeNull();
    // The resumed guest would go on writing logs at once; stop the workload so the comparison is exact.
    ok(lab, { type: 'guest.workload', vm: 'vm1', profile: 'none' });
    expect(runTask(lab, { type: 'snapshot.revert', vm: 'vm1', snapshot: 'before-backup' }).state).toBe('success');
    expect(vmOf(lab.state()).apps).toEqual(atSnapshot);
  });

  it('rule 18: the current memory is discarded: an in-guest backup running at the revert ends and truncates nothing', () => {
    const lab = smallLab({ vm: { apps: ['exchange'], workload: { profile: 'exchange', writeIOPS: 100 } } });
    lab.advance(600_000);
    ok(lab, { type: 'guest.workload', vm: 'vm1', profile: 'none' }); // the logs stand still while the snapshot is taken
    take(lab, 'running', { memory: true });
    ok(lab, { type: 'guest.workload', vm: 'vm1', profile: 'exchange', writeIOPS: 100 });
    const atSnapshot = vmOf(lab.state()).apps;
    lab.advance(600_000);
    const backup = ok(lab, { type: 'guest.backup', vm: 'vm1', backupType: 'full' });
    lab.advance(3000);
    expect(vmOf(lab.state()).vssSession).not.toBeNull();
    ok(lab, { type: 'guest.workload', vm: 'vm1', profile: 'none' }); // no new logs after the revert either
    expect(runTask(lab, { type: 'snapshot.revert', vm: 'vm1', snapshot: 'running' }).state).toBe('success');
    const s = lab.state();
    expect(vmOf(s).power).toBe('poweredOn');
    expect(vmOf(s).vssSession).toBeNull();
    expect(s.tasks.find((t) => t.id === backup.task)).toMatchObject({ state: 'error', error: { message: expect.stringMatching(/reverted to snapshot "running"/) } });
    expect(vmOf(s).apps).toEqual(atSnapshot);
    expect(vmOf(s).writers.every((w) => w.state === 1)).toBe(true);
  });

  it('revert to an unknown snapshot is refused at once and changes nothing', () => {
    const lab = smallLab();
    take(lab, 's1');
    const before = JSON.stringify(lab.state());
    const r = lab.dispatch({ type: 'snapshot.revert', vm: 'vm1', snapshot: 'nope' });
    expect(r).toMatchObject({ ok: false, error: { code: 'SNAPSHOT_NOT_FOUND' } });
    expect(JSON.stringify(lab.state())).toBe(before);
  });
});
