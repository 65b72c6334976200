// A mock cmi5 platform on the package's own server: the one-time fetch URL, the State API (with
// LMS.LaunchData) and the statements resource. It records what the lesson sent, in arrival order.
import type { IncomingMessage, ServerResponse } from 'node:http';

export const TOKEN = 'bGVhcm5lcjpzZWNyZXQ=';
export const ACTOR = { objectType: 'Agent', account: { homePage: 'https://lms.example.com', name: 'learner-7' } };
export const SESSION_ID_EXT = 'https://w3id.org/xapi/cmi5/context/extensions/sessionid';

export interface RecordedStatement {
  id: string; timestamp: string;
  verb: { id: string; display: Record<string, string> };
  object: { id: string };
  context: { registration?: string; extensions?: Record<string, unknown>; contextActivities?: { category?: { id: string }[]; grouping?: { id: string }[] } };
  result?: Record<string, unknown>;
}

export class MockLrs {
  statements: RecordedStatement[] = [];
  state = new Map<string, string>();
  unauthorized = 0;
  /** Reads of the learner's cmi5LearnerPreferences (none kept: 404). */
  preferenceReads = 0;
  private tokenGiven = false;

  constructor(readonly activityId: string, readonly registration: string, readonly sessionId: string) {
    this.state.set('LMS.LaunchData', JSON.stringify({
      contextTemplate: { contextActivities: { grouping: [{ id: activityId }] }, extensions: { [SESSION_ID_EXT]: sessionId } },
      launchMode: 'Normal', moveOn: 'Completed',
    }));
  }

  /** A new launch: a new one-time token, a new session id, and any other launch data. */
  relaunch(sessionId: string, launchData: Record<string, unknown> = {}): void {
    this.tokenGiven = false;
    const data = JSON.parse(this.state.get('LMS.LaunchData')!) as { contextTemplate: { extensions: Record<string, string> } };
    data.contextTemplate.extensions[SESSION_ID_EXT] = sessionId;
    this.state.set('LMS.LaunchData', JSON.stringify({ ...data, ...launchData }));
  }

  verbs(): string[] { return this.statements.map((s) => s.verb.display['en-US']); }

  handle = (req: IncomingMessage, res: ServerResponse, body: string): boolean => {
    const url = new URL(req.url ?? '/', 'http://x');
    const json = (value: unknown, status = 200) => res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(value));
    if (url.pathname === '/returned.html') {
      res.writeHead(200, { 'content-type': 'text/html' }).end('<!doctype html><title>Back in the LMS</title><h1>Back in the LMS</h1>');
      return true;
    }
    if (url.pathname === '/fetch') {
      if (req.method !== 'POST') json({ 'error-code': '3', 'error-text': 'POST only' });
      else if (this.tokenGiven) json({ 'error-code': '1', 'error-text': 'The authorization token has already been returned.' });
      else { this.tokenGiven = true; json({ 'auth-token': TOKEN }); }
      return true;
    }
    if (!url.pathname.startsWith('/lrs/')) return false;
    if (req.headers.authorization !== `Basic ${TOKEN}` || req.headers['x-experience-api-version'] !== '1.0.3') { this.unauthorized++; json({}, 401); return true; }
    if (url.pathname === '/lrs/statements' && req.method === 'POST') {
      const s = JSON.parse(body) as RecordedStatement;
      this.statements.push(s);
      json([s.id]);
      return true;
    }
    if (url.pathname === '/lrs/agents/profile' && url.searchParams.get('profileId') === 'cmi5LearnerPreferences') {
      this.preferenceReads++;
      res.writeHead(404).end();
      return true;
    }
    if (url.pathname === '/lrs/activities/state') {
      const id = url.searchParams.get('stateId')!;
      if (url.searchParams.get('registration') !== this.registration || url.searchParams.get('activityId') !== this.activityId) { json({}, 400); return true; }
      if (req.method === 'GET') {
        if (this.state.has(id)) res.writeHead(200, { 'content-type': 'application/json' }).end(this.state.get(id));
        else res.writeHead(404).end();
      } else if (req.method === 'PUT' && id !== 'LMS.LaunchData') {
        this.state.set(id, body);
        res.writeHead(204).end();
      } else json({}, 403);
      return true;
    }
    json({}, 404);
    return true;
  };
}
