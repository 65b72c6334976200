// Session saving: the worker posts the lab's session (what autosave keeps) after every accepted
// command, a move in time or a scripted jump, and about once a second while the clock runs. Nothing is
// posted once the engine has failed: the last session posted is the last good one.
import { branchFields } from './branchSession';
import type { Hosted, RoomDeps } from './hosted';
import { sessionOf, type Session } from './session';
import { Throttle } from './throttle';

/** While time runs, a session post at most this often. */
export const SESSION_INTERVAL_MS = 1000;

export class SessionSaver {
  private readonly posts: Throttle;

  constructor(private readonly hosted: Hosted, deps: RoomDeps) {
    this.posts = new Throttle(deps, () => { if (!hosted.broken) deps.post({ type: 'session', session: this.session() }); });
  }

  /** The session as it is now: the current branch's commands, and every branch when there are more. */
  session(): Session {
    const { travel, lab, origin } = this.hosted;
    return { ...sessionOf(origin, travel.commands(), travel.reached), ...branchFields(travel.history, travel.branch, lab.now) };
  }

  /** Post it now (a command, a move in time). */
  post(): void {
    this.posts.now();
  }

  /** Post it within SESSION_INTERVAL_MS (time running). */
  request(): void {
    if (!this.hosted.broken) this.posts.request(SESSION_INTERVAL_MS);
  }

  /** No more posts (the engine failed). */
  stop(): void {
    this.posts.cancel();
  }
}
