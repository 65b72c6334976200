import { test, expect, fullDatastoreLab } from './fixtures';
import { formatBytes } from '../src/engine/core/format';

test('a full datastore asks the VM question; growing the datastore and Retry resumes the VM', async ({ page, lab }) => {
  expect((await lab.load(fullDatastoreLab)).ok).toBe(true);
  await lab.dispatch({ type: 'snapshot.take', vm: 'vm1', name: 'backup' });
  await lab.advance(10_000);
  await lab.dispatch({ type: 'guest.write', vm: 'vm1', disk: 'disk1', offset: 0, length: 8 * 1024 ** 3 });
  await lab.advance(60_000);

  const question = page.getByRole('alertdialog', { name: /Virtual Machine Message - APP01/ });
  await expect(question).toContainText('There is no more space for the redo log');

  // Free space the way an administrator would, then answer Retry (e2e/question.spec.ts does it by hand).
  await lab.dispatch({ type: 'datastore.resize', datastore: 'ds1', capacityGB: 80 });
  await question.getByRole('button', { name: 'Retry' }).click();
  await expect(question).toHaveCount(0);
  expect((await lab.state()).vms[0].question).toBeNull();

  const ds = page.getByRole('region', { name: 'Datastore' });
  await expect(ds).toContainText('80.0 GB');
  await expect(ds.getByRole('group', { name: 'Datastore files' })).toContainText('APP01-000001-delta.vmdk');
});

test('the datastore browser lists the VM files with sizes and the charts render', async ({ page, lab }) => {
  await lab.selectVm('EXCH01');
  const ds = page.getByRole('region', { name: 'Datastore' });
  const files = ds.getByRole('group', { name: 'Datastore files' });
  await expect(files).toContainText('EXCH01-flat.vmdk');
  await expect(files.getByRole('row', { name: /EXCH01-flat\.vmdk/ })).toContainText('40.0 GB');
  // The charts load once their panel is in view: bring it there with its tab, as a learner does.
  await page.getByRole('navigation', { name: 'VM panels' }).getByRole('button', { name: 'Datastore' }).click();
  await expect(ds.getByRole('figure', { name: /Space used on ds1 against its capacity/ }).locator('svg').first()).toBeVisible();
});

test('rule 6: the first snapshot of a two-disk VM shows one delta per disk, each numbered 000001', async ({ page, lab }) => {
  await lab.selectVm('EXCH01');
  expect((await lab.dispatch({ type: 'snapshot.take', vm: 'exch01', name: 'first' })).ok).toBe(true);
  await lab.advance(5_000);
  const files = page.getByRole('region', { name: 'Datastore' }).getByRole('group', { name: 'Datastore files' });
  await expect(files.getByRole('row', { name: /EXCH01-000001-delta\.vmdk/ })).toHaveCount(1);
  await expect(files.getByRole('row', { name: /EXCH01_1-000001-delta\.vmdk/ })).toHaveCount(1);
  await expect(files.getByRole('row', { name: /EXCH01_1-000002/ })).toHaveCount(0);
});

test('the datastore shows what snapshots cost per VM: the state view\'s files summed, and they grow as the guest writes', async ({ page, lab }) => {
  await lab.dispatch({ type: 'snapshot.take', vm: 'dc01', name: 'with memory', memory: true });
  await lab.advance(10 * 60_000);
  await lab.selectVm('DC01');
  await page.getByRole('navigation', { name: 'VM panels' }).getByRole('button', { name: 'Datastore' }).click();
  const cost = page.getByRole('region', { name: 'Datastore' }).getByRole('table', { name: 'What snapshots cost per VM' });
  const row = cost.getByRole('row', { name: /^DC01/ });
  // Expected: DC01's files in the state view, summed by what the engine says each is for.
  const expected = async () => {
    const files = (await lab.state()).datastores.flatMap((d) => d.files).filter((f) => f.vm === 'dc01');
    const sum = (use: string) => files.filter((f) => f.use === use).reduce((a, f) => a + f.sizeBytes, 0);
    return { base: sum('base'), delta: sum('delta'), memory: sum('snapshotMemory') };
  };
  const shows = async (want: { base: number; delta: number; memory: number }) => {
    await expect(row.getByRole('cell').nth(0)).toHaveText(formatBytes(want.base));
    await expect(row.getByRole('cell').nth(1)).toHaveText(formatBytes(want.delta));
    await expect(row.getByRole('cell').nth(2)).toHaveText(formatBytes(want.memory));
  };
  const before = await expected();
  expect(before.delta).toBeGreaterThan(0);
  expect(before.memory).toBeGreaterThan(0);
  await shows(before);

  // The guest writes 512 MB into its delta: the delta column follows the state view.
  expect((await lab.dispatch({ type: 'guest.write', vm: 'dc01', disk: 'disk1', offset: 0, length: 512 * 1024 ** 2 })).ok).toBe(true);
  await lab.advance(60_000);
  const after = await expected();
  expect(after.delta).toBeGreaterThan(before.delta + 256 * 1024 ** 2);
  await shows(after);
});

test('the charts draw the lab\'s usage history: a point per chain depth the disk went through, ending at the moment shown', async ({ page, lab }) => {
  // One disk and no workload: an empty delta leaves the read amplification at depth + 1, one point per depth.
  expect((await lab.load({ name: 'Chain', datastores: [{ id: 'ds1', capacityGB: 100 }], vms: [{ id: 'app01', name: 'APP01', disks: [{ id: 'disk1', capacityGB: 20 }] }] })).ok).toBe(true);
  await lab.selectVm('APP01');
  await page.getByRole('navigation', { name: 'VM panels' }).getByRole('button', { name: 'Datastore' }).click();
  for (const name of ['s1', 's2', 's3']) {
    expect((await lab.dispatch({ type: 'snapshot.take', vm: 'app01', name })).ok).toBe(true);
    await lab.advance(60_000);
  }
  const scatter = page.getByRole('figure', { name: 'Read amplification against chain depth for the disks of APP01' });
  await expect(scatter.locator('.recharts-scatter-symbol')).toHaveCount(4);

  // Back to 1 min 30 s: s2 is taken, s3 not yet; the charts end there.
  await page.evaluate(() => window.lab.seek(90_000));
  await expect(scatter.locator('.recharts-scatter-symbol')).toHaveCount(3);
  await page.screenshot({ path: '/tmp/codebase-charts.png' });
});
