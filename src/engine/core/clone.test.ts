import { describe, expect, it } from 'vitest';
import { cloneGraph, NotCloneable } from './clone';

class Node {
  next: Node | null = null;
  constructor(public name: string, public bits = new Uint32Array(4)) {}
  label(): string { return `node ${this.name}`; }
}

describe('cloneGraph (time-travel checkpoints)', () => {
  it('keeps prototypes, shared references and cycles, and copies typed arrays so the copy is independent', () => {
    const a = new Node('a');
    const b = new Node('b');
    a.next = b;
    b.next = a;
    a.bits[0] = 7;
    const root = { list: [a, b], byName: new Map([['a', a]]), set: new Set([b]) };
    const { copy, bytes } = cloneGraph(root);
    expect(copy.list[0]).toBeInstanceOf(Node);
    expect(copy.list[0].label()).toBe('node a');
    expect(copy.list[0]).not.toBe(a);
    expect(copy.list[0].next).toBe(copy.list[1]);
    expect(copy.list[1].next).toBe(copy.list[0]);
    expect(copy.byName.get('a')).toBe(copy.list[0]);
    expect([...copy.set][0]).toBe(copy.list[1]);
    copy.list[0].bits[0] = 9;
    expect(a.bits[0]).toBe(7);
    expect(bytes).toBeGreaterThan(2 * 16);
  });

  it('references what it is told to share instead of copying it', () => {
    const definition = { name: 'lab' };
    const { copy } = cloneGraph({ definition, other: { x: 1 } }, [definition]);
    expect(copy.definition).toBe(definition);
  });

  it('refuses a graph holding a function and says where it sits', () => {
    expect(() => cloneGraph({ tasks: [{ start: () => 1 }] })).toThrow(NotCloneable);
    expect(() => cloneGraph({ tasks: [{ start: () => 1 }] })).toThrow('lab.tasks.start');
  });
});
