// A SCORM 1.2 LMS for the package tests, built on scorm-again (a real SCORM 1.2 run-time: it checks
// every element, value, type and call order as an LMS does). Its page puts scorm-again's API on
// window.API and opens the lesson in a frame; LMSCommit posts the data model here (scorm-again's
// lmsCommitUrl), and what this server accepted is what the LMS holds: a relaunch starts from it.
// `refuseCommits` makes the next commits fail (scorm-again then answers LMSCommit "false").
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Handler } from './coursePackage';

const SCORM_AGAIN = readFileSync(createRequire(import.meta.url).resolve('scorm-again/scorm12'), 'utf8');

/** The elements a relaunch hands back, as an LMS keeps them between attempts. */
const KEPT = ['cmi.core.lesson_status', 'cmi.core.lesson_location', 'cmi.core.score.raw', 'cmi.suspend_data'];

const page = (kept: Record<string, string> | null) => `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>LMS (scorm-again)</title></head>
<body>
<main><h1>LMS (scorm-again)</h1></main>
<script src="/lms/scorm12.js"></script>
<script>
  window.scormCalls = [];
  window.frameMessages = [];
  const kept = ${JSON.stringify(kept)};
  const api = new Scorm12API({ lmsCommitUrl: '/lms/commit', dataCommitFormat: 'flattened', logLevel: 5 });
  if (kept) {
    const json = { core: { entry: 'resume' } };
    for (const [element, value] of Object.entries(kept)) {
      const path = element.split('.').slice(1);
      let at = json;
      for (const part of path.slice(0, -1)) at = at[part] ??= {};
      at[path.at(-1)] = value;
    }
    api.loadFromJSON(json, 'cmi');
  }
  for (const name of ['LMSInitialize', 'LMSFinish', 'LMSCommit']) api.on(name, () => window.scormCalls.push([name]));
  api.on('LMSSetValue.cmi.*', (element, value) => window.scormCalls.push(['LMSSetValue', element, String(value)]));
  window.API = api;
  addEventListener('message', (e) => window.frameMessages.push(e.data));
  const frame = document.createElement('iframe');
  frame.title = 'Lesson';
  frame.style.width = '1200px';
  frame.style.height = '800px';
  frame.src = 'course/' + (new URLSearchParams(location.search).get('launch') || '');
  document.querySelector('main').append(frame);
</script>
</body></html>`;

export class ScormAgainLms {
  /** The data model as of the last commit this LMS accepted (flattened: "cmi.core.lesson_status"). */
  held: Record<string, string> = {};
  commits: { accepted: boolean; data: Record<string, string> }[] = [];
  refuseCommits = 0;
  /** What the next launch starts from (null: a first attempt). */
  private relaunchWith: Record<string, string> | null = null;

  /** The next page load is a relaunch of the same learner's attempt. */
  relaunch(): void {
    this.relaunchWith = Object.fromEntries(KEPT.filter((k) => this.held[k] !== undefined && this.held[k] !== '').map((k) => [k, this.held[k]]));
  }

  handle: Handler = (req, res, body) => {
    const url = new URL(req.url ?? '/', 'http://x');
    if (url.pathname === '/lms.html') {
      res.writeHead(200, { 'content-type': 'text/html' }).end(page(this.relaunchWith));
      return true;
    }
    if (url.pathname === '/lms/scorm12.js') {
      res.writeHead(200, { 'content-type': 'text/javascript' }).end(SCORM_AGAIN);
      return true;
    }
    if (url.pathname === '/lms/commit' && req.method === 'POST') {
      const data = JSON.parse(body || '{}') as Record<string, string>;
      const accepted = this.refuseCommits <= 0;
      this.commits.push({ accepted, data });
      if (accepted) {
        this.held = { ...this.held, ...Object.fromEntries(Object.entries(data).map(([k, v]) => [k, String(v)])) };
        res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ result: true, errorCode: 0 }));
      } else {
        this.refuseCommits--;
        res.writeHead(500, { 'content-type': 'application/json' }).end(JSON.stringify({ result: false, errorCode: 101 }));
      }
      return true;
    }
    return false;
  };
}
