// Walkthrough: restore night. A nightly job backs up APP01 and FS01 at 22:00. The next morning a
// runaway script fills APP01's thin disk: Restore… from last night's point overwrites it with the
// point's data. FS01 is lost after a failed patch: Instant VM Recovery runs it from the repository,
// mounted as an NFS datastore, on a redo log that grows like a snapshot's delta, until Migrate to
// production copies it to ds1 and the redo log is gone.
import { advanceBy, AT_ONCE, expect, test } from './walkthrough';

const HOUR = 3_600_000;
const GB = 1024 ** 3;

const lab = {
  name: 'Restore night',
  seed: 19,
  hosts: [{ id: 'esx01', version: '5.5' }],
  datastores: [{ id: 'ds1', capacityGB: 300, fs: 'vmfs5', MBps: 200 }],
  vms: [
    { id: 'app01', name: 'APP01', guest: 'windows2008r2', memoryMB: 2048, ctkEnabled: true,
      disks: [{ id: 'disk1', capacityGB: 40, usedGB: 6, thin: true }], workload: { profile: 'fileserver', writeIOPS: 20 } },
    { id: 'fs01', name: 'FS01', guest: 'windows2008r2', memoryMB: 2048, ctkEnabled: true,
      disks: [{ id: 'disk1', capacityGB: 40, usedGB: 6 }], workload: { profile: 'fileserver', writeIOPS: 30 } },
  ],
  backup: {
    proxies: [{ id: 'proxy01', transport: 'hotadd', MBps: 400 }],
    repositories: [{ id: 'repo01', capacityGB: 1000, MBps: 300 }],
    jobs: [{ id: 'nightly', name: 'Nightly backup', proxy: 'proxy01', vms: ['app01', 'fs01'], schedule: { firstAtMs: 22 * HOUR, everyMs: 24 * HOUR }, quiesce: true, cbt: true }],
  },
};

