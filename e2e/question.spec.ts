// A VM's out-of-space question never locks the page: it shows on the VM (summary and inventory) and
// in a "Virtual Machine Message" the learner may close and open again, the clock pauses by itself and
// says why, and space freed through the page lets Retry resume the VM.
import { test, expect, fullDatastoreLab } from './fixtures';
import type { Page } from '@playwright/test';

const DAY = 86_400_000;

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

/** Select a snapshot in the tree from the keyboard (a card may sit under the tree's toolbar). */
async function selectSnapshot(page: Page, name: string): Promise<void> {
  const node = page.getByRole('region', { name: 'Snapshot tree' }).getByRole('button', { name: new RegExp(`Snapshot ${name}`) });
  await node.focus();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('region', { name: 'Snapshot tree' }).getByRole('button', { name: 'Delete Snapshot' })).toBeEnabled();
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

test('"The snapshot nobody deleted" is solved with the question open: the clock pauses itself, space is freed through the page, Retry, delete', async ({ page, lab }) => {
  test.setTimeout(180_000);
  expect((await lab.load('forgotten-snapshot')).ok).toBe(true);
  await lab.selectVm('SQL01');
  const tree = page.getByRole('region', { name: 'Snapshot tree' });
  await tree.getByRole('button', { name: 'Take Snapshot...' }).click();
  const take = page.getByRole('dialog', { name: /Take Virtual Machine Snapshot/ });
  await take.getByLabel('Name').fill('before-patch');
  await take.getByRole('button', { name: 'OK' }).click();
  // The clock starts paused: the cue says that the snapshot task waits for time.
  const clock = page.getByRole('group', { name: 'Time controls' });
  await expect(clock.getByRole('status').filter({ hasText: /^Create virtual machine snapshot \(SQL01\) at \d+ %… press Play or Step$/ })).toBeVisible();
  await expect(async () => {
    await clock.getByRole('button', { name: 'Step to next event' }).click();
    await expect(tree.getByRole('button', { name: /Snapshot before-patch/ })).toBeVisible({ timeout: 1000 });
  }).toPass();
  await expect(clock.getByRole('status').filter({ hasText: 'press Play or Step' })).toHaveCount(0);
  // Most of the weeks in one scripted jump (a fast machine plays them in under a minute at 14,400×).
  await lab.advance(6 * DAY);

  // The last hours played at the fastest speed, chosen with the keyboard: the VM asks, the clock pauses.
  const speed = page.getByRole('slider', { name: 'Speed' });
  await speed.focus();
  await page.keyboard.press('End');
  await expect(speed).toHaveAttribute('aria-valuetext', '14,400× (10 days per minute)');
  await page.getByRole('button', { name: 'Play', exact: true }).click();
  const question = page.getByRole('alertdialog', { name: 'Virtual Machine Message - SQL01' });
  await expect(question).toContainText('There is no more space for the redo log', { timeout: 90_000 });
  await expect(clock.getByRole('status').filter({ hasText: 'Paused: SQL01 asks a question' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Play', exact: true })).toBeVisible();

  // With the message open: Delete Snapshot is not locked out by the page (vSphere refuses it while
  // the VM waits), and the datastore can be grown.
  await selectSnapshot(page, 'before-patch');
  await tree.getByRole('button', { name: 'Delete Snapshot' }).click();
  await page.getByRole('alertdialog', { name: 'Confirm Delete' }).getByRole('button', { name: 'Yes' }).click();
  await expect(page.getByRole('region', { name: 'Recent Tasks' })).toContainText('The operation is not allowed in the current state.');
  await growDatastore(page, 600);
  await expect(question).toBeVisible();
  await question.getByRole('button', { name: 'Retry' }).click();
  await expect(question).toHaveCount(0);

  // Then the cause: delete the snapshot and let the merge run.
  await selectSnapshot(page, 'before-patch');
  await tree.getByRole('button', { name: 'Delete Snapshot' }).click();
  await page.getByRole('alertdialog', { name: 'Confirm Delete' }).getByRole('button', { name: 'Yes' }).click();
  await page.getByRole('button', { name: 'Play', exact: true }).click();
  const lesson = page.getByRole('region', { name: 'Lesson' });
  await expect(lesson.getByRole('status').filter({ hasText: 'Lesson complete.' })).toBeVisible({ timeout: 60_000 });
  await page.getByRole('button', { name: 'Pause', exact: true }).click();
  const s = await lab.state();
  expect(s.lesson?.complete).toBe(true);
});
