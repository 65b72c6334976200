import { beforeEach, describe, expect, it } from 'vitest';
import { useLmsStatus } from '../lmsStatus';
import { Cmi5Reporter, SNAPLAB_STATE } from './cmi5Reporter';
import { fakeLrs, LAUNCH, SESSION_ID } from './fakeLrs';
import { readCmi5Launch } from './launch';
import { memoryOutbox } from './outbox';
import { CATEGORY_CMI5, CATEGORY_MOVEON, EXT_MASTERY_SCORE, EXT_SESSION_ID, isoDuration, uuid } from './statements';
import { manualClock, until } from './testClock';

const query = (o: Record<string, string>) => `?${new URLSearchParams(o)}`;
const params = { lesson: 'first-snapshot', lms: 'cmi5', endpoint: LAUNCH.endpoint, fetch: LAUNCH.fetch, actor: JSON.stringify(LAUNCH.actor), registration: LAUNCH.registration, activityId: LAUNCH.activityId };

const deps = (lrs: ReturnType<typeof fakeLrs>, clock = manualClock()) => ({ fetch: lrs.fetch, ...clock, outbox: memoryOutbox() });

beforeEach(() => useLmsStatus.setState({ kind: null, state: 'off', reported: null, sync: null, syncNote: null, note: null, limit: null }));
const progress = (lesson: string, done: number, total: number) => ({ lesson, done, total, complete: done === total });

describe('cmi5 launch parameters', () => {
  it('reads endpoint, fetch, actor, registration and activityId', () => {
    const r = readCmi5Launch(query(params));
    expect(r).toEqual({ ok: true, launch: LAUNCH });
  });

  it('names what is missing or wrong', () => {
    const { fetch: _f, registration: _r, ...rest } = params;
    const missing = readCmi5Launch(query(rest));
    expect(missing.ok === false && missing.message).toMatch(/\(fetch, registration missing\)/);
    const badActor = readCmi5Launch(query({ ...params, actor: '{"name":"x"}' }));
    expect(badActor.ok === false && badActor.message).toMatch(/actor should be an xAPI agent/);
    const badUrl = readCmi5Launch(query({ ...params, endpoint: 'javascript:alert(1)' }));
    expect(badUrl.ok).toBe(false);
  });
});

describe('cmi5 statements', () => {
  it('ids are v4 UUIDs; durations ISO 8601', () => {
    expect(uuid()).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(isoDuration(75_240)).toBe('PT75.2S');
  });
});

