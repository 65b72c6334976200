// Time travel as a learner reads it (docs/time-travel.md): a sign says when the lab shows its past,
// a click that would change the past asks first (Cancel changes nothing), once: a dialog that asks for
// itself (Revert, Delete, Take Snapshot, Restore VM, Increase…, Edit job…, Edit proxy…, VM settings) says
// that its answer starts the branch; a console line that only reads just answers. Branches
// are named with the VM's and the snapshot's display names, and Compare branches keeps the two lines
// apart.
import AxeBuilder from '@axe-core/playwright';
import { test, expect, AT_ONCE, type LabDriver } from './fixtures';
import type { Page } from '@playwright/test';

const MIN = 60_000;

/** EXCH01 takes "before-patch" at 0, deletes it at 10 min; the lab runs to 20 min. */
async function history(lab: LabDriver) {
  await lab.dispatch({ type: 'snapshot.take', vm: 'exch01', name: 'before-patch' });
  await lab.advance(10 * MIN);
  await lab.dispatch({ type: 'snapshot.delete', vm: 'exch01', snapshot: 'before-patch' });
  await lab.advance(10 * MIN);
}

/** Click the history track at a share of its width, as a learner goes back in time. */
async function clickHistory(page: Page, share: number) {
  const slider = page.getByRole('slider', { name: 'Lab history position' });
  const box = (await slider.boundingBox())!;
  await page.mouse.click(box.x + box.width * share, box.y + box.height / 2);
}

