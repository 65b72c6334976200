// Statements on their way to the LRS: kept in the outbox (IndexedDB) from the moment they are made,
// sent one at a time in order, and retried with a growing wait (1 s, 2 s, 4 s ... at most a minute)
// until the LRS accepts them (2xx). A refusal that can never pass (a 4xx other than 401, 403, 408,
// 429) is reported and dropped, so one bad statement does not hold back the others. When the page
// closes, everything waiting leaves at once as one keepalive request; what the LRS did not take stays
// in the outbox for the next launch (the same statement ids, so the LRS stores each once).
import { KEEPALIVE_BUDGET, LrsError } from './lrs';
import type { OutboxStore } from './outbox';
import type { Statement, Verb } from './statements';

export const RETRY_FIRST_MS = 1000;
export const RETRY_MAX_MS = 60_000;

export interface QueueClock { now(): number; setTimer(fn: () => void, ms: number): unknown; clearTimer(h: unknown): void }

export interface QueueEvents {
  accepted(statements: Statement[]): void;
  /** The LRS refused it for good: it is not sent again. */
  refused(statement: Statement, error: LrsError): void;
  /** What waits, or why it waits, changed. */
  changed(): void;
}

const verbOf = (s: Statement) => s.verb.display['en-US'] as Verb;

export class StatementQueue {
  private queue: Statement[] = [];
  private inFlight = new Set<string>();
  private sending = false;
  /** The page closes: the last-words copy follows every change of the queue. */
  private closing = false;
  private retryTimer: unknown = null;
  private delay = RETRY_FIRST_MS;
  /** Why the head of the queue waits (the last failure), or null. */
  lastError: string | null = null;
  nextTryAt: number | null = null;
  /** The outbox writes made so far. */
  private stored: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly store: OutboxStore,
    private readonly key: string,
    private readonly send: (statements: Statement[]) => Promise<void>,
    private readonly clock: QueueClock,
    private readonly events: QueueEvents,
  ) {}

  /** What earlier launches left unsent: it goes first. */
  async load(): Promise<Statement[]> {
    const kept = await this.store.list(this.key).catch(() => [] as Statement[]);
    const known = new Set(this.queue.map((s) => s.id));
    const fresh = kept.filter((s) => !known.has(s.id));
    this.queue.unshift(...fresh);
    return fresh;
  }

  get waiting(): number { return this.queue.length; }

  has(verb: Verb): boolean { return this.queue.some((s) => verbOf(s) === verb); }

  add(statement: Statement): void {
    this.queue.push(statement);
    // Issued now, not after earlier writes: a page closing gives no later turn. IndexedDB runs
    // transactions in the order they were made, so a later remove still comes after this add.
    this.stored = Promise.all([this.stored, this.store.add(this.key, statement).catch(() => { /* kept in memory: sent this launch */ })]);
    this.events.changed();
    this.pump();
  }

  /**
   * The page closes: everything waiting leaves now, in one request, with keepalive. A statement already
   * on its way goes again in it (the same id: the LRS keeps one), so the LRS takes the batch whole or
   * not at all and terminated can never land before a statement made earlier.
   */
  flush(budget = KEEPALIVE_BUDGET): Promise<void> {
    this.cancelRetry();
    this.closing = true;
    this.store.keepNow(this.key, this.queue);
    const batch: Statement[] = [];
    let size = 2;
    for (const s of this.queue) {
      size += JSON.stringify(s).length + 1;
      if (size > budget) break;
      batch.push(s);
    }
    return batch.length ? this.attempt(batch).finally(() => this.pump()) : Promise.resolve();
  }

  /** Resolves when the outbox writes made so far are done (tests, and the page before it leaves). */
  written(): Promise<unknown> { return this.stored; }

  private pump(): void {
    if (this.sending || this.retryTimer !== null) return;
    const head = this.queue.find((s) => !this.inFlight.has(s.id));
    if (!head) return;
    this.sending = true;
    void this.attempt([head]).finally(() => {
      this.sending = false;
      this.pump();
    });
  }

  private async attempt(batch: Statement[]): Promise<void> {
    for (const s of batch) this.inFlight.add(s.id);
    try {
      await this.send(batch);
      this.accept(batch);
    } catch (e) {
      const error = e instanceof LrsError ? e : new LrsError(e instanceof Error ? e.message : String(e), true);
      if (error.retry) this.wait(error);
      else if (batch.length === 1) this.drop(batch[0], error);
      // else one of several was refused for good: each goes on its own next, and only it is dropped
    } finally {
      for (const s of batch) this.inFlight.delete(s.id);
    }
  }

  private accept(batch: Statement[]): void {
    const ids = new Set(batch.map((s) => s.id));
    this.queue = this.queue.filter((s) => !ids.has(s.id));
    this.stored = Promise.all([this.stored, this.store.remove([...ids]).catch(() => {})]);
    if (this.closing) this.store.keepNow(this.key, this.queue);
    this.delay = RETRY_FIRST_MS;
    this.lastError = null;
    this.nextTryAt = null;
    this.events.accepted(batch);
    this.events.changed();
  }

  private drop(statement: Statement, error: LrsError): void {
    this.queue = this.queue.filter((s) => s.id !== statement.id);
    if (this.closing) this.store.keepNow(this.key, this.queue);
    this.stored = Promise.all([this.stored, this.store.remove([statement.id]).catch(() => {})]);
    this.events.refused(statement, error);
    this.events.changed();
  }

  private wait(error: LrsError): void {
    this.lastError = error.message;
    this.cancelRetry();
    this.nextTryAt = this.clock.now() + this.delay;
    this.retryTimer = this.clock.setTimer(() => {
      this.retryTimer = null;
      this.nextTryAt = null;
      this.pump();
    }, this.delay);
    this.delay = Math.min(this.delay * 2, RETRY_MAX_MS);
    this.events.changed();
  }

  private cancelRetry(): void {
    if (this.retryTimer !== null) this.clock.clearTimer(this.retryTimer);
    this.retryTimer = null;
  }
}
