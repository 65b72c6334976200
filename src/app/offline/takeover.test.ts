import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { browserTakeovers } from './takeover';

/** A service worker whose state the test sets. */
class FakeServiceWorker extends EventTarget {
  constructor(public state: ServiceWorkerState) { super(); }
  become(state: ServiceWorkerState) { this.state = state; this.dispatchEvent(new Event('statechange')); }
}

function fakeNavigator(reg: { waiting?: FakeServiceWorker; active?: FakeServiceWorker }, controlled = true) {
  const container = Object.assign(new EventTarget(), {
    controller: controlled ? {} : null,
    getRegistration: () => Promise.resolve({ waiting: reg.waiting ?? null, active: reg.active ?? null, installing: null }),
  });
  return { serviceWorker: container } as unknown as Navigator;
}

describe('browserTakeovers', () => {
  beforeEach(() => { vi.useFakeTimers(); });
  afterEach(() => { vi.useRealTimers(); });

  const settledAfter = async (p: Promise<void>, ms: number) => {
    let done = false;
    void p.then(() => { done = true; });
    await vi.advanceTimersByTimeAsync(ms);
    return done;
  };

  it('waits while a new service worker waits to take over, until it has activated', async () => {
    const waiting = new FakeServiceWorker('installed');
    const p = browserTakeovers(fakeNavigator({ waiting, active: new FakeServiceWorker('activated') })).settled(10_000);
    expect(await settledAfter(p, 5000)).toBe(false);
    waiting.become('activating');
    expect(await settledAfter(p, 0)).toBe(false);
    waiting.become('activated');
    expect(await settledAfter(p, 0)).toBe(true);
  });

  it('waits while the new one is activating', async () => {
    const active = new FakeServiceWorker('activating');
    const p = browserTakeovers(fakeNavigator({ active })).settled(10_000);
    expect(await settledAfter(p, 100)).toBe(false);
    active.become('activated');
    expect(await settledAfter(p, 0)).toBe(true);
  });

  it('does not wait without a takeover, on a page no service worker controls, or past its time limit', async () => {
    expect(await settledAfter(browserTakeovers(fakeNavigator({ active: new FakeServiceWorker('activated') })).settled(10_000), 0)).toBe(true);
    expect(await settledAfter(browserTakeovers(fakeNavigator({ waiting: new FakeServiceWorker('installed') }, false)).settled(10_000), 0)).toBe(true);
    // A waiting service worker that never activates (one that does not skip waiting) holds the lab 10 s at most.
    const p = browserTakeovers(fakeNavigator({ waiting: new FakeServiceWorker('installed') })).settled(10_000);
    expect(await settledAfter(p, 9_999)).toBe(false);
    expect(await settledAfter(p, 1)).toBe(true);
  });

  it('tells of a takeover (controllerchange) until unsubscribed', () => {
    const nav = fakeNavigator({});
    const heard: number[] = [];
    const stop = browserTakeovers(nav).onTakeover(() => heard.push(1));
    nav.serviceWorker.dispatchEvent(new Event('controllerchange'));
    stop();
    nav.serviceWorker.dispatchEvent(new Event('controllerchange'));
    expect(heard).toHaveLength(1);
  });
});
