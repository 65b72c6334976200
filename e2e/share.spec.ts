// Share links: the lab and its history in the address; opening it elsewhere rebuilds the same lab; a
// damaged or cut-short link says so clearly and opens the default lab.
import { deflateRawSync } from 'node:zlib';
import { test, expect } from './fixtures';

test('a share link opens the same lab, history and time in a fresh browser', async ({ page, lab, browser }) => {
  await lab.load('workshop', { seed: 3 });
  await lab.dispatch({ type: 'snapshot.take', vm: 'exch01', name: 'Before SP2', quiesce: true });
  await lab.advance(90_000);
  await lab.dispatch({ type: 'guest.exec', vm: 'exch01', command: 'vssadmin list writers' });
  await lab.dispatch({ type: 'snapshot.take', vm: 'sql01', name: 'Nightly' });
  await lab.advance(15 * 60_000);
  const shared = await lab.state();

  await page.getByRole('button', { name: 'Share link…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Share link' });
  await expect(dialog).toContainText('with its 3 commands');
  const link = await dialog.getByRole('textbox', { name: 'Link' }).inputValue();
  expect(link).toMatch(/#share=v1\.[A-Za-z0-9_-]+$/);
  await dialog.getByRole('button', { name: 'OK' }).click();

  const other = await browser.newContext();
  const page2 = await other.newPage();
  await page2.goto(link);
  await page2.evaluate(() => window.lab.ready);
  const opened = await page2.evaluate(() => window.lab.state());
  expect(opened.seed).toBe(3);
  expect(opened.time).toBe(shared.time);
  expect(opened.vms).toEqual(shared.vms);
  expect(opened.datastores).toEqual(shared.datastores);
  expect(opened.tasks).toEqual(shared.tasks);
  await expect(page2.getByRole('status').filter({ hasText: 'Opened the shared lab' })).toBeVisible();
  // The link is used once: a reload keeps the learner's progress instead of replaying it.
  expect(new URL(page2.url()).hash).toBe('');
  await other.close();
});

test('a cut-short link says so and opens the workshop lab', async ({ page, lab }) => {
  await lab.dispatch({ type: 'snapshot.take', vm: 'dc01', name: 'made before the link' });
  await lab.advance(60_000);
  await page.getByRole('button', { name: 'Share link…' }).click();
  const link = await page.getByRole('dialog', { name: 'Share link' }).getByRole('textbox', { name: 'Link' }).inputValue();
  await page.getByRole('dialog', { name: 'Share link' }).getByRole('button', { name: 'OK' }).click();

  const cut = link.slice(0, link.length - Math.floor((link.length - link.indexOf('#')) / 2));
  await page.goto('about:blank');
  await page.goto(cut);
  await page.evaluate(() => window.lab.ready);
  await expect(page.getByRole('alert')).toContainText('This share link is damaged or cut short (was it copied whole?), so the workshop lab was opened instead.');
  const state = await lab.state();
  expect(state.name).toBe('Snapshot and VSS workshop');
  expect(state.time).toBe(0);
  expect(state.vms.every((v) => v.snapshots.length === 0)).toBe(true);
});

test('a link pasted into an open lab is followed; one that is not a SnapLab link is refused', async ({ page, lab }) => {
  await lab.dispatch({ type: 'snapshot.take', vm: 'dc01', name: 'gone' });
  await page.goto('./#share=hello-world');
  await expect(page.getByRole('alert')).toContainText('This share link is not one SnapLab can read');
  await expect.poll(async () => (await lab.state()).vms.find((v) => v.id === 'dc01')!.snapshots.length).toBe(0);
  expect((await lab.state()).name).toBe('Snapshot and VSS workshop');
});

/** A share link for any JSON, made the way the Share dialog makes one. */
function linkFor(value: unknown, raw?: Buffer): string {
  const packed = raw ?? deflateRawSync(Buffer.from(JSON.stringify(value)));
  return `./#share=v1.${packed.toString('base64url')}`;
}

test('a shared session whose time is 1e13 is refused at once, by the bound clock.advance has, and the workshop lab opens', async ({ page, lab }) => {
  await page.goto(linkFor({ format: 'snaplab-session', version: 1, definition: { name: 'Forever', vms: [] }, commands: [], time: 1e13 }));
  await page.evaluate(() => window.lab.ready);
  await expect(page.getByRole('alert')).toContainText('This share link does not hold a SnapLab session (time: should be at most 31622400000 (366 days, the longest a lab\'s clock runs)), so the workshop lab was opened instead.');
  expect((await lab.state()).name).toBe('Snapshot and VSS workshop');
  // The fragment is gone, so a reload does not try again.
  expect(new URL(page.url()).hash).toBe('');
});

test('a link that inflates to 256 MB is stopped at the size limit and says so', async ({ page, lab }) => {
  const bomb = deflateRawSync(Buffer.alloc(256 * 1024 * 1024, 0x20), { level: 1 });
  await page.goto(linkFor(null, bomb));
  await page.evaluate(() => window.lab.ready);
  await expect(page.getByRole('alert')).toContainText('This share link unpacks to more than 4 MB');
  expect((await lab.state()).name).toBe('Snapshot and VSS workshop');
});
