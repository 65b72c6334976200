// Walkthroughs: scripted sessions that are tests in CI and, run with `npm run walkthroughs`, leave a
// screenshot per step in walkthrough-shots/<walkthrough>/NN-<step>.png, 16:9 and ready for slides.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { test as base, expect, LabDriver, AT_ONCE } from '../fixtures';
import type { Page } from '@playwright/test';
import { expectLearnerText } from './learnerText';

/** Where shots go: $WALKTHROUGH_SHOTS, or walkthrough-shots/ under `npm run walkthroughs`; none in CI. */
export const SHOTS_DIR = process.env.WALKTHROUGH_SHOTS
  ?? (process.env.npm_lifecycle_event === 'walkthroughs' ? 'walkthrough-shots' : undefined);

const slug = (s: string) => s.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');

export class Walkthrough {
  private n = 0;
  constructor(private readonly page: Page, private readonly name: string) {}

  /** One step: run it as a Playwright step, check the page speaks the learner's words, then
   *  photograph the page as the step left it. */
  async step(title: string, body: () => Promise<void>): Promise<void> {
    await base.step(title, body);
    await base.step(`${title}: the page's words`, () => expectLearnerText(this.page));
    if (!SHOTS_DIR) return;
    const dir = join(SHOTS_DIR, slug(this.name));
    mkdirSync(dir, { recursive: true });
    this.n++;
    // Let the last state post and the charts' animation settle, so the shot shows the step's result.
    await this.page.waitForTimeout(400);
    await this.page.screenshot({ path: join(dir, `${String(this.n).padStart(2, '0')}-${slug(title)}.png`) });
  }
}

export const test = base.extend<{ walk: Walkthrough }>({
  walk: async ({ page }, provide, info) => {
    await page.setViewportSize({ width: 1280, height: 720 });
    await provide(new Walkthrough(page, info.title));
  },
});

/** Type a command into the guest console, as a learner would, and wait for its answer. */
export async function typeInConsole(page: Page, vmName: string, command: string): Promise<void> {
  const region = page.getByRole('region', { name: 'Guest console' });
  const input = region.getByRole('textbox', { name: `Command for ${vmName}` });
  await input.fill(command);
  await input.press('Enter');
  await expect(region.getByRole('log')).toContainText(`C:\\>${command}`);
  await expect(input).toHaveValue('');
}

/** "cls": a clean console for the next shot. */
export async function clearConsole(page: Page, vmName: string): Promise<void> {
  const region = page.getByRole('region', { name: 'Guest console' });
  await region.getByRole('textbox', { name: `Command for ${vmName}` }).fill('cls');
  await region.getByRole('textbox', { name: `Command for ${vmName}` }).press('Enter');
  await expect(region.getByRole('log')).not.toContainText('C:\\>');
}

/** Advance simulated time in steps, so the page keeps up as it would while playing. */
export async function advanceBy(lab: LabDriver, ms: number, step = 10_000): Promise<void> {
  for (let done = 0; done < ms; done += step) await lab.advance(Math.min(step, ms - done));
}

export { expect, AT_ONCE };
