import { beforeEach, describe, expect, it } from 'vitest';
import { createLab } from '../../engine/index';
import { getLesson, lessonLabDefinition } from '../../lessons';
import type { Session } from '../../worker/session';
import { dismissProblems, usePageOptions } from '../embed/pageOptions';
import { disableAutosave, saveSession } from '../connection';
import type { WorkerClient } from '../workerClient';
import { useLmsStatus } from './lmsStatus';
import { exitLms, limitNote, openLmsLesson, retryLms } from './lmsLesson';
import { SavedLabUnreadable, type LessonProgress, type LmsReporter } from './reporter';
import { encodeSuspendData } from './suspendData';

const lesson = getLesson('first-snapshot')!;
const session = (lessonId: string, commands: number): Session => ({
  format: 'snaplab-session', version: 1, definition: lessonLabDefinition(getLesson(lessonId)!), lesson: lessonId,
  commands: Array.from({ length: commands }, (_, i) => ({ at: i * 1000, command: { type: 'snapshot.take', vm: 'exch01', name: `s${i} ${'z'.repeat(i % 29)}` } })),
  time: commands * 1000,
});

/** The worker's side, as far as the lesson start needs it. */
function fakeClient() {
  const requests: { kind: string; [k: string]: unknown }[] = [];
  const state = createLab(lessonLabDefinition(lesson)).state();
  const client = {
    request: async (r: { kind: string; [k: string]: unknown }) => {
      requests.push(r);
      if (r.kind === 'state') return state;
      return { ok: true, name: 'First snapshot' };
    },
  } as unknown as WorkerClient;
  return { client, requests };
}

function fakeReporter(saved: string | null | Error | (() => string | null), sessionLimit = 4096) {
  const log: unknown[][] = [];
  const reporter: LmsReporter = {
    kind: 'scorm12',
    sessionLimit,
    start: async () => { log.push(['start']); if (saved instanceof Error) throw saved; return typeof saved === 'function' ? saved() : saved; },
    begin: (p: LessonProgress) => { log.push(['begin', p]); },
    progress: (p: LessonProgress) => { log.push(['progress', p.done]); },
    saveSession: (text: string) => { log.push(['save', text]); },
    finish: (attempted: boolean) => { log.push(['finish', attempted]); },
  };
  return { reporter, log };
}

function fakeWindow() {
  const listeners = new Map<string, () => void>();
  return { win: { addEventListener: (type: string, fn: () => void) => listeners.set(type, fn) } as unknown as Window, fire: (type: string) => listeners.get(type)?.() };
}

const until = async (check: () => boolean) => { for (let i = 0; i < 200 && !check(); i++) await new Promise((r) => setTimeout(r, 5)); };

beforeEach(() => {
  disableAutosave();
  dismissProblems();
  useLmsStatus.setState({ kind: null, state: 'off', reported: null, sync: null, syncNote: null, note: null, limit: null });
});

