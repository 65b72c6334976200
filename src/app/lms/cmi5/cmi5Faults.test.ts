import { beforeEach, describe, expect, it } from 'vitest';
import { SavedLabUnreadable } from '../reporter';
import { useLmsStatus } from '../lmsStatus';
import { Cmi5Reporter, SNAPLAB_STATE } from './cmi5Reporter';
import { fakeLrs, LAUNCH } from './fakeLrs';
import { memoryOutbox } from './outbox';
import { RETRY_FIRST_MS } from './statementQueue';
import { manualClock, settle, until } from './testClock';

const progress = (lesson: string, done: number, total: number) => ({ lesson, done, total, complete: done === total });
const savedState = (lrs: ReturnType<typeof fakeLrs>) => JSON.parse(lrs.state.get(SNAPLAB_STATE) ?? '{}') as { completed?: boolean; session?: string };
const statementPosts = (lrs: ReturnType<typeof fakeLrs>) => lrs.requests.filter((q) => q.method === 'POST' && q.url.endsWith('/statements'));

beforeEach(() => useLmsStatus.setState({ kind: null, state: 'off', reported: null, sync: null, syncNote: null, note: null, limit: null }));

describe('cmi5 when the LRS fails', () => {
  it('a state read that fails at launch rejects as unreadable (never "nothing saved"); start() again reads it with the same token', async () => {
    const lrs = fakeLrs();
    lrs.state.set(SNAPLAB_STATE, JSON.stringify({ session: 's1.kept' }));
    lrs.fault = (r) => (r.method === 'GET' && r.url.includes(`stateId=${SNAPLAB_STATE}`) ? 500 : null);
    const r = new Cmi5Reporter(LAUNCH, 'first-snapshot', { fetch: lrs.fetch, ...manualClock(), outbox: memoryOutbox() });
    const first = await r.start().catch((e: unknown) => e);
    expect(first).toBeInstanceOf(SavedLabUnreadable);
    expect((first as Error).message).toMatch(/saved lab could not be read from your learning platform: The LRS did not give the snaplab\.session document \(HTTP 500\)/);
    lrs.fault = null;
    expect(await r.start()).toBe('s1.kept');
    expect(lrs.requests.filter((q) => q.url === LAUNCH.fetch)).toHaveLength(1);
    expect(lrs.requests.some((q) => q.method === 'PUT')).toBe(false);
  });

  it('completed answered 500 is retried with growing waits until accepted; only then the state document and the page say completed', async () => {
    const lrs = fakeLrs();
    const clock = manualClock();
    let refusals = 3;
    lrs.fault = (_r, verbs) => (verbs.includes('completed') && refusals-- > 0 ? 500 : null);
    const r = new Cmi5Reporter(LAUNCH, 'first-snapshot', { fetch: lrs.fetch, ...clock, outbox: memoryOutbox() });
    await r.start();
    r.begin(progress('first-snapshot', 0, 4));
    await until(() => useLmsStatus.getState().reported === 'incomplete');
    r.progress(progress('first-snapshot', 4, 4));
    await until(() => useLmsStatus.getState().syncNote !== null);
    expect(useLmsStatus.getState()).toMatchObject({ reported: 'incomplete', sync: 'waiting', syncNote: expect.stringMatching(/refused the "completed" statement \(HTTP 500\)/) });
    await until(() => statementPosts(lrs).length === 2);
    await settle();
    expect(savedState(lrs).completed).toBeUndefined();
    // 1 s, then 2 s, then 4 s: nothing is sent before its wait is over.
    for (const wait of [RETRY_FIRST_MS, 2 * RETRY_FIRST_MS, 4 * RETRY_FIRST_MS]) {
      const before = statementPosts(lrs).length;
      clock.advance(wait - 1);
      await settle();
      expect(statementPosts(lrs)).toHaveLength(before);
      clock.advance(1);
      await until(() => statementPosts(lrs).length === before + 1);
      await settle(); // its answer handled: the next wait starts now
    }
    expect(lrs.verbs()).toEqual(['initialized', 'completed']);
    await until(() => savedState(lrs).completed === true, 'completed in the state document');
    await until(() => useLmsStatus.getState().sync === 'saved');
    expect(useLmsStatus.getState().reported).toBe('completed');
  });

  it('a 400 is reported and not sent again; the statements after it go on', async () => {
    const lrs = fakeLrs();
    lrs.fault = (_r, verbs) => (verbs.includes('completed') ? 400 : null);
    const clock = manualClock();
    const r = new Cmi5Reporter(LAUNCH, 'first-snapshot', { fetch: lrs.fetch, ...clock, outbox: memoryOutbox() });
    await r.start();
    r.begin(progress('first-snapshot', 4, 4));
    r.finish(true);
    await until(() => lrs.verbs().length === 2);
    expect(lrs.verbs()).toEqual(['initialized', 'terminated']);
    const tries = statementPosts(lrs).filter((q) => q.body.includes('/verbs/completed')).length;
    clock.advance(120_000);
    await settle();
    expect(statementPosts(lrs).filter((q) => q.body.includes('/verbs/completed'))).toHaveLength(tries);
    expect(useLmsStatus.getState().note).toMatch(/refused the "completed" statement \(HTTP 400\)\. It will not be sent again/);
    expect(savedState(lrs).completed).toBeUndefined();
  });

  it('what the LRS did not accept is kept and sent first at the next launch, in order, and completed is not made twice', async () => {
    const lrs = fakeLrs();
    const outbox = memoryOutbox();
    lrs.fault = (_r, verbs) => (verbs.includes('completed') ? 503 : null);
    const first = new Cmi5Reporter(LAUNCH, 'first-snapshot', { fetch: lrs.fetch, ...manualClock(), outbox });
    await first.start();
    first.begin(progress('first-snapshot', 4, 4));
    first.finish(true);
    // Page close: completed and terminated leave together, with keepalive; the LRS refuses the batch.
    await until(() => statementPosts(lrs).some((q) => q.keepalive && q.body.startsWith('[')));
    const batch = statementPosts(lrs).find((q) => q.body.startsWith('['))!;
    expect((JSON.parse(batch.body) as { verb: { id: string } }[]).map((s) => s.verb.id.split('/').pop()).slice(-2)).toEqual(['completed', 'terminated']);
    await until(() => lrs.verbs().length === 1);
    await settle();
    await first.written();
    expect(lrs.verbs()).toEqual(['initialized']);
    expect(outbox.rows.map((row) => row.statement.verb.display['en-US'])).toEqual(['completed', 'terminated']);

    lrs.fault = null;
    lrs.relaunch();
    const second = new Cmi5Reporter(LAUNCH, 'first-snapshot', { fetch: lrs.fetch, ...manualClock(), outbox });
    await second.start();
    second.begin(progress('first-snapshot', 4, 4));
    await until(() => lrs.verbs().length === 4);
    expect(lrs.verbs()).toEqual(['initialized', 'completed', 'terminated', 'initialized']);
    await until(() => savedState(lrs).completed === true);
    await second.written();
    expect(outbox.rows).toEqual([]);
  });

  it('an LRS that never answers: each request gives up after its time limit and the page says so; finish waits for nothing', async () => {
    const lrs = fakeLrs();
    lrs.fault = (r) => (r.url.endsWith('/statements') ? 'hang' : null);
    const r = new Cmi5Reporter(LAUNCH, 'first-snapshot', { fetch: lrs.fetch, ...manualClock(), outbox: memoryOutbox(), timeoutMs: 20 });
    await r.start();
    r.begin(progress('first-snapshot', 0, 4));
    await until(() => useLmsStatus.getState().syncNote !== null, 'a message');
    expect(useLmsStatus.getState()).toMatchObject({ sync: 'waiting', syncNote: expect.stringMatching(/did not answer the "initialized" statement within 0\.02 s/) });
    expect(r.finish(true)).toBeUndefined();
    expect(useLmsStatus.getState().state).toBe('finished');
  });

  it('a token address that never answers rejects in time instead of leaving the page connecting', async () => {
    const lrs = fakeLrs();
    lrs.fault = (r) => (r.url === LAUNCH.fetch ? 'hang' : null);
    const r = new Cmi5Reporter(LAUNCH, 'first-snapshot', { fetch: lrs.fetch, ...manualClock(), outbox: memoryOutbox(), timeoutMs: 20 });
    await expect(r.start()).rejects.toThrow(/token address could not be reached \(The learning platform did not answer the token request within 0\.02 s\.\)/);
  });
});
