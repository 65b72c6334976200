// Statements not yet accepted by the LRS, kept in IndexedDB so that a closed page, a crash or an LRS
// that is down for a day loses none: the next launch of the same lesson (same LRS, registration and
// activity) sends them first, in the order they were made. A statement leaves the outbox only when the
// LRS answered 2xx, or refused it for good. A page that is closing gets no later turn for an IndexedDB
// transaction to finish, so what waits at close (terminated among it) is also written synchronously
// to localStorage ("last words"); the next launch merges it back.
import type { Statement } from './statements';
import { committed, request } from '../../persistence/idbRequests';

export interface OutboxStore {
  /** The statements kept for `key`, oldest first. */
  list(key: string): Promise<Statement[]>;
  add(key: string, statement: Statement): Promise<void>;
  remove(ids: string[]): Promise<void>;
  /** At page close, synchronously: the statements still waiting for `key` (replaces the last copy). */
  keepNow(key: string, statements: Statement[]): void;
}

const LAST_WORDS = 'snaplab-lms-outbox:';

/** The outbox's rows merged with the last words of a closed page (which are then written to the outbox). */
async function withLastWords(store: Pick<OutboxStore, 'add'>, key: string, rows: Statement[], local: Storage | null): Promise<Statement[]> {
  let words: Statement[];
  try {
    words = JSON.parse(local?.getItem(LAST_WORDS + key) ?? '[]') as Statement[];
  } catch { words = []; }
  const known = new Set(rows.map((s) => s.id));
  const missing = words.filter((s) => s && typeof s.id === 'string' && !known.has(s.id));
  for (const s of missing) await store.add(key, s).catch(() => {});
  try { local?.removeItem(LAST_WORDS + key); } catch { /* nothing kept */ }
  return [...rows, ...missing].sort((a, b) => a.timestamp.localeCompare(b.timestamp));
}

function keepInLocal(local: Storage | null, key: string, statements: Statement[]): void {
  try {
    if (statements.length) local?.setItem(LAST_WORDS + key, JSON.stringify(statements));
    else local?.removeItem(LAST_WORDS + key);
  } catch { /* storage full or off: the IndexedDB copy is all there is */ }
}

function localStore(): Storage | null {
  try { return globalThis.localStorage ?? null; } catch { return null; }
}

/** The outbox's key: one lesson of one registration on one LRS. */
export const outboxKey = (endpoint: string, registration: string, activityId: string): string => JSON.stringify([endpoint, registration, activityId]);

const DB_NAME = 'snaplab-lms';
const STORE = 'outbox';

interface Row { n?: number; key: string; id: string; statement: Statement }

/** The browser's outbox; null where there is no IndexedDB (the reporter then keeps one in memory). */
export function indexedDbOutbox(idb: IDBFactory | undefined = globalThis.indexedDB, local: Storage | null = localStore()): OutboxStore | null {
  if (!idb) return null;
  let db: Promise<IDBDatabase> | null = null;
  const open = () => {
    db ??= new Promise<IDBDatabase>((resolve, reject) => {
      const r = idb.open(DB_NAME, 1);
      r.onupgradeneeded = () => {
        // Auto-increment keys keep the order the statements were made in; the index finds one lesson's.
        const store = r.result.createObjectStore(STORE, { keyPath: 'n', autoIncrement: true });
        store.createIndex('key', 'key');
        store.createIndex('id', 'id');
      };
      r.onsuccess = () => resolve(r.result);
      r.onerror = () => reject(r.error ?? new Error('IndexedDB could not be opened'));
      r.onblocked = () => reject(new Error('IndexedDB is blocked by another tab'));
    });
    db.catch(() => { db = null; });
    return db;
  };
  const store: OutboxStore = {
    async list(key) {
      const tx = (await open()).transaction(STORE, 'readonly');
      const rows = await request(tx.objectStore(STORE).index('key').getAll(key)) as Row[];
      return withLastWords(store, key, rows.sort((a, b) => (a.n ?? 0) - (b.n ?? 0)).map((r) => r.statement), local);
    },
    keepNow: (key, statements) => keepInLocal(local, key, statements),
    async add(key, statement) {
      const tx = (await open()).transaction(STORE, 'readwrite');
      tx.objectStore(STORE).add({ key, id: statement.id, statement } satisfies Row);
      await committed(tx);
    },
    async remove(ids) {
      const tx = (await open()).transaction(STORE, 'readwrite');
      const byId = tx.objectStore(STORE).index('id');
      for (const id of ids) byId.openCursor(IDBKeyRange.only(id)).onsuccess = function () {
        const cursor = this.result;
        if (cursor) { cursor.delete(); cursor.continue(); }
      };
      await committed(tx);
    },
  };
  return store;
}

/** For tests, and pages without IndexedDB: an outbox that lasts as long as the object. */
export function memoryOutbox(local: Storage | null = null): OutboxStore & { rows: { key: string; statement: Statement }[] } {
  const o = {
    rows: [] as { key: string; statement: Statement }[],
    list: (key: string) => withLastWords(o, key, o.rows.filter((r) => r.key === key).map((r) => structuredClone(r.statement)), local),
    keepNow: (key: string, statements: Statement[]) => keepInLocal(local, key, statements),
    add: async (key: string, statement: Statement) => { o.rows.push({ key, statement: structuredClone(statement) }); },
    remove: async (ids: string[]) => { o.rows = o.rows.filter((r) => !ids.includes(r.statement.id)); },
  };
  return o;
}
