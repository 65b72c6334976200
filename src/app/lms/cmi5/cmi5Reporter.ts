// The cmi5 conversation for one lesson (AU): token, LMS.LaunchData, then initialized once the lab is
// ready, completed when the lesson is complete, for the assessment passed (when complete) or failed
// (when the learner leaves having tried but not passed; a masteryScore decides if one is given), and
// terminated last. completed and passed go once per registration: SnapLab's own state document
// remembers them (only once the LRS accepted them) with the session, which a relaunch resumes from.
// Statements wait in a durable outbox until the LRS accepts them (statementQueue.ts); the page says
// what reached the platform and what still waits.
import { ASSESSMENT_LESSON, SavedLabUnreadable, scorePercent, type LessonProgress, type LmsReporter } from '../reporter';
import { setLmsStatus } from '../lmsStatus';
import type { Cmi5Launch } from './launch';
import { fetchAuthToken, KEEPALIVE_BUDGET, Lrs, LrsError, REQUEST_TIMEOUT_MS, type FetchLike } from './lrs';
import { indexedDbOutbox, memoryOutbox, outboxKey, type OutboxStore } from './outbox';
import { RETRY_FIRST_MS, RETRY_MAX_MS, StatementQueue } from './statementQueue';
import { cmi5Statement, isoDuration, uuid, type LaunchData, type Result, type Statement, type Verb } from './statements';

/** SnapLab's own state document: the session (suspend data) and what the LRS accepted. */
export const SNAPLAB_STATE = 'snaplab.session';
const SAVE_INTERVAL_MS = 5000;

interface SavedState { session?: string; completed?: boolean; passed?: boolean }

export interface Cmi5Deps {
  fetch: FetchLike;
  now(): number;
  setTimer(fn: () => void, ms: number): unknown;
  clearTimer(h: unknown): void;
  outbox: OutboxStore;
  timeoutMs: number;
}

const browserDeps = (): Cmi5Deps => ({
  fetch: (url, init) => fetch(url, init),
  now: () => Date.now(),
  setTimer: (fn, ms) => setTimeout(fn, ms),
  clearTimer: (h) => clearTimeout(h as ReturnType<typeof setTimeout>),
  outbox: indexedDbOutbox() ?? memoryOutbox(),
  timeoutMs: REQUEST_TIMEOUT_MS,
});

const verbOf = (s: Statement) => s.verb.display['en-US'] as Verb;
const message = (e: unknown) => (e instanceof Error ? e.message : String(e));

export class Cmi5Reporter implements LmsReporter {
  readonly kind = 'cmi5' as const;
  /** A state document has no 4,096-character limit; this keeps it, with the last statements, inside one keepalive request's budget. */
  readonly sessionLimit = 40_000;
  returnUrl: string | null = null;
  private lrs: Lrs | null = null;
  private data: LaunchData | null = null;
  private saved: SavedState = {};
  private startedAt = 0;
  private last: LessonProgress | null = null;
  private queue: StatementQueue | null = null;
  private finished = false;
  /** The state document changed since the LRS last kept it; `stateVersion` counts the changes. */
  private stateVersion = 0;
  private stateKept = 0;
  private stateError: string | null = null;
  private saveTimer: unknown = null;
  private saveDelay = RETRY_FIRST_MS;
  private readonly deps: Cmi5Deps;

  constructor(private readonly launch: Cmi5Launch, private readonly lessonId: string, deps?: Partial<Cmi5Deps>) {
    this.deps = { ...browserDeps(), ...deps };
  }

  /**
   * Connects and reads what the LRS keeps. A failed read of SnapLab's state document rejects with
   * SavedLabUnreadable: calling start() again retries that read (the one-time token is kept).
   */
  async start(): Promise<string | null> {
    if (!this.lrs) {
      const token = await fetchAuthToken(this.launch.fetch, this.deps.fetch, this.deps.timeoutMs);
      this.lrs = new Lrs(this.launch, token, this.deps.fetch, this.deps.timeoutMs);
    }
    const lrs = this.lrs;
    if (!this.data) {
      const data = await lrs.getState('LMS.LaunchData') as LaunchData | null;
      if (!data || typeof data !== 'object' || !data.contextTemplate) throw new Error('The learning platform left no LMS.LaunchData for this launch.');
      // cmi5 asks every AU to read the learner's preferences at start. SnapLab is in English and silent,
      // so neither languagePreference nor audioPreference changes anything; a refusal is not an error.
      await lrs.getAgentProfile('cmi5LearnerPreferences').catch(() => null);
      this.data = data;
      this.returnUrl = typeof data.returnURL === 'string' ? data.returnURL : null;
    }
    let own: unknown;
    try {
      own = await lrs.getState(SNAPLAB_STATE);
    } catch (e) {
      // Opening the lesson fresh now would later write the empty lab over the saved one.
      throw new SavedLabUnreadable(`Your saved lab could not be read from your learning platform: ${message(e)}`);
    }
    this.saved = own && typeof own === 'object' ? own as SavedState : {};
    this.queue = new StatementQueue(this.deps.outbox, outboxKey(this.launch.endpoint, this.launch.registration, this.launch.activityId),
      (batch) => lrs.sendStatements(batch), this.deps, {
        accepted: (batch) => this.accepted(batch),
        refused: (_s, e) => setLmsStatus({ note: `${e.message} It will not be sent again.` }),
        changed: () => this.showSync(),
      });
    await this.queue.load();
    if (this.saved.passed) setLmsStatus({ reported: 'passed' });
    else if (this.saved.completed) setLmsStatus({ reported: 'completed' });
    return typeof this.saved.session === 'string' && this.saved.session ? this.saved.session : null;
  }

