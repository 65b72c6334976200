import { describe, expect, it } from 'vitest';
import { createLab, defaultLabDefinition } from '../../engine/index';
import type { Session } from '../../worker/session';
import { deflateRawSync } from 'node:zlib';
import { decodeSession, encodeSession, fromBase64Url, sharedSessionIn, shareUrl, toBase64Url } from './shareLink';

const session: Session = {
  format: 'snaplab-session', version: 1, definition: defaultLabDefinition, seed: 11,
  commands: [
    { at: 0, command: { type: 'snapshot.take', vm: 'exch01', name: 'Before SP2 – “quoted”', memory: false, quiesce: true } },
    { at: 120_000, command: { type: 'guest.exec', vm: 'exch01', command: 'vssadmin list writers' } },
    { at: 600_000, command: { type: 'snapshot.deleteAll', vm: 'exch01' } },
  ],
  time: 1_200_000,
};

/** Replays a session the way the worker does. */
function replay(s: Session) {
  const lab = createLab(s.definition, s.seed === undefined ? undefined : { seed: s.seed });
  for (const c of s.commands) {
    if (c.at > lab.now) lab.advance(c.at - lab.now);
    lab.dispatch(c.command);
  }
  lab.advance(s.time - lab.now);
  return lab.state();
}

describe('base64url', () => {
  it('round-trips every byte value and uses only URL-safe characters', () => {
    const bytes = Uint8Array.from({ length: 300 }, (_, i) => (i * 7) % 256);
    const text = toBase64Url(bytes);
    expect(text).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(fromBase64Url(text)).toEqual(bytes);
    expect(fromBase64Url('abc$')).toBeNull();
    expect(fromBase64Url('abcde')).toBeNull();
  });
});

describe('share links', () => {
  it('round-trip a session, smaller than its JSON, and rebuild the same lab', async () => {
    const text = await encodeSession(session);
    expect(text.length).toBeLessThan(JSON.stringify(session).length / 2);
    const back = await decodeSession(text);
    expect(back).toEqual({ ok: true, session });
    if (!back.ok) return;
    expect(replay(back.session)).toEqual(replay(session));
  });

  it('carry the time-travel branches and where the learner was, which rebuild the same history', async () => {
    const { LabHost } = await import('../../worker/labHost');
    const engine = await import('../../engine/index');
    let real = 0;
    const host = () => new LabHost({ engine, post: () => {}, now: () => (real += 1000), setTimer: () => 0, clearTimer: () => {} });
    const a = host();
    a.handle({ kind: 'dispatch', command: { type: 'snapshot.take', vm: 'exch01', name: 'x' } });
    a.handle({ kind: 'advance', ms: 600_000 });
    a.handle({ kind: 'seek', ms: 120_000 });
    a.handle({ kind: 'dispatch', command: { type: 'vm.powerOff', vm: 'sql01' } });
    a.handle({ kind: 'advance', ms: 60_000 });
    const back = await decodeSession(await encodeSession(a.handle({ kind: 'session' })));
    expect(back.ok).toBe(true);
    const b = host();
    expect(b.handle({ kind: 'restore', session: back.ok ? back.session : null }).ok).toBe(true);
    expect(b.handle({ kind: 'history' }).branches.map((x) => x.forkAt)).toEqual([0, 120_000]);
    expect(b.handle({ kind: 'state' })).toEqual(a.handle({ kind: 'state' }));
  });

  it('put the session in the fragment and keep the page path and query', async () => {
    const url = await shareUrl('https://training.example.com/snaplab/?theme=dark#old', session);
    const u = new URL(url);
    expect(u.pathname).toBe('/snaplab/');
    expect(u.search).toBe('?theme=dark');
    const text = sharedSessionIn(u.hash);
    expect(text).not.toBeNull();
    expect(await decodeSession(text!)).toEqual({ ok: true, session });
    expect(sharedSessionIn('#other=1')).toBeNull();
  });

  it('say clearly when a link is cut short, damaged or not a session', async () => {
    const text = await encodeSession(session);
    for (const bad of [text.slice(0, Math.floor(text.length * 0.6)), text.slice(0, 5), text.slice(0, -3) + '!!!', 'v1.']) {
      const r = await decodeSession(bad);
      expect(r.ok).toBe(false);
      if (!r.ok) expect(r.message).toMatch(/damaged or cut short/);
    }
    const foreign = await decodeSession('v2.abc');
    expect(foreign.ok).toBe(false);
    if (!foreign.ok) expect(foreign.message).toMatch(/not one SnapLab can read/);
    const notSession = await decodeSession(await encodeSession({ ...session, commands: 'x' } as unknown as Session));
    expect(notSession.ok).toBe(false);
    if (!notSession.ok) expect(notSession.message).toMatch(/does not hold a SnapLab session \(commands: should be a list/);
  });

  it('a link that inflates past the limit is refused as soon as it passes it, saying so', async () => {
    // 64 MB of spaces deflate to about 64 KB: a link a few KB long per MB it claims.
    const bomb = deflateRawSync(Buffer.alloc(64 * 1024 * 1024, 0x20), { level: 9 });
    expect(bomb.length).toBeLessThan(100_000);
    const started = performance.now();
    const r = await decodeSession(`v1.${toBase64Url(bomb)}`);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.message).toMatch(/^This share link unpacks to more than 4 MB, .* so it was not opened and the workshop lab was opened instead\. Share a session that large as a file/);
    expect(performance.now() - started).toBeLessThan(5000);
    // An ordinary session still opens.
    const big = { ...session, commands: [{ at: 0, command: { type: 'snapshot.take', vm: 'exch01', name: 'big', description: 'x'.repeat(1000) } }] };
    expect((await decodeSession(await encodeSession(big))).ok).toBe(true);
  });
});