describe('a lesson launched from a course package', () => {
  it('restores the session the platform kept, then begins reporting', async () => {
    const kept = session('first-snapshot', 2);
    const { client, requests } = fakeClient();
    const { reporter, log } = fakeReporter(await encodeSuspendData(kept));
    await openLmsLesson(client, reporter, 'first-snapshot', fakeWindow().win);
    expect(requests.find((r) => r.kind === 'restore')?.session).toEqual(kept);
    expect(requests.some((r) => r.kind === 'load')).toBe(false);
    expect(log[1]).toEqual(['begin', { lesson: 'first-snapshot', done: 0, total: 4, complete: false }]);
    expect(useLmsStatus.getState()).toMatchObject({ kind: 'scorm12', state: 'connected' });
  });

  it('opens the lesson from its start when the kept data is damaged (and says so) or belongs to another lesson', async () => {
    for (const [saved, problem] of [['s1.broken!', /could not be read/], [await encodeSuspendData(session('vss-flow', 1)), null]] as const) {
      dismissProblems();
      const { client, requests } = fakeClient();
      await openLmsLesson(client, fakeReporter(saved).reporter, 'first-snapshot', fakeWindow().win);
      expect(requests.filter((r) => r.kind === 'load')).toEqual([{ kind: 'load', source: 'first-snapshot' }]);
      expect(requests.some((r) => r.kind === 'restore')).toBe(false);
      if (problem) expect(usePageOptions.getState().problems.join(' ')).toMatch(problem);
      else expect(usePageOptions.getState().problems).toEqual([]);
    }
  });

  it('when the platform cannot be reached: the lesson opens, nothing is reported, the page says why', async () => {
    const { client, requests } = fakeClient();
    const { reporter, log } = fakeReporter(new Error('The learning platform refused to start this lesson.'));
    await openLmsLesson(client, reporter, 'first-snapshot', fakeWindow().win);
    expect(requests.some((r) => r.kind === 'load')).toBe(true);
    expect(log).toEqual([['start']]);
    expect(useLmsStatus.getState().state).toBe('failed');
    expect(useLmsStatus.getState().note).toMatch(/refused to start this lesson\. Your progress is not reported/);
  });

  it('saves this lesson\'s sessions (not another lesson\'s), says what did not fit, and finishes on page hide', async () => {
    const { client } = fakeClient();
    const { reporter, log } = fakeReporter(null, 600);
    const { win, fire } = fakeWindow();
    await openLmsLesson(client, reporter, 'first-snapshot', win);
    saveSession(session('vss-flow', 3));
    saveSession(session('first-snapshot', 1));
    await until(() => log.some((l) => l[0] === 'save'));
    const saves = () => log.filter((l) => l[0] === 'save').map((l) => l[1] as string);
    expect(saves()).toEqual([await encodeSuspendData(session('first-snapshot', 1))]);
    expect(useLmsStatus.getState().limit).toBeNull();

    saveSession(session('first-snapshot', 60));
    await until(() => saves().length === 2);
    expect(saves()[1].length).toBeLessThanOrEqual(600);
    expect(useLmsStatus.getState().limit).toMatch(/keeps at most 600 characters of lab history: it holds the lab up to your first \d+ steps of 60/);

    fire('pagehide');
    expect(log.at(-1)).toEqual(['finish', true]);
  });

  it('when the saved lab cannot be read: nothing opens and nothing is saved until Retry reads it', async () => {
    const kept = await encodeSuspendData(session('first-snapshot', 2));
    let readable = false;
    const { client, requests } = fakeClient();
    const { reporter, log } = fakeReporter(() => { if (!readable) throw new SavedLabUnreadable('Your saved lab could not be read from your learning platform: HTTP 500.'); return kept; });
    let opened = false;
    const opening = openLmsLesson(client, reporter, 'first-snapshot', fakeWindow().win).then(() => { opened = true; });
    await until(() => useLmsStatus.getState().state === 'stopped');
    expect(useLmsStatus.getState().note).toMatch(/could not be read from your learning platform: HTTP 500\. Nothing was opened/);
    saveSession(session('first-snapshot', 0));
    await new Promise((r) => setTimeout(r, 0));
    expect(opened).toBe(false);
    expect(requests.filter((r) => r.kind === 'load' || r.kind === 'restore')).toEqual([]);
    expect(log.filter((l) => l[0] !== 'start')).toEqual([]);
    readable = true;
    retryLms();
    await opening;
    expect(requests.find((r) => r.kind === 'restore')?.session).toEqual(session('first-snapshot', 2));
    expect(requests.some((r) => r.kind === 'load')).toBe(false);
    expect(useLmsStatus.getState()).toMatchObject({ state: 'connected', note: null });
    expect(log.filter((l) => l[0] === 'start')).toHaveLength(2);
  });

  it('Exit lesson reports the end and goes to the platform\'s return address without waiting', async () => {
    const { client } = fakeClient();
    const { reporter, log } = fakeReporter(null);
    (reporter as { returnUrl?: string }).returnUrl = 'https://lms.example.com/back';
    await openLmsLesson(client, reporter, 'first-snapshot', fakeWindow().win);
    const went: string[] = [];
    exitLms({ location: { assign: (u: string) => went.push(u) } } as unknown as Window);
    expect(log.at(-1)).toEqual(['finish', false]);
    expect(went).toEqual(['https://lms.example.com/back']);
  });

  it('words the limit for each case', () => {
    expect(limitNote(4096, 0, 5)).toMatch(/start from the beginning when you come back/);
    expect(limitNote(4096, 1, 5)).toMatch(/up to your first 1 step of 5/);
    expect(limitNote(4096, 5, 5)).toMatch(/not your other time-travel branches/);
  });
});
