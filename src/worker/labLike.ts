// What the worker needs of a lab and of the engine that builds it: the engine's Lab and createLab, or
// a stand-in in tests and benchmarks (a lab that times its calls).
import type { CommandResult, EventView, StateView, UsageView } from '../engine/core/view';

export interface LabLike {
  dispatch(command: unknown): CommandResult;
  advance(ms: number): void;
  readonly now: number;
  state(): StateView;
  /** The events logged after the one numbered `seq`, and the newest one's number (EventView.seq). */
  eventsAfter(seq: number): EventView[];
  readonly eventSeq: number;
  /** The lab's space now: datastores by kind of file, chains, Exchange logs (cheap, unlike state()). */
  datastoreUsage(): UsageView;
  /** An independent copy and its size, or null when the lab cannot be copied at this moment. */
  fork?(): { lab: LabLike; bytes: number; shared?: ReadonlyMap<object, number> } | null;
  /** The questions VMs wait on: one asked while the clock plays pauses it. */
  questions?(): { vm: string; name: string; id: string }[];
  /** A command in a learner's words with the lab's display names, as the lab is now (branch names). */
  describe?(command: unknown): string;
  /** The command only reads the lab (a console line that changes nothing): the past answers it unrecorded. */
  readsOnly?(command: unknown): boolean;
}

export interface EngineLike {
  createLab(definition: unknown, options?: { seed?: number }): LabLike;
  defaultLabDefinition: unknown;
  builtInLabs: Record<string, unknown>;
}
