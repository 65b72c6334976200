// The Web Worker entry: wires the LabHost to postMessage. The engine runs here so a long advance or a
// big state view never blocks the page.
import * as engine from '../engine/index';
import { LabHost } from './labHost';
import { PROTOCOL_VERSION, type RequestMessage, type WorkerMessage } from './protocol';
import { setLessonResolver } from './labSources';
import { lessonLab } from '../lessons/resolve';

// load("<lesson id>") opens that lesson's lab.
setLessonResolver(lessonLab);

const scope = self as unknown as DedicatedWorkerGlobalScope;
const post = (m: WorkerMessage) => scope.postMessage(m);

let host: LabHost;
try {
  host = new LabHost({
    engine,
    post,
    now: () => performance.now(),
    setTimer: (fn, ms) => setTimeout(fn, ms),
    clearTimer: (h) => clearTimeout(h as ReturnType<typeof setTimeout>),
  });
  post({ type: 'hello', protocol: PROTOCOL_VERSION });
  host.resend();
} catch (e) {
  console.error('SnapLab: the lab engine could not start', e);
  post({ type: 'fatal', message: 'The lab engine could not start (an internal error; the browser console has the details).' });
}

scope.onmessage = (ev: MessageEvent<RequestMessage>) => {
  const { id, request } = ev.data;
  let answer: unknown;
  try {
    answer = host.handle(request);
  } catch (e) {
    // The error's own text is for developers (the console); the answer says what a learner can do.
    console.error('SnapLab: the lab worker failed on a request', request?.kind, e);
    answer = { ok: false, error: { code: 'WORKER_ERROR', message: 'SnapLab hit an internal error answering this request. If the lab misbehaves, reload the page.' } };
  }
  post({ type: 'answer', id, answer });
};
