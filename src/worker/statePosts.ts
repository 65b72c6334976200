// State posts: what the page mirrors. The worker sends a patch (only what changed since its last post)
// at most every POST_INTERVAL_MS, and while the clock plays at most every PLAYING_POST_INTERVAL_MS with
// only the clock's time in between. This is the one throttle between the engine's state and the panels
// (the scrubber's history and the Datastore charts follow each state post, at their own rates).
import type { Hosted, RoomDeps } from './hosted';
import { PatchBuilder } from './patch';
import type { ClockView } from './protocol';
import { Throttle } from './throttle';

/** At most ~30 state posts a second. */
export const POST_INTERVAL_MS = 33;
/**
 * While the clock plays, a state post at most this often (the page shows the panels no more often);
 * in between, only the clock's time goes out, at POST_INTERVAL_MS. A state post costs the worker a
 * state view, a diff and a structured clone, and the page a clone back: not worth it 30 times a second.
 */
export const PLAYING_POST_INTERVAL_MS = 200;

/** The two intervals (tests and benchmarks may set their own: what is saved never depends on them). */
export interface PostIntervals { ms: number; playingMs: number }

export interface StatePostDeps extends RoomDeps {
  intervals?: PostIntervals;
  clock(): ClockView;
  /** After each state post (the scrubber's history follows it). */
  afterPost(): void;
}

export class StatePosts {
  private readonly patches = new PatchBuilder();
  private readonly throttle: Throttle;
  private lastTimePost = -Infinity;
  private readonly intervals: PostIntervals;

  constructor(private readonly hosted: Hosted, private readonly deps: StatePostDeps) {
    this.throttle = new Throttle(deps, () => this.postState());
    this.intervals = deps.intervals ?? { ms: POST_INTERVAL_MS, playingMs: PLAYING_POST_INTERVAL_MS };
  }

  /** A state post within the interval (the playing one while time runs); an earlier pending one stays. */
  request(playing = false): void {
    this.throttle.request(playing ? this.intervals.playingMs : this.intervals.ms);
  }

  /** Post the state now (a load, a move in time, the clock paused). */
  now(): void {
    this.throttle.now();
  }

  /** The next patch replaces everything the page holds (a new lab, a page that just connected). */
  resetPatches(): void {
    this.patches.reset();
  }

  /** The next patch replaces the page's events (the lab moved to another branch). */
  resetEvents(): void {
    this.patches.resetEvents();
  }

  /** Drop a pending post (the engine failed). */
  cancel(): void {
    this.throttle.cancel();
  }

  /** The clock's time between state posts while playing (the simulated clock and the scrubber). */
  time(): void {
    const now = this.deps.now();
    // Together with the state posts, still at most one message every POST_INTERVAL_MS.
    const posts = this.throttle;
    const gap = this.intervals.ms;
    if (now - this.lastTimePost < gap || now - posts.last < gap || posts.due - now < gap) return;
    this.lastTimePost = now;
    this.deps.post({ type: 'time', time: this.hosted.lab.now, clock: this.deps.clock() });
  }

  private postState(): void {
    const { lab, origin } = this.hosted;
    const state = lab.state();
    const patch = this.patches.build(state, origin.lesson);
    if (patch) this.deps.post({ type: 'state', patch, clock: this.deps.clock() });
    this.deps.afterPost();
  }
}
