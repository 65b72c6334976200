// Walkthrough: every region of the lab at 1280x720 (a projector), one shot each, after a quiesced
// snapshot of EXCH01 on top of an earlier one and ten minutes of writes, so each region has something to show.
import type { Page } from '@playwright/test';
import { advanceBy, expect, test } from './walkthrough';

/** Bring a lower panel into view through its tab, as a learner would. */
async function showPanel(page: Page, name: string): Promise<void> {
  await page.getByRole('navigation', { name: 'VM panels' }).getByRole('button', { name }).click();
  await expect(page.getByRole('region', { name })).toBeInViewport();
}

test('regions at a glance', async ({ page, lab, walk }) => {
  await walk.step('Tree and VSS timeline after a quiesced snapshot', async () => {
    expect((await lab.dispatch({ type: 'snapshot.take', vm: 'exch01', name: 'baseline' })).ok).toBe(true);
    await advanceBy(lab, 10 * 60_000, 60_000);
    expect((await lab.dispatch({ type: 'snapshot.take', vm: 'exch01', name: 'before-patch', quiesce: true })).ok).toBe(true);
    await advanceBy(lab, 60_000);
    await lab.selectVm('EXCH01');
    const timeline = page.getByRole('region', { name: 'VSS timeline' });
    await expect(timeline.getByRole('status')).toContainText('Application consistent');
    await expect(timeline.locator('svg').getByText('Freeze', { exact: true })).toBeVisible();
    await expect(page.getByRole('region', { name: 'Snapshot tree' })).toBeInViewport({ ratio: 1 });
    await expect(timeline).toBeInViewport({ ratio: 1 });
  });

  await walk.step('Disk chain: each delta filling where the guest writes', async () => {
    await showPanel(page, 'Disk chain');
    await expect(page.getByRole('region', { name: 'Disk chain' }).getByRole('img')).toHaveCount(6);
  });

  await walk.step('Events: the VM\'s events, filtered on the quiesce', async () => {
    await showPanel(page, 'Events');
    const events = page.getByRole('region', { name: 'Events' });
    await events.getByRole('searchbox', { name: 'Filter events by text' }).fill('freeze');
    await expect(events.getByRole('status')).toContainText('events match');
  });

  await walk.step('Guest console: vssadmin list writers', async () => {
    await showPanel(page, 'Guest console');
    const input = page.getByRole('region', { name: 'Guest console' }).getByRole('textbox', { name: /Command for/ });
    await input.fill('vssadmin list writers');
    await input.press('Enter');
    await expect(page.getByRole('region', { name: 'Guest console' }).getByRole('log')).toContainText('Writer name');
  });

  await walk.step('Break something and VM settings', async () => {
    await showPanel(page, 'Break something');
    await expect(page.getByRole('region', { name: 'VM settings' })).toBeInViewport();
  });

  await walk.step('Datastore: what the snapshots cost', async () => {
    await showPanel(page, 'Datastore');
    await expect(page.getByRole('region', { name: 'Datastore' }).locator('.recharts-surface').first()).toBeVisible();
  });

  await walk.step('Recent Tasks and the Lesson panel', async () => {
    await page.getByRole('region', { name: 'Lesson' }).getByRole('button', { name: /Delete and consolidate/ }).click();
    await expect(page.getByRole('region', { name: 'Lesson' })).toContainText('Events');
    await expect(page.getByRole('region', { name: 'Recent Tasks' })).toBeInViewport();
  });
});
