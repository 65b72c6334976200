// The SCORM 1.2 run-time conversation: LMSInitialize, cmi.core.lesson_status incomplete then completed,
// the assessment's cmi.core.score.raw, cmi.core.lesson_location, the session in cmi.suspend_data,
// LMSCommit after changes (at once for status, at most every few seconds for the session), and
// cmi.core.exit "suspend" + LMSFinish at the end so the platform offers the session back next time.
// An LMSSetValue or LMSCommit answered "false" is tried again with growing waits (1 s, 2 s ... 30 s)
// until the LMS takes it; the page says "completed" only once a commit holding it was accepted. A
// value the LMS can never take (a wrong element or type: errors 201-203, 401-405) is reported, not
// retried.
import { ASSESSMENT_LESSON, scorePercent, type LessonProgress, type LmsReporter } from '../reporter';
import { setLmsStatus } from '../lmsStatus';
import { SCORM12_SUSPEND_LIMIT } from '../suspendData';
import type { Scorm12Api } from './findApi';

export const COMMIT_INTERVAL_MS = 5000;
export const RETRY_FIRST_MS = 1000;
export const RETRY_MAX_MS = 30_000;
/** LMSSetValue errors that no retry can mend. */
const REFUSED_FOR_GOOD = new Set(['201', '202', '203', '401', '402', '403', '404', '405']);

export interface ReporterClock { now(): number; setTimer(fn: () => void, ms: number): unknown; clearTimer(handle: unknown): void }

const systemClock: ReporterClock = {
  now: () => Date.now(),
  setTimer: (fn, ms) => setTimeout(fn, ms),
  clearTimer: (h) => clearTimeout(h as ReturnType<typeof setTimeout>),
};

const isTrue = (v: unknown) => v === true || String(v) === 'true';

/** SCORM 1.2's CMITimespan: HHHH:MM:SS.SS. */
export function scormTimespan(ms: number): string {
  const cs = Math.max(0, Math.round(ms / 10));
  const h = Math.min(9999, Math.floor(cs / 360000));
  const m = Math.floor(cs / 6000) % 60;
  const s = (cs % 6000) / 100;
  return `${String(h).padStart(4, '0')}:${String(m).padStart(2, '0')}:${s.toFixed(2).padStart(5, '0')}`;
}

export class Scorm12Reporter implements LmsReporter {
  readonly kind = 'scorm12' as const;
  readonly sessionLimit = SCORM12_SUSPEND_LIMIT;
  private completed = false;
  private review = false;
  private finished = false;
  private startedAt = 0;
  private commitTimer: unknown = null;
  /** Values were set since the last accepted LMSCommit. */
  private dirty = false;
  private lastCommit = -Infinity;
  /** What the LMS took (LMSSetValue "true"); `refused`: what it answered "false" to, to set again. */
  private values = new Map<string, string>();
  private refused = new Map<string, string>();
  /** What the page may say once the next commit is accepted ("incomplete", "completed"). */
  private toReport: string | null = null;
  private retryDelay = RETRY_FIRST_MS;
  /** Why the last try failed, while tries go on (shown beside "Waiting to send progress…"). */
  private retryError: string | null = null;
  /** Refusals no retry mends, in sentences. */
  private errors: string[] = [];

  constructor(private readonly api: Scorm12Api, private readonly lessonId: string, private readonly clock: ReporterClock = systemClock) {}

  async start(): Promise<string | null> {
    if (!isTrue(this.api.LMSInitialize(''))) throw new Error(`The learning platform refused to start this lesson (LMSInitialize: ${this.lastError()}).`);
    const status = this.get('cmi.core.lesson_status');
    this.completed = status === 'completed' || status === 'passed';
    this.review = this.get('cmi.core.lesson_mode') === 'review';
    if (this.completed) setLmsStatus({ reported: status });
    return this.get('cmi.suspend_data') || null;
  }

  begin(p: LessonProgress): void {
    this.startedAt = this.clock.now();
    if (!this.completed && !this.review) this.set('cmi.core.lesson_status', 'incomplete');
    if (!this.completed) this.toReport = this.review ? 'review' : 'incomplete';
    this.progress(p);
    this.commitNow();
  }

