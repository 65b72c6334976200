// The few xAPI calls a cmi5 AU makes: the one-time auth token from the fetch URL, the State API
// (LMS.LaunchData, and SnapLab's own document with the session), and statements. Every request has a
// time limit (an LRS that never answers must not hold the page); statements always go with keepalive,
// so one still on its way when the page closes is delivered (a cross-origin LRS included: the browser
// sends the CORS preflight for it as for any fetch).
import type { Cmi5Launch } from './launch';
import type { Statement } from './statements';

export type FetchLike = (url: string, init?: RequestInit) => Promise<Response>;

const XAPI_VERSION = '1.0.3';
/** The longest SnapLab waits for one answer of the platform. */
export const REQUEST_TIMEOUT_MS = 10_000;
/** Chromium refuses keepalive requests whose bodies in flight add up to more than 64 KiB. */
export const KEEPALIVE_BUDGET = 60_000;

/** A refusal or a silence of the platform, in a sentence; `retry`: sending again may succeed. */
export class LrsError extends Error {
  constructor(message: string, readonly retry: boolean, readonly status?: number) { super(message); }
}

/** 401/403 (the token), 408/429 (busy) and 5xx may pass later; any other 4xx never will. */
export const retryable = (status: number): boolean => status === 401 || status === 403 || status === 408 || status === 429 || status >= 500;

/** fetch with a time limit: the request is aborted and the promise rejects with a sentence. */
export async function timedFetch(fetchFn: FetchLike, url: string, init: RequestInit, what: string, timeoutMs: number): Promise<Response> {
  const abort = new AbortController();
  const silent = new LrsError(`The learning platform did not answer ${what} within ${timeoutMs / 1000} s.`, true);
  let timer: ReturnType<typeof setTimeout> | undefined;
  const silence = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      reject(silent);
      abort.abort(silent);
    }, timeoutMs);
  });
  try {
    return await Promise.race([fetchFn(url, { ...init, signal: abort.signal }), silence]);
  } catch (e) {
    if (e instanceof LrsError) throw e;
    if (abort.signal.aborted) throw silent; // the fetch gave up first, with the abort's own error
    throw new LrsError(`The learning platform could not be reached for ${what} (${e instanceof Error ? e.message : String(e)}).`, true);
  } finally {
    clearTimeout(timer);
  }
}

export async function fetchAuthToken(fetchUrl: string, fetchFn: FetchLike, timeoutMs = REQUEST_TIMEOUT_MS): Promise<string> {
  let body: Record<string, unknown>;
  try {
    const res = await timedFetch(fetchFn, fetchUrl, { method: 'POST' }, 'the token request', timeoutMs);
    body = await res.json() as Record<string, unknown>;
  } catch (e) {
    throw new Error(`The learning platform's token address could not be reached (${e instanceof Error ? e.message : String(e)}).`, { cause: e });
  }
  if (typeof body['auth-token'] === 'string') return body['auth-token'];
  throw new Error(`The learning platform gave no token (error ${String(body['error-code'] ?? '?')}: ${String(body['error-text'] ?? 'no reason given')}).`);
}

const names = (statements: Statement[]) => statements.map((s) => `"${s.verb.display['en-US']}"`).join(', ');

export class Lrs {
  constructor(private readonly launch: Cmi5Launch, private readonly token: string, private readonly fetchFn: FetchLike, private readonly timeoutMs = REQUEST_TIMEOUT_MS) {}

  private headers(json: boolean): Record<string, string> {
    const h: Record<string, string> = { Authorization: `Basic ${this.token}`, 'X-Experience-API-Version': XAPI_VERSION };
    if (json) h['Content-Type'] = 'application/json';
    return h;
  }

  private stateUrl(stateId: string): string {
    const q = new URLSearchParams({ stateId, activityId: this.launch.activityId, agent: JSON.stringify(this.launch.actor), registration: this.launch.registration });
    return `${this.launch.endpoint}activities/state?${q}`;
  }

  private call(url: string, init: RequestInit, what: string): Promise<Response> {
    return timedFetch(this.fetchFn, url, init, what, this.timeoutMs);
  }

  /** A state document, or null when there is none. Rejects with an LrsError. */
  async getState(stateId: string): Promise<unknown> {
    const res = await this.call(this.stateUrl(stateId), { headers: this.headers(false) }, `the ${stateId} document`);
    if (res.status === 404) return null;
    if (!res.ok) throw new LrsError(`The LRS did not give the ${stateId} document (HTTP ${res.status}).`, retryable(res.status), res.status);
    const text = await res.text();
    try {
      return text ? JSON.parse(text) as unknown : null;
    } catch {
      throw new LrsError(`The LRS gave the ${stateId} document damaged (not JSON).`, false, res.status);
    }
  }

  /** An agent profile document of the learner (cmi5LearnerPreferences), or null when there is none. */
  async getAgentProfile(profileId: string): Promise<unknown> {
    const q = new URLSearchParams({ agent: JSON.stringify(this.launch.actor), profileId });
    const res = await this.call(`${this.launch.endpoint}agents/profile?${q}`, { headers: this.headers(false) }, `the ${profileId} document`);
    if (!res.ok) return null;
    const text = await res.text();
    return text ? JSON.parse(text) as unknown : null;
  }

  async putState(stateId: string, value: unknown, keepalive = false): Promise<void> {
    const res = await this.call(this.stateUrl(stateId), { method: 'PUT', headers: this.headers(true), body: JSON.stringify(value), keepalive }, `the ${stateId} document`);
    if (!res.ok) throw new LrsError(`The LRS did not keep the ${stateId} document (HTTP ${res.status}).`, retryable(res.status), res.status);
  }

  /** One statement, or several in one request (the LRS takes all of them or none). */
  async sendStatements(statements: Statement[]): Promise<void> {
    const body = JSON.stringify(statements.length === 1 ? statements[0] : statements);
    const res = await this.call(`${this.launch.endpoint}statements`, { method: 'POST', headers: this.headers(true), body, keepalive: body.length < KEEPALIVE_BUDGET }, `the ${names(statements)} statement`);
    if (!res.ok) throw new LrsError(`The LRS refused the ${names(statements)} statement (HTTP ${res.status}).`, retryable(res.status), res.status);
  }
}
