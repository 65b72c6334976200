// The lab driven from the page that embeds it (docs/embedding.md). Only the host window (the parent
// frame) at `parentOrigin` is heard and only it is answered: a message from any other window or origin
// gets no reply at all, so a foreign page cannot even learn that a lab is there.
import type { LabApi } from '../labApi';
import { parseRequest, type EventMessage, type Reply } from './messages';

export interface MessageSource { postMessage(message: unknown, targetOrigin: string): void }

/** Answer one request's data; null when it is not a SnapLab request. */
export async function answer(data: unknown, api: LabApi): Promise<Reply | null> {
  const req = parseRequest(data);
  if (!req) return null;
  if (!req.ok) return { snaplab: 1, id: req.id, error: req.error };
  try {
    const fn = api[req.method] as (...args: unknown[]) => Promise<unknown>;
    return { snaplab: 1, id: req.id, result: await fn(...req.args) };
  } catch (e) {
    return { snaplab: 1, id: req.id, error: { code: 'LAB_UNAVAILABLE', message: e instanceof Error ? e.message : String(e) } };
  }
}

export interface Listener {
  addEventListener(type: 'message', fn: (ev: MessageEvent) => void): void;
  removeEventListener(type: 'message', fn: (ev: MessageEvent) => void): void;
}

export interface PostMessageApi {
  /** Post an event ({ snaplab: 1, event, ...fields }) to the parent. */
  announce(event: string, fields?: Record<string, unknown>): void;
  stop(): void;
}

export function startPostMessageApi(opts: { origin: string; api: LabApi; self: Listener; parent: MessageSource }): PostMessageApi {
  const { origin, api, self, parent } = opts;
  const onMessage = (ev: MessageEvent) => {
    // A sibling frame, a popup or a worker at the same origin is not the host.
    if (ev.origin !== origin || ev.source !== parent) return;
    void answer(ev.data, api).then((reply) => {
      if (reply) parent.postMessage(reply, origin);
    });
  };
  self.addEventListener('message', onMessage);
  return {
    announce(event, fields = {}) {
      const message: EventMessage = { ...fields, snaplab: 1, event };
      parent.postMessage(message, origin);
    },
    stop: () => self.removeEventListener('message', onMessage),
  };
}
