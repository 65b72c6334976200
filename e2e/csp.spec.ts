// The Content-Security-Policy of the built page: present, without 'unsafe-eval', in force (an inline
// script and eval are refused), and the whole lab runs under it without a single violation.
import { test, expect } from '@playwright/test';

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
