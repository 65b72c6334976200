// The cmi5 conversation for one lesson (AU): token, LMS.LaunchData, then initialized once the lab is
// ready, completed when the lesson is complete, for the assessment passed (when complete) or failed
// (when the learner leaves having tried but not passed; a masteryScore decides if one is given), and
// terminated last. completed and passed go once per registration: SnapLab's own state document
// remembers them with the session, which is also what a relaunch resumes from.
import { ASSESSMENT_LESSON, scorePercent, type LessonProgress, type LmsReporter } from '../reporter';
import { setLmsStatus } from '../lmsStatus';
import type { Cmi5Launch } from './launch';
import { fetchAuthToken, Lrs, type FetchLike } from './lrs';
import { cmi5Statement, isoDuration, uuid, type LaunchData, type Result, type Statement, type Verb } from './statements';

/** SnapLab's own state document: the session (suspend data) and what was already reported. */
export const SNAPLAB_STATE = 'snaplab.session';
const SAVE_INTERVAL_MS = 5000;

interface SavedState { session?: string; completed?: boolean; passed?: boolean }

export interface Cmi5Deps { fetch: FetchLike; now(): number; setTimer(fn: () => void, ms: number): unknown; clearTimer(h: unknown): void }

const browserDeps = (): Cmi5Deps => ({
  fetch: (url, init) => fetch(url, init),
  now: () => Date.now(),
  setTimer: (fn, ms) => setTimeout(fn, ms),
  clearTimer: (h) => clearTimeout(h as ReturnType<typeof setTimeout>),
});

export class Cmi5Reporter implements LmsReporter {
  readonly kind = 'cmi5' as const;
  /** A state document has no 4,096-character limit; this keeps one request comfortably small. */
  readonly sessionLimit = 60_000;
  returnUrl: string | null = null;
  private lrs: Lrs | null = null;
  private data: LaunchData | null = null;
  private saved: SavedState = {};
  private startedAt = 0;
  private last: LessonProgress | null = null;
  /** Statements waiting their turn; one is on its way at a time, so they arrive in order. */
  private outbox: Statement[] = [];
  private inFlight: Promise<void> | null = null;
  private saveTimer: unknown = null;
  private finished = false;
  private readonly deps: Cmi5Deps;

  constructor(private readonly launch: Cmi5Launch, private readonly lessonId: string, deps?: Partial<Cmi5Deps>) {
    this.deps = { ...browserDeps(), ...deps };
  }

  async start(): Promise<string | null> {
    const token = await fetchAuthToken(this.launch.fetch, this.deps.fetch);
    this.lrs = new Lrs(this.launch, token, this.deps.fetch);
    const data = await this.lrs.getState('LMS.LaunchData') as LaunchData | null;
    if (!data || typeof data !== 'object' || !data.contextTemplate) throw new Error('The learning platform left no LMS.LaunchData for this launch.');
    this.data = data;
    // cmi5 asks every AU to read the learner's preferences at start. SnapLab is in English and silent,
    // so neither languagePreference nor audioPreference changes anything; a refusal is not an error.
    await this.lrs.getAgentProfile('cmi5LearnerPreferences').catch(() => null);
    this.returnUrl = typeof data.returnURL === 'string' ? data.returnURL : null;
    const own = await this.lrs.getState(SNAPLAB_STATE).catch(() => null) as SavedState | null;
    this.saved = own && typeof own === 'object' ? own : {};
    if (this.saved.passed) setLmsStatus({ reported: 'passed' });
    else if (this.saved.completed) setLmsStatus({ reported: 'completed' });
    return typeof this.saved.session === 'string' && this.saved.session ? this.saved.session : null;
  }

  private get judged(): boolean { return this.data?.launchMode === 'Normal'; }

  begin(p: LessonProgress): void {
    this.startedAt = this.deps.now();
    this.send('initialized');
    if (!this.saved.completed && !this.saved.passed) setLmsStatus({ reported: this.judged ? 'incomplete' : this.data?.launchMode.toLowerCase() ?? null });
    this.progress(p);
  }

