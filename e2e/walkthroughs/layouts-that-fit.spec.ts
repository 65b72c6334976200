// Walkthrough: the page at the sizes a workshop meets (a laptop, a full-HD projector, a small window,
// presenter mode on the three, a slide's 800x450 frame). At each size the boxes are measured: the
// Snapshot tree keeps at least 40 % of the window's height with the newest snapshot in view, the VSS
// steps and how long writes were held are on the first screen, whole, and Recent Tasks and the
// presenter keys take their own space.
import type { Locator, Page } from '@playwright/test';
import { advanceBy, expect, test } from './walkthrough';

interface Box { x: number; y: number; width: number; height: number }

async function box(l: Locator): Promise<Box> {
  const b = await l.boundingBox();
  expect(b, 'the element has a box').not.toBeNull();
  return b!;
}
const overlap = (a: Box, b: Box) =>
  Math.max(0, Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x)) * Math.max(0, Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y));

function inside(inner: Box, outer: Box, what: string): void {
  expect(inner.y, `${what}: top`).toBeGreaterThanOrEqual(outer.y - 1);
  expect(inner.x, `${what}: left`).toBeGreaterThanOrEqual(outer.x - 1);
  expect(inner.y + inner.height, `${what}: bottom`).toBeLessThanOrEqual(outer.y + outer.height + 1);
  expect(inner.x + inner.width, `${what}: right`).toBeLessThanOrEqual(outer.x + outer.width + 1);
}

/**
 * Each text is wholly visible: its box lies inside the box of every element around it that clips (a
 * scrolling region body, the chart) and inside the window.
 */
async function expectWhole(texts: Locator): Promise<void> {
  for (const text of await texts.all()) {
    const cut = await text.evaluate((el) => {
      const r = el.getBoundingClientRect();
      const clips: string[] = [];
      const check = (what: string, c: { left: number; top: number; right: number; bottom: number }) => {
        if (r.left < c.left - 0.5 || r.top < c.top - 0.5 || r.right > c.right + 0.5 || r.bottom > c.bottom + 0.5) clips.push(what);
      };
      for (let a = el.parentElement; a; a = a.parentElement) {
        const style = getComputedStyle(a);
        if (style.overflowX !== 'visible' || style.overflowY !== 'visible' || style.contain.includes('paint')) check(a.className.toString() || a.tagName, a.getBoundingClientRect());
      }
      check('the window', { left: 0, top: 0, right: innerWidth, bottom: innerHeight });
      return clips.length ? `"${el.textContent}" is cut by ${clips.join(', ')}` : '';
    });
    expect(cut, 'a text is cut off').toBe('');
  }
}

/** What of an element can be seen: its box cut by every element around it that clips. */
async function visibleBox(l: Locator): Promise<Box> {
  return l.evaluate((el) => {
    const r = el.getBoundingClientRect();
    let { left, top, right, bottom } = r;
    for (let a = el.parentElement; a; a = a.parentElement) {
      const style = getComputedStyle(a);
      if (style.overflowX === 'visible' && style.overflowY === 'visible' && !style.contain.includes('paint')) continue;
      const c = a.getBoundingClientRect();
      left = Math.max(left, c.left); top = Math.max(top, c.top); right = Math.min(right, c.right); bottom = Math.min(bottom, c.bottom);
    }
    return { x: left, y: top, width: Math.max(0, right - left), height: Math.max(0, bottom - top) };
  });
}

/** The first screen at this size: the tree, the newest snapshot, the VSS steps, Recent Tasks and the keys. */
async function checkFirstScreen(page: Page, presenter: boolean): Promise<void> {
  const view = page.viewportSize()!;
  const screen = { x: 0, y: 0, width: view.width, height: view.height };
  const main = page.getByRole('main', { name: 'Virtual machine' });
  expect(await main.evaluate((m) => m.scrollTop)).toBe(0);
  const mainBox = await box(main);

  // The tree: at least 40 % of the height, wholly on screen; its toolbar leaves the drawing most of it.
  const tree = page.getByRole('region', { name: 'Snapshot tree' });
  const treeBox = await box(tree);
  expect(treeBox.height, 'Snapshot tree height').toBeGreaterThanOrEqual(0.4 * view.height);
  inside(treeBox, mainBox, 'Snapshot tree');
  // The drawing as far as it can be seen (a drawing taller than the tree's body is cut by it).
  const drawing = await visibleBox(tree.locator('.react-flow'));
  expect(drawing.height, 'tree drawing height').toBeGreaterThanOrEqual(0.3 * view.height);
  // The newest snapshot's card is in the drawing's view, whole.
  const newest = tree.getByRole('button', { name: /^Snapshot After SP2/ });
  await expect(newest).toBeVisible();
  inside(await box(newest), drawing, 'newest snapshot card');

  // Every step of the quiesce in the ribbon, with its label, on the first screen.
  const timeline = page.getByRole('region', { name: 'VSS timeline' });
  const steps = timeline.locator('g.step');
  expect(await steps.count()).toBeGreaterThanOrEqual(6);
  for (const step of await steps.all()) inside(await box(step), mainBox, 'a VSS step');
  await expect(timeline.locator('svg').getByText('Freeze', { exact: true })).toBeVisible();
  // Every step's label, and how long writes were held, wholly visible.
  const labels = timeline.locator('svg text.step-label');
  await expect(labels).toHaveCount(await steps.count());
  await expectWhole(labels);
  await expect(timeline.locator('svg text.hold-held')).toHaveText(/^held \d\.\d\d s( of 10 s)?$/);
  await expectWhole(timeline.locator('svg text.hold-held'));

  // Recent Tasks is below the page's regions, never over them; the panel tabs are visible.
  const tasks = await box(page.getByRole('region', { name: 'Recent Tasks' }));
  inside(tasks, screen, 'Recent Tasks');
  expect(tasks.y, 'Recent Tasks starts below the VM panels').toBeGreaterThanOrEqual(mainBox.y + mainBox.height - 1);
  const tabs = await box(page.getByRole('navigation', { name: 'VM panels' }));
  inside(tabs, mainBox, 'panel tabs');

  const legend = page.getByRole('complementary', { name: 'Presenter keys' });
  if (!presenter) { await expect(legend).toHaveCount(0); return; }
  const keys = await box(legend);
  inside(keys, screen, 'presenter keys');
  for (const name of ['Inventory', 'Lesson', 'Recent Tasks']) {
    const region = page.getByRole('region', { name, exact: true });
    if (await region.isVisible()) expect(overlap(keys, await box(region)), `the keys cover ${name}`).toBe(0);
  }
  expect(overlap(keys, mainBox), 'the keys cover the VM panels').toBe(0);
  expect(overlap(keys, tabs), 'the keys cover the tabs').toBe(0);
}