describe('cmi5 reporter', () => {
  it('token, LaunchData, then initialized, completed, terminated with the context template', async () => {
    const lrs = fakeLrs();
    const c = manualClock();
    const r = new Cmi5Reporter(LAUNCH, 'first-snapshot', deps(lrs, c));
    expect(await r.start()).toBeNull();
    expect(lrs.requests[0]).toMatchObject({ method: 'POST', url: LAUNCH.fetch });
    expect(lrs.requests.some((q) => q.method === 'GET' && q.url.includes('/agents/profile?') && new URL(q.url).searchParams.get('profileId') === 'cmi5LearnerPreferences')).toBe(true);
    r.begin(progress('first-snapshot', 0, 4));
    c.advance(30_000);
    r.progress(progress('first-snapshot', 4, 4));
    r.progress(progress('first-snapshot', 4, 4));
    await until(() => lrs.verbs().length === 2);
    c.advance(5_000);
    r.finish(true);
    await until(() => lrs.verbs().length === 3);
    expect(lrs.verbs()).toEqual(['initialized', 'completed', 'terminated']);
    const [init, completed, terminated] = lrs.statements;
    for (const s of lrs.statements) {
      expect(s.actor).toEqual(LAUNCH.actor);
      expect(s.object).toEqual({ objectType: 'Activity', id: LAUNCH.activityId });
      expect(s.context.registration).toBe(LAUNCH.registration);
      expect(s.context.extensions?.[EXT_SESSION_ID]).toBe(SESSION_ID);
      expect(s.context.contextActivities?.grouping).toEqual([{ id: LAUNCH.activityId }]);
      expect(s.context.contextActivities?.category).toContainEqual({ id: CATEGORY_CMI5 });
    }
    expect(init.verb.id).toBe('http://adlnet.gov/expapi/verbs/initialized');
    expect(init.context.contextActivities?.category).not.toContainEqual({ id: CATEGORY_MOVEON });
    expect(completed.result).toEqual({ completion: true, duration: 'PT30S' });
    expect(completed.context.contextActivities?.category).toContainEqual({ id: CATEGORY_MOVEON });
    expect(terminated.result).toEqual({ duration: 'PT35S' });
    expect(new Set(lrs.statements.map((s) => s.id)).size).toBe(3);
    expect(lrs.statements.map((s) => s.timestamp)).toEqual([...lrs.statements.map((s) => s.timestamp)].sort());
    await until(() => JSON.parse(lrs.state.get(SNAPLAB_STATE) ?? '{}').completed === true);
    await until(() => useLmsStatus.getState().sync === 'saved', 'Saved on your learning platform');
    expect(useLmsStatus.getState().reported).toBe('completed');
  });

  it('a relaunch resumes the saved session and does not complete twice in a registration', async () => {
    const lrs = fakeLrs();
    lrs.state.set(SNAPLAB_STATE, JSON.stringify({ session: 's1.saved', completed: true }));
    const r = new Cmi5Reporter(LAUNCH, 'first-snapshot', deps(lrs));
    expect(await r.start()).toBe('s1.saved');
    r.begin(progress('first-snapshot', 4, 4));
    r.saveSession('s1.newer');
    r.finish(true);
    await until(() => lrs.verbs().length === 2 && JSON.parse(lrs.state.get(SNAPLAB_STATE)!).session === 's1.newer');
    expect(lrs.verbs()).toEqual(['initialized', 'terminated']);
    expect(JSON.parse(lrs.state.get(SNAPLAB_STATE)!)).toEqual({ session: 's1.newer', completed: true });
  });

  it('the assessment: passed with its score when complete', async () => {
    const lrs = fakeLrs({ masteryScore: 0.8, moveOn: 'CompletedAndPassed' });
    const r = new Cmi5Reporter({ ...LAUNCH }, 'assessment', deps(lrs));
    await r.start();
    r.begin(progress('assessment', 0, 5));
    r.progress(progress('assessment', 5, 5));
    r.finish(true);
    await until(() => lrs.verbs().length === 4);
    expect(lrs.verbs()).toEqual(['initialized', 'completed', 'passed', 'terminated']);
    const passed = lrs.statements[2];
    expect(passed.result).toMatchObject({ success: true, score: { scaled: 1, raw: 100, min: 0, max: 100 } });
    expect(passed.context.extensions?.[EXT_MASTERY_SCORE]).toBe(0.8);
    await until(() => useLmsStatus.getState().reported === 'passed (100%)');
  });

  it('the assessment: failed with its score when the learner leaves having tried, below the masteryScore', async () => {
    const lrs = fakeLrs({ masteryScore: 0.8 });
    const r = new Cmi5Reporter(LAUNCH, 'assessment', deps(lrs));
    await r.start();
    r.begin(progress('assessment', 0, 5));
    r.progress(progress('assessment', 2, 5));
    r.finish(true);
    await until(() => lrs.verbs().length === 3);
    expect(lrs.verbs()).toEqual(['initialized', 'failed', 'terminated']);
    expect(lrs.statements[1].result).toMatchObject({ success: false, score: { scaled: 0.4, raw: 40 } });
  });

  it('Browse and Review launches send only initialized and terminated', async () => {
    const lrs = fakeLrs({ launchMode: 'Review' });
    const r = new Cmi5Reporter(LAUNCH, 'assessment', deps(lrs));
    await r.start();
    r.begin(progress('assessment', 5, 5));
    r.finish(true);
    await until(() => lrs.verbs().length === 2);
    expect(lrs.verbs()).toEqual(['initialized', 'terminated']);
  });

  it('says why it could not connect: a used fetch URL, no LaunchData', async () => {
    const lrs = fakeLrs();
    await new Cmi5Reporter(LAUNCH, 'first-snapshot', deps(lrs)).start();
    await expect(new Cmi5Reporter(LAUNCH, 'first-snapshot', deps(lrs)).start()).rejects.toThrow(/no token \(error 1: The authorization token has already been returned\.\)/);
    const empty = fakeLrs();
    empty.state.delete('LMS.LaunchData');
    await expect(new Cmi5Reporter(LAUNCH, 'first-snapshot', deps(empty)).start()).rejects.toThrow(/no LMS.LaunchData/);
  });
});
