// A new deploy while the lab is open. The built lab is copied to a folder of its own and served from a
// plain file server (so the preview server the other specs use never changes); then a deploy is made
// under the open page: version.json and index.html name a new build, a new sw.js (another cache, whose
// list lacks the lab worker) replaces the old, and the lab worker file the page was built with is gone.
// The page says a new version is available; "Restart lab" still starts the worker it was built with;
// Reload runs the new build and keeps the learner's lab.
import { test, expect } from '@playwright/test';
import { cpSync, mkdtempSync, readFileSync, readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { servePackage, type PackageServer } from './lms/coursePackage';

const DIST = join(import.meta.dirname, '..', 'dist');
const NEW_BUILD = '0dep10y00new';

let dir: string;
let server: PackageServer;
test.beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'snaplab-deploy-'));
  cpSync(DIST, dir, { recursive: true });
  server = await servePackage(dir, () => false);
});
test.afterEach(async () => {
  await server.close();
  rmSync(dir, { recursive: true, force: true });
});

/** The deploy: the new build's id in version.json and index.html, a new sw.js, the old worker file gone. */
function deploy(): string {
  const oldBuild = (JSON.parse(readFileSync(join(dir, 'version.json'), 'utf8')) as { build: string }).build;
  const worker = readdirSync(join(dir, 'assets')).find((f) => /^labWorker-.*\.js$/.test(f))!;
  const sw = readFileSync(join(dir, 'sw.js'), 'utf8');
  const newSw = sw.replaceAll(oldBuild, NEW_BUILD).replace(`\\"assets/${worker}\\",`, '');
  expect(newSw).toContain(NEW_BUILD);
  expect(newSw).not.toContain(worker);
  const index = readFileSync(join(dir, 'index.html'), 'utf8');
  expect(index).toContain(`<meta name="snaplab-build" content="${oldBuild}" />`);
  writeFileSync(join(dir, 'index.html'), index.replace(oldBuild, NEW_BUILD));
  writeFileSync(join(dir, 'version.json'), JSON.stringify({ build: NEW_BUILD }));
  writeFileSync(join(dir, 'sw.js'), newSw);
  renameSync(join(dir, 'assets', worker), join(dir, `${worker}.gone`));
  return `assets/${worker}`;
}

test('after a new deploy the page offers Reload, Restart lab works with the old worker file gone, and Reload keeps the lab', async ({ page }) => {
  const base = `${server.base}course/`;
  await page.goto(base);
  await page.evaluate(() => window.lab.ready);
  await expect.poll(() => page.evaluate(() => navigator.serviceWorker.controller?.state ?? 'none')).toBe('activated');
  // A page the service worker served, as every later visit is.
  await page.reload();
  await page.evaluate(() => window.lab.ready);
  await page.evaluate(() => window.lab.dispatch({ type: 'snapshot.take', vm: 'dc01', name: 'before the deploy' }));
  await page.evaluate(() => window.lab.advance(60_000));
  const notice = page.getByRole('status').filter({ hasText: 'A new version of SnapLab is available' });
  // Coming back to the page asks the server; nothing new yet.
  await page.evaluate(() => window.dispatchEvent(new Event('focus')));
  await expect(page.evaluate(() => fetch('./version.json', { cache: 'no-store' }).then((r) => r.ok))).resolves.toBe(true);

  const workerFile = deploy();
  expect((await fetch(`${base}${workerFile}`)).status).toBe(404);
  // The learner comes back to the tab: the page learns of the deploy, without a dialog.
  await page.evaluate(() => window.dispatchEvent(new Event('focus')));
  await expect(notice).toBeVisible();
  await expect(page.getByRole('dialog')).toHaveCount(0);
  // The new service worker took over the page.
  await expect.poll(() => page.evaluate(async () => (await navigator.serviceWorker.getRegistration())?.active?.scriptURL ?? '')).toContain('sw.js');
  await expect.poll(() => page.evaluate(() => caches.keys())).toContain(`snaplab-${NEW_BUILD}`);

  // The lab's worker fails; Restart lab starts a new one from the file this page was built with,
  // which only the previous deploy's cache still holds.
  const labWorker = page.workers().find((w) => w.url().includes('labWorker'))!;
  await labWorker.evaluate(() => { setTimeout(() => { throw new Error('the engine failed'); }); });
  const crash = page.getByRole('alert').filter({ hasText: 'The lab stopped' });
  await expect(crash).toBeVisible();
  await crash.getByRole('button', { name: 'Restart lab' }).click();
  await expect(crash).toHaveCount(0);
  await page.evaluate(() => window.lab.ready);
  const names = async () => (await page.evaluate(() => window.lab.state())).vms.find((v) => v.id === 'dc01')!.snapshots.map((s) => s.name);
  expect(await names()).toEqual(['before the deploy']);
  expect((await page.evaluate(() => window.lab.dispatch({ type: 'snapshot.take', vm: 'dc01', name: 'after the restart' }))).ok).toBe(true);
  await page.evaluate(() => window.lab.advance(60_000));
  expect(await names()).toEqual(['before the deploy', 'after the restart']);
  await expect(notice).toBeVisible();

  // Reload, from the keyboard: the new build runs, with the learner's lab.
  await notice.getByRole('button', { name: 'Reload' }).focus();
  await Promise.all([page.waitForEvent('load'), page.keyboard.press('Enter')]);
  await page.waitForFunction(() => 'lab' in window);
  await page.evaluate(() => window.lab.ready);
  expect(await page.locator('meta[name="snaplab-build"]').getAttribute('content')).toBe(NEW_BUILD);
  expect(await names()).toEqual(['before the deploy', 'after the restart']);
  await page.evaluate(() => window.dispatchEvent(new Event('focus')));
  await expect(page.evaluate(() => fetch('./version.json', { cache: 'no-store' }).then((r) => r.json()))).resolves.toEqual({ build: NEW_BUILD });
  await expect(notice).toHaveCount(0);
});
