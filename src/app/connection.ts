// The page's connection to the lab worker: starts (and restarts) it, restores the autosave, and routes
// the worker's messages: state patches, history and the Datastore charts' posts to the store, sessions
// to autosave. "Restart lab" after a crash starts a new worker and restores the last autosave. A
// restore that does not finish in time (a session that would replay for ever) is stopped and the
// default lab opened. All of it lives in a Connection object; the page's one is given to the store
// (useLab's `connection`), where the command functions find it, and a test makes its own.
import type { LoadAnswer, WorkerMessage } from '../worker/protocol';
import type { ClockView, StatePatch } from '../worker/protocol';
import { applyPatch, patchLessonId } from '../worker/patch';
import type { Session } from '../worker/session';
import { browserAutosave, type Autosave } from './persistence/autosave';
import { clearCharts, commitState, notify, receiveCharts, receiveClock, receiveHistory, receiveLiveTime, setStatus, useLab, type LabConnection } from './store';
import { browserTakeovers, type Takeovers } from './offline/takeover';
import { WorkerClient, type PortLike } from './workerClient';

export type PortFactory = () => PortLike;

/** The built-in lab a session that cannot be restored falls back to (the page's default lab). */
export const DEFAULT_LAB = 'workshop';
/** The longest a session may take to rebuild before it is given up. */
export const RESTORE_TIMEOUT_MS = 20_000;
/** The longest the lab waits for a new service worker to finish taking over before starting its worker. */
export const TAKEOVER_WAIT_MS = 10_000;
/** Workers started for one start: the first, and again after each takeover that came before hello. */
const MAX_WORKER_TRIES = 3;

export interface ConnectionOptions {
  /** The worker (default: the lab's Web Worker). */
  makePort?: PortFactory;
  /** Where sessions are saved (default: the browser's autosave). */
  autosave?: Autosave;
  restoreTimeoutMs?: number;
  /** A new service worker taking over the page (default: the browser's; see offline/takeover.ts). */
  takeovers?: Takeovers;
}

const workerPort: PortFactory = () =>
  new Worker(new URL('../worker/labWorker.ts', import.meta.url), { type: 'module', name: 'snaplab-engine' }) as unknown as PortLike;

export class Connection implements LabConnection {
  readonly autosave: Autosave;
  private readonly restoreTimeoutMs: number;
  private readonly takeovers: Takeovers;
  private makePort: PortFactory;
  private client: WorkerClient | null = null;
  private started: Promise<void> | null = null;

  constructor(options: ConnectionOptions = {}) {
    this.makePort = options.makePort ?? workerPort;
    this.autosave = options.autosave ?? browserAutosave();
    this.restoreTimeoutMs = options.restoreTimeoutMs ?? RESTORE_TIMEOUT_MS;
    this.takeovers = options.takeovers ?? browserTakeovers();
  }

  restoreTimedOut(): string {
    return `Rebuilding the session took longer than ${this.restoreTimeoutMs / 1000} s, so it was stopped and the workshop lab was opened instead.`;
  }

  /** Start (or restart) the worker; resolves once the lab is ready, autosave restored. */
  start(makePort: PortFactory = this.makePort): Promise<void> {
    this.makePort = makePort;
    setStatus('starting');
    const started = (async () => {
      const c = await this.startWorker();
      const { saved, note } = await this.autosave.load();
      if (saved) {
        const answer = await this.restoreOn(c, saved.session);
        if (answer === 'timeout') {
          await this.freshWorker();
          notify('error', `Your saved lab could not be restored. ${this.restoreTimedOut()}`);
        } else if (!answer.ok) notify('error', `Your saved lab could not be restored, so the workshop lab was opened instead. ${answer.error.message}`);
        else if (note) notify('info', note);
      }
      setStatus('ready');
    })();
    this.started = started;
    started.catch((e: unknown) => setStatus('crashed', e instanceof Error ? e.message : String(e)));
    return started;
  }

  /**
   * Replace the lab with a session (a file, a share link), within the time limit; past it the worker is
   * replaced by a new one with the default lab, and the answer says so.
   */
  async restoreSession(session: unknown): Promise<LoadAnswer> {
    const c = await this.labClient();
    const answer = await this.restoreOn(c, session);
    if (answer !== 'timeout') return answer;
    const restarted = this.freshWorker().then(() => undefined);
    this.started = restarted;
    await restarted;
    return { ok: false, error: { code: 'RESTORE_TIMEOUT', message: this.restoreTimedOut() } };
  }

