// State posts: what the page mirrors. The worker sends a patch (only what changed since its last post)
// at most every POST_INTERVAL_MS, and while the clock plays at most every PLAYING_POST_INTERVAL_MS with
// only the clock's time in between. This is the one throttle between the engine and the panels.
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

export interface StatePostDeps extends RoomDeps {
  clock(): ClockView;
  /** After each state post (the scrubber's history follows it). */
  afterPost(): void;
}

export class StatePosts {
  private readonly patches = new PatchBuilder();
  private readonly throttle: Throttle;
  private lastTimePost = -Infinity;

  constructor(private readonly hosted: Hosted, private readonly deps: StatePostDeps) {
    this.throttle = new Throttle(deps, () => this.postState());
  }

  /** A state post within `interval` of the last one; an earlier pending one stays. */
  request(interval = POST_INTERVAL_MS): void {
    this.throttle.request(interval);
  }

  /** Post the state now (a load, a move in time, the clock paused). */
  now(): void {
    this.throttle.now();
  }

  /** The next patch replaces everything the page holds (a new lab, a page that just connected). */
  resetPatches(): void {
    this.patches.reset();
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
    if (now - this.lastTimePost < POST_INTERVAL_MS || now - posts.last < POST_INTERVAL_MS || posts.due - now < POST_INTERVAL_MS) return;
    this.lastTimePost = now;
    this.deps.post({ type: 'time', time: this.hosted.lab.now, clock: this.deps.clock() });
  }

  private postState(): void {
    const { lab, travel, origin } = this.hosted;
    const state = lab.state();
    travel.observe(state);
    const patch = this.patches.build(state, origin.lesson);
    if (patch) this.deps.post({ type: 'state', patch, clock: this.deps.clock() });
    this.deps.afterPost();
  }
}
