// A backup proxy's "Max concurrent tasks" by hand (backup rule 24): "Edit proxy…" on the job opens
// "Edit backup proxy"; invalid numbers are refused in words with OK disabled; 4 tasks back up three
// one-disk VMs side by side, 1 task one after another (the later VMs say they waited for a slot).
import AxeBuilder from '@axe-core/playwright';
import { test, expect, AT_ONCE } from './fixtures';
import type { BackupRunView } from '../src/engine/core/view';

const lab = {
  name: 'Proxy task slots e2e',
  seed: 6,
  hosts: [{ id: 'esx01', version: '5.0' }],
  datastores: [{ id: 'ds1', capacityGB: 200, fs: 'vmfs5', MBps: 300 }],
  vms: ['APP01', 'APP02', 'APP03'].map((name) => ({
    id: name.toLowerCase(), name, disks: [{ id: 'disk1', capacityGB: 20, usedGB: 4 }], workload: { profile: 'idle', writeIOPS: 1 },
  })),
  backup: {
    proxies: [{ id: 'proxy01', transport: 'nbd', MBps: 200 }],
    jobs: [{ id: 'nightly', name: 'Nightly backup', vms: ['app01', 'app02', 'app03'], quiesce: false }],
  },
};

/** The transfers' [start, end] of a run, in the job's order. */
const transfers = (r: BackupRunView) => r.vms.map((v) => {
  const t = v.steps.find((s) => s.kind === 'transfer')!;
  return [t.start, t.end!] as const;
});
/** The most transfers running at one moment. */
const mostAtOnce = (spans: (readonly [number, number])[]) => Math.max(...spans.map(([t]) => spans.filter(([a, b]) => a <= t && t < b).length));

test('Max concurrent tasks: refused when invalid, and 1 task backs up the VMs one at a time where 4 ran them together', async ({ page, lab: driver }) => {
  expect(await driver.load(lab)).toMatchObject({ ok: true });
  const region = page.getByRole('region', { name: 'Backup jobs' });
  await expect(region).toContainText('proxy01 (nbd, 200 MB/s, 4 task slots, VMs in parallel)');
  const runOnce = async (n: number) => {
    await region.getByRole('button', { name: 'Run now' }).click();
    await expect.poll(async () => {
      const r = (await driver.state()).backupJobs[0].runs[n - 1];
      if (r?.end === null) await driver.advance(30_000);
      return r?.state;
    }, { timeout: 30_000, intervals: AT_ONCE }).toBe('success');
    return (await driver.state()).backupJobs[0].runs[n - 1];
  };
  const runs = region.getByRole('group', { name: 'Runs of Nightly backup' });

  // 4 task slots: the three VMs' transfers run together; nobody waits.
  expect(mostAtOnce(transfers(await runOnce(1)))).toBe(3);
  await expect(runs).not.toContainText('for a free slot');

  // The proxy's settings, from the keyboard.
  await region.getByRole('button', { name: 'Edit proxy… proxy01', exact: true }).focus();
  await page.keyboard.press('Enter');
  const dialog = page.getByRole('dialog', { name: 'Edit backup proxy' });
  const tasks = dialog.getByRole('spinbutton', { name: 'Max concurrent tasks' });
  await expect(tasks).toBeFocused();
  await expect(tasks).toHaveValue('4');
  const ok = dialog.getByRole('button', { name: 'OK' });
  for (const bad of ['0', '65', '2.5']) {
    await tasks.fill(bad);
    await expect(dialog.getByRole('alert')).toHaveText('Max concurrent tasks: a whole number from 1 to 64 (one task reads one VM disk).');
    await expect(tasks).toHaveAttribute('aria-invalid', 'true');
    await expect(ok).toBeDisabled();
    await tasks.press('Enter');
    await expect(dialog).toBeVisible();
  }
  expect((await driver.state()).backupJobs[0].proxy.slots).toBe(4);
  // The dialog, its refusal showing, has no serious or critical axe violations.
  const axe = await new AxeBuilder({ page }).include('dialog[open]').analyze();
  expect(axe.passes.length).toBeGreaterThan(0);
  expect(axe.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => v.id)).toEqual([]);
  await tasks.fill('1');
  await expect(dialog.getByRole('alert')).toHaveCount(0);
  await tasks.press('Enter');
  await expect(dialog).toHaveCount(0);
  await expect(region).toContainText('proxy01 (nbd, 200 MB/s, 1 task slot, VMs in parallel)');

  // 1 task slot: one VM at a time, in the job's order; APP02 and APP03 say they waited.
  const second = transfers(await runOnce(2));
  expect(mostAtOnce(second)).toBe(1);
  for (let i = 1; i < second.length; i++) expect(second[i][0]).toBeGreaterThanOrEqual(second[i - 1][1]);
  await runs.getByRole('button', { name: 'Show the timeline of run 2' }).click();
  for (const vm of ['APP02', 'APP03']) {
    await expect(runs.getByRole('row').filter({ hasText: vm }).first()).toContainText(/Waited \d+ (s|min) for a free slot of proxy01/);
  }
  await expect(runs.getByRole('row').filter({ hasText: 'APP01' }).first()).not.toContainText('Waited');
  await page.screenshot({ path: '/tmp/backupui-slots.png' });

  // Back to 3 with the mouse: the next run's three transfers run together again.
  await region.getByRole('button', { name: 'Edit proxy… proxy01', exact: true }).click();
  await dialog.getByRole('spinbutton', { name: 'Max concurrent tasks' }).fill('3');
  await dialog.getByRole('button', { name: 'OK' }).click();
  await expect(region).toContainText('3 task slots, VMs in parallel');
  expect(mostAtOnce(transfers(await runOnce(3)))).toBe(3);
});
