// The cmi5 launch: the platform opens the AU's URL with endpoint, fetch, actor, registration and
// activityId added to its query (cmi5 section 8.1). Read and check them; say plainly what is missing.
export interface Agent { objectType?: 'Agent'; name?: string; account?: { homePage: string; name: string }; mbox?: string }

export interface Cmi5Launch { endpoint: string; fetch: string; actor: Agent; registration: string; activityId: string }

export type LaunchRead = { ok: true; launch: Cmi5Launch } | { ok: false; message: string };

const absolute = (value: string, base: string): string | null => {
  try {
    const u = new URL(value, base);
    return u.protocol === 'https:' || u.protocol === 'http:' ? u.toString() : null;
  } catch {
    return null;
  }
};

export function readCmi5Launch(search: string, base: string = globalThis.location?.href ?? 'http://localhost/'): LaunchRead {
  const p = new URLSearchParams(search);
  const missing = ['endpoint', 'fetch', 'actor', 'registration', 'activityId'].filter((k) => !p.get(k));
  if (missing.length) return { ok: false, message: `This cmi5 lesson was opened without its launch parameters (${missing.join(', ')} missing), so no learning platform is connected.` };
  let endpoint = absolute(p.get('endpoint')!, base);
  const fetch = absolute(p.get('fetch')!, base);
  if (!endpoint || !fetch) return { ok: false, message: 'The cmi5 launch parameters endpoint and fetch should be web addresses, so no learning platform is connected.' };
  if (!endpoint.endsWith('/')) endpoint += '/';
  let actor: unknown;
  try { actor = JSON.parse(p.get('actor')!); } catch { actor = null; }
  const a = actor as Agent | null;
  if (!a || typeof a !== 'object' || !(a.account && typeof a.account.name === 'string' && typeof a.account.homePage === 'string') && typeof a.mbox !== 'string') {
    return { ok: false, message: 'The cmi5 launch parameter actor should be an xAPI agent with an account, so no learning platform is connected.' };
  }
  return { ok: true, launch: { endpoint, fetch, actor: a, registration: p.get('registration')!, activityId: p.get('activityId')! } };
}
