import { describe, expect, it } from 'vitest';
import * as engine from '../engine/index';
import { LabHost } from '../worker/labHost';
import { PROTOCOL_VERSION, type RequestMessage, type WorkerMessage } from '../worker/protocol';
import { labClient, start } from './connection';
import { useLab } from './store';
import type { PortLike } from './workerClient';

/** A worker in the same thread: the real LabHost behind a message port. */
function inProcessWorker(): PortLike {
  const port: PortLike = {
    onmessage: null, onerror: null, onmessageerror: null,
    postMessage: (m) => {
      const { id, request } = m as RequestMessage;
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

describe('connection', () => {
  it('mirrors the worker, and after a crash "Restart lab" rebuilds the lab from the last autosave', async () => {
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
});
