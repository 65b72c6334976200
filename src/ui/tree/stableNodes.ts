// React Flow (v12) shows a node only once it knows the node's size, and it takes that size from the node
// object it is given: a new object without `measured` is hidden (visibility: hidden) until its
// ResizeObserver reports again, which on a busy machine can take seconds. The tree rebuilds its nodes
// whenever the sizes it shows change, so it hands them over through this keeper: a node whose content
// did not change keeps its previous object (React Flow then keeps everything it knows about it), and a
// node that did change carries the size last measured for it.
import type { Node, NodeChange } from '@xyflow/react';

interface Size { width: number; height: number }

export class StableNodes<N extends Node> {
  private previous = new Map<string, { content: string; node: N }>();
  private sizes = new Map<string, Size>();

  /** Remember the sizes React Flow measured (its "dimensions" changes). */
  measured(changes: NodeChange[]): void {
    for (const c of changes) {
      if (c.type === 'dimensions' && c.dimensions) this.sizes.set(c.id, { width: c.dimensions.width, height: c.dimensions.height });
    }
  }

  /** The nodes to draw: the previous object where nothing changed, else the new one with its last measured size. */
  settle(nodes: N[]): N[] {
    const next = new Map<string, { content: string; node: N }>();
    const out = nodes.map((n) => {
      const content = JSON.stringify({ ...n, measured: undefined });
      const before = this.previous.get(n.id);
      const size = this.sizes.get(n.id);
      const node = before && before.content === content ? before.node : size ? { ...n, measured: size } : n;
      next.set(n.id, { content, node });
      return node;
    });
    this.previous = next;
    for (const id of [...this.sizes.keys()]) if (!next.has(id)) this.sizes.delete(id);
    return out;
  }
}
