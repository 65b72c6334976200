// A deploy's new service worker taking over while the lab worker starts. In Chromium a Web Worker whose
// file is requested while a new service worker waits to activate can wait for ever (no hello, no
// error: "Starting the lab…" for ever). Here the old service worker is kept busy by a request the
// test holds, so the new one waits; the lab stops and Restart lab is clicked in that window. The new
// lab worker must be started only after the new service worker activated, and the lab come back.
import { test, expect } from '@playwright/test';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { servePackage, type PackageServer } from './lms/coursePackage';

const DIST = join(import.meta.dirname, '..', 'dist');
const NEW_BUILD = '0dep10y00two';

let dir: string;
let server: PackageServer;
/** Answers the held request (the old service worker's last piece of work). */
let release: () => void = () => {};
test.beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'snaplab-takeover-'));
  cpSync(DIST, dir, { recursive: true });
  server = await servePackage(dir, (req, res) => {
    if (!req.url?.startsWith('/course/held')) return false;
    release = () => { if (!res.headersSent) res.writeHead(200, { 'content-type': 'text/plain' }).end('released'); };
    return true;
  });
});
test.afterEach(async () => {
  release();
  await server.close();
  rmSync(dir, { recursive: true, force: true });
});

test('Restart lab while a new service worker waits to take over starts the lab worker once it has, and the lab comes back', async ({ page }) => {
  // Every Worker the page makes and every state of a new service worker, in the order they happen.
  await page.addInitScript(() => {
    const order: string[] = [];
    (window as unknown as { order: string[] }).order = order;
    void navigator.serviceWorker?.getRegistration().then((reg) => reg?.addEventListener('updatefound', () => {
      const sw = reg.installing!;
      sw.addEventListener('statechange', () => order.push(`service worker ${sw.state}`));
    }));
    const PageWorker = window.Worker;
    window.Worker = class extends PageWorker {
      constructor(url: string | URL, options?: WorkerOptions) {
        order.push(String(url).includes('labWorker') ? 'worker lab' : `worker ${String(url)}`);
        super(url, options);
      }
    };
  });
  const order = () => page.evaluate(() => (window as unknown as { order: string[] }).order);
  await page.goto(`${server.base}course/`);
  await page.evaluate(() => window.lab.ready);
  await expect.poll(() => page.evaluate(() => navigator.serviceWorker.controller?.state ?? 'none')).toBe('activated');
  // A page the service worker served, as every later visit is.
  await page.reload();
  await page.evaluate(() => window.lab.ready);
  expect((await page.evaluate(() => window.lab.dispatch({ type: 'snapshot.take', vm: 'dc01', name: 'kept' }))).ok).toBe(true);
  await page.evaluate(() => window.lab.advance(60_000));

  // The deploy: a new build id, so a new sw.js.
  const oldBuild = (JSON.parse(readFileSync(join(dir, 'version.json'), 'utf8')) as { build: string }).build;
  writeFileSync(join(dir, 'sw.js'), readFileSync(join(dir, 'sw.js'), 'utf8').replaceAll(oldBuild, NEW_BUILD));
  writeFileSync(join(dir, 'version.json'), JSON.stringify({ build: NEW_BUILD }));
  // The old service worker has work in hand: Chromium activates the new one only when it is done.
  await page.evaluate(() => { void fetch(`./held?${Date.now()}`); });
  await page.evaluate(() => window.dispatchEvent(new Event('focus')));
  await expect(page.getByRole('status').filter({ hasText: 'A new version of SnapLab is available' })).toBeVisible();
  await expect.poll(() => page.evaluate(async () => (await navigator.serviceWorker.getRegistration())?.waiting?.state ?? 'none'), { timeout: 60_000 }).toBe('installed');

  const labWorker = page.workers().find((w) => w.url().includes('labWorker'))!;
  await labWorker.evaluate(() => { setTimeout(() => { throw new Error('the engine failed'); }); });
  const crash = page.getByRole('alert').filter({ hasText: 'The lab stopped' });
  await crash.getByRole('button', { name: 'Restart lab' }).click();
  await expect(page.getByText('Starting the lab…')).toBeVisible();
  // Not while the new service worker waits: the page's first lab worker is the only one so far.
  expect((await order()).filter((e) => e === 'worker lab')).toHaveLength(1);

  release();
  await expect(page.getByText('Starting the lab…')).toHaveCount(0);
  await expect(crash).toHaveCount(0);
  const names = (await page.evaluate(() => window.lab.state())).vms.find((v) => v.id === 'dc01')!.snapshots.map((s) => s.name);
  expect(names).toEqual(['kept']);
  // The restart's worker came after the new service worker activated.
  const after = await order();
  expect(after.filter((e) => e === 'worker lab')).toHaveLength(2);
  expect(after).toContain('service worker activated');
  expect(after.lastIndexOf('worker lab')).toBeGreaterThan(after.indexOf('service worker activated'));
});