const SIZES = [
  { width: 1280, height: 720, presenter: false },
  { width: 1920, height: 1080, presenter: false },
  { width: 960, height: 540, presenter: false },
  { width: 1280, height: 720, presenter: true },
  { width: 1920, height: 1080, presenter: true },
  { width: 960, height: 540, presenter: true },
];

test('layouts that fit the room', async ({ page, lab, walk }) => {
  test.setTimeout(180_000);
  await lab.selectVm('EXCH01');
  for (const name of ['Before SP2', 'After SP2']) {
    expect((await lab.dispatch({ type: 'snapshot.take', vm: 'exch01', name, quiesce: true })).ok).toBe(true);
    await advanceBy(lab, 60_000);
  }
  await expect(page.getByRole('region', { name: 'VSS timeline' }).getByRole('status')).toContainText('Application consistent');

  for (const size of SIZES) {
    await walk.step(`${size.width}x${size.height}${size.presenter ? ' presenter mode' : ''}`, async () => {
      await page.setViewportSize({ width: size.width, height: size.height });
      const toggle = page.getByRole('button', { name: 'Presenter mode' });
      if ((await toggle.getAttribute('aria-pressed') === 'true') !== size.presenter) await toggle.click();
      await expect(toggle).toHaveAttribute('aria-pressed', String(size.presenter));
      // The tree re-fits after a resize (its effect runs on the next frame): poll until the boxes hold.
      await expect(async () => checkFirstScreen(page, size.presenter)).toPass({ timeout: 20_000 });
    });
  }
});

// The slide page is routed by the test: no service worker may answer for it.
test.describe(() => {
  test.use({ serviceWorkers: 'block' });
test('one panel in a slide\'s 800x450 frame is readable', async ({ page, walk }) => {
  await page.setViewportSize({ width: 1000, height: 600 });
  for (const panel of ['tree', 'timeline', 'datastore', 'tasks', 'console', 'lesson'] as const) {
    await walk.step(`Embedded ${panel} at 800x450`, async () => {
      // A slide on the lab's own origin (the lab's frame-ancestors allows it) with the lab in an 800x450 frame.
      await page.route('**/slide.html', (route) => route.fulfill({ contentType: 'text/html',
        body: `<body style="margin:0"><iframe title="SnapLab" src="./?embed=1&panels=${panel}&vm=exch01&lesson=first-snapshot" style="width:800px;height:450px;border:0;display:block"></iframe></body>` }));
      await page.goto('./slide.html');
      const frame = page.frameLocator('iframe[title="SnapLab"]');
      const region = frame.getByRole('region').first();
      await expect(region).toBeVisible();
      const r = await box(region);
      // The panel takes the frame, less the history bar; its text is at least 11 px.
      expect(r.width).toBeGreaterThanOrEqual(780);
      expect(r.height).toBeGreaterThanOrEqual(360);
      inside(r, { x: 0, y: 0, width: 800, height: 450 }, `${panel} panel`);
      const smallest = await region.evaluate((el) => Math.min(...[...el.querySelectorAll('*')]
        .filter((e) => e.childNodes.length && [...e.childNodes].some((n) => n.nodeType === 3 && n.textContent!.trim()))
        .filter((e) => (e as HTMLElement).getClientRects().length > 0 && !e.closest('svg, .react-flow__node, .react-flow__controls'))
        .map((e) => parseFloat(getComputedStyle(e).fontSize))));
      expect(smallest).toBeGreaterThanOrEqual(11);
      if (panel === 'tree') {
        const drawing = await box(frame.locator('.react-flow'));
        expect(drawing.height).toBeGreaterThanOrEqual(0.6 * 450);
      }
    });
  }
});
});
