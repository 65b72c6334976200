// Offline: the built lab registers its service worker (sw.js, made by build/offlineCache.ts), which
// keeps every built file, so after one visit the lab opens without network. Workshop Wi-Fi is poor.
// Not in development: Vite serves modules that change on every edit. When a new deploy's service
// worker takes over a page that an older one served, the page says a new version is available.
import { create } from 'zustand';

export const useNewVersion = create<{ available: boolean }>()(() => ({ available: false }));

export function registerOfflineCache(nav: Navigator = navigator): void {
  if (!import.meta.env.PROD || !('serviceWorker' in nav)) return;
  // A page already served by a service worker that gets another one: that is a new deploy (the first
  // visit's takeover is not).
  const servedBefore = nav.serviceWorker.controller !== null;
  nav.serviceWorker.addEventListener('controllerchange', () => {
    if (servedBefore) useNewVersion.setState({ available: true });
  });
  // Relative to the page, so a lab deployed under /any/sub/path/ caches that path only.
  nav.serviceWorker.register('./sw.js', { scope: './' }).catch((e: unknown) => {
    console.warn('SnapLab will not work offline: the service worker did not register.', e);
  });
}
