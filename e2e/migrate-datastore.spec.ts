// "Migrate to production" of a VM running from a backup (Instant VM Recovery) asks where to: a
// "Datastore" choice (the original VM's by default, never the repository's NFS datastore) beside the
// "Virtual disk format", chosen from the keyboard and by clicking; the VM ends on the datastore chosen.
import { test, expect, AT_ONCE } from './fixtures';

const lab = {
  name: 'Migrate e2e',
  seed: 8,
  hosts: [{ id: 'esx01', version: '5.0' }],
  datastores: [{ id: 'ds1', capacityGB: 200, fs: 'vmfs5', MBps: 300 }, { id: 'ds2', capacityGB: 300, fs: 'vmfs5', MBps: 300 }],
  vms: [{ id: 'app01', name: 'APP01', datastore: 'ds1', ctkEnabled: true, disks: [{ id: 'disk1', capacityGB: 20, usedGB: 2 }], workload: { profile: 'idle', writeIOPS: 1 } }],
  backup: {
    proxies: [{ id: 'proxy01', transport: 'hotadd', MBps: 400 }],
    repositories: [{ id: 'repo01', capacityGB: 500, MBps: 400 }],
    jobs: [{ id: 'nightly', name: 'Nightly backup', vms: ['app01'], proxy: 'proxy01' }],
  },
};

test('Migrate to production: the Datastore choice puts the recovered VM on the datastore picked', async ({ page, lab: driver }) => {
  expect(await driver.load(lab)).toMatchObject({ ok: true });
  const region = page.getByRole('region', { name: 'Backup jobs' });
  await region.getByRole('button', { name: 'Run now' }).click();
  await expect.poll(async () => {
    const r = (await driver.state()).backupJobs[0].runs[0];
    if (r?.end === null) await driver.advance(30_000);
    return r?.state;
  }, { timeout: 30_000, intervals: AT_ONCE }).toBe('success');

  await region.getByRole('button', { name: /^Restore… APP01/ }).click();
  const dialog = page.getByRole('dialog', { name: 'Restore VM' });
  await dialog.getByRole('radio', { name: 'Instant VM Recovery' }).check();
  await dialog.getByLabel('VM name').fill('APP01-IVR');
  await dialog.getByRole('button', { name: 'OK' }).click();
  const datastore = region.getByRole('combobox', { name: 'Datastore: APP01-IVR', exact: true });
  await expect(datastore).toBeVisible();
  // Production storage only, the original VM's first chosen.
  await expect(datastore.locator('option')).toHaveText([/^ds1 \(.* free\), the original VM's$/, /^ds2 \(.* free\)$/]);
  await expect(datastore).toHaveValue('ds1');
  // From the keyboard: the next datastore.
  await datastore.focus();
  await page.keyboard.press('ArrowDown');
  await expect(datastore).toHaveValue('ds2');
  await region.getByRole('combobox', { name: 'Virtual disk format: APP01-IVR', exact: true }).selectOption({ label: 'Thin provisioned format' });
  await region.getByRole('button', { name: 'Migrate to production: APP01-IVR', exact: true }).click();
  await expect(region.getByRole('status').filter({ hasText: 'Migrating to production storage' })).toBeVisible();
  await expect.poll(async () => {
    const vm = (await driver.state()).vms.find((v) => v.name === 'APP01-IVR')!;
    if (vm.instantRecovery) await driver.advance(30_000);
    return vm.instantRecovery === null && vm.datastore;
  }, { timeout: 30_000, intervals: AT_ONCE }).toBe('ds2');
  expect((await driver.state()).vms.find((v) => v.name === 'APP01-IVR')!.migratedFromBackup).toMatchObject({ from: 'repo01', to: 'ds2', diskFormats: { disk1: 'thin' } });
  await driver.selectVm('APP01-IVR');
  await expect(page.getByRole('region', { name: 'Events' })).toContainText('APP01-IVR now runs from ds2');
});
