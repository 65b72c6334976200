import { describe, expect, it } from 'vitest';
import { HERE_ID, NODE_W, layoutTree } from './layout';
import { snapshotRows } from './snapshotOrder';
import type { SnapshotView } from '../../engine/core/view';

const snap = (id: string, parent: string | null): SnapshotView => ({
  id, name: id, description: '', parent, createdAt: 0, memory: false, quiesced: false, consistency: 'crash', powerState: 'poweredOn', files: [], deltas: [],
});

describe('snapshot tree layout', () => {
  it('places children below their parent, the parent centred over them, "You are here" under the current snapshot', () => {
    const nodes = layoutTree([{ id: 'a', parent: null }, { id: 'b', parent: 'a' }, { id: 'c', parent: 'a' }], 'b');
    const at = (id: string) => nodes.find((n) => n.id === id)!;
    expect(at('b').y).toBeGreaterThan(at('a').y);
    expect(at('a').x).toBe((at('b').x + at('c').x) / 2);
    expect(at(HERE_ID).parent).toBe('b');
    expect(at(HERE_ID).y).toBeGreaterThan(at('b').y);
    const xs = nodes.filter((n) => n.depth === 1).map((n) => n.x);
    expect(new Set(xs).size).toBe(xs.length);
  });

  it('shows "You are here" alone when the VM has no current snapshot, and never loses a node', () => {
    const nodes = layoutTree([{ id: 'orphan', parent: 'gone' }], null);
    expect(nodes.map((n) => n.id).sort()).toEqual([HERE_ID, 'orphan'].sort());
    expect(nodes.find((n) => n.id === HERE_ID)!.parent).toBeNull();
  });

  it('after a revert and a new branch no card covers another, whatever their heights', () => {
    // s1 -> s2; revert to s1; take s3: s1 has two children, and s1's card lists a delta per branch.
    const items = [{ id: 's1', parent: null }, { id: 's2', parent: 's1' }, { id: 's3', parent: 's1' }];
    const heights: Record<string, number> = { s1: 220, s2: 120, s3: 120, [HERE_ID]: 90 };
    const nodes = layoutTree(items, 's3', (id) => heights[id]);
    for (const a of nodes) {
      for (const b of nodes) {
        if (a === b) continue;
        const apart = a.x + NODE_W <= b.x || b.x + NODE_W <= a.x || a.y + heights[a.id] <= b.y || b.y + heights[b.id] <= a.y;
        expect(apart, `${a.id} overlaps ${b.id}`).toBe(true);
      }
    }
    const at = (id: string) => nodes.find((n) => n.id === id)!;
    expect(at('s2').y).toBeGreaterThanOrEqual(at('s1').y + heights.s1);
  });

  it('lists Snapshot Manager rows depth first with "You are here" after the current snapshot\'s children', () => {
    const rows = snapshotRows([snap('a', null), snap('b', 'a'), snap('c', 'a')], 'a');
    expect(rows.map((r) => `${r.id}@${r.depth}`)).toEqual(['a@0', 'b@1', 'c@1', `${HERE_ID}@1`]);
  });
});
