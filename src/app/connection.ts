// Starts the lab worker, restores the autosave, and routes the worker's messages to the stores.
// "Restart lab" after a crash starts a new worker and restores the last autosave.
import type { WorkerMessage } from '../worker/protocol';
import { clearHistory, recordSample } from './history';
import { loadSavedSession, saveSession } from './persistence';
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
  else if (m.type === 'clock') {
    receiveClock(m.clock);
    if (!m.clock.playing && pending) commit();
  }
  else if (m.type === 'session') saveSession(m.session);
  else if (m.type === 'history') receiveHistory(m.history);
}

/** Start (or restart) the worker; resolves once the lab is ready, autosave restored. */
export function start(makePort: PortFactory = defaultPort): Promise<void> {
  client?.terminate();
  pending = null;
  setStatus('starting');
  const c = new WorkerClient(makePort(), {
    onMessage,
    onFailure: (message) => { if (client === c) setStatus('crashed', message); },
  });
  client = c;
  started = (async () => {
    await c.ready;
    const saved = loadSavedSession();
    if (saved) {
      const answer = await c.request({ kind: 'restore', session: saved });
      if (!answer.ok) notify('error', `Your saved lab could not be restored, so the workshop lab was opened instead. ${answer.error.message}`);
    }
    setStatus('ready');
  })();
  started.catch((e: unknown) => setStatus('crashed', e instanceof Error ? e.message : String(e)));
  return started;
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
