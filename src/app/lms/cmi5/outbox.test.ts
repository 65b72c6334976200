import { describe, expect, it } from 'vitest';
import { memoryOutbox, outboxKey } from './outbox';
import type { Statement } from './statements';

const statement = (id: string, second: number): Statement => ({
  id, timestamp: new Date(Date.UTC(2026, 10, 30, 9, 0, second)).toISOString(), actor: { mbox: 'mailto:l@example.com' },
  verb: { id: `http://adlnet.gov/expapi/verbs/${id}`, display: { 'en-US': id } }, object: { objectType: 'Activity', id: 'urn:a' }, context: {},
});

function fakeLocal(): Storage & { items: Map<string, string> } {
  const items = new Map<string, string>();
  return {
    items, length: 0, clear: () => items.clear(), key: () => null,
    getItem: (k) => items.get(k) ?? null, setItem: (k, v) => { items.set(k, v); }, removeItem: (k) => { items.delete(k); },
  };
}

describe('the statement outbox', () => {
  it('merges the last words a closing page wrote synchronously, in time order, once', async () => {
    const local = fakeLocal();
    const key = outboxKey('https://lrs/', 'r1', 'urn:a');
    const before = memoryOutbox(local);
    await before.add(key, statement('completed', 1));
    // The page closes: terminated is written to localStorage at once; its IndexedDB write never lands.
    before.keepNow(key, [statement('completed', 1), statement('terminated', 2)]);
    const next = memoryOutbox(local);
    next.rows = before.rows;
    expect((await next.list(key)).map((s) => s.id)).toEqual(['completed', 'terminated']);
    expect(local.items.size).toBe(0);
    expect((await next.list(key)).map((s) => s.id)).toEqual(['completed', 'terminated']);
    expect(await next.list(outboxKey('https://lrs/', 'r2', 'urn:a'))).toEqual([]);
  });
});
