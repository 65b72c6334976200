// The Backup jobs region reads right: its tab opens on the jobs (not on the datastore charts), VMs go by
// their inventory names, "Run now" is a real button of the page's style, and a run whose snapshot
// removal failed says so in words, its bar wide enough to see.
import { test, expect, AT_ONCE } from './fixtures';

const HOUR = 3_600_000;
const lab = {
  name: 'Backup reads right',
  seed: 5,
  hosts: [{ id: 'esx01', version: '5.0' }],
  datastores: [{ id: 'ds1', capacityGB: 100, fs: 'vmfs5', MBps: 150 }],
  vms: [{ id: 'app01', name: 'APP01', ctkEnabled: true, disks: [{ id: 'disk1', capacityGB: 20, usedGB: 6 }], workload: { profile: 'idle', writeIOPS: 1 } }],
  backup: {
    proxies: [{ id: 'proxy01', transport: 'hotadd', MBps: 100 }],
    jobs: [{ id: 'nightly', name: 'Nightly backup', vms: ['app01'], schedule: { firstAtMs: 22 * HOUR, everyMs: 24 * HOUR } }],
  },
};

test.use({ viewport: { width: 1280, height: 720 } });

test('Backup jobs: the tab opens on the jobs; names, Run now and a failed removal read right', async ({ page, lab: driver }) => {
  expect(await driver.load(lab)).toMatchObject({ ok: true });
  expect((await driver.dispatch({ type: 'fault.inject', vm: 'app01', fault: { kind: 'proxyLock', once: true } })).ok).toBe(true);
  const region = page.getByRole('region', { name: 'Backup jobs' });

  // The tab brings the job itself to the top of the panels.
  await page.getByRole('navigation', { name: 'VM panels' }).getByRole('button', { name: 'Backup jobs' }).click();
  const run = region.getByRole('button', { name: 'Run now' });
  await expect(run).toBeInViewport();
  await expect(region.getByRole('heading', { name: 'Nightly backup' })).toBeInViewport();
  await expect.poll(async () => {
    const tabs = (await page.getByRole('navigation', { name: 'VM panels' }).boundingBox())!;
    return Math.abs((await region.boundingBox())!.y - (tabs.y + tabs.height));
  }).toBeLessThan(60);

  // "Run now" looks like the page's primary buttons, not a bare native one.
  const style = await run.evaluate((b) => { const c = getComputedStyle(b); return { bg: c.backgroundColor, radius: c.borderRadius }; });
  expect(style.bg).not.toBe('rgba(0, 0, 0, 0)');
  expect(style.radius).not.toBe('0px');
  await expect(region).toContainText('APP01 ·');
  await expect(region).not.toContainText('app01');

  await run.click();
  await expect.poll(async () => {
    const r = (await driver.state()).backupJobs[0].runs[0];
    if (r?.end === null) await driver.advance(30_000);
    return r?.state;
  }, { timeout: 30_000, intervals: AT_ONCE }).toBe('warning');
  const timeline = region.getByRole('figure', { name: 'Timeline of run 1' });
  const lane = timeline.getByRole('listitem').filter({ hasText: 'APP01' });
  await expect(lane).toBeVisible();
  // The failed removal, in words: its whole label, marked failed.
  const failed = timeline.locator('.lane-steps > li').filter({ hasText: /failed$/ });
  await expect(failed).toHaveCount(1);
  await expect(failed).toContainText(/remov/i);
  const words = (await failed.boundingBox())!;
  expect(words.width).toBeGreaterThan(80);
  // Its bar is wide enough to see, even though it lasted a moment of a long run.
  const bar = timeline.locator('.lane-track .step-error');
  expect((await bar.boundingBox())!.width).toBeGreaterThanOrEqual(7);
  // No step's words overlap another's.
  const boxes = await Promise.all((await timeline.locator('.step-words').all()).map((l) => l.boundingBox()));
  for (let i = 0; i < boxes.length; i++) for (let j = i + 1; j < boxes.length; j++) {
    const a = boxes[i]!; const b = boxes[j]!;
    const apart = a.x + a.width <= b.x + 0.5 || b.x + b.width <= a.x + 0.5 || a.y + a.height <= b.y + 0.5 || b.y + b.height <= a.y + 0.5;
    expect(apart, `step ${i} and ${j} overlap`).toBe(true);
  }
  await timeline.screenshot({ path: test.info().outputPath('run-timeline.png') });
});
