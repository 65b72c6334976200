import { describe, expect, it } from 'vitest';
import * as engine from '../engine/index';
import { LabHost } from './labHost';
import type { WorkerMessage } from './protocol';
import { setLessonResolver } from './labSources';
import type { Session } from './session';

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
});
