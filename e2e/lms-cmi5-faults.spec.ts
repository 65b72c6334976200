// The cmi5 package against a cross-origin LRS that fails (e2e/lms/cmi5Course.ts): a saved lab that
// cannot be read at launch, a completed statement refused and later accepted (in the same launch or
// the next), an LRS that never answers, a token address that never answers. Nothing is lost, nothing
// is claimed before the LRS accepted it, and the page never hangs.
import { test, expect, type Page } from '@playwright/test';
import { decodeSuspendData } from '../src/app/lms/suspendData';
import { getLesson } from '../src/lessons';
import { openCmi5Course, type Cmi5Course } from './lms/cmi5Course';

test.use({ ignoreHTTPSErrors: true }); // the test LRS's certificate is self-signed

let course: Cmi5Course;
test.beforeEach(async () => { course = await openCmi5Course(); });
test.afterEach(() => course.close());

const line = (page: Page) => page.getByRole('region', { name: 'Learning platform' });
const savedDoc = () => JSON.parse(course.lrs.state.get('snaplab.session') ?? '{}') as { session?: string; completed?: boolean };
const savedTime = async () => {
  const text = savedDoc().session;
  const decoded = text ? await decodeSuspendData(text) : null;
  return decoded?.ok ? decoded.session.time : -1;
};
const savedSnapshots = async () => {
  const text = savedDoc().session;
  const decoded = text ? await decodeSuspendData(text) : null;
  return decoded?.ok ? decoded.session.commands.map((c) => (c.command as { name?: string }).name) : [];
};

async function solve(page: Page): Promise<void> {
  for (const step of getLesson('first-snapshot')!.solution) {
    expect((await page.evaluate((c) => window.lab.dispatch(c), step.command as unknown as Record<string, unknown>)).ok).toBe(true);
  }
}

test('cmi5: when the saved lab cannot be read at launch, nothing opens and nothing is written over it; Retry brings it back', async ({ page }) => {
  const { lrs } = course;
  await course.launch(page);
  await page.evaluate(() => window.lab.dispatch({ type: 'snapshot.take', vm: 'exch01', name: 'keep me' }));
  await page.evaluate(() => window.lab.advance(5_000));
  await expect.poll(savedTime).toBe(5_000);
  await page.goto('about:blank');
  await expect.poll(savedSnapshots).toEqual(['keep me']);
  const kept = lrs.state.get('snaplab.session');

  lrs.relaunch('session-2');
  lrs.fault = (r) => (r.method === 'GET' && r.stateId === 'snaplab.session' ? 500 : null);
  await course.launch(page, false);
  await expect(page.getByRole('alert')).toContainText('Your saved lab could not be read from your learning platform: The LRS did not give the snaplab.session document (HTTP 500).');
  await expect(line(page)).toContainText('The lesson is not open');
  // No lab is shown while the learner's is missing: not the workshop, not a fresh lesson.
  await expect(page.getByRole('main', { name: 'Virtual machine' })).toBeHidden();
  const writes = lrs.stateWrites();
  lrs.fault = null;
  await line(page).getByRole('button', { name: 'Retry' }).click();
  await page.evaluate(() => window.lab.ready);
  await expect(page.getByRole('main', { name: 'Virtual machine' })).toBeVisible();
  const state = await page.evaluate(() => window.lab.state());
  expect(state.vms.find((v) => v.id === 'exch01')!.snapshots.map((s) => s.name)).toEqual(['keep me']);
  expect(lrs.stateWrites()).toBe(writes);
  expect(lrs.state.get('snaplab.session')).toBe(kept);
  await page.goto('about:blank');
  await expect.poll(() => lrs.verbs().filter((v) => v === 'terminated')).toHaveLength(2);
  expect(await savedSnapshots()).toEqual(['keep me']);
  expect(lrs.problems()).toEqual([]);
});

