// Embed mode (docs/embedding.md): the URL's panels fill the iframe, options apply, bad values are
// reported in a banner and ignored, and the Embed dialog writes a link that opens what it shows.
import { test, expect } from '@playwright/test';
import { savedSession } from './fixtures';

const ALL_REGIONS = ['Inventory', 'Snapshot tree', 'VSS timeline', 'Datastore', 'Recent Tasks', 'Guest console', 'Lesson'];

async function open(page: import('@playwright/test').Page, query: string) {
  await page.goto(`./${query}`);
  await page.evaluate(() => window.lab.ready);
}

test('the chosen panels, and only they, fill the frame without the app chrome', async ({ page }) => {
  await page.setViewportSize({ width: 1000, height: 600 });
  await open(page, '?embed=1&panels=tree,datastore&theme=dark&vm=sql01');
  const shown = page.getByRole('region', { name: /^(Snapshot tree|Datastore)$/ });
  await expect(shown).toHaveCount(2);
  for (const name of ALL_REGIONS.filter((n) => n !== 'Snapshot tree' && n !== 'Datastore')) {
    await expect(page.getByRole('region', { name, exact: true })).toHaveCount(0);
  }
  await expect(page.getByRole('button', { name: 'Reset lab' })).toHaveCount(0);
  await expect(page.getByRole('group', { name: 'Time controls' })).toHaveCount(0);
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  await expect(page.getByRole('region', { name: 'Snapshot tree' }).getByRole('button', { name: 'Take Snapshot...' })).toBeVisible();
  await expect(page.getByRole('region', { name: 'Datastore' }).getByRole('checkbox', { name: 'Only SQL01' })).toBeChecked();

  // Together the two panels cover the frame: side by side, full height.
  const boxes = await Promise.all([0, 1].map((i) => shown.nth(i).boundingBox()));
  const width = boxes.reduce((w, b) => w + b!.width, 0);
  for (const b of boxes) expect(b!.height).toBeGreaterThan(600 * 0.9);
  expect(width).toBeGreaterThan(1000 * 0.95);
  await page.screenshot({ path: test.info().outputPath('embed-two-panels.png') });
});

test('bad values are reported in a small banner and ignored; the good ones still apply', async ({ page }) => {
  await open(page, '?embed=1&panels=timeline,graph&theme=purple&speed=fast&seed=7&lesson=no-such-lesson');
  const banner = page.getByRole('alert');
  await expect(banner).toContainText('The panel "graph" was ignored');
  await expect(banner).toContainText('theme=purple was ignored');
  await expect(banner).toContainText('speed=fast was ignored');
  await expect(banner).toContainText('lesson=no-such-lesson was ignored: There is no lesson or built-in lab with the id "no-such-lesson".');
  await expect(page.getByRole('region', { name: 'VSS timeline' })).toBeVisible();
  const state = await page.evaluate(() => window.lab.state());
  expect(state.seed).toBe(7);
  expect(state.vms.length).toBeGreaterThan(0);
  await banner.getByRole('button', { name: 'Dismiss address problems' }).click();
  await expect(banner).toHaveCount(0);
});

test('a seed past 32 bits, a hex speed, a repeated parameter and an origin with a trailing dot are named in the banner, not taken', async ({ page }) => {
  await open(page, '?embed=1&panels=tree&seed=4294967296&speed=0x10&speed=20&theme=dark&theme=light&parentOrigin=https://a.com.');
  const banner = page.getByRole('alert');
  await expect(banner).toContainText('seed=4294967296 was ignored: a seed is a whole number from 0 to 4294967295');
  await expect(banner).toContainText('speed=0x10 was ignored: the speed is a plain decimal number');
  await expect(banner).toContainText('speed= was given 2 times: the first (speed=0x10) was used and the others ignored.');
  await expect(banner).toContainText('theme= was given 2 times: the first (theme=dark) was used and the others ignored.');
  await expect(banner).toContainText('parentOrigin=https://a.com. was ignored');
  const state = await page.evaluate(() => window.lab.state());
  expect(state.seed).not.toBe(0);
  expect(await page.evaluate(() => document.documentElement.dataset.theme)).toBe('dark');
});

