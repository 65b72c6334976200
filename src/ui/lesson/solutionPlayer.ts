// "Show solution": replay a lesson's solution through the page's normal command pipeline, slowly
// enough to watch. Long clock advances go in slices so charts and the tree move as they would live.
import type { CommandResult } from '../../engine/core/view';
import type { SolutionStep } from '../../lessons';

export interface ReplayDeps {
  dispatch(command: { type: string } & Record<string, unknown>): Promise<CommandResult>;
  wait(ms: number): Promise<void>;
  onStep?(index: number, step: SolutionStep): void;
  signal?: AbortSignal;
}

export interface ReplayPace { stepMs: number; sliceMs: number; maxSlices: number }
export const WATCHABLE: ReplayPace = { stepMs: 900, sliceMs: 120, maxSlices: 12 };

export type ReplayResult = { ok: true } | { ok: false; step: number; message: string } | { ok: false; step: number; stopped: true };

export async function replaySolution(steps: SolutionStep[], deps: ReplayDeps, pace: ReplayPace = WATCHABLE): Promise<ReplayResult> {
  for (let i = 0; i < steps.length; i++) {
    if (deps.signal?.aborted) return { ok: false, step: i, stopped: true };
    const step = steps[i];
    deps.onStep?.(i, step);
    const command = step.command as { type: string } & Record<string, unknown>;
    if (command.type === 'clock.advance') {
      const ms = command.ms as number;
      const slices = Math.max(1, Math.min(pace.maxSlices, Math.ceil(ms / 1000)));
      let done = 0;
      for (let s = 1; s <= slices; s++) {
        // Whole milliseconds per slice, so the slices add up to exactly the step's time.
        const until = Math.round((ms * s) / slices);
        const r = await deps.dispatch({ type: 'clock.advance', ms: until - done });
        if (!r.ok) return { ok: false, step: i, message: r.error.message };
        done = until;
        if (s < slices) await deps.wait(pace.sliceMs);
      }
    } else {
      const r = await deps.dispatch(command);
      if (r.ok !== (step.expect === 'ok')) {
        return { ok: false, step: i, message: r.ok ? 'This step was meant to be refused, but the lab accepted it.' : r.error.message };
      }
    }
    await deps.wait(pace.stepMs);
  }
  return { ok: true };
}
