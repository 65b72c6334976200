// Walkthrough: nightly backup gone wrong. A backup job runs at 22:00 through a hot-add proxy: one good
// night, then a night where the backup application dies during EXCH01's transfer (FS01's, beside it in
// parallel, stops too) and leaves its snapshot to grow until the trainer's snapshot-size alarm fires. Run now hunts that leftover down (snapshot
// hunting), but the proxy keeps FS01's hot-added disks, so FS01 needs consolidation. The admin frees the
// lock, consolidates, and the next night is clean.
import { advanceBy, AT_ONCE, expect, test } from './walkthrough';

const HOUR = 3_600_000;

const lab = {
  name: 'Nightly backup gone wrong',
  seed: 7,
  hosts: [{ id: 'esx01', version: '5.0' }],
  datastores: [{ id: 'ds1', capacityGB: 200, fs: 'vmfs5', MBps: 150 }],
  vms: [
    { id: 'exch01', name: 'EXCH01', guest: 'windows2003', memoryMB: 4096, apps: ['exchange'], ctkEnabled: true,
      disks: [{ id: 'disk1', capacityGB: 30 }, { id: 'logs', capacityGB: 10 }], workload: { profile: 'exchange', writeIOPS: 10 } },
    { id: 'fs01', name: 'FS01', guest: 'windows2003', memoryMB: 2048, ctkEnabled: true,
      disks: [{ id: 'disk1', capacityGB: 20 }, { id: 'data', capacityGB: 20 }], workload: { profile: 'fileserver', writeIOPS: 5 } },
  ],
  backup: {
    proxies: [{ id: 'proxy01', transport: 'hotadd', MBps: 200 }],
    jobs: [{ id: 'nightly', name: 'Nightly backup', proxy: 'proxy01', vms: ['exch01', 'fs01'], schedule: { firstAtMs: 22 * HOUR, everyMs: 24 * HOUR }, quiesce: true, cbt: true }],
  },
  settings: { snapshotAlarmSizeGB: 0.25 },
};

test('nightly backup gone wrong', async ({ page, lab: driver, walk }) => {
  const region = page.getByRole('region', { name: 'Backup jobs' });
  const job = async () => (await driver.state()).backupJobs.find((j) => j.id === 'nightly')!;
  const vm = async (id: string) => (await driver.state()).vms.find((v) => v.id === id)!;
  const showJobs = () => page.getByRole('navigation', { name: 'VM panels' }).getByRole('button', { name: 'Backup jobs' }).click();
  /** Let simulated time run a minute at a time until the job's latest run has ended. */
  const untilRunEnds = async (n: number) => {
    await expect.poll(async () => {
      const r = (await job()).runs[n - 1];
      if (!r || r.end === null) await driver.advance(60_000);
      return r?.end ?? null;
    }, { timeout: 60_000, intervals: AT_ONCE }).not.toBeNull();
  };

  await walk.step('A nightly job for EXCH01 and FS01', async () => {
    expect(await driver.load(lab)).toMatchObject({ ok: true });
    await expect(region).toContainText('Nightly backup');
    await expect(region).toContainText('daily at 22:00');
  });

  await walk.step('The first night: a full, application-consistent run', async () => {
    await driver.advance(22 * HOUR);
    await untilRunEnds(1);
    expect((await job()).runs[0].state).toBe('success');
    await showJobs();
    await expect(region).toContainText('Success');
    await expect(region.getByRole('figure', { name: 'Timeline of run 1' })).toBeVisible();
  });

  await walk.step('The next night the proxy keeps FS01\'s disks and the backup application dies on EXCH01', async () => {
    expect((await driver.dispatch({ type: 'fault.inject', vm: 'fs01', fault: { kind: 'proxyLock' } })).ok).toBe(true);
    expect((await driver.dispatch({ type: 'fault.inject', vm: 'exch01', fault: { kind: 'proxyCrash', once: true } })).ok).toBe(true);
    await driver.advance(24 * HOUR);
    await untilRunEnds(2);
    expect((await job()).runs[1].state).toBe('failed');
    await showJobs();
    await expect(region).toContainText('stopped responding');
  });

  await walk.step('A snapshot nobody will delete: EXCH01 keeps writing into it', async () => {
    await driver.selectVm('EXCH01');
    await expect(page.getByRole('region', { name: 'Snapshot tree' })).toContainText('Backup temporary snapshot');
    // Hour by hour until the trainer's snapshot size alarm (0.25 GB in this lab) fires.
    await expect.poll(async () => {
      const fired = (await vm('exch01')).alarms.some((a) => a.name === 'VM Snapshot Size (GB)');
      if (!fired) await driver.advance(HOUR);
      return fired;
    }, { timeout: 120_000, intervals: AT_ONCE }).toBe(true);
    await expect(page.getByRole('group', { name: 'Triggered alarms' })).toContainText('VM Snapshot Size (GB)');
  });

  await walk.step('Run now: the job hunts its leftover down, but FS01 needs consolidation', async () => {
    await showJobs();
    await region.getByRole('button', { name: 'Run now' }).click();
    await expect.poll(async () => (await job()).runs.length).toBe(3);
    await untilRunEnds(3);
    expect((await job()).runs[2].state).toBe('warning');
    expect((await vm('exch01')).snapshots).toEqual([]);
    expect((await vm('fs01')).consolidationNeeded).toBe(true);
    await expect(region).toContainText('Snapshot hunting: removed snapshot "Backup temporary snapshot" of run 2');
    await expect(region).toContainText('consolidation is needed');
    await expect(page.getByRole('region', { name: 'Inventory' })).toContainText('Needs consolidation');
    // Both VMs' cells tell of the hunt (the crash stopped FS01's transfer beside EXCH01's): show EXCH01's.
    await region.getByRole('cell', { name: /still on EXCH01/ }).scrollIntoViewIfNeeded();
  });

  await walk.step('Clean up: free the lock, Consolidate', async () => {
    expect((await driver.dispatch({ type: 'fault.clear', vm: 'fs01' })).ok).toBe(true);
    expect((await driver.dispatch({ type: 'vm.consolidate', vm: 'fs01' })).ok).toBe(true);
    await advanceBy(driver, 30 * 60_000, 60_000);
    expect((await vm('fs01')).consolidationNeeded).toBe(false);
    await expect(page.getByRole('region', { name: 'Inventory' })).not.toContainText('Needs consolidation');
  });

  await walk.step('The next night is clean again', async () => {
    const next = (await job()).nextRunAt!;
    await driver.advance(next - (await driver.state()).time);
    await untilRunEnds(4);
    expect((await job()).runs[3].state).toBe('success');
    await showJobs();
    await expect(region.getByRole('figure', { name: 'Timeline of run 4' })).toBeVisible();
  });
});
