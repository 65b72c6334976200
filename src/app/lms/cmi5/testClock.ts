// For the reporters' tests: a clock whose timers run only when the test moves it on, and a wait for
// the promise chains of a fake platform to settle.
export function manualClock(start = Date.UTC(2026, 10, 30, 9, 0, 0)) {
  let now = start;
  let timers: { at: number; fn: () => void }[] = [];
  return {
    now: () => now,
    setTimer: (fn: () => void, ms: number) => { const t = { at: now + ms, fn }; timers.push(t); return t; },
    clearTimer: (h: unknown) => { timers = timers.filter((t) => t !== h); },
    /** Moves time on and runs the timers now due, earliest first. */
    advance(ms: number) {
      now += ms;
      for (const t of timers.filter((x) => x.at <= now).sort((a, b) => a.at - b.at)) { timers = timers.filter((x) => x !== t); t.fn(); }
    },
    pending: () => timers.length,
  };
}

/** Waits (macrotask turns, no clock) until `check` holds; fails with `what` if it never does. */
export async function until(check: () => boolean, what = 'the condition'): Promise<void> {
  for (let i = 0; i < 1000; i++) {
    if (check()) return;
    await new Promise((r) => setTimeout(r, i < 100 ? 0 : 2));
  }
  throw new Error(`${what} never held`);
}

/** Lets the promise chains already started run to their end (a few macrotask turns). */
export async function settle(): Promise<void> {
  for (let i = 0; i < 20; i++) await new Promise((r) => setTimeout(r, 0));
}
