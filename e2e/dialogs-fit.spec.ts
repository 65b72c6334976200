// OK and Cancel are always on screen, as in the vSphere Client's dialogs: at 1280x720 and 960x540 the
// OK of every dialog (and of the VM settings panel, brought up by its tab) is in the window as the
// dialog opens, without scrolling, and clicking it does its work.
import type { Locator, Page } from '@playwright/test';
import { test, expect, AT_ONCE, type LabDriver } from './fixtures';

const lab = {
  name: 'Dialogs e2e',
  seed: 8,
  hosts: [{ id: 'esx01', version: '5.0' }],
  datastores: [{ id: 'ds1', capacityGB: 200, fs: 'vmfs5', MBps: 300 }],
  // Twelve VMs, so "Edit backup job" lists twelve to choose from: a form taller than a short window.
  vms: [
    { id: 'app01', name: 'APP01', ctkEnabled: true, disks: [{ id: 'disk1', capacityGB: 20, usedGB: 2 }], workload: { profile: 'idle', writeIOPS: 1 } },
    ...Array.from({ length: 11 }, (_, i) => ({ id: `web${i + 2}`, name: `WEB${String(i + 2).padStart(2, '0')}`, guest: 'linux', memoryMB: 512, power: 'poweredOff', disks: [{ id: 'disk1', capacityGB: 8, usedGB: 1 }] })),
  ],
  backup: {
    proxies: [{ id: 'proxy01', transport: 'hotadd', MBps: 400 }],
    repositories: [{ id: 'repo01', capacityGB: 500, MBps: 400 }],
    jobs: [{ id: 'nightly', name: 'Nightly backup', vms: ['app01'], proxy: 'proxy01' }],
  },
};

/** The button is wholly inside the window (and inside `area`, when the page's own scroller holds it). */
async function inView(page: Page, button: Locator, area?: Locator): Promise<void> {
  const b = (await button.boundingBox())!;
  const view = page.viewportSize()!;
  const box = area ? (await area.boundingBox())! : { y: 0, height: view.height };
  expect(b.y, 'top of the button').toBeGreaterThanOrEqual(Math.max(0, box.y) - 0.5);
  expect(b.y + b.height, 'bottom of the button').toBeLessThanOrEqual(Math.min(view.height, box.y + box.height) + 0.5);
}

/** A dialog's OK and Cancel are in view as it opens; `fill` then fills it in and OK closes it. */
async function okWorks(page: Page, name: string, open: () => Promise<void>, fill: (d: Locator) => Promise<void> = async () => {}): Promise<void> {
  await open();
  const dialog = page.getByRole('dialog', { name });
  await expect(dialog).toBeVisible();
  await inView(page, dialog.getByRole('button', { name: 'Cancel' }));
  await inView(page, dialog.getByRole('button', { name: 'OK' }));
  await fill(dialog);
  await inView(page, dialog.getByRole('button', { name: 'OK' }));
  await dialog.getByRole('button', { name: 'OK' }).click();
  await expect(dialog).toHaveCount(0);
}

async function backUp(page: Page, driver: LabDriver): Promise<void> {
  expect(await driver.load(lab)).toMatchObject({ ok: true });
  await page.getByRole('region', { name: 'Backup jobs' }).getByRole('button', { name: 'Run now' }).click();
  await expect.poll(async () => {
    const r = (await driver.state()).backupJobs[0].runs[0];
    if (r?.end === null) await driver.advance(30_000);
    return r?.state;
  }, { timeout: 30_000, intervals: AT_ONCE }).toBe('success');
}

for (const size of [{ width: 1280, height: 720 }, { width: 960, height: 540 }]) {
  test(`at ${size.width}x${size.height} every dialog's OK is on screen as it opens, and works`, async ({ page, lab: driver }) => {
    test.setTimeout(90_000);
    await page.setViewportSize(size);
    await backUp(page, driver);
    const main = page.getByRole('main', { name: 'Virtual machine' });
    const jobs = page.getByRole('region', { name: 'Backup jobs' });
    await driver.selectVm('APP01');

    // The VM settings panel: its OK and Cancel stay in the panel's view while the form is taller.
    await page.getByRole('navigation', { name: 'VM panels' }).getByRole('button', { name: 'VM settings' }).click();
    const settings = page.getByRole('region', { name: 'VM settings' });
    await expect(settings).toBeInViewport();
    await settings.getByLabel('Changed Block Tracking').uncheck();
    const ok = settings.getByRole('button', { name: 'OK' });
    await expect(async () => inView(page, ok, main)).toPass({ timeout: 10_000 });
    await inView(page, settings.getByRole('button', { name: 'Cancel' }), main);
    await ok.click();
    await expect(ok).toBeDisabled();
    expect((await driver.state()).vms.find((v) => v.id === 'app01')!.ctkEnabled).toBe(false);

    await okWorks(page, 'Take Virtual Machine Snapshot', () => page.getByRole('region', { name: 'Snapshot tree' }).getByRole('button', { name: 'Take Snapshot...' }).click(),
      (d) => d.getByLabel('Name').fill('Before the change'));
    await okWorks(page, 'Host settings', async () => {
      const inventory = page.getByRole('region', { name: 'Inventory' });
      const row = inventory.getByRole('button', { name: /^esx01\b/ });
      if ((await row.getAttribute('aria-expanded')) !== 'true') await row.click();
      await inventory.getByRole('group', { name: 'Host esx01' }).getByRole('button', { name: 'Host settings…' }).click();
    });
    await okWorks(page, 'Edit backup job', () => jobs.getByRole('button', { name: 'Edit job…' }).click(),
      (d) => d.getByLabel('Restore points to keep').fill('3'));
    await okWorks(page, 'Edit backup proxy', () => jobs.getByRole('button', { name: /^Edit proxy…/ }).first().click());
    await okWorks(page, 'Increase Datastore Capacity', () => page.getByRole('region', { name: 'Datastore' }).getByRole('button', { name: 'Increase…' }).click(),
      (d) => d.getByLabel('New capacity (GB)').fill('250'));
    await okWorks(page, 'Restore VM', () => jobs.getByRole('button', { name: /^Restore… APP01/ }).click(), async (d) => {
      await d.getByRole('radio', { name: 'Instant VM Recovery' }).check();
      await d.getByLabel('VM name').fill('APP01-IVR');
    });
    await expect.poll(async () => (await driver.state()).vms.some((v) => v.name === 'APP01-IVR')).toBe(true);
  });
}
