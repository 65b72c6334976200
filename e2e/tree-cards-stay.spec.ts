// Tree cards keep their size while time runs: React Flow hides a card (visibility: hidden) until it has
// measured it, and a card rebuilt without its measured size is hidden again until the next measurement,
// which on a busy machine can take seconds. A MutationObserver sees every style the page ever gives a
// card, so even a hide of one frame fails this test.
import { test, expect } from './fixtures';

test('a tree card once shown is never hidden again while time runs', async ({ page, lab }) => {
  await lab.selectVm('EXCH01');
  await lab.dispatch({ type: 'snapshot.take', vm: 'exch01', name: 'Before SP2', quiesce: true });
  await lab.advance(60_000);
  await lab.dispatch({ type: 'snapshot.take', vm: 'exch01', name: 'After SP2' });
  await lab.advance(60_000);
  const tree = page.getByRole('region', { name: 'Snapshot tree' });
  await expect(tree.getByRole('button', { name: /Snapshot After SP2/ })).toBeVisible();

  await page.evaluate(() => {
    const w = window as unknown as { hiddenAgain: string[]; shown: Set<string> };
    w.hiddenAgain = [];
    w.shown = new Set();
    const check = (el: Element) => {
      if (!(el instanceof HTMLElement) || !el.classList.contains('react-flow__node')) return;
      const id = el.dataset.id ?? '';
      if (el.style.visibility === 'hidden') { if (w.shown.has(id)) w.hiddenAgain.push(id); }
      else w.shown.add(id);
    };
    document.querySelectorAll('.react-flow__node').forEach(check);
    new MutationObserver((records) => {
      for (const r of records) {
        check(r.target as Element);
        r.addedNodes.forEach((n) => { if (n instanceof Element) { check(n); n.querySelectorAll('.react-flow__node').forEach(check); } });
      }
    }).observe(document.body, { subtree: true, childList: true, attributes: true, attributeFilter: ['style'] });
  });

  // Play: EXCH01 writes, so the deltas under both snapshots and "You are here" grow with every post.
  await lab.play(3600);
  const before = (await lab.state()).vms.find((v) => v.id === 'exch01')!.disks[0].chain.at(-1)!.sizeBytes;
  const fileLine = tree.locator('.react-flow__node-here .snap-file-size').first();
  const firstText = await fileLine.textContent();
  // The tree has redrawn with new sizes several times (it follows twice a second while playing).
  await expect(fileLine).not.toHaveText(firstText ?? '');
  const seen = await fileLine.textContent();
  await expect(fileLine).not.toHaveText(seen ?? '');
  await lab.pause();
  const after = (await lab.state()).vms.find((v) => v.id === 'exch01')!.disks[0].chain.at(-1)!.sizeBytes;
  expect(after).toBeGreaterThan(before);

  const result = await page.evaluate(() => {
    const w = window as unknown as { hiddenAgain: string[]; shown: Set<string> };
    return { hiddenAgain: w.hiddenAgain, shown: [...w.shown] };
  });
  expect(result.shown.length).toBeGreaterThanOrEqual(3);
  expect(result.hiddenAgain).toEqual([]);
});
