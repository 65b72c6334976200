// Course progress on this device: which lessons were completed, kept in localStorage. It travels as a
// progress file (progressFile.ts) or inside a share link; either one adds to it, never takes away.
import { create } from 'zustand';

const KEY = 'snaplab.lessons.progress.v1';

interface Progress { completed: string[] }

function load(): Progress {
  try {
    const saved = JSON.parse(globalThis.localStorage?.getItem(KEY) ?? 'null') as Partial<Progress> | null;
    const completed = Array.isArray(saved?.completed) ? saved.completed.filter((x): x is string => typeof x === 'string') : [];
    return { completed };
  } catch {
    return { completed: [] };
  }
}

export const useProgress = create<Progress>()(() => load());

function save(p: Progress): void {
  try { localStorage.setItem(KEY, JSON.stringify(p)); } catch { /* private mode or quota: kept for this page only */ }
}

export function markCompleted(id: string): void {
  mergeCompleted([id]);
}

/** Adds lessons completed elsewhere; answers how many were new here. */
export function mergeCompleted(ids: readonly string[]): number {
  const p = useProgress.getState();
  const added = [...new Set(ids)].filter((id) => !p.completed.includes(id));
  if (!added.length) return 0;
  const next = { completed: [...p.completed, ...added] };
  useProgress.setState(next);
  save(next);
  return added.length;
}

export function forgetProgress(): void {
  useProgress.setState({ completed: [] });
  save({ completed: [] });
}
