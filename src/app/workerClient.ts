// The page's end of the worker protocol: one promise per request id, the hello/version handshake,
// and crash detection. It knows nothing of React; the store subscribes to its messages. A worker that
// never says hello (its file did not load, and the browser reported nothing) fails after a time limit:
// the page is never left "starting" for ever. The one cause seen, a service worker taking over while the
// file was asked for, is waited out before the worker is made (connection.ts, offline/takeover.ts).
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

/** The longest a new worker may take to say hello: loading and compiling the engine takes 1-3 s on a busy laptop. */
export const HELLO_TIMEOUT_MS = 20_000;

export interface ClientOptions {
  helloTimeoutMs?: number;
  setTimer?(fn: () => void, ms: number): unknown;
  clearTimer?(h: unknown): void;
}

export class WorkerClient {
  private nextId = 1;
  private pending = new Map<number, { resolve(v: unknown): void; reject(e: Error): void }>();
  private failed: string | null = null;
  /** The worker said hello: its file loaded and the engine runs. */
  private started = false;
  private readonly stopHelloTimer: () => void;
  readonly ready: Promise<void>;

  constructor(private readonly port: PortLike, private readonly events: ClientEvents, options: ClientOptions = {}) {
    let resolveReady!: () => void;
    let rejectReady!: (e: Error) => void;
    this.ready = new Promise((res, rej) => { resolveReady = res; rejectReady = rej; });
    this.ready.catch(() => { /* reported through onFailure */ });
    const helloMs = options.helloTimeoutMs ?? HELLO_TIMEOUT_MS;
    const setTimer = options.setTimer ?? ((fn, ms) => setTimeout(fn, ms));
    const clearTimer = options.clearTimer ?? ((h) => clearTimeout(h as ReturnType<typeof setTimeout>));
    const silence = setTimer(() => {
      if (this.failed) return;
      const msg = `The lab engine did not start within ${helloMs / 1000} s. Reload the page; if SnapLab was just updated, the reload gets the new version.`;
      console.error('SnapLab: the lab worker never said hello');
      rejectReady(new Error(msg));
      this.fail(msg);
    }, helloMs);
    this.stopHelloTimer = () => clearTimer(silence);
    void this.ready.then(this.stopHelloTimer, this.stopHelloTimer);
    port.onmessage = (ev: MessageEvent<WorkerMessage>) => {
      const m = ev.data;
      if (this.failed) return;
      if (m.type === 'hello') {
        if (m.protocol !== PROTOCOL_VERSION) {
          const msg = `The lab engine speaks protocol version ${m.protocol}, this page expects ${PROTOCOL_VERSION}. Reload the page to get matching versions.`;
          rejectReady(new Error(msg));
          this.fail(msg);
        } else {
          this.started = true;
          resolveReady();
        }
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
      console.error(`SnapLab: the lab worker ${this.started ? 'stopped' : 'did not load'}`, (ev as { message?: unknown }).message ?? ev);
      // Before hello the worker's file did not load or run (gone from the server and every cache, or
      // another build's): a new worker from the same file fails the same way, a reload does not.
      const msg = this.started
        ? 'The lab engine stopped unexpectedly. Restart lab rebuilds your work from the last autosave.'
        : 'The lab engine could not be loaded. Reload the page; if SnapLab was just updated, the reload gets the new version.';
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
    this.stopHelloTimer();
    for (const p of this.pending.values()) p.reject(new Error(message));
    this.pending.clear();
    if (report) this.events.onFailure(message);
  }
}
