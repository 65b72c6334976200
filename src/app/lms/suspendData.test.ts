import { describe, expect, it } from 'vitest';
import { getLesson, lessonLabDefinition } from '../../lessons';
import type { Session } from '../../worker/session';
import { decodeSuspendData, encodeSuspendData, fitSuspendData, SCORM12_SUSPEND_LIMIT } from './suspendData';

const lesson = getLesson('first-snapshot')!;
const session = (commands: number): Session => ({
  format: 'snaplab-session', version: 1, definition: lessonLabDefinition(lesson), lesson: lesson.id,
  commands: Array.from({ length: commands }, (_, i) => ({ at: i * 1000, command: { type: 'snapshot.take', vm: 'exch01', name: `snap ${i} ${'x'.repeat(i % 37)}`, description: `step ${i * 7919}` } })),
  time: commands * 1000,
});

describe('suspend data', () => {
  it('round-trips a lesson session in ASCII, the lesson definition left out, small enough for SCORM 1.2', async () => {
    const s = session(5);
    const text = await encodeSuspendData(s);
    expect(text).toMatch(/^s1\.[A-Za-z0-9_-]+$/);
    expect(text.length).toBeLessThan(JSON.stringify(s.definition).length);
    expect(await decodeSuspendData(text)).toEqual({ ok: true, session: s });
  });

  it('keeps a definition that is not the lesson\'s own', async () => {
    const s = { ...session(1), definition: { ...(lessonLabDefinition(lesson) as object), name: 'Changed' } };
    expect(await decodeSuspendData(await encodeSuspendData(s))).toEqual({ ok: true, session: s });
  });

  it('past 4,096 characters keeps the oldest commands that fit: the lab as it was before the next one', async () => {
    const s = session(400);
    const fitted = await fitSuspendData(s);
    expect(fitted.total).toBe(400);
    expect(fitted.kept).toBeGreaterThan(10);
    expect(fitted.kept).toBeLessThan(400);
    expect(fitted.text.length).toBeLessThanOrEqual(SCORM12_SUSPEND_LIMIT);
    const back = await decodeSuspendData(fitted.text);
    expect(back.ok && back.session.commands).toEqual(s.commands.slice(0, fitted.kept));
    expect(back.ok && back.session.time).toBe(s.commands[fitted.kept].at);
    // One more command would not have fitted.
    const more = await encodeSuspendData({ ...s, commands: s.commands.slice(0, fitted.kept + 1), time: s.commands[fitted.kept + 1].at });
    expect(more.length).toBeGreaterThan(SCORM12_SUSPEND_LIMIT);
  });

  it('a session that fits is kept whole, time-travel branches included', async () => {
    const s = { ...session(3), branches: [{ id: 'b1', parent: null, forkAt: 0, forkIndex: 0, commands: session(3).commands, reached: 3000 }], branch: 'b1', position: 1000 };
    const fitted = await fitSuspendData(s);
    expect(fitted).toMatchObject({ kept: 3, total: 3, branchesLeftOut: false });
    expect(await decodeSuspendData(fitted.text)).toEqual({ ok: true, session: s });
  });

  it('too long with its branches: the current branch alone, at its newest moment', async () => {
    const many = session(400).commands;
    const s = { ...session(20), branches: [{ id: 'b1', parent: null, forkAt: 0, forkIndex: 0, commands: many, reached: 400_000 }], branch: 'b1', position: 1000 };
    const fitted = await fitSuspendData(s);
    expect(fitted).toMatchObject({ kept: 20, total: 20, branchesLeftOut: true });
    expect(await decodeSuspendData(fitted.text)).toEqual({ ok: true, session: session(20) });
  });

  it('says why saved data cannot be read', async () => {
    for (const [text, why] of [['hello', /not written by this SnapLab/], ['s1.abc$', /damaged or cut short/], ['s1.AAAA', /damaged or cut short/]] as const) {
      const r = await decodeSuspendData(text);
      expect(r.ok).toBe(false);
      if (!r.ok) expect(r.message).toMatch(why);
    }
  });

  it('refuses saved data that unpacks past 4 MB, saying so (a bomb from the platform opens nothing)', async () => {
    const { deflateRawSync } = await import('node:zlib');
    const { toBase64Url } = await import('../share/packed');
    const bomb = `s1.${toBase64Url(deflateRawSync(Buffer.alloc(32 * 1024 * 1024, 0x20), { level: 9 }))}`;
    expect(bomb.length).toBeLessThan(100_000);
    const r = await decodeSuspendData(bomb);
    expect(r).toEqual({ ok: false, message: expect.stringMatching(/could not be read \(it unpacks to more than 4 MB/) });
  });
});