test('restore night', async ({ page, lab: driver, walk }) => {
  test.setTimeout(240_000);
  const jobs = page.getByRole('region', { name: 'Backup jobs' });
  const points = jobs.getByRole('group', { name: 'Restore points' });
  const chain = page.getByRole('region', { name: 'Disk chain' });
  const tasks = page.getByRole('region', { name: 'Recent Tasks' });
  const vm = async (name: string) => (await driver.state()).vms.find((v) => v.name === name)!;
  const show = (panel: string) => page.getByRole('navigation', { name: 'VM panels' }).getByRole('button', { name: panel }).click();
  const showJobs = () => show('Backup jobs');
  /** Let simulated time run until `done` holds, `step` ms at a time. */
  const until = async (done: () => Promise<boolean>, step = 10_000) => {
    await expect.poll(async () => {
      const yes = await done();
      if (!yes) await driver.advance(step);
      return yes;
    }, { timeout: 60_000, intervals: AT_ONCE }).toBe(true);
  };
  const taskDone = (name: string) => async () => (await driver.state()).tasks.filter((t) => t.name === name).at(-1)?.state === 'success';

  await walk.step('A nightly job for APP01 and FS01, no restore point yet', async () => {
    expect(await driver.load(lab)).toMatchObject({ ok: true });
    await driver.selectVm('APP01');
    await showJobs();
    await expect(jobs).toContainText('Nightly backup');
    await expect(jobs).toContainText('daily at 22:00');
    await expect(jobs).toContainText('No restore points yet');
  });

  await walk.step('At 22:00 the job writes a restore point per VM', async () => {
    await driver.advance(22 * HOUR);
    await until(async () => (await driver.state()).backupJobs[0].runs[0]?.end != null, 60_000);
    expect((await driver.state()).backupJobs[0].runs[0].state).toBe('success');
    await showJobs();
    await expect(points.getByRole('row', { name: /APP01 repo01-\d+ .* full/ })).toBeVisible();
    await expect(points.getByRole('row', { name: /FS01 repo01-\d+ .* full/ })).toBeVisible();
  });

  const pointOf = async (id: string) => (await driver.state()).restorePoints.find((p) => p.vm === id)!;
  const appPoint = await pointOf('app01');

  await walk.step('The next morning a runaway script fills APP01\'s disk with 4 GB', async () => {
    await driver.advance(10 * HOUR);
    // The runaway script, as a script would write it (the Guest console's "Write to a disk" does the same).
    expect((await driver.dispatch({ type: 'guest.write', vm: 'app01', disk: 'disk1', offset: 20 * GB, length: 4 * GB })).ok).toBe(true);
    await advanceBy(driver, 120_000);
    const base = (await vm('APP01')).disks[0].chain[0];
    expect(base.dataBytes).toBeGreaterThan(appPoint.bytes + 3.9 * GB);
    await driver.selectVm('APP01');
    await show('Disk chain');
    await expect(chain).toContainText('Disk chain · APP01');
    await expect(chain).toContainText(/1\d\.\d+ GB/);
  });

  await walk.step('Restore… last night\'s point: Overwrite the original VM', async () => {
    await showJobs();
    await jobs.getByRole('button', { name: `Restore… APP01 from ${appPoint.id}` }).click();
    const dialog = page.getByRole('dialog', { name: 'Restore VM' });
    await expect(dialog).toContainText(`APP01 as at restore point ${appPoint.id} (full, application)`);
    await expect(dialog.getByRole('radio', { name: 'Overwrite the original VM' })).toBeChecked();
    await expect(dialog.getByRole('checkbox', { name: 'Power on VM after restoring' })).toBeChecked();
    await dialog.getByRole('button', { name: 'OK' }).click();
    await expect(dialog).toHaveCount(0);
    await driver.advance(5000);
    await expect(tasks.getByRole('row', { name: /Restore VM from backup/ })).toBeVisible();
  });

  await walk.step('APP01 holds last night\'s data again, powered on', async () => {
    await until(taskDone('Restore VM from backup'));
    const app = await vm('APP01');
    expect(app.power).toBe('poweredOn');
    expect(app.disks[0].chain).toHaveLength(1);
    // The restored thin disk holds what the point held (and what the guest wrote since it started).
    expect(app.disks[0].chain[0].dataBytes).toBeLessThan(appPoint.bytes + 0.5 * GB);
    await expect(tasks.getByRole('row', { name: /Restore VM from backup/ }).first()).toContainText('Completed');
    await driver.selectVm('APP01');
    await show('Disk chain');
    await expect(chain).toContainText(/6\.\d+ GB/);
  });

  const fsPoint = await pointOf('fs01');

  await walk.step('FS01 is lost after a failed patch: powered off', async () => {
    await driver.selectVm('FS01');
    await page.getByRole('group', { name: 'Power' }).getByRole('button', { name: 'Power Off', exact: true }).click();
    await until(async () => (await vm('FS01')).power === 'poweredOff', 2000);
    await expect(page.getByRole('region', { name: 'Inventory' }).getByRole('button', { name: /^FS01\b/ })).toContainText(/powered off/i);
  });

  await walk.step('Instant VM Recovery: FS01 runs from the repository within seconds', async () => {
    await showJobs();
    await jobs.getByRole('button', { name: `Restore… FS01 from ${fsPoint.id}` }).click();
    const dialog = page.getByRole('dialog', { name: 'Restore VM' });
    await dialog.getByRole('radio', { name: 'Instant VM Recovery' }).check();
    await dialog.getByLabel('VM name').fill('FS01-IVR');
    await dialog.getByRole('button', { name: 'OK' }).click();
    await expect(dialog).toHaveCount(0);
    await until(async () => (await vm('FS01-IVR'))?.power === 'poweredOn', 5000);
    const ivr = await vm('FS01-IVR');
    expect(ivr.datastore).toBe('repo01');
    expect((await driver.state()).datastores.find((d) => d.id === 'repo01')!.fs).toBe('nfs');
    const running = jobs.getByText('FS01-IVR runs from the backup on repo01 (Instant VM Recovery): its writes go to redo logs.');
    await running.scrollIntoViewIfNeeded();
    await expect(running).toBeVisible();
    await expect(page.getByRole('region', { name: 'Inventory' })).toContainText('repo01');
  });

  await walk.step('Its writes go to a redo log on the NFS datastore, growing like a delta', async () => {
    const redo = async () => (await vm('FS01-IVR')).disks[0].chain.at(-1)!;
    const first = await redo();
    expect(first.file).toBe('[repo01] FS01-IVR/FS01-IVR.vmdk.REDO');
    await advanceBy(driver, HOUR, 60_000);
    const later = await redo();
    expect(later.dataBytes).toBeGreaterThan(first.dataBytes);
    expect(later.sizeBytes).toBeGreaterThan(first.sizeBytes);
    await driver.selectVm('FS01-IVR');
    await show('Disk chain');
    await expect(chain).toContainText('FS01-IVR.vmdk.REDO');
    await expect(chain).toContainText('Base disk: the backup files, read-only');
    await expect(chain).toContainText('Redo log: every write since the recovery');
    expect((await vm('FS01-IVR')).consolidationNeeded).toBe(false);
    await expect(page.getByRole('region', { name: 'Inventory' })).not.toContainText('Needs consolidation');
  });

  await walk.step('Migrate to production: copied to ds1 while it runs on its redo log', async () => {
    await showJobs();
    await jobs.getByRole('button', { name: 'Migrate to production: FS01-IVR', exact: true }).click();
    await driver.advance(5000);
    const status = jobs.getByRole('status').filter({ hasText: /Migrating to production storage… \d+ %/ });
    await status.scrollIntoViewIfNeeded();
    await expect(status).toBeVisible();
    await expect(jobs.getByRole('button', { name: 'Migrate to production: FS01-IVR', exact: true })).toHaveCount(0);
    const ivr = await vm('FS01-IVR');
    expect(ivr.datastore).toBe('repo01');
    expect(ivr.power).toBe('poweredOn');
    await expect(tasks.getByRole('row', { name: /Relocate virtual machine/ }).first()).toContainText('%');
  });

  await walk.step('At the switch the redo log is gone: FS01-IVR runs from ds1', async () => {
    await until(taskDone('Relocate virtual machine'));
    const ivr = await vm('FS01-IVR');
    expect(ivr.instantRecovery).toBeNull();
    expect(ivr.datastore).toBe('ds1');
    expect(ivr.power).toBe('poweredOn');
    expect(ivr.disks[0].chain).toHaveLength(1);
    expect(ivr.migratedFromBackup).toMatchObject({ point: fsPoint.id, from: 'repo01', to: 'ds1' });
    const nfs = (await driver.state()).datastores.find((d) => d.id === 'repo01')!;
    expect(nfs.files.some((f) => f.path.includes('.REDO'))).toBe(false);
    await expect(jobs.getByRole('button', { name: 'Migrate to production: FS01-IVR', exact: true })).toHaveCount(0);
    await expect(tasks.getByRole('row', { name: /Relocate virtual machine/ }).first()).toContainText('Completed');
    await driver.selectVm('FS01-IVR');
    await show('Disk chain');
    await expect(chain).toContainText('Disk chain · FS01-IVR');
    await expect(chain).not.toContainText('.REDO');
  });
});
