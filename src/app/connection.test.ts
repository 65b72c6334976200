import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import * as engine from '../engine/index';
import { LabHost } from '../worker/labHost';
import { PROTOCOL_VERSION, type RequestMessage, type WorkerMessage } from '../worker/protocol';
import { Connection } from './connection';
import { Autosave } from './persistence/autosave';
import { memoryStore } from './persistence/sessionDb';
import { useLab } from './store';
import type { Takeovers } from './offline/takeover';
import type { PortLike } from './workerClient';

/** A worker in the same thread: the real LabHost behind a message port, on the test's (fake) timers. */
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

/** Autosave over a store in memory. */
const memoryAutosave = () => new Autosave({
  store: memoryStore(), local: null, tab: async () => 'tab', now: () => Date.now(),
  setTimer: (fn, ms) => setTimeout(fn, ms), clearTimer: (h) => clearTimeout(h as ReturnType<typeof setTimeout>), report: () => {},
});

const snapshotsOf = (vm: string) => useLab.getState().state.vms.find((v) => v.id === vm)?.snapshots.map((s) => s.name);

describe('connection', () => {
  beforeEach(() => { vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'Date', 'performance'] }); });
  afterEach(() => { vi.useRealTimers(); });

  it('mirrors the worker, and after a crash "Restart lab" rebuilds the lab from the last autosave', async () => {
    const ports: PortLike[] = [];
    const connection = new Connection({ makePort: () => { const p = inProcessWorker(); ports.push(p); return p; }, autosave: memoryAutosave() });
    await connection.start();
    expect(useLab.getState().status).toBe('ready');
    const client = await connection.labClient();
    expect((await client.request({ kind: 'dispatch', command: { type: 'snapshot.take', vm: 'dc01', name: 'survives' } })).ok).toBe(true);
    await client.request({ kind: 'advance', ms: 60_000 });
    // The worker's throttled state post goes out within its interval, and the store shows it.
    expect(snapshotsOf('dc01')).not.toEqual(['survives']);
    await vi.advanceTimersByTimeAsync(50);
    expect(snapshotsOf('dc01')).toEqual(['survives']);
    expect(useLab.getState().state.time).toBe(60_000);

    ports[0].onerror?.(new Event('error'));
    expect(useLab.getState().status).toBe('crashed');
    expect(useLab.getState().failure).toMatch(/stopped/);

    await connection.start();
    expect(useLab.getState().status).toBe('ready');
    expect(ports.length).toBe(2);
    const state = await (await connection.labClient()).request({ kind: 'state' });
    expect(state.vms.find((v) => v.id === 'dc01')?.snapshots.map((s) => s.name)).toEqual(['survives']);
    expect(state.time).toBe(60_000);
  });

  it('while the clock plays, the time posts between state posts move the clock the page shows', async () => {
    const connection = new Connection({ makePort: () => inProcessWorker(), autosave: memoryAutosave() });
    const client = await connection.labClient();
    const times = new Set<number>();
    const stop = useLab.subscribe((s) => { if (s.clock.playing) times.add(s.liveTime); });
    await client.request({ kind: 'play', speed: 3600 });
    await vi.advanceTimersByTimeAsync(1000);
    stop();
    await client.request({ kind: 'pause' });
    // State posts come at most 5 times a second while playing: more distinct times than that in a
    // second can only come from the time posts (one every 33 ms at most).
    expect(times.size).toBeGreaterThan(12);
    expect(times.size).toBeLessThanOrEqual(31);
    await vi.advanceTimersByTimeAsync(50);
    expect(useLab.getState().clock.playing).toBe(false);
  });

  it('the Datastore charts draw the engine\'s usage samples, then the moment shown; a seek shows the history up to it', async () => {
    const connection = new Connection({ makePort: () => inProcessWorker(), autosave: memoryAutosave() });
    const client = await connection.labClient();
    // The same lab in the test: the worker samples on simulated time alone (each minute at first, and
    // at each command's moment), so its samples are this lab's usage then.
    const twin = engine.createLab(engine.defaultLabDefinition);
    const expected = new Map<number, engine.UsageView>();
    const run = async (command: { type: string } & Record<string, unknown>) => {
      expect((await client.request({ kind: 'dispatch', command })).ok).toBe(true);
      twin.dispatch(command);
      expected.set(twin.now, twin.datastoreUsage());
    };
    const advance = async (ms: number) => {
      await client.request({ kind: 'advance', ms });
      for (const end = twin.now + ms; twin.now < end;) {
        twin.advance(Math.min(end, (Math.floor(twin.now / 60_000) + 1) * 60_000) - twin.now);
        if (twin.now % 60_000 === 0) expected.set(twin.now, twin.datastoreUsage());
      }
      await vi.advanceTimersByTimeAsync(50);
    };
    await run({ type: 'snapshot.take', vm: 'exch01', name: 'before-patch', memory: true });
    await advance(5 * 60_000 + 30_000);
    await run({ type: 'snapshot.take', vm: 'exch01', name: 'second' });
    await advance(4 * 60_000);
    const points = () => useLab.getState().charts.points;
    // Samples at every simulated minute so far (the schedule of the lab's first half hour) and at the
    // second snapshot's moment, then now.
    expect(points().map((p) => p.time)).toEqual([0, 1, 2, 3, 4, 5, 5.5, 6, 7, 8, 9].map((m) => m * 60_000).concat(twin.now));
    for (const p of points().slice(0, -1)) expect(p.usage).toEqual(expected.get(p.time));
    expect(points().at(-1)!.usage).toEqual(twin.datastoreUsage());
    expect(points().at(-1)!.usage.vms.find((v) => v.id === 'exch01')!.disks[0].chainDepth).toBe(2);

    // Back to 3 min 20 s: the charts end there, the history before it unchanged.
    await client.request({ kind: 'seek', ms: 200_000 });
    await vi.advanceTimersByTimeAsync(50);
    expect(points().map((p) => p.time)).toEqual([0, 60_000, 120_000, 180_000, 200_000]);
    expect(points()[3].usage).toEqual(expected.get(180_000));
    const back = engine.createLab(engine.defaultLabDefinition);
    back.dispatch({ type: 'snapshot.take', vm: 'exch01', name: 'before-patch', memory: true });
    back.advance(200_000);
    expect(points().at(-1)!.usage).toEqual(back.datastoreUsage());
  });

  it('a restore that does not finish in time is given up: a new worker with the default lab, and a message', async () => {
    let hang = false;
    const ports: PortLike[] = [];
    const connection = new Connection({
      makePort: () => { const p = inProcessWorker({ hangOnRestore: () => hang }); ports.push(p); return p; },
      autosave: memoryAutosave(), restoreTimeoutMs: 200,
    });
    await connection.start();
    const client = await connection.labClient();
    await client.request({ kind: 'dispatch', command: { type: 'snapshot.take', vm: 'dc01', name: 'x' } });
    await vi.advanceTimersByTimeAsync(1100); // the session saved
    hang = true;
    const answering = connection.restoreSession({ format: 'snaplab-session', version: 1, definition: {}, commands: [], time: 0 });
    await vi.advanceTimersByTimeAsync(199);
    expect(ports.length).toBe(1); // not given up before its time
    await vi.advanceTimersByTimeAsync(1);
    const answer = await answering;
    expect(answer).toMatchObject({ ok: false, error: { code: 'RESTORE_TIMEOUT' } });
    if (!answer.ok) expect(answer.error.message).toBe('Rebuilding the session took longer than 0.2 s, so it was stopped and the workshop lab was opened instead.');
    expect(ports.length).toBe(2);
    const state = await (await connection.labClient()).request({ kind: 'state' });
    expect(state.name).toBe('Snapshot and VSS workshop');
    expect(state.vms.every((v) => v.snapshots.length === 0)).toBe(true);

    // The same at start: an autosave whose replay hangs does not hang the page.
    const starting = connection.start();
    await vi.advanceTimersByTimeAsync(200);
    await starting;
    expect(useLab.getState().status).toBe('ready');
    expect(ports.length).toBe(4);
    expect(useLab.getState().notices.at(-1)?.text).toMatch(/^Your saved lab could not be restored\. Rebuilding the session took longer/);
  });

  /** A page's service worker takeovers, moved by the test. */
  function handTakeovers() {
    const listeners = new Set<() => void>();
    let settle: (() => void) | null = null;
    const t: Takeovers & { waiting: boolean; takeOver(): void; calls: number } = {
      waiting: false,
      calls: 0,
      underWay: () => Promise.resolve(t.waiting),
      settled: () => { t.calls++; return t.waiting ? new Promise<void>((resolve) => { settle = resolve; }) : Promise.resolve(); },
      onTakeover: (fn) => { listeners.add(fn); return () => listeners.delete(fn); },
      takeOver: () => { t.waiting = false; settle?.(); settle = null; for (const fn of [...listeners]) fn(); },
    };
    return t;
  }
  /** A worker whose file never loads: no hello, no error (its request was lost in a takeover). */
  const silentWorker = (terminated: PortLike[]): PortLike => {
    const port: PortLike = { onmessage: null, onerror: null, onmessageerror: null, postMessage: () => {}, terminate: () => { terminated.push(port); } };
    return port;
  };

  it('a lab worker whose file was requested as a new service worker took over, and that never said hello, is started again: the lab starts', async () => {
    const takeovers = handTakeovers();
    const terminated: PortLike[] = [];
    const ports: PortLike[] = [];
    const connection = new Connection({
      makePort: () => { const p = ports.length === 0 ? silentWorker(terminated) : inProcessWorker(); ports.push(p); return p; },
      autosave: memoryAutosave(),
      takeovers,
    });
    const t0 = Date.now();
    const started = connection.start();
    await vi.advanceTimersByTimeAsync(1000);
    expect(useLab.getState().status).toBe('starting');
    expect(ports).toHaveLength(1);
    takeovers.takeOver();
    await vi.advanceTimersByTimeAsync(100);
    expect(useLab.getState().status).toBe('ready');
    await started;
    expect(ports).toHaveLength(2);
    expect(terminated).toEqual([ports[0]]);
    // Far from the time limit for hello (20 s): the lab did not wait for it.
    expect(Date.now() - t0).toBeLessThan(5000);
  });

  it('no lab worker is started while a new service worker waits to take over the page; once it has, the lab starts', async () => {
    const takeovers = handTakeovers();
    takeovers.waiting = true;
    const ports: PortLike[] = [];
    const connection = new Connection({ makePort: () => { const p = inProcessWorker(); ports.push(p); return p; }, autosave: memoryAutosave(), takeovers });
    const started = connection.start();
    await vi.advanceTimersByTimeAsync(1000);
    expect(ports).toHaveLength(0);
    expect(useLab.getState().status).toBe('starting');
    takeovers.takeOver();
    await vi.advanceTimersByTimeAsync(100);
    expect(ports).toHaveLength(1);
    expect(useLab.getState().status).toBe('ready');
    await started;
  });

  it('a worker that is slow but keeps being caught by takeovers is started at most three times, then waited for', async () => {
    const takeovers = handTakeovers();
    const ports: PortLike[] = [];
    const connection = new Connection({ makePort: () => { const p = silentWorker([]); ports.push(p); return p; }, autosave: memoryAutosave(), takeovers });
    const started = connection.start();
    started.catch(() => {});
    for (let i = 0; i < 4; i++) { await vi.advanceTimersByTimeAsync(10); takeovers.takeOver(); }
    await vi.advanceTimersByTimeAsync(10);
    expect(ports).toHaveLength(3);
    // The last one has the time limit for hello.
    await vi.advanceTimersByTimeAsync(20_000);
    await expect(started).rejects.toThrow(/did not start within 20 s/);
    expect(useLab.getState().status).toBe('crashed');
  });

  it('a worker file that fails to load while a new service worker takes over is tried again; one that fails without a takeover stops the lab', async () => {
    const takeovers = handTakeovers();
    const ports: PortLike[] = [];
    let fileGone = false;
    const connection = new Connection({
      makePort: () => { const p = ports.length === 0 || fileGone ? silentWorker([]) : inProcessWorker(); ports.push(p); return p; },
      autosave: memoryAutosave(),
      takeovers,
    });
    const started = connection.start();
    await vi.advanceTimersByTimeAsync(10);
    // The takeover is under way (the new service worker activating) when the load fails.
    takeovers.waiting = true;
    ports[0].onerror?.(new Event('error'));
    await vi.advanceTimersByTimeAsync(10);
    takeovers.takeOver();
    await vi.advanceTimersByTimeAsync(100);
    expect(useLab.getState().status).toBe('ready');
    await started;
    expect(ports).toHaveLength(2);

    ports[1].onerror?.(new Event('error'));
    fileGone = true;
    const again = connection.start();
    again.catch(() => {});
    await vi.advanceTimersByTimeAsync(10);
    // No takeover: the third worker's file is gone, and the page says so.
    const third = ports[2];
    expect(third).toBeDefined();
    third.onerror?.(new Event('error'));
    await expect(again).rejects.toThrow('The lab engine could not be loaded');
    expect(ports).toHaveLength(3);
    expect(useLab.getState().status).toBe('crashed');
  });
});
