// The lab's worker stops, then a new one cannot load its file (as after a deploy that removed it): the
// banner says so rather than leaving "Starting the lab…", and its Reload, from the keyboard, brings
// the lab back from its autosave.
import { test, expect } from '@playwright/test';

// The file must come from the network, where the test removes it (not from the offline cache).
test.use({ serviceWorkers: 'block' });

test('a lab worker that cannot load stops the lab with a message, and Reload brings the autosaved lab back', async ({ page }) => {
  await page.goto('/');
  await page.evaluate(() => window.lab.ready);
  expect((await page.evaluate(() => window.lab.dispatch({ type: 'snapshot.take', vm: 'dc01', name: 'kept' }))).ok).toBe(true);
  await page.evaluate(() => window.lab.advance(60_000));

  const worker = page.workers().find((w) => w.url().includes('labWorker'))!;
  await worker.evaluate(() => { setTimeout(() => { throw new Error('the engine failed'); }); });
  const crash = page.getByRole('alert').filter({ hasText: 'The lab stopped' });
  await expect(crash).toContainText('The lab engine stopped unexpectedly.');

  // The worker's file is gone now: Restart lab cannot start it, and the page says so.
  await page.route(/labWorker-[^/]*\.js$/, (route) => route.fulfill({ status: 404, body: 'gone' }));
  await crash.getByRole('button', { name: 'Restart lab' }).click();
  await expect(crash).toContainText('The lab engine could not be loaded. Reload the page');
  await expect(page.getByText('Starting the lab…')).toHaveCount(0);

  await page.unroute(/labWorker-[^/]*\.js$/);
  await crash.getByRole('button', { name: 'Reload' }).focus();
  await Promise.all([page.waitForEvent('load'), page.keyboard.press('Enter')]);
  await page.waitForFunction(() => 'lab' in window);
  await page.evaluate(() => window.lab.ready);
  await expect(crash).toHaveCount(0);
  const state = await page.evaluate(() => window.lab.state());
  expect(state.vms.find((v) => v.id === 'dc01')!.snapshots.map((s) => s.name)).toEqual(['kept']);
});
