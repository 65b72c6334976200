// A clock that explains itself: a visible paused state, a cue while something waits for time, a speed
// control that reaches 14,400× by keyboard and mouse with the speed achieved in view, and the clock
// whole ("day N hh:mm:ss") at every width, in the page and in an embed.
import { test, expect } from './fixtures';
import type { Locator, Page } from '@playwright/test';

const DAY = 86_400_000;

/** The element shows its whole line of text: none cut off by its own box, and all of it inside the window. */
async function expectWhole(page: Page, el: Locator): Promise<void> {
  await expect(el).toBeVisible();
  const fits = await el.evaluate((e) => e.scrollWidth <= e.clientWidth + 1);
  expect(fits).toBe(true);
  const box = (await el.boundingBox())!;
  const view = page.viewportSize()!;
  expect(box.x).toBeGreaterThanOrEqual(0);
  expect(box.x + box.width).toBeLessThanOrEqual(view.width);
  expect(box.y + box.height).toBeLessThanOrEqual(view.height);
}

test('the speed control reaches 14,400× by keyboard and by mouse, at every speed, and the speed achieved shows below 1500 px', async ({ page, lab }) => {
  await page.setViewportSize({ width: 1280, height: 720 });
  const controls = page.getByRole('group', { name: 'Time controls' });
  const speed = controls.getByRole('slider', { name: 'Speed' });
  await expect(speed).toHaveAttribute('aria-valuetext', '1× (real time)');
  await expect(controls.getByText('1× real time')).toBeVisible();

  await speed.focus();
  await page.keyboard.press('ArrowRight');
  await expect(speed).toHaveAttribute('aria-valuetext', '2× (2 s per second)');
  await page.keyboard.press('End');
  await expect(speed).toHaveAttribute('aria-valuetext', '14,400× (10 days per minute)');
  await page.keyboard.press('ArrowLeft');
  await expect(speed).toHaveAttribute('aria-valuetext', '7,200× (5 days per minute)');
  await page.keyboard.press('Home');
  await expect(speed).toHaveAttribute('aria-valuetext', '0.01× (slow motion)');

  // A speed between the stops (from a script, the address or the presenter keys): Home and End still work.
  await lab.play(250);
  await lab.pause();
  await expect(speed).toHaveAttribute('aria-valuetext', '250× (4.2 h per minute)');
  await speed.focus();
  await page.keyboard.press('End');
  await expect(speed).toHaveAttribute('aria-valuetext', '14,400× (10 days per minute)');
  await lab.play(250);
  await lab.pause();
  await page.keyboard.press('Home');
  await expect(speed).toHaveAttribute('aria-valuetext', '0.01× (slow motion)');

  // The mouse: the slider's right end is the fastest speed.
  const box = (await speed.boundingBox())!;
  await page.mouse.click(box.x + box.width - 2, box.y + box.height / 2);
  await expect(speed).toHaveAttribute('aria-valuetext', '14,400× (10 days per minute)');
  await expect(controls.getByText('14,400× · 10 days/min')).toBeVisible();

  // Playing: the speed achieved is in view (1280 px is below 1500), and the clock shows it is moving.
  await controls.getByRole('button', { name: 'Play', exact: true }).click();
  const status = controls.getByRole('status').filter({ hasText: /^running at [\d,]+×$/ });
  await expect(status).toBeVisible();
  await expectWhole(page, status);
  await controls.getByRole('button', { name: 'Pause', exact: true }).click();
  await expect(controls.getByRole('status').filter({ hasText: /^Paused$/ })).toBeVisible();
});

test('a paused clock says so and cues Play or Step while a quiesce waits for time; Space plays', async ({ page, lab }) => {
  const controls = page.getByRole('group', { name: 'Time controls' });
  await expect(controls.getByRole('status').filter({ hasText: /^Paused$/ })).toBeVisible();
  await expect(controls.getByRole('status').filter({ hasText: 'press Play or Step' })).toHaveCount(0);

  await lab.selectVm('EXCH01');
  await page.getByRole('region', { name: 'Snapshot tree' }).getByRole('button', { name: 'Take Snapshot...' }).click();
  const dialog = page.getByRole('dialog', { name: /Take Virtual Machine Snapshot/ });
  await dialog.getByLabel('Name').fill('quiet');
  await dialog.getByLabel('Quiesce guest file system (Needs VMware Tools installed)').check();
  await dialog.getByRole('button', { name: 'OK' }).click();
  // The task sits at its first percent while time stands still: the cue says what to do.
  await controls.getByRole('button', { name: 'Step to next event' }).click();
  const cue = controls.getByRole('status').filter({ hasText: 'Quiescing EXCH01… press Play or Step' });
  await expect(cue).toBeVisible();
  await expectWhole(page, cue);

  // Space (focus on the page, not a control) plays: the cue goes, the clock says it runs.
  await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
  await page.keyboard.press('Space');
  await expect(controls.getByRole('button', { name: 'Pause', exact: true })).toBeVisible();
  await expect(cue).toHaveCount(0);
  await expect(controls.getByRole('status').filter({ hasText: /^running at/ })).toBeVisible();
  await expect.poll(async () => (await lab.state()).vms.find((v) => v.id === 'exch01')!.quiesce?.result, { timeout: 20_000 }).not.toBe('running');
  await lab.pause();
});

