// The Backup jobs region (docs/api.md, "What a person sees"): there only when the lab has jobs; Run now from the
// keyboard; runs, modes and the run's timeline shown; no serious axe violations in either theme.
import AxeBuilder from '@axe-core/playwright';
import { test, expect, AT_ONCE } from './fixtures';

const HOUR = 3_600_000;
const lab = {
  name: 'Backup jobs e2e',
  seed: 5,
  hosts: [{ id: 'esx01', version: '5.0' }],
  datastores: [{ id: 'ds1', capacityGB: 100, fs: 'vmfs5', MBps: 150 }],
  vms: [{ id: 'app01', name: 'APP01', ctkEnabled: true, disks: [{ id: 'disk1', capacityGB: 20, usedGB: 6 }], workload: { profile: 'idle', writeIOPS: 1 } }],
  backup: {
    proxies: [{ id: 'proxy01', transport: 'nbd', MBps: 100 }],
    jobs: [{ id: 'nightly', name: 'Nightly backup', vms: ['app01'], schedule: { firstAtMs: 22 * HOUR, everyMs: 24 * HOUR } }],
  },
};

test('no Backup jobs region in a lab without jobs', async ({ page, lab: driver }) => {
  expect((await driver.state()).backupJobs).toEqual([]);
  await expect(page.getByRole('region', { name: 'Inventory' })).toBeVisible();
  await expect(page.getByRole('navigation', { name: 'VM panels' }).getByRole('button', { name: 'Disk chain' })).toBeVisible();
  await expect(page.getByRole('navigation', { name: 'VM panels' }).getByRole('button', { name: 'Backup jobs' })).toHaveCount(0);
  await expect(page.getByRole('region', { name: 'Backup jobs' })).toHaveCount(0);
});

for (const theme of ['light', 'dark'] as const) {
  test(`Run now from the keyboard, the run's results and timeline (${theme} theme)`, async ({ page, lab: driver }) => {
    expect(await driver.load(lab)).toMatchObject({ ok: true });
    const region = page.getByRole('region', { name: 'Backup jobs' });
    await expect(region).toContainText('daily at 22:00');
    await expect(region).toContainText('No runs yet.');
    const run = region.getByRole('button', { name: 'Run now' });
    await run.focus();
    await page.keyboard.press('Enter');
    await expect(region.getByRole('button', { name: 'Running…' })).toBeDisabled();
    await expect.poll(async () => {
      const r = (await driver.state()).backupJobs[0].runs[0];
      if (r?.end === null) await driver.advance(30_000);
      return r?.state;
    }, { timeout: 30_000, intervals: AT_ONCE }).toBe('success');
    await expect(region.getByRole('button', { name: 'Run now' })).toBeEnabled();
    await expect(region.getByRole('figure', { name: 'Timeline of run 1' })).toContainText('Create virtual machine snapshot');
    await expect(region.getByRole('figure', { name: 'Timeline of run 1' })).toContainText('Full read, 6.00 GB via nbd');
    await expect(region.getByRole('group', { name: 'Runs of Nightly backup' })).toContainText('Full');
    if (theme === 'dark') await page.getByRole('button', { name: 'Dark theme' }).click();
    const results = await new AxeBuilder({ page }).include('[aria-label="Backup jobs"]').analyze();
    const bad = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
    expect(bad.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join(', ')})`)).toEqual([]);
  });
}

test('the proxy\'s task slots: shown on the job, and a VM waits for a free slot (backup rule 24)', async ({ page, lab: driver }) => {
  const two = {
    ...lab, name: 'Backup task slots e2e',
    vms: [lab.vms[0], { ...lab.vms[0], id: 'app02', name: 'APP02' }],
    backup: { proxies: [{ id: 'proxy01', transport: 'nbd', MBps: 100, slots: 1 }], jobs: [{ id: 'nightly', name: 'Nightly backup', vms: ['app01', 'app02'] }] },
  };
  expect(await driver.load(two)).toMatchObject({ ok: true });
  const region = page.getByRole('region', { name: 'Backup jobs' });
  await expect(region).toContainText('proxy01 (nbd, 100 MB/s, 1 task slot, VMs in parallel)');
  await region.getByRole('button', { name: 'Run now' }).click();
  await expect.poll(async () => {
    const r = (await driver.state()).backupJobs[0].runs[0];
    if (r?.end === null) await driver.advance(30_000);
    return r?.state;
  }, { timeout: 30_000, intervals: AT_ONCE }).toBe('success');
  const runs = region.getByRole('group', { name: 'Runs of Nightly backup' });
  await expect(runs.getByRole('row').filter({ hasText: 'APP02' })).toContainText(/Waited \d+ (s|min) for a free slot of proxy01/);
  await expect(runs.getByRole('row').filter({ hasText: 'APP01' })).not.toContainText('Waited');
  await page.screenshot({ path: '/tmp/backup-slots.png' });
});
