import { describe, expect, it } from 'vitest';
import { ok, vmOf, take, settle } from '../../testing/harness';
import { vssLab, quiesce, inject, kinds, events } from '../../testing/vssLab';
import { CANNOT_INITIALIZE, QUIESCE_FAILED } from './messages';

const snap = (lab: ReturnType<typeof vssLab>) => vmOf(lab.state()).snapshots.at(-1)!;
const writerEvents = (lab: ReturnType<typeof vssLab>) => events(lab).filter((e) => vmOf(lab.state()).writers.some((w) => w.name === e.source));

describe('which mechanism quiesces (vss.md rules 15-20)', () => {
  it('vss rule 15: without Tools running (or with the VM off) the quiesce is ignored', () => {
    const lab = vssLab({ tools: { status: 'notRunning', build: 208167, vss: true } });
    expect(quiesce(lab).state).toBe('success');
    expect(snap(lab)).toMatchObject({ quiesced: false, consistency: 'crash' });
    expect(kinds(lab)).toContain('quiesce.ignored');
    expect(kinds(lab)).not.toContain('quiesce.start');
    const off = vssLab({ power: 'poweredOff' });
    quiesce(off);
    expect(snap(off)).toMatchObject({ quiesced: false, consistency: 'poweredOff' });
  });

  it('vss rule 16: VSS needs ESX 3.5 U2, Tools 110268 with VSS, a VSS service that is not Disabled; otherwise a fallback runs', () => {
    const cases: [string, Parameters<typeof vssLab>, string, string][] = [
      // Tools builds without the VSS component still carry the LGTO_SYNC driver.
      ['old Tools', [{ tools: { status: 'running', build: 104000, vss: true } }], 'syncDriver.freeze', 'filesystem'],
      ['no VSS component', [{ tools: { status: 'running', build: 208167, vss: false } }], 'syncDriver.freeze', 'filesystem'],
      // With the VSS component in place of LGTO_SYNC there is no driver: the null provider (rule 17).
      ['old host', [{}, { host: '3.5' }], 'quiesce.nullProvider', 'crash'],
      ['VSS disabled', [{ vssService: 'disabled' }], 'quiesce.nullProvider', 'crash'],
    ];
    for (const [what, args, kind, consistency] of cases) {
      const lab = vssLab(...args);
      expect(quiesce(lab).state, what).toBe('success');
      expect(snap(lab), what).toMatchObject({ quiesced: true, consistency });
      expect(kinds(lab), what).toContain(kind);
      expect(kinds(lab), what).not.toContain('vss.freeze');
    }
    const good = vssLab({ tools: { status: 'running', build: 110268, vss: true } }, { host: '3.5u2' });
    quiesce(good);
    expect(snap(good).consistency).toBe('application');
  });

  it('vss rule 17 (OVT stateMachine.c VmBackupStartCommon): forceQuiesce allows only VSS on Windows and only the sync driver (FIFREEZE) on Linux', () => {
    const linux = vssLab({ guest: 'linux', apps: [], toolsConf: { forceQuiesce: true } });
    expect(quiesce(linux).state).toBe('success');
    expect(snap(linux)).toMatchObject({ quiesced: true, consistency: 'filesystem' });
    expect(events(linux).find((e) => e.kind === 'syncDriver.freeze')!.message).toContain('vmsync / FIFREEZE');

    const forced = vssLab({ vssService: 'disabled', toolsConf: { forceQuiesce: true } });
    const t = quiesce(forced);
    expect(t.state).toBe('error');
    expect(t.error!.message).toContain(CANNOT_INITIALIZE);
    expect(t.error!.message).toContain(QUIESCE_FAILED);
    expect(vmOf(forced.state()).snapshots).toHaveLength(0);

    const noDriver = vssLab({ guest: 'linux', apps: [], toolsConf: { forceQuiesce: true, enableSyncDriver: false } });
    expect(quiesce(noDriver).error!.message).toContain(CANNOT_INITIALIZE);
  });

  it('vss rule 17 (OVT nullProvider.c): with no VSS and enableSyncDriver=false the null provider takes the snapshot: the task succeeds, crash-consistent', () => {
    for (const lab of [vssLab({ guest: 'linux', apps: [], toolsConf: { enableSyncDriver: false } }),
      vssLab({ tools: { status: 'running', build: 104000, vss: false }, toolsConf: { enableSyncDriver: 'false' } })]) {
      const t = quiesce(lab);
      expect(t.state).toBe('success');
      expect(snap(lab)).toMatchObject({ quiesced: true, consistency: 'crash' });
      expect(kinds(lab)).toEqual(expect.arrayContaining(['quiesce.start', 'quiesce.nullProvider', 'vm.snapshotCreated', 'quiesce.done']));
      expect(kinds(lab)).not.toContain('syncDriver.freeze');
      expect(vmOf(lab.state()).quiesce).toMatchObject({ mechanism: 'nullProvider', result: 'success', consistency: 'crash' });
      expect(events(lab).find((e) => e.kind === 'quiesce.done')!.message).toContain('only crash consistent');
    }
  });

  it('vss rule 17 (VDDK quiescing table: Windows 2003 uses the VMware VSS component): where the VSS component replaced LGTO_SYNC, a VSS that cannot start falls to the null provider', () => {
    const replaced = vssLab({ vssService: 'disabled' });
    expect(quiesce(replaced).state).toBe('success');
    expect(snap(replaced).consistency).toBe('crash');
    expect(events(replaced).find((e) => e.kind === 'quiesce.start')!.message).toContain('in place of the LGTO_SYNC driver');
    expect(kinds(replaced)).not.toContain('syncDriver.freeze');
    // Tools installed without its VSS component keeps LGTO_SYNC, and that still stands in.
    const legacy = vssLab({ vssService: 'disabled', tools: { status: 'running', build: 208167, vss: false } });
    quiesce(legacy);
    expect(snap(legacy).consistency).toBe('filesystem');
    expect(events(legacy).find((e) => e.kind === 'syncDriver.freeze')!.message).toContain('LGTO_SYNC');
  });

  it('vss rule 17: the fallback is chosen when VSS cannot start, never after VSS failed half way: a writer failure fails the task', () => {
    const writerFails = vssLab();
    inject(writerFails, { kind: 'writerError', writer: 'Microsoft Exchange Writer', phase: 'freeze', error: 'retryable' });
    expect(quiesce(writerFails).state).toBe('error');
    expect(kinds(writerFails)).not.toContain('syncDriver.freeze');
    expect(kinds(writerFails)).not.toContain('quiesce.nullProvider');
  });

  it('vss rule 18: Windows 2008 gets application quiescing only on ESX 4.1+ with disk.EnableUUID, SCSI and basic disks', () => {
    const w2008 = (vm: Parameters<typeof vssLab>[0], host = '4.1') => vssLab({ guest: 'windows2008', diskEnableUUID: true, ...vm }, { host });
    const app = w2008({});
    quiesce(app);
    expect(snap(app).consistency).toBe('application');
    for (const lab of [w2008({}, '4.0'), w2008({ diskEnableUUID: false }),
      w2008({ disks: [{ id: 'disk1', capacityGB: 10, controller: 'ide' }] }),
      w2008({ disks: [{ id: 'disk1', capacityGB: 10, dynamic: true }] }),
      vssLab({ toolsConf: { 'vss.disableAppQuiescing': true } })]) {
      expect(quiesce(lab).state).toBe('success');
      expect(snap(lab)).toMatchObject({ quiesced: true, consistency: 'filesystem' });
      expect(writerEvents(lab)).toEqual([]);
      expect(kinds(lab)).toContain('vss.flushAndHold');
    }
    // A writer fault cannot fail a session that engages no writers.
    const fs = vssLab({ toolsConf: { 'vss.disableAppQuiescing': 'true' } });
    inject(fs, { kind: 'writerError', writer: 'Microsoft Exchange Writer', phase: 'freeze', error: 'retryable' });
    expect(quiesce(fs).state).toBe('success');
  });

  it('vss rule 18 (VDDK guide: enable the UUID with the VM powered off): a disk.EnableUUID change on a running VM takes effect at the next power-on', () => {
    const lab = vssLab({ guest: 'windows2008', diskEnableUUID: false }, { host: '4.1' });
    ok(lab, { type: 'vm.configure', vm: 'vm1', diskEnableUUID: true });
    settle(lab);
    expect(vmOf(lab.state())).toMatchObject({ diskEnableUUID: true, diskEnableUUIDInEffect: false });
    expect(lab.state().events.find((e) => e.kind === 'vm.reconfigured')!.message).toContain('takes effect at the next power-on');
    quiesce(lab, 'still-running');
    expect(snap(lab).consistency).toBe('filesystem');
    expect(events(lab).find((e) => e.kind === 'quiesce.start')!.message).toContain('takes effect at the next power-on');
    // Power off, power on: the .vmx is read again.
    ok(lab, { type: 'vm.powerOff', vm: 'vm1' });
    settle(lab);
    ok(lab, { type: 'vm.powerOn', vm: 'vm1' });
    settle(lab);
    expect(vmOf(lab.state()).diskEnableUUIDInEffect).toBe(true);
    quiesce(lab, 'after-power-cycle');
    expect(snap(lab).consistency).toBe('application');
  });

  it('vss rule 18 (VDDK guide: "enabled by default for virtual machines created on 4.1 or later"): disk.EnableUUID defaults by the host the VM is created on; the lab field still sets it', () => {
    expect(vmOf(vssLab({ guest: 'windows2008' }, { host: '4.1' }).state()).diskEnableUUID).toBe(true);
    expect(vmOf(vssLab({ guest: 'windows2008' }, { host: '4.0' }).state()).diskEnableUUID).toBe(false);
    expect(vmOf(vssLab({ guest: 'windows2008', diskEnableUUID: false }, { host: '6.5' }).state()).diskEnableUUID).toBe(false);
    const created41 = vssLab({ guest: 'windows2008' }, { host: '4.1' });
    quiesce(created41);
    expect(snap(created41).consistency).toBe('application');
  });

  it('vss rule 18 (VDDK guide: as many free SCSI slots as disks): application quiescing needs a free SCSI slot per disk', () => {
    const disks = (n: number) => Array.from({ length: n }, (_, i) => ({ id: `d${i}`, capacityGB: 1 }));
    const seven = vssLab({ guest: 'windows2008', disks: disks(7) }, { host: '4.1' });
    quiesce(seven);
    expect(snap(seven).consistency).toBe('application');
    const eight = vssLab({ guest: 'windows2008', disks: disks(8) }, { host: '4.1' });
    quiesce(eight);
    expect(snap(eight).consistency).toBe('filesystem');
    expect(events(eight).find((e) => e.kind === 'quiesce.start')!.message).toContain('a free SCSI slot per disk: 8 disks leave 7 of 15 slots free');
    const twoControllers = vssLab({ guest: 'windows2008', disks: disks(8), scsiControllers: 2 }, { host: '4.1' });
    quiesce(twoControllers);
    expect(snap(twoControllers).consistency).toBe('application');
  });

  it('vss rule 19: pre-freeze runs before VSS, post-thaw after thaw; a failing freeze script fails the quiesce; freezeFail undoes a freeze', () => {
    const lab = vssLab({ scripts: { preFreeze: 0, postThaw: 0 } });
    quiesce(lab);
    const ks = kinds(lab);
    expect(ks.indexOf('script.freeze')).toBeLessThan(ks.indexOf('vss.identify'));
    expect(ks.lastIndexOf('script.thaw')).toBeGreaterThan(ks.lastIndexOf('vss.postSnapshot'));
    expect(events(lab).find((e) => e.kind === 'script.freeze')!.message).toContain('C:\\Windows\\pre-freeze-script.bat" freeze');

    const bad = vssLab({ scripts: { preFreeze: 3 } });
    const t = quiesce(bad);
    expect(t.state).toBe('error');
    expect(t.error!.message).toBe(QUIESCE_FAILED);
    expect(kinds(bad)).toEqual(expect.arrayContaining(['script.freezeFail', 'quiesce.failed']));
    expect(kinds(bad)).not.toContain('vss.identify');

    const undo = vssLab({ scripts: { preFreeze: 0 } });
    inject(undo, { kind: 'writerError', writer: 'Microsoft Exchange Writer', phase: 'freeze', error: 'retryable', once: true });
    quiesce(undo);
    expect(events(undo).find((e) => e.kind === 'script.freezeFail')!.message).toContain('freezeFail');

    const thaw = vssLab();
    inject(thaw, { kind: 'scriptFail', script: 'post-thaw', exitCode: 1, once: true });
    expect(quiesce(thaw).state).toBe('error');
    expect(vmOf(thaw.state()).snapshots).toHaveLength(0);

    const off = vssLab({ scripts: { preFreeze: 5 }, toolsConf: { execScripts: false } });
    expect(quiesce(off).state).toBe('success');
  });

  it('vss rule 20: a successful Windows VSS quiesce leaves vss-manifest.zip beside the snapshot, larger with writer manifests', () => {
    const manifests = (lab: ReturnType<typeof vssLab>) => lab.state().datastores[0].files.filter((f) => f.path.endsWith('vss-manifest.zip'));
    const app = vssLab();
    quiesce(app);
    const fs = vssLab({ toolsConf: { 'vss.disableAppQuiescing': true } });
    quiesce(fs);
    expect(manifests(app)).toHaveLength(1);
    expect(manifests(fs)).toHaveLength(1);
    expect(manifests(app)[0].sizeBytes).toBeGreaterThan(manifests(fs)[0].sizeBytes);
    const sync = vssLab({ guest: 'linux', apps: [] });
    quiesce(sync);
    expect(manifests(sync)).toHaveLength(0);
    const failed = vssLab();
    inject(failed, { kind: 'writerError', writer: 'Microsoft Exchange Writer', phase: 'postSnapshot', error: 'retryable' });
    quiesce(failed);
    expect(manifests(failed)).toHaveLength(0);
    take(app, 'plain');
    expect(manifests(app)).toHaveLength(1);
    ok(app, { type: 'snapshot.deleteAll', vm: 'vm1' });
    settle(app);
    expect(manifests(app)).toHaveLength(0);
  });
});
