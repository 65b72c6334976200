// The page's end of the worker protocol: one promise per request id, the hello/version handshake,
// and crash detection. It knows nothing of React; the store subscribes to its messages.
import { PROTOCOL_VERSION, type AnswerMap, type WorkerMessage, type WorkerRequest } from '../worker/protocol';

export interface PortLike {
  postMessage(message: unknown): void;
  terminate(): void;
  onmessage: ((ev: MessageEvent) => void) | null;
  onerror: ((ev: ErrorEvent | Event) => void) | null;
  onmessageerror: ((ev: MessageEvent) => void) | null;
}

export interface ClientEvents {
  onMessage(message: Exclude<WorkerMessage, { type: 'answer' | 'hello' }>): void;
  /** The worker died or cannot be talked to; pending requests are rejected. */
  onFailure(message: string): void;
}

export class WorkerClient {
  private nextId = 1;
  private pending = new Map<number, { resolve(v: unknown): void; reject(e: Error): void }>();
  private failed: string | null = null;
  readonly ready: Promise<void>;

  constructor(private readonly port: PortLike, private readonly events: ClientEvents) {
    let resolveReady!: () => void;
    let rejectReady!: (e: Error) => void;
    this.ready = new Promise((res, rej) => { resolveReady = res; rejectReady = rej; });
    this.ready.catch(() => { /* reported through onFailure */ });
    port.onmessage = (ev: MessageEvent<WorkerMessage>) => {
      const m = ev.data;
      if (this.failed) return;
      if (m.type === 'hello') {
        if (m.protocol !== PROTOCOL_VERSION) {
          const msg = `The lab engine speaks protocol version ${m.protocol}, this page expects ${PROTOCOL_VERSION}. Reload the page to get matching versions.`;
          rejectReady(new Error(msg));
          this.fail(msg);
        } else resolveReady();
      } else if (m.type === 'answer') {
        const p = this.pending.get(m.id);
        this.pending.delete(m.id);
        p?.resolve(m.answer);
      } else if (m.type === 'fatal') {
        rejectReady(new Error(m.message));
        this.fail(m.message);
      } else this.events.onMessage(m);
    };
    port.onerror = (ev) => {
      // The error's text is the engine's own (a stack, an internal check): the console gets it, the
      // learner a sentence that says what to do.
      console.error('SnapLab: the lab worker stopped', (ev as { message?: unknown }).message ?? ev);
      const msg = 'The lab engine stopped unexpectedly. Restart lab rebuilds your work from the last autosave.';
      rejectReady(new Error(msg));
      this.fail(msg);
    };
    port.onmessageerror = () => this.fail('The lab engine sent a message the page could not read.');
  }

  request<K extends WorkerRequest['kind']>(request: Extract<WorkerRequest, { kind: K }>): Promise<AnswerMap[K]> {
    if (this.failed) return Promise.reject(new Error(this.failed));
    const id = this.nextId++;
    return new Promise<AnswerMap[K]>((resolve, reject) => {
      this.pending.set(id, { resolve: resolve as (v: unknown) => void, reject });
      this.port.postMessage({ id, request });
    });
  }

  terminate(): void {
    this.port.terminate();
    this.fail('The lab engine was stopped.', false);
  }

  private fail(message: string, report = true): void {
    if (this.failed) return;
    this.failed = message;
    for (const p of this.pending.values()) p.reject(new Error(message));
    this.pending.clear();
    if (report) this.events.onFailure(message);
  }
}
