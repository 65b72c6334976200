// The Disk chain region (docs/reading-the-lab.md): each disk's files from base to leaf, each a strip of the disk's
// address space with the slices it holds data in filled; it fills as the guest writes and a delete
// merges the delta away. The tree, Snapshot Manager and Disk chain name files with the same words.
import type { Locator } from '@playwright/test';
import { test, expect, type LabDriver } from './fixtures';

const GB = 1024 ** 3;
const MIN_BAR_PX = 2;

/**
 * The strip of chain file `index` of the VM's first disk is drawn to the state view's scale: each
 * held slice's bar is as wide as its share of the slice (within 1 px), a bar thinner than 2 px to
 * scale is drawn 2 px wide, and the "not to scale" note appears exactly when one is, with its count.
 * Answers the share of the strip drawn to scale and how many slivers were magnified.
 */
async function expectToScale(lab: LabDriver, disk: Locator, vm: string, index: number) {
  const strip = disk.getByRole('img').nth(index);
  let result = { toScale: 0, magnified: 0 };
  await expect(async () => {
    const d = (await lab.state()).vms.find((v) => v.id === vm)!.disks[0];
    const file = d.chain[index];
    const drawn = await strip.evaluate((el) => {
      const left = el.getBoundingClientRect().left + el.clientLeft;
      return { width: el.clientWidth, bars: [...el.querySelectorAll('i')].map((b) => {
        const r = b.getBoundingClientRect();
        return { x: r.left - left, width: r.width };
      }) };
    });
    const slice = drawn.width / file.occupancy.length;
    const held = file.occupancy.map((f, k) => ({ f, k })).filter((s) => s.f > 0);
    expect(drawn.bars).toHaveLength(held.length);
    let toScale = 0;
    let magnified = 0;
    held.forEach(({ f, k }, i) => {
      const bar = drawn.bars[i];
      expect(Math.abs(bar.x - k * slice), `slice ${k} sits at its place`).toBeLessThanOrEqual(1);
      const exact = f * slice;
      if (exact < MIN_BAR_PX) { magnified++; expect(bar.width).toBeCloseTo(MIN_BAR_PX, 0); }
      else { toScale += exact / drawn.width; expect(Math.abs(bar.width - exact), `slice ${k} is ${f} of its width`).toBeLessThanOrEqual(1); }
    });
    const note = disk.locator('.chain-file').nth(index).locator('.chain-magnified');
    if (magnified) await expect(note).toHaveText(`not to scale: ${magnified} ${magnified === 1 ? 'sliver' : 'slivers'} magnified`, { timeout: 1 });
    else await expect(note).toHaveCount(0, { timeout: 1 });
    const share = (file.dataBytes / d.capacityBytes) * 100;
    const words = share === 0 ? '0 %' : share < 0.1 ? 'under 0.1 %' : `${share < 10 ? Number(share.toFixed(1)) : Math.round(share)} %`;
    await expect(disk.locator('.chain-file').nth(index).locator('.chain-scale')).toContainText(`${words} of the disk`, { timeout: 1 });
    result = { toScale, magnified };
  }).toPass({ timeout: 15_000 });
  return result;
}

test('a delta fills as the guest writes, and a delete merges it into its parent', async ({ page, lab }) => {
  await lab.dispatch({ type: 'vm.powerOff', vm: 'web01' });
  await lab.advance(30_000);
  await lab.dispatch({ type: 'snapshot.take', vm: 'web01', name: 'before-patch' });
  await lab.advance(30_000);
  await lab.selectVm('WEB01');
  await page.getByRole('navigation', { name: 'VM panels' }).getByRole('button', { name: 'Disk chain' }).click();
  const chain = page.getByRole('region', { name: 'Disk chain' });
  await expect(chain).toBeInViewport();
  const disk = chain.getByRole('region', { name: 'Hard disk 1 (disk1) chain' });
  const strips = disk.getByRole('img');
  await expect(strips).toHaveCount(2);
  await expect(strips.nth(0)).toHaveAccessibleName(/WEB01\.vmdk: Base disk\. .* data in 64 of 64 slices/);
  await expect(strips.nth(1)).toHaveAccessibleName(/WEB01-000001\.vmdk: Writes since “before-patch”, You are here\. 0 B data, .* data in 0 of 64 slices/);

  await expectToScale(lab, disk, 'web01', 0);
  await expectToScale(lab, disk, 'web01', 1);
  await expect(disk.locator('.chain-magnified')).toHaveCount(0);

  // The guest writes the first quarter of its 16 GB disk, and 64 KB far beyond it: the quarter is a
  // quarter of the strip, to scale, and the 64 KB is a sliver drawn wider than it is and said to be.
  expect((await lab.dispatch({ type: 'vm.powerOn', vm: 'web01' })).ok).toBe(true);
  await lab.advance(60_000);
  expect((await lab.dispatch({ type: 'guest.write', vm: 'web01', disk: 'disk1', offset: 0, length: 4 * GB })).ok).toBe(true);
  expect((await lab.dispatch({ type: 'guest.write', vm: 'web01', disk: 'disk1', offset: 12 * GB, length: 64 * 1024 })).ok).toBe(true);
  await lab.advance(5 * 60_000);
  const drawn = await expectToScale(lab, disk, 'web01', 1);
  expect(drawn.toScale, 'the written quarter fills a quarter of the strip').toBeGreaterThanOrEqual(0.249);
  expect(drawn.magnified, 'the 64 KB write is a magnified sliver').toBeGreaterThanOrEqual(1);
  await expect(strips.nth(1)).toHaveAccessibleDescription(/^not to scale: \d+ slivers? magnified$/);
  await expect(disk).toContainText(/files read per I\/O on average, 1 delta deep/);

  // The tree card and Snapshot Manager say the same of the delta: its name, data and file size.
  const tree = page.getByRole('region', { name: 'Snapshot tree' });
  const card = tree.getByRole('button', { name: /Snapshot before-patch/ });
  await expect(card).toContainText('Writes since');
  await expect(card).toContainText('WEB01-000001.vmdk');
  await expect(card).toContainText(/GB data · .* file/);
  await tree.getByRole('button', { name: 'Snapshot Manager' }).click();
  const manager = page.getByRole('dialog', { name: /Snapshot Manager/ });
  await manager.getByRole('treeitem', { name: /before-patch/ }).click();
  await expect(manager).toContainText(/Disk files when taken\s*Hard disk 1: WEB01\.vmdk/);
  await expect(manager).toContainText(/Writes since\s*Hard disk 1: WEB01-000001\.vmdk · .* data · .* file/);
  await manager.getByRole('button', { name: 'Close' }).first().click();

  // Delete: the delta's grains merge into the base; the chain is the base alone.
  expect((await lab.dispatch({ type: 'snapshot.delete', vm: 'web01', snapshot: 'before-patch' })).ok).toBe(true);
  await lab.advance(30 * 60_000);
  await expect(strips).toHaveCount(1);
  await expect(disk).toContainText('No snapshot: every read and write goes to the base disk.');
});
