import { describe, expect, it } from 'vitest';
import { useLmsStatus } from '../lmsStatus';
import { fakeScormApi } from './fakeScormApi';
import { COMMIT_INTERVAL_MS, RETRY_FIRST_MS, Scorm12Reporter, scormTimespan, type ReporterClock } from './scormReporter';

function manualClock(): ReporterClock & { advance(ms: number): void } {
  let now = 0;
  let timers: { at: number; fn: () => void }[] = [];
  return {
    now: () => now,
    setTimer: (fn, ms) => { const t = { at: now + ms, fn }; timers.push(t); return t; },
    clearTimer: (h) => { timers = timers.filter((t) => t !== h); },
    advance(ms) {
      now += ms;
      for (const t of timers.filter((x) => x.at <= now)) { timers = timers.filter((x) => x !== t); t.fn(); }
    },
  };
}

const progress = (lesson: string, done: number, total: number) => ({ lesson, done, total, complete: done === total });
const sets = (calls: string[][], element: string) => calls.filter((c) => c[0] === 'LMSSetValue' && c[1] === element).map((c) => c[2]);

describe('SCORM 1.2 reporter', () => {
  it('initializes first, reports incomplete, then completed with a commit, and finishes with suspend', async () => {
    const api = fakeScormApi();
    const clock = manualClock();
    const r = new Scorm12Reporter(api, 'first-snapshot', clock);
    expect(await r.start()).toBeNull();
    expect(api.calls[0]).toEqual(['LMSInitialize']);
    r.begin(progress('first-snapshot', 0, 4));
    expect(api.data.get('cmi.core.lesson_status')).toBe('incomplete');
    expect(api.calls.at(-1)).toEqual(['LMSCommit']);
    r.progress(progress('first-snapshot', 4, 4));
    expect(api.data.get('cmi.core.lesson_status')).toBe('completed');
    expect(api.data.get('cmi.core.lesson_location')).toBe('4/4 objectives');
    expect(api.calls.at(-1)).toEqual(['LMSCommit']);
    expect(useLmsStatus.getState().reported).toBe('completed');
    // Completed stays completed when an objective is undone later.
    r.progress(progress('first-snapshot', 3, 4));
    expect(sets(api.calls, 'cmi.core.lesson_status')).toEqual(['incomplete', 'completed']);
    expect(api.data.has('cmi.core.score.raw')).toBe(false);
    clock.advance(61_000);
    r.finish();
    expect(api.data.get('cmi.core.exit')).toBe('suspend');
    expect(api.data.get('cmi.core.session_time')).toBe('0000:01:01.00');
    expect(api.calls.slice(-2)).toEqual([['LMSCommit'], ['LMSFinish']]);
    r.saveSession('s1.late');
    r.finish();
    expect(api.calls.filter((c) => c[0] === 'LMSFinish')).toHaveLength(1);
    expect(api.data.has('cmi.suspend_data')).toBe(false);
  });

  it('saves the session in cmi.suspend_data, committing at most every few seconds', async () => {
    const api = fakeScormApi();
    const clock = manualClock();
    const r = new Scorm12Reporter(api, 'first-snapshot', clock);
    await r.start();
    r.begin(progress('first-snapshot', 0, 4));
    const commits = () => api.calls.filter((c) => c[0] === 'LMSCommit').length;
    const before = commits();
    r.saveSession('s1.a');
    r.saveSession('s1.b');
    expect(api.data.get('cmi.suspend_data')).toBe('s1.b');
    expect(commits()).toBe(before);
    clock.advance(COMMIT_INTERVAL_MS);
    expect(commits()).toBe(before + 1);
    r.saveSession('s1.b'); // unchanged: nothing to commit
    clock.advance(COMMIT_INTERVAL_MS);
    expect(commits()).toBe(before + 1);
  });

  it('resumes: hands back the saved session and keeps a completed status', async () => {
    const api = fakeScormApi({ 'cmi.core.lesson_status': 'completed', 'cmi.suspend_data': 's1.saved', 'cmi.core.entry': 'resume' });
    const r = new Scorm12Reporter(api, 'first-snapshot', manualClock());
    expect(await r.start()).toBe('s1.saved');
    r.begin(progress('first-snapshot', 1, 4));
    expect(sets(api.calls, 'cmi.core.lesson_status')).toEqual([]);
  });

  it('scores the assessment as the share of objectives met, 100 once complete', async () => {
    const api = fakeScormApi();
    const r = new Scorm12Reporter(api, 'assessment', manualClock());
    await r.start();
    r.begin(progress('assessment', 0, 5));
    r.progress(progress('assessment', 2, 5));
    expect(api.data.get('cmi.core.score.raw')).toBe('40');
    expect(api.data.get('cmi.core.score.max')).toBe('100');
    r.progress(progress('assessment', 5, 5));
    r.progress(progress('assessment', 4, 5));
    expect(sets(api.calls, 'cmi.core.score.raw')).toEqual(['0', '40', '100']);
  });

  it('in review mode changes no status, and says when the platform refuses a value', async () => {
    const review = fakeScormApi({ 'cmi.core.lesson_mode': 'review' });
    const r = new Scorm12Reporter(review, 'first-snapshot', manualClock());
    await r.start();
    r.begin(progress('first-snapshot', 4, 4));
    expect(sets(review.calls, 'cmi.core.lesson_status')).toEqual([]);

    const strict = fakeScormApi({}, ['cmi.core.lesson_location']);
    const s = new Scorm12Reporter(strict, 'first-snapshot', manualClock());
    await s.start();
    s.begin(progress('first-snapshot', 0, 4));
    expect(useLmsStatus.getState().note).toMatch(/cmi\.core\.lesson_location: error 405, Incorrect Data Type/);
  });

  it('a commit answered "false" is tried again with growing waits; "completed" shows only once the LMS took it', async () => {
    const api = fakeScormApi();
    const clock = manualClock();
    const r = new Scorm12Reporter(api, 'first-snapshot', clock);
    await r.start();
    r.begin(progress('first-snapshot', 0, 4));
    expect(useLmsStatus.getState()).toMatchObject({ reported: 'incomplete', sync: 'saved' });
    api.refuseCommits = 2;
    r.progress(progress('first-snapshot', 4, 4));
    const commits = () => api.calls.filter((c) => c[0] === 'LMSCommit').length;
    const tried = commits();
    expect(useLmsStatus.getState()).toMatchObject({ reported: 'incomplete', sync: 'waiting', syncNote: expect.stringMatching(/LMSCommit: error 101, General exception\); trying again/) });
    expect(api.committed.get('cmi.core.lesson_status')).toBe('incomplete');
    clock.advance(RETRY_FIRST_MS - 1);
    expect(commits()).toBe(tried);
    clock.advance(1);
    expect(commits()).toBe(tried + 1);
    expect(useLmsStatus.getState().reported).toBe('incomplete');
    clock.advance(2 * RETRY_FIRST_MS);
    expect(commits()).toBe(tried + 2);
    expect(api.committed.get('cmi.core.lesson_status')).toBe('completed');
    expect(useLmsStatus.getState()).toMatchObject({ reported: 'completed', sync: 'saved', syncNote: null });
    clock.advance(60_000);
    expect(commits()).toBe(tried + 2);
  });

  it('a value refused with a general error is set again before the commit; one refused for good is not', async () => {
    const api = fakeScormApi({}, ['cmi.core.lesson_location']);
    const clock = manualClock();
    const r = new Scorm12Reporter(api, 'first-snapshot', clock);
    await r.start();
    r.begin(progress('first-snapshot', 0, 4));
    api.refuseSets = 1;
    r.saveSession('s1.kept');
    expect(api.data.has('cmi.suspend_data')).toBe(false);
    clock.advance(COMMIT_INTERVAL_MS);
    expect(api.committed.get('cmi.suspend_data')).toBe('s1.kept');
    expect(sets(api.calls, 'cmi.suspend_data')).toEqual(['s1.kept', 's1.kept']);
    expect(sets(api.calls, 'cmi.core.lesson_location')).toEqual(['0/4 objectives']);
    expect(useLmsStatus.getState().sync).toBe('saved');
  });

  it('reports a refused LMSInitialize as a sentence', async () => {
    const api = { ...fakeScormApi(), LMSInitialize: () => 'false', LMSGetLastError: () => '101', LMSGetErrorString: () => 'General exception' };
    await expect(new Scorm12Reporter(api, 'first-snapshot').start()).rejects.toThrow(/refused to start this lesson \(LMSInitialize: error 101, General exception\)/);
  });

  it('writes CMITimespan', () => {
    expect(scormTimespan(0)).toBe('0000:00:00.00');
    expect(scormTimespan(3_723_450)).toBe('0001:02:03.45');
  });
});
