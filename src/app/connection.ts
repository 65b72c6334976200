// Starts the lab worker, restores the autosave, and routes the worker's messages to the stores.
// "Restart lab" after a crash starts a new worker and restores the last autosave. A restore that does
// not finish in time (a session that would replay for ever) is stopped and the default lab opened.
import type { LoadAnswer, WorkerMessage } from '../worker/protocol';
import { clearHistory, recordSample } from './history';
import { pageAutosave } from './persistence/autosave';
import type { StateView } from '../engine/core/view';
import type { ClockView, StatePatch } from '../worker/protocol';
import { applyPatch, patchLessonId } from '../worker/patch';
import { commitState, notify, receiveClock, receiveHistory, receiveLiveTime, setStatus, useLab } from './store';
import { WorkerClient, type PortLike } from './workerClient';

/** Charts redraw at most this often while the clock runs: Recharts is the page's heaviest render. */
const SAMPLE_INTERVAL_MS = 1000;
/**
 * While the clock runs, the panels get a new state at most this often (the clock itself follows
 * every post). At days per minute nobody reads faster, and the frames stay free for drawing.
 */
export const PANEL_INTERVAL_MS = 200;

export type PortFactory = () => PortLike;

/** The built-in lab a session that cannot be restored falls back to (the page's default lab). */
export const DEFAULT_LAB = 'workshop';
/** The longest a session may take to rebuild before it is given up. */
export const RESTORE_TIMEOUT_MS = 20_000;
let restoreTimeoutMs = RESTORE_TIMEOUT_MS;
/** Tests use a shorter limit. */
export function setRestoreTimeout(ms: number): void { restoreTimeoutMs = ms; }
export const restoreTimedOut = (): string =>
  `Rebuilding the session took longer than ${restoreTimeoutMs / 1000} s, so it was stopped and the workshop lab was opened instead.`;

const defaultPort: PortFactory = () =>
  new Worker(new URL('../worker/labWorker.ts', import.meta.url), { type: 'module', name: 'snaplab-engine' }) as unknown as PortLike;

let client: WorkerClient | null = null;
let started: Promise<void> | null = null;
let lastSampleAt = -Infinity;
let pending: { state: StateView; lessonId: string | null; version: number; clock: ClockView } | null = null;
let lastCommit = -Infinity;
let commitTimer: ReturnType<typeof setTimeout> | null = null;

function onState(patch: StatePatch, clock: ClockView): void {
  if (patch.full) clearHistory();
  pageAutosave().noteLiveTime(patch.time);
  const prev = pending ?? useLab.getState();
  pending = { state: applyPatch(prev.state, patch), lessonId: patchLessonId(prev.lessonId, patch), version: patch.version, clock };
  const now = performance.now();
  if (patch.full || !clock.playing || now - lastCommit >= PANEL_INTERVAL_MS) commit();
  else {
    receiveLiveTime(patch.time, clock);
    commitTimer ??= setTimeout(commit, PANEL_INTERVAL_MS - (now - lastCommit));
  }
}

function commit(): void {
  if (commitTimer !== null) clearTimeout(commitTimer);
  commitTimer = null;
  if (!pending) return;
  const { state, lessonId, version, clock } = pending;
  pending = null;
  const now = performance.now();
  lastCommit = now;
  commitState(state, version, clock, lessonId);
  if (!clock.playing || now - lastSampleAt >= SAMPLE_INTERVAL_MS) {
    lastSampleAt = now;
    recordSample(state);
  }
}

function onMessage(m: Exclude<WorkerMessage, { type: 'answer' | 'hello' }>): void {
  if (m.type === 'state') onState(m.patch, m.clock);
  else if (m.type === 'time') {
    pageAutosave().noteLiveTime(m.time);
    receiveLiveTime(m.time, m.clock);
  }
  else if (m.type === 'clock') {
    receiveClock(m.clock);
    if (!m.clock.playing && pending) commit();
  }
  else if (m.type === 'session') pageAutosave().saveSession(m.session);
  else if (m.type === 'history') receiveHistory(m.history);
  else if (m.type === 'stopped') setStatus('crashed', m.message);
}

let lastFactory: PortFactory = defaultPort;

function spawn(makePort: PortFactory): WorkerClient {
  client?.terminate();
  pending = null;
  const c = new WorkerClient(makePort(), {
    onMessage,
    onFailure: (message) => { if (client === c) setStatus('crashed', message); },
  });
  client = c;
  return c;
}

/** Restore on this worker; 'timeout' when it has not answered in time (the worker is then useless). */
async function restoreOn(c: WorkerClient, session: unknown): Promise<LoadAnswer | 'timeout'> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const limit = new Promise<'timeout'>((resolve) => { timer = setTimeout(() => resolve('timeout'), restoreTimeoutMs); });
  try {
    return await Promise.race([c.request({ kind: 'restore', session }), limit]);
  } finally {
    clearTimeout(timer);
  }
}

/** A new worker with the default lab, whose session then replaces the autosave that did not finish. */
async function freshWorker(makePort: PortFactory): Promise<WorkerClient> {
  const c = spawn(makePort);
  await c.ready;
  await c.request({ kind: 'load', source: DEFAULT_LAB });
  return c;
}

/** Start (or restart) the worker; resolves once the lab is ready, autosave restored. */
export function start(makePort: PortFactory = lastFactory): Promise<void> {
  lastFactory = makePort;
  setStatus('starting');
  const c = spawn(makePort);
  started = (async () => {
    await c.ready;
    const { saved, note } = await pageAutosave().load();
    if (saved) {
      const answer = await restoreOn(c, saved.session);
      if (answer === 'timeout') {
        await freshWorker(makePort);
        notify('error', `Your saved lab could not be restored. ${restoreTimedOut()}`);
      } else if (!answer.ok) notify('error', `Your saved lab could not be restored, so the workshop lab was opened instead. ${answer.error.message}`);
      else if (note) notify('info', note);
    }
    setStatus('ready');
  })();
  started.catch((e: unknown) => setStatus('crashed', e instanceof Error ? e.message : String(e)));
  return started;
}

/**
 * Replace the lab with a session (a file, a share link), within the time limit; past it the worker is
 * replaced by a new one with the default lab, and the answer says so.
 */
export async function restoreSession(session: unknown): Promise<LoadAnswer> {
  const c = await labClient();
  const answer = await restoreOn(c, session);
  if (answer !== 'timeout') return answer;
  const restarted = freshWorker(lastFactory).then(() => undefined);
  started = restarted;
  await restarted;
  return { ok: false, error: { code: 'RESTORE_TIMEOUT', message: restoreTimedOut() } };
}

/** The running client, once it is ready. */
export async function labClient(): Promise<WorkerClient> {
  if (!started || !client) await start();
  await started;
  return client!;
}

export function whenStarted(): Promise<void> {
  if (!started) return start();
  return started;
}
