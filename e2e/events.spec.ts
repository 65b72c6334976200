// The Events region (vSphere's Tasks & Events): the selected VM's events with time, source and
// message, narrowed by text and by source.
import { test, expect } from './fixtures';

test('Events lists the selected VM\'s events and filters them by text and source', async ({ page, lab }) => {
  await lab.dispatch({ type: 'snapshot.take', vm: 'exch01', name: 's1' });
  await lab.advance(30_000);
  await lab.dispatch({ type: 'snapshot.take', vm: 'exch01', name: 's2' });
  await lab.advance(30_000);
  await lab.dispatch({ type: 'snapshot.delete', vm: 'exch01', snapshot: 's1' });
  await lab.advance(5 * 60_000);
  await lab.dispatch({ type: 'snapshot.take', vm: 'sql01', name: 'other VM' });
  await lab.advance(30_000);
  await lab.selectVm('EXCH01');

  await page.getByRole('navigation', { name: 'VM panels' }).getByRole('button', { name: 'Events' }).click();
  const events = page.getByRole('region', { name: 'Events' });
  await expect(events).toBeInViewport();
  const rows = events.getByRole('row');
  await expect(rows.filter({ hasText: 'Snapshot "s2" of EXCH01 created.' })).toHaveCount(1);
  await expect(rows.filter({ hasText: 'other VM' })).toHaveCount(0);
  // Columns: time, source, description.
  await expect(events.getByRole('columnheader')).toHaveText(['Time', 'Type', 'Source', 'Description']);

  // The merge of a delete, found by text (lesson 3 asks the learner to read it here).
  await events.getByRole('searchbox', { name: 'Filter events by text' }).fill('merg');
  // Each disk numbers its own deltas (rule 6), so each of EXCH01's two disks merges its own -000001.
  await expect(rows.filter({ hasText: 'Merging EXCH01-000001-delta.vmdk' })).toHaveCount(1);
  await expect(rows.filter({ hasText: 'Merging EXCH01_1-000001-delta.vmdk' })).toHaveCount(1);
  await expect(rows.filter({ hasText: 'created' })).toHaveCount(0);
  await expect(events.getByRole('status')).toContainText(/\d+ of \d+ events match/);

  await events.getByRole('searchbox', { name: 'Filter events by text' }).fill('');
  await events.getByRole('combobox', { name: 'Source' }).selectOption('vCenter');
  await expect(rows.filter({ hasText: 'removed' })).not.toHaveCount(0);
  for (const src of await events.locator('.event-source').allTextContents()) expect(src).toBe('vCenter');

  // The sources are named as the engine names them, one casing, the same in the filter and the rows.
  await events.getByRole('combobox', { name: 'Source' }).selectOption('');
  const named = (await lab.state()).events.filter((e) => e.vm === 'exch01').map((e) => e.source);
  const options = (await events.getByRole('combobox', { name: 'Source' }).getByRole('option').allTextContents()).slice(1);
  expect(options.sort()).toEqual([...new Set(named)].sort());
  expect(options).toEqual(expect.arrayContaining(['Host', 'vCenter']));
  for (const src of options) expect(src).toMatch(/^(vCenter$|VMware |VSS\b|[A-Z])/);
});

test('Events narrows to errors: a failed quiesce', async ({ page, lab }) => {
  await lab.dispatch({ type: 'fault.inject', vm: 'exch01', fault: { kind: 'writerError', writer: 'Microsoft Exchange Writer', phase: 'freeze', error: 'nonRetryable' } });
  await lab.dispatch({ type: 'snapshot.take', vm: 'exch01', name: 'nightly', quiesce: true });
  await lab.advance(5 * 60_000);
  await lab.selectVm('EXCH01');
  await page.getByRole('navigation', { name: 'VM panels' }).getByRole('button', { name: 'Events' }).click();
  const events = page.getByRole('region', { name: 'Events' });
  await events.getByRole('combobox', { name: 'Type' }).selectOption('error');
  await expect(events.getByRole('row').filter({ hasText: /Quiesce of EXCH01 failed/ })).toHaveCount(1);
  for (const t of await events.locator('.event-type').allTextContents()) expect(t).toBe('Error');
});
