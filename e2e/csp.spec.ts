// The Content-Security-Policy of the built page: present, without 'unsafe-eval', in force (an inline
// script and eval are refused), and the whole lab runs under it without a single violation.
import { test, expect } from '@playwright/test';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { cspHeader, PREVIEW_FRAME_ANCESTORS } from '../build/contentSecurityPolicy';

test.beforeEach(async ({ page }) => {
  await page.addInitScript(() => {
    const w = window as unknown as { violations: string[] };
    w.violations = [];
    document.addEventListener('securitypolicyviolation', (e) => w.violations.push(`${e.effectiveDirective} ${e.blockedURI}`));
  });
});

const violations = (page: import('@playwright/test').Page) => page.evaluate(() => (window as unknown as { violations: string[] }).violations);

test('the built page carries a CSP without unsafe-eval, and it is enforced', async ({ page }) => {
  await page.goto('./');
  await page.evaluate(() => window.lab.ready);
  const policy = await page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content');
  expect(policy).toContain("script-src 'self'");
  expect(policy).toContain("object-src 'none'");
  expect(policy).not.toContain('unsafe-eval');
  expect(policy).not.toContain('unsafe-inline');
  expect(policy).toContain("style-src 'self'");

  // An injected inline script does not run, and eval is refused.
  const ran = await page.evaluate(() => {
    const s = document.createElement('script');
    s.textContent = 'window.injected = true';
    document.head.append(s);
    return (window as unknown as { injected?: boolean }).injected === true;
  });
  expect(ran).toBe(false);
  // A string run as code later (the test's own evaluate is exempt from CSP; a timer string is not).
  await page.evaluate(() => { (setTimeout as (code: string, ms: number) => number)('window.fromString = true', 0); });
  // The browser reports the refused string: only then is it certain the timer had its turn.
  await expect.poll(() => violations(page)).toEqual(expect.arrayContaining([expect.stringMatching(/^script-src-elem inline/), expect.stringMatching(/^script-src eval/)]));
  expect(await page.evaluate(() => (window as unknown as { fromString?: boolean }).fromString)).toBeUndefined();
});

test('the lab, its dialogs, tree, charts and embeds run with no violation', async ({ page }) => {
  await page.goto('./');
  await page.evaluate(() => window.lab.ready);
  await page.evaluate(async () => {
    await window.lab.dispatch({ type: 'snapshot.take', vm: 'exch01', name: 'quiesced', quiesce: true });
    await window.lab.advance(120_000);
  });
  await expect(page.getByRole('region', { name: 'Snapshot tree' }).getByRole('button', { name: /Snapshot quiesced/ })).toBeVisible();
  await expect(page.getByRole('region', { name: 'Datastore' }).locator('.recharts-surface').first()).toBeVisible();
  await expect(page.getByRole('region', { name: 'VSS timeline' }).getByRole('status')).toContainText('Application consistent');
  await page.getByRole('button', { name: 'Take Snapshot...' }).click();
  await page.getByRole('dialog').getByRole('button', { name: 'Cancel' }).click();
  await page.getByRole('button', { name: 'Embed…' }).click();
  await page.getByRole('dialog', { name: 'Embed' }).getByRole('button', { name: 'OK' }).click();
  await page.getByRole('button', { name: 'Presenter mode' }).click();
  await expect(page.getByRole('complementary', { name: 'Presenter keys' })).toBeVisible();
  expect(await violations(page)).toEqual([]);

  await page.goto('./?embed=1&panels=tree,timeline,datastore,tasks,console,inventory,lesson&lesson=first-snapshot');
  await page.evaluate(() => window.lab.ready);
  await expect(page.getByRole('region', { name: 'Lesson' })).toBeVisible();
  expect(await violations(page)).toEqual([]);
});

test('the server sends the policy as a header too, with frame-ancestors: pages of this machine may frame the lab, another origin may not', async ({ page, request }) => {
  const response = await request.get('./');
  const header = response.headers()['content-security-policy'];
  expect(header).toBe(cspHeader(PREVIEW_FRAME_ANCESTORS));
  // The same directives as the meta tag, plus the one a meta tag cannot carry.
  await page.goto('./');
  const meta = await page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content');
  expect(header.startsWith(`${meta}; frame-ancestors `)).toBe(true);

  // A slide page at http://[::1]:<port> is not one of the frame ancestors: the browser does not show the lab there.
  const lab = new URL('./', page.url()).href;
  const server = createServer((_req, res) => res.writeHead(200, { 'content-type': 'text/html' })
    .end(`<!doctype html><title>deck</title><iframe id="lab" src="${lab}"></iframe>`));
  await new Promise<void>((resolve) => server.listen(0, '::1', resolve));
  try {
    const deck = `http://[::1]:${(server.address() as AddressInfo).port}/`;
    const blocked = page.waitForEvent('console', (m) => /frame-ancestors/.test(m.text()));
    await page.goto(deck);
    await blocked;
    const frame = page.frames().find((f) => f !== page.mainFrame())!;
    expect(await frame.evaluate(() => 'lab' in window).catch(() => false)).toBe(false);
  } finally {
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }
  // The lab's own origin frames it (an embed inside the lab's own pages, the examples deck).
  await page.goto('./');
  await page.setContent(`<iframe id="lab" src="${lab}?embed=1&panels=tree"></iframe>`);
  await expect(page.frameLocator('#lab').getByRole('region', { name: 'Snapshot tree' })).toBeVisible();
});
