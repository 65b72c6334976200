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

  /** A clock the test moves by hand. */
  function handClock() {
    const timers = new Map<number, { at: number; fn: () => void }>();
    let now = 0;
    let next = 1;
    return {
      setTimer: (fn: () => void, ms: number) => { timers.set(next, { at: now + ms, fn }); return next++; },
      clearTimer: (h: unknown) => { timers.delete(h as number); },
      advance(ms: number) {
        now += ms;
        for (const [h, t] of [...timers]) if (t.at <= now) { timers.delete(h); t.fn(); }
      },
    };
  }

  it('a worker that never says hello fails after the time limit, with a sentence that offers a reload', async () => {
    const port = fakePort();
    const clock = handClock();
    const failures: string[] = [];
    const c = new WorkerClient(port, { onMessage: () => {}, onFailure: (m) => failures.push(m) }, { helloTimeoutMs: 20_000, ...clock });
    clock.advance(19_999);
    expect(failures).toEqual([]);
    clock.advance(1);
    await expect(c.ready).rejects.toThrow('The lab engine did not start within 20 s. Reload the page');
    expect(failures).toHaveLength(1);
    await expect(c.request({ kind: 'state' })).rejects.toThrow(/did not start/);
    port.emit({ type: 'hello', protocol: PROTOCOL_VERSION }); // too late: the page has moved on
    expect(failures).toHaveLength(1);
  });

  it('a hello in time stops the clock: no failure later', async () => {
    const port = fakePort();
    const clock = handClock();
    const failures: string[] = [];
    const c = new WorkerClient(port, { onMessage: () => {}, onFailure: (m) => failures.push(m) }, { helloTimeoutMs: 20_000, ...clock });
    port.emit({ type: 'hello', protocol: PROTOCOL_VERSION });
    await c.ready;
    clock.advance(60_000);
    expect(failures).toEqual([]);
  });

  it('an error before hello is a worker file that did not load: reload, not restart', async () => {
    const port = fakePort();
    const failures: string[] = [];
    const c = new WorkerClient(port, { onMessage: () => {}, onFailure: (m) => failures.push(m) }, handClock());
    port.onerror?.(new Event('error'));
    await expect(c.ready).rejects.toThrow('The lab engine could not be loaded. Reload the page');
    expect(failures).toHaveLength(1);
  });
});
