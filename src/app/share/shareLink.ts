// Share links: the session (the lab definition, its seed and every accepted command with its time) as
// deflate-raw + base64url in the URL's fragment. The engine is deterministic, so replaying the session
// rebuilds the same lab. The fragment never reaches a server, which also keeps long labs off its logs.
import { checkSession, type Session } from '../../worker/session';
import { MAX_UNPACKED_BYTES, pack, unpack } from './packed';

/** Kept here too: course progress and suspend data imported them from this file. */
export { fromBase64Url, toBase64Url } from './packed';

export const SHARE_PARAM = 'share';
/** Tag and version first, so a link from an older or newer SnapLab is recognised as such. */
const PREFIX = 'v1.';

/**
 * The most a link may unpack to (the limit every packed text has). A session of a few thousand commands
 * is a few hundred KB of JSON; a crafted link of a few KB could otherwise inflate to gigabytes.
 */
export const MAX_SHARED_SESSION_BYTES = MAX_UNPACKED_BYTES;

export async function encodeSession(session: Session): Promise<string> {
  return pack(PREFIX, session);
}

export type Decoded = { ok: true; session: Session } | { ok: false; message: string };

const TRUNCATED = 'This share link is damaged or cut short (was it copied whole?), so the workshop lab was opened instead.';

export async function decodeSession(text: string): Promise<Decoded> {
  const unpacked = await unpack(text, PREFIX, MAX_SHARED_SESSION_BYTES);
  if (!unpacked.ok) {
    if (unpacked.why === 'not-ours') return { ok: false, message: 'This share link is not one SnapLab can read (it should start with "v1."), so the workshop lab was opened instead.' };
    if (unpacked.why === 'too-large') return { ok: false, message: `This share link unpacks to more than ${MAX_SHARED_SESSION_BYTES / 1024 / 1024} MB, more than any SnapLab session needs, so it was not opened and the workshop lab was opened instead. Share a session that large as a file (Export session).` };
    return { ok: false, message: TRUNCATED };
  }
  const check = checkSession(unpacked.value);
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
