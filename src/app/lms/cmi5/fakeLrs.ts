// A cmi5 platform for tests: the fetch URL (one token per launch), the State API and the statements
// resource (one statement or a batch; a statement id it already has is not stored again), as a fetch
// function that records every request. `fault` answers a request first: a status, or 'hang' (no
// answer until the request is aborted).
import type { FetchLike } from './lrs';
import type { Statement } from './statements';

export const TOKEN = 'dGVzdDpzZWNyZXQ=';
export const LAUNCH = {
  endpoint: 'https://lrs.example.com/xapi/',
  fetch: 'https://lms.example.com/fetch/abc',
  actor: { objectType: 'Agent' as const, account: { homePage: 'https://lms.example.com', name: 'learner-7' } },
  registration: '6f0bbed2-5d41-4bd6-9c3c-d1ad5f1b1a0e',
  activityId: 'urn:snaplab:course:snapshots-and-vss:au:first-snapshot',
};
export const SESSION_ID = 'session-42';

export interface FakeRequest { method: string; url: string; auth: string | null; keepalive: boolean; body: string }
export type Fault = (r: FakeRequest, verbs: string[]) => number | 'hang' | null;

export function fakeLrs(launchData: Record<string, unknown> = {}) {
  const statements: Statement[] = [];
  const requests: FakeRequest[] = [];
  const state = new Map<string, string>();
  let tokenGiven = false;
  state.set('LMS.LaunchData', JSON.stringify({
    contextTemplate: {
      contextActivities: { grouping: [{ id: LAUNCH.activityId }] },
      extensions: { 'https://w3id.org/xapi/cmi5/context/extensions/sessionid': SESSION_ID },
    },
    launchMode: 'Normal', moveOn: 'Completed', ...launchData,
  }));
  const json = (body: unknown, status = 200) => new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
  const lrs = {
    statements, requests, state,
    fault: null as Fault | null,
    verbs: () => statements.map((s) => s.verb.display['en-US']),
    /** A new launch: the fetch URL gives a token again. */
    relaunch: () => { tokenGiven = false; },
    fetch: (async (url, init = {}) => {
      const method = init.method ?? 'GET';
      const headers = new Headers(init.headers);
      const r: FakeRequest = { method, url, auth: headers.get('authorization'), keepalive: init.keepalive === true, body: String(init.body ?? '') };
      requests.push(r);
      const verbs = method === 'POST' && url.endsWith('/statements') ? ([] as Statement[]).concat(JSON.parse(r.body) as Statement).map((s) => s.verb.display['en-US']) : [];
      const fault = lrs.fault?.(r, verbs) ?? null;
      if (fault === 'hang') {
        return new Promise<Response>((_, reject) => init.signal?.addEventListener('abort', () => reject(new DOMException('aborted', 'AbortError'))));
      }
      if (fault !== null) return json({}, fault);
      if (url === LAUNCH.fetch) {
        if (method !== 'POST') return json({ 'error-code': '3', 'error-text': 'POST only' });
        if (tokenGiven) return json({ 'error-code': '1', 'error-text': 'The authorization token has already been returned.' });
        tokenGiven = true;
        return json({ 'auth-token': TOKEN });
      }
      if (r.auth !== `Basic ${TOKEN}` || headers.get('x-experience-api-version') !== '1.0.3') return json({}, 401);
      const u = new URL(url);
      if (u.pathname === '/xapi/statements' && method === 'POST') {
        const batch = ([] as Statement[]).concat(JSON.parse(r.body) as Statement);
        for (const s of batch) if (!statements.some((k) => k.id === s.id)) statements.push(s);
        return json(batch.map((s) => s.id));
      }
      if (u.pathname === '/xapi/activities/state') {
        const id = u.searchParams.get('stateId')!;
        if (u.searchParams.get('registration') !== LAUNCH.registration || u.searchParams.get('activityId') !== LAUNCH.activityId) return json({}, 400);
        if (method === 'GET') return state.has(id) ? new Response(state.get(id)) : new Response('', { status: 404 });
        if (method === 'PUT') {
          if (id === 'LMS.LaunchData') return json({}, 403);
          state.set(id, r.body);
          return new Response(null, { status: 204 });
        }
      }
      return json({}, 404);
    }) as FetchLike,
  };
  return lrs;
}
