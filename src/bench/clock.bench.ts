// The worker's clock without the browser: the datacenter lab (16 VMs, a quiesced
// snapshot each) played at 14,400x for 10 s of real time through the worker's LabHost on real timers,
// as the page's worker runs it. Prints the simulated hours covered (the browser's goal is 30 h in
// 10 s, `npm run bench:ui`) and where the worker's time went: engine advances, the state posts (view,
// diff and structured clone), time-travel copies, idle. Run: npm run bench
import { performance } from 'node:perf_hooks';
import * as engine from '../engine/index';
import type { LabLike } from '../worker/labLike';
import { LabHost } from '../worker/labHost';
import type { WorkerMessage } from '../worker/protocol';

const RUN_MS = 10_000;
const SPEED = 14_400;
const HOUR = 3_600_000;

interface Cost { calls: number; ms: number }
const cost = (): Cost => ({ calls: 0, ms: 0 });

function timed<T>(c: Cost, work: () => T): T {
  const t = performance.now();
  try { return work(); } finally { c.calls++; c.ms += performance.now() - t; }
}

/** The lab behind a delegate that times its calls (the lab itself stays free of functions, so it can still be copied). */
function timedLab(lab: LabLike, costs: { advance: Cost; state: Cost; fork: Cost }): LabLike {
  return {
    get now() { return lab.now; },
    get eventSeq() { return lab.eventSeq; },
    eventsAfter: (seq) => lab.eventsAfter(seq),
    datastoreUsage: () => lab.datastoreUsage(),
    dispatch: (c) => lab.dispatch(c),
    advance: (ms) => timed(costs.advance, () => lab.advance(ms)),
    state: () => timed(costs.state, () => lab.state()),
    fork: lab.fork && (() => timed(costs.fork, () => {
      const copy = lab.fork!();
      return copy && { lab: timedLab(copy.lab, costs), bytes: copy.bytes };
    })),
  };
}

export async function runClockBenchmark(): Promise<void> {
  const costs = { advance: cost(), state: cost(), fork: cost(), post: cost() };
  let stateBytes = 0;
  let statePosts = 0;
  const post = (m: WorkerMessage) => timed(costs.post, () => {
    // What postMessage does to every message: a structured clone.
    structuredClone(m);
    if (m.type === 'state') { statePosts++; stateBytes += JSON.stringify(m).length; }
  });
  const host = new LabHost({
    engine: { ...engine, createLab: (d, o) => timedLab(engine.createLab(d, o), costs) },
    post, now: () => performance.now(),
    setTimer: (fn, ms) => setTimeout(fn, ms), clearTimer: (h) => clearTimeout(h as ReturnType<typeof setTimeout>),
  });
  const loaded = host.handle({ kind: 'load', source: 'datacenter' });
  if (!loaded.ok) throw new Error(loaded.error.message);
  for (const vm of host.handle({ kind: 'state' }).vms) host.handle({ kind: 'dispatch', command: { type: 'snapshot.take', vm: vm.id, name: 'bench', quiesce: true } });
  for (const c of Object.values(costs)) Object.assign(c, cost());
  statePosts = 0;
  stateBytes = 0;

  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  const start = host.handle({ kind: 'state' }).time;
  host.handle({ kind: 'play', speed: SPEED });
  await new Promise((resolve) => setTimeout(resolve, RUN_MS));
  const paused = host.handle({ kind: 'pause' });
  const real = performance.now() - t0;
  const cpu = process.cpuUsage(cpu0);
  if (!paused.ok) throw new Error('pause refused');
  const hours = (paused.time - start) / HOUR;
  const share = (c: Cost) => `${(c.ms / 1000).toFixed(2)} s (${((c.ms / real) * 100).toFixed(0)}%, ${c.calls} calls)`;
  const busy = costs.advance.ms + costs.fork.ms + costs.state.ms + costs.post.ms;
  console.log(`The worker's clock: datacenter lab (16 VMs, a quiesced snapshot each) at ${SPEED}x for ${RUN_MS / 1000} s real, in Node`);
  console.log(`  simulated ${hours.toFixed(1)} h (${Math.round((paused.time - start) / real)}x achieved; the browser's goal: 30 h in 10 s); process CPU ${((cpu.user + cpu.system) / 1e6).toFixed(1)} s`);
  console.log(`  engine advances ${share(costs.advance)}; time-travel copies ${share(costs.fork)}; state views ${share(costs.state)}; posts incl. clone ${share(costs.post)}; idle or other ${((1 - busy / real) * 100).toFixed(0)}%`);
  console.log(`  ${statePosts} state posts of ${(stateBytes / Math.max(1, statePosts) / 1024).toFixed(0)} KB on average; ${(host.checkpointStats().bytes / 1024 / 1024).toFixed(0)} MB in ${host.checkpointStats().count} checkpoints`);
}
