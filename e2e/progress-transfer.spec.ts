// Progress that travels without a learning platform: the Course panel exports it as one JSON file and
// imports it in another browser; a share link can carry it too.
import { readFileSync } from 'node:fs';
import { lessons } from '../src/lessons';
import { test, expect, type LabDriver } from './fixtures';

const COURSE = lessons.length;

async function completeFirstSnapshot(lab: LabDriver) {
  const page = lab.page;
  const panel = page.getByRole('region', { name: 'Lesson' });
  await panel.getByRole('button', { name: /^○?\s*First snapshot/ }).click();
  await expect(panel.getByRole('heading', { name: 'First snapshot' })).toBeVisible();
  expect((await lab.dispatch({ type: 'snapshot.take', vm: 'exch01', name: 'before-patch' })).ok).toBe(true);
  await lab.advance(10 * 60_000);
  await expect(panel.getByRole('status').filter({ hasText: 'Lesson complete.' })).toBeVisible();
  await panel.getByRole('button', { name: 'Course' }).click();
  await expect(panel).toContainText(`Course progress: 1 of ${COURSE} lessons complete`);
}

test('Export progress writes one file; Import progress in a fresh browser brings the lessons and the lab back', async ({ page, lab, browser }) => {
  await completeFirstSnapshot(lab);
  const panel = page.getByRole('region', { name: 'Lesson' });
  const download = page.waitForEvent('download');
  await panel.getByRole('button', { name: 'Export progress' }).click();
  const file = await (await download).path();
  const exported = JSON.parse(readFileSync(file, 'utf8')) as { format: string; completed: string[]; session: { lesson: string } };
  expect(exported).toMatchObject({ format: 'snaplab-progress', completed: ['first-snapshot'], session: { lesson: 'first-snapshot' } });

  const other = await browser.newContext();
  const page2 = await other.newPage();
  await page2.goto('./');
  await page2.evaluate(() => window.lab.ready);
  const panel2 = page2.getByRole('region', { name: 'Lesson' });
  await expect(panel2).toContainText(`Course progress: 0 of ${COURSE} lessons complete`);
  await panel2.getByLabel('Progress file to import').setInputFiles(file);
  await expect(page2.getByRole('status').filter({ hasText: /Progress imported .*1 lesson complete there, 1 new here/ })).toBeVisible();
  await expect(page2.getByRole('region', { name: 'Lesson' }).getByRole('heading', { name: 'First snapshot' })).toBeVisible();
  expect((await page2.evaluate(() => window.lab.state())).lesson?.complete).toBe(true);
  await other.close();
});

test('a share link with "Include my course progress" carries the completed lessons to another browser', async ({ page, lab, browser }) => {
  await completeFirstSnapshot(lab);
  await page.getByRole('button', { name: 'Share link…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Share link' });
  await dialog.getByRole('checkbox', { name: /Include my course progress \(1 lesson complete\)/ }).check();
  const field = dialog.getByRole('textbox', { name: 'Link' });
  await expect(field).toHaveValue(/&progress=p1\./);
  const link = await field.inputValue();

  const other = await browser.newContext();
  const page2 = await other.newPage();
  await page2.goto(link);
  await page2.evaluate(() => window.lab.ready);
  await expect(page2.getByRole('status').filter({ hasText: 'Course progress from the link: 1 lesson complete, 1 new here.' })).toBeVisible();
  const panel2 = page2.getByRole('region', { name: 'Lesson' });
  await panel2.getByRole('button', { name: 'Course' }).click();
  await expect(panel2).toContainText(`Course progress: 1 of ${COURSE} lessons complete`);
  expect(new URL(page2.url()).hash).toBe('');
  await other.close();
});
