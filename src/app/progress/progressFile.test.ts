import { describe, expect, it } from 'vitest';
import { defaultLabDefinition } from '../../engine/index';
import type { Session } from '../../worker/session';
import { sharedSessionIn, shareUrl } from '../share/shareLink';
import { decodeProgress, encodeProgress, progressFile, progressFileName, progressIn, readProgressFile, withProgress } from './progressFile';

const session: Session = { format: 'snaplab-session', version: 1, definition: defaultLabDefinition, commands: [{ at: 0, command: { type: 'snapshot.take', vm: 'exch01', name: 'a' } }], time: 5000 };

describe('progress file', () => {
  it('round-trips the completed lessons (course order, unknown ids dropped) and the open lab', () => {
    const file = progressFile(['vss-flow', 'first-snapshot', 'not-a-lesson'], session, new Date('2026-11-30T10:00:00Z'));
    expect(file).toMatchObject({ format: 'snaplab-progress', version: 1, exportedAt: '2026-11-30T10:00:00.000Z', completed: ['first-snapshot', 'vss-flow'] });
    expect(readProgressFile(JSON.stringify(file))).toEqual({ ok: true, completed: ['first-snapshot', 'vss-flow'], session });
    expect(readProgressFile(JSON.stringify(progressFile(['assessment'], undefined)))).toEqual({ ok: true, completed: ['assessment'] });
    expect(progressFileName(new Date('2026-11-30T10:00:00Z'))).toBe('snaplab-progress-2026-11-30.json');
  });

  it('refuses other files with a reason', () => {
    const bad = (text: string) => { const r = readProgressFile(text); return r.ok ? '' : r.message; };
    expect(bad('{')).toMatch(/not JSON/);
    expect(bad(JSON.stringify(session))).toMatch(/"format" should be "snaplab-progress"/);
    expect(bad(JSON.stringify({ format: 'snaplab-progress', version: 2, completed: [] }))).toMatch(/version 2/);
    expect(bad(JSON.stringify({ format: 'snaplab-progress', version: 1, completed: 'all' }))).toMatch(/list of lesson ids/);
    expect(bad(JSON.stringify({ format: 'snaplab-progress', version: 1, completed: [], session: { ...session, commands: 3 } }))).toMatch(/lab in this progress file/);
  });
});

describe('progress in a share link', () => {
  it('rides beside the shared session and comes back', async () => {
    const url = await withProgress(await shareUrl('https://training.example.com/lab/?theme=dark', session), ['first-snapshot', 'assessment']);
    const hash = new URL(url).hash;
    expect(sharedSessionIn(hash)).toMatch(/^v1\./);
    expect(await decodeProgress(progressIn(hash)!)).toEqual(['first-snapshot', 'assessment']);
    expect(await decodeProgress(await encodeProgress([]))).toEqual([]);
    expect(await decodeProgress('p1.!!')).toBeNull();
    expect(await decodeProgress('x')).toBeNull();
  });
});

describe('progress in a link that unpacks too far', () => {
  it('is refused at 4 MB (a bomb opens nothing)', async () => {
    const { deflateRawSync } = await import('node:zlib');
    const { toBase64Url } = await import('../share/packed');
    // A JSON list of 8 MB of lesson ids, deflated to a few KB.
    const list = JSON.stringify(Array.from({ length: 8 * 1024 * 1024 / 16 }, () => 'first-snapshot'));
    const bomb = `p1.${toBase64Url(deflateRawSync(Buffer.from(list), { level: 9 }))}`;
    expect(bomb.length).toBeLessThan(100_000);
    expect(await decodeProgress(bomb)).toBeNull();
    // The same list under the limit is read.
    const small = JSON.stringify(Array.from({ length: 1000 }, () => 'first-snapshot'));
    expect(await decodeProgress(`p1.${toBase64Url(deflateRawSync(Buffer.from(small)))}`)).toEqual(['first-snapshot']);
  });
});
