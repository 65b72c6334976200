// The service worker (built to sw.js). Install keeps every file of this build in one cache named after
// the build; later visits are served from it first, so the lab opens in a room without network. A new
// deploy changes sw.js, which installs a new cache beside the old and takes over; the deploy before it
// stays (older ones go), so a page still open from it finds its own files (a new lab worker from the
// file it was built with, for "Restart lab") though the server has them no more. version.json, the
// deploy's build id, always comes from the network: it is how an open page learns of a new deploy.
// The file list and version are written in at build time by build/offlineCache.ts.
const sw = self as unknown as ServiceWorkerGlobalScope;

const PRECACHE: string[] = JSON.parse('__SNAPLAB_PRECACHE__');
const CACHE = `snaplab-${'__SNAPLAB_VERSION__'}`;
const INDEX = new URL('./index.html', sw.registration.scope).href;
const VERSION = new URL('./version.json', sw.registration.scope).href;

/** Chromium's static routing (InstallEvent.addRoutes): requests that skip the worker entirely. */
type RoutedInstall = ExtendableEvent & { addRoutes?(rules: unknown[]): Promise<void> };

sw.addEventListener('install', (event) => {
  event.waitUntil(Promise.all([
    caches.open(CACHE).then((c) => c.addAll(PRECACHE)).then(() => sw.skipWaiting()),
    routeAround(event as RoutedInstall),
  ]));
});

/**
 * Only the lab's own files go through this worker: a request to another origin or other than GET goes
 * straight to the network (Chromium's static routing) without waking the worker or waiting for it,
 * as a statement sent with keepalive while the page closes must. Where routing is missing, the fetch
 * handler below leaves those requests alone.
 */
async function routeAround(event: RoutedInstall): Promise<void> {
  if (typeof event.addRoutes !== 'function') return;
  const own = new URLPattern({ protocol: sw.location.protocol.slice(0, -1), hostname: sw.location.hostname, port: sw.location.port });
  try {
    await event.addRoutes([
      { condition: { not: { urlPattern: own } }, source: 'network' },
      { condition: { not: { requestMethod: 'GET' } }, source: 'network' },
    ]);
  } catch (e) {
    console.warn('SnapLab: the service worker could not send other requests around itself.', e);
  }
}

// caches.keys() lists caches in the order they were made: the last older one is the previous deploy.
sw.addEventListener('activate', (event) => {
  event.waitUntil((async () => {
    const older = (await caches.keys()).filter((key) => key.startsWith('snaplab-') && key !== CACHE);
    for (const key of older.slice(0, -1)) await caches.delete(key);
    await sw.clients.claim();
  })());
});

sw.addEventListener('fetch', (event) => {
  const req = event.request;
  const url = new URL(req.url);
  if (req.method !== 'GET' || url.origin !== sw.location.origin || url.href === VERSION) return;
  event.respondWith(respond(req));
});

function isLabPage(req: Request): boolean {
  if (req.mode !== 'navigate') return false;
  const u = new URL(req.url);
  u.search = '';
  u.hash = '';
  return u.href === sw.registration.scope || u.href === INDEX;
}

/** A file of a build (assets/...), never a page: only those may come from the previous deploy's cache. */
function isOwnFile(req: Request): boolean {
  return req.mode !== 'navigate' && new URL(req.url).href.startsWith(new URL('./assets/', sw.registration.scope).href);
}

async function respond(req: Request): Promise<Response> {
  const cache = await caches.open(CACHE);
  // Every address of the lab page (?embed=1&panels=..., #share=...) is the one index.html; other pages
  // (examples/slides.html) are themselves. Vary is ignored: hosts answer with "Vary: Origin", and a
  // module script's request carries an Origin the install's did not.
  const cached = isLabPage(req) ? await cache.match(INDEX) : await cache.match(req, { ignoreVary: true, ignoreSearch: req.mode === 'navigate' })
    // Not in this deploy: a file of the previous one, which a page opened before the update asks for.
    ?? (isOwnFile(req) ? await caches.match(req, { ignoreVary: true }) : undefined);
  if (cached) return cached;
  try {
    const res = await fetch(req);
    // Files not in the build list (a trainer's own lab files) are kept once fetched.
    if (res.ok && res.type === 'basic') await cache.put(req, res.clone());
    return res;
  } catch (e) {
    const kept = await cache.match(req, { ignoreSearch: true, ignoreVary: true });
    if (kept) return kept;
    throw e;
  }
}
