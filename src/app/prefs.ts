// Display preferences: theme and large text (for projectors). Kept in localStorage, applied to <html>.
import { create } from 'zustand';

export type Theme = 'light' | 'dark';
export interface Prefs { theme: Theme; largeText: boolean }

const KEY = 'snaplab.prefs.v1';

function initial(): Prefs {
  const fallback: Prefs = {
    theme: globalThis.matchMedia?.('(prefers-color-scheme: dark)').matches ? 'dark' : 'light',
    largeText: false,
  };
  try {
    const saved = JSON.parse(globalThis.localStorage?.getItem(KEY) ?? 'null') as Partial<Prefs> | null;
    if (!saved) return fallback;
    return {
      theme: saved.theme === 'dark' || saved.theme === 'light' ? saved.theme : fallback.theme,
      largeText: saved.largeText === true,
    };
  } catch {
    return fallback;
  }
}

export const usePrefs = create<Prefs>()(() => initial());

export function applyPrefs(p: Prefs, root: HTMLElement = document.documentElement): void {
  root.dataset.theme = p.theme;
  root.classList.toggle('large-text', p.largeText);
}

export function setPrefs(change: Partial<Prefs>): void {
  usePrefs.setState(change);
  const p = usePrefs.getState();
  applyPrefs(p);
  try { localStorage.setItem(KEY, JSON.stringify(p)); } catch { /* not saved; still applied */ }
}
