import { test, expect, savedSession } from './fixtures';
import type { Page } from '@playwright/test';
import { readFile } from 'node:fs/promises';
import { workshopLab } from '../src/engine/index';

/** Fill this origin's localStorage to its quota, as the probe did. */
async function fillLocalStorage(page: Page): Promise<void> {
  await page.evaluate(() => {
    const chunk = 'x'.repeat(256 * 1024);
    for (let i = 0; ; i++) {
      try { localStorage.setItem(`filler-${i}`, chunk); } catch { break; }
    }
    for (let size = 4096; size >= 1; size = Math.floor(size / 2)) {
      try { localStorage.setItem(`filler-tail-${size}`, 'x'.repeat(size)); } catch { /* next smaller */ }
    }
  });
}

test('the lab is the same after a reload, and Reset lab starts it fresh', async ({ page, lab }) => {
  await lab.dispatch({ type: 'snapshot.take', vm: 'sql01', name: 'Kept across reloads' });
  await lab.advance(2 * 60_000);
  const before = await lab.state();
  // The session is saved (in IndexedDB) as soon as the worker reports it.
  await expect.poll(() => savedSession(page).then((s) => JSON.stringify(s).includes('Kept across reloads'))).toBe(true);

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
  await expect(page.getByRole('status').filter({ hasText: 'broken.json was not loaded' })).toContainText('commands: should be a list');
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

test('with localStorage full, the snapshots taken afterwards survive a reload (sessions live in IndexedDB)', async ({ page, lab }) => {
  await fillLocalStorage(page);
  for (let i = 1; i <= 5; i++) {
    expect((await lab.dispatch({ type: 'snapshot.take', vm: 'dc01', name: `after full ${i}` })).ok).toBe(true);
    await lab.advance(60_000);
  }
  await expect.poll(() => savedSession(page).then((s) => JSON.stringify(s).includes('after full 5'))).toBe(true);
  await expect(page.getByRole('alert').filter({ hasText: 'Not saved' })).toHaveCount(0);
  await page.reload();
  await page.evaluate(() => window.lab.ready);
  expect((await lab.state()).vms.find((v) => v.id === 'dc01')!.snapshots.map((s) => s.name)).toEqual([1, 2, 3, 4, 5].map((i) => `after full ${i}`));
});

test('when saving fails anyway, the learner is told at once and can export the session', async ({ page, lab }) => {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Storage.clearDataForOrigin', { origin: new URL(page.url()).origin, storageTypes: 'indexeddb' });
  await cdp.send('Storage.overrideQuotaForOrigin', { origin: new URL(page.url()).origin, quotaSize: 1 });
  await fillLocalStorage(page);
  await lab.dispatch({ type: 'snapshot.take', vm: 'dc01', name: 'only in this tab' });
  const banner = page.getByRole('alert').filter({ hasText: 'Not saved' });
  await expect(banner).toContainText('Your work is not being saved');
  await expect(banner).toContainText('Export the session to keep it');
  const download = page.waitForEvent('download');
  await banner.getByRole('button', { name: 'Export session' }).click();
  const file = await (await download).path();
  const exported = JSON.parse(await readFile(file, 'utf8'));
  expect(exported.commands.map((c: { command: { name?: string } }) => c.command.name)).toEqual(['only in this tab']);
});

test('an autosave from before IndexedDB (localStorage) is moved over once', async ({ page, lab }) => {
  await lab.dispatch({ type: 'snapshot.take', vm: 'fs01', name: 'old autosave' });
  await lab.advance(30_000);
  await expect.poll(() => savedSession(page).then((s) => JSON.stringify(s).includes('old autosave'))).toBe(true);
  const saved = await savedSession(page);
  // Put it where an older SnapLab kept it, and empty IndexedDB.
  await page.evaluate((s) => new Promise<void>((resolve, reject) => {
    localStorage.setItem('snaplab.session.v1', JSON.stringify(s));
    const r = indexedDB.open('snaplab');
    r.onsuccess = () => {
      const tx = r.result.transaction('sessions', 'readwrite');
      tx.objectStore('sessions').clear();
      tx.oncomplete = () => { r.result.close(); resolve(); };
      tx.onerror = () => reject(tx.error);
    };
  }), saved);
  // A new tab, so this page's own copy in memory plays no part.
  const other = await page.context().newPage();
  await other.goto('./');
  await other.evaluate(() => window.lab.ready);
  expect((await other.evaluate(() => window.lab.state())).vms.find((v) => v.id === 'fs01')!.snapshots.map((s) => s.name)).toEqual(['old autosave']);
  await expect.poll(() => other.evaluate(() => localStorage.getItem('snaplab.session.v1'))).toBeNull();
  expect(JSON.stringify(await savedSession(other))).toContain('old autosave');
  await other.close();
});

test('a large imported session (60,000 commands) is saved, compactly, and is still there after a reload', async ({ page, lab }) => {
  const commands: { at: number; command: Record<string, unknown> }[] = [];
  let at = 0;
  commands.push({ at, command: { type: 'snapshot.take', vm: 'sql01', name: 'imported' } });
  for (let i = 0; i < 60_000; i++) {
    commands.push({ at, command: { type: 'clock.advance', ms: 100 } });
    at += 100;
  }
  commands.push({ at, command: { type: 'vm.powerOff', vm: 'sql01' } });
  const file = { format: 'snaplab-session', version: 1, definition: workshopLab, commands, time: at + 60_000 };
  const text = JSON.stringify(file);
  expect(text.length).toBeGreaterThan(2_000_000);
  const chooser = page.waitForEvent('filechooser');
  await page.getByRole('button', { name: 'Import session…' }).click();
  await (await chooser).setFiles({ name: 'big.json', mimeType: 'application/json', buffer: Buffer.from(text) });
  await expect(page.getByRole('status').filter({ hasText: 'loaded from big.json' })).toBeVisible({ timeout: 30_000 });
  const imported = await lab.state();
  expect(imported.time).toBe(at + 60_000);
  await expect.poll(() => savedSession(page).then((s) => (s as { commands?: unknown[] } | undefined)?.commands?.length)).toBe(2);
  await page.reload();
  await page.evaluate(() => window.lab.ready);
  const after = await lab.state();
  expect(after.time).toBe(imported.time);
  expect(after.vms).toEqual(imported.vms);
});

test('a power-off at 14,400x just before a reload stays done, and the simulated time reached is kept', async ({ page, lab }) => {
  await lab.play(14_400);
  await expect.poll(async () => (await lab.state()).time).toBeGreaterThan(600_000);
  expect((await lab.dispatch({ type: 'vm.powerOff', vm: 'sql01' })).ok).toBe(true);
  await expect.poll(async () => (await lab.state()).vms.find((v) => v.id === 'sql01')!.power).toBe('poweredOff');
  const reached = (await lab.state()).time;
  await page.reload();
  await page.evaluate(() => window.lab.ready);
  const after = await lab.state();
  expect(after.vms.find((v) => v.id === 'sql01')!.power).toBe('poweredOff');
  expect(after.time).toBeGreaterThanOrEqual(reached);
});
