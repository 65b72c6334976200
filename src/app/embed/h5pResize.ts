// H5P-style resize messages, beside SnapLab's own `resize` event: platforms that host H5P content run
// h5p-resizer.js, which sizes an <iframe> from { context: 'h5p', action, scrollHeight } messages. The lab
// says hello, then on every change of its height sends prepareResize (the host resets the frame to the
// visible height, so it can shrink) and resize with its scrollHeight; it answers the host's hello,
// resizePrepared and resize (the host's window changed) the same way. Heights only, so without
// parentOrigin any origin may hear them ('*'), as with H5P itself: an H5P host needs no setup. With
// parentOrigin, they go to that origin only, like every other message of the lab.
export interface H5pPort { postMessage(message: unknown, targetOrigin: string): void }
export interface Size { scrollHeight: number; clientHeight: number }

export interface H5pDeps {
  parent: H5pPort;
  /** '*' or the one origin allowed to hear the lab (parentOrigin). */
  targetOrigin: string;
  /** Messages to this window: the host's answers. */
  listen(onMessage: (data: unknown, source: unknown, origin: string) => void): void;
  measure(): Size;
  /** Calls back when the page's content changes size. */
  observe(onChange: () => void): void;
}

type H5pMessage = { context: 'h5p'; action: string };
const isH5p = (d: unknown): d is H5pMessage => typeof d === 'object' && d !== null && (d as { context?: unknown }).context === 'h5p';

export function startH5pResize(deps: H5pDeps): void {
  const post = (action: string, extra: Record<string, number> = {}) => deps.parent.postMessage({ context: 'h5p', action, ...extra }, deps.targetOrigin);
  const resize = () => post('resize', { scrollHeight: deps.measure().scrollHeight });
  deps.listen((data, source, origin) => {
    if (source !== deps.parent || !isH5p(data) || (deps.targetOrigin !== '*' && origin !== deps.targetOrigin)) return;
    if (data.action === 'hello' || data.action === 'resizePrepared') resize();
    else if (data.action === 'resize') post('prepareResize', { ...deps.measure() });
  });
  let last = -1;
  const changed = () => {
    const size = deps.measure();
    if (size.scrollHeight === last) return;
    last = size.scrollHeight;
    post('prepareResize', { ...size });
    post('resize', { scrollHeight: size.scrollHeight });
  };
  post('hello');
  changed();
  deps.observe(changed);
}

/** In a frame: H5P resize messages to the parent window. */
export function startH5pResizeInFrame(targetOrigin = '*', win: Window = window): void {
  if (win.parent === win) return;
  const el = win.document.documentElement;
  startH5pResize({
    parent: win.parent,
    targetOrigin,
    listen: (on) => win.addEventListener('message', (e) => on(e.data, e.source, e.origin)),
    measure: () => ({ scrollHeight: el.scrollHeight, clientHeight: el.clientHeight }),
    observe: (on) => new ResizeObserver(on).observe(win.document.body),
  });
}
