// A new deploy while the lab is open: the page says a new version is available (with Reload), and
// "Restart lab" still works, though the deploy removed the lab worker file the open page was built with.
// The deploy is made here by changing dist/ under the running preview server: a new sw.js (another
// version, without the old worker in its list) and the old worker file gone. Everything is put back after.
import { test, expect } from '@playwright/test';
import { readdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const DIST = join(import.meta.dirname, '..', 'dist');

test('after a new deploy the page offers Reload, and Restart lab works with the old worker file gone', async ({ page }) => {
  await page.goto('./');
  await page.evaluate(() => window.lab.ready);
  await page.evaluate(async () => { await navigator.serviceWorker.ready; });
  await expect.poll(() => page.evaluate(() => navigator.serviceWorker.controller?.state ?? 'none')).toBe('activated');
  // A page the service worker served (as every later visit is).
  await page.reload();
  await page.evaluate(() => window.lab.ready);
  await page.evaluate(() => window.lab.dispatch({ type: 'snapshot.take', vm: 'dc01', name: 'before the deploy' }));
  await page.evaluate(() => window.lab.advance(60_000));

  const swPath = join(DIST, 'sw.js');
  const oldSw = readFileSync(swPath, 'utf8');
  const worker = readdirSync(join(DIST, 'assets')).find((f) => /^labWorker-.*\.js$/.test(f))!;
  const workerPath = join(DIST, 'assets', worker);
  try {
    // The deploy: a new version of sw.js whose list no longer has the old worker, which is gone.
    const newSw = oldSw.replace(/snaplab-([0-9a-f]{12})/, 'snaplab-0dep1oy0000a').replace(`\\"assets/${worker}\\",`, '');
    expect(newSw).not.toBe(oldSw);
    expect(newSw).not.toContain(worker);
    writeFileSync(swPath, newSw);
    renameSync(workerPath, `${workerPath}.gone`);
    await page.evaluate(async () => { await (await navigator.serviceWorker.getRegistration())!.update(); });
    const notice = page.getByRole('status').filter({ hasText: 'A new version of SnapLab is available' });
    await expect(notice).toBeVisible({ timeout: 30_000 });
    await expect(notice.getByRole('button', { name: 'Reload' })).toBeVisible();

    // The lab's worker fails; Restart lab starts a new one from the old deploy's file, kept for this page.
    const labWorker = page.workers().find((w) => w.url().includes('labWorker'))!;
    await labWorker.evaluate(() => { setTimeout(() => { throw new Error('the engine failed'); }); });
    const crash = page.getByRole('alert').filter({ hasText: 'The lab stopped' });
    await expect(crash).toBeVisible();
    await crash.getByRole('button', { name: 'Restart lab' }).click();
    await expect(crash).toHaveCount(0);
    await page.evaluate(() => window.lab.ready);
    expect((await page.evaluate(() => window.lab.state())).vms.find((v) => v.id === 'dc01')!.snapshots.map((s) => s.name)).toEqual(['before the deploy']);

    // Reload runs the new version.
    await Promise.all([page.waitForEvent('load'), notice.getByRole('button', { name: 'Reload' }).click()]);
    await page.waitForFunction(() => 'lab' in window);
    await page.evaluate(() => window.lab.ready);
    await expect(page.getByRole('status').filter({ hasText: 'A new version of SnapLab is available' })).toHaveCount(0);
  } finally {
    writeFileSync(swPath, oldSw);
    try { renameSync(`${workerPath}.gone`, workerPath); } catch { /* not moved */ }
  }
});
