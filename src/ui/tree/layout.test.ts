import { describe, expect, it } from 'vitest';
import { HERE_ID, layoutTree } from './layout';
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

  it('lists Snapshot Manager rows depth first with "You are here" after the current snapshot\'s children', () => {
    const rows = snapshotRows([snap('a', null), snap('b', 'a'), snap('c', 'a')], 'a');
    expect(rows.map((r) => `${r.id}@${r.depth}`)).toEqual(['a@0', 'b@1', 'c@1', `${HERE_ID}@1`]);
  });
});
