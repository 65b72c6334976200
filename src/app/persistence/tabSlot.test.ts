import { describe, expect, it } from 'vitest';
import { claimTabSlot, type TabDeps } from './tabSlot';
import { slotsToPrune } from './restoreRule';

/** Web Locks as the browser keeps them: a name held by one page at a time. */
function locks() {
  const held = new Set<string>();
  const request = ((name: string, _opts: unknown, cb: (lock: unknown) => unknown) => {
    const free = !held.has(name);
    if (free) held.add(name);
    return Promise.resolve(cb(free ? { name } : null));
  }) as unknown as LockManager['request'];
  return { request, held };
}

const tabStorage = (id?: string) => {
  const mem = new Map<string, string>(id ? [['snaplab.tab', id]] : []);
  return { getItem: (k: string) => mem.get(k) ?? null, setItem: (k: string, v: string) => void mem.set(k, v) };
};

describe('a tab\'s autosave slot', () => {
  it('is kept across a reload (sessionStorage), and a duplicated tab, which copies it, takes a new one', async () => {
    const l = locks();
    let n = 0;
    const deps = (storage: TabDeps['storage']): TabDeps => ({ storage, locks: l, newId: () => `id-${++n}` });
    const first = tabStorage();
    expect(await claimTabSlot(deps(first))).toBe('id-1');
    // A reload after the old page went: its lock went with it.
    l.held.clear();
    expect(await claimTabSlot(deps(first))).toBe('id-1');
    // "Duplicate tab" while the first still lives: same sessionStorage, lock taken.
    expect(await claimTabSlot(deps(tabStorage('id-1')))).toBe('id-2');
  });

  it('keeps the newest few slots of each kind', () => {
    const r = (slot: string, kind: 'learner' | 'scripted', savedAt: number) => ({ slot, kind, savedAt, session: {} as never });
    expect(slotsToPrune([r('a', 'learner', 1), r('b', 'learner', 3), r('c', 'learner', 2), r('s', 'scripted', 0)], 2)).toEqual(['a']);
  });
});
