import { test, expect } from './fixtures';

test('the lab is the same after a reload, and Reset lab starts it fresh', async ({ page, lab }) => {
  await lab.dispatch({ type: 'snapshot.take', vm: 'sql01', name: 'Kept across reloads' });
  await lab.advance(2 * 60_000);
  const before = await lab.state();
  // The session is saved as soon as the worker reports it.
  await expect.poll(() => page.evaluate(() => localStorage.getItem('snaplab.session.v1')?.includes('Kept across reloads'))).toBe(true);

  await page.reload();
  await page.evaluate(() => window.lab.ready);
  const after = await lab.state();
  expect(after.time).toBeGreaterThanOrEqual(before.time);
  expect(after.vms.find((v) => v.id === 'sql01')!.snapshots.map((s) => s.name)).toEqual(['Kept across reloads']);
  await lab.selectVm('SQL01');
  await expect(page.getByRole('region', { name: 'Snapshot tree' }).getByRole('button', { name: /Snapshot Kept across reloads/ })).toBeVisible();

  await page.getByRole('button', { name: 'Reset lab' }).click();
  await page.getByRole('alertdialog', { name: 'Reset lab' }).getByRole('button', { name: 'Yes' }).click();
  await expect.poll(async () => (await lab.state()).vms.find((v) => v.id === 'sql01')!.snapshots.length).toBe(0);
});

test('a bad session file is refused with a clear message and changes nothing', async ({ page, lab }) => {
  await lab.dispatch({ type: 'snapshot.take', vm: 'dc01', name: 'stays' });
  await lab.advance(60_000);
  const chooser = page.waitForEvent('filechooser');
  await page.getByRole('button', { name: 'Import session…' }).click();
  await (await chooser).setFiles({ name: 'broken.json', mimeType: 'application/json', buffer: Buffer.from('{"format":"snaplab-session","version":1,"definition":{},"commands":"nope","time":0}') });
  await expect(page.getByRole('status').filter({ hasText: 'broken.json was not loaded' })).toContainText('"commands" should be a list');
  expect((await lab.state()).vms.find((v) => v.id === 'dc01')!.snapshots).toHaveLength(1);
});

test('an exported session imports back to the same lab', async ({ page, lab }) => {
  await lab.dispatch({ type: 'snapshot.take', vm: 'fs01', name: 'exported' });
  await lab.advance(90_000);
  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export session' }).click();
  const file = await (await download).path();
  const exported = await lab.state();
  await page.getByRole('button', { name: 'Reset lab' }).click();
  await page.getByRole('alertdialog', { name: 'Reset lab' }).getByRole('button', { name: 'Yes' }).click();
  await expect.poll(async () => (await lab.state()).time).toBeLessThan(exported.time);

  const chooser = page.waitForEvent('filechooser');
  await page.getByRole('button', { name: 'Import session…' }).click();
  await (await chooser).setFiles(file);
  await expect.poll(async () => (await lab.state()).vms.find((v) => v.id === 'fs01')!.snapshots.map((s) => s.name)).toEqual(['exported']);
  const imported = await lab.state();
  expect(imported.time).toBe(exported.time);
  expect(imported.datastores).toEqual(exported.datastores);
});
