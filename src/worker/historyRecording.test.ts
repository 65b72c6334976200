// The history a session keeps (markers, datastore usage, branches) comes from the engine's events and
// a sampling schedule on simulated time, never from the state posts: the same script saves the same
// session whatever the post throttle.
import { describe, expect, it } from 'vitest';
import * as engine from '../engine/index';
import { LabHost } from './labHost';
import type { PostIntervals } from './statePosts';
import type { WorkerMessage } from './protocol';
import type { Session } from './session';
import { usageSampleAt } from './timeTravel';

/** A host on fake timers: real time moves only when the script says, the same in every run. */
function scriptedHost(postIntervals: PostIntervals) {
  let now = 0;
  let seq = 0;
  const timers = new Map<number, { at: number; fn: () => void }>();
  const posted: WorkerMessage[] = [];
  const h = new LabHost({
    engine, postIntervals, post: (m) => posted.push(m), now: () => now,
    setTimer: (fn, ms) => { timers.set(++seq, { at: now + ms, fn }); return seq; },
    clearTimer: (id) => { timers.delete(id as number); },
  });
  /** Fire the timers due in the next `ms` of real time, in order. */
  const run = (ms: number) => {
    const end = now + ms;
    for (;;) {
      const next = [...timers].sort((a, b) => a[1].at - b[1].at || a[0] - b[0])[0];
      if (!next || next[1].at > end) break;
      timers.delete(next[0]);
      now = Math.max(now, next[1].at);
      next[1].fn();
    }
    now = end;
  };
  return { h, run, posted };
}

/** Time played, commands, a seek back and a command there (a new branch), time played again. */
function script(postIntervals: PostIntervals): { session: Session; posts: number } {
  const { h, run, posted } = scriptedHost(postIntervals);
  h.handle({ kind: 'dispatch', command: { type: 'snapshot.take', vm: 'exch01', name: 'before-patch', quiesce: true } });
  h.handle({ kind: 'play', speed: 3600 });
  run(1500);
  h.handle({ kind: 'dispatch', command: { type: 'snapshot.take', vm: 'sql01', name: 'nightly' } });
  run(1000);
  h.handle({ kind: 'pause' });
  h.handle({ kind: 'advance', ms: 20 * 60_000 });
  h.handle({ kind: 'seek', ms: 90_000 });
  h.handle({ kind: 'dispatch', command: { type: 'snapshot.revert', vm: 'exch01', snapshot: 'snapshot-1' } });
  h.handle({ kind: 'play', speed: 600 });
  run(1500);
  h.handle({ kind: 'pause' });
  run(2000); // let every held-back post go out
  return { session: h.handle({ kind: 'session' }), posts: posted.filter((m) => m.type === 'state').length };
}

describe('the history a session keeps', () => {
  it('is the same whatever the post throttle: markers and usage come from the engine on simulated time', () => {
    const eager = script({ ms: 0, playingMs: 0 });
    const lazy = script({ ms: 100, playingMs: 100 });
    // The throttles did differ...
    expect(eager.posts).toBeGreaterThan(lazy.posts * 1.5);
    // ...and the sessions did not.
    expect(JSON.stringify(lazy.session)).toBe(JSON.stringify(eager.session));
    // Not trivially: two branches, markers from events (each named by its event's seq), usage samples.
    const branches = eager.session.branches!;
    expect(branches.length).toBe(2);
    const markers = branches.flatMap((b) => b.markers ?? []);
    expect(markers.map((m) => m.kind)).toEqual(expect.arrayContaining(['snapshot', 'quiesce', 'revert']));
    for (const b of branches) expect(new Set(b.markers?.map((m) => m.seq)).size).toBe(b.markers?.length);
    const usage = branches.flatMap((b) => b.usage ?? []);
    expect(usage.length).toBeGreaterThan(10);
    // Every sample falls on the sampling schedule of simulated time or at a command's moment.
    const commandTimes = new Set(branches.flatMap((b) => b.commands.map((c) => c.at)));
    for (const u of usage) expect(usageSampleAt(u.time) === u.time || commandTimes.has(u.time)).toBe(true);
    expect(usage.some((u) => usageSampleAt(u.time) !== u.time)).toBe(true);
  });

  it('samples the used bytes state() reports, without building the state view', () => {
    const lab = engine.createLab(engine.defaultLabDefinition);
    lab.dispatch({ type: 'snapshot.take', vm: 'exch01', name: 'm', memory: true });
    lab.advance(30 * 60_000);
    expect(lab.datastoreUsage().datastores.map((d) => ({ id: d.id, usedBytes: d.usedBytes }))).toEqual(lab.state().datastores.map((d) => ({ id: d.id, usedBytes: d.usedBytes })));
  });

  it('samples every minute at first, then further apart as the history grows', () => {
    expect([0, 1, 60_000, 60_001].map(usageSampleAt)).toEqual([0, 60_000, 60_000, 120_000]);
    const hour = 3_600_000;
    expect(usageSampleAt(2 * hour + 1)).toBe(2 * hour + 240_000);
    expect(usageSampleAt(24 * hour + 1) - 24 * hour).toBeGreaterThan(10 * 60_000);
  });
});
