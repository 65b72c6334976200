// A learner's hands on the page: every action here is a click, a key press or typing into a control,
// found by its accessible name. Nothing calls window.lab or posts a message; the page is only read.
import { expect, type Locator, type Page } from '@playwright/test';
import { stopOf } from '../../src/app/clockFace';

export interface TakeOptions { memory?: boolean; quiesce?: boolean; description?: string }

export class Hands {
  readonly lesson: Locator;
  readonly tree: Locator;
  readonly objectives: Locator;

  constructor(readonly page: Page) {
    this.lesson = page.getByRole('region', { name: 'Lesson' });
    this.tree = page.getByRole('region', { name: 'Snapshot tree' });
    this.objectives = this.lesson.getByRole('region', { name: 'Objectives' });
  }

  /** Open a built-in lesson from the course list. */
  async openLesson(title: string): Promise<void> {
    await this.page.goto('./');
    const course = this.lesson.getByRole('button', { name: 'Course', exact: true });
    if (await course.isVisible()) await course.click();
    await this.lesson.getByRole('button', { name: new RegExp(`^[○✓]?\\s*${escape(title)}`) }).click();
    await expect(this.lesson.getByRole('heading', { name: title, exact: true })).toBeVisible();
    await expect(this.objectives).toContainText(/0 of \d+ met/);
  }

  objective(id: string): Locator {
    return this.objectives.locator(`[data-objective="${id}"]`);
  }

  async expectMet(id: string, timeout = 30_000): Promise<void> {
    await expect(this.objective(id)).toHaveClass(/done/, { timeout });
  }

  async expectComplete(): Promise<void> {
    await expect(this.lesson.getByRole('status').filter({ hasText: 'Lesson complete.' })).toBeVisible();
  }

  async selectVm(name: string): Promise<void> {
    await this.page.getByRole('region', { name: 'Inventory' }).getByRole('button', { name: new RegExp(`^${name}\\b`) }).click();
    await expect(this.page.getByRole('heading', { name, exact: true })).toBeVisible();
  }

  // ---- time: the page's own Play, speed slider and Step ----

  /** Set the speed with the slider's keys: one stop per arrow key (the stop nearest `speed`). */
  async setSpeed(speed: number): Promise<void> {
    const slider = this.page.getByRole('slider', { name: 'Speed' });
    const target = stopOf(speed);
    const now = Number(await slider.inputValue());
    if (now === target) return;
    await slider.focus();
    const key = target > now ? 'ArrowRight' : 'ArrowLeft';
    for (let i = 0; i < Math.abs(target - now); i++) await slider.press(key);
    await expect(slider).toHaveValue(String(target));
  }

  async play(speed?: number): Promise<void> {
    if (speed !== undefined) await this.setSpeed(speed);
    const play = this.page.getByRole('button', { name: 'Play', exact: true });
    if (await play.isVisible()) await play.click();
    await expect(this.page.getByRole('button', { name: 'Pause', exact: true })).toBeVisible();
  }

  async pause(): Promise<void> {
    const pause = this.page.getByRole('button', { name: 'Pause', exact: true });
    const play = this.page.getByRole('button', { name: 'Play', exact: true });
    // A busy worker answers late: press again until the page shows the clock paused.
    await expect(async () => {
      if (await pause.isVisible()) await pause.click();
      await expect(play).toBeVisible({ timeout: 5_000 });
    }).toPass({ timeout: 30_000 });
  }

  /** Play at `speed` until `done` holds, then pause. */
  async playUntil(speed: number, done: () => Promise<void>): Promise<void> {
    await this.play(speed);
    await done();
    await this.pause();
  }

  /** The lab's clock as the page shows it, in simulated ms (whole seconds). */
  async labTime(): Promise<number> {
    const label = (await this.page.getByRole('timer').first().getAttribute('aria-label')) ?? '';
    const m = /(?:day (\d+), )?(\d+):(\d+):(\d+)/.exec(label);
    if (!m) throw new Error(`the lab clock reads "${label}"`);
    return ((Number(m[1] ?? 1) - 1) * 86_400 + Number(m[2]) * 3600 + Number(m[3]) * 60 + Number(m[4])) * 1000;
  }

  /** Play at `speed` until the lab's clock has moved on by at least `ms`. */
  async playFor(ms: number, speed: number): Promise<void> {
    const until = (await this.labTime()) + ms;
    await this.playUntil(speed, () => expect.poll(() => this.labTime(), { timeout: 120_000 }).toBeGreaterThanOrEqual(until));
  }

  /** Play until an objective is met. */
  async playUntilMet(id: string, speed = 100, timeout = 60_000): Promise<void> {
    await this.playUntil(speed, () => this.expectMet(id, timeout));
  }