test('lesson, seed, speed and autoplay are honoured', async ({ page }) => {
  await open(page, '?embed=1&lesson=first-snapshot&seed=5&speed=120&autoplay=1');
  const state = await page.evaluate(() => window.lab.state());
  expect(state.lesson?.id).toBe('first-snapshot');
  expect(state.seed).toBe(5);
  // No panels named: the default panels, with the lesson's.
  await expect(page.getByRole('region', { name: 'Lesson' })).toBeVisible();
  await expect(page.getByRole('region', { name: 'Snapshot tree' })).toBeVisible();
  // Playing at 120x: a second of real time is two simulated minutes.
  await expect.poll(async () => (await page.evaluate(() => window.lab.state())).time, { timeout: 10_000 }).toBeGreaterThan(60_000);
  const clock = await page.evaluate(() => window.lab.pause());
  expect(clock).toMatchObject({ ok: true, playing: false, speed: 120 });
});

test('the Embed dialog builds a link and an iframe snippet that open those panels', async ({ page }) => {
  await open(page, '');
  await page.getByRole('button', { name: 'Embed…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Embed' });
  for (const name of ['Snapshot tree', 'VSS timeline', 'Datastore', 'Recent Tasks']) {
    const box = dialog.getByRole('checkbox', { name, exact: true });
    if (await box.isChecked()) await box.uncheck();
  }
  await dialog.getByRole('checkbox', { name: 'Guest console' }).check();
  await dialog.getByRole('checkbox', { name: 'VSS timeline' }).check();
  await dialog.getByRole('radio', { name: 'The workshop lab from its start' }).check();
  await dialog.getByLabel('Theme').selectOption('dark');
  await dialog.getByLabel('Origin of the slide deck allowed to drive the lab with postMessage').fill('https://slides.example.com/deck');
  await expect(dialog.getByText('An origin is scheme, host and port only')).toBeVisible();
  await dialog.getByLabel('Origin of the slide deck allowed to drive the lab with postMessage').fill('https://slides.example.com');
  const link = await dialog.getByRole('textbox', { name: 'Link' }).inputValue();
  const snippet = await dialog.getByRole('textbox', { name: 'Iframe snippet' }).inputValue();
  expect(link).toMatch(/\?embed=1&panels=timeline,console&vm=exch01&theme=dark&parentOrigin=https%3A%2F%2Fslides\.example\.com$/);
  expect(snippet).toContain(`src="${link.replace(/&/g, '&amp;')}"`);
  await dialog.getByRole('button', { name: 'OK' }).click();

  await page.goto(link);
  await page.evaluate(() => window.lab.ready);
  await expect(page.getByRole('region', { name: /^(VSS timeline|Guest console)/ })).toHaveCount(2);
  await expect(page.getByRole('region', { name: 'Snapshot tree' })).toHaveCount(0);
  await expect(page.getByRole('alert')).toHaveCount(0);
});

test('an embed leaves the learner\'s own autosave alone', async ({ page }) => {
  await open(page, '');
  await page.evaluate(() => window.lab.dispatch({ type: 'snapshot.take', vm: 'dc01', name: 'mine' }));
  await page.evaluate(() => window.lab.advance(60_000));
  await expect.poll(() => savedSession(page).then((s) => JSON.stringify(s).includes('"time":60000'))).toBe(true);
  // Record the sessions the worker posts to the page: each is one the page would autosave.
  await page.addInitScript(() => {
    const seen: string[] = [];
    (window as unknown as { postedSessions: string[] }).postedSessions = seen;
    window.Worker = class extends Worker {
      constructor(url: string | URL, options?: WorkerOptions) {
        super(url, options);
        this.addEventListener('message', (e: MessageEvent) => { if (e.data?.type === 'session') seen.push(JSON.stringify(e.data.session)); });
      }
    };
  });
  await open(page, '?embed=1&panels=tree');
  expect((await page.evaluate(() => window.lab.state())).vms.find((v) => v.id === 'dc01')!.snapshots).toHaveLength(0);
  await page.evaluate(() => window.lab.dispatch({ type: 'snapshot.take', vm: 'dc01', name: 'in the slide' }));
  await page.evaluate(() => window.lab.advance(60_000));
  // The worker has handed the page a session with the slide's snapshot: a save would have happened now.
  await expect.poll(() => page.evaluate(() => (window as unknown as { postedSessions: string[] }).postedSessions
    .some((s) => s.includes('"in the slide"')))).toBe(true);
  expect(JSON.stringify(await savedSession(page))).not.toContain('in the slide');
  await open(page, '');
  expect((await page.evaluate(() => window.lab.state())).vms.find((v) => v.id === 'dc01')!.snapshots.map((s) => s.name)).toEqual(['mine']);
});

