// The page <-> worker protocol. The worker speaks first with `hello` (carrying PROTOCOL_VERSION); the
// page refuses to talk to a worker of another version and shows it as an error. Every request carries
// an id the answer repeats, so the page can keep one promise per request.
import type { CommandResult, EventView, HostView, StateView, UsageView } from '../engine/core/view';
import type { Session } from './session';
import type { HistoryView, UsageSample } from './branchTree';

export const PROTOCOL_VERSION = 5;

/** What the page may ask. `load` takes a lab definition object or a lab/lesson id. */
export type WorkerRequest =
  | { kind: 'load'; source: unknown; options?: LoadOptions }
  | { kind: 'dispatch'; command: unknown }
  /** A command that only reads, in the lab's past: answered from a copy, unrecorded (null otherwise). */
  | { kind: 'peek'; command: unknown }
  | { kind: 'advance'; ms: unknown }
  | { kind: 'state' }
  | { kind: 'play'; speed?: unknown }
  | { kind: 'pause' }
  | { kind: 'setSpeed'; speed: unknown }
  | { kind: 'step' }
  | { kind: 'restore'; session: unknown }
  | { kind: 'session' }
  | { kind: 'seek'; ms: unknown }
  | { kind: 'seekBefore'; command: unknown }
  | { kind: 'switchBranch'; branch: unknown }
  | { kind: 'history' }
  | { kind: 'usage'; branches: unknown };

export interface LoadOptions { seed?: number }

export interface RequestMessage { id: number; request: WorkerRequest }

/** Answers are plain values; failures are `{ ok: false, error }` like the engine's own answers. */
export type Failure = { ok: false; error: { code: string; message: string } };
export type LoadAnswer = { ok: true; name: string } | Failure;
export type ClockAnswer = { ok: true; playing: boolean; speed: number; time: number } | Failure;

export interface AnswerMap {
  load: LoadAnswer;
  dispatch: CommandResult;
  peek: CommandResult | null;
  advance: CommandResult;
  state: StateView;
  play: ClockAnswer;
  pause: ClockAnswer;
  setSpeed: ClockAnswer;
  step: ClockAnswer;
  restore: LoadAnswer;
  session: Session;
  seek: StateView | Failure;
  seekBefore: StateView | Failure;
  switchBranch: ClockAnswer;
  history: HistoryView;
  usage: UsageAnswer;
}

/** Datastore usage over time of some branches, for "compare branches". */
export interface UsageAnswer { ok: true; datastores: string[]; series: { branch: string; samples: UsageSample[] }[] }

/** The lab's space at a simulated moment (the engine's UsageView): a point of the Datastore charts. */
export interface UsagePoint { time: number; usage: UsageView }

/**
 * The Datastore charts' data (chartPosts.ts): samples of the lab's usage history the page lacks
 * (`reset`: they replace what it holds), and the lab's usage at the moment it shows.
 */
export interface ChartsPatch { reset: boolean; append: UsagePoint[]; now: UsagePoint }

export interface ClockView {
  playing: boolean;
  speed: number;
  /** simulated ms per real ms achieved lately */
  actualSpeed: number;
  /** Why the clock paused itself ("SQL01 asks a question"), while it stays paused; absent otherwise. */
  pausedBecause?: string;
}

/**
 * A state patch. Keyed collections carry only the items whose JSON changed plus the id order when
 * membership changed; events carry only what was appended. `full` replaces everything the page holds.
 * `meta.lessonId` is the lesson the session came from (absent for a lab not loaded by lesson id).
 */
export interface StatePatch {
  version: number;
  full: boolean;
  time: number;
  meta?: PatchMeta;
  vms?: KeyedPatch<StateView['vms'][number]>;
  datastores?: KeyedPatch<StateView['datastores'][number]>;
  tasks?: KeyedPatch<StateView['tasks'][number]>;
  backupJobs?: KeyedPatch<StateView['backupJobs'][number]>;
  repositories?: KeyedPatch<StateView['repositories'][number]>;
  restorePoints?: KeyedPatch<StateView['restorePoints'][number]>;
  events?: { reset: boolean; dropFront: number; append: EventView[] };
}

export interface PatchMeta { name: string; seed: number; hosts: HostView[]; lessonId?: string }

export interface KeyedPatch<T> { upsert: T[]; order?: string[] }

export type WorkerMessage =
  | { type: 'hello'; protocol: number }
  | { type: 'answer'; id: number; answer: unknown }
  | { type: 'state'; patch: StatePatch; clock: ClockView }
  | { type: 'clock'; clock: ClockView }
  /** While the clock plays: its simulated time between state posts (which come less often then). */
  | { type: 'time'; time: number; clock: ClockView }
  | { type: 'session'; session: Session }
  | { type: 'history'; history: HistoryView }
  | { type: 'charts'; charts: ChartsPatch }
  | { type: 'fatal'; message: string }
  /** The engine threw: this lab is stopped (its last posted session is the last good one). */
  | { type: 'stopped'; message: string };
