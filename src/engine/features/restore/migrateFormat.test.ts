// restore.migrate's disk format (restore rule 7): as the vSphere Client's "Select virtual disk format"
// of a Storage vMotion, "Same format as source" by default (each disk as it was in the backed-up VM),
// or every disk thin or thick; a thick disk takes its capacity on the target, a thin one its data.
import { describe, expect, it } from 'vitest';
import { Lab } from '../../lab/lab';
import { ok, settle } from '../../testing/harness';
import { runNow } from '../../testing/backupLab';

const GiB = 1024 ** 3;

/** APP01 with a thin system disk and a thick data disk, backed up once and running from the backup. */
function recovered(ds2GB = 300): { lab: Lab; vm: string } {
  const lab = new Lab({
    seed: 7,
    hosts: [{ id: 'esx01', version: '5.0' }],
    datastores: [{ id: 'ds1', capacityGB: 200, fs: 'vmfs5', MBps: 300 }, { id: 'ds2', capacityGB: ds2GB, fs: 'vmfs5', MBps: 300 }],
    vms: [{
      id: 'app01', name: 'APP01', guest: 'windows2008r2', ctkEnabled: true,
      disks: [{ id: 'disk1', capacityGB: 20, usedGB: 3, thin: true }, { id: 'data', capacityGB: 40, usedGB: 5, thin: false }],
      workload: { profile: 'fileserver', writeIOPS: 10 },
    }],
    backup: {
      proxies: [{ id: 'proxy01', transport: 'hotadd', MBps: 400 }],
      repositories: [{ id: 'repo01', capacityGB: 500, MBps: 300 }],
      jobs: [{ id: 'nightly', vms: ['app01'], quiesce: false, cbt: true }],
    },
  });
  runNow(lab);
  const point = lab.state().restorePoints[0];
  ok(lab, { type: 'restore.instant', point: point.id, name: 'APP01-IVR' });
  settle(lab);
  return { lab, vm: lab.state().vms.find((v) => v.name === 'APP01-IVR')!.id };
}

const ivr = (lab: Lab) => lab.state().vms.find((v) => v.name === 'APP01-IVR')!;
const bases = (lab: Lab) => ivr(lab).disks.map((d) => [d.id, d.chain[0].format, d.chain[0].sizeBytes] as const);

function migrate(lab: Lab, cmd: Record<string, unknown>) {
  const used = lab.state().datastores.find((d) => d.id === 'ds2')!.usedBytes;
  const r = ok(lab, { type: 'restore.migrate', datastore: 'ds2', ...cmd });
  settle(lab);
  expect(lab.state().tasks.find((t) => t.id === r.task)!.state).toBe('success');
  return lab.state().datastores.find((d) => d.id === 'ds2')!.usedBytes - used;
}

describe('restore rule 7: the disk format of the migration to production', () => {
  it('restore rule 7: by default each disk keeps the format it had in the backed-up VM: thin stays thin, thick stays thick', () => {
    const { lab, vm } = recovered();
    expect(ivr(lab).instantRecovery!.sourceDiskFormats).toEqual({ disk1: 'thin', data: 'thick' });
    const took = migrate(lab, { vm });
    const [[, f1, s1], [, f2, s2]] = bases(lab);
    expect([f1, f2]).toEqual(['thin', 'flat']);
    expect(s1).toBeLessThan(10 * GiB);
    expect(s2).toBeGreaterThanOrEqual(40 * GiB);
    expect(took).toBeLessThan(50 * GiB);
    expect(ivr(lab).migratedFromBackup).toMatchObject({ to: 'ds2', diskFormats: { disk1: 'thin', data: 'thick' } });
    const said = lab.state().events.filter((e) => e.kind === 'restore.migrated').at(-1)!.message;
    expect(said).toContain('Hard disk 1 thin, Hard disk 2 thick');
  });

  it('restore rule 7: "thin" makes every disk thin, taking only its data; "thick" every disk thick, taking its capacity', () => {
    const thin = recovered();
    const tookThin = migrate(thin.lab, { vm: thin.vm, diskFormat: 'thin' });
    expect(bases(thin.lab).map(([, f]) => f)).toEqual(['thin', 'thin']);
    expect(tookThin).toBeLessThan(20 * GiB);
    const thick = recovered();
    const tookThick = migrate(thick.lab, { vm: thick.vm, diskFormat: 'thick' });
    expect(bases(thick.lab).map(([, f]) => f)).toEqual(['flat', 'flat']);
    expect(tookThick).toBeGreaterThanOrEqual(60 * GiB);
    // The thin copy holds the blocks in use (the guest writes inside its 3 and 5 GB of data); a thick disk is all allocated.
    expect(ivr(thin.lab).disks.map((d) => d.chain[0].dataBytes)).toEqual([3 * GiB, 5 * GiB]);
    expect(ivr(thick.lab).disks.map((d) => d.chain[0].dataBytes)).toEqual([20 * GiB, 40 * GiB]);
    expect(thick.lab.state().events.filter((e) => e.kind === 'restore.migrated').at(-1)!.message).toContain('(thick provisioned)');
  });

  it('restore rule 7: a target with room for the thin copy but not the thick one refuses thick and takes thin', () => {
    const { lab, vm } = recovered(30);
    const before = JSON.stringify(lab.state());
    const thick = lab.dispatch({ type: 'restore.migrate', vm, datastore: 'ds2', diskFormat: 'thick' });
    expect(thick).toMatchObject({ ok: false, error: { code: 'INSUFFICIENT_SPACE' } });
    expect(JSON.stringify(lab.state())).toBe(before);
    migrate(lab, { vm, diskFormat: 'thin' });
    expect(ivr(lab).datastore).toBe('ds2');
  });

  it('restore rule 7: a disk format vSphere does not offer here is refused and changes nothing', () => {
    const { lab, vm } = recovered();
    const before = JSON.stringify(lab.state());
    const r = lab.dispatch({ type: 'restore.migrate', vm, diskFormat: 'eagerZeroedThick' } as never);
    expect(r).toMatchObject({ ok: false, error: { code: 'INVALID_COMMAND' } });
    if (!r.ok) expect(r.error.message).toContain('diskFormat');
    expect(JSON.stringify(lab.state())).toBe(before);
  });
});
