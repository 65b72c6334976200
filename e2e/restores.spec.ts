// Restores by hand: a restore point's "Restore…" opens "Restore VM"; Instant VM Recovery runs the VM
// from the repository's NFS datastore on a growing redo log until "Migrate to production"; an
// overwrite from the keyboard puts the point's disks back.
import { test, expect, AT_ONCE } from './fixtures';

const HOUR = 3_600_000;
const lab = {
  name: 'Restores e2e',
  seed: 8,
  hosts: [{ id: 'esx01', version: '5.0' }],
  datastores: [{ id: 'ds1', capacityGB: 200, fs: 'vmfs5', MBps: 300 }],
  vms: [{ id: 'app01', name: 'APP01', ctkEnabled: true, disks: [{ id: 'disk1', capacityGB: 20, usedGB: 2 }], workload: { profile: 'fileserver', writeIOPS: 30 } }],
  backup: {
    proxies: [{ id: 'proxy01', transport: 'hotadd', MBps: 400 }],
    repositories: [{ id: 'repo01', capacityGB: 500, MBps: 400 }],
    jobs: [{ id: 'nightly', name: 'Nightly backup', vms: ['app01'], proxy: 'proxy01' }],
  },
};

async function backUp(page: import('@playwright/test').Page, driver: import('./fixtures').LabDriver) {
  expect(await driver.load(lab)).toMatchObject({ ok: true });
  const region = page.getByRole('region', { name: 'Backup jobs' });
  await region.getByRole('button', { name: 'Run now' }).click();
  await expect.poll(async () => {
    const r = (await driver.state()).backupJobs[0].runs[0];
    if (r?.end === null) await driver.advance(30_000);
    return r?.state;
  }, { timeout: 30_000, intervals: AT_ONCE }).toBe('success');
  const points = region.getByRole('group', { name: 'Restore points' });
  await expect(points).toContainText('APP01');
  await expect(points).toContainText('full');
  return region;
}

test('Instant VM Recovery from a restore point, a growing redo log, then Migrate to production', async ({ page, lab: driver }) => {
  const region = await backUp(page, driver);
  await region.getByRole('button', { name: /^Restore… APP01/ }).click();
  const dialog = page.getByRole('dialog', { name: 'Restore VM' });
  await dialog.getByRole('radio', { name: 'Instant VM Recovery' }).check();
  await dialog.getByLabel('VM name').fill('APP01-IVR');
  await dialog.getByRole('button', { name: 'OK' }).click();
  await expect(dialog).toHaveCount(0);
  await expect.poll(async () => {
    const s = await driver.state();
    const vm = s.vms.find((v) => v.name === 'APP01-IVR');
    if (vm?.power !== 'poweredOn') await driver.advance(10_000);
    return vm?.power;
  }, { timeout: 30_000, intervals: AT_ONCE }).toBe('poweredOn');
  await expect(region).toContainText('APP01-IVR runs from the backup on repo01');
  const redo = async () => (await driver.state()).vms.find((v) => v.name === 'APP01-IVR')!.disks[0].chain.at(-1)!;
  expect((await redo()).file).toContain('.REDO');
  const before = (await redo()).dataBytes;
  await driver.advance(HOUR);
  expect((await redo()).dataBytes).toBeGreaterThan(before);
  expect((await driver.state()).datastores.find((d) => d.id === 'repo01')!.fs).toBe('nfs');
  // A second recovery of the same point: each recovered VM's button names its VM.
  await region.getByRole('button', { name: /^Restore… APP01/ }).click();
  await dialog.getByRole('radio', { name: 'Instant VM Recovery' }).check();
  await dialog.getByLabel('VM name').fill('APP01-IVR2');
  await dialog.getByRole('button', { name: 'OK' }).click();
  const migrate = (vm: string) => region.getByRole('button', { name: `Migrate to production: ${vm}`, exact: true });
  await expect(migrate('APP01-IVR2')).toBeVisible();
  await expect(region.getByRole('button', { name: /^Migrate to production/ })).toHaveCount(2);
  // The target disk format: APP01's disk was thick ("Same format as source (thick)"); ask for thin.
  const format = region.getByRole('combobox', { name: 'Virtual disk format: APP01-IVR', exact: true });
  await expect(format.locator('option:checked')).toHaveText('Same format as source (thick)');
  await format.selectOption({ label: 'Thin provisioned format' });
  await migrate('APP01-IVR').click();
  await expect.poll(async () => {
    const vm = (await driver.state()).vms.find((v) => v.name === 'APP01-IVR')!;
    if (vm.instantRecovery) await driver.advance(30_000);
    return vm.instantRecovery === null && vm.datastore;
  }, { timeout: 30_000, intervals: AT_ONCE }).toBe('ds1');
  await expect(migrate('APP01-IVR')).toHaveCount(0);
  await expect(migrate('APP01-IVR2')).toBeVisible();
  expect((await driver.state()).vms.find((v) => v.name === 'APP01-IVR2')!.instantRecovery).not.toBeNull();
  const moved = (await driver.state()).vms.find((v) => v.name === 'APP01-IVR')!;
  expect(moved.disks[0].chain).toHaveLength(1);
  expect(moved.disks[0].chain[0].format).toBe('thin');
  expect(moved.migratedFromBackup).toMatchObject({ sourceDiskFormats: { disk1: 'thick' }, diskFormats: { disk1: 'thin' } });
});

test('Overwrite the original VM from the keyboard: powered off, its snapshots gone', async ({ page, lab: driver }) => {
  const region = await backUp(page, driver);
  expect(await driver.dispatch({ type: 'snapshot.take', vm: 'app01', name: 'later' })).toMatchObject({ ok: true });
  await driver.advance(60_000);
  await region.getByRole('button', { name: /^Restore… APP01/ }).focus();
  await page.keyboard.press('Enter');
  const dialog = page.getByRole('dialog', { name: 'Restore VM' });
  await expect(dialog.getByRole('radio', { name: 'Overwrite the original VM' })).toBeFocused();
  await dialog.getByRole('checkbox', { name: 'Power on VM after restoring' }).uncheck();
  await dialog.getByRole('button', { name: 'OK' }).press('Enter');
  await expect.poll(async () => {
    const s = await driver.state();
    const t = s.tasks.find((x) => x.name === 'Restore VM from backup');
    if (t?.state !== 'success') await driver.advance(10_000);
    return t?.state;
  }, { timeout: 30_000, intervals: AT_ONCE }).toBe('success');
  const vm = (await driver.state()).vms.find((v) => v.id === 'app01')!;
  expect(vm.power).toBe('poweredOff');
  expect(vm.snapshots).toEqual([]);
  await expect(page.getByRole('region', { name: 'Recent Tasks' })).toContainText('Restore VM from backup');
});
