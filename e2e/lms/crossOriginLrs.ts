// A cmi5 platform's LRS for the package tests, on its own HTTPS origin (127.0.0.1, another port than
// the course: another origin, as every real LRS is), so the browser applies CORS and its preflights
// as it does in production. It gives the one-time token at /fetch, keeps state documents and
// statements, validates every statement with Learning Locker's xAPI validation and cmi5's statement
// rules (cmi5Rules.ts), stores a statement id once (a resent identical statement is accepted, not
// stored again), and `fault` can answer any request with a status or never ('hang').
import validation from '@learninglocker/xapi-validation';
import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:https';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { sequenceProblems, SESSION_ID_EXT, statementProblems, type Cmi5Statement } from './cmi5Rules';

const validate = (typeof validation === 'function' ? validation : (validation as unknown as { default: typeof validation }).default) as (s: unknown) => { path: string[]; name: string }[];
const TLS = join(import.meta.dirname, 'tls');

export const TOKEN = 'bGVhcm5lcjpzZWNyZXQ=';
export const ACTOR = { objectType: 'Agent', account: { homePage: 'https://lms.example.com', name: 'learner-7' } };

export interface LrsRequest { method: string; path: string; stateId: string | null; verbs: string[] }
export type LrsFault = (r: LrsRequest) => number | 'hang' | null;

export class CrossOriginLrs {
  statements: Cmi5Statement[] = [];
  state = new Map<string, string>();
  /** Every request after its preflight, in arrival order, with what was answered. */
  log: (LrsRequest & { status: number | 'hang' })[] = [];
  preflights = 0;
  /** The method each preflight asked for (POST: a statement; PUT: a state document). */
  preflightMethods: string[] = [];
  unauthorized = 0;
  /** Statements an xAPI validator or a cmi5 rule refused, in words. */
  invalid: string[] = [];
  fault: LrsFault | null = null;
  /** Answers the CORS preflight this late (a statement is then still on its way when the page closes). */
  preflightDelayMs = 0;
  base = '';
  private tokenGiven = false;
  private server: Server | null = null;

  constructor(readonly activityId: string, readonly registration: string, sessionId: string) {
    this.state.set('LMS.LaunchData', JSON.stringify({
      contextTemplate: { contextActivities: { grouping: [{ id: activityId }] }, extensions: { [SESSION_ID_EXT]: sessionId } },
      launchMode: 'Normal', moveOn: 'Completed',
    }));
  }