/** Serious or critical axe findings in the sign and the question. */
async function axeFindings(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page }).include('.past-sign').include('.branch-confirm').include('.branch-note').analyze();
  return results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id}: ${v.help}`);
}

const time = (lab: LabDriver) => lab.state().then((s) => s.time);
const snapshots = (lab: LabDriver) => lab.state().then((s) => s.vms.find((v) => v.id === 'exch01')!.snapshots.map((x) => x.name));

test.use({ viewport: { width: 1280, height: 720 } });

test('the page says when it shows the past, and Return to the present brings it back', async ({ page, lab }) => {
  await history(lab);
  const sign = page.getByRole('region', { name: 'In the past' });
  await expect(page.getByRole('slider', { name: 'Lab history position' })).toBeVisible();
  await expect(sign).toHaveCount(0);

  await clickHistory(page, 0.3);
  await expect.poll(() => time(lab)).toBeLessThan(10 * MIN);
  await expect(sign).toBeVisible();
  await expect(sign).toContainText(/You are looking at day 1, 00:0\d:\d\d, the past\./);
  await expect(sign).toContainText('Changes here start a new branch (Branch 2); Branch 1 keeps what happened next, up to day 1, 00:20:00.');
  await page.screenshot({ path: '/tmp/travel-past-sign.png' });

  await sign.getByRole('button', { name: 'Return to the present' }).click();
  await expect.poll(() => time(lab)).toBe(20 * MIN);
  await expect(sign).toHaveCount(0);
});

test('a click that changes the past asks first: Cancel changes nothing, Continue starts a branch named with display names', async ({ page, lab }) => {
  await history(lab);
  await lab.selectVm('WEB01');
  await clickHistory(page, 0.3);
  await expect(page.getByRole('region', { name: 'In the past' })).toBeVisible();
  const at = await time(lab);

  const question = page.getByRole('alertdialog', { name: 'Start a new branch?' });
  const powerOff = page.getByRole('button', { name: 'Power Off' });
  await powerOff.click();
  await expect(question).toBeVisible();
  await expect(question).toContainText('A change here starts Branch 2 from this moment.');
  await expect(question).toContainText('The old future is kept as Branch 1 · EXCH01: deleted before-patch (day 1, 00:10)');
  await page.screenshot({ path: '/tmp/travel-confirm.png' });
  expect(await axeFindings(page)).toEqual([]);

  // Cancel: nothing sent, no branch, the lab where it was.
  await question.getByRole('button', { name: 'Cancel' }).click();
  await expect(question).toHaveCount(0);
  expect(await time(lab)).toBe(at);
  expect((await lab.state()).vms.find((v) => v.id === 'web01')!.power).toBe('poweredOn');
  await expect(page.getByRole('combobox', { name: 'Branch' })).toHaveCount(0);

  // Escape backs out too; then Continue goes on and starts the branch.
  await powerOff.click();
  await expect(question).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(question).toHaveCount(0);
  await expect(page.getByRole('combobox', { name: 'Branch' })).toHaveCount(0);

  await powerOff.click();
  await question.getByRole('button', { name: 'Continue' }).click();
  const branch = page.getByRole('combobox', { name: 'Branch' });
  await expect(branch.locator('option')).toHaveText([
    'Branch 1 · EXCH01: deleted before-patch (day 1, 00:10)',
    /^Branch 2 · WEB01: powered off \(day 1, 00:0\d\)$/,
  ]);
  await expect(branch).not.toContainText(/web01|exch01|snapshot-\d/);
  // At the new branch's newest moment: the present again.
  await expect(page.getByRole('region', { name: 'In the past' })).toHaveCount(0);
  await page.screenshot({ path: '/tmp/travel-branches.png' });
});

test('a revert in the past asks once: "Confirm Revert to Snapshot" says that Yes starts Branch 2', async ({ page, lab }) => {
  await history(lab);
  await lab.selectVm('EXCH01');
  await clickHistory(page, 0.3);
  await expect(page.getByRole('region', { name: 'In the past' })).toBeVisible();
  const at = await time(lab);
  expect(await snapshots(lab)).toEqual(['before-patch']);

  const tree = page.getByRole('region', { name: 'Snapshot tree' });
  const confirm = page.getByRole('alertdialog', { name: 'Confirm Revert to Snapshot' });
  await tree.getByRole('button', { name: /Snapshot before-patch/ }).click();
  await tree.getByRole('button', { name: 'Revert to Snapshot' }).click();
  await expect(confirm).toContainText('Revert EXCH01 to “before-patch”?');
  await expect(confirm.getByRole('note')).toHaveText('⟲ The lab shows its past: Yes also starts Branch 2 from this moment. The old future is kept as Branch 1 · EXCH01: deleted before-patch (day 1, 00:10).');
  await page.screenshot({ path: '/tmp/travel-revert-once.png' });
  expect(await axeFindings(page)).toEqual([]);

  // No: nothing sent, no branch.
  await confirm.getByRole('button', { name: 'No' }).click();
  await expect(confirm).toHaveCount(0);
  expect(await time(lab)).toBe(at);
  await expect(page.getByRole('combobox', { name: 'Branch' })).toHaveCount(0);

  // Yes: the revert goes at once. Had "Start a new branch?" been asked, it would hold the revert (and
  // the branch) until answered.
  await tree.getByRole('button', { name: 'Revert to Snapshot' }).click();
  await confirm.getByRole('button', { name: 'Yes' }).click();
  const branch = page.getByRole('combobox', { name: 'Branch' });
  await expect(branch.locator('option')).toHaveText([
    'Branch 1 · EXCH01: deleted before-patch (day 1, 00:10)',
    /^Branch 2 · EXCH01: reverted to before-patch \(day 1, 00:0\d\)$/,
  ]);
  await expect(page.getByRole('alertdialog', { name: 'Start a new branch?' })).toHaveCount(0);
  // At the present the same question says nothing of branches.
  await tree.getByRole('button', { name: /Snapshot before-patch/ }).click();
  await tree.getByRole('button', { name: 'Revert to Snapshot' }).click();
  await expect(confirm).toBeVisible();
  await expect(confirm.getByRole('note')).toHaveCount(0);
  await confirm.getByRole('button', { name: 'No' }).click();
});

test('Delete Snapshot, Delete All, Take Snapshot and Increase… in the past say in their own dialog which branch they start', async ({ page, lab }) => {
  await history(lab);
  await lab.selectVm('EXCH01');
  const tree = page.getByRole('region', { name: 'Snapshot tree' });
  const branch = page.getByRole('combobox', { name: 'Branch' });
  const question = page.getByRole('alertdialog', { name: 'Start a new branch?' });

  await clickHistory(page, 0.3);
  await tree.getByRole('button', { name: /Snapshot before-patch/ }).click();
  await tree.getByRole('button', { name: 'Delete Snapshot' }).click();
  const del = page.getByRole('alertdialog', { name: 'Confirm Delete' });
  await expect(del.getByRole('note')).toContainText('Yes also starts Branch 2 from this moment.');
  await del.getByRole('button', { name: 'Yes' }).click();
  await expect(branch.locator('option')).toHaveCount(2);
  await expect(question).toHaveCount(0);

  // Back before the delete on Branch 2: Delete All says it starts Branch 3.
  await clickHistory(page, 0.15);
  await expect(page.getByRole('region', { name: 'In the past' })).toBeVisible();
  await tree.getByRole('button', { name: 'Delete All' }).click();
  const all = page.getByRole('alertdialog', { name: 'Confirm Delete All' });
  await expect(all.getByRole('note')).toContainText('Yes also starts Branch 3 from this moment.');
  await all.getByRole('button', { name: 'Yes' }).click();
  await expect(branch.locator('option')).toHaveCount(3);
  await expect(question).toHaveCount(0);

  await clickHistory(page, 0.15);
  await expect(page.getByRole('region', { name: 'In the past' })).toBeVisible();
  await tree.getByRole('button', { name: 'Take Snapshot...' }).click();
  const take = page.getByRole('dialog', { name: 'Take Virtual Machine Snapshot for EXCH01' });
  await expect(take.getByRole('note')).toContainText('OK also starts Branch 4 from this moment.');
  await take.getByRole('textbox', { name: 'Name' }).fill('again');
  await take.getByRole('button', { name: 'OK' }).click();
  await expect(branch.locator('option')).toHaveCount(4);
  await expect(branch.locator('option').last()).toHaveText(/^Branch 4 · EXCH01: took snapshot again \(day 1, 00:0\d\)$/);
  await expect(question).toHaveCount(0);

  await clickHistory(page, 0.15);
  await expect(page.getByRole('region', { name: 'In the past' })).toBeVisible();
  await page.getByRole('navigation', { name: 'VM panels' }).getByRole('button', { name: 'Datastore' }).click();
  await page.getByRole('region', { name: 'Datastore' }).getByRole('button', { name: 'Increase…' }).click();
  const increase = page.getByRole('dialog', { name: 'Increase Datastore Capacity' });
  await expect(increase.getByRole('note')).toContainText('OK also starts Branch 5 from this moment.');
  await increase.getByLabel('New capacity (GB)').fill('600');
  await increase.getByRole('button', { name: 'OK' }).click();
  await expect(branch.locator('option')).toHaveCount(5);
  await expect(branch.locator('option').last()).toHaveText(/^Branch 5 · ds1: increased \(day 1, 00:0\d\)$/);
  await expect(question).toHaveCount(0);
});

test('Restore VM in the past says that OK starts Branch 2, and asks once', async ({ page, lab }) => {
  expect(await lab.load({
    name: 'Restore in the past', seed: 8,
    hosts: [{ id: 'esx01', version: '5.0' }],
    datastores: [{ id: 'ds1', capacityGB: 200, fs: 'vmfs5', MBps: 300 }],
    vms: [{ id: 'app01', name: 'APP01', disks: [{ id: 'disk1', capacityGB: 20, usedGB: 2 }] }],
    backup: {
      proxies: [{ id: 'proxy01', transport: 'hotadd', MBps: 400 }],
      repositories: [{ id: 'repo01', capacityGB: 500, MBps: 400 }],
      jobs: [{ id: 'nightly', name: 'Nightly backup', vms: ['app01'], proxy: 'proxy01' }],
    },
  })).toMatchObject({ ok: true });
  expect((await lab.dispatch({ type: 'backup.run', job: 'nightly' })).ok).toBe(true);
  await expect.poll(async () => {
    const r = (await lab.state()).backupJobs[0].runs[0];
    if (r?.end === null) await lab.advance(30_000);
    return r?.state;
  }, { timeout: 30_000, intervals: AT_ONCE }).toBe('success');
  const done = await time(lab);
  await lab.advance(30 * MIN);
  await page.evaluate((ms) => window.lab.seek(ms), done + 5 * MIN);
  await expect(page.getByRole('region', { name: 'In the past' })).toBeVisible();

  await page.getByRole('navigation', { name: 'VM panels' }).getByRole('button', { name: 'Backup jobs' }).click();
  await page.getByRole('region', { name: 'Backup jobs' }).getByRole('button', { name: /^Restore… APP01/ }).click();
  const dialog = page.getByRole('dialog', { name: 'Restore VM' });
  await expect(dialog.getByRole('note')).toContainText('OK also starts Branch 2 from this moment.');
  await dialog.getByRole('button', { name: 'OK' }).click();
  const branch = page.getByRole('combobox', { name: 'Branch' });
  await expect(branch.locator('option')).toHaveCount(2);
  await expect(branch.locator('option').last()).toHaveText(/^Branch 2 · APP01: restored from a backup/);
  await expect(page.getByRole('alertdialog', { name: 'Start a new branch?' })).toHaveCount(0);
});

test('Edit backup job, Edit backup proxy and VM settings in the past say that OK starts the branch, and ask once', async ({ page, lab }) => {
  expect(await lab.load({
    name: 'Settings in the past', seed: 9,
    hosts: [{ id: 'esx01', version: '5.0' }],
    datastores: [{ id: 'ds1', capacityGB: 200, fs: 'vmfs5', MBps: 300 }],
    vms: [{ id: 'app01', name: 'APP01', disks: [{ id: 'disk1', capacityGB: 20, usedGB: 2 }] }],
    backup: {
      proxies: [{ id: 'proxy01', transport: 'hotadd', MBps: 400 }],
      jobs: [{ id: 'nightly', name: 'Nightly backup', vms: ['app01'], proxy: 'proxy01' }],
    },
  })).toMatchObject({ ok: true });
  await lab.advance(10 * MIN);
  await lab.dispatch({ type: 'snapshot.take', vm: 'app01', name: 'later' });
  await lab.advance(10 * MIN);
  const seek = async (ms: number) => {
    await page.evaluate((at) => window.lab.seek(at), ms);
    await expect(page.getByRole('region', { name: 'In the past' })).toBeVisible();
  };
  const branch = page.getByRole('combobox', { name: 'Branch' });
  const question = page.getByRole('alertdialog', { name: 'Start a new branch?' });
  const nav = page.getByRole('navigation', { name: 'VM panels' });
  const jobs = page.getByRole('region', { name: 'Backup jobs' });

  // Edit job…: the note in the dialog, and its OK is the only answer.
  await seek(6 * MIN);
  await nav.getByRole('button', { name: 'Backup jobs' }).click();
  await jobs.getByRole('button', { name: 'Edit job…' }).click();
  const job = page.getByRole('dialog', { name: 'Edit backup job' });
  await expect(job.getByRole('note')).toHaveText('⟲ The lab shows its past: OK also starts Branch 2 from this moment. The old future is kept as Branch 1 · APP01: took snapshot later (day 1, 00:10).');
  await job.getByLabel('Restore points to keep').fill('3');
  await page.screenshot({ path: '/tmp/travel-edit-job.png' });
  expect(await axeFindings(page)).toEqual([]);
  await job.getByRole('button', { name: 'OK' }).click();
  await expect(branch.locator('option')).toHaveCount(2);
  await expect(question).toHaveCount(0);
  await expect.poll(async () => (await lab.state()).backupJobs[0].retainPoints).toBe(3);

  // Edit proxy…: Branch 3, one answer.
  await seek(4 * MIN);
  await jobs.getByRole('button', { name: 'Edit proxy… proxy01', exact: true }).click();
  const proxy = page.getByRole('dialog', { name: 'Edit backup proxy' });
  await expect(proxy.getByRole('note')).toContainText('OK also starts Branch 3 from this moment.');
  await proxy.getByRole('spinbutton', { name: 'Max concurrent tasks' }).fill('2');
  await proxy.getByRole('button', { name: 'OK' }).click();
  await expect(branch.locator('option')).toHaveCount(3);
  await expect(question).toHaveCount(0);
  await expect.poll(async () => (await lab.state()).backupJobs[0].proxy.slots).toBe(2);

  // The VM settings panel: the note beside its OK, Branch 4, one answer.
  await seek(2 * MIN);
  await lab.selectVm('APP01');
  await nav.getByRole('button', { name: 'VM settings' }).click();
  const settings = page.getByRole('region', { name: 'VM settings' });
  await expect(settings.getByRole('note')).toContainText('OK also starts Branch 4 from this moment.');
  await settings.getByLabel('Changed Block Tracking').check();
  await page.screenshot({ path: '/tmp/travel-vm-settings.png' });
  await settings.getByRole('button', { name: 'OK' }).click();
  await expect(branch.locator('option')).toHaveCount(4);
  await expect(question).toHaveCount(0);
  await expect.poll(async () => (await lab.state()).vms[0].ctkEnabled).toBe(true);

  // At the present (Branch 4's newest moment) none of them speaks of branches.
  await expect(page.getByRole('region', { name: 'In the past' })).toHaveCount(0);
  await expect(settings.getByLabel('Changed Block Tracking')).toBeChecked();
  await expect(settings.getByRole('note')).toHaveCount(0);
  await nav.getByRole('button', { name: 'Backup jobs' }).click();
  await jobs.getByRole('button', { name: 'Edit job…' }).click();
  await expect(job).toBeVisible();
  await expect(job.getByRole('note')).toHaveCount(0);
  await job.getByRole('button', { name: 'Cancel' }).click();
  await jobs.getByRole('button', { name: 'Edit proxy… proxy01', exact: true }).click();
  await expect(proxy).toBeVisible();
  await expect(proxy.getByRole('note')).toHaveCount(0);
  await proxy.getByRole('button', { name: 'Cancel' }).click();
});

test('console lines that only read answer in the past without a question; a line that changes the lab asks', async ({ page, lab }) => {
  await history(lab);
  await lab.selectVm('EXCH01');
  await clickHistory(page, 0.3);
  const sign = page.getByRole('region', { name: 'In the past' });
  await expect(sign).toBeVisible();
  const at = await time(lab);
  await page.getByRole('navigation', { name: 'VM panels' }).getByRole('button', { name: 'Guest console' }).click();
  const consoleRegion = page.getByRole('region', { name: 'Guest console' });
  const input = consoleRegion.getByRole('textbox', { name: 'Command for EXCH01' });
  const log = consoleRegion.getByRole('log');
  const question = page.getByRole('alertdialog', { name: 'Start a new branch?' });

  for (const [line, answer] of [['vssadmin list writers', "Writer name: 'Microsoft Exchange Writer'"], ['sc query MSExchangeIS', 'STATE              : 4  RUNNING'], ['eseutil /mh', 'State: Dirty Shutdown'], ['eventvwr application 3', 'Application']] as const) {
    await input.fill(line);
    await input.press('Enter');
    await expect(log).toContainText(`C:\\>${line}`);
    await expect(log).toContainText(answer);
    await expect(input).toHaveValue('');
  }
  // Each answer said where it came from; nothing was asked, recorded or branched.
  await expect(log.getByText(/Answered as the lab was then/)).toHaveCount(4);
  await expect(question).toHaveCount(0);
  await expect(page.getByRole('combobox', { name: 'Branch' })).toHaveCount(0);
  await expect(sign).toBeVisible();
  expect(await time(lab)).toBe(at);
  expect((await lab.state()).events.filter((e) => e.kind === 'guest.exec')).toHaveLength(0);
  await page.screenshot({ path: '/tmp/travel-console-past.png' });

  // Stopping a service changes the lab: the question comes, and Cancel leaves the store running.
  await input.fill('net stop MSExchangeIS');
  await input.press('Enter');
  await expect(question).toBeVisible();
  await question.getByRole('button', { name: 'Cancel' }).click();
  await expect(log).toContainText('Cancelled: nothing changed');
  await expect(page.getByRole('combobox', { name: 'Branch' })).toHaveCount(0);
});

test('scripts change the past without a question (window.lab), as docs/scripting.md says', async ({ page, lab }) => {
  await history(lab);
  await page.evaluate((ms) => window.lab.seek(ms), 5 * MIN);
  await expect(page.getByRole('region', { name: 'In the past' })).toBeVisible();
  // The page's own path would hold this answer until the question was answered.
  expect((await lab.dispatch({ type: 'vm.powerOff', vm: 'web01' })).ok).toBe(true);
  await expect(page.getByRole('alertdialog', { name: 'Start a new branch?' })).toHaveCount(0);
  await expect(page.getByRole('combobox', { name: 'Branch' }).locator('option')).toHaveCount(2);
  await expect(page.getByRole('combobox', { name: 'Branch' })).toContainText('Branch 2 · WEB01: powered off (day 1, 00:05)');
});

test('Compare branches draws each branch in its own colour and dash, with a key naming both', async ({ page, lab }) => {
  await history(lab);
  await page.evaluate((ms) => window.lab.seek(ms), 5 * MIN);
  await lab.dispatch({ type: 'guest.write', vm: 'exch01', disk: 'disk1', offset: 0, length: 2 * 1024 ** 3 });
  await lab.advance(15 * MIN);

  await page.getByRole('button', { name: 'Compare branches' }).click();
  const dialog = page.getByRole('dialog', { name: 'Compare branches' });
  const figure = dialog.getByRole('figure').first();
  const lines = figure.locator('.recharts-line-curve');
  await expect(lines).toHaveCount(2);
  const look = await lines.evaluateAll((ls) => ls.map((l) => [l.getAttribute('stroke'), l.getAttribute('stroke-dasharray') ?? 'solid']));
  expect(look[0][0]).not.toBe(look[1][0]);
  expect(look[0][1]).not.toBe(look[1][1]);
  // Each line carries markers of its own shape.
  await expect(figure.locator('.recharts-line-dots circle').first()).toBeVisible();
  await expect(figure.locator('.recharts-line-dots rect').first()).toBeVisible();
  const key = figure.getByRole('list', { name: 'Key' });
  await expect(key.getByRole('listitem')).toHaveText([
    'First: Branch 2 · EXCH01: the guest wrote 2.00 GB (day 1, 00:05)',
    'Second: Branch 1 · EXCH01: deleted before-patch (day 1, 00:10)',
  ]);
  await page.screenshot({ path: '/tmp/travel-compare.png' });
});

test('the sign and the question read in the dark theme too (axe)', async ({ page, lab }) => {
  await history(lab);
  await page.getByRole('button', { name: 'Dark theme' }).click();
  await clickHistory(page, 0.3);
  await expect(page.getByRole('region', { name: 'In the past' })).toBeVisible();
  await page.getByRole('region', { name: 'Inventory' }).getByRole('button', { name: /^WEB01\b/ }).click();
  await page.getByRole('button', { name: 'Power Off' }).click();
  await expect(page.getByRole('alertdialog', { name: 'Start a new branch?' })).toBeVisible();
  expect(await axeFindings(page)).toEqual([]);
  await page.getByRole('alertdialog', { name: 'Start a new branch?' }).getByRole('button', { name: 'Cancel' }).click();
  expect((await lab.state()).vms.find((v) => v.id === 'web01')!.power).toBe('poweredOn');
});
