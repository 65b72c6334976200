// The tree's view: the mouse wheel scrolls the page until the drawing has focus (then it pans the
// tree), and Fit View fits every card, even a tall tree of the datacenter lab's two-disk VMs at 1280x720.
import type { Locator } from '@playwright/test';
import { test, expect } from './fixtures';

test.use({ viewport: { width: 1280, height: 720 } });

const transform = (flow: Locator) => flow.locator('.react-flow__viewport').evaluate((v) => getComputedStyle(v).transform);

test('the wheel scrolls the page over the tree, and pans the tree once it has focus', async ({ page, lab }) => {
  await lab.selectVm('EXCH01');
  for (const name of ['one', 'two', 'three']) {
    await lab.dispatch({ type: 'snapshot.take', vm: 'exch01', name });
    await lab.advance(60_000);
  }
  const tree = page.getByRole('region', { name: 'Snapshot tree' });
  const flow = tree.locator('.react-flow');
  await expect(tree.getByRole('button', { name: /^Snapshot three/ })).toBeVisible();
  const main = page.getByRole('main', { name: 'Virtual machine' });
  const before = await transform(flow);
  const b = (await flow.boundingBox())!;
  await page.mouse.move(b.x + b.width / 2, b.y + b.height / 2);
  await page.mouse.wheel(0, 300);
  await expect.poll(() => main.evaluate((m) => m.scrollTop)).toBeGreaterThan(100);
  expect(await transform(flow)).toBe(before);

  // Focus the drawing (a click on its background), then the wheel pans the tree, not the page.
  await main.evaluate((m) => { m.scrollTop = 0; });
  const drawing = tree.getByRole('group', { name: 'Snapshot tree drawing' });
  const pane = (await flow.boundingBox())!;
  await page.mouse.click(pane.x + 12, pane.y + 12);
  await expect(drawing).toBeFocused();
  await page.mouse.move(pane.x + pane.width / 2, pane.y + pane.height / 2);
  await page.mouse.wheel(0, 200);
  await expect.poll(() => transform(flow)).not.toBe(before);
  expect(await main.evaluate((m) => m.scrollTop)).toBe(0);
});

test('Fit View fits every card of a tall tree in the datacenter lab at 1280x720', async ({ page, lab }) => {
  await lab.load('datacenter');
  for (const name of ['before patch', 'after patch', 'before upgrade']) {
    expect((await lab.dispatch({ type: 'snapshot.take', vm: 'vm01', name })).ok).toBe(true);
    await lab.advance(5 * 60_000);
  }
  const vm = (await lab.state()).vms.find((v) => v.id === 'vm01')!;
  await lab.selectVm(vm.name);
  const tree = page.getByRole('region', { name: 'Snapshot tree' });
  const flow = tree.locator('.react-flow');
  await expect(tree.getByRole('button', { name: /^Snapshot before upgrade/ })).toBeVisible();
  const cards = tree.locator('.react-flow__node');
  await expect(cards).toHaveCount(4);
  const outside = async () => {
    const f = (await flow.boundingBox())!;
    let n = 0;
    for (const c of await cards.all()) {
      const b = (await c.boundingBox())!;
      if (b.y < f.y - 1 || b.x < f.x - 1 || b.y + b.height > f.y + f.height + 1 || b.x + b.width > f.x + f.width + 1) n++;
    }
    return n;
  };
  // At a readable zoom the tree does not fit: it shows the newest cards.
  expect(await outside()).toBeGreaterThan(0);
  await tree.getByRole('button', { name: 'Fit View' }).click();
  await expect.poll(outside).toBe(0);
});
