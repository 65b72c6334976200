// Share links: the session (the lab definition, its seed and every accepted command with its time) as
// deflate-raw + base64url in the URL's fragment. The engine is deterministic, so replaying the session
// rebuilds the same lab. The fragment never reaches a server, which also keeps long labs off its logs.
import { checkSession, type Session } from '../../worker/session';

export const SHARE_PARAM = 'share';
/** Tag and version first, so a link from an older or newer SnapLab is recognised as such. */
const PREFIX = 'v1.';

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

async function pipe(bytes: Uint8Array, stream: CompressionStream | DecompressionStream): Promise<Uint8Array> {
  const out = new Blob([bytes as BlobPart]).stream().pipeThrough(stream);
  return new Uint8Array(await new Response(out).arrayBuffer());
}

/**
 * The most a link may unpack to. A session of a few thousand commands is a few hundred KB of JSON;
 * a crafted link of a few KB could otherwise inflate to gigabytes and take the tab with it.
 */
export const MAX_SHARED_SESSION_BYTES = 4 * 1024 * 1024;

/** Inflate, stopping as soon as the output passes `limit` bytes (null then). */
async function inflateAtMost(bytes: Uint8Array, limit: number): Promise<Uint8Array | null> {
  const reader = new Blob([bytes as BlobPart]).stream().pipeThrough(new DecompressionStream('deflate-raw')).getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel().catch(() => { /* already failed */ });
      return null;
    }
    chunks.push(value);
  }
  const out = new Uint8Array(size);
  let at = 0;
  for (const c of chunks) { out.set(c, at); at += c.byteLength; }
  return out;
}

export async function encodeSession(session: Session): Promise<string> {
  const json = new TextEncoder().encode(JSON.stringify(session));
  return PREFIX + toBase64Url(await pipe(json, new CompressionStream('deflate-raw')));
}

export type Decoded = { ok: true; session: Session } | { ok: false; message: string };

const TRUNCATED = 'This share link is damaged or cut short (was it copied whole?), so the workshop lab was opened instead.';

export async function decodeSession(text: string): Promise<Decoded> {
  if (!text.startsWith(PREFIX)) {
    return { ok: false, message: 'This share link is not one SnapLab can read (it should start with "v1."), so the workshop lab was opened instead.' };
  }
  const bytes = fromBase64Url(text.slice(PREFIX.length));
  if (!bytes || bytes.length === 0) return { ok: false, message: TRUNCATED };
  let json: string;
  try {
    const inflated = await inflateAtMost(bytes, MAX_SHARED_SESSION_BYTES);
    if (!inflated) {
      return { ok: false, message: `This share link unpacks to more than ${MAX_SHARED_SESSION_BYTES / 1024 / 1024} MB, more than any SnapLab session needs, so it was not opened and the workshop lab was opened instead. Share a session that large as a file (Export session).` };
    }
    json = new TextDecoder('utf-8', { fatal: true }).decode(inflated);
  } catch {
    return { ok: false, message: TRUNCATED };
  }
  let value: unknown;
  try { value = JSON.parse(json); } catch { return { ok: false, message: TRUNCATED }; }
  const check = checkSession(value);
  if (!check.ok) return { ok: false, message: `This share link does not hold a SnapLab session (${check.issues}), so the workshop lab was opened instead.` };
  return { ok: true, session: check.session };
}

/** The page's address with the session in its fragment; other options in the query are kept. */
export async function shareUrl(pageUrl: string, session: Session): Promise<string> {
  const u = new URL(pageUrl);
  u.hash = `${SHARE_PARAM}=${await encodeSession(session)}`;
  return u.toString();
}

/** The encoded session in a URL fragment such as "#share=v1.…", or null when there is none. */
export function sharedSessionIn(hash: string): string | null {
  return new URLSearchParams(hash.replace(/^#/, '')).get(SHARE_PARAM);
}