test('an embed of "this lab as it is now" opens with the lab\'s history', async ({ page, browser }) => {
  await open(page, '');
  await page.evaluate(async () => {
    await window.lab.dispatch({ type: 'snapshot.take', vm: 'fs01', name: 'for the slide' });
    await window.lab.advance(120_000);
  });
  const expected = await page.evaluate(() => window.lab.state());
  await page.getByRole('button', { name: 'Embed…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Embed' });
  await expect(dialog.getByRole('radio', { name: /This lab as it is now/ })).toBeChecked();
  const link = await dialog.getByRole('textbox', { name: 'Link' }).inputValue();
  expect(link).toMatch(/\?embed=1&panels=[a-z,]+&vm=exch01#share=v1\./);

  const other = await browser.newContext();
  const slide = await other.newPage();
  await slide.goto(link);
  await slide.evaluate(() => window.lab.ready);
  const state = await slide.evaluate(() => window.lab.state());
  expect(state.time).toBe(expected.time);
  expect(state.vms.find((v) => v.id === 'fs01')!.snapshots.map((s) => s.name)).toEqual(['for the slide']);
  await expect(slide.getByRole('region', { name: 'Snapshot tree' })).toBeVisible();
  await other.close();
});

test('with a lesson open, the Embed dialog offers (and picks) starting from that lesson', async ({ page }) => {
  await open(page, '');
  const panel = page.getByRole('region', { name: 'Lesson' });
  await panel.getByRole('button', { name: /^○?\s*First snapshot/ }).click();
  await expect(panel.getByRole('heading', { name: 'First snapshot' })).toBeVisible();
  await page.getByRole('button', { name: 'Embed…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Embed' });
  await expect(dialog.getByRole('radio', { name: 'The lesson “First snapshot” from its start' })).toBeChecked();
  const link = await dialog.getByRole('textbox', { name: 'Link' }).inputValue();
  expect(new URL(link).searchParams.get('lesson')).toBe('first-snapshot');
  await dialog.getByRole('button', { name: 'OK' }).click();

  // Back to the workshop lab: no lesson to offer.
  await page.evaluate(() => window.lab.load('workshop'));
  await page.getByRole('button', { name: 'Embed…' }).click();
  await expect(dialog.getByRole('radio', { name: /This lab as it is now/ })).toBeChecked();
  await expect(dialog.getByRole('radio', { name: /^The lesson/ })).toHaveCount(0);
});

test('an embed shows a compact clock, paused or running, with Play and Pause', async ({ page }) => {
  await page.goto('./?embed=1&panels=tree');
  await page.evaluate(() => window.lab.ready);
  const clock = page.getByRole('group', { name: 'Clock' });
  const timer = clock.getByRole('timer', { name: /Simulated time/ });
  await expect(timer).toHaveText('day 1, 00:00:00');
  await expect(clock.getByRole('status').filter({ hasText: /^Paused$/ })).toBeVisible();
  await page.evaluate(() => window.lab.play(10));
  await expect(clock.getByRole('button', { name: 'Pause', exact: true })).toBeVisible();
  await expect.poll(async () => (await timer.textContent()) !== 'day 1, 00:00:00').toBe(true);
  await clock.getByRole('button', { name: 'Pause', exact: true }).click();
  await expect(clock.getByRole('status').filter({ hasText: /^Paused$/ })).toBeVisible();
  expect((await page.evaluate(() => window.lab.pause())).ok).toBe(true);
});
