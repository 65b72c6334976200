import { test, expect } from './fixtures';

test('take, revert and delete a snapshot through the Snapshot tree', async ({ page, lab }) => {
  const tree = page.getByRole('region', { name: 'Snapshot tree' });
  await lab.selectVm('EXCH01');

  await tree.getByRole('button', { name: 'Take Snapshot...' }).click();
  const dialog = page.getByRole('dialog', { name: /Take Virtual Machine Snapshot/ });
  await dialog.getByLabel('Name').fill('Before patching');
  await dialog.getByLabel('Description').fill('Tuesday maintenance');
  await dialog.getByLabel("Snapshot the virtual machine's memory").check();
  await expect(dialog.getByLabel('Quiesce guest file system (Needs VMware Tools installed)')).toBeDisabled();
  await dialog.getByRole('button', { name: 'OK' }).click();
  await lab.advance(5 * 60_000);

  const node = tree.getByRole('button', { name: /Snapshot Before patching/ });
  await expect(node).toBeVisible();
  await expect(node).toContainText('Memory');
  await expect(tree.getByText('You are here')).toBeVisible();
  const tasks = page.getByRole('region', { name: 'Recent Tasks' });
  await expect(tasks.getByRole('row', { name: /Create virtual machine snapshot/ }).first()).toContainText('Completed');

  await node.click();
  await tree.getByRole('button', { name: 'Revert to Snapshot' }).click();
  await page.getByRole('alertdialog', { name: 'Confirm Revert to Snapshot' }).getByRole('button', { name: 'Yes' }).click();
  await lab.advance(5 * 60_000);
  await expect(tasks.getByRole('row', { name: /Revert/i }).first()).toContainText('Completed');

  await node.click();
  await tree.getByRole('button', { name: 'Delete Snapshot' }).click();
  const confirm = page.getByRole('alertdialog', { name: 'Confirm Delete' });
  await expect(confirm).toContainText('Before patching');
  await confirm.getByRole('button', { name: 'Yes' }).click();
  await lab.advance(10 * 60_000);
  await expect(node).toHaveCount(0);
  const state = await lab.state();
  expect(state.vms.find((v) => v.id === 'exch01')!.snapshots).toHaveLength(0);
});

test('Delete All asks Yes / No and No keeps the snapshots', async ({ page, lab }) => {
  await lab.dispatch({ type: 'snapshot.take', vm: 'exch01', name: 'one' });
  await lab.advance(60_000);
  await lab.selectVm('EXCH01');
  const tree = page.getByRole('region', { name: 'Snapshot tree' });
  await tree.getByRole('button', { name: 'Delete All' }).click();
  await page.getByRole('alertdialog', { name: 'Confirm Delete All' }).getByRole('button', { name: 'No' }).click();
  await expect(tree.getByRole('button', { name: /Snapshot one/ })).toBeVisible();
  await tree.getByRole('button', { name: 'Delete All' }).click();
  await page.getByRole('alertdialog', { name: 'Confirm Delete All' }).getByRole('button', { name: 'Yes' }).click();
  await lab.advance(10 * 60_000);
  await expect(tree.getByRole('button', { name: /Snapshot one/ })).toHaveCount(0);
});
