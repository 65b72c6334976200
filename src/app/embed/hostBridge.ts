// Connects the lab to the page that embeds it: the postMessage API for parentOrigin, `ready` once the
// lab is set up, lesson events as the learner meets objectives, and `resize` when the content changes.
// The host is the parent frame. A page that opened the lab in a popup (window.opener) is no host unless
// the address says `opener=1`: any website can open the lab with its own origin as parentOrigin, and
// frame-ancestors, which keeps unlisted sites from framing the lab, does not cover popups.
import type { LabApi } from '../labApi';
import { followLesson } from './lessonTracker';
import { startPostMessageApi, type MessageSource, type PostMessageApi } from './postMessageApi';

/** The window allowed to script the lab: the parent frame, or the opener with `opener=1`; else none. */
export function hostWindow(win: Pick<Window, 'parent' | 'opener'>, allowOpener: boolean): MessageSource | null {
  if (win.parent !== win) return win.parent;
  return allowOpener ? (win.opener as MessageSource | null) : null;
}

export function connectToHost(origin: string, api: LabApi, win: Window = window, allowOpener = false): PostMessageApi | null {
  const parent = hostWindow(win, allowOpener);
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
