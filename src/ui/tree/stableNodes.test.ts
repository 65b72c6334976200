import { describe, expect, it } from 'vitest';
import type { Node } from '@xyflow/react';
import { StableNodes } from './stableNodes';

const node = (id: string, label: string, x = 0): Node => ({ id, position: { x, y: 0 }, data: { label } });

describe('StableNodes', () => {
  it('keeps the same object for a node whose content did not change', () => {
    const keeper = new StableNodes<Node>();
    const [a] = keeper.settle([node('a', 'one')]);
    const [again] = keeper.settle([node('a', 'one')]);
    expect(again).toBe(a);
  });

  it('gives a changed node the size last measured for it, so it is never drawn unmeasured', () => {
    const keeper = new StableNodes<Node>();
    keeper.settle([node('a', 'one'), node('b', 'two')]);
    keeper.measured([{ type: 'dimensions', id: 'a', dimensions: { width: 220, height: 148 } }]);
    const [a, b] = keeper.settle([node('a', 'one, grown'), node('b', 'two', 40)]);
    expect(a.measured).toEqual({ width: 220, height: 148 });
    expect(a.data).toEqual({ label: 'one, grown' });
    // Never measured: nothing to carry (React Flow measures it as a new card).
    expect(b.measured).toBeUndefined();
  });

  it('forgets nodes that went away, so a card added again later is measured afresh', () => {
    const keeper = new StableNodes<Node>();
    keeper.settle([node('a', 'one')]);
    keeper.measured([{ type: 'dimensions', id: 'a', dimensions: { width: 220, height: 96 } }]);
    keeper.settle([]);
    const [a] = keeper.settle([node('a', 'one')]);
    expect(a.measured).toBeUndefined();
  });
});
