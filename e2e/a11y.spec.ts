import AxeBuilder from '@axe-core/playwright';
import { test, expect } from './fixtures';

const REGIONS = ['Inventory', 'Snapshot tree', 'VSS timeline', 'Datastore', 'Recent Tasks', 'Guest console', 'Events', 'Disk chain', 'Lesson'];

test('the regions are landmarks with the names docs/api.md lists', async ({ page, lab }) => {
  await lab.selectVm('EXCH01');
  for (const name of REGIONS) await expect(page.getByRole('region', { name })).toBeVisible();
});

for (const theme of ['light', 'dark'] as const) {
  test(`no serious or critical axe violations (${theme} theme, with snapshots and tasks)`, async ({ page, lab }) => {
    await lab.dispatch({ type: 'snapshot.take', vm: 'exch01', name: 'axe', memory: true });
    await lab.dispatch({ type: 'snapshot.take', vm: 'exch01', name: 'axe 2', quiesce: true });
    await lab.advance(5 * 60_000);
    await lab.selectVm('EXCH01');
    if (theme === 'dark') await page.getByRole('button', { name: 'Dark theme' }).click();
    await expect(page.locator('.react-flow__node')).not.toHaveCount(0);
    await expect(page.locator('.recharts-surface').first()).toBeVisible();
    const results = await new AxeBuilder({ page }).analyze();
    const bad = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
    expect(bad.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join(', ')})`)).toEqual([]);
  });
}
