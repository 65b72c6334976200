// The SCORM 1.2 package, launched as an LMS would: unzipped onto a plain file server, its SCO for
// "first-snapshot" (the href imsmanifest.xml gives) in a frame of an LMS page whose API is scorm-again,
// a real SCORM 1.2 run-time (e2e/lms/scormAgainLms.ts): it refuses wrong elements, values and call
// orders, and what its commits delivered is what the LMS holds. The lesson is completed through
// window.lab; then the LMS relaunches it with what it held; a commit refused twice is retried.
import AxeBuilder from '@axe-core/playwright';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { test, expect, type Frame, type Page } from '@playwright/test';
import { decodeSuspendData } from '../src/app/lms/suspendData';
import { getLesson } from '../src/lessons';
import { servePackage, unpack, type PackageServer } from './lms/coursePackage';
import { ScormAgainLms } from './lms/scormAgainLms';

declare global {
  interface Window { scormCalls: string[][]; frameMessages: unknown[] }
}

let server: PackageServer;
let lms: ScormAgainLms;
let launch = '';
let dir = '';
test.beforeAll(async () => {
  dir = unpack('snaplab-scorm12.zip');
  const manifest = readFileSync(join(dir, 'imsmanifest.xml'), 'utf8');
  launch = /identifier="sco-first-snapshot"[^>]*href="([^"]+)"/.exec(manifest)![1].replace(/&amp;/g, '&');
  server = await servePackage(dir, (req, res, body) => lms.handle(req, res, body));
});
test.beforeEach(() => { lms = new ScormAgainLms(); });
test.afterAll(() => server.close());

async function openInLms(page: Page): Promise<Frame> {
  await page.goto(`${server.base}lms.html?launch=${encodeURIComponent(launch)}`);
  const lesson = (f: Frame) => f.url().includes('/course/index.html');
  await expect.poll(() => page.frames().some(lesson)).toBe(true);
  const frame = page.frames().find(lesson)!;
  await frame.evaluate(() => window.lab.ready);
  return frame;
}

function filesUnder(root: string, sub = ''): string[] {
  return readdirSync(join(root, sub)).flatMap((name) => {
    const rel = sub ? `${sub}/${name}` : name;
    return statSync(join(root, rel)).isDirectory() ? filesUnder(root, rel) : [rel];
  });
}

test('the built package holds exactly the files imsmanifest.xml names, by relative paths', () => {
  const manifest = readFileSync(join(dir, 'imsmanifest.xml'), 'utf8');
  const named = [...manifest.matchAll(/<file href="([^"]+)"/g)].map((m) => m[1].replace(/&amp;/g, '&'));
  for (const href of named) expect(href).not.toMatch(/^(\/|[a-z]+:)|(^|\/)\.\.(\/|$)/i);
  expect(new Set(filesUnder(dir))).toEqual(new Set([...named, 'imsmanifest.xml']));
  expect(named).toContain('index.html');
  expect(named.some((f) => /^assets\/labWorker-[\w-]+\.js$/.test(f))).toBe(true);
});

const calls = (page: Page) => page.evaluate(() => window.scormCalls);
const held = (element: string) => lms.held[element];

