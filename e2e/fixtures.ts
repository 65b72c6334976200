// A typed Playwright fixture that drives the lab through window.lab (docs/scripting.md), the same
// API walkthroughs use. Each test gets a fresh browser context, so a fresh autosave.
import { test as base, expect, type Page } from '@playwright/test';
import type { CommandResult, StateView } from '../src/engine/core/view';
import type { ClockAnswer, LoadAnswer, LoadOptions } from '../src/worker/protocol';

export class LabDriver {
  constructor(readonly page: Page) {}

  async open(): Promise<void> {
    await this.page.goto('./');
    await this.page.evaluate(() => window.lab.ready);
  }
  load(source: unknown, options?: LoadOptions): Promise<LoadAnswer> {
    return this.page.evaluate(([s, o]) => window.lab.load(s, o as LoadOptions | undefined), [source, options] as const);
  }
  dispatch(command: Record<string, unknown>): Promise<CommandResult> {
    return this.page.evaluate((c) => window.lab.dispatch(c), command);
  }
  advance(ms: number): Promise<CommandResult> {
    return this.page.evaluate((m) => window.lab.advance(m), ms);
  }
  state(): Promise<StateView> {
    return this.page.evaluate(() => window.lab.state());
  }
  play(speed?: number): Promise<ClockAnswer> {
    return this.page.evaluate((s) => window.lab.play(s), speed);
  }
  pause(): Promise<ClockAnswer> {
    return this.page.evaluate(() => window.lab.pause());
  }
  /** Select a VM in the inventory by its name. */
  async selectVm(name: string): Promise<void> {
    await this.page.getByRole('region', { name: 'Inventory' }).getByRole('button', { name: new RegExp(`^${name}\\b`) }).click();
  }
}

export const test = base.extend<{ lab: LabDriver }>({
  lab: async ({ page }, provide) => {
    const lab = new LabDriver(page);
    await lab.open();
    await provide(lab);
  },
});

export { expect };

/**
 * expect.poll intervals for a poll that moves the lab's (paused) clock itself: poll again at once.
 * The default waits up to a second of real time between tries, which changes nothing in the lab.
 */
export const AT_ONCE = [0];

/** The learner's autosave as IndexedDB holds it: the session of the newest learner's slot (one per tab). */
export function savedSession(page: Page): Promise<unknown> {
  return page.evaluate(() => new Promise((resolve, reject) => {
    const r = indexedDB.open('snaplab');
    r.onerror = () => reject(r.error);
    r.onsuccess = () => {
      const db = r.result;
      if (!db.objectStoreNames.contains('sessions')) { db.close(); resolve(undefined); return; }
      const all = db.transaction('sessions').objectStore('sessions').getAll();
      all.onsuccess = () => {
        type Saved = { kind?: string; savedAt?: number; session?: unknown; format?: string };
        const learner = (all.result as Saved[]).filter((x) => x.format === undefined && x.kind === 'learner')
          .sort((a, b) => (b.savedAt ?? 0) - (a.savedAt ?? 0));
        resolve(learner[0]?.session);
        db.close();
      };
      all.onerror = () => reject(all.error);
    };
  }));
}

/** A small lab whose datastore fills up as soon as the VM writes a few GB after a snapshot. */
export const fullDatastoreLab = {
  name: 'Full datastore',
  hosts: [{ id: 'esx01', version: '4.0' }],
  datastores: [{ id: 'ds1', capacityGB: 46 }],
  vms: [{ id: 'vm1', name: 'APP01', memoryMB: 256, disks: [{ id: 'disk1', capacityGB: 40 }] }],
};
