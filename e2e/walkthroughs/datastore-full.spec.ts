// Walkthrough: datastore full. A snapshot's delta grows as the guest writes until the datastore has no
// room left; the VM pauses with vSphere's question; growing the datastore and answering Retry resumes
// it, and deleting the snapshot merges the delta back.
import { fullDatastoreLab } from '../fixtures';
import { advanceBy, expect, test } from './walkthrough';

const GB = 1024 ** 3;

test('datastore full', async ({ page, lab, walk }) => {
  const vm = async () => (await lab.state()).vms.find((v) => v.id === 'vm1')!;
  const ds = async () => (await lab.state()).datastores.find((d) => d.id === 'ds1')!;

  await walk.step('A 46 GB datastore with a 40 GB disk', async () => {
    expect(await lab.load(fullDatastoreLab)).toMatchObject({ ok: true });
    await lab.selectVm('APP01');
    await expect(page.getByRole('region', { name: 'Datastore' })).toContainText('ds1');
  });

  await walk.step('Take a snapshot: new writes go to the delta', async () => {
    expect((await lab.dispatch({ type: 'snapshot.take', vm: 'vm1', name: 'Before the upgrade' })).ok).toBe(true);
    await lab.advance(5000);
    expect((await vm()).snapshots).toHaveLength(1);
  });

  await walk.step('The guest writes 8 GB and the datastore fills up', async () => {
    expect((await lab.dispatch({ type: 'guest.write', vm: 'vm1', disk: 'disk1', offset: 0, length: 8 * GB })).ok).toBe(true);
    await advanceBy(lab, 60_000);
    const question = (await vm()).question;
    expect(question?.text).toMatch(/There is no more space for the redo log/);
    await expect(page.getByRole('alertdialog', { name: 'Virtual Machine Message - APP01' })).toBeVisible();
  });

  await walk.step('Grow the datastore to 80 GB', async () => {
    // A walkthrough grows the datastore through window.lab, as a script would (the page can too).
    expect((await lab.dispatch({ type: 'datastore.resize', datastore: 'ds1', capacityGB: 80 })).ok).toBe(true);
    await lab.advance(1000);
    expect((await ds()).capacityBytes).toBe(80 * GB);
  });

  await walk.step('Answer Retry: the VM runs on', async () => {
    await page.getByRole('alertdialog', { name: 'Virtual Machine Message - APP01' }).getByRole('button', { name: 'Retry' }).click();
    await expect(page.getByRole('alertdialog', { name: 'Virtual Machine Message - APP01' })).toHaveCount(0);
    await advanceBy(lab, 60_000);
    const v = await vm();
    expect(v.question).toBeNull();
    expect(v.power).toBe('poweredOn');
  });

  await walk.step('Delete the snapshot: the delta merges back', async () => {
    const before = (await ds()).usedBytes;
    const snap = (await vm()).snapshots[0];
    expect((await lab.dispatch({ type: 'snapshot.delete', vm: 'vm1', snapshot: snap.id })).ok).toBe(true);
    await advanceBy(lab, 10 * 60_000, 60_000);
    const v = await vm();
    expect(v.snapshots).toEqual([]);
    expect(v.disks[0].chain).toHaveLength(1);
    expect((await ds()).usedBytes).toBeLessThan(before);
    await expect(page.getByRole('region', { name: 'Recent Tasks' })).toContainText('Remove snapshot');
  });
});
