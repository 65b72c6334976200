// A new service worker taking over the page (a deploy: skipWaiting, then activate) and the lab's Web
// Worker. In Chromium a worker whose file is requested while the takeover happens (the new service
// worker waiting to activate) can wait for ever: its request reaches neither the old nor the new
// service worker, and neither hello nor an error comes (a worker started every 2 ms across a takeover:
// 1 of 4 takeovers left one so; the lab stayed on "Starting the lab…"). So the lab worker is started
// only once no takeover is under way, and one started before a takeover that has not said hello by
// then is started again (connection.ts).

export interface Takeovers {
  /** True while a new service worker waits to take over the page or is activating. */
  underWay(): Promise<boolean>;
  /** Resolves when no new service worker is waiting or activating for this page, or after `ms`. */
  settled(ms: number): Promise<void>;
  /** Calls `listener` when another service worker takes control of the page; returns the unsubscribe. */
  onTakeover(listener: () => void): () => void;
}

/** No service worker (Node, tests, browsers without one, or a page it does not control). */
export const noTakeovers: Takeovers = {
  underWay: () => Promise.resolve(false),
  settled: () => Promise.resolve(),
  onTakeover: () => () => {},
};

/** The page's service worker container's takeovers. */
export function browserTakeovers(nav: Navigator | undefined = globalThis.navigator): Takeovers {
  const container = nav && 'serviceWorker' in nav ? nav.serviceWorker : undefined;
  if (!container) return noTakeovers;
  /** The service worker about to take over, if any. */
  const incoming = async (): Promise<ServiceWorker | null> => {
    // Requests of a page no service worker controls never go through one.
    if (!container.controller) return null;
    const reg = await container.getRegistration().catch(() => undefined);
    return reg?.waiting ?? (reg?.active?.state === 'activating' ? reg.active : null);
  };
  return {
    underWay: async () => (await incoming()) !== null,
    async settled(ms) {
      const next = await incoming();
      if (next) await activated(next, ms);
    },
    onTakeover(listener) {
      container.addEventListener('controllerchange', listener);
      return () => container.removeEventListener('controllerchange', listener);
    },
  };
}

/** Resolves when `sw` has activated (or was dropped), or after `ms`: a waiting one may never activate. */
function activated(sw: ServiceWorker, ms: number): Promise<void> {
  return new Promise<void>((resolve) => {
    const done = () => { clearTimeout(timer); sw.removeEventListener('statechange', check); resolve(); };
    const check = () => { if (sw.state === 'activated' || sw.state === 'redundant') done(); };
    const timer = setTimeout(done, ms);
    sw.addEventListener('statechange', check);
    check();
  });
}
