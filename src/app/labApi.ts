// window.lab: the walkthrough and embedding API (docs/scripting.md), present in every build.
// Every method returns a promise with the answers of docs/commands.md and docs/api.md; state() of a lab loaded
// from a lesson carries `lesson` with its objectives, as the CLI's does (section 4). Which lesson comes
// from the store: the worker names it in the full state patch it posts on every load, before it answers
// any later request, so the store knows it by the time a state answer arrives.
import type { CommandResult, StateView } from '../engine/core/view';
import type { ClockAnswer, Failure, LoadAnswer, LoadOptions } from '../worker/protocol';
import { labClient, pageAutosave, whenStarted } from './connection';
import { withLesson } from './lesson/lessonState';
import { useLab } from './store';

export interface LabApi {
  readonly ready: Promise<void>;
  load(labDefinitionOrLessonId: unknown, options?: LoadOptions): Promise<LoadAnswer>;
  dispatch(command: unknown): Promise<CommandResult>;
  advance(ms: number): Promise<CommandResult>;
  state(): Promise<StateView>;
  play(speed?: number): Promise<ClockAnswer>;
  pause(): Promise<ClockAnswer>;
  /** The lab at that moment of its history (0 to the latest time reached); answers the state there. */
  seek(ms: number): Promise<StateView | Failure>;
}

declare global {
  interface Window { lab: LabApi }
}

/** `ready` may wait for more than the worker: the page's URL options (a lesson, a share link). */
export function createLabApi(ready: Promise<void> = whenStarted()): LabApi {
  return {
    ready,
    load: async (source, options) => {
      // A lab loaded by a script (a walkthrough, a deck by postMessage) is saved apart: the learner's
      // own autosaved lab is never replaced by it.
      pageAutosave().useScriptedSlot();
      return (await labClient()).request({ kind: 'load', source, options });
    },
    dispatch: async (command) => (await labClient()).request({ kind: 'dispatch', command }),
    advance: async (ms) => (await labClient()).request({ kind: 'advance', ms }),
    state: async () => {
      const state = await (await labClient()).request({ kind: 'state' });
      return withLesson(state, useLab.getState().lessonId ?? undefined);
    },
    play: async (speed) => (await labClient()).request({ kind: 'play', speed }),
    pause: async () => (await labClient()).request({ kind: 'pause' }),
    seek: async (ms) => {
      const answer = await (await labClient()).request({ kind: 'seek', ms });
      // Like the other methods, a refusal is an answer, not a thrown error.
      if ('ok' in answer && answer.ok === false) return answer;
      return withLesson(answer as StateView, useLab.getState().lessonId ?? undefined);
    },
  };
}

export function installLabApi(target: Window = window, ready?: Promise<void>): LabApi {
  const api = createLabApi(ready);
  Object.defineProperty(target, 'lab', { value: api, configurable: true, enumerable: true });
  return api;
}
