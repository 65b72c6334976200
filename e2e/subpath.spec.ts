// The build deploys under any sub-path of any static host: served here from /labs/snaplab/ by a plain
// file server on another port, every file, the engine's worker and the service worker resolve there.
import { readFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize } from 'node:path';
import { test, expect } from '@playwright/test';

const PREFIX = '/labs/snaplab/';
const DIST = join(process.cwd(), 'dist');
const TYPES: Record<string, string> = {
  '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css', '.svg': 'image/svg+xml',
  '.webmanifest': 'application/manifest+json', '.json': 'application/json', '.png': 'image/png',
};

let server: Server;
let base = '';
test.beforeAll(async () => {
  server = createServer(async (req, res) => {
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    if (!path.startsWith(PREFIX)) { res.writeHead(404).end(); return; }
    const rel = normalize(path.slice(PREFIX.length) || 'index.html').replace(/^(\.\.[/\\])+/, '');
    try {
      const body = await readFile(join(DIST, rel.endsWith('/') ? `${rel}index.html` : rel));
      res.writeHead(200, { 'content-type': TYPES[extname(rel)] ?? 'application/octet-stream' }).end(body);
    } catch {
      res.writeHead(404).end();
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}${PREFIX}`;
});
test.afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

test('the built lab runs from a sub-path: assets, worker and service worker all under it', async ({ page }) => {
  const missing: string[] = [];
  page.on('response', (r) => { if (r.status() >= 400) missing.push(`${r.status()} ${r.url()}`); });
  const requested: string[] = [];
  page.on('request', (r) => requested.push(r.url()));

  await page.goto(`${base}?embed=1&panels=tree,datastore`);
  await page.evaluate(() => window.lab.ready);
  expect((await page.evaluate(() => window.lab.dispatch({ type: 'snapshot.take', vm: 'exch01', name: 'sub-path' }))).ok).toBe(true);
  await expect(page.getByRole('region', { name: 'Datastore' }).locator('.recharts-surface').first()).toBeVisible();

  const sw = await page.evaluate(async () => { const r = await navigator.serviceWorker.ready; return { script: r.active?.scriptURL, scope: r.scope }; });
  expect(sw).toEqual({ script: `${base}sw.js`, scope: base });
  expect(missing).toEqual([]);
  const own = requested.filter((u) => u.startsWith('http://127.0.0.1'));
  expect(own.length).toBeGreaterThan(3);
  for (const url of own) expect(url.startsWith(base)).toBe(true);
  expect(own.some((u) => /assets\/labWorker-[\w-]+\.js$/.test(u))).toBe(true);
});
