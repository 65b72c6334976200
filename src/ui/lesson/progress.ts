// Course progress on this device: which lessons were completed, kept in localStorage.
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
  const p = useProgress.getState();
  if (p.completed.includes(id)) return;
  const next = { completed: [...p.completed, id] };
  useProgress.setState(next);
  save(next);
}

export function forgetProgress(): void {
  useProgress.setState({ completed: [] });
  save({ completed: [] });
}
