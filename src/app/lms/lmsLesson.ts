// A lesson launched from a course package: connect to the learning platform, open the session it saved
// (or the lesson from its start), then report the lesson's progress and save the session as the
// learner works, and finish when the page goes away. Without a platform nothing here runs.
import type { LessonView } from '../../engine/core/view';
import type { Session } from '../../worker/session';
import type { WorkerClient } from '../workerClient';
import { followLesson } from '../embed/lessonTracker';
import { reportProblem } from '../embed/pageOptions';
import { withLesson } from '../lesson/lessonState';
import { onSessionSaved } from '../connection';
import { setLmsStatus } from './lmsStatus';
import { SavedLabUnreadable, type LessonProgress, type LmsReporter } from './reporter';
import { decodeSuspendData, fitSuspendData } from './suspendData';

export function progressOf(view: LessonView): LessonProgress {
  return { lesson: view.id, done: view.objectives.filter((o) => o.done).length, total: view.objectives.length, complete: view.complete };
}

let running: { lms: LmsReporter; attempted: () => boolean } | null = null;

/** Page hide: report the end (once; later calls do nothing). */
export function finishLms(): void {
  running?.lms.finish(running.attempted());
}

/**
 * "Exit lesson": report the end, then go where the platform asked (cmi5's returnURL), if anywhere, at
 * once: what is still to be sent leaves with keepalive and needs no page to wait for it.
 */
export function exitLms(win: Window = window): void {
  if (!running) return;
  running.lms.finish(running.attempted());
  const back = running.lms.returnUrl;
  if (back) win.location.assign(back);
}

let retryRead: (() => void) | null = null;

/** The Retry of a saved lab that could not be read. */
export function retryLms(): void {
  const retry = retryRead;
  retryRead = null;
  retry?.();
}

/** Resolves once the lab shows the lesson (restored or fresh) and reporting has begun. */
export async function openLmsLesson(client: WorkerClient, lms: LmsReporter, lessonId: string, win: Window = window): Promise<void> {
  setLmsStatus({ kind: lms.kind, state: 'connecting' });
  let saved: string | null;
  for (;;) {
    try {
      saved = await lms.start();
      setLmsStatus({ state: 'connected', note: null });
      break;
    } catch (e) {
      if (e instanceof SavedLabUnreadable) {
        // Stop: a fresh lesson now would be saved over the learner's lab. The page waits for Retry.
        setLmsStatus({ state: 'stopped', note: `${e.message} Nothing was opened, so nothing is written over it. Retry when the platform answers again, or close this window and launch the lesson later.` });
        await new Promise<void>((resolve) => { retryRead = resolve; });
        setLmsStatus({ state: 'connecting', note: null });
        continue;
      }
      setLmsStatus({ state: 'failed', note: `${e instanceof Error ? e.message : String(e)} Your progress is not reported; the lab works as usual.` });
      await openFresh(client, lessonId);
      return;
    }
  }
  if (!(saved && await restore(client, saved, lessonId))) await openFresh(client, lessonId);

  const state = await client.request({ kind: 'state' });
  const view = withLesson(state, lessonId).lesson;
  lms.begin(view ? progressOf(view) : { lesson: lessonId, done: 0, total: 0, complete: false });
  followLesson(() => {}, (id, v) => { if (id === lessonId) lms.progress(progressOf(v)); });

  let attempted = false;
  let pending: Session | null = null;
  let busy = false;
  const pump = async () => {
    if (busy) return;
    busy = true;
    while (pending) {
      const session: Session = pending;
      pending = null;
      const fitted = await fitSuspendData(session, lms.sessionLimit);
      lms.saveSession(fitted.text);
      setLmsStatus({ limit: fitted.kept < fitted.total || fitted.branchesLeftOut ? limitNote(lms.sessionLimit, fitted.kept, fitted.total) : null });
    }
    busy = false;
  };
  onSessionSaved((session) => {
    if (session.lesson !== lessonId) return; // the learner opened another lesson: keep the package's own
    attempted ||= session.commands.length > 0;
    pending = session;
    void pump();
  });
  running = { lms, attempted: () => attempted };
  win.addEventListener('pagehide', finishLms);
}

export function limitNote(limit: number, kept: number, total: number): string {
  const steps = (n: number) => (n === 1 ? '1 step' : `${n} steps`);
  if (kept === total) return `Your learning platform keeps at most ${limit.toLocaleString('en')} characters of lab history: it holds the branch you are on, at its newest moment, but not your other time-travel branches. Your completion and score are reported as usual.`;
  return kept === 0
    ? `Your learning platform keeps at most ${limit.toLocaleString('en')} characters of lab history and this lab needs more, so it will start from the beginning when you come back. Your completion and score are reported as usual.`
    : `Your learning platform keeps at most ${limit.toLocaleString('en')} characters of lab history: it holds the lab up to your first ${steps(kept)} of ${total}, so the later ones will not come back when you resume. Your completion and score are reported as usual.`;
}

async function restore(client: WorkerClient, saved: string, lessonId: string): Promise<boolean> {
  const decoded = await decodeSuspendData(saved);
  if (!decoded.ok) { reportProblem(decoded.message); return false; }
  if (decoded.session.lesson !== lessonId) return false; // saved by another lesson of the package
  const answer = await client.request({ kind: 'restore', session: decoded.session });
  if (!answer.ok) reportProblem(`The lab saved by your learning platform could not be replayed (${answer.error.message}), so the lesson starts from the beginning.`);
  return answer.ok;
}

async function openFresh(client: WorkerClient, lessonId: string): Promise<void> {
  const answer = await client.request({ kind: 'load', source: lessonId });
  if (!answer.ok) reportProblem(`lesson=${lessonId} was ignored: ${answer.error.message}`);
}
