// The Disk chain region (docs/reading-the-lab.md): each disk's files from base to leaf, each a strip of the disk's
// address space with the slices it holds data in filled; it fills as the guest writes and a delete
// merges the delta away. The tree, Snapshot Manager and Disk chain name files with the same words.
import { test, expect } from './fixtures';

const GB = 1024 ** 3;

test('a delta fills as the guest writes, and a delete merges it into its parent', async ({ page, lab }) => {
  await lab.dispatch({ type: 'vm.powerOff', vm: 'web01' });
  await lab.advance(30_000);
  await lab.dispatch({ type: 'snapshot.take', vm: 'web01', name: 'before-patch' });
  await lab.advance(30_000);
  await lab.selectVm('WEB01');
  await page.getByRole('navigation', { name: 'VM panels' }).getByRole('button', { name: 'Disk chain' }).click();
  const chain = page.getByRole('region', { name: 'Disk chain' });
  await expect(chain).toBeInViewport();
  const disk = chain.getByRole('region', { name: 'Hard disk 1 (disk1) chain' });
  const strips = disk.getByRole('img');
  await expect(strips).toHaveCount(2);
  await expect(strips.nth(0)).toHaveAccessibleName(/WEB01\.vmdk: Base disk\. .* data in 64 of 64 slices/);
  await expect(strips.nth(1)).toHaveAccessibleName(/WEB01-000001\.vmdk: Writes since “before-patch”, You are here\. 0 B data, .* data in 0 of 64 slices/);

  // The guest writes the first quarter of its 16 GB disk: 16 of 64 slices fill.
  expect((await lab.dispatch({ type: 'vm.powerOn', vm: 'web01' })).ok).toBe(true);
  await lab.advance(60_000);
  expect((await lab.dispatch({ type: 'guest.write', vm: 'web01', disk: 'disk1', offset: 0, length: 4 * GB })).ok).toBe(true);
  await lab.advance(5 * 60_000);
  await expect(strips.nth(1)).toHaveAccessibleName(/data in (1[6-9]|[2-6]\d) of 64 slices/);
  await expect(disk).toContainText(/files read per I\/O on average, 1 delta deep/);

  // The tree card and Snapshot Manager say the same of the delta: its name, data and file size.
  const tree = page.getByRole('region', { name: 'Snapshot tree' });
  const card = tree.getByRole('button', { name: /Snapshot before-patch/ });
  await expect(card).toContainText('Writes since');
  await expect(card).toContainText('WEB01-000001.vmdk');
  await expect(card).toContainText(/GB data · .* file/);
  await tree.getByRole('button', { name: 'Snapshot Manager' }).click();
  const manager = page.getByRole('dialog', { name: /Snapshot Manager/ });
  await manager.getByRole('treeitem', { name: /before-patch/ }).click();
  await expect(manager).toContainText(/Disk files when taken\s*Hard disk 1: WEB01\.vmdk/);
  await expect(manager).toContainText(/Writes since\s*Hard disk 1: WEB01-000001\.vmdk · .* data · .* file/);
  await manager.getByRole('button', { name: 'Close' }).first().click();

  // Delete: the delta's grains merge into the base; the chain is the base alone.
  expect((await lab.dispatch({ type: 'snapshot.delete', vm: 'web01', snapshot: 'before-patch' })).ok).toBe(true);
  await lab.advance(30 * 60_000);
  await expect(strips).toHaveCount(1);
  await expect(disk).toContainText('No snapshot: every read and write goes to the base disk.');
});
