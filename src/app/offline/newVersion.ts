// A new deploy of SnapLab while this page is open. The page knows the build it was made from (index.html's
// <meta name="snaplab-build">, written by build/offlineCache.ts); version.json on the server names the
// deployed build and never comes from the offline cache. When they differ the page says a new version
// is available (a notice, never a dialog: the learner finishes what they are doing). Reload first lets
// the new service worker take over, so the reload runs the new build, not the cached old one; the lab
// is saved as the page is hidden, so the reload keeps it. Until then "Restart lab" starts the worker
// from the file this page was built with (the service worker keeps the previous deploy's files).
import { create } from 'zustand';
import { labClient, pageAutosave } from '../connection';
import { useLab } from '../store';

export const BUILD_META = 'snaplab-build';
const VERSION_FILE = './version.json';
/** How often an open page asks (and whenever it comes back into view, goes online, or the lab stops). */
export const CHECK_EVERY_MS = 15 * 60_000;
/** Reload waits this long at most for the new service worker to take over. */
const TAKEOVER_WAIT_MS = 10_000;

export const useNewVersion = create<{ available: boolean; build: string | null }>()(() => ({ available: false, build: null }));

/** The build this page was made from, or null (development, tests). */
export function ownBuild(doc: Document = document): string | null {
  return doc.querySelector<HTMLMetaElement>(`meta[name="${BUILD_META}"]`)?.content || null;
}

/** The build id version.json names, or null when the server does not say (offline, no file). */
export async function deployedBuild(fetcher: typeof fetch = fetch): Promise<string | null> {
  try {
    const res = await fetcher(VERSION_FILE, { cache: 'no-store' });
    if (!res.ok) return null;
    const body = (await res.json()) as { build?: unknown };
    return typeof body.build === 'string' && body.build ? body.build : null;
  } catch {
    return null; // offline: the page keeps running what it has
  }
}

let checking: Promise<boolean> | null = null;
/** The new service worker's update, started with the notice; Reload waits for it (bounded). */
let updating: Promise<void> | null = null;

/** Asks the server which build is deployed; true (and the notice shown) when it is not this page's. */
export function checkForNewVersion(doc: Document = document, nav: Navigator = navigator): Promise<boolean> {
  const own = ownBuild(doc);
  if (!own) return Promise.resolve(false);
  checking ??= (async () => {
    const deployed = await deployedBuild();
    if (!deployed || deployed === own) return false;
    // The notice at once: the browser's service worker update can take many seconds on a busy
    // machine (it is queued in the browser, not by this page), and nothing here needs it but Reload.
    useNewVersion.setState({ available: true, build: deployed });
    updating ??= fetchNewServiceWorker(nav).finally(() => { updating = null; });
    return true;
  })().finally(() => { checking = null; });
  return checking;
}

/** Fetch the new service worker now, so it installs while the learner reads the notice. */
async function fetchNewServiceWorker(nav: Navigator): Promise<void> {
  const reg = 'serviceWorker' in nav ? await nav.serviceWorker.getRegistration().catch(() => undefined) : undefined;
  await reg?.update().catch(() => { /* offline again: Reload still asks the server */ });
}

/** Resolves when `p` settles or after `ms`, whichever is first. */
function atMost(win: Window, p: Promise<unknown>, ms: number): Promise<void> {
  return new Promise<void>((resolve) => {
    const timer = win.setTimeout(resolve, ms);
    void p.finally(() => { win.clearTimeout(timer); resolve(); });
  });
}

/** Reload into the new build: once the new service worker controls the page (or at once without one). */
export async function reloadToNewVersion(win: Window = window): Promise<void> {
  // The lab as it is this moment, not the last throttled save: the reload opens it.
  if (useLab.getState().status === 'ready') {
    try {
      const session = await (await labClient()).request({ kind: 'session' });
      pageAutosave().saveSession(session);
    } catch { /* the last save stands */ }
  }
  const sw = win.navigator.serviceWorker;
  const started = Date.now();
  // The update may not have found the new service worker yet: without it the reload would open the
  // old build from the cache.
  if (updating) await atMost(win, updating, TAKEOVER_WAIT_MS);
  const reg = sw ? await sw.getRegistration().catch(() => undefined) : undefined;
  if (sw?.controller && reg) {
    const takeover = new Promise<void>((resolve) => { sw.addEventListener('controllerchange', () => resolve(), { once: true }); });
    if (reg.installing || reg.waiting) await atMost(win, takeover, Math.max(0, TAKEOVER_WAIT_MS - (Date.now() - started)));
  }
  win.location.reload();
}

/** Look for a new deploy now and then while the page is open (built pages only). */
export function watchForNewVersion(win: Window = window): void {
  if (!ownBuild(win.document)) return;
  const check = () => { void checkForNewVersion(win.document, win.navigator); };
  win.setInterval(check, CHECK_EVERY_MS);
  win.addEventListener('online', check);
  win.addEventListener('focus', check);
  win.document.addEventListener('visibilitychange', () => { if (win.document.visibilityState === 'visible') check(); });
  // The lab stopped: a deploy may be why (a file it needed is gone); the learner is about to restart.
  useLab.subscribe((s, before) => { if (s.status === 'crashed' && before.status !== 'crashed') check(); });
}
