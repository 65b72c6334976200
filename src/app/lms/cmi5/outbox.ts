// Statements not yet accepted by the LRS, kept in IndexedDB so that a closed page, a crash or an LRS
// that is down for a day loses none: the next launch of the same lesson (same LRS, registration and
// activity) sends them first, in the order they were made. A statement leaves the outbox only when the
// LRS answered 2xx, or refused it for good.
import type { Statement } from './statements';

export interface OutboxStore {
  /** The statements kept for `key`, oldest first. */
  list(key: string): Promise<Statement[]>;
  add(key: string, statement: Statement): Promise<void>;
  remove(ids: string[]): Promise<void>;
}

/** The outbox's key: one lesson of one registration on one LRS. */
export const outboxKey = (endpoint: string, registration: string, activityId: string): string => JSON.stringify([endpoint, registration, activityId]);

const DB_NAME = 'snaplab-lms';
const STORE = 'outbox';

interface Row { n?: number; key: string; id: string; statement: Statement }

function done<T>(r: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    r.onsuccess = () => resolve(r.result);
    r.onerror = () => reject(r.error ?? new Error('IndexedDB request failed'));
  });
}

function committed(tx: IDBTransaction): Promise<void> {
  return new Promise((resolve, reject) => {
    tx.oncomplete = () => resolve();
    tx.onerror = () => reject(tx.error ?? new Error('IndexedDB transaction failed'));
    tx.onabort = () => reject(tx.error ?? new Error('IndexedDB transaction aborted'));
  });
}

/** The browser's outbox; null where there is no IndexedDB (the reporter then keeps one in memory). */
export function indexedDbOutbox(idb: IDBFactory | undefined = globalThis.indexedDB): OutboxStore | null {
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
  return {
    async list(key) {
      const tx = (await open()).transaction(STORE, 'readonly');
      const rows = await done(tx.objectStore(STORE).index('key').getAll(key)) as Row[];
      return rows.sort((a, b) => (a.n ?? 0) - (b.n ?? 0)).map((r) => r.statement);
    },
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
}

/** For tests, and pages without IndexedDB: an outbox that lasts as long as the object. */
export function memoryOutbox(): OutboxStore & { rows: { key: string; statement: Statement }[] } {
  const o = {
    rows: [] as { key: string; statement: Statement }[],
    list: async (key: string) => o.rows.filter((r) => r.key === key).map((r) => structuredClone(r.statement)),
    add: async (key: string, statement: Statement) => { o.rows.push({ key, statement: structuredClone(statement) }); },
    remove: async (ids: string[]) => { o.rows = o.rows.filter((r) => !ids.includes(r.statement.id)); },
  };
  return o;
}
