// Connects the lab to the page that embeds it: the postMessage API for parentOrigin, `ready` once the
// lab is set up, lesson events as the learner meets objectives, and `resize` when the content changes.
import type { LabApi } from '../labApi';
import { followLesson } from './lessonTracker';
import { startPostMessageApi, type MessageSource, type PostMessageApi } from './postMessageApi';

export function connectToHost(origin: string, api: LabApi, win: Window = window): PostMessageApi | null {
  const parent = (win.parent !== win ? win.parent : win.opener) as MessageSource | null;
  if (!parent) return null;
  const bridge = startPostMessageApi({ origin, api, self: win, parent });

  followLesson(({ event, ...fields }) => bridge.announce(event, fields));

  let size = '';
  const reportSize = () => {
    const el = win.document.documentElement;
    const now = `${el.scrollWidth}x${el.scrollHeight}`;
    if (now === size) return;
    size = now;
    bridge.announce('resize', { width: el.scrollWidth, height: el.scrollHeight });
  };
  api.ready.then(() => {
    bridge.announce('ready');
    reportSize();
    new ResizeObserver(reportSize).observe(win.document.body);
  }, () => { /* the lab did not start: no "ready"; the page shows the crash, requests answer LAB_UNAVAILABLE */ });
  return bridge;
}
