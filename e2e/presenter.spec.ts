// Presenter mode: larger type, the key legend on screen, and the presenter keys driving the clock.
import { test, expect } from './fixtures';

test('presenter mode enlarges the type, shows the keys, and the keys play, pause and step', async ({ page, lab }) => {
  const fontSize = () => page.evaluate(() => parseFloat(getComputedStyle(document.documentElement).fontSize));
  const normal = await fontSize();
  const toggle = page.getByRole('button', { name: 'Presenter mode' });
  await toggle.click();
  await expect(toggle).toHaveAttribute('aria-pressed', 'true');
  expect(await fontSize()).toBeGreaterThan(normal * 1.25);
  const legend = page.getByRole('complementary', { name: 'Presenter keys' });
  await expect(legend).toContainText('Play or pause');
  await expect(legend).toContainText('Step to the next event');

  // Space right after switching presenter mode on plays (focus moved to Play), it does not switch it off.
  await page.keyboard.press(' ');
  await expect(toggle).toHaveAttribute('aria-pressed', 'true');
  await expect.poll(async () => (await lab.state()).time).toBeGreaterThan(0);
  await page.keyboard.press('k');
  // The worker's clock reports it stopped (the button follows the clock the worker posts).
  await expect(page.getByRole('button', { name: 'Play', exact: true })).toBeVisible();

  // A presentation remote's "next" (Page Down) steps to the next event.
  await lab.dispatch({ type: 'snapshot.take', vm: 'exch01', name: 'stepped' });
  const events = (await lab.state()).events.length;
  await page.keyboard.press('PageDown');
  await expect.poll(async () => (await lab.state()).events.length).toBeGreaterThan(events);

  await toggle.focus();
  await page.keyboard.press('p');
  await expect(page.getByRole('button', { name: 'Pause', exact: true })).toBeVisible();
  await page.keyboard.press('k');
  await page.keyboard.press('+');
  await expect.poll(async () => lab.pause()).toMatchObject({ ok: true, speed: 2 });

  // Typed into the guest console, the letters stay there.
  const input = page.getByRole('region', { name: 'Guest console' }).getByRole('textbox', { name: /Command for/ });
  await input.fill('');
  const before = (await lab.state()).time;
  await input.pressSequentially('kp');
  await expect(input).toHaveValue('kp');
  // Run the line: the guest's answer comes after anything the keys asked of the worker, so once it
  // shows, the Play button shows the clock as the keys left it.
  await input.press('Enter');
  await expect(page.getByRole('log', { name: /^Console output/ })).toContainText("'kp' is not recognized");
  await expect(page.getByRole('button', { name: 'Play', exact: true })).toBeVisible();
  expect((await lab.state()).time).toBe(before);

  await toggle.click();
  await expect(legend).toHaveCount(0);
  expect(await fontSize()).toBe(normal);
});

test('presenter=1 in the address turns it on, in an embed too', async ({ page }) => {
  await page.goto('./?embed=1&panels=tree&presenter=1');
  await page.evaluate(() => window.lab.ready);
  await expect(page.getByRole('complementary', { name: 'Presenter keys' })).toBeVisible();
  await expect(page.locator('html')).toHaveClass(/presenter/);
});

test('presenter mode enlarges the content: the tree cards and the timeline drawing, not just the chrome', async ({ page, lab }) => {
  await page.setViewportSize({ width: 1280, height: 720 });
  await lab.dispatch({ type: 'snapshot.take', vm: 'exch01', name: 'big', quiesce: true });
  await lab.advance(60_000);
  await lab.selectVm('EXCH01');
  const card = page.getByRole('region', { name: 'Snapshot tree' }).getByRole('button', { name: /Snapshot big/ });
  const label = page.getByRole('region', { name: 'VSS timeline' }).locator('svg').getByText('Freeze', { exact: true });
  await expect(label).toBeVisible();
  const before = { card: (await card.boundingBox())!.height, label: (await label.boundingBox())!.height };
  await page.getByRole('button', { name: 'Presenter mode' }).click();
  await expect.poll(async () => (await card.boundingBox())!.height).toBeGreaterThan(before.card * 1.1);
  await expect.poll(async () => (await label.boundingBox())!.height).toBeGreaterThan(before.label * 1.2);
});
