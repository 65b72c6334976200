// Time travel (docs/scripting.md, `seek`): the scrubber by keyboard, branches through the UI and
// window.lab, and branches kept across a reload.
import { test, expect, savedSession } from './fixtures';
import type { StateView } from '../src/engine/core/view';

const MIN = 60_000;
const seek = (page: import('@playwright/test').Page, ms: number) => page.evaluate((m) => window.lab.seek(m), ms) as Promise<StateView>;

test('window.lab.seek answers the state at that moment; a command there starts a branch the switcher offers', async ({ page, lab }) => {
  await lab.dispatch({ type: 'snapshot.take', vm: 'exch01', name: 'before-patch' });
  await lab.advance(20 * MIN);
  await lab.dispatch({ type: 'snapshot.revert', vm: 'exch01', snapshot: 'before-patch' });
  await lab.advance(20 * MIN);
  const end = await lab.state();

  const back = await seek(page, 10 * MIN);
  expect(back.time).toBe(10 * MIN);
  expect((await seek(page, end.time)).time).toBe(end.time);
  expect(await lab.state()).toEqual(end);

  await seek(page, 10 * MIN);
  expect((await lab.dispatch({ type: 'snapshot.delete', vm: 'exch01', snapshot: 'before-patch' })).ok).toBe(true);
  await lab.advance(5 * MIN);
  const branch = page.getByRole('combobox', { name: 'Branch' });
  await expect(branch).toBeVisible();
  await expect(branch.locator('option')).toHaveCount(2);
  await expect(branch).toContainText('Branch 2 · EXCH01: deleted before-patch (day 1, 00:10)');

  // Back to the first branch: the revert is there again, at the newest moment it reached.
  await branch.selectOption({ label: 'Branch 1 · EXCH01: reverted to before-patch (day 1, 00:20)' });
  await expect.poll(async () => (await lab.state()).time).toBe(end.time);
  expect(await lab.state()).toEqual(end);

  // Branches survive a reload (autosave).
  await expect.poll(() => savedSession(page).then((s) => JSON.stringify(s).includes('"branches"'))).toBe(true);
  await page.reload();
  await page.evaluate(() => window.lab.ready);
  await expect(page.getByRole('combobox', { name: 'Branch' }).locator('option')).toHaveCount(2);
});

test('the scrubber moves through the lab\'s history from the keyboard: Home, End, [ and ]', async ({ page, lab }) => {
  await lab.advance(10 * MIN);
  await lab.dispatch({ type: 'snapshot.take', vm: 'sql01', name: 'first' });
  await lab.advance(20 * MIN);
  await lab.dispatch({ type: 'snapshot.take', vm: 'sql01', name: 'second' });
  await lab.advance(30 * MIN);
  const end = await lab.state();
  const [first, second] = end.events.filter((e) => e.kind === 'vm.snapshotCreated').map((e) => e.time);
  const names = async () => (await lab.state()).vms.find((v) => v.id === 'sql01')!.snapshots.map((s) => s.name);

  const slider = page.getByRole('slider', { name: 'Lab history position' });
  await slider.focus();
  await page.keyboard.press('Home');
  await expect.poll(async () => (await lab.state()).time).toBe(0);
  await expect(page.getByRole('button', { name: 'Back to now' })).toBeEnabled();
  expect(await names()).toEqual([]);

  await page.keyboard.press(']');
  await expect.poll(async () => (await lab.state()).time).toBe(first);
  await page.keyboard.press(']');
  await expect.poll(async () => (await lab.state()).time).toBe(second);
  expect(await names()).toEqual(['first', 'second']);
  await page.keyboard.press('[');
  await expect.poll(async () => (await lab.state()).time).toBe(first);
  expect(await names()).toEqual(['first']);

  await page.keyboard.press('End');
  await expect.poll(async () => (await lab.state()).time).toBe(end.time);
  await expect(page.getByRole('button', { name: 'Back to now' })).toBeDisabled();
  expect(await lab.state()).toEqual(end);
});

test('seek is refused outside the history, with a code, over postMessage-style answers too', async ({ page, lab }) => {
  await lab.advance(MIN);
  const answer = await seek(page, 5 * MIN) as unknown as { ok: boolean; error: { code: string } };
  expect(answer.ok).toBe(false);
  expect(answer.error.code).toBe('INVALID_TIME');
  expect((await lab.state()).time).toBe(MIN);
});

test('an embed shows the history too, and [ ] jump between its markers from anywhere', async ({ page }) => {
  await page.goto('./?embed=1&panels=tree,timeline');
  await page.evaluate(() => window.lab.ready);
  await page.evaluate(async () => {
    await window.lab.dispatch({ type: 'snapshot.take', vm: 'exch01', name: 'one' });
    await window.lab.advance(600_000);
  });
  const created = await page.evaluate(async () => (await window.lab.state()).events.find((e) => e.kind === 'vm.snapshotCreated')!.time);
  await expect(page.getByRole('slider', { name: 'Lab history position' })).toBeVisible();
  // The worker's history view has reached the page once the snapshot's marker is drawn.
  await expect(page.locator('.embed-history .scrub-snapshot')).toHaveCount(1);
  await page.locator('body').click({ position: { x: 2, y: 2 } });
  await page.keyboard.press('[');
  await expect.poll(() => page.evaluate(async () => (await window.lab.state()).time)).toBe(created);
});

test('the scrubber\'s markers sit at their moments along the history, and stay there while the clock plays', async ({ page, lab }) => {
  await lab.advance(10 * MIN);
  await lab.dispatch({ type: 'snapshot.take', vm: 'sql01', name: 'first' });
  await lab.advance(30 * MIN);
  const markers = page.locator('.scrubber-markers .scrub-snapshot');
  await expect(markers).toHaveCount(1);
  /** Where the marker sits along the strip, from 0 (the lab's start) to 1 (the newest moment). */
  const place = () => page.evaluate(() => {
    const strip = document.querySelector('.scrubber-markers')!.getBoundingClientRect();
    const m = document.querySelector('.scrubber-markers .scrub-snapshot')!.getBoundingClientRect();
    return (m.left + 1 - strip.left) / strip.width;
  });
  await expect.poll(place).toBeCloseTo(10 / 40, 2);
  // While time runs the strip's end moves on: the marker keeps its moment, so it moves towards the start.
  await page.evaluate(() => window.lab.play(600));
  await expect.poll(async () => (await lab.state()).time).toBeGreaterThan(80 * MIN);
  await page.evaluate(() => window.lab.pause());
  const time = (await lab.state()).time;
  await expect.poll(place).toBeCloseTo((10 * MIN) / time, 2);
});
