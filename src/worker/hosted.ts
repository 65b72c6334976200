// The lab the worker hosts now, shared by the host's rooms (labHost.ts routes the requests to them):
// the lab itself, its history, where its session starts, and whether the engine has failed on it.
import type { LabLike } from './labLike';
import type { SessionOrigin } from './session';
import type { TimeTravel } from './timeTravel';
import type { Timers } from './throttle';
import type { WorkerMessage } from './protocol';

export interface Hosted {
  lab: LabLike;
  travel: TimeTravel<LabLike>;
  /** Where its session starts; its lesson is named to the page in the state patches. */
  origin: SessionOrigin;
  /**
   * Set when the engine threw: the lab may be half-changed, so nothing more runs on it and nothing more
   * is saved. The session last posted (before the failing step) is what "Restart lab" rebuilds.
   */
  broken: boolean;
}

/** What every room is given: the worker's timers, its way to post, and the guard around engine work. */
export interface RoomDeps extends Timers {
  post(message: WorkerMessage): void;
  /** Run engine work; null when the engine threw (the lab is then stopped). */
  guard<T>(what: string, work: () => T): T | null;
}
