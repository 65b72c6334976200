// Layouts that fit (docs/reading-the-lab.md): at 1280x720 the tree and the timeline are on screen without scrolling,
// Recent Tasks takes only what it lists, the lower panels are one tab away, and a lab picker opens
// the built-in labs.
import type { Locator, Page } from '@playwright/test';
import { test, expect } from './fixtures';

async function onScreen(page: Page, region: Locator): Promise<void> {
  const box = await region.boundingBox();
  const view = page.viewportSize()!;
  expect(box).not.toBeNull();
  expect(box!.y).toBeGreaterThanOrEqual(0);
  expect(box!.x).toBeGreaterThanOrEqual(0);
  expect(box!.y + box!.height).toBeLessThanOrEqual(view.height);
  expect(box!.x + box!.width).toBeLessThanOrEqual(view.width);
}

test.use({ viewport: { width: 1280, height: 720 } });

test('at 1280x720 the tree and the timeline are both on screen, before and after tasks run', async ({ page, lab }) => {
  const tree = page.getByRole('region', { name: 'Snapshot tree' });
  const timeline = page.getByRole('region', { name: 'VSS timeline' });
  const tasks = page.getByRole('region', { name: 'Recent Tasks' });
  await expect(tasks).toContainText('No tasks yet');
  // Empty, Recent Tasks is one line, not a box of blank rows.
  expect((await tasks.boundingBox())!.height).toBeLessThan(48);
  await onScreen(page, tree);
  await onScreen(page, timeline);

  await lab.dispatch({ type: 'snapshot.take', vm: 'exch01', name: 'before-patch', quiesce: true });
  await lab.advance(60_000);
  await expect(tasks.getByRole('row', { name: /Create virtual machine snapshot/ })).toContainText('Completed');
  await onScreen(page, tree);
  await onScreen(page, timeline);
  expect(await page.evaluate(() => document.querySelector('main')!.scrollTop)).toBe(0);

  // Hide folds the list to its heading; Show brings it back.
  await tasks.getByRole('button', { name: 'Hide' }).click();
  await expect(tasks.getByRole('row')).toHaveCount(0);
  await tasks.getByRole('button', { name: /Show 1 task/ }).click();
  await expect(tasks.getByRole('row', { name: /Create virtual machine snapshot/ })).toBeVisible();
});

test('the panel tabs bring the console, faults, settings, events and datastore into view', async ({ page, lab }) => {
  await lab.selectVm('EXCH01');
  const nav = page.getByRole('navigation', { name: 'VM panels' });
  for (const name of ['Guest console', 'Break something', 'VM settings', 'Events', 'Datastore']) {
    await nav.getByRole('button', { name }).click();
    const region = page.getByRole('region', { name });
    await expect(region).toBeInViewport();
    await expect(nav.getByRole('button', { name })).toHaveAttribute('aria-current', 'true');
  }
});

test('the lab picker offers the built-in labs and opens one', async ({ page, lab }) => {
  await page.getByRole('button', { name: /^Lab: Snapshot and VSS workshop/ }).click();
  const dialog = page.getByRole('dialog', { name: 'Open a lab' });
  await expect(dialog.getByRole('radio')).toHaveCount(3);
  await dialog.getByRole('radio', { name: /Datacenter/ }).check();
  await dialog.getByRole('button', { name: 'OK' }).click();
  await expect(page.getByRole('button', { name: /^Lab: Datacenter/ })).toBeVisible();
  await expect.poll(async () => (await lab.state()).vms.length).toBe(16);
});