  /** Play until the newest task named `name` has ended (Completed or an error). */
  async playUntilTaskEnds(name: RegExp, speed = 100): Promise<void> {
    await this.playUntil(speed, () => expect(this.taskRow(name)).toContainText(/Completed|error|failed|Error/i, { timeout: 60_000 }));
  }

  taskRow(name: RegExp): Locator {
    return this.page.getByRole('region', { name: 'Recent Tasks' }).getByRole('row', { name }).first();
  }

  // ---- snapshots ----

  /** Take Snapshot...: with a name typed in, or (without one) the name the dialog offers, by Enter. */
  async takeSnapshot(name?: string, o: TakeOptions = {}): Promise<void> {
    await this.tree.getByRole('button', { name: 'Take Snapshot...' }).click();
    const dialog = this.page.getByRole('dialog', { name: /Take Virtual Machine Snapshot/ });
    if (name === undefined) {
      await expect(dialog.getByLabel('Name')).toBeFocused();
      await this.page.keyboard.press('Enter');
      await expect(dialog).toHaveCount(0);
      return;
    }
    await dialog.getByLabel('Name').fill(name);
    if (o.description) await dialog.getByLabel('Description').fill(o.description);
    if (o.memory) await dialog.getByLabel("Snapshot the virtual machine's memory").check();
    if (o.quiesce) await dialog.getByLabel('Quiesce guest file system (Needs VMware Tools installed)').check();
    await dialog.getByRole('button', { name: 'OK' }).click();
    await expect(dialog).toHaveCount(0);
  }

  /** Select a snapshot's card in the tree from the keyboard (focus, Enter). */
  async selectSnapshotByKeyboard(name: string): Promise<void> {
    await this.tree.getByRole('button', { name: new RegExp(`Snapshot ${escape(name)}`) }).focus();
    await this.page.keyboard.press('Enter');
    await expect(this.tree.getByRole('button', { name: 'Delete Snapshot' })).toBeEnabled();
  }

  /** Open Snapshot Manager, select a snapshot and use one of its buttons, then confirm with Yes. */
  private async inManager(snapshot: string, action: 'Revert to Snapshot' | 'Delete Snapshot', confirm: string): Promise<void> {
    await this.tree.getByRole('button', { name: 'Snapshot Manager' }).click();
    const manager = this.page.getByRole('dialog', { name: /^Snapshot Manager/ });
    await manager.getByRole('treeitem', { name: snapshot, exact: true }).click();
    await manager.getByRole('button', { name: action }).click();
    await this.page.getByRole('alertdialog', { name: confirm }).getByRole('button', { name: 'Yes' }).click();
    if (await manager.isVisible()) await manager.getByRole('button', { name: 'Close' }).last().click();
    await expect(manager).toHaveCount(0);
  }

  revert(snapshot: string): Promise<void> {
    return this.inManager(snapshot, 'Revert to Snapshot', 'Confirm Revert to Snapshot');
  }

  deleteSnapshot(snapshot: string): Promise<void> {
    return this.inManager(snapshot, 'Delete Snapshot', 'Confirm Delete');
  }

  async deleteAll(): Promise<void> {
    await this.tree.getByRole('button', { name: 'Delete All' }).click();
    await this.page.getByRole('alertdialog', { name: 'Confirm Delete All' }).getByRole('button', { name: 'Yes' }).click();
  }

  async consolidate(): Promise<void> {
    await this.tree.getByRole('button', { name: 'Consolidate' }).click();
  }

  async power(action: 'Power On' | 'Power Off'): Promise<void> {
    const group = this.page.getByRole('group', { name: 'Power' });
    await group.getByRole('button', { name: action, exact: true }).click();
  }

  // ---- the guest ----

  /** Type a command into the guest console and wait for its answer. */
  async console(vm: string, command: string, expected?: RegExp): Promise<void> {
    const region = this.page.getByRole('region', { name: 'Guest console' });
    const log = region.getByRole('log');
    const before = await log.locator('pre').count();
    const input = region.getByLabel(`Command for ${vm}`);
    await input.fill(command);
    await input.press('Enter');
    await expect(log.locator('pre')).toHaveCount(before + 2);
    if (expected) await expect(log.locator('pre').last()).toContainText(expected);
  }

  guest(): Locator {
    return this.page.getByRole('region', { name: 'Guest console' }).getByRole('group', { name: /^Guest activity/ });
  }

  async writeToDisk(disk: RegExp, mb: number, atGB: number): Promise<void> {
    const form = this.guest().getByRole('form', { name: 'Write to a disk' });
    await form.getByLabel('Disk').selectOption({ label: (await form.getByLabel('Disk').locator('option').allTextContents()).find((t) => disk.test(t))! });
    await form.getByLabel('Amount (MB)').fill(String(mb));
    await form.getByLabel('At (GB from the start)').fill(String(atGB));
    await form.getByRole('button', { name: 'Write' }).click();
  }