  progress(p: LessonProgress): void {
    if (this.finished || p.lesson !== this.lessonId) return;
    this.last = p;
    if (!this.judged || !p.complete) return;
    const duration = isoDuration(this.deps.now() - this.startedAt);
    if (!this.saved.completed) {
      this.saved.completed = true;
      this.send('completed', { completion: true, duration });
      setLmsStatus({ reported: 'completed' });
      this.saveSoon(0);
    }
    if (this.lessonId === ASSESSMENT_LESSON && !this.saved.passed) this.judge(p, duration);
  }

  saveSession(text: string): void {
    if (this.finished) return;
    this.saved.session = text;
    this.saveSoon(SAVE_INTERVAL_MS);
  }

  /** Judged activity: passed when complete (or the score reaches the masteryScore), else failed. */
  private judge(p: LessonProgress, duration: string): void {
    const raw = scorePercent(p);
    const scaled = raw / 100;
    const mastery = this.data?.masteryScore;
    const passed = mastery === undefined ? p.complete : scaled >= mastery;
    const result: Result = { success: passed, score: { scaled, raw, min: 0, max: 100 }, duration };
    this.send(passed ? 'passed' : 'failed', result);
    if (passed) this.saved.passed = true;
    setLmsStatus({ reported: `${passed ? 'passed' : 'failed'} (${raw}%)` });
  }

  /**
   * terminated, last. `closing`: the page is going away and no later callback will run, so whatever
   * still waits goes out now with keepalive (the timestamps keep the order, as cmi5 reads it);
   * otherwise (Exit lesson) terminated waits its turn.
   */
  async finish(attempted: boolean, closing = true): Promise<void> {
    if (this.finished || !this.lrs) return;
    const duration = isoDuration(this.deps.now() - this.startedAt);
    if (this.judged && this.lessonId === ASSESSMENT_LESSON && !this.saved.passed && attempted && this.last) this.judge(this.last, duration);
    this.send('terminated', { duration });
    this.finished = true;
    if (this.saveTimer !== null) this.deps.clearTimer(this.saveTimer);
    const lrs = this.lrs;
    const state = lrs.putState(SNAPLAB_STATE, this.saved, true).catch((e: unknown) => this.fail(e));
    setLmsStatus({ state: 'finished' });
    if (closing) {
      const rest = this.outbox.splice(0).map((s) => lrs.sendStatement(s, true).catch((e: unknown) => this.fail(e)));
      await Promise.all([state, this.inFlight, ...rest]);
      return;
    }
    while (this.inFlight) await this.inFlight;
    await state;
  }

  /** Statements go one after another, in the order they happened. */
  private send(verb: Verb, result?: Result): void {
    if (!this.lrs || !this.data || this.finished) return;
    this.outbox.push(cmi5Statement(this.launch, this.data, verb, new Date(this.deps.now()), uuid(), result));
    this.pump();
  }

  private pump(): void {
    const lrs = this.lrs;
    const next = this.outbox.shift();
    if (this.inFlight || !lrs || !next) { if (next) this.outbox.unshift(next); return; }
    this.inFlight = lrs.sendStatement(next).catch((e: unknown) => this.fail(e)).finally(() => {
      this.inFlight = null;
      this.pump();
    });
  }

  private saveSoon(ms: number): void {
    if (this.saveTimer !== null) {
      if (ms > 0) return;
      this.deps.clearTimer(this.saveTimer);
    }
    this.saveTimer = this.deps.setTimer(() => {
      this.saveTimer = null;
      if (this.finished || !this.lrs) return;
      this.lrs.putState(SNAPLAB_STATE, this.saved).catch((e: unknown) => this.fail(e));
    }, ms);
  }

  private fail(e: unknown): void {
    setLmsStatus({ note: `Part of your progress did not reach the learning platform: ${e instanceof Error ? e.message : String(e)}` });
  }
}
