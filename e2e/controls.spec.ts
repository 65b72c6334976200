// The controls lessons need, by their accessible names: VM settings (CBT, Tools build, VSS service,
// disk.EnableUUID, tools.conf, quiescing scripts), Host settings, Edit job…, Increase….
import { test, expect } from '@playwright/test';
import { Hands } from './by-hand/hands';

test.use({ viewport: { width: 1280, height: 720 } });

test('VM settings on a freshly opened lesson show that lesson\'s VM, and OK changes only what the learner changed', async ({ page }) => {
  const h = new Hands(page);
  await page.goto('./');
  // The workshop lab's EXCH01 first (Tools build 208167, VSS Manual) ...
  await h.selectVm('EXCH01');
  const settings = h.vmSettings();
  await expect(settings.getByLabel('VMware Tools build')).toHaveValue('208167');
  // ... then a lesson whose EXCH01 has the faults to find: build 82663 and VSS Disabled.
  await h.openLesson('Prerequisites and the sync driver fallback');
  await h.selectVm('EXCH01');
  await expect(settings.getByLabel('VMware Tools build')).toHaveValue('82663');
  await expect(settings.getByLabel('Volume Shadow Copy service')).toHaveValue('disabled');
  await expect(settings.getByRole('button', { name: 'OK' })).toBeDisabled();

  await settings.getByLabel('forceQuiesce').selectOption('true');
  await settings.getByLabel('Changed Block Tracking').check();
  await settings.getByLabel('Pre-freeze script').fill('3');
  await page.screenshot({ path: '/tmp/controls-vm-settings.png' });
  await settings.getByRole('button', { name: 'OK' }).click();
  await expect(settings.getByRole('button', { name: 'OK' })).toBeDisabled();
  // What the lab now says, read back from the page: the Reconfigure event names each change.
  const events = page.getByRole('region', { name: 'Events' });
  await expect(events).toContainText('tools.conf forceQuiesce = true');
  await expect(events).toContainText('ctkEnabled = TRUE');
  await expect(settings.getByLabel('Pre-freeze script')).toHaveValue('3');
  await expect(settings.getByLabel('VMware Tools build')).toHaveValue('82663');
  await expect(settings.getByLabel('Volume Shadow Copy service')).toHaveValue('disabled');

  // A bad exit code is refused in the form, with a reason.
  await settings.getByLabel('Post-thaw script').fill('x');
  await expect(settings.getByRole('alert')).toContainText('post-thaw');
  await expect(settings.getByRole('button', { name: 'OK' })).toBeDisabled();
});

test('Host settings: selecting a host shows its panel; the Version combobox upgrades it', async ({ page }) => {
  const h = new Hands(page);
  await h.openLesson('Prerequisites and the sync driver fallback');
  await h.hostSettings('esx01', 'ESX 3.5 Update 2');
  await expect(page.getByRole('region', { name: 'Inventory' }).getByRole('group', { name: 'Host esx01' })).toContainText('ESX 3.5 Update 2');
  await expect(page.getByRole('region', { name: 'VM settings' })).toContainText('Host esx01: ESX 3.5u2');
});

test('Edit job…: the job\'s processing, schedule, VMs and proxy; Increase… grows a datastore', async ({ page }) => {
  const h = new Hands(page);
  await h.openLesson('Exchange logs and COPY');
  await h.job('Nightly backup').getByRole('button', { name: 'Edit job…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Edit backup job' });
  await expect(dialog.getByLabel('Quiesce guest (VMware Tools)')).toBeChecked();
  await expect(dialog.getByLabel('Use changed block tracking')).toBeChecked();
  await expect(dialog.getByLabel('Truncate Exchange logs')).not.toBeChecked();
  await expect(dialog.getByLabel('Application-aware processing')).not.toBeChecked();
  await expect(dialog.getByLabel('Restore points to keep')).toHaveValue('7');
  await expect(dialog.getByRole('combobox', { name: /^Runs/ })).toHaveValue('daily');
  await expect(dialog.getByLabel('Start time')).toHaveValue('22:00');
  await expect(dialog.getByRole('group', { name: 'Virtual machines' }).getByLabel('EXCH01')).toBeChecked();
  await expect(dialog.getByLabel('Backup proxy')).toHaveValue('proxy01');
  await dialog.getByLabel('Truncate Exchange logs').check();
  await dialog.getByLabel('Start time').fill('23:30');
  await dialog.getByLabel('Application-aware processing').check();
  await dialog.getByLabel('Restore points to keep').fill('3');
  await page.screenshot({ path: '/tmp/controls-edit-job.png' });
  await dialog.getByRole('button', { name: 'OK' }).click();
  await expect(dialog).toHaveCount(0);
  await expect(h.job('Nightly backup')).toContainText('daily at 23:30');
  await expect(h.job('Nightly backup')).toContainText('truncates Exchange logs');

  await h.selectVm('EXCH01');
  const ds = page.getByRole('region', { name: 'Datastore' });
  await expect(ds).toContainText('of 120 GB');
  await h.increaseDatastore(150);
  await expect(ds).toContainText('of 150 GB');
});
