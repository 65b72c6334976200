import { describe, expect, it } from 'vitest';
import { ok, settle, vmOf, runTask } from '../../testing/harness';
import { vssLab, quiesce, events } from '../../testing/vssLab';
import { effectiveType } from './backupTypes';

function backup(lab: ReturnType<typeof vssLab>, backupType: string) {
  return runTask(lab, { type: 'guest.backup', vm: 'vm1', backupType });
}

const exchangeLab = () => vssLab({ workload: { profile: 'exchange', writeIOPS: 100 } });
const logs = (lab: ReturnType<typeof vssLab>) => vmOf(lab.state()).apps.exchange!;

describe('backup types (vss.md rules 11-14)', () => {
  it('vss rule 11: VSS_BACKUP_TYPE values; a writer that does not support the type is backed up as FULL', () => {
    // The requestor's SetBackupState names each type with its VSS_BACKUP_TYPE value.
    const told = (['full', 'incremental', 'differential', 'log', 'copy'] as const).map((t) => {
      const lab = exchangeLab();
      backup(lab, t);
      return events(lab).find((e) => e.kind === 'vss.prepareBackup')!.message.match(/SetBackupState\((\w+ = \d)\)/)![1];
    });
    expect(told).toEqual(['VSS_BT_FULL = 1', 'VSS_BT_INCREMENTAL = 2', 'VSS_BT_DIFFERENTIAL = 3', 'VSS_BT_LOG = 4', 'VSS_BT_COPY = 5']);
    expect(effectiveType('Microsoft Exchange Writer', 'log')).toBe('full');
    expect(effectiveType('SqlServerWriter', 'incremental')).toBe('full');
    expect(effectiveType('Microsoft Exchange Writer', 'differential')).toBe('differential');
    // Exchange has no Log backup: a Log request truncates as a Full would.
    const lab = exchangeLab();
    lab.advance(120_000);
    expect(backup(lab, 'log').state).toBe('success');
    expect(logs(lab).truncations).toBe(1);
    expect(logs(lab).lastFullBackup).not.toBeNull();
  });

  it('vss rule 12: Exchange truncates logs at BackupComplete after Full and Incremental only', () => {
    for (const [type, truncates] of [['full', true], ['incremental', true], ['copy', false], ['differential', false]] as const) {
      const lab = exchangeLab();
      lab.advance(300_000);
      const r = ok(lab, { type: 'guest.backup', vm: 'vm1', backupType: type });
      // Until BackupComplete nothing is truncated, however long the copy runs.
      let before = 0;
      for (let i = 0; i < 5000 && !events(lab).some((e) => e.kind === 'vss.backupComplete'); i++) {
        lab.advance(100);
        before = logs(lab).truncations;
      }
      expect(before).toBe(0);
      const atComplete = logs(lab).logBytes;
      settle(lab);
      expect(lab.state().tasks.find((t) => t.id === r.task)!.state).toBe('success');
      expect(logs(lab).truncations).toBe(truncates ? 1 : 0);
      if (truncates) {
        expect(logs(lab).logBytes).toBeLessThan(atComplete);
        expect(lab.vms[0].guest.eventLog.some((e) => e.source === 'ESE' && e.id === 224)).toBe(true);
      } else expect(logs(lab).logBytes).toBeGreaterThanOrEqual(atComplete);
    }
  });

  it('vss rule 13 (SQLW; SMO BackupSet.IsCopyOnly): Copy is recorded in msdb flagged copy-only and moves no base; Full sets the differential base; never a log truncation; Log becomes Full', () => {
    const lab = vssLab({ apps: ['sql'], workload: { profile: 'sql', writeIOPS: 50 } });
    const sql = () => vmOf(lab.state()).apps.sql!;
    expect(backup(lab, 'copy').state).toBe('success');
    expect(sql()).toMatchObject({ differentialBase: null, lastBackupType: 'full', lastCopyOnly: true, backups: 1, copyOnlyBackups: 1 });
    expect(lab.vms[0].guest.eventLog.filter((e) => e.source === 'MSSQLSERVER' && e.id === 18264)).toHaveLength(1);
    expect(events(lab).some((e) => e.kind === 'vss.backupComplete' && e.source === 'SqlServerWriter' && /copy-only FULL backup in msdb/.test(e.message))).toBe(true);
    expect(backup(lab, 'full').state).toBe('success');
    const base = sql().differentialBase;
    expect(base).not.toBeNull();
    lab.advance(60_000);
    expect(backup(lab, 'differential').state).toBe('success');
    expect(sql()).toMatchObject({ differentialBase: base, lastBackupType: 'differential', lastCopyOnly: false });
    // A COPY between a Full and the next Differential is in the history but leaves the base alone.
    expect(backup(lab, 'copy').state).toBe('success');
    expect(sql()).toMatchObject({ differentialBase: base, copyOnlyBackups: 2, lastCopyOnly: true });
    expect(backup(lab, 'log').state).toBe('success');
    expect(sql().lastBackupType).toBe('full');
    expect(sql().differentialBase).toBeGreaterThan(base!);
    expect(events(lab).some((e) => /truncat/i.test(e.message) && e.source === 'SqlServerWriter' && !/not truncated/.test(e.message))).toBe(false);
  });

  it('vss rule 14: VMware Tools asks for COPY and engages every writer; vssBackupType only on 6.5+', () => {
    const lab = vssLab({ apps: ['exchange', 'sql'], workload: { profile: 'exchange', writeIOPS: 100 } });
    lab.advance(300_000);
    expect(quiesce(lab).state).toBe('success');
    expect(logs(lab).truncations).toBe(0);
    expect(events(lab).find((e) => e.kind === 'vss.prepareBackup')!.message).toContain('VSS_BT_COPY = 5');
    const engaged = new Set(events(lab).filter((e) => e.kind === 'vss.freeze' && e.source !== 'VSS').map((e) => e.source));
    expect([...engaged].sort()).toEqual(vmOf(lab.state()).writers.map((w) => w.name).sort());
    const refused = lab.dispatch({ type: 'snapshot.take', vm: 'vm1', name: 'full', quiesce: true, vssBackupType: 'full' });
    expect(refused.ok).toBe(false);

    const modern = vssLab({ workload: { profile: 'exchange', writeIOPS: 100 } }, { host: '6.5' });
    modern.advance(300_000);
    expect(quiesce(modern, 'full', { vssBackupType: 'full' }).state).toBe('success');
    expect(vmOf(modern.state()).apps.exchange!.truncations).toBe(1);
  });
});
