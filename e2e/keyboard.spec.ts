import { test, expect } from './fixtures';
import type { Page } from '@playwright/test';

/** Press Tab until the focused element matches, as a keyboard user would. */
async function tabTo(page: Page, name: string | RegExp, max = 250): Promise<void> {
  for (let i = 0; i < max; i++) {
    await page.keyboard.press('Tab');
    const label = await page.evaluate(() => {
      const el = document.activeElement as HTMLElement | null;
      return el ? (el.getAttribute('aria-label') ?? el.textContent ?? '').trim() : '';
    });
    if (typeof name === 'string' ? label === name : name.test(label)) return;
  }
  throw new Error(`Tab never reached ${name}`);
}

test('keyboard only: select a VM, take a snapshot, play and step, delete it in Snapshot Manager', async ({ page, lab }) => {
  await tabTo(page, /^DC01/);
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { name: 'DC01', exact: true })).toBeVisible();

  await tabTo(page, 'Take Snapshot...');
  await page.keyboard.press('Enter');
  const dialog = page.getByRole('dialog', { name: /Take Virtual Machine Snapshot for DC01/ });
  await expect(dialog.getByLabel('Name')).toBeFocused();
  await page.keyboard.press('Control+A');
  await page.keyboard.type('Keyboard snapshot');
  await page.keyboard.press('Enter');
  await expect(dialog).toHaveCount(0);

  // Space plays and pauses, right arrow steps, when focus is on the page itself.
  await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
  await page.keyboard.press('Space');
  await expect(page.getByRole('button', { name: 'Pause', exact: true })).toBeVisible();
  await page.keyboard.press('Space');
  await expect(page.getByRole('button', { name: 'Play', exact: true })).toBeVisible();
  const t0 = (await lab.state()).time;
  await page.keyboard.press('ArrowRight');
  await expect.poll(async () => (await lab.state()).time).toBeGreaterThan(t0);
  await lab.advance(60_000);

  await tabTo(page, 'Snapshot Manager');
  await page.keyboard.press('Enter');
  const manager = page.getByRole('dialog', { name: 'Snapshot Manager - DC01' });
  await tabTo(page, /Keyboard snapshot|You are here/);
  await page.keyboard.press('Home');
  await page.keyboard.press('Enter');
  await expect(manager.getByRole('treeitem', { name: 'Keyboard snapshot' })).toHaveAttribute('aria-selected', 'true');
  await tabTo(page, 'Delete Snapshot');
  await page.keyboard.press('Enter');
  const confirm = page.getByRole('alertdialog', { name: 'Confirm Delete' });
  await expect(confirm.getByRole('button', { name: 'No' })).toBeFocused();
  await page.keyboard.press('Shift+Tab');
  await page.keyboard.press('Enter');
  await lab.advance(5 * 60_000);
  await expect.poll(async () => (await lab.state()).vms.find((v) => v.id === 'dc01')!.snapshots.length).toBe(0);
});
