// The VSS timeline explains itself (docs/api.md, "What a person sees"): step names as visible text, the
// 10 s hold labelled with how long writes were held, a plain result line from the engine's summary,
// an axis scaled to the quiesce, a detail line that follows the quiesce on screen, the reason a
// quiesce ran without writers, and a 0.1x replay with a moving playhead.
import { formatDuration } from '../src/engine/core/format';
import { test, expect } from './fixtures';

test.use({ viewport: { width: 1280, height: 720 } });

test('steps, hold and result are visible words; the axis spans the quiesce', async ({ page, lab }) => {
  await lab.dispatch({ type: 'snapshot.take', vm: 'exch01', name: 'before-patch', quiesce: true });
  await lab.advance(60_000);
  await lab.selectVm('EXCH01');
  const timeline = page.getByRole('region', { name: 'VSS timeline' });
  const chart = timeline.locator('svg');
  for (const step of ['Identify', 'Prepare', 'Freeze', 'Hold writes / Commit', 'Thaw']) {
    await expect(chart.getByText(step, { exact: true })).toBeVisible();
  }
  // The hold is written as core/format writes durations: under a second it reads in ms.
  const q = (await lab.state()).vms.find((v) => v.id === 'exch01')!.quiesce!;
  await expect(chart.getByText(`held ${formatDuration(q.holdMs!)} of 10 s`, { exact: true })).toBeVisible();
  await expect(timeline.getByRole('list', { name: 'Steps' })).toContainText('10 s hold limit');
  const status = timeline.getByRole('status');
  await expect(status).toContainText(`Application consistent: ${q.writersThawed} writers froze and thawed.`);
  await expect(status).toContainText(`writes held ${formatDuration(q.holdMs!)} of 10 s`);
  // The axis ends with the quiesce (about 6 s), not at the 60 s freeze limits.
  const ticks = await chart.locator('.tick text').allTextContents();
  const last = ticks.at(-1)!;
  expect(last).toMatch(/^\+\d+(\.\d+)? s$/);
  expect(parseFloat(last.slice(1))).toBeLessThan(15);
  // No two step labels overlap.
  const boxes = await chart.locator('.step-label').evaluateAll((els) => els.map((e) => (e as SVGGraphicsElement).getBBox()).map((b) => [b.x, b.y, b.width, b.height]));
  for (let i = 0; i < boxes.length; i++) for (let j = i + 1; j < boxes.length; j++) {
    const [ax, ay, aw, ah] = boxes[i];
    const [bx, by, bw, bh] = boxes[j];
    expect(ax + aw <= bx || bx + bw <= ax || ay + ah <= by || by + bh <= ay, `labels ${i} and ${j} overlap`).toBe(true);
  }
});

test('the detail line describes the quiesce on screen, not an earlier one', async ({ page, lab }) => {
  await lab.dispatch({ type: 'snapshot.take', vm: 'exch01', name: 'one', quiesce: true });
  await lab.advance(60_000);
  await lab.selectVm('EXCH01');
  const timeline = page.getByRole('region', { name: 'VSS timeline' });
  await timeline.locator('.marker').first().focus();
  const detail = timeline.locator('.timeline-detail');
  await expect(detail).toContainText('VMware Tools');
  const first = await detail.textContent();
  await lab.dispatch({ type: 'snapshot.take', vm: 'exch01', name: 'two', quiesce: true });
  await lab.advance(60_000);
  await expect(timeline.getByRole('status')).toContainText('Snapshot “two”');
  await expect(detail).not.toHaveText(first!);
  await expect(detail).toContainText('Hover or focus a dot');
});

test('a quiesce without writers says why (Windows 2008 without disk.EnableUUID)', async ({ page, lab }) => {
  // FS01 runs Windows 2008 on ESX 4.0: VSS runs without application writers there.
  await lab.dispatch({ type: 'snapshot.take', vm: 'fs01', name: 'files only', quiesce: true });
  await lab.advance(60_000);
  await lab.selectVm('FS01');
  const status = page.getByRole('region', { name: 'VSS timeline' }).getByRole('status');
  await expect(status).toContainText(/File-system consistent: no application writers took part \(Windows 2008 and later/);
});

test('Replay at 0.1x moves a playhead through the last quiesce', async ({ page, lab }) => {
  await lab.dispatch({ type: 'snapshot.take', vm: 'exch01', name: 'watch', quiesce: true });
  await lab.advance(60_000);
  await lab.selectVm('EXCH01');
  const timeline = page.getByRole('region', { name: 'VSS timeline' });
  await timeline.getByRole('button', { name: 'Replay at 0.1x' }).click();
  const head = timeline.locator('.playhead text');
  await expect(head).toBeVisible();
  const at = async () => parseFloat((await head.textContent())!.replace(/^\+/, ''));
  const a = await at();
  await expect.poll(at).toBeGreaterThan(a);
  await expect(timeline.locator('.marker.future')).not.toHaveCount(0);
  await timeline.getByRole('button', { name: 'Stop replay' }).click();
  await expect(head).toHaveCount(0);
});
