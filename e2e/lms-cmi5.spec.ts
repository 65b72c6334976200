// The cmi5 package, launched as a cmi5 platform would (e2e/lms/cmi5Course.ts): the lesson on the
// LMS's origin, the LRS on another origin over HTTPS (CORS preflights included), every statement
// validated as xAPI and against cmi5's rules. The lesson is completed through window.lab; the page
// then closes, and terminated must still reach the LRS.
import { test, expect } from '@playwright/test';
import { decodeSuspendData } from '../src/app/lms/suspendData';
import { getLesson } from '../src/lessons';
import { openCmi5Course, REGISTRATION, type Cmi5Course } from './lms/cmi5Course';
import { CMI5_CATEGORY, MOVEON_CATEGORY, SESSION_ID_EXT } from './lms/cmi5Rules';

test.use({ ignoreHTTPSErrors: true }); // the test LRS's certificate is self-signed

let course: Cmi5Course;
test.beforeEach(async () => { course = await openCmi5Course(); });
test.afterEach(() => course.close());

test('cmi5: initialized, completed and terminated reach the cross-origin LRS, valid and in order; a relaunch resumes; Exit returns', async ({ page }) => {
  const { lrs, activityId } = course;
  expect(course.auUrl).toBe('index.html?lesson=first-snapshot&lms=cmi5');
  await course.launch(page);
  await expect.poll(() => lrs.verbs()).toEqual(['initialized']);
  const line = page.getByRole('region', { name: 'Learning platform' });
  await expect(line).toContainText('cmi5): incomplete.');
  await expect(line).toContainText('Saved on your learning platform.');

  for (const step of getLesson('first-snapshot')!.solution) {
    expect((await page.evaluate((c) => window.lab.dispatch(c), step.command as unknown as Record<string, unknown>)).ok).toBe(true);
  }
  await expect.poll(() => lrs.verbs()).toEqual(['initialized', 'completed']);
  await expect(line).toContainText('cmi5): completed.');
  await expect.poll(() => JSON.parse(lrs.state.get('snaplab.session') ?? '{}').completed).toBe(true);
  const before = await page.evaluate(() => window.lab.state());
  // The state document catches up with the lab (the session as of its last moment).
  await expect.poll(async () => {
    const decoded = await decodeSuspendData(JSON.parse(lrs.state.get('snaplab.session') ?? '{}').session ?? '');
    return decoded.ok ? decoded.session.time : -1;
  }).toBe(before.time);

  await page.goto('about:blank'); // the learner closes the lesson: page hide sends terminated
  await expect.poll(() => lrs.verbs()).toEqual(['initialized', 'completed', 'terminated']);
  const [, completed, terminated] = lrs.statements;
  for (const s of lrs.statements) {
    expect(s.object.id).toBe(activityId);
    expect(s.context.registration).toBe(REGISTRATION);
    expect(s.context.extensions?.[SESSION_ID_EXT]).toBe('session-1');
    expect(s.context.contextActivities?.grouping).toEqual([{ id: activityId }]);
    expect(s.context.contextActivities?.category).toContainEqual({ id: CMI5_CATEGORY });
  }
  expect(completed.context.contextActivities?.category).toContainEqual({ id: MOVEON_CATEGORY });
  expect(completed.result).toMatchObject({ completion: true });
  expect(terminated.result?.duration).toMatch(/^PT[\d.]+S$/);
  expect(lrs.unauthorized).toBe(0);
  expect(lrs.preflights).toBeGreaterThan(0); // the browser treated the LRS as another origin
  expect(lrs.problems()).toEqual([]);

  // Relaunch: a new session of the same registration resumes the lab and does not complete again.
  // This time the platform gives a returnURL: Exit lesson sends terminated and goes back there.
  lrs.relaunch('session-2', { returnURL: `${course.server.base}returned.html` });
  await course.launch(page);
  const after = await page.evaluate(() => window.lab.state());
  expect(after.time).toBe(before.time);
  expect(after.lesson?.complete).toBe(true);
  await expect.poll(() => lrs.verbs()).toEqual(['initialized', 'completed', 'terminated', 'initialized']);
  await expect(line).toContainText('cmi5): completed.');
  await line.getByRole('button', { name: 'Exit lesson' }).click();
  await expect(page).toHaveURL(`${course.server.base}returned.html`);
  await expect.poll(() => lrs.verbs().slice(3)).toEqual(['initialized', 'terminated']);
  expect(lrs.statements[4].context.extensions?.[SESSION_ID_EXT]).toBe('session-2');
  expect(lrs.problems()).toEqual([]);
});

test('cmi5: a statement still on its way when the page closes (its CORS preflight not yet answered) reaches the LRS, then terminated', async ({ page }) => {
  const { lrs } = course;
  await course.launch(page);
  await expect.poll(() => lrs.verbs()).toEqual(['initialized']);
  lrs.preflightDelayMs = 5000;
  const posts = () => lrs.preflightMethods.filter((m) => m === 'POST').length;
  const preflights = posts();
  const steps = getLesson('first-snapshot')!.solution;
  for (const step of steps) await page.evaluate((c) => window.lab.dispatch(c), step.command as unknown as Record<string, unknown>);
  // completed has left (its preflight is waiting at the LRS) but is not answered: close the page now.
  await expect.poll(posts, { intervals: [50] }).toBeGreaterThan(preflights);
  expect(lrs.verbs()).toEqual(['initialized']);
  await page.goto('about:blank');
  await expect.poll(() => lrs.verbs(), { timeout: 20_000, message: `the LRS saw: ${JSON.stringify(lrs.log)}` }).toEqual(['initialized', 'completed', 'terminated']);
  expect(lrs.problems()).toEqual([]);
});