test('cmi5: completed answered 500 waits and is retried until accepted; the page and the state document say completed only then', async ({ page }) => {
  const { lrs } = course;
  let refusals = 2;
  lrs.fault = (r) => (r.verbs.includes('completed') && refusals-- > 0 ? 500 : null);
  await course.launch(page);
  await expect(line(page)).toContainText('cmi5): incomplete.');
  await solve(page);
  await expect(line(page)).toContainText('Waiting to send progress… The LRS refused the "completed" statement (HTTP 500).');
  await expect(line(page)).toContainText('cmi5): incomplete.');
  expect(savedDoc().completed).toBeUndefined();
  // Retried after 1 s, then 2 s: accepted the third time.
  await expect(line(page)).toContainText('cmi5): completed.');
  expect(lrs.verbs()).toEqual(['initialized', 'completed']);
  await expect(line(page)).toContainText('Saved on your learning platform.');
  expect(savedDoc().completed).toBe(true);
  expect(lrs.log.filter((r) => r.verbs.includes('completed')).map((r) => r.status)).toEqual([500, 500, 200]);
  expect(lrs.problems()).toEqual([]);
});

test('cmi5: completed refused for the whole launch is kept in the browser and delivered first at the next launch', async ({ page }) => {
  const { lrs } = course;
  lrs.fault = (r) => (r.verbs.includes('completed') ? 500 : null);
  await course.launch(page);
  await solve(page);
  await expect(line(page)).toContainText('Waiting to send progress…');
  await page.goto('about:blank');
  // At close, completed and terminated left together with keepalive; the LRS refused them.
  await expect.poll(() => lrs.log.some((r) => r.verbs.join().endsWith('completed,terminated'))).toBe(true);
  expect(lrs.verbs()).toEqual(['initialized']);
  expect(savedDoc().completed).toBeUndefined();

  lrs.fault = null;
  lrs.relaunch('session-2');
  await course.launch(page);
  await expect.poll(() => lrs.verbs()).toEqual(['initialized', 'completed', 'terminated', 'initialized']);
  await expect(line(page)).toContainText('cmi5): completed.');
  await expect(line(page)).toContainText('Saved on your learning platform.');
  await expect.poll(() => savedDoc().completed).toBe(true);
  expect(lrs.problems()).toEqual([]);
});

test('cmi5: an LRS that never answers: the page says so in time, and Exit still goes to the return address at once', async ({ page }) => {
  const { lrs } = course;
  lrs.relaunch('session-1', { returnURL: `${course.server.base}returned.html` });
  lrs.fault = (r) => (r.path === '/xapi/statements' ? 'hang' : null);
  await course.launch(page);
  await expect(line(page)).toContainText('Waiting to send progress… The learning platform did not answer the "initialized" statement within 10 s.', { timeout: 25_000 });
  const clicked = Date.now();
  await line(page).getByRole('button', { name: 'Exit lesson' }).click();
  await expect(page).toHaveURL(`${course.server.base}returned.html`, { timeout: 5_000 });
  expect(Date.now() - clicked).toBeLessThan(5_000);
});

test('cmi5: a token address that never answers: the lesson opens in time and the page says why it is not reported', async ({ page }) => {
  course.lrs.fault = (r) => (r.path === '/fetch' ? 'hang' : null);
  await course.launch(page, false);
  // While it connects, no lab is shown (not the workshop, not a fresh lesson).
  await expect(line(page)).toContainText('Connecting to your learning platform (cmi5)…');
  await expect(page.getByRole('main', { name: 'Virtual machine' })).toBeHidden();
  await page.evaluate(() => window.lab.ready);
  await expect(page.getByRole('alert')).toContainText('did not answer the token request within 10 s');
  await expect(page.getByRole('main', { name: 'Virtual machine' })).toBeVisible();
  expect((await page.evaluate(() => window.lab.state())).lesson?.id).toBe('first-snapshot');
});
