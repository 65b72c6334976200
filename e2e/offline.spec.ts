// Offline: after one visit the service worker holds every built file, so the lab, an embed and the
// lazily loaded panels all open again with the network gone (a workshop room's Wi-Fi).
import { test, expect } from '@playwright/test';

test('after one visit the lab reloads and works offline, embeds included', async ({ page, context }) => {
  await page.goto('./');
  await page.evaluate(() => window.lab.ready);
  // Installed, active, and in control of this page (clients.claim).
  await page.evaluate(async () => { await navigator.serviceWorker.ready; });
  await expect.poll(() => page.evaluate(() => navigator.serviceWorker.controller?.state ?? 'none')).toBe('activated');
  const cached = await page.evaluate(async () => (await Promise.all((await caches.keys()).map(async (k) => (await (await caches.open(k)).keys()).length))).reduce((a, b) => a + b, 0));
  expect(cached).toBeGreaterThan(5);

  await context.setOffline(true);
  expect(await page.evaluate(() => fetch('https://example.com/').then(() => 'online', () => 'offline'))).toBe('offline');
  await page.reload();
  await page.evaluate(() => window.lab.ready);
  expect((await page.evaluate(() => window.lab.dispatch({ type: 'snapshot.take', vm: 'exch01', name: 'offline' }))).ok).toBe(true);
  await page.evaluate(() => window.lab.advance(60_000));
  await expect(page.getByRole('region', { name: 'Snapshot tree' }).getByRole('button', { name: /Snapshot offline/ })).toBeVisible();
  // The charts are a lazily loaded chunk: it came from the cache too.
  await expect(page.getByRole('region', { name: 'Datastore' }).locator('.recharts-surface').first()).toBeVisible();

  // Another address of the same page (an embed) is served offline as well.
  await page.goto('./?embed=1&panels=timeline,tasks');
  await page.evaluate(() => window.lab.ready);
  await expect(page.getByRole('region', { name: 'Recent Tasks' })).toBeVisible();
  // Other pages of the site stay themselves (the example deck is not the lab), offline too.
  await page.goto('./examples/slides.html');
  await expect(page).toHaveTitle('Quiescing Exchange: a SnapLab slide deck');
  await context.setOffline(false);
});
