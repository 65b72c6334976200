import { describe, expect, it } from 'vitest';
import { deflateRawSync } from 'node:zlib';
import { fromBase64Url, inflateAtMost, MAX_UNPACKED_BYTES, pack, toBase64Url, unpack } from './packed';

/** `mb` MB of spaces, deflated: about 1 KB per MB, the shape of a zip bomb. */
const bomb = (mb: number) => deflateRawSync(Buffer.alloc(mb * 1024 * 1024, 0x20), { level: 9 });

describe('packed text', () => {
  it('round-trips a JSON value behind its tag, in URL-safe characters', async () => {
    const value = { name: 'Before SP2 – “quoted”', n: [1, 2, 3] };
    const text = await pack('t1.', value);
    expect(text).toMatch(/^t1\.[A-Za-z0-9_-]+$/);
    expect(await unpack(text, 't1.')).toEqual({ ok: true, value });
  });

  it('names what is wrong: another tag, damage, not JSON', async () => {
    expect(await unpack('x1.abc', 't1.')).toEqual({ ok: false, why: 'not-ours' });
    expect(await unpack('t1.', 't1.')).toEqual({ ok: false, why: 'damaged' });
    expect(await unpack('t1.abc$', 't1.')).toEqual({ ok: false, why: 'damaged' });
    const text = await pack('t1.', { a: 'x'.repeat(200) });
    expect(await unpack(text.slice(0, 20), 't1.')).toEqual({ ok: false, why: 'damaged' });
    expect(await unpack(`t1.${toBase64Url(deflateRawSync(Buffer.from('{not json')))}`, 't1.')).toEqual({ ok: false, why: 'damaged' });
  });

  it('base64url round-trips every byte value', () => {
    const bytes = Uint8Array.from({ length: 300 }, (_, i) => (i * 7) % 256);
    expect(fromBase64Url(toBase64Url(bytes))).toEqual(bytes);
    expect(fromBase64Url('abcde')).toBeNull();
  });

  it('stops a bomb as soon as it passes the limit, without unpacking the rest', async () => {
    const b = bomb(64);
    expect(b.length).toBeLessThan(100_000);
    const r = await inflateAtMost(b, MAX_UNPACKED_BYTES);
    expect(r.ok).toBe(false);
    if (r.ok || r.why !== 'too-large') throw new Error('expected too-large');
    // Streaming: it stopped a chunk or so past 4 MB, not at the bomb's 64 MB.
    expect(r.unpackedBytes).toBeGreaterThan(MAX_UNPACKED_BYTES);
    expect(r.unpackedBytes).toBeLessThan(MAX_UNPACKED_BYTES + 1024 * 1024);
    expect(await unpack(`t1.${toBase64Url(b)}`, 't1.')).toEqual({ ok: false, why: 'too-large' });
  });

  it('opens what unpacks to just under the limit, and a limit per kind', async () => {
    const text = await pack('t1.', 'x'.repeat(MAX_UNPACKED_BYTES - 10));
    expect((await unpack(text, 't1.')).ok).toBe(true);
    expect(await unpack(await pack('t1.', 'x'.repeat(2000)), 't1.', 1000)).toEqual({ ok: false, why: 'too-large' });
  });
});
