// A VM's out-of-space question never locks the page: it shows on the VM (summary and inventory) and
// in a "Virtual Machine Message" the learner may close and open again, the clock pauses by itself and
// says why, and space freed through the page lets Retry resume the VM. The lesson built on it ("The
// snapshot nobody deleted": weeks played until the question, Delete Snapshot refused while it waits)
// is walked by hand in by-hand/course.ts.
import { test, expect, fullDatastoreLab } from './fixtures';
import type { Page } from '@playwright/test';

/** Grow the selected VM's datastore through the Datastore panel's "Increase…". */
async function growDatastore(page: Page, gb: number): Promise<void> {
  await page.getByRole('navigation', { name: 'VM panels' }).getByRole('button', { name: 'Datastore' }).click();
  const ds = page.getByRole('region', { name: 'Datastore' });
  await ds.getByRole('button', { name: 'Increase…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Increase Datastore Capacity' });
  await dialog.getByLabel('New capacity (GB)').fill(String(gb));
  await dialog.getByRole('button', { name: 'OK' }).click();
  await expect(ds).toContainText(new RegExp(`used of ${gb}(\\.0)? GB`));
}

test('the question can be closed with Escape or Close and opened again from the VM; the page stays usable', async ({ page, lab }) => {
  expect((await lab.load(fullDatastoreLab)).ok).toBe(true);
  await lab.selectVm('APP01');
  await lab.dispatch({ type: 'snapshot.take', vm: 'vm1', name: 'backup' });
  await lab.advance(10_000);
  await lab.dispatch({ type: 'guest.write', vm: 'vm1', disk: 'disk1', offset: 0, length: 8 * 1024 ** 3 });
  await lab.advance(60_000);

  const question = page.getByRole('alertdialog', { name: 'Virtual Machine Message - APP01' });
  await expect(question).toContainText('There is no more space for the redo log');
  // The VM carries the question where vSphere shows it: its summary and the inventory.
  const summary = page.getByRole('main', { name: 'Virtual machine' });
  await expect(summary.getByRole('status').filter({ hasText: 'Paused: APP01 asks a question.' })).toBeVisible();
  const item = page.getByRole('region', { name: 'Inventory' }).getByRole('button', { name: /^APP01/ });
  await expect(item.getByTitle('This VM asks a question: answer it from its summary')).toBeVisible();
  await expect(item).toContainText('Question pending');

  // The rest of the page works with the question open: Play and Pause.
  await page.getByRole('button', { name: 'Play', exact: true }).click();
  await expect(page.getByRole('button', { name: 'Pause', exact: true })).toBeVisible();
  await page.getByRole('button', { name: 'Pause', exact: true }).click();
  await expect(question).toBeVisible();

  // Escape inside the message closes it; "Answer question…" opens it again, with focus on Retry.
  await question.getByRole('button', { name: 'Retry' }).focus();
  await page.keyboard.press('Escape');
  await expect(question).toHaveCount(0);
  const answer = summary.getByRole('button', { name: 'Answer question…' });
  await answer.focus();
  await page.keyboard.press('Enter');
  await expect(question.getByRole('button', { name: 'Retry' })).toBeFocused();
  await question.getByRole('button', { name: 'Close' }).click();
  await expect(question).toHaveCount(0);
  await expect(answer).toBeFocused();
  await answer.click();
  await expect(question).toBeVisible();

  // Free space through the page with the message open, then Retry: the VM runs on.
  await growDatastore(page, 80);
  await question.getByRole('button', { name: 'Retry' }).click();
  await expect(question).toHaveCount(0);
  await expect(answer).toHaveCount(0);
  const vm = (await lab.state()).vms[0];
  expect([vm.question, vm.power]).toEqual([null, 'poweredOn']);
});
