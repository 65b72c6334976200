// Every built-in lesson done by hand: for each lesson id, what a learner clicks and types to complete
// it. The spec runs each one and fails for a lesson missing here.
import { expect } from '@playwright/test';
import type { Hands } from './hands';

export type ByHand = (h: Hands) => Promise<void>;

const FAST = 14_400;

export const course: Record<string, ByHand> = {
  'first-snapshot': async (h) => {
    await h.selectVm('EXCH01');
    await h.takeSnapshot('before-patch', { description: 'My first snapshot' });
    await h.playUntilMet('steps', 100);
    // The growth step comes before 64 MB of data: play on until the delta holds that much too.
    await h.playUntilMet('grow', 100);
  },

  'revert-and-branches': async (h) => {
    await h.selectVm('APP01');
    await h.takeSnapshot('before-patch');
    await h.playUntilTaskEnds(/Create virtual machine snapshot/);
    await h.takeSnapshot('patch-v1');
    await h.playUntilTaskEnds(/Create virtual machine snapshot/);
    await h.revert('before-patch');
    await h.playUntilMet('revert');
    await h.power('Power On');
    await h.playUntilMet('power');
    await h.takeSnapshot('patch-v2');
    await h.playUntilMet('branch');
  },

  'delete-and-consolidate': async (h) => {
    await h.selectVm('DB01');
    for (const name of ['s1', 's2', 's3']) {
      await h.takeSnapshot(name);
      await h.playUntilTaskEnds(/Create virtual machine snapshot/);
    }
    await h.deleteSnapshot('s2');
    await h.playUntilMet('merge');
    await h.injectFault('Disk file locked', {}, true);
    await h.deleteAll();
    await h.playUntilMet('merge-fails');
    await h.consolidate();
    await h.playUntilMet('clean');
  },

  'datastore-planning': async (h) => {
    await h.selectVm('EXCH01');
    await h.takeSnapshot('before-update');
    await h.play(1000);
    await expect(h.question('EXCH01')).toBeVisible({ timeout: 60_000 });
    await h.pause();
    await h.increaseDatastore(100);
    await h.question('EXCH01').getByRole('button', { name: 'Retry' }).click();
    await h.expectMet('retry');
    await h.deleteSnapshot('before-update');
    await h.playUntilMet('delete', 100);
  },

  'chain-depth': async (h) => {
    await h.selectVm('TEST01');
    // Take Snapshot..., Enter: 33 snapshots with the names the dialog offers, queued while the clock is
    // paused, then played through.
    for (let i = 1; i <= 33; i++) await h.takeSnapshot();
    await h.play(100);
    await h.expectMet('warning', 120_000);
    await h.expectMet('limit', 120_000);
    await h.pause();
    await h.deleteAll();
    await h.playUntilTaskEnds(/Remove all snapshots/, 100);
    await h.takeSnapshot('before-build');
    await h.playUntilMet('best-practice');
  },

  'independent-disks': async (h) => {
    await h.selectVm('WEB01');
    await h.takeSnapshot('baseline');
    await h.playUntilMet('snapshot');
    await h.takeSnapshot('with-memory', { memory: true });
    await h.playUntilMet('memory-refused');
    await h.writeToDisk(/scratch/, 256, 2);
    await h.writeToDisk(/temp/, 64, 0);
    await h.revert('baseline');
    await h.playUntilMet('revert-keeps');
    await h.power('Power On');
    await h.playUntilMet('running');
  },

  'vss-flow': async (h) => {
    await h.selectVm('EXCH01');
    await h.console('EXCH01', 'vssadmin list writers', /Microsoft Exchange Writer/);
    await h.console('EXCH01', 'vssadmin list providers');
    await h.takeSnapshot('backup-0200', { quiesce: true, description: 'Nightly backup' });
    await h.playUntilMet('discarded', 10);
    await h.console('EXCH01', 'vssadmin list shadows');
  },

  'backup-types': async (h) => {
    await h.selectVm('EXCH01');
    await h.takeSnapshot('vmware-backup', { quiesce: true });
    await h.playUntilMet('copy-keeps-logs', 10);
    await h.guestBackup('Full');
    await h.playUntilMet('full-truncates', 100);
    await h.guestBackup('Differential');
    await h.playUntilMet('differential-keeps', 100);
    await h.guestBackup('Incremental');
    await h.playUntilMet('incremental-truncates', 100);
  },

  'writer-failure': async (h) => {
    await h.selectVm('EXCH01');
    await h.injectFault('Writer error', { Writer: 'Microsoft Exchange Writer', Event: 'Freeze', Error: 'Retryable error' });
    await h.takeSnapshot('backup-0200', { quiesce: true });
    await h.playUntilMet('fails', 10);
    await h.console('EXCH01', 'vssadmin list writers', /Failed/);
    await h.console('EXCH01', 'eventvwr application 5', /8229/);
    await h.clearFaults();
    await h.console('EXCH01', 'net stop MSExchangeIS');
    await h.console('EXCH01', 'net start MSExchangeIS');
    await h.expectMet('restart');
    await h.takeSnapshot('backup-0200-retry', { quiesce: true });
    await h.playUntilMet('retry', 10);
  },

  'hold-timeout': async (h) => {
    await h.selectVm('EXCH01');
    await h.takeSnapshot('backup-0200', { quiesce: true });
    await h.playUntilMet('event-12298', 10);
    await h.console('EXCH01', 'eventvwr application 5', /12298/);
    await h.setWorkloadIops(300);
    await h.expectMet('quieter');
    await h.takeSnapshot('backup-0200-retry', { quiesce: true });
    await h.playUntilMet('succeeds', 10);
  },

  prerequisites: async (h) => {
    await h.selectVm('EXCH01');
    await h.takeSnapshot('quiesced-1', { quiesce: true });
    await h.playUntilMet('fallback', 10);
    await h.configureVm((s) => s.getByLabel('forceQuiesce').selectOption('true'));
    await h.takeSnapshot('quiesced-2', { quiesce: true });
    await h.playUntilMet('force', 10);
    await h.hostSettings('esx01', 'ESX 3.5 Update 2');
    await h.configureVm((s) => s.getByLabel('VMware Tools build').fill('208167'));
    await h.console('EXCH01', 'sc config vss start= demand', /SUCCESS/);
    await h.expectMet('prerequisites');
    await h.takeSnapshot('quiesced-3', { quiesce: true });
    await h.playUntilMet('application', 10);
    await h.selectVm('TMPL01');
    await h.takeSnapshot('template-quiesced', { quiesce: true });
    await h.playUntilMet('powered-off', 10);
  },

  assessment: async (h) => {
    const runEnds = () => expect(h.job('Nightly backup').getByRole('button', { name: 'Run now' })).toBeEnabled({ timeout: 60_000 });
    await h.selectVm('EXCH02');
    await h.runJobNow();
    await h.playUntil(10, runEnds);
    await h.configureVm((s) => s.getByLabel('VMware Tools build').fill('208167'));
    await h.console('EXCH02', 'sc config vss start= demand', /SUCCESS/);
    await h.runJobNow();
    await h.playUntil(10, runEnds);
    await h.configureVm((s) => s.getByLabel('Pre-freeze script').fill('0'));
    await h.runJobNow();
    await h.playUntil(100, runEnds);
    await h.hostSettings('esx02', 'ESX 4.1');
    await h.power('Power Off');
    await h.playUntilTaskEnds(/Power Off virtual machine/, 10);
    await h.configureVm((s) => s.getByLabel('disk.EnableUUID').check());
    await h.power('Power On');
    await h.playUntilTaskEnds(/Power On virtual machine/, 10);
    await h.runJobNow();
    await h.playUntil(100, runEnds);
  },

  'nightly-backup': async (h) => {
    await h.selectVm('EXCH01');
    await h.configureVm((s) => s.getByLabel('Changed Block Tracking').check());
    await h.playUntilMet('cbt', FAST, 120_000);
    // Then the vendor's own processing: Edit job…, Application-aware processing, and a third night.
    await h.editJob('Nightly backup', (d) => d.getByRole('checkbox', { name: 'Application-aware processing' }).check());
    await h.playUntilMet('agent', FAST, 120_000);
  },

  'leftover-snapshot': async (h) => {
    const runEnds = () => expect(h.job('Nightly backup').getByRole('button', { name: 'Run now' })).toBeEnabled({ timeout: 60_000 });
    await h.selectVm('EXCH01');
    await h.injectFault('Proxy crash', {}, true);
    await h.runJobNow();
    await h.playUntilMet('crash', 100);
    await h.playUntil(100, runEnds);
    await h.selectVm('FS01');
    await h.injectFault('Proxy lock');
    await h.selectVm('EXCH01');
    await h.deleteSnapshot('Backup temporary snapshot');
    await h.playUntilMet('snapshot-gone', 100);
    await h.runJobNow();
    await h.playUntilMet('lock', 100);
    await h.playUntil(100, runEnds);
    await h.selectVm('FS01');
    await h.clearFaults();
    await h.consolidate();
    await h.playUntilMet('consolidated', 100);
    await h.runJobNow();
    await h.playUntilMet('clean-run', 100);
  },

  'exchange-logs': async (h) => {
    await h.selectVm('EXCH01');
    await h.playUntilMet('copy-keeps', FAST, 120_000);
    await expect(h.job('Nightly backup').getByRole('button', { name: 'Run now' })).toBeEnabled({ timeout: 60_000 });
    // Truncation alone keeps VMware Tools' COPY: the agent must be the requestor (application-aware).
    await h.editJob('Nightly backup', async (d) => {
      await d.getByRole('checkbox', { name: 'Application-aware processing' }).check();
      await d.getByLabel('Truncate Exchange logs').check();
    });
    await h.playUntilMet('job-truncates', FAST, 120_000);
    await h.expectMet('logs-small');
  },

  // The question never locks the page: the clock pauses itself and says why, space is freed through
  // the page with the message open, Retry, then delete (the three weeks are played only here).
  'forgotten-snapshot': async (h) => {
    const clock = h.page.getByRole('group', { name: 'Time controls' });
    await h.selectVm('SQL01');
    await h.takeSnapshot('before-patch');
    // The clock starts paused: the cue says that the snapshot task waits for time; Step moves it on.
    await expect(clock.getByRole('status').filter({ hasText: /^Create virtual machine snapshot \(SQL01\) at \d+ %… press Play or Step$/ })).toBeVisible();
    await expect(async () => {
      await clock.getByRole('button', { name: 'Step to next event' }).click();
      await expect(h.tree.getByRole('button', { name: /Snapshot before-patch/ })).toBeVisible({ timeout: 1000 });
    }).toPass();
    await expect(clock.getByRole('status').filter({ hasText: 'press Play or Step' })).toHaveCount(0);
    // The fastest speed, chosen with the keyboard.
    const speed = h.page.getByRole('slider', { name: 'Speed' });
    await speed.focus();
    await h.page.keyboard.press('End');
    await expect(speed).toHaveAttribute('aria-valuetext', '14,400× (10 days per minute)');
    await h.play();
    await expect(h.question('SQL01')).toContainText('There is no more space for the redo log', { timeout: 240_000 });
    // The clock paused by itself.
    await expect(clock.getByRole('status').filter({ hasText: 'Paused: SQL01 asks a question' })).toBeVisible();
    await expect(h.page.getByRole('button', { name: 'Play', exact: true })).toBeVisible();
    // With the message open: Delete Snapshot is not locked out by the page (vSphere refuses it while
    // the VM waits; the card is selected from the keyboard, as it may sit under the tree's toolbar).
    await h.selectSnapshotByKeyboard('before-patch');
    await h.tree.getByRole('button', { name: 'Delete Snapshot' }).click();
    await h.page.getByRole('alertdialog', { name: 'Confirm Delete' }).getByRole('button', { name: 'Yes' }).click();
    await expect(h.page.getByRole('region', { name: 'Recent Tasks' })).toContainText('The operation is not allowed in the current state.');
    await h.increaseDatastore(600);
    await expect(h.page.getByRole('region', { name: 'Datastore' })).toContainText(/used of 600(\.0)? GB/);
    await expect(h.question('SQL01')).toBeVisible();
    await h.question('SQL01').getByRole('button', { name: 'Retry' }).click();
    await expect(h.question('SQL01')).toHaveCount(0);
    await h.expectMet('resume');
    await h.deleteSnapshot('before-patch');
    await h.playUntilMet('delete', FAST);
  },

  'domain-controller-revert': async (h) => {
    for (const [dc, objective] of [['DC01', 'rollback'], ['DC03', 'generation-id']] as const) {
      await h.selectVm(dc);
      await h.takeSnapshot('before-patch');
      await h.playFor(2 * 3600_000, FAST);
      await h.revert('before-patch');
      await h.playUntilTaskEnds(/Revert/, 10);
      await h.power('Power On');
      await h.playUntilMet(objective, 1000);
      if (dc === 'DC01') {
        await h.console('DC01', 'repadmin /showrepl');
        await h.expectMet('evidence');
      }
    }
  },

  'restore-exchange': async (h) => {
    const runEnds = (job: string) => () => expect(h.job(job).getByRole('button', { name: 'Run now' })).toBeEnabled({ timeout: 60_000 });
    const restore = async (point: string, only?: string) => {
      await h.page.getByRole('region', { name: 'Backup jobs' }).getByRole('button', { name: `Restore… EXCH01 from ${point}` }).click();
      const dialog = h.page.getByRole('dialog', { name: 'Restore VM' });
      await expect(dialog.getByRole('radio', { name: 'Overwrite the original VM' })).toBeChecked();
      if (only) await dialog.getByRole('checkbox', { name: only }).uncheck();
      await dialog.getByRole('button', { name: 'OK' }).click();
      await expect(dialog).toHaveCount(0);
    };
    await h.selectVm('EXCH01');
    await h.runJobNow('Crash-consistent backup');
    await h.playUntil(100, runEnds('Crash-consistent backup'));
    await h.playFor(3600_000, 1000);
    await h.runJobNow('Application-aware backup');
    await h.playUntil(100, runEnds('Application-aware backup'));
    await h.guestBackup('Full');
    await h.playUntilMet('two-backups', 100);
    await restore('repo01-1', 'Hard disk 2 (logs)');
    await h.playUntilMet('no-mount', 100);
    await h.console('EXCH01', 'eseutil /p "Mailbox Database.edb"', /data loss/);
    await h.console('EXCH01', 'net stop MSExchangeIS');
    await h.console('EXCH01', 'net start MSExchangeIS');
    await h.expectMet('repaired');
    await restore('repo01-2');
    await h.playUntilMet('aware-restore', 100);
  },

  'instant-recovery': async (h) => {
    const jobs = h.page.getByRole('region', { name: 'Backup jobs' });
    await h.selectVm('APP01');
    await h.runJobNow();
    await h.playUntilMet('point', 100);
    // Restore… on the point, Instant VM Recovery under a name of our own.
    await jobs.getByRole('button', { name: /^Restore… APP01 from / }).click();
    const dialog = h.page.getByRole('dialog', { name: 'Restore VM' });
    await dialog.getByRole('radio', { name: 'Instant VM Recovery' }).check();
    await dialog.getByLabel('VM name').fill('APP01-IVR');
    await dialog.getByRole('button', { name: 'OK' }).click();
    await expect(dialog).toHaveCount(0);
    await h.playUntilMet('instant', 10);
    await expect(jobs).toContainText('APP01-IVR runs from the backup on repo01');
    // The Disk chain of the recovered VM: the backup's disk on the NFS datastore, the redo log on top.
    await h.selectVm('APP01-IVR');
    const chain = h.page.getByRole('region', { name: 'Disk chain' });
    await expect(chain).toContainText('APP01-IVR.vmdk.REDO');
    await h.playUntilMet('redo-grows', 100);
    await jobs.getByRole('button', { name: 'Migrate to production: APP01-IVR', exact: true }).click();
    await h.playUntilMet('migrated', 100);
    await expect(chain).not.toContainText('.REDO');
  },
};
