import { describe, expect, it, vi } from 'vitest';
import * as engine from '../engine/index';
import { LabHost } from '../worker/labHost';
import { PROTOCOL_VERSION, type RequestMessage, type WorkerMessage } from '../worker/protocol';
import { labClient, restoreSession, setRestoreTimeout, start } from './connection';
import { Autosave, setPageAutosave } from './persistence/autosave';
import { memoryStore } from './persistence/sessionDb';
import { useLab } from './store';
import type { PortLike } from './workerClient';

/** A worker in the same thread: the real LabHost behind a message port. */
function inProcessWorker(opts: { hangOnRestore?: () => boolean } = {}): PortLike {
  const port: PortLike = {
    onmessage: null, onerror: null, onmessageerror: null,
    postMessage: (m) => {
      const { id, request } = m as RequestMessage;
      if (opts.hangOnRestore?.() && request.kind === 'restore') return; // a replay that never ends
      queueMicrotask(() => emit({ type: 'answer', id, answer: host.handle(request) }));
    },
    terminate: () => {},
  };
  const emit = (data: WorkerMessage) => port.onmessage?.({ data } as MessageEvent);
  const host = new LabHost({
    engine, post: (m) => queueMicrotask(() => emit(m)), now: () => performance.now(),
    setTimer: (fn, ms) => setTimeout(fn, ms), clearTimer: (h) => clearTimeout(h as ReturnType<typeof setTimeout>),
  });
  queueMicrotask(() => { emit({ type: 'hello', protocol: PROTOCOL_VERSION }); host.resend(); });
  return port;
}

/** The page's autosave over a store in memory. */
function useMemoryAutosave(): void {
  setPageAutosave(new Autosave({
    store: memoryStore(), local: null, tab: async () => 'tab', now: () => Date.now(),
    setTimer: (fn, ms) => setTimeout(fn, ms), clearTimer: (h) => clearTimeout(h as ReturnType<typeof setTimeout>), report: () => {},
  }));
}

describe('connection', () => {
  it('mirrors the worker, and after a crash "Restart lab" rebuilds the lab from the last autosave', async () => {
    useMemoryAutosave();
    const ports: PortLike[] = [];
    const factory = () => { const p = inProcessWorker(); ports.push(p); return p; };
    await start(factory);
    expect(useLab.getState().status).toBe('ready');
    const client = await labClient();
    expect((await client.request({ kind: 'dispatch', command: { type: 'snapshot.take', vm: 'dc01', name: 'survives' } })).ok).toBe(true);
    await client.request({ kind: 'advance', ms: 60_000 });
    await new Promise((r) => setTimeout(r, 50));
    expect(useLab.getState().state.vms.find((v) => v.id === 'dc01')?.snapshots.map((s) => s.name)).toEqual(['survives']);

    ports[0].onerror?.(new Event('error'));
    expect(useLab.getState().status).toBe('crashed');
    expect(useLab.getState().failure).toMatch(/stopped/);

    await start(factory);
    expect(useLab.getState().status).toBe('ready');
    const state = await (await labClient()).request({ kind: 'state' });
    expect(state.vms.find((v) => v.id === 'dc01')?.snapshots.map((s) => s.name)).toEqual(['survives']);
    expect(state.time).toBe(60_000);
  });

  it('while the clock plays, the time posts between state posts move the clock the page shows', async () => {
    await start(() => inProcessWorker());
    const client = await labClient();
    const times = new Set<number>();
    const stop = useLab.subscribe((s) => { if (s.clock.playing) times.add(s.liveTime); });
    await client.request({ kind: 'play', speed: 3600 });
    try {
      // State posts come at most 5 times a second while playing: more distinct times than that in a
      // second can only come from the time posts.
      await vi.waitFor(() => expect(times.size).toBeGreaterThan(12), { timeout: 1000, interval: 10 });
    } finally {
      stop();
      await client.request({ kind: 'pause' });
    }
    await vi.waitFor(() => expect(useLab.getState().clock.playing).toBe(false));
  });

  it('a restore that does not finish in time is given up: a new worker with the default lab, and a message', async () => {
    useMemoryAutosave();
    setRestoreTimeout(200);
    try {
      let hang = false;
      const ports: PortLike[] = [];
      const factory = () => { const p = inProcessWorker({ hangOnRestore: () => hang }); ports.push(p); return p; };
      await start(factory);
      const client = await labClient();
      await client.request({ kind: 'dispatch', command: { type: 'snapshot.take', vm: 'dc01', name: 'x' } });
      hang = true;
      const answer = await restoreSession({ format: 'snaplab-session', version: 1, definition: {}, commands: [], time: 0 });
      expect(answer).toMatchObject({ ok: false, error: { code: 'RESTORE_TIMEOUT' } });
      if (!answer.ok) expect(answer.error.message).toBe('Rebuilding the session took longer than 0.2 s, so it was stopped and the workshop lab was opened instead.');
      expect(ports.length).toBe(2);
      const state = await (await labClient()).request({ kind: 'state' });
      expect(state.name).toBe('Snapshot and VSS workshop');
      expect(state.vms.every((v) => v.snapshots.length === 0)).toBe(true);

      // The same at start: an autosave whose replay hangs does not hang the page.
      await start(factory);
      expect(useLab.getState().status).toBe('ready');
      expect(ports.length).toBe(4);
      expect(useLab.getState().notices.at(-1)?.text).toMatch(/^Your saved lab could not be restored\. Rebuilding the session took longer/);
    } finally {
      setRestoreTimeout(20_000);
    }
  });
});