  /** The running client, once it is ready. */
  async labClient(): Promise<WorkerClient> {
    // Not `this.client`: a start may still be waiting for a service worker takeover before its worker.
    if (!this.started) await this.start();
    await this.started;
    return this.client!;
  }

  whenStarted(): Promise<void> {
    return this.started ?? this.start();
  }

  /** The worker's messages. The worker throttles its state posts; each one is shown as it comes. */
  private onMessage(m: Exclude<WorkerMessage, { type: 'answer' | 'hello' }>): void {
    if (m.type === 'state') this.onState(m.patch, m.clock);
    else if (m.type === 'time') {
      this.autosave.noteLiveTime(m.time);
      receiveLiveTime(m.time, m.clock);
    } else if (m.type === 'clock') receiveClock(m.clock);
    else if (m.type === 'session') this.autosave.saveSession(m.session);
    else if (m.type === 'history') receiveHistory(m.history);
    else if (m.type === 'charts') receiveCharts(m.charts);
    else if (m.type === 'stopped') setStatus('crashed', m.message);
  }

  private onState(patch: StatePatch, clock: ClockView): void {
    if (patch.full) clearCharts();
    this.autosave.noteLiveTime(patch.time);
    const prev = useLab.getState();
    const state = applyPatch(prev.state, patch);
    commitState(state, patch.version, clock, patchLessonId(prev.lessonId, patch));
  }

  /**
   * A new worker that has said hello. Never while a new service worker takes over the page, and again
   * when one took over before hello, or its file failed to load as one did: a worker file requested
   * during a takeover may never load, or fail (offline/takeover.ts). At most three workers in all.
   */
  private async startWorker(): Promise<WorkerClient> {
    for (let tries = 1; ; tries++) {
      await this.takeovers.settled(TAKEOVER_WAIT_MS);
      const c = this.spawn();
      if (tries === MAX_WORKER_TRIES) { await c.ready; return c; }
      let tookOver = false;
      let stopListening = () => {};
      const takeover = new Promise<false>((resolve) => { stopListening = this.takeovers.onTakeover(() => { tookOver = true; resolve(false); }); });
      try {
        if (await Promise.race([c.ready.then(() => true), takeover])) return c;
      } catch (e) {
        if (!tookOver && !(await this.takeovers.underWay())) throw e;
      } finally {
        stopListening();
      }
      console.warn('SnapLab: a new version of SnapLab took over the page while the lab worker was loading; starting it again');
    }
  }

  private spawn(): WorkerClient {
    this.client?.terminate();
    const c = new WorkerClient(this.makePort(), {
      onMessage: (m) => this.onMessage(m),
      onFailure: (message) => { if (this.client === c) setStatus('crashed', message); },
    });
    this.client = c;
    return c;
  }

  /** Restore on this worker; 'timeout' when it has not answered in time (the worker is then useless). */
  private async restoreOn(c: WorkerClient, session: unknown): Promise<LoadAnswer | 'timeout'> {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const limit = new Promise<'timeout'>((resolve) => { timer = setTimeout(() => resolve('timeout'), this.restoreTimeoutMs); });
    try {
      return await Promise.race([c.request({ kind: 'restore', session }), limit]);
    } finally {
      clearTimeout(timer);
    }
  }

  /** A new worker with the default lab, whose session then replaces the autosave that did not finish. */
  private async freshWorker(): Promise<WorkerClient> {
    const c = await this.startWorker();
    await c.request({ kind: 'load', source: DEFAULT_LAB });
    return c;
  }
}

/** The page's connection: the one the store was given, or a new one given to it now. */
export function pageConnection(): Connection {
  const given = useLab.getState().connection;
  if (given instanceof Connection) return given;
  const made = new Connection();
  useLab.setState({ connection: made });
  return made;
}

// The command functions' ways to the page's connection.
export const start = (makePort?: PortFactory): Promise<void> => pageConnection().start(makePort);
export const restoreSession = (session: unknown): Promise<LoadAnswer> => pageConnection().restoreSession(session);
export const labClient = (): Promise<WorkerClient> => pageConnection().labClient();
export const whenStarted = (): Promise<void> => pageConnection().whenStarted();
export const pageAutosave = (): Autosave => pageConnection().autosave;
/** An embed or a course package: nothing read or written. */
export const disableAutosave = (): void => pageAutosave().setMode('off');
/** Hear every session the worker posts (a course package saves it with the learning platform). */
export const onSessionSaved = (listener: (session: Session) => void): (() => void) => pageAutosave().onSessionSaved(listener);
/** A session as the worker posts it (course packages' tests). */
export const saveSession = (session: Session): void => pageAutosave().saveSession(session);
