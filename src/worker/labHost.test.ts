import { describe, expect, it, vi } from 'vitest';
import * as engine from '../engine/index';
import { LabHost } from './labHost';
import type { WorkerMessage } from './protocol';
import { setLessonResolver } from './labSources';
import { LAB_TIME_LIMIT_MS, type Session } from './session';
import { ENGINE_FAILED } from './clockDriver';
import { PLAYING_POST_INTERVAL_MS, POST_INTERVAL_MS } from './statePosts';

function host() {
  const posted: WorkerMessage[] = [];
  const h = new LabHost({ engine, post: (m) => posted.push(m), now: () => 0, setTimer: () => 1, clearTimer: () => {} });
  return { h, posted };
}

describe('LabHost', () => {
  it('answers dispatch like the engine and records accepted commands in the session', () => {
    const { h } = host();
    const ok = h.handle({ kind: 'dispatch', command: { type: 'snapshot.take', vm: 'exch01', name: 'a' } });
    expect(ok.ok).toBe(true);
    const bad = h.handle({ kind: 'dispatch', command: { type: 'snapshot.take', vm: 'nope', name: 'a' } });
    expect(bad.ok).toBe(false);
    h.handle({ kind: 'advance', ms: 60_000 });
    const s = h.handle({ kind: 'session' });
    expect(s.commands.map((c) => c.command.type)).toEqual(['snapshot.take']);
    expect(s.time).toBe(60_000);
  });

  it('rebuilds the same lab from its session', () => {
    const a = host().h;
    a.handle({ kind: 'dispatch', command: { type: 'snapshot.take', vm: 'exch01', name: 'a', memory: true } });
    a.handle({ kind: 'advance', ms: 90_000 });
    a.handle({ kind: 'dispatch', command: { type: 'snapshot.take', vm: 'sql01', name: 'b', quiesce: true } });
    a.handle({ kind: 'advance', ms: 45_000 });
    const session: Session = JSON.parse(JSON.stringify(a.handle({ kind: 'session' })));
    const b = host().h;
    expect(b.handle({ kind: 'restore', session: JSON.stringify(session) }).ok).toBe(true);
    expect(b.handle({ kind: 'state' })).toEqual(a.handle({ kind: 'state' }));
  });

  it('keeps the current lab when a load or restore is refused', () => {
    const { h } = host();
    h.handle({ kind: 'dispatch', command: { type: 'snapshot.take', vm: 'dc01', name: 'keep' } });
    const before = h.handle({ kind: 'state' });
    const badLab = h.handle({ kind: 'load', source: { vms: [{ id: 'x', guest: 'beos' }] } });
    expect(badLab.ok).toBe(false);
    if (!badLab.ok) expect(badLab.error.message).toContain('guest');
    const notJson = h.handle({ kind: 'restore', session: '{oops' });
    expect(notJson.ok).toBe(false);
    if (!notJson.ok) expect(notJson.error.message).toContain('not JSON');
    expect(h.handle({ kind: 'state' })).toEqual(before);
  });

  it('resolves ids: lessons through the pluggable resolver, then built-in labs, else a clear error', () => {
    const { h } = host();
    const unknown = h.handle({ kind: 'load', source: 'no-such-lesson' });
    expect(unknown).toMatchObject({ ok: false, error: { code: 'UNKNOWN_LESSON' } });
    expect(h.handle({ kind: 'load', source: 'datacenter' }).ok).toBe(true);
    setLessonResolver((id) => (id === 'tiny' ? { name: 'Tiny', vms: [{ id: 'v1' }] } : undefined));
    try {
      expect(h.handle({ kind: 'load', source: 'tiny' })).toEqual({ ok: true, name: 'Tiny' });
      expect(h.handle({ kind: 'session' }).lesson).toBe('tiny');
    } finally {
      setLessonResolver(() => undefined);
    }
  });

  it('names the session\'s lesson in its state patches: set by a lesson load or a restore, gone with another lab', () => {
    const { h, posted } = host();
    const lastMeta = () => {
      const m = posted.filter((x) => x.type === 'state').at(-1);
      return m?.type === 'state' ? m.patch.meta : undefined;
    };
    setLessonResolver((id) => (id === 'tiny' ? { name: 'Tiny', vms: [{ id: 'v1' }] } : undefined));
    try {
      h.handle({ kind: 'load', source: 'tiny' });
      expect(lastMeta()).toMatchObject({ name: 'Tiny', lessonId: 'tiny' });
      const session = h.handle({ kind: 'session' });
      h.handle({ kind: 'load', source: 'workshop' });
      expect(lastMeta()).not.toHaveProperty('lessonId');
      h.handle({ kind: 'restore', session });
      expect(lastMeta()).toMatchObject({ name: 'Tiny', lessonId: 'tiny' });
    } finally {
      setLessonResolver(() => undefined);
    }
  });

  it('posts a full state after a load and checks play speeds', () => {
    const { h, posted } = host();
    posted.length = 0;
    h.handle({ kind: 'load', source: 'workshop' });
    const state = posted.find((m) => m.type === 'state');
    expect(state?.type === 'state' && state.patch.full).toBe(true);
    expect(h.handle({ kind: 'play', speed: -1 }).ok).toBe(false);
    expect(h.handle({ kind: 'play', speed: 10 })).toMatchObject({ ok: true, playing: true, speed: 10 });
    expect(h.handle({ kind: 'pause' })).toMatchObject({ ok: true, playing: false });
  });

  it('an imported log that repeats itself is saved compact (advances become gaps) and replays to the same lab', () => {
    const commands: Session['commands'] = [];
    let at = 0;
    const add = (command: Session['commands'][number]['command']) => commands.push({ at, command });
    add({ type: 'snapshot.take', vm: 'exch01', name: 'before', quiesce: true });
    for (let i = 0; i < 3000; i++) { add({ type: 'clock.advance', ms: 1000 }); at += 1000; }
    add({ type: 'clock.advance', ms: -5 }); // refused by the engine: changes nothing
    add({ type: 'vm.powerOff', vm: 'sql01' });
    for (let i = 0; i < 1000; i++) add({ type: 'clock.advance', ms: 250 }); // `at` left behind: the replay runs on
    add({ type: 'snapshot.take', vm: 'dc01', name: 'after' });
    const raw: Session = { format: 'snaplab-session', version: 1, definition: engine.workshopLab, seed: 5, commands, time: at };

    const a = host().h;
    expect(a.handle({ kind: 'restore', session: JSON.stringify(raw) }).ok).toBe(true);
    const compact = a.handle({ kind: 'session' });
    expect(compact.commands.map((c) => c.command.type)).toEqual(['snapshot.take', 'vm.powerOff', 'snapshot.take']);
    expect(compact.commands.map((c) => c.at)).toEqual([0, 3_000_000, 3_250_000]);
    expect(compact.time).toBe(3_250_000);
    expect(JSON.stringify(compact).length).toBeLessThan(JSON.stringify(raw).length / 50);

    const b = host().h;
    expect(b.handle({ kind: 'restore', session: JSON.parse(JSON.stringify(compact)) }).ok).toBe(true);
    expect(b.handle({ kind: 'state' })).toEqual(a.handle({ kind: 'state' }));
    const again = b.handle({ kind: 'session' });
    expect([again.commands, again.time]).toEqual([compact.commands, compact.time]);
  });

  it('the clock stops at 366 days: an advance past it is refused, and play stops there', () => {
    const posted: WorkerMessage[] = [];
    let timer: (() => void) | null = null;
    let real = 0;
    const h = new LabHost({ engine, post: (m) => posted.push(m), now: () => real, setTimer: (fn) => { timer = fn; return 1; }, clearTimer: () => { timer = null; } });
    h.handle({ kind: 'load', source: { name: 'Empty', hosts: [{ id: 'esx01', version: '7.0' }], datastores: [{ id: 'ds1', capacityGB: 100 }], vms: [] } });
    expect(h.handle({ kind: 'advance', ms: LAB_TIME_LIMIT_MS - 1000 }).ok).toBe(true);
    const past = h.handle({ kind: 'advance', ms: 5000 });
    expect(past).toMatchObject({ ok: false, error: { code: 'CLOCK_LIMIT' } });
    if (!past.ok) expect(past.error.message).toContain('at most 1000 ms are left');
    h.handle({ kind: 'play', speed: 14_400 });
    for (let i = 0; i < 5 && timer; i++) { real += 100; (timer as () => void)(); }
    const s = h.handle({ kind: 'session' });
    expect(s.time).toBe(LAB_TIME_LIMIT_MS);
    expect(h.handle({ kind: 'pause' })).toMatchObject({ ok: true, playing: false });
  });

  it('while playing, posts the state at most every 200 ms and the clock\'s time in between; a command or a pause posts at once', () => {
    const posted: { at: number; m: WorkerMessage }[] = [];
    let real = 0;
    const timers = new Map<number, { fn: () => void; at: number }>();
    let seq = 0;
    const h = new LabHost({
      engine, post: (m) => posted.push({ at: real, m }), now: () => real,
      setTimer: (fn, ms) => { timers.set(++seq, { fn, at: real + ms }); return seq; },
      clearTimer: (id) => { timers.delete(id as number); },
    });
    /** Real time passes; the worker's timers fire in order (a cheap lab: ticks cost nothing). */
    const runUntil = (end: number) => {
      for (;;) {
        const next = [...timers.entries()].sort((a, b) => a[1].at - b[1].at)[0];
        if (!next || next[1].at > end) break;
        timers.delete(next[0]);
        real = Math.max(real, next[1].at);
        next[1].fn();
      }
      real = end;
    };
    h.handle({ kind: 'load', source: 'workshop' });
    posted.length = 0;
    h.handle({ kind: 'play', speed: 3600 });
    runUntil(2000);
    const states = posted.filter((p) => p.m.type === 'state');
    const times = posted.filter((p) => p.m.type === 'time');
    expect(states.length).toBeGreaterThanOrEqual(2000 / PLAYING_POST_INTERVAL_MS - 1);
    expect(states.length).toBeLessThanOrEqual(2000 / PLAYING_POST_INTERVAL_MS + 1);
    for (let i = 1; i < states.length; i++) expect(states[i].at - states[i - 1].at).toBeGreaterThanOrEqual(PLAYING_POST_INTERVAL_MS);
    expect(times.length).toBeGreaterThanOrEqual((2000 / PLAYING_POST_INTERVAL_MS) * 2);
    const both = posted.filter((p) => p.m.type === 'time' || p.m.type === 'state');
    for (let i = 1; i < both.length; i++) expect(both[i].at - both[i - 1].at).toBeGreaterThanOrEqual(POST_INTERVAL_MS);
    const last = times.at(-1)!.m;
    expect(last.type === 'time' && last.time).toBeGreaterThan(0);

    // A command while playing shows within POST_INTERVAL_MS, not at the next 200 ms post.
    posted.length = 0;
    h.handle({ kind: 'dispatch', command: { type: 'snapshot.take', vm: 'exch01', name: 'now' } });
    const asked = real;
    runUntil(real + POST_INTERVAL_MS);
    const shown = posted.find((p) => p.m.type === 'state' && p.m.patch.vms?.upsert.some((v) => v.snapshots.some((x) => x.name === 'now')));
    expect(shown && shown.at - asked).toBeLessThanOrEqual(POST_INTERVAL_MS);

    // Pause: the newest state goes out with the answer.
    runUntil(real + 150);
    posted.length = 0;
    const paused = h.handle({ kind: 'pause' });
    const state = posted.find((p) => p.m.type === 'state')?.m;
    expect(state?.type === 'state' && state.patch.time).toBe(paused.ok && paused.time);
    expect(state?.type === 'state' && state.clock.playing).toBe(false);
  });

  it('the lab the clock plays to a moment is the lab one advance to that moment gives, however its ticks fell', () => {
    let real = 0;
    let timer: (() => void) | null = null;
    const played = new LabHost({ engine, post: () => {}, now: () => real, setTimer: (fn) => { timer = fn; return 1; }, clearTimer: () => { timer = null; } });
    played.handle({ kind: 'load', source: 'datacenter' });
    played.handle({ kind: 'dispatch', command: { type: 'snapshot.take', vm: 'vm01', name: 'a', quiesce: true } });
    played.handle({ kind: 'play', speed: 14_400 });
    // Ticks at uneven real times (a deterministic sequence): the advances the clock makes vary in size.
    for (let i = 0; i < 40 && timer; i++) { real += [3, 41, 16, 120, 7][i % 5]; (timer as () => void)(); }
    const paused = played.handle({ kind: 'pause' });
    if (!paused.ok) throw new Error('pause');
    expect(paused.time).toBeGreaterThan(60_000);

    const once = host().h;
    once.handle({ kind: 'load', source: 'datacenter' });
    once.handle({ kind: 'dispatch', command: { type: 'snapshot.take', vm: 'vm01', name: 'a', quiesce: true } });
    once.handle({ kind: 'advance', ms: paused.time });
    expect(once.handle({ kind: 'state' })).toEqual(played.handle({ kind: 'state' }));
  });

  it('a seed past 32 bits is refused, not wrapped to another lab', () => {
    const { h } = host();
    expect(h.handle({ kind: 'load', source: 'workshop', options: { seed: 2 ** 32 } })).toMatchObject({ ok: false, error: { code: 'INVALID_OPTIONS' } });
    expect(h.handle({ kind: 'load', source: 'workshop', options: { seed: 2 ** 32 - 1 } }).ok).toBe(true);
  });

  it('an engine failure stops the lab with a learner\'s sentence; the saved session is the one before the failing step', () => {
    const posted: WorkerMessage[] = [];
    let poison = false;
    const real = engine.createLab;
    const failing = {
      ...engine,
      createLab: (def: unknown, o?: { seed?: number }) => {
        const lab = real(def, o);
        const dispatch = lab.dispatch.bind(lab);
        // Not enumerable: a time-travel checkpoint copies the lab's data, and a function is not data.
        Object.defineProperty(lab, 'dispatch', {
          enumerable: false,
          value: (c: unknown) => {
            if ((c as { type?: string }).type === 'vm.powerOff' && poison) throw new RangeError('totalGrains must be an integer in [0, 2^43]');
            return dispatch(c);
          },
        });
        return lab;
      },
    };
    const h = new LabHost({ engine: failing, post: (m) => posted.push(m), now: () => 0, setTimer: () => 1, clearTimer: () => {} });
    vi.spyOn(console, 'error').mockImplementation(() => {});
    h.handle({ kind: 'dispatch', command: { type: 'snapshot.take', vm: 'exch01', name: 'kept' } });
    h.handle({ kind: 'advance', ms: 60_000 });
    posted.length = 0;
    poison = true;
    const answer = h.handle({ kind: 'dispatch', command: { type: 'vm.powerOff', vm: 'sql01' } });
    expect(answer).toEqual({ ok: false, error: { code: 'ENGINE_ERROR', message: ENGINE_FAILED } });
    expect(JSON.stringify(answer)).not.toMatch(/totalGrains/);
    expect(posted).toContainEqual({ type: 'stopped', message: ENGINE_FAILED });
    expect(posted.some((m) => m.type === 'session')).toBe(false);
    // Nothing more runs on the half-changed lab, and nothing more is saved.
    expect(h.handle({ kind: 'dispatch', command: { type: 'vm.powerOn', vm: 'dc01' } })).toMatchObject({ ok: false, error: { code: 'LAB_STOPPED' } });
    expect(h.handle({ kind: 'advance', ms: 1000 })).toMatchObject({ ok: false, error: { code: 'LAB_STOPPED' } });
    expect(posted.some((m) => m.type === 'session')).toBe(false);
    // "Restart lab" rebuilds from the session without the failing command.
    const saved = h.handle({ kind: 'session' });
    expect(saved.commands.map((c) => c.command.type)).toEqual(['snapshot.take']);
    poison = false;
    const fresh = host().h;
    expect(fresh.handle({ kind: 'restore', session: saved }).ok).toBe(true);
    expect(fresh.handle({ kind: 'state' }).vms.find((v) => v.id === 'exch01')?.snapshots.map((x) => x.name)).toEqual(['kept']);
  });

  it('a lab the engine fails to build is refused in a learner\'s words; a definition it refuses keeps its named fields', () => {
    const throwing = { ...engine, createLab: (def: unknown, o?: { seed?: number }) => {
      if ((def as { name?: string }).name === 'Huge') throw new RangeError('totalGrains must be an integer in [0, 2^43], got 10240000000000');
      return engine.createLab(def, o);
    } };
    const h = new LabHost({ engine: throwing, post: () => {}, now: () => 0, setTimer: () => 1, clearTimer: () => {} });
    vi.spyOn(console, 'error').mockImplementation(() => {});
    const huge = h.handle({ kind: 'load', source: { name: 'Huge', vms: [] } });
    expect(huge).toMatchObject({ ok: false, error: { code: 'INVALID_LAB' } });
    if (!huge.ok) expect(huge.error.message).toMatch(/^SnapLab could not build this lab: an internal error stopped it/);
    expect(JSON.stringify(huge)).not.toContain('totalGrains');
    const named = h.handle({ kind: 'load', source: { name: 'x', vms: [{ id: 'v', guest: 'beos' }] } });
    expect(!named.ok && named.error.message).toMatch(/^Invalid lab definition: vms\[0\]\.guest/);
  });
});