for (const size of [{ width: 1280, height: 720 }, { width: 1920, height: 1080 }, { width: 960, height: 540 }]) {
  test(`the clock reads "day N, hh:mm:ss" whole at ${size.width}x${size.height}, with its speed and status`, async ({ page, lab }) => {
    await page.setViewportSize(size);
    await lab.advance(6 * DAY + 21 * 3_600_000 + 25 * 60_000 + 59_000);
    const controls = page.getByRole('group', { name: 'Time controls' });
    const clock = controls.getByRole('timer');
    await expect(clock).toHaveText('day 7, 21:25:59');
    await expect(clock).toHaveAccessibleName('Simulated time day 7, 21:25:59');
    await expectWhole(page, clock);
    await expectWhole(page, controls.getByText('1× real time'));
    await expectWhole(page, controls.getByRole('status').filter({ hasText: 'Paused' }));
    await page.screenshot({ path: test.info().outputPath(`clock-${size.width}.png`) });
  });
}

test('an 800x450 lesson embed plays by itself, with a compact clock whose Play and Pause work', async ({ page }) => {
  await page.setViewportSize({ width: 800, height: 450 });
  await page.goto('./?embed=1&lesson=first-snapshot');
  await page.evaluate(() => window.lab.ready);
  const clock = page.getByRole('group', { name: 'Clock' });
  await expect(clock.getByRole('button', { name: 'Pause', exact: true })).toBeVisible();
  await expect(clock.getByRole('status').filter({ hasText: /^running at/ })).toBeVisible();
  await expect.poll(async () => (await page.evaluate(() => window.lab.state())).time).toBeGreaterThan(0);
  await clock.getByRole('button', { name: 'Pause', exact: true }).click();
  await expect(clock.getByRole('status').filter({ hasText: /^Paused$/ })).toBeVisible();
  const timer = clock.getByRole('timer');
  await expect(timer).toHaveText(/^day 1, 00:00:\d\d$/);
  await expectWhole(page, timer);
  await page.screenshot({ path: test.info().outputPath('clock-embed-800.png') });
  const pausedAt = (await page.evaluate(() => window.lab.state())).time;
  await clock.getByRole('button', { name: 'Play', exact: true }).click();
  await expect.poll(async () => (await page.evaluate(() => window.lab.state())).time).toBeGreaterThan(pausedAt);
});

test('autoplay=0 keeps a lesson embed paused; a snapshot then cues Play, and Play finishes it', async ({ page }) => {
  await page.setViewportSize({ width: 800, height: 450 });
  await page.goto('./?embed=1&lesson=first-snapshot&autoplay=0');
  await page.evaluate(() => window.lab.ready);
  const clock = page.getByRole('group', { name: 'Clock' });
  await expect(clock.getByRole('status').filter({ hasText: /^Paused$/ })).toBeVisible();
  await expect(clock.getByRole('timer')).toHaveText('day 1, 00:00:00');
  const tree = page.getByRole('region', { name: 'Snapshot tree' });
  await tree.getByRole('button', { name: 'Take Snapshot...' }).click();
  const dialog = page.getByRole('dialog', { name: /Take Virtual Machine Snapshot/ });
  await dialog.getByLabel('Name').fill('on the slide');
  await dialog.getByRole('button', { name: 'OK' }).click();
  const cue = clock.getByRole('status').filter({ hasText: /press Play or Step$/ });
  await expect(cue).toBeVisible();
  await expectWhole(page, cue);
  await clock.getByRole('button', { name: 'Play', exact: true }).click();
  await expect(cue).toHaveCount(0);
  await expect.poll(async () => (await page.evaluate(() => window.lab.state())).vms.find((v) => v.id === 'exch01')!.snapshots.length).toBe(1);
});

test('the Embed dialog starts the clock for a lesson and not for a lab, unless the trainer chooses', async ({ page, lab }) => {
  void lab; // the page, opened
  await page.getByRole('region', { name: 'Lesson' }).getByRole('button', { name: /^○?\s*First snapshot/ }).click();
  await page.getByRole('button', { name: 'Embed…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Embed' });
  const autoplay = dialog.getByRole('checkbox', { name: 'Start the clock when the slide opens' });
  const link = () => dialog.getByRole('textbox', { name: 'Link' }).inputValue().then((l) => new URL(l));
  await expect(autoplay).toBeChecked();
  expect((await link()).searchParams.get('lesson')).toBe('first-snapshot');
  expect((await link()).searchParams.has('autoplay')).toBe(false); // a lesson embed plays by default
  await dialog.getByRole('radio', { name: 'The workshop lab from its start' }).check();
  await expect(autoplay).not.toBeChecked();
  await dialog.getByRole('radio', { name: /^The lesson/ }).check();
  await expect(autoplay).toBeChecked();
  await autoplay.uncheck();
  expect((await link()).searchParams.get('autoplay')).toBe('0');
  await dialog.getByRole('radio', { name: 'The workshop lab from its start' }).check();
  await autoplay.check();
  expect((await link()).searchParams.get('autoplay')).toBe('1');
  await dialog.getByRole('button', { name: 'OK' }).click();
});
