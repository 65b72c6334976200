// The few xAPI calls a cmi5 AU makes: the one-time auth token from the fetch URL, the State API
// (LMS.LaunchData, and SnapLab's own document with the session), and statements. Requests made while
// the page closes use keepalive so the browser still delivers them.
import type { Cmi5Launch } from './launch';
import type { Statement } from './statements';

export type FetchLike = (url: string, init?: RequestInit) => Promise<Response>;

const XAPI_VERSION = '1.0.3';

export async function fetchAuthToken(fetchUrl: string, fetchFn: FetchLike): Promise<string> {
  let body: Record<string, unknown>;
  try {
    const res = await fetchFn(fetchUrl, { method: 'POST' });
    body = await res.json() as Record<string, unknown>;
  } catch (e) {
    throw new Error(`The learning platform's token address could not be reached (${e instanceof Error ? e.message : String(e)}).`, { cause: e });
  }
  if (typeof body['auth-token'] === 'string') return body['auth-token'];
  throw new Error(`The learning platform gave no token (error ${String(body['error-code'] ?? '?')}: ${String(body['error-text'] ?? 'no reason given')}).`);
}

export class Lrs {
  constructor(private readonly launch: Cmi5Launch, private readonly token: string, private readonly fetchFn: FetchLike) {}

  private headers(json: boolean): Record<string, string> {
    const h: Record<string, string> = { Authorization: `Basic ${this.token}`, 'X-Experience-API-Version': XAPI_VERSION };
    if (json) h['Content-Type'] = 'application/json';
    return h;
  }

  private stateUrl(stateId: string): string {
    const q = new URLSearchParams({ stateId, activityId: this.launch.activityId, agent: JSON.stringify(this.launch.actor), registration: this.launch.registration });
    return `${this.launch.endpoint}activities/state?${q}`;
  }

  /** A state document, or null when there is none. */
  async getState(stateId: string): Promise<unknown> {
    const res = await this.fetchFn(this.stateUrl(stateId), { headers: this.headers(false) });
    if (res.status === 404) return null;
    if (!res.ok) throw new Error(`The LRS did not give the ${stateId} document (HTTP ${res.status}).`);
    const text = await res.text();
    return text ? JSON.parse(text) as unknown : null;
  }

  /** An agent profile document of the learner (cmi5LearnerPreferences), or null when there is none. */
  async getAgentProfile(profileId: string): Promise<unknown> {
    const q = new URLSearchParams({ agent: JSON.stringify(this.launch.actor), profileId });
    const res = await this.fetchFn(`${this.launch.endpoint}agents/profile?${q}`, { headers: this.headers(false) });
    if (!res.ok) return null;
    const text = await res.text();
    return text ? JSON.parse(text) as unknown : null;
  }

  async putState(stateId: string, value: unknown, keepalive = false): Promise<void> {
    const res = await this.fetchFn(this.stateUrl(stateId), { method: 'PUT', headers: this.headers(true), body: JSON.stringify(value), keepalive });
    if (!res.ok) throw new Error(`The LRS did not keep the ${stateId} document (HTTP ${res.status}).`);
  }

  async sendStatement(statement: Statement, keepalive = false): Promise<void> {
    const res = await this.fetchFn(`${this.launch.endpoint}statements`, { method: 'POST', headers: this.headers(true), body: JSON.stringify(statement), keepalive });
    if (!res.ok) throw new Error(`The LRS refused the "${statement.verb.display['en-US']}" statement (HTTP ${res.status}).`);
  }
}
