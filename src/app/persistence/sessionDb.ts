// Where the autosave lives: one record in IndexedDB, whose quota is a share of the disk (localStorage
// holds about 5 MB per site, and a long session with an imported history outgrew it). The raw API in a
// few lines: one database, one object store, one key.
import type { Session } from '../../worker/session';

export interface SessionStore {
  get(): Promise<unknown>;
  put(session: Session): Promise<void>;
  clear(): Promise<void>;
}

const DB_NAME = 'snaplab';
const STORE = 'sessions';
const KEY = 'autosave';

function request<T>(r: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    r.onsuccess = () => resolve(r.result);
    r.onerror = () => reject(r.error ?? new Error('IndexedDB request failed'));
  });
}

/** A put is done only when its transaction commits: a full disk shows up there, not on the request. */
function committed(tx: IDBTransaction): Promise<void> {
  return new Promise((resolve, reject) => {
    tx.oncomplete = () => resolve();
    tx.onerror = () => reject(tx.error ?? new Error('IndexedDB transaction failed'));
    tx.onabort = () => reject(tx.error ?? new Error('IndexedDB transaction aborted'));
  });
}

/** The browser's IndexedDB store, or null where there is none (Node, some privacy modes). */
export function indexedDbStore(idb: IDBFactory | undefined = globalThis.indexedDB): SessionStore | null {
  if (!idb) return null;
  let db: Promise<IDBDatabase> | null = null;
  const open = () => {
    db ??= new Promise<IDBDatabase>((resolve, reject) => {
      const r = idb.open(DB_NAME, 1);
      r.onupgradeneeded = () => { r.result.createObjectStore(STORE); };
      r.onsuccess = () => resolve(r.result);
      r.onerror = () => reject(r.error ?? new Error('IndexedDB could not be opened'));
      r.onblocked = () => reject(new Error('IndexedDB is blocked by another tab'));
    });
    db.catch(() => { db = null; }); // try again on the next save
    return db;
  };
  return {
    async get() {
      const tx = (await open()).transaction(STORE, 'readonly');
      return request(tx.objectStore(STORE).get(KEY));
    },
    async put(session) {
      const tx = (await open()).transaction(STORE, 'readwrite');
      tx.objectStore(STORE).put(session, KEY);
      await committed(tx);
    },
    async clear() {
      const tx = (await open()).transaction(STORE, 'readwrite');
      tx.objectStore(STORE).delete(KEY);
      await committed(tx);
    },
  };
}

/** For tests and for pages without IndexedDB: a store in memory, or one that always fails. */
export function memoryStore(fail?: () => Error): SessionStore & { value: unknown } {
  const s = {
    value: undefined as unknown,
    get: async () => s.value,
    put: async (session: Session) => { if (fail) throw fail(); s.value = structuredClone(session); },
    clear: async () => { s.value = undefined; },
  };
  return s;
}
