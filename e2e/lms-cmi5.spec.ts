// The cmi5 package, launched as a cmi5 platform would: unzipped onto a plain file server that also
// plays the platform (fetch URL, LRS), the AU for "first-snapshot" opened at the URL cmi5.xml gives
// with the launch parameters added. The lesson is completed through window.lab; the page then closes.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test, expect, type Page } from '@playwright/test';
import { getLesson } from '../src/lessons';
import { servePackage, unpack, type PackageServer } from './lms/coursePackage';
import { ACTOR, MockLrs, SESSION_ID_EXT } from './lms/mockLrs';

const REGISTRATION = 'b3c1c5f4-0a3e-4c1e-9a57-6b2f2c9d7e11';
const CMI5 = 'https://w3id.org/xapi/cmi5/context/categories/cmi5';
const MOVEON = 'https://w3id.org/xapi/cmi5/context/categories/moveon';

let server: PackageServer;
let lrs: MockLrs;
let auUrl = '';
let activityId = '';
test.beforeAll(async () => {
  const dir = unpack('snaplab-cmi5.zip');
  const structure = readFileSync(join(dir, 'cmi5.xml'), 'utf8');
  const au = /<au id="([^"]+:first-snapshot)"[\s\S]*?<url>([^<]+)<\/url>/.exec(structure)!;
  activityId = au[1];
  auUrl = au[2].replace(/&amp;/g, '&');
  lrs = new MockLrs(activityId, REGISTRATION, 'session-1');
  server = await servePackage(dir, lrs.handle);
});
test.afterAll(() => server.close());

async function launch(page: Page): Promise<void> {
  const q = new URLSearchParams({ endpoint: `${server.base}lrs/`, fetch: `${server.base}fetch`, actor: JSON.stringify(ACTOR), registration: REGISTRATION, activityId });
  await page.goto(`${server.base}course/${auUrl}&${q}`);
  await page.evaluate(() => window.lab.ready);
}

test('cmi5: initialized, completed and terminated, in order, with the registration and the context template; a relaunch resumes', async ({ page }) => {
  expect(auUrl).toBe('index.html?lesson=first-snapshot&lms=cmi5');
  await launch(page);
  await expect.poll(() => lrs.verbs()).toEqual(['initialized']);
  await expect(page.getByRole('region', { name: 'Learning platform' })).toContainText('cmi5');

  for (const step of getLesson('first-snapshot')!.solution) {
    expect((await page.evaluate((c) => window.lab.dispatch(c), step.command as unknown as Record<string, unknown>)).ok).toBe(true);
  }
  await expect.poll(() => lrs.verbs()).toEqual(['initialized', 'completed']);
  await expect(page.getByRole('region', { name: 'Learning platform' })).toContainText('completed');
  const before = await page.evaluate(() => window.lab.state());

  await page.goto('about:blank'); // the learner closes the lesson: page hide sends terminated
  await expect.poll(() => lrs.verbs()).toEqual(['initialized', 'completed', 'terminated']);
  const [init, completed, terminated] = lrs.statements;
  expect(init.verb.id).toBe('http://adlnet.gov/expapi/verbs/initialized');
  expect(completed.verb.id).toBe('http://adlnet.gov/expapi/verbs/completed');
  expect(terminated.verb.id).toBe('http://adlnet.gov/expapi/verbs/terminated');
  for (const s of lrs.statements) {
    expect(s.object.id).toBe(activityId);
    expect(s.context.registration).toBe(REGISTRATION);
    expect(s.context.extensions?.[SESSION_ID_EXT]).toBe('session-1');
    expect(s.context.contextActivities?.grouping).toEqual([{ id: activityId }]);
    expect(s.context.contextActivities?.category).toContainEqual({ id: CMI5 });
  }
  expect(completed.context.contextActivities?.category).toContainEqual({ id: MOVEON });
  expect(completed.result).toMatchObject({ completion: true });
  expect(terminated.result?.duration).toMatch(/^PT[\d.]+S$/);
  expect(lrs.unauthorized).toBe(0);
  expect(lrs.preferenceReads).toBe(1);

  // Relaunch: a new session of the same registration resumes the lab and does not complete again.
  // This time the platform gives a returnURL: Exit lesson sends terminated and goes back there.
  lrs.relaunch('session-2', { returnURL: `${server.base}returned.html` });
  await launch(page);
  const after = await page.evaluate(() => window.lab.state());
  expect(after.time).toBe(before.time);
  expect(after.lesson?.complete).toBe(true);
  await expect.poll(() => lrs.verbs()).toEqual(['initialized', 'completed', 'terminated', 'initialized']);
  await page.getByRole('region', { name: 'Learning platform' }).getByRole('button', { name: 'Exit lesson' }).click();
  await expect(page).toHaveURL(`${server.base}returned.html`);
  expect(lrs.verbs().slice(3)).toEqual(['initialized', 'terminated']);
  expect(lrs.statements[4].context.extensions?.[SESSION_ID_EXT]).toBe('session-2');
});
