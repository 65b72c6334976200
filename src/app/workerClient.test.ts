import { describe, expect, it } from 'vitest';
import { PROTOCOL_VERSION } from '../worker/protocol';
import { WorkerClient, type PortLike } from './workerClient';

function fakePort() {
  const sent: { id: number; request: unknown }[] = [];
  const port: PortLike & { emit(data: unknown): void; sent: typeof sent } = {
    sent,
    onmessage: null, onerror: null, onmessageerror: null,
    postMessage: (m) => sent.push(m as { id: number; request: unknown }),
    terminate: () => {},
    emit: (data) => port.onmessage?.({ data } as MessageEvent),
  };
  return port;
}

describe('WorkerClient', () => {
  it('resolves each request with the answer that carries its id', async () => {
    const port = fakePort();
    const c = new WorkerClient(port, { onMessage: () => {}, onFailure: () => {} });
    port.emit({ type: 'hello', protocol: PROTOCOL_VERSION });
    await c.ready;
    const a = c.request({ kind: 'state' });
    const b = c.request({ kind: 'pause' });
    port.emit({ type: 'answer', id: port.sent[1].id, answer: 'B' });
    port.emit({ type: 'answer', id: port.sent[0].id, answer: 'A' });
    expect(await a).toBe('A');
    expect(await b).toBe('B');
  });

  it('treats another protocol version as an error the page shows', async () => {
    const port = fakePort();
    const failures: string[] = [];
    const c = new WorkerClient(port, { onMessage: () => {}, onFailure: (m) => failures.push(m) });
    port.emit({ type: 'hello', protocol: PROTOCOL_VERSION + 1 });
    await expect(c.ready).rejects.toThrow(/protocol version/);
    expect(failures[0]).toMatch(/protocol version/);
    await expect(c.request({ kind: 'state' })).rejects.toThrow();
  });

  it('rejects pending requests when the worker dies, and forwards state messages', async () => {
    const port = fakePort();
    const seen: string[] = [];
    const c = new WorkerClient(port, { onMessage: (m) => seen.push(m.type), onFailure: () => {} });
    port.emit({ type: 'hello', protocol: PROTOCOL_VERSION });
    port.emit({ type: 'clock', clock: { playing: false, speed: 1, actualSpeed: 0 } });
    expect(seen).toEqual(['clock']);
    const pending = c.request({ kind: 'state' });
    port.onerror?.(new Event('error'));
    await expect(pending).rejects.toThrow(/stopped/);
  });
});
