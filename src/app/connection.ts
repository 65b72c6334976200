// Starts the lab worker, restores the autosave, and routes the worker's messages to the stores.
// "Restart lab" after a crash starts a new worker and restores the last autosave.
import type { WorkerMessage } from '../worker/protocol';
import { clearHistory, recordSample } from './history';
import { loadSavedSession, saveSession } from './persistence';
import { notify, receiveClock, receivePatch, setStatus, useLab } from './store';
import { WorkerClient, type PortLike } from './workerClient';

/** Charts redraw at most this often while the clock runs. */
const SAMPLE_INTERVAL_MS = 250;

export type PortFactory = () => PortLike;

const defaultPort: PortFactory = () =>
  new Worker(new URL('../worker/labWorker.ts', import.meta.url), { type: 'module', name: 'snaplab-engine' }) as unknown as PortLike;

let client: WorkerClient | null = null;
let started: Promise<void> | null = null;
let lastSampleAt = -Infinity;

function onMessage(m: Exclude<WorkerMessage, { type: 'answer' | 'hello' }>): void {
  if (m.type === 'state') {
    if (m.patch.full) clearHistory();
    receivePatch(m.patch, m.clock);
    const now = performance.now();
    if (m.patch.full || !m.clock.playing || now - lastSampleAt >= SAMPLE_INTERVAL_MS) {
      lastSampleAt = now;
      recordSample(useLab.getState().state);
    }
  } else if (m.type === 'clock') receiveClock(m.clock);
  else if (m.type === 'session') saveSession(m.session);
}

/** Start (or restart) the worker; resolves once the lab is ready, autosave restored. */
export function start(makePort: PortFactory = defaultPort): Promise<void> {
  client?.terminate();
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