  async setWorkloadIops(iops: number): Promise<void> {
    const form = this.guest().getByRole('form', { name: 'Workload' });
    await form.getByLabel('Write IOPS').fill(String(iops));
    await form.getByRole('button', { name: 'Apply workload' }).click();
  }

  async guestBackup(type: 'Full' | 'Copy' | 'Incremental' | 'Differential' | 'Log'): Promise<void> {
    const form = this.guest().getByRole('form', { name: 'Backup application in the guest' });
    await form.getByLabel('Backup type').selectOption({ label: type });
    await form.getByRole('button', { name: 'Start backup' }).click();
  }

  // ---- Break something ----

  async injectFault(kind: string, fields: Record<string, string> = {}, once = false): Promise<void> {
    const region = this.page.getByRole('region', { name: 'Break something' });
    await region.getByRole('combobox', { name: /^Fault/ }).selectOption({ label: kind });
    for (const [label, value] of Object.entries(fields)) await region.getByRole('combobox', { name: new RegExp(`^${label}`) }).selectOption({ label: value });
    const onlyOnce = region.getByLabel('Only once');
    if (once) await onlyOnce.check(); else await onlyOnce.uncheck();
    await region.getByRole('button', { name: 'Inject fault' }).click();
    await expect(region.getByRole('list', { name: 'Active faults' })).toBeVisible();
  }

  async clearFaults(): Promise<void> {
    const region = this.page.getByRole('region', { name: 'Break something' });
    await region.getByRole('button', { name: 'Clear all faults' }).click();
    await expect(region.getByRole('list', { name: 'Active faults' })).toHaveCount(0);
  }

  // ---- settings ----

  vmSettings(): Locator {
    return this.page.getByRole('region', { name: 'VM settings' });
  }

  /** Change VM settings with `edit`, then OK; waits until the form shows no pending change. */
  async configureVm(edit: (settings: Locator) => Promise<unknown>): Promise<void> {
    const settings = this.vmSettings();
    await edit(settings);
    const ok = settings.getByRole('button', { name: 'OK' });
    await ok.click();
    await expect(ok).toBeDisabled();
  }

  async hostSettings(host: string, version: string): Promise<void> {
    const inventory = this.page.getByRole('region', { name: 'Inventory' });
    const row = inventory.getByRole('button', { name: new RegExp(`^${host}\\b`) });
    if ((await row.getAttribute('aria-expanded')) !== 'true') await row.click();
    await inventory.getByRole('group', { name: `Host ${host}` }).getByRole('button', { name: 'Host settings…' }).click();
    const dialog = this.page.getByRole('dialog', { name: 'Host settings' });
    await dialog.getByRole('combobox', { name: 'Version' }).selectOption({ label: version });
    await dialog.getByRole('button', { name: 'OK' }).click();
    await expect(dialog).toHaveCount(0);
    await expect(row).toContainText(version.replace(/^ESX /, '').replace(/ Update (\d+)$/, 'u$1'));
  }

  job(name: string): Locator {
    return this.page.getByRole('region', { name: 'Backup jobs' }).getByRole('article', { name });
  }

  async runJobNow(name = 'Nightly backup'): Promise<void> {
    const run = this.job(name).getByRole('button', { name: 'Run now' });
    await run.click();
    await expect(this.job(name).getByRole('button', { name: 'Running…' })).toBeVisible();
  }

  /** Open "Edit job…", change it with `edit`, then OK. */
  async editJob(name: string, edit: (dialog: Locator) => Promise<void>): Promise<void> {
    await this.job(name).getByRole('button', { name: 'Edit job…' }).click();
    const dialog = this.page.getByRole('dialog', { name: 'Edit backup job' });
    await edit(dialog);
    await dialog.getByRole('button', { name: 'OK' }).click();
    await expect(dialog).toHaveCount(0);
  }

  async increaseDatastore(gb: number): Promise<void> {
    await this.page.getByRole('region', { name: 'Datastore' }).getByRole('button', { name: 'Increase…' }).click();
    const dialog = this.page.getByRole('dialog', { name: 'Increase Datastore Capacity' });
    await dialog.getByLabel('New capacity (GB)').fill(String(gb));
    await dialog.getByRole('button', { name: 'OK' }).click();
    await expect(dialog).toHaveCount(0);
  }

  question(vm: string): Locator {
    return this.page.getByRole('alertdialog', { name: new RegExp(`Virtual Machine Message - ${vm}`) });
  }
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
