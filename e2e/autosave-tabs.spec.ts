// Autosave across tabs and storage trouble (docs/sessions.md): each tab saves in its own slot, a
// reload opens the newest lab any tab saved and says so when it was another tab's; saving recovers by
// itself when the site's database is cleared under the page.
import { test, expect, savedSession } from './fixtures';

const snapshotNames = (page: import('@playwright/test').Page, vm: string) =>
  page.evaluate((id) => window.lab.state().then((s) => s.vms.find((v) => v.id === id)!.snapshots.map((x) => x.name)), vm);

test('each tab saves its own lab; a reload opens the newest one, and says when it was another tab\'s', async ({ page, lab, context }) => {
  await lab.dispatch({ type: 'snapshot.take', vm: 'dc01', name: 'in tab A' });
  await lab.advance(60_000);
  await expect.poll(() => savedSession(page).then((s) => JSON.stringify(s).includes('in tab A'))).toBe(true);

  // A second tab: a new tab opens the newest lab (tab A's), then goes its own way.
  const b = await context.newPage();
  await b.goto('./');
  await b.evaluate(() => window.lab.ready);
  expect(await snapshotNames(b, 'dc01')).toEqual(['in tab A']);
  await b.evaluate(() => window.lab.dispatch({ type: 'snapshot.take', vm: 'fs01', name: 'in tab B' }));
  await b.evaluate(() => window.lab.advance(60_000));
  await expect.poll(() => savedSession(b).then((s) => JSON.stringify(s).includes('in tab B'))).toBe(true);

  // Tab A reloads: tab B's lab is newer, so tab A opens it, and the learner is told.
  await page.reload();
  await page.evaluate(() => window.lab.ready);
  expect(await snapshotNames(page, 'fs01')).toEqual(['in tab B']);
  await expect(page.getByRole('status').filter({ hasText: 'Another tab saved its lab' })).toContainText('so this tab opened the newer one');
  // Tab B reloads: its own lab is the newest, no message.
  await b.reload();
  await b.evaluate(() => window.lab.ready);
  expect(await snapshotNames(b, 'fs01')).toEqual(['in tab B']);
  await expect(b.getByRole('status').filter({ hasText: 'Another tab' })).toHaveCount(0);
});

test('after the site\'s database is cleared under the page, saving recovers by itself and nobody blames private browsing', async ({ page, lab }) => {
  await lab.dispatch({ type: 'snapshot.take', vm: 'dc01', name: 'before the clear' });
  await lab.advance(30_000);
  await expect.poll(() => savedSession(page).then((s) => JSON.stringify(s).includes('before the clear'))).toBe(true);
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Storage.clearDataForOrigin', { origin: new URL(page.url()).origin, storageTypes: 'indexeddb' });
  await lab.dispatch({ type: 'snapshot.take', vm: 'dc01', name: 'after the clear' });
  await lab.advance(30_000);
  await expect.poll(() => savedSession(page).then((s) => JSON.stringify(s).includes('after the clear'))).toBe(true);
  await expect(page.getByRole('alert').filter({ hasText: 'Not saved' })).toHaveCount(0);
  await expect(page.getByText(/private browsing/)).toHaveCount(0);
  await page.reload();
  await page.evaluate(() => window.lab.ready);
  expect(await snapshotNames(page, 'dc01')).toEqual(['before the clear', 'after the clear']);
});
