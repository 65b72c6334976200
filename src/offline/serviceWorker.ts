// The service worker (built to sw.js). Install keeps every file of this build in one cache named after
// the build; later visits are served from it first, so the lab opens in a room without network. A new
// deploy changes sw.js, which installs a new cache beside the old, takes over, and drops the old one.
// The file list and version are written in at build time by build/offlineCache.ts.
const sw = self as unknown as ServiceWorkerGlobalScope;

const PRECACHE: string[] = JSON.parse('__SNAPLAB_PRECACHE__');
const CACHE = `snaplab-${'__SNAPLAB_VERSION__'}`;
const INDEX = new URL('./index.html', sw.registration.scope).href;

sw.addEventListener('install', (event) => {
  event.waitUntil(caches.open(CACHE).then((c) => c.addAll(PRECACHE)).then(() => sw.skipWaiting()));
});

sw.addEventListener('activate', (event) => {
  event.waitUntil((async () => {
    for (const key of await caches.keys()) if (key.startsWith('snaplab-') && key !== CACHE) await caches.delete(key);
    await sw.clients.claim();
  })());
});

sw.addEventListener('fetch', (event) => {
  const req = event.request;
  if (req.method !== 'GET' || new URL(req.url).origin !== sw.location.origin) return;
  event.respondWith(respond(req));
});

function isLabPage(req: Request): boolean {
  if (req.mode !== 'navigate') return false;
  const u = new URL(req.url);
  u.search = '';
  u.hash = '';
  return u.href === sw.registration.scope || u.href === INDEX;
}

async function respond(req: Request): Promise<Response> {
  const cache = await caches.open(CACHE);
  // Every address of the lab page (?embed=1&panels=..., #share=...) is the one index.html; other pages
  // (examples/slides.html) are themselves. Vary is ignored: hosts answer with "Vary: Origin", and a
  // module script's request carries an Origin the install's did not.
  const cached = isLabPage(req) ? await cache.match(INDEX) : await cache.match(req, { ignoreVary: true, ignoreSearch: req.mode === 'navigate' });
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
