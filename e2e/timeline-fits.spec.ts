// Presenter mode on a 960x540 projector: the VSS timeline shows every lane of a quiesce (VMware Tools,
// VSS, the provider, each writer, the scripts, the guest) on the first screen, with no scrolling inside
// the timeline, and keeps the lanes at their full height where there is room (1920x1080).
import type { Locator } from '@playwright/test';
import { test, expect } from './fixtures';

/** How much of an element can be seen: its height cut by every element around it that clips. */
function visibleHeight(l: Locator): Promise<{ height: number; visible: number }> {
  return l.evaluate((el) => {
    const r = el.getBoundingClientRect();
    let { top, bottom } = r;
    for (let a = el.parentElement; a; a = a.parentElement) {
      const style = getComputedStyle(a);
      if (style.overflowY === 'visible' && !style.contain.includes('paint')) continue;
      const c = a.getBoundingClientRect();
      top = Math.max(top, c.top); bottom = Math.min(bottom, c.bottom);
    }
    top = Math.max(top, 0); bottom = Math.min(bottom, innerHeight);
    return { height: r.height, visible: Math.max(0, bottom - top) };
  });
}

test('at 960x540 in presenter mode the VSS timeline shows every writer\'s lane without scrolling', async ({ page, lab }) => {
  await page.setViewportSize({ width: 960, height: 540 });
  await lab.selectVm('EXCH01');
  await page.getByRole('region', { name: 'Snapshot tree' }).getByRole('button', { name: 'Take Snapshot...' }).click();
  const dialog = page.getByRole('dialog', { name: /Take Virtual Machine Snapshot/ });
  await dialog.getByLabel('Name').fill('Before SP2');
  await dialog.getByLabel('Quiesce guest file system (Needs VMware Tools installed)').check();
  await dialog.getByRole('button', { name: 'OK' }).click();
  await lab.advance(60_000);
  const timeline = page.getByRole('region', { name: 'VSS timeline' });
  await expect(timeline.getByRole('status')).toContainText('Application consistent: 5 writers froze and thawed.');

  await page.getByRole('button', { name: 'Presenter mode' }).click();
  await expect(page.getByRole('button', { name: 'Presenter mode' })).toHaveAttribute('aria-pressed', 'true');
  const lanes = timeline.locator('svg g.lane');
  for (const writer of ['COM+ REGDB Writer', 'Exchange Writer', 'Registry Writer', 'System Writer', 'WMI Writer']) {
    await expect(lanes.filter({ hasText: writer })).toHaveCount(1);
  }
  const body = timeline.getByRole('group', { name: 'VSS timeline', exact: true });
  // The drawing settles after the resize: every lane wholly in view, nothing scrolled.
  await expect(async () => {
    expect(await body.evaluate((b) => b.scrollTop)).toBe(0);
    expect(await page.getByRole('main', { name: 'Virtual machine' }).evaluate((m) => m.scrollTop)).toBe(0);
    const count = await lanes.count();
    expect(count).toBeGreaterThanOrEqual(11);
    for (let i = 0; i < count; i++) {
      const { height, visible } = await visibleHeight(lanes.nth(i));
      expect(visible, `lane ${await lanes.nth(i).textContent()} is wholly in view`).toBeGreaterThanOrEqual(height - 0.5);
    }
  }).toPass({ timeout: 15_000 });
  // Lanes stay tall enough to read and to point at (their names are 11 px).
  expect((await lanes.first().boundingBox())!.height).toBeGreaterThanOrEqual(13);

  // With room (1920x1080) the lanes keep their full height.
  await page.setViewportSize({ width: 1920, height: 1080 });
  await expect.poll(async () => (await lanes.first().boundingBox())!.height).toBeGreaterThanOrEqual(22 * 1.3 - 0.5);
});