  async start(): Promise<string> {
    this.server = createServer({ key: readFileSync(join(TLS, 'lrs-key.pem')), cert: readFileSync(join(TLS, 'lrs-cert.pem')) }, (req, res) => {
      let body = '';
      req.on('data', (c: Buffer) => { body += c.toString(); });
      req.on('end', () => { void this.handle(req, res, body); });
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.base = `https://127.0.0.1:${(this.server.address() as AddressInfo).port}/`;
    return this.base;
  }

  close(): Promise<void> {
    return new Promise((resolve) => { this.server?.closeAllConnections(); this.server?.close(() => resolve()); });
  }

  /** A new launch of the same registration: a new one-time token and session id, and any launch data. */
  relaunch(sessionId: string, launchData: Record<string, unknown> = {}): void {
    this.tokenGiven = false;
    const data = JSON.parse(this.state.get('LMS.LaunchData')!) as { contextTemplate: { extensions: Record<string, string> } };
    data.contextTemplate.extensions[SESSION_ID_EXT] = sessionId;
    this.state.set('LMS.LaunchData', JSON.stringify({ ...data, ...launchData }));
  }

  verbs(): string[] { return this.statements.map((s) => s.verb.display['en-US']); }

  /** Everything wrong with what the LRS holds: invalid statements and broken cmi5 sequences. */
  problems(): string[] { return [...this.invalid, ...sequenceProblems(this.statements)]; }

  stateWrites(): number { return this.log.filter((r) => r.method === 'PUT' && r.stateId === 'snaplab.session').length; }

  private async handle(req: IncomingMessage, res: ServerResponse, body: string): Promise<void> {
    const origin = req.headers.origin;
    const cors: Record<string, string> = origin ? {
      'access-control-allow-origin': origin,
      'access-control-allow-headers': 'Authorization, X-Experience-API-Version, Content-Type',
      'access-control-allow-methods': 'GET, POST, PUT, OPTIONS',
      'access-control-max-age': '0', // no preflight cache: every request is preflighted
      vary: 'Origin',
    } : {};
    const send = (status: number, value?: unknown, type = 'application/json') =>
      res.writeHead(status, { ...cors, ...(value === undefined ? {} : { 'content-type': type }) }).end(value === undefined ? undefined : typeof value === 'string' ? value : JSON.stringify(value));
    if (req.method === 'OPTIONS') {
      this.preflights++;
      this.preflightMethods.push(String(req.headers['access-control-request-method']));
      if (this.preflightDelayMs) await new Promise((r) => setTimeout(r, this.preflightDelayMs));
      send(204);
      return;
    }
    const url = new URL(req.url ?? '/', 'https://x');
    let batch: Cmi5Statement[] = [];
    if (url.pathname === '/xapi/statements' && req.method === 'POST') {
      try { batch = ([] as Cmi5Statement[]).concat(JSON.parse(body) as Cmi5Statement); } catch { batch = []; }
    }
    const request: LrsRequest = { method: req.method ?? 'GET', path: url.pathname, stateId: url.searchParams.get('stateId'), verbs: batch.map((s) => s.verb?.display?.['en-US']) };
    const fault = this.fault?.(request) ?? null;
    this.log.push({ ...request, status: fault ?? 0 });
    if (fault === 'hang') return; // never answered; closed with the server
    if (fault !== null) { send(fault, {}); return; }
    const status = this.answer(req, url, body, batch, send);
    this.log.at(-1)!.status = status;
  }

  private answer(req: IncomingMessage, url: URL, body: string, batch: Cmi5Statement[], send: (status: number, value?: unknown, type?: string) => void): number {
    const reply = (status: number, value?: unknown, type?: string) => { send(status, value, type); return status; };
    if (url.pathname === '/fetch') {
      if (req.method !== 'POST') return reply(200, { 'error-code': '3', 'error-text': 'POST only' });
      if (this.tokenGiven) return reply(200, { 'error-code': '1', 'error-text': 'The authorization token has already been returned.' });
      this.tokenGiven = true;
      return reply(200, { 'auth-token': TOKEN });
    }
    if (!url.pathname.startsWith('/xapi/')) return reply(404, {});
    if (req.headers.authorization !== `Basic ${TOKEN}` || req.headers['x-experience-api-version'] !== '1.0.3') { this.unauthorized++; return reply(401, {}); }
    if (url.pathname === '/xapi/statements' && req.method === 'POST') {
      if (!batch.length) return reply(400, { message: 'no statement' });
      const launch = { actor: ACTOR, registration: this.registration, activityId: this.activityId };
      for (const s of batch) {
        const kept = this.statements.find((k) => k.id === s.id);
        if (kept && JSON.stringify(kept) !== JSON.stringify(s)) return reply(409, { message: `statement ${s.id} differs from the one stored` });
        const wrong = [...validate(s).map((w) => `${s.id}: ${w.path.join('.')} ${w.name}`), ...statementProblems(s, launch)];
        if (wrong.length) { this.invalid.push(...wrong); return reply(400, { message: wrong.join('; ') }); }
      }
      for (const s of batch) if (!this.statements.some((k) => k.id === s.id)) this.statements.push(s);
      return reply(200, batch.map((s) => s.id));
    }
    if (url.pathname === '/xapi/agents/profile') return reply(404);
    if (url.pathname === '/xapi/activities/state') {
      const id = url.searchParams.get('stateId')!;
      if (url.searchParams.get('registration') !== this.registration || url.searchParams.get('activityId') !== this.activityId) return reply(400, {});
      if (req.method === 'GET') return this.state.has(id) ? reply(200, this.state.get(id)) : reply(404);
      if (req.method === 'PUT' && id !== 'LMS.LaunchData') { this.state.set(id, body); return reply(204); }
      return reply(403, {});
    }
    return reply(404, {});
  }
}
