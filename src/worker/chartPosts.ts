// The Datastore charts' posts: the lab's usage history (the samples timeTravel.ts takes on its own
// schedule of simulated time, never from posts) and the lab's usage now, so the charts end at the
// moment the page shows. Each post carries only the samples the page lacks; a new lab, another branch
// or a thinned history sends them all again. They follow the state posts, at most once a second while
// the clock plays: the charts are the page's heaviest render.
import type { History, UsageSample } from './branchTree';
import type { Hosted, RoomDeps } from './hosted';
import type { ChartsPatch, UsagePoint } from './protocol';
import { Throttle } from './throttle';

/** While the clock plays, chart posts at most this often. */
export const PLAYING_CHART_INTERVAL_MS = 1000;

/** What the page holds: the samples of this history's branch up to `count`, the last one `last`. */
interface Sent { history: History; branch: string; count: number; last: UsageSample | undefined }

export class ChartPosts {
  private readonly throttle: Throttle;
  private sent: Sent | null = null;

  constructor(private readonly hosted: Hosted, private readonly deps: RoomDeps & { intervalMs: number }) {
    this.throttle = new Throttle(deps, () => this.post());
  }

  /** A chart post within the interval (a second while the clock plays). */
  request(playing: boolean): void {
    this.throttle.request(playing ? PLAYING_CHART_INTERVAL_MS : this.deps.intervalMs);
  }

  /** The next post sends every sample again (a page that just connected). */
  reset(): void { this.sent = null; }

  /** Drop a pending post (the engine failed). */
  cancel(): void { this.throttle.cancel(); }

  private post(): void {
    const { lab, travel } = this.hosted;
    const samples = travel.history.usage(travel.branch);
    const s = this.sent;
    const reset = !s || s.history !== travel.history || s.branch !== travel.branch || s.count > samples.length || (s.count > 0 && samples[s.count - 1] !== s.last);
    const append = samples.slice(reset ? 0 : s.count).flatMap(pointOf);
    this.sent = { history: travel.history, branch: travel.branch, count: samples.length, last: samples[samples.length - 1] };
    const charts: ChartsPatch = { reset, append, now: { time: lab.now, usage: lab.datastoreUsage() } };
    this.deps.post({ type: 'charts', charts });
  }
}

/** A sample the charts can draw: those a session file brought back have no chart figures. */
const pointOf = (u: UsageSample): UsagePoint[] => (u.charts ? [{ time: u.time, usage: u.charts }] : []);

/**
 * The page's side: the samples after a patch, and the points the charts draw (the history before the
 * moment shown, then that moment). Plain functions, so the page's store and tests apply them alike.
 */
export function applyChartsPatch(samples: UsagePoint[], patch: ChartsPatch): UsagePoint[] {
  return patch.reset ? patch.append : patch.append.length ? samples.concat(patch.append) : samples;
}

export function chartPoints(samples: readonly UsagePoint[], now: UsagePoint): UsagePoint[] {
  const past = samples.filter((p) => p.time < now.time);
  past.push(now);
  return past;
}
