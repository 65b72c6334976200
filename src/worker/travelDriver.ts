// The time-travel driver: the requests that move the lab in its own history (seek, the way back before
// a command, a switch of branch) and the scrubber's history posts. The history itself, checkpoints and
// replays are timeTravel.ts.
import type { StateView } from '../engine/core/view';
import { ENGINE_FAILED, failure, type ClockDriver } from './clockDriver';
import type { Hosted, RoomDeps } from './hosted';
import type { LabLike } from './labLike';
import type { ClockAnswer, Failure } from './protocol';
import type { SessionSaver } from './sessionSaver';
import type { StatePosts } from './statePosts';
import { Throttle } from './throttle';

/** The scrubber's history view, at most this often while time runs. */
export const HISTORY_INTERVAL_MS = 250;

export interface TravelDriverDeps extends RoomDeps {
  clock: ClockDriver;
  states: StatePosts;
  sessions: SessionSaver;
}

export class TravelDriver {
  private readonly historyPosts: Throttle;

  constructor(private readonly hosted: Hosted, private readonly deps: TravelDriverDeps) {
    this.historyPosts = new Throttle(deps, () => deps.post({ type: 'history', history: this.hosted.travel.view(this.hosted.lab.now) }));
  }

  /** The lab at `ms` of the current branch (docs/scripting.md): answers the state there. */
  seek(ms: unknown): StateView | Failure {
    const reached = this.hosted.travel.reached;
    if (typeof ms !== 'number' || !Number.isFinite(ms) || ms < 0 || ms > reached) {
      return failure('INVALID_TIME', `seek takes a simulated time in milliseconds from 0 to ${reached}, the latest moment this lab reached (got ${JSON.stringify(ms) ?? String(ms)}).`);
    }
    this.deps.clock.stop();
    if (!this.moveTo(() => this.hosted.travel.seek(this.hosted.lab, ms))) return failure('ENGINE_ERROR', ENGINE_FAILED);
    return this.hosted.lab.state();
  }

  /** Just before the last command of a type on the current branch (a lesson hint's way back). */
  seekBefore(type: unknown): StateView | Failure {
    const now = this.hosted.lab.now;
    const last = this.hosted.travel.commands().filter((c) => c.command.type === type && c.at <= now).pop();
    if (!last) return failure('NOTHING_TO_GO_BACK_TO', `No ${JSON.stringify(type)} command has been given on this branch yet, so there is nothing to go back before.`);
    return this.seek(Math.max(0, last.at - 1));
  }

  switchBranch(id: unknown): ClockAnswer {
    const { history } = this.hosted.travel;
    if (typeof id !== 'string' || !history.get(id)) {
      const ids = history.all().map((b) => b.id).join(', ');
      return failure('BRANCH_NOT_FOUND', `There is no branch ${JSON.stringify(id)}. Branches: ${ids}.`);
    }
    this.deps.clock.stop();
    // Events after the fork carry the same numbers on both branches: the page gets the new branch's whole log.
    this.deps.states.resetEvents();
    if (!this.moveTo(() => this.hosted.travel.switchTo(id))) return failure('ENGINE_ERROR', ENGINE_FAILED);
    return this.deps.clock.answer();
  }

  /**
   * The scrubber's history: at once (`force`), or at most every HISTORY_INTERVAL_MS; one held back goes
   * out when the interval ends, so the page always ends up with the newest history.
   */
  postHistory(force = false): void {
    if (force) this.historyPosts.now();
    else this.historyPosts.request(HISTORY_INTERVAL_MS);
  }

  private moveTo(go: () => LabLike): boolean {
    // No full resend: the patches diff against what the page holds, even when time went back.
    const lab = this.deps.guard('a move in time', go);
    if (lab === null) return false;
    this.hosted.lab = lab;
    this.deps.states.now();
    this.deps.clock.post();
    this.deps.sessions.post();
    this.postHistory(true);
    return true;
  }
}