  private get judged(): boolean { return this.data?.launchMode === 'Normal'; }

  begin(p: LessonProgress): void {
    this.startedAt = this.deps.now();
    this.send('initialized');
    this.progress(p);
  }

  progress(p: LessonProgress): void {
    if (this.finished || p.lesson !== this.lessonId) return;
    this.last = p;
    if (!this.judged || !p.complete) return;
    const duration = isoDuration(this.deps.now() - this.startedAt);
    // Once per registration: accepted (the state document says so) or waiting in the outbox.
    if (!this.saved.completed && !this.queue?.has('completed')) this.send('completed', { completion: true, duration });
    if (this.lessonId === ASSESSMENT_LESSON && !this.saved.passed && !this.queue?.has('passed')) this.judge(p, duration);
  }

  saveSession(text: string): void {
    if (this.finished || this.saved.session === text) return;
    this.saved.session = text;
    this.stateChanged(SAVE_INTERVAL_MS);
  }

  /** Judged activity: passed when complete (or the score reaches the masteryScore), else failed. */
  private judge(p: LessonProgress, duration: string): void {
    const raw = scorePercent(p);
    const scaled = raw / 100;
    const mastery = this.data?.masteryScore;
    const passed = mastery === undefined ? p.complete : scaled >= mastery;
    const result: Result = { success: passed, score: { scaled, raw, min: 0, max: 100 }, duration };
    this.send(passed ? 'passed' : 'failed', result);
  }

  /**
   * terminated, last; Exit lesson and page close alike. Nothing here waits on the network: the
   * statements still waiting and the state document leave with keepalive, so they arrive even though
   * the page is gone (or goes to the platform's returnURL at once); what the LRS does not take stays
   * in the outbox for the next launch.
   */
  finish(attempted: boolean): void {
    if (this.finished || !this.lrs || !this.queue) return;
    const duration = isoDuration(this.deps.now() - this.startedAt);
    if (this.judged && this.lessonId === ASSESSMENT_LESSON && !this.saved.passed && !this.queue.has('passed') && attempted && this.last) this.judge(this.last, duration);
    this.send('terminated', { duration });
    this.finished = true;
    let budget = KEEPALIVE_BUDGET;
    if (this.stateVersion !== this.stateKept) {
      const body = JSON.stringify(this.saved);
      if (body.length < budget) {
        budget -= body.length;
        this.putState(true);
      }
    }
    void this.queue.flush(budget);
    setLmsStatus({ state: 'finished' });
  }

  /** What a test or the page can wait for: the outbox writes made so far. */
  written(): Promise<unknown> { return this.queue?.written() ?? Promise.resolve(); }

  private send(verb: Verb, result?: Result): void {
    if (!this.queue || !this.data || this.finished) return;
    this.queue.add(cmi5Statement(this.launch, this.data, verb, new Date(this.deps.now()), uuid(), result));
  }

  /** The LRS took these: now (and only now) the page and the state document may say so. */
  private accepted(batch: Statement[]): void {
    for (const s of batch) {
      const verb = verbOf(s);
      if (verb === 'initialized' && !this.saved.completed && !this.saved.passed) setLmsStatus({ reported: this.judged ? 'incomplete' : this.data?.launchMode.toLowerCase() ?? null });
      if (verb === 'completed' && !this.saved.completed) {
        this.saved.completed = true;
        if (!this.saved.passed) setLmsStatus({ reported: 'completed' });
        this.stateChanged(0);
      }
      if (verb === 'passed' || verb === 'failed') {
        if (verb === 'passed' && !this.saved.passed) { this.saved.passed = true; this.stateChanged(0); }
        setLmsStatus({ reported: `${verb} (${s.result?.score?.raw ?? 0}%)` });
      }
    }
  }

  private stateChanged(ms: number): void {
    this.stateVersion++;
    this.showSync();
    if (this.finished) { this.putState(true); return; }
    if (this.saveTimer !== null) {
      if (ms > 0) return;
      this.deps.clearTimer(this.saveTimer);
      this.saveTimer = null;
    }
    if (ms === 0) this.putState(false);
    else this.saveTimer = this.deps.setTimer(() => { this.saveTimer = null; this.putState(false); }, ms);
  }

  /** PUT the state document; a failure tries again later (growing waits), while the page lives. */
  private putState(keepalive: boolean): void {
    const lrs = this.lrs;
    if (!lrs) return;
    const version = this.stateVersion;
    lrs.putState(SNAPLAB_STATE, this.saved, keepalive).then(() => {
      this.stateKept = Math.max(this.stateKept, version);
      this.stateError = null;
      this.saveDelay = RETRY_FIRST_MS;
      this.showSync();
    }, (e: unknown) => {
      this.stateError = message(e);
      this.showSync();
      if (e instanceof LrsError && !e.retry) { setLmsStatus({ note: `${message(e)} Your lab is not saved on your learning platform.` }); return; }
      if (this.saveTimer !== null) return;
      this.saveTimer = this.deps.setTimer(() => { this.saveTimer = null; if (this.stateVersion !== this.stateKept) this.putState(false); }, this.saveDelay);
      this.saveDelay = Math.min(this.saveDelay * 2, RETRY_MAX_MS);
    });
  }

  /** "Saved on your learning platform" only when the LRS took every statement and the state. */
  private showSync(): void {
    const statements = this.queue?.waiting ?? 0;
    const stateWaits = this.stateVersion !== this.stateKept;
    if (!statements && !stateWaits) { setLmsStatus({ sync: 'saved', syncNote: null }); return; }
    const why = this.queue?.lastError ?? this.stateError;
    setLmsStatus({ sync: 'waiting', syncNote: why });
  }
}