  progress(p: LessonProgress): void {
    if (this.finished || p.lesson !== this.lessonId) return;
    this.set('cmi.core.lesson_location', `${p.done}/${p.total} objectives`);
    if (this.review) return this.commitSoon();
    if (this.lessonId === ASSESSMENT_LESSON) {
      this.set('cmi.core.score.min', '0');
      this.set('cmi.core.score.max', '100');
      this.set('cmi.core.score.raw', String(this.completed ? 100 : scorePercent(p)));
    }
    if (p.complete && !this.completed) {
      this.completed = true;
      this.set('cmi.core.lesson_status', 'completed');
      this.toReport = 'completed';
      return this.commitNow();
    }
    this.commitSoon();
  }

  saveSession(text: string): void {
    if (this.finished) return;
    this.set('cmi.suspend_data', text);
    this.commitSoon();
  }

  finish(): void {
    if (this.finished) return;
    this.set('cmi.core.session_time', scormTimespan(this.clock.now() - this.startedAt));
    this.set('cmi.core.exit', 'suspend');
    this.commitNow();
    this.finished = true;
    this.stopTimer();
    // LMSFinish ends the session; the LMS stores what it holds, so a clean answer means saved.
    if (isTrue(this.api.LMSFinish(''))) { this.report(); setLmsStatus({ sync: 'saved', syncNote: null }); }
    else { this.fail(`LMSFinish: ${this.lastError()}`); setLmsStatus({ sync: 'waiting', syncNote: null }); }
    setLmsStatus({ state: 'finished' });
  }

  private get(element: string): string {
    const v = this.api.LMSGetValue(element);
    return v === null || v === undefined ? '' : String(v);
  }

  /** Sets a value when it changed; a refusal is reported, never thrown, and tried again unless it can never pass. */
  private set(element: string, value: string): void {
    if (this.values.get(element) === value && !this.refused.has(element)) return;
    if (isTrue(this.api.LMSSetValue(element, value))) {
      this.values.set(element, value);
      this.refused.delete(element);
      this.dirty = true;
      return;
    }
    const why = `${element}: ${this.lastError()}`;
    if (REFUSED_FOR_GOOD.has(this.errorCode())) {
      this.refused.delete(element);
      this.fail(why);
    } else {
      this.refused.set(element, value);
      this.retryError = why;
    }
  }

  private commitSoon(): void {
    if ((!this.dirty && !this.refused.size) || this.commitTimer !== null) return;
    this.showSync();
    const wait = Math.max(0, this.lastCommit + COMMIT_INTERVAL_MS - this.clock.now());
    this.commitTimer = this.clock.setTimer(() => { this.commitTimer = null; this.commitNow(); }, wait);
  }

  private commitNow(): void {
    this.stopTimer();
    if (this.finished) return;
    for (const [element, value] of [...this.refused]) this.set(element, value);
    if (this.refused.size) return this.retryLater();
    if (!this.dirty) { this.report(); return this.showSync(); }
    this.lastCommit = this.clock.now();
    if (!isTrue(this.api.LMSCommit(''))) {
      this.retryError = `LMSCommit: ${this.lastError()}`;
      return this.retryLater();
    }
    this.dirty = false;
    this.retryError = null;
    this.retryDelay = RETRY_FIRST_MS;
    this.report();
    this.showSync();
  }

  private retryLater(): void {
    this.showSync();
    this.commitTimer = this.clock.setTimer(() => { this.commitTimer = null; this.commitNow(); }, this.retryDelay);
    this.retryDelay = Math.min(this.retryDelay * 2, RETRY_MAX_MS);
  }

  private stopTimer(): void {
    if (this.commitTimer !== null) this.clock.clearTimer(this.commitTimer);
    this.commitTimer = null;
  }

  /** The LMS accepted a commit: the status it holds may now be shown. */
  private report(): void {
    if (this.toReport === null) return;
    setLmsStatus({ reported: this.toReport });
    this.toReport = null;
  }

  private showSync(): void {
    const waits = this.dirty || this.refused.size > 0;
    setLmsStatus(waits
      ? { sync: 'waiting', syncNote: this.retryError ? `The platform did not take the last save (${this.retryError}); trying again.` : null }
      : { sync: 'saved', syncNote: null });
  }

  private errorCode(): string {
    try { return String(this.api.LMSGetLastError()); } catch { return ''; }
  }

  private lastError(): string {
    try {
      const code = String(this.api.LMSGetLastError());
      return `error ${code}${code !== '0' ? `, ${String(this.api.LMSGetErrorString(code))}` : ''}`;
    } catch {
      return 'no error code';
    }
  }

  private fail(what: string): void {
    this.errors.push(what);
    setLmsStatus({ note: `The learning platform refused part of the progress report (${this.errors.slice(-3).join('; ')}).` });
  }
}
