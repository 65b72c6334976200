import { test, expect } from './fixtures';

test('a writer error fails the quiesce: red in the VSS timeline, failed in Recent Tasks', async ({ page, lab }) => {
  const injected = await lab.dispatch({
    type: 'fault.inject', vm: 'exch01',
    fault: { kind: 'writerError', writer: 'Microsoft Exchange Writer', phase: 'freeze', error: 'nonRetryable' },
  });
  expect(injected.ok).toBe(true);
  await lab.selectVm('EXCH01');
  await page.getByRole('region', { name: 'Snapshot tree' }).getByRole('button', { name: 'Take Snapshot...' }).click();
  const dialog = page.getByRole('dialog', { name: /Take Virtual Machine Snapshot/ });
  await dialog.getByLabel('Name').fill('Nightly backup');
  await dialog.getByLabel('Quiesce guest file system (Needs VMware Tools installed)').check();
  await dialog.getByRole('button', { name: 'OK' }).click();
  await lab.advance(10 * 60_000);

  const timeline = page.getByRole('region', { name: 'VSS timeline' });
  await expect(timeline.getByRole('status')).toContainText('Exchange Writer failed at Freeze, so VSS aborted the whole set.');
  await expect(timeline.locator('.marker.failed').first()).toBeVisible();
  await timeline.locator('.marker.failed').first().focus();
  await expect(timeline.locator('.timeline-detail')).toHaveClass(/failed/);

  const row = page.getByRole('region', { name: 'Recent Tasks' }).getByRole('row', { name: /Create virtual machine snapshot/ }).first();
  await expect(row).toContainText('Failed');
  await expect(row.locator('.task-error')).not.toBeEmpty();
});

test('a quiesced snapshot draws its lanes and phases', async ({ page, lab }) => {
  await lab.dispatch({ type: 'snapshot.take', vm: 'exch01', name: 'q', quiesce: true });
  await lab.advance(5 * 60_000);
  await lab.selectVm('EXCH01');
  const timeline = page.getByRole('region', { name: 'VSS timeline' });
  await expect(timeline.getByRole('status')).toContainText(/Application consistent: \d writers froze and thawed\./);
  await expect(timeline.locator('.lane-label', { hasText: 'VMware Tools' })).toBeVisible();
  await expect(timeline.locator('.marker')).not.toHaveCount(0);
});
