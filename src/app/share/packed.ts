// Packed text: JSON as base64url(deflate-raw(…)) behind a short tag ("v1." share links, "p1." course
// progress in a link, "s1." a session a learning platform keeps in SCORM suspend_data or a cmi5 state
// document). Every compressed input the page accepts is unpacked here, and only here, with a limit:
// a crafted text of a few KB could otherwise inflate to gigabytes and take the tab with it. Unpacking
// streams, so a bomb is stopped as soon as it passes the limit, not after it has filled memory.

/** The most any packed text may unpack to: a session of a few thousand commands is a few hundred KB. */
export const MAX_UNPACKED_BYTES = 4 * 1024 * 1024;

/** Compressed bytes go into the inflater this many at a time, so a stop also stops reading. */
const FEED_BYTES = 16 * 1024;

export function toBase64Url(bytes: Uint8Array): string {
  let bin = '';
  for (let i = 0; i < bytes.length; i += 0x8000) bin += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(bin).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

export function fromBase64Url(text: string): Uint8Array | null {
  if (!/^[A-Za-z0-9_-]*$/.test(text) || text.length % 4 === 1) return null;
  const b64 = text.replace(/-/g, '+').replace(/_/g, '/') + '==='.slice((text.length + 3) % 4);
  try {
    const bin = atob(b64);
    const out = new Uint8Array(bin.length);
    for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
    return out;
  } catch {
    return null;
  }
}

/** The bytes as a stream of small chunks, read only as fast as the inflater asks for them. */
function feed(bytes: Uint8Array): ReadableStream<BufferSource> {
  let at = 0;
  return new ReadableStream<BufferSource>({
    pull(controller) {
      if (at >= bytes.length) { controller.close(); return; }
      controller.enqueue(bytes.slice(at, at + FEED_BYTES));
      at += FEED_BYTES;
    },
  }, { highWaterMark: 0 });
}

export type Inflated =
  | { ok: true; bytes: Uint8Array }
  /** `unpackedBytes`: how far unpacking got before it stopped (a little past the limit, never the whole bomb). */
  | { ok: false; why: 'too-large'; unpackedBytes: number }
  | { ok: false; why: 'damaged' };

/** Inflate deflate-raw bytes, stopping as soon as the output passes `limit` bytes. */
export async function inflateAtMost(bytes: Uint8Array, limit = MAX_UNPACKED_BYTES): Promise<Inflated> {
  const reader = feed(bytes).pipeThrough(new DecompressionStream('deflate-raw')).getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      size += value.byteLength;
      if (size > limit) {
        await reader.cancel().catch(() => { /* already failed */ });
        return { ok: false, why: 'too-large', unpackedBytes: size };
      }
      chunks.push(value);
    }
  } catch {
    return { ok: false, why: 'damaged' };
  }
  const out = new Uint8Array(size);
  let at = 0;
  for (const c of chunks) { out.set(c, at); at += c.byteLength; }
  return { ok: true, bytes: out };
}

export async function deflate(bytes: Uint8Array): Promise<Uint8Array> {
  const out = new Blob([bytes as BlobPart]).stream().pipeThrough(new CompressionStream('deflate-raw'));
  return new Uint8Array(await new Response(out).arrayBuffer());
}

/** `tag` + base64url(deflate-raw(JSON)): ASCII only, safe in a URL fragment and in SCORM suspend_data. */
export async function pack(tag: string, value: unknown): Promise<string> {
  return tag + toBase64Url(await deflate(new TextEncoder().encode(JSON.stringify(value))));
}

export type Unpacked =
  | { ok: true; value: unknown }
  /** not-ours: another tag (another program, or another version of SnapLab); damaged: cut short, not
   *  deflate, not UTF-8 or not JSON; too-large: unpacks past the limit (unpacking stopped there). */
  | { ok: false; why: 'not-ours' | 'damaged' | 'too-large' };

/** The JSON value behind `tag`, unpacked to at most `limit` bytes. */
export async function unpack(text: string, tag: string, limit = MAX_UNPACKED_BYTES): Promise<Unpacked> {
  if (!text.startsWith(tag)) return { ok: false, why: 'not-ours' };
  const bytes = fromBase64Url(text.slice(tag.length));
  if (!bytes || bytes.length === 0) return { ok: false, why: 'damaged' };
  const inflated = await inflateAtMost(bytes, limit);
  if (!inflated.ok) return { ok: false, why: inflated.why };
  try {
    return { ok: true, value: JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(inflated.bytes)) as unknown };
  } catch {
    return { ok: false, why: 'damaged' };
  }
}
