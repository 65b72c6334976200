// Accessibility of the delivery tools: axe on an embed (every panel, the address banner, the key
// legend) and on the Embed and Share dialogs, which open and close from the keyboard.
import AxeBuilder from '@axe-core/playwright';
import { test, expect } from '@playwright/test';
import type { Page } from '@playwright/test';

async function seriousViolations(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page }).analyze();
  return results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join(', ')})`);
}

test('an embed of every panel, with the banner and the key legend, has no serious axe violation', async ({ page }) => {
  await page.goto('./?embed=1&panels=inventory,tree,timeline,datastore,tasks,console,lesson&lesson=first-snapshot&presenter=1&theme=dark&speed=nope');
  await page.evaluate(() => window.lab.ready);
  await expect(page.getByRole('alert')).toContainText('speed=nope');
  await expect(page.getByRole('complementary', { name: 'Presenter keys' })).toBeVisible();
  expect(await seriousViolations(page)).toEqual([]);
});

test('the Embed and Share dialogs work from the keyboard and pass axe', async ({ page }) => {
  await page.goto('./');
  await page.evaluate(() => window.lab.ready);
  await page.getByRole('button', { name: 'Embed…' }).focus();
  await page.keyboard.press('Enter');
  const embed = page.getByRole('dialog', { name: 'Embed' });
  await expect(embed).toBeVisible();
  await expect(embed.getByRole('textbox', { name: 'Link' })).toHaveValue(/embed=1/);
  expect(await seriousViolations(page)).toEqual([]);
  // Space toggles a panel checkbox; the link follows.
  await embed.getByRole('checkbox', { name: 'Guest console' }).focus();
  await page.keyboard.press('Space');
  await expect(embed.getByRole('textbox', { name: 'Link' })).toHaveValue(/panels=[a-z,]*console/);
  await page.keyboard.press('Escape');
  await expect(embed).toHaveCount(0);

  await page.getByRole('button', { name: 'Share link…' }).focus();
  await page.keyboard.press('Enter');
  const share = page.getByRole('dialog', { name: 'Share link' });
  await expect(share.getByRole('textbox', { name: 'Link' })).toHaveValue(/#share=v1\./);
  expect(await seriousViolations(page)).toEqual([]);
  await page.keyboard.press('Escape');
  await expect(share).toHaveCount(0);
});