test('SCORM 1.2: LMSInitialize first, incomplete, then completed with suspend_data and LMSCommit; LMSFinish on close', async ({ page }) => {
  expect(launch).toBe('index.html?lesson=first-snapshot&lms=scorm12');
  const frame = await openInLms(page);
  expect((await calls(page))[0]).toEqual(['LMSInitialize']);
  await expect.poll(() => held('cmi.core.lesson_status')).toBe('incomplete');
  await expect(frame.getByRole('region', { name: 'Learning platform' })).toContainText('SCORM 1.2');
  await expect(frame.getByRole('region', { name: 'Learning platform' })).toContainText('Saved on your learning platform.');
  // H5P-style size messages reach the LMS page, as h5p-resizer.js expects them.
  type H5p = { context?: string; action?: string; scrollHeight?: number };
  await expect.poll(async () => (await page.evaluate(() => window.frameMessages as H5p[])).some((m) => m?.context === 'h5p' && m.action === 'resize' && (m.scrollHeight ?? 0) > 0)).toBe(true);
  expect((await page.evaluate(() => window.frameMessages as H5p[]))[0]).toEqual({ context: 'h5p', action: 'hello' });

  for (const step of getLesson('first-snapshot')!.solution) {
    const r = await frame.evaluate((c) => window.lab.dispatch(c), step.command as unknown as Record<string, unknown>);
    expect(r.ok).toBe(true);
  }
  await expect.poll(() => held('cmi.core.lesson_status')).toBe('completed');
  const afterComplete = await calls(page);
  const completedAt = afterComplete.findIndex((c) => c[0] === 'LMSSetValue' && c[1] === 'cmi.core.lesson_status' && c[2] === 'completed');
  expect(afterComplete.slice(completedAt).some((c) => c[0] === 'LMSCommit')).toBe(true);
  expect(held('cmi.core.lesson_location')).toBe('4/4 objectives');
  await expect(frame.getByRole('region', { name: 'Learning platform' })).toContainText('completed');
  // The LMS page with the lesson in its frame, the Learning platform line included: no axe violations.
  const axe = await new AxeBuilder({ page }).analyze();
  expect(axe.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
  // The session with the lesson's four steps reaches cmi.suspend_data (ASCII, under SCORM 1.2's limit).
  await expect.poll(() => held('cmi.suspend_data')?.length ?? 0).toBeGreaterThan(10);
  const suspend = held('cmi.suspend_data');
  expect(suspend).toMatch(/^s1\.[A-Za-z0-9_-]+$/);
  expect(suspend.length).toBeLessThanOrEqual(4096);
  expect((await calls(page)).every((c) => c[0] !== 'LMSFinish')).toBe(true);

  // Closing the lesson (the LMS removes its frame) finishes it, keeping the session for next time.
  await page.evaluate(() => document.querySelector('iframe')!.remove());
  await expect.poll(async () => (await calls(page)).at(-1)).toEqual(['LMSFinish']);
  await expect.poll(() => held('cmi.core.exit')).toBe('suspend');
  expect(held('cmi.core.session_time')).toMatch(/^\d{2,4}:\d{2}:\d{2}(\.\d{1,2})?$/);
});

test('SCORM 1.2: a relaunch with the kept suspend_data restores the session where the learner left', async ({ page }) => {
  let frame = await openInLms(page);
  await frame.evaluate(() => window.lab.dispatch({ type: 'snapshot.take', vm: 'exch01', name: 'kept by the LMS' }));
  await frame.evaluate(() => window.lab.advance(5_000));
  const before = await frame.evaluate(() => window.lab.state());
  // The suspend data catches up with the last step (the lab at 5 s, with the snapshot).
  const savedTime = async () => {
    const text = held('cmi.suspend_data');
    const decoded = text ? await decodeSuspendData(text) : null;
    return decoded?.ok ? decoded.session.time : -1;
  };
  await expect.poll(savedTime).toBe(before.time);
  await page.evaluate(() => document.querySelector('iframe')!.remove());
  await expect.poll(async () => (await calls(page)).at(-1)).toEqual(['LMSFinish']);
  await page.goto('about:blank');
  lms.relaunch();
  frame = await openInLms(page);
  const after = await frame.evaluate(() => window.lab.state());
  expect(after.time).toBe(before.time);
  expect(after.vms.find((v) => v.id === 'exch01')!.snapshots.map((s) => s.name)).toEqual(['kept by the LMS']);
  expect(after.lesson?.id).toBe('first-snapshot');
  // Half done, and the objectives show it: two of four met, the lesson still incomplete.
  expect(after.lesson?.objectives.map((o) => o.done)).toEqual([true, true, false, false]);
  expect(held('cmi.core.lesson_status')).toBe('incomplete');
  await expect(frame.getByRole('region', { name: 'Lesson' }).getByText('Take a snapshot of EXCH01')).toBeVisible();
});

test('SCORM 1.2: commits the LMS refuses are tried again; "completed" shows only once the LMS holds it, and a relaunch resumes', async ({ page }) => {
  let frame = await openInLms(page);
  const line = () => frame.getByRole('region', { name: 'Learning platform' });
  await expect(line()).toContainText('SCORM 1.2): incomplete.');
  await expect(line()).toContainText('Saved on your learning platform.');
  lms.refuseCommits = 2;
  for (const step of getLesson('first-snapshot')!.solution) {
    expect((await frame.evaluate((c) => window.lab.dispatch(c), step.command as unknown as Record<string, unknown>)).ok).toBe(true);
  }
  // scorm-again answered LMSCommit "false": the page says the progress waits, and why.
  await expect(line()).toContainText(/Waiting to send progress… The platform did not take the last save \(LMSCommit: error \d+/);
  expect(held('cmi.core.lesson_status')).toBe('incomplete');
  // Retried after 1 s and 2 s; the page says "completed" only when the LMS holds it.
  await expect(line()).toContainText('SCORM 1.2): completed.');
  expect(held('cmi.core.lesson_status')).toBe('completed');
  await expect(line()).toContainText('Saved on your learning platform.');
  expect(lms.commits.filter((c) => !c.accepted)).toHaveLength(2);
  expect(lms.commits.filter((c) => !c.accepted).every((c) => c.data['cmi.core.lesson_status'] === 'completed')).toBe(true);
  const before = await frame.evaluate(() => window.lab.state());
  await expect.poll(async () => {
    const decoded = await decodeSuspendData(held('cmi.suspend_data') ?? '');
    return decoded.ok ? decoded.session.time : -1;
  }).toBe(before.time);

  // The learner leaves and comes back: the lab is where they left it, still completed.
  await page.evaluate(() => document.querySelector('iframe')!.remove());
  await expect.poll(async () => (await calls(page)).at(-1)).toEqual(['LMSFinish']);
  await page.goto('about:blank');
  lms.relaunch();
  frame = await openInLms(page);
  const after = await frame.evaluate(() => window.lab.state());
  expect(after.vms.map((v) => v.snapshots.map((s) => s.name))).toEqual(before.vms.map((v) => v.snapshots.map((s) => s.name)));
  expect(after.lesson?.complete).toBe(true);
  await expect(line()).toContainText('SCORM 1.2): completed.');
});

test('without an LMS the SCO says so and works as the ordinary lab, autosave included', async ({ page }) => {
  await page.goto(`${server.base}course/${launch}`);
  await page.evaluate(() => window.lab.ready);
  await expect(page.getByRole('alert').filter({ hasText: 'No learning platform was found' })).toBeVisible();
  await expect(page.getByRole('region', { name: 'Learning platform' })).toHaveCount(0);
  const state = await page.evaluate(() => window.lab.state());
  expect(state.lesson?.id).toBe('first-snapshot');
  expect((await page.evaluate(() => window.lab.dispatch({ type: 'snapshot.take', vm: 'exch01', name: 'no LMS' }))).ok).toBe(true);
  await page.evaluate(() => window.lab.advance(5_000));
  expect((await page.evaluate(() => window.lab.state())).vms[0].snapshots.map((s) => s.name)).toEqual(['no LMS']);
  // The ordinary lab keeps its own autosave: a reload brings the snapshot back.
  await page.reload();
  await page.evaluate(() => window.lab.ready);
  await expect.poll(async () => (await page.evaluate(() => window.lab.state())).vms[0].snapshots.map((s) => s.name)).toEqual(['no LMS']);
});
