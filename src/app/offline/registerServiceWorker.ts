// Offline: the built lab registers its service worker (sw.js, made by build/offlineCache.ts), which
// keeps every built file, so after one visit the lab opens without network. Workshop Wi-Fi is poor.
// Not in development: Vite serves modules that change on every edit.
export function registerOfflineCache(nav: Navigator = navigator): void {
  if (!import.meta.env.PROD || !('serviceWorker' in nav)) return;
  // Relative to the page, so a lab deployed under /any/sub/path/ caches that path only.
  nav.serviceWorker.register('./sw.js', { scope: './' }).catch((e: unknown) => {
    console.warn('SnapLab will not work offline: the service worker did not register.', e);
  });
}
