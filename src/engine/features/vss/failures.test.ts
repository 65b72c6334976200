import { describe, expect, it } from 'vitest';
import { ok, settle, vmOf, take } from '../../testing/harness';
import { vssLab, quiesce, startQuiesce, exec, inject, events, kinds, writer, task, EXCHANGE } from '../../testing/vssLab';
import { HOLD_TIMEOUT, QUIESCE_FAILED } from './messages';
import { flushMs, commitMs } from './timing';

const guestLog = (lab: ReturnType<typeof vssLab>) => lab.vms[0].guest.eventLog;

describe('failures, aborts and timeouts (vss.md rules 6-10)', () => {
  it('vss rule 6: each writer error shows its HRESULT; a second set meanwhile gets SNAPSHOT_SET_IN_PROGRESS', () => {
    const codes = { retryable: 0x800423f3, nonRetryable: 0x800423f4, inconsistentSnapshot: 0x800423f0, outOfResources: 0x800423f1 } as const;
    for (const [error, hr] of Object.entries(codes)) {
      const lab = vssLab();
      inject(lab, { kind: 'writerError', writer: EXCHANGE, phase: 'freeze', error });
      quiesce(lab);
      expect(writer(lab, EXCHANGE).lastError >>> 0).toBe(hr);
    }
    const lab = vssLab();
    ok(lab, { type: 'guest.backup', vm: 'vm1', backupType: 'copy' });
    lab.advance(100);
    const r = lab.dispatch({ type: 'guest.backup', vm: 'vm1', backupType: 'full' });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.message).toContain('0x80042316');
  });

  it('vss rule 7: a failed OnFreeze aborts: the culprit shows its error, bystanders Failed with No error; PrepareForSnapshot fails without Abort', () => {
    const lab = vssLab({ apps: ['exchange', 'sql'] });
    inject(lab, { kind: 'writerError', writer: 'SqlServerWriter', phase: 'freeze', error: 'nonRetryable', once: true });
    const t = quiesce(lab);
    expect(t.state).toBe('error');
    expect(kinds(lab)).toContain('vss.abort');
    expect(vmOf(lab.state()).snapshots).toHaveLength(0);
    expect(writer(lab, 'SqlServerWriter')).toMatchObject({ state: 9, lastErrorText: 'Non-retryable error' });
    expect(writer(lab, EXCHANGE)).toMatchObject({ state: 9, lastError: 0 });
    expect(writer(lab, 'System Writer')).toMatchObject({ state: 9, lastError: 0 });
    // Failed writers stay failed ...
    lab.advance(600_000);
    expect(writer(lab, 'SqlServerWriter').state).toBe(9);
    // ... until the hosting service restarts,
    exec(lab, 'net stop SQLWriter');
    exec(lab, 'net start SQLWriter');
    expect(writer(lab, 'SqlServerWriter')).toMatchObject({ state: 1, lastError: 0 });
    // or a later session succeeds.
    expect(quiesce(lab, 'ok').state).toBe('success');
    expect(writer(lab, EXCHANGE)).toMatchObject({ state: 1, lastError: 0 });

    const prep = vssLab();
    inject(prep, { kind: 'writerError', writer: EXCHANGE, phase: 'prepareSnapshot', error: 'retryable', once: true });
    expect(quiesce(prep).state).toBe('error');
    expect(kinds(prep)).not.toContain('vss.abort');
    expect(writer(prep, EXCHANGE)).toMatchObject({ state: 8, lastErrorText: 'Retryable error' });
  });

  it('vss rule 7: a thaw failure after the VMware snapshot was taken discards it: never a partial snapshot', () => {
    const lab = vssLab();
    inject(lab, { kind: 'writerError', writer: EXCHANGE, phase: 'thaw', error: 'retryable', once: true });
    const t = quiesce(lab);
    expect(t.state).toBe('error');
    expect(t.error!.message).toContain('Failed to quiesce the virtual machine.');
    expect(kinds(lab)).toEqual(expect.arrayContaining(['vm.snapshotCreated', 'vm.snapshotDiscarded', 'vss.abort']));
    const vm = vmOf(lab.state());
    expect(vm.snapshots).toHaveLength(0);
    expect(vm.disks.every((d) => d.chain.length === 1)).toBe(true);
    expect(writer(lab, EXCHANGE).state).toBe(10);
  });

  it('vss rule 8: heavy writes on a slow datastore alone overrun the 10 s hold: vCenter\'s message, VSS 12298 and VolSnap 8', () => {
    const lab = vssLab({ workload: { profile: 'exchange', writeIOPS: 4000 } }, { MBps: 20 });
    const vm = lab.vms[0];
    inject(lab, { kind: 'datastoreSlow', datastore: 'ds1', MBps: 2 });
    // The documented model: flush = 30 ms + dirty / 4S (under 10 s here), commit adds dirty / S (over).
    expect(flushMs(lab, vm)).toBeLessThan(10_000);
    const t = quiesce(lab);
    expect(t.state).toBe('error');
    expect(t.error!.message).toBe(HOLD_TIMEOUT);
    expect(vmOf(lab.state()).snapshots).toHaveLength(0);
    expect(guestLog(lab).some((e) => e.source === 'VSS' && e.id === 12298 && /cannot be held/.test(e.message))).toBe(true);
    expect(guestLog(lab).some((e) => e.source === 'VolSnap' && e.id === 8)).toBe(true);
    expect(events(lab).find((e) => e.kind === 'quiesce.failed')!.message).toContain('0x80042314');
    expect(vm.ioHeld).toBe(false);
    // The same load on the datastore's full speed fits in the window.
    const fast = vssLab({ workload: { profile: 'exchange', writeIOPS: 4000 } }, { MBps: 200 });
    expect(commitMs(fast, fast.vms[0], 'vmware')).toBeLessThan(10_000);
    expect(quiesce(fast).state).toBe('success');
  });

  it('vss rule 8: slowCommit holds writes past 10 s; the kernel releases them at exactly 10 s', () => {
    const lab = vssLab();
    inject(lab, { kind: 'slowCommit', holdMs: 12_000, once: true });
    const id = startQuiesce(lab);
    settle(lab);
    const ev = events(lab);
    const hold = ev.find((e) => e.kind === 'vss.commit')!.time;
    const failed = ev.find((e) => e.kind === 'quiesce.failed')!.time;
    expect(failed - hold).toBe(10_000);
    expect(task(lab, id).error!.message).toBe(HOLD_TIMEOUT);
    expect(quiesce(lab, 'again').state).toBe('success');
  });

  it('vss rule 9: a writer not thawed within its window aborts itself: 20 s for Exchange, 60 s for others; VSS 8229', () => {
    const lab = vssLab({ apps: ['exchange', 'sql'] });
    inject(lab, { kind: 'writerHang', writer: EXCHANGE, phase: 'freeze', once: true });
    quiesce(lab);
    const ev = events(lab);
    const sent = ev.find((e) => e.kind === 'vss.freeze' && e.message.includes(EXCHANGE))!.time;
    expect(ev.find((e) => e.kind === 'quiesce.failed')!.time - sent).toBe(20_000);
    expect(writer(lab, EXCHANGE)).toMatchObject({ state: 9, lastErrorText: 'Timed out' });
    expect(guestLog(lab).some((e) => e.id === 8229 && e.message.includes('0x800423f2') && e.message.includes(EXCHANGE))).toBe(true);

    const sql = vssLab({ apps: ['sql'] });
    inject(sql, { kind: 'writerHang', writer: 'SqlServerWriter', phase: 'thaw', once: true });
    quiesce(sql);
    const e2 = events(sql);
    const frozeAt = e2.find((e) => e.kind === 'vss.freeze' && e.message.includes('SqlServerWriter'))!.time;
    expect(e2.find((e) => e.kind === 'quiesce.failed')!.time - frozeAt).toBe(60_000);
    expect(writer(sql, 'SqlServerWriter')).toMatchObject({ state: 9, lastErrorText: 'Timed out' });
    expect(vmOf(sql.state()).snapshots).toHaveLength(0);
  });

  it('vss rule 9 (Veeam KB 1377 names Exchange only): NTDS keeps the default 60 s window, not Exchange\'s 20 s', () => {
    const dc = vssLab({ apps: ['ad'] });
    expect(writer(dc, 'NTDS').freezeTimeoutMs).toBe(60_000);
    inject(dc, { kind: 'writerHang', writer: 'NTDS', phase: 'thaw', once: true });
    quiesce(dc);
    const ev = events(dc);
    const frozeAt = ev.find((e) => e.kind === 'vss.freeze' && e.message.includes('NTDS'))!.time;
    expect(ev.find((e) => e.kind === 'quiesce.failed')!.time - frozeAt).toBe(60_000);
    expect(writer(dc, 'NTDS')).toMatchObject({ state: 9, lastErrorText: 'Timed out' });
  });

  it('vss rule 10: VMware Tools gives a quiesce 15 minutes (tools.conf timeout can shorten it)', () => {
    const lab = vssLab();
    inject(lab, { kind: 'writerHang', writer: EXCHANGE, phase: 'prepareSnapshot', once: true });
    const id = startQuiesce(lab);
    settle(lab);
    const t = task(lab, id);
    expect(t.state).toBe('error');
    expect(t.error!.message).toBe(QUIESCE_FAILED);
    expect(t.completedAt! - t.startedAt!).toBe(15 * 60_000);
    expect(writer(lab, EXCHANGE)).toMatchObject({ state: 8, lastErrorText: 'Timed out' });

    const short = vssLab({ toolsConf: { timeout: 120 } });
    inject(short, { kind: 'writerHang', writer: EXCHANGE, phase: 'identify', once: true });
    const id2 = startQuiesce(short);
    settle(short);
    const t2 = task(short, id2);
    expect(t2.completedAt! - t2.startedAt!).toBe(120_000);
    expect(take(short, 'after').state).toBe('success');
  });
});

describe('a session cut short', () => {
  it('a quiesce during an in-guest backup fails with SNAPSHOT_SET_IN_PROGRESS, and a power-off ends the backup', () => {
    const lab = vssLab({ workload: { profile: 'exchange', writeIOPS: 50 } }, { MBps: 20 });
    const b = ok(lab, { type: 'guest.backup', vm: 'vm1', backupType: 'full' });
    lab.advance(15_000);
    expect(vmOf(lab.state()).vssSession).toMatchObject({ requestor: 'backup application' });
    const q = startQuiesce(lab, 'during');
    lab.advance(5_000);
    expect(task(lab, q).state).toBe('error');
    expect(events(lab).find((e) => e.kind === 'quiesce.failed')!.message).toContain('0x80042316');
    ok(lab, { type: 'vm.powerOff', vm: 'vm1' });
    lab.advance(5_000);
    expect(vmOf(lab.state()).power).toBe('poweredOff');
    expect(task(lab, b.task!).state).toBe('error');
    const vm = vmOf(lab.state());
    expect(vm.vssSession).toBeNull();
    expect(vm.shadowCopies).toEqual([]);
    expect(lab.vms[0].ioHeld).toBe(false);
  });
});
