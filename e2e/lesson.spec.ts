import AxeBuilder from '@axe-core/playwright';
import { lessons } from '../src/lessons';
import { test, expect } from './fixtures';

test('a learner completes "First snapshot" through the Lesson panel and the lab UI', async ({ page, lab }) => {
  const panel = page.getByRole('region', { name: 'Lesson' });
  await panel.getByRole('button', { name: /^○?\s*First snapshot/ }).click();
  await expect(panel.getByRole('heading', { name: 'First snapshot' })).toBeVisible();
  await expect(panel).toContainText('A VMware snapshot does not copy the disk.');

  // Every objective starts open and says what the lab shows instead.
  const objectives = panel.getByRole('region', { name: 'Objectives' });
  await expect(objectives).toContainText('0 of 4 met');
  await expect(objectives.locator('[data-objective="take"]')).toContainText('EXCH01 has 0 snapshots; the goal is at least 1.');

  // Hints come one at a time.
  await panel.getByRole('button', { name: 'Show a hint (1 of 3)' }).click();
  await expect(panel.getByRole('region', { name: 'Hints' })).toContainText('Take Snapshot...');

  // Do the work in the lab, as a learner would.
  await lab.selectVm('EXCH01');
  const tree = page.getByRole('region', { name: 'Snapshot tree' });
  await tree.getByRole('button', { name: 'Take Snapshot...' }).click();
  const dialog = page.getByRole('dialog', { name: /Take Virtual Machine Snapshot/ });
  await dialog.getByLabel('Name').fill('before-patch');
  await dialog.getByRole('button', { name: 'OK' }).click();
  await lab.advance(2_000);
  await expect(objectives).toContainText('2 of 4 met');
  await expect(objectives.locator('[data-objective="take"]')).toHaveClass(/done/);
  await expect(objectives.locator('[data-objective="grow"]')).toContainText(/EXCH01-000001-delta\.vmdk holds .*; the goal is at least 64\.0 MB\./);

  // Let Exchange write for a while: the delta grows past 64 MB and its second 16 MB step.
  await lab.advance(10 * 60_000);
  await expect(objectives).toContainText('4 of 4 met');
  await expect(panel.getByRole('status').filter({ hasText: 'Lesson complete.' })).toBeVisible();
  await expect(panel.getByRole('region', { name: 'Debrief' })).toContainText('grows as needed');

  // Progress is kept on this device: after a reload the course list shows the lesson complete.
  await page.reload();
  await page.evaluate(() => window.lab.ready);
  await panel.getByRole('button', { name: 'Course' }).click();
  await expect(panel).toContainText(`Course progress: 1 of ${lessons.length} lessons complete`);
  await expect(panel.getByRole('button', { name: /First snapshot \(complete\)/ })).toBeVisible();
});

test('Show solution replays a lesson through the page and completes it; Next moves on', async ({ page, lab }) => {
  expect((await lab.load('revert-and-branches')).ok).toBe(true);
  const panel = page.getByRole('region', { name: 'Lesson' });
  await expect(panel.getByRole('heading', { name: 'Revert and branches' })).toBeVisible();
  await panel.getByRole('button', { name: 'Show solution' }).click();
  await expect(panel.getByRole('button', { name: 'Stop solution' })).toBeVisible();
  await expect(panel).toContainText(/Step \d+ of 11:/);
  await expect(panel.getByRole('status').filter({ hasText: 'Lesson complete.' })).toBeVisible({ timeout: 40_000 });
  await expect(panel).toContainText('The solution has been played.');
  const state = await lab.state();
  expect(state.vms[0].snapshots.map((s) => s.name).sort()).toEqual(['before-patch', 'patch-v1', 'patch-v2']);
  const axe = await new AxeBuilder({ page }).include('section[aria-label="Lesson"]').analyze();
  expect(axe.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => v.id)).toEqual([]);

  await panel.getByRole('button', { name: 'Next lesson: Delete and consolidate' }).click();
  await expect(panel.getByRole('heading', { name: 'Delete and consolidate' })).toBeVisible();
  expect((await lab.state()).vms.map((v) => v.id)).toEqual(['db01']);
});

test('a trainer\'s lesson file with a mistake is refused with the field named', async ({ page, lab }) => {
  await lab.state();
  const panel = page.getByRole('region', { name: 'Lesson' });
  const bad = { id: 'my-lesson', title: 'Mine', intro: 'x', lab: { builtIn: 'workshop' }, objectives: [{ id: 'a', text: 'a', check: { kind: 'snapshotCount', vm: 'exch01', mx: 1 } }], solution: [{ type: 'clock.advance', ms: 1 }], debrief: 'x' };
  await panel.getByLabel('Lesson file to open').setInputFiles({ name: 'mine.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(bad)) });
  await expect(panel.getByRole('alert')).toContainText('mine.json: Invalid lesson file: objectives[0].check: unknown field "mx"');
});

test('a trainer\'s lesson file whose lab does not build says why, in words for a learner', async ({ page, lab }) => {
  await lab.state();
  const panel = page.getByRole('region', { name: 'Lesson' });
  // The lesson schema accepts this lab; building its 10-petabyte disk fails in the engine.
  const lesson = {
    id: 'broken-lab', title: 'Broken lab', intro: 'x',
    lab: { definition: { name: 'Broken', hosts: [{ id: 'esx01', version: '7.0' }], datastores: [{ id: 'ds1', capacityGB: 100 }], vms: [{ id: 'vm1', disks: [{ id: 'd1', capacityGB: 1e10 }] }] } },
    objectives: [{ id: 'a', text: 'a', check: { kind: 'snapshotCount', vm: 'vm1', min: 1 } }], solution: [{ type: 'clock.advance', ms: 1 }], debrief: 'x',
  };
  await panel.getByLabel('Lesson file to open').setInputFiles({ name: 'broken.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(lesson)) });
  const alert = panel.getByRole('alert');
  await expect(alert).toContainText(/^broken\.json: the lab of this lesson could not be opened: (Invalid lab definition: vms\[0\]\.disks\[0\]\.capacityGB|SnapLab could not build this lab)/);
  await expect(alert).not.toContainText(/totalGrains|RangeError|INVALID_LAB|ENGINE_ERROR/);
  expect((await lab.state()).name).toBe('Snapshot and VSS workshop');
});
