// Where autosave lives: IndexedDB (database `snaplab`, store `sessions`), whose quota is a share of the
// disk. One record per autosave slot: each tab has its own, and a page scripted from outside saves in a
// slot of its own, apart from the learner's. The raw API in a few lines.
import type { Session } from '../../worker/session';
import { committed, request } from './idbRequests';

/** Whose lab a slot holds: the learner's own, or a page scripted from outside (window.lab.load, postMessage). */
export type SlotKind = 'learner' | 'scripted';

/** What was last saved in one slot: the session, and when (wall clock), so the newest can win. */
export interface SavedLab {
  slot: string;
  kind: SlotKind;
  /** Date.now() when the page saved it. */
  savedAt: number;
  session: Session;
}

export interface SlotStore {
  all(): Promise<SavedLab[]>;
  put(saved: SavedLab): Promise<void>;
  remove(slots: string[]): Promise<void>;
  clear(): Promise<void>;
}

const DB_NAME = 'snaplab';
const STORE = 'sessions';
/** The one key an older SnapLab saved under, holding a bare session. */
export const LEGACY_KEY = 'autosave';

const isSession = (v: unknown): v is Session =>
  typeof v === 'object' && v !== null && (v as { format?: unknown }).format === 'snaplab-session';

/** A stored value as a slot record; an older SnapLab's bare session is the learner's, saved long ago. */
export function asSavedLab(key: string, value: unknown): SavedLab | null {
  if (isSession(value)) return { slot: key, kind: 'learner', savedAt: 0, session: value };
  const v = value as Partial<SavedLab> | null;
  if (!v || typeof v !== 'object' || typeof v.slot !== 'string' || typeof v.savedAt !== 'number' || !isSession(v.session)) return null;
  return { slot: v.slot, kind: v.kind === 'scripted' ? 'scripted' : 'learner', savedAt: v.savedAt, session: v.session };
}

/** Why the store cannot be used at all (no IndexedDB, or opening it is refused): private browsing or storage off. */
export class StorageRefused extends Error {
  constructor(cause: unknown) {
    super('IndexedDB could not be opened', { cause });
    this.name = 'StorageRefused';
  }
}

/**
 * The browser's IndexedDB store, or null where there is none (Node, some privacy modes). When the
 * database is deleted under the page (site data cleared), the browser closes the connection: the next
 * save opens it again, creating it afresh, so saving recovers by itself.
 */
export function indexedDbStore(idb: IDBFactory | undefined = globalThis.indexedDB): SlotStore | null {
  if (!idb) return null;
  let db: Promise<IDBDatabase> | null = null;
  const open = () => {
    db ??= new Promise<IDBDatabase>((resolve, reject) => {
      // Version 2: the same store; opening at 2 also repairs a database created empty by another reader.
      const r = idb.open(DB_NAME, 2);
      r.onupgradeneeded = () => { if (!r.result.objectStoreNames.contains(STORE)) r.result.createObjectStore(STORE); };
      r.onsuccess = () => {
        const conn = r.result;
        // Deleted or cleared elsewhere: forget this connection, the next use opens a new one.
        conn.onclose = () => { db = null; };
        conn.onversionchange = () => { conn.close(); db = null; };
        resolve(conn);
      };
      r.onerror = () => reject(new StorageRefused(r.error));
      r.onblocked = () => reject(new Error('IndexedDB is blocked by another tab'));
    });
    db.catch(() => { db = null; }); // try again on the next save
    return db;
  };
  /** A transaction on a live connection; one that is closing is dropped and opened again, once. */
  const tx = async (mode: IDBTransactionMode): Promise<IDBTransaction> => {
    try {
      return (await open()).transaction(STORE, mode);
    } catch (e) {
      if ((e as { name?: unknown }).name !== 'InvalidStateError') throw e;
      db = null;
      return (await open()).transaction(STORE, mode);
    }
  };
  return {
    async all() {
      const t = await tx('readonly');
      const os = t.objectStore(STORE);
      const [keys, values] = await Promise.all([request(os.getAllKeys()), request(os.getAll())]);
      return keys.flatMap((k, i) => asSavedLab(String(k), values[i]) ?? []);
    },
    async put(saved) {
      const t = await tx('readwrite');
      t.objectStore(STORE).put(saved, saved.slot);
      await committed(t);
    },
    async remove(slots) {
      if (!slots.length) return;
      const t = await tx('readwrite');
      for (const s of slots) t.objectStore(STORE).delete(s);
      await committed(t);
    },
    async clear() {
      const t = await tx('readwrite');
      t.objectStore(STORE).clear();
      await committed(t);
    },
  };
}

/** For tests and for pages without IndexedDB: a store in memory, or one whose puts fail while `fail` says so. */
export function memoryStore(fail?: () => Error | null): SlotStore & { records: Map<string, SavedLab> } {
  const records = new Map<string, SavedLab>();
  return {
    records,
    all: async () => [...records.values()].map((r) => structuredClone(r)),
    put: async (saved) => {
      const e = fail?.();
      if (e) throw e;
      records.set(saved.slot, structuredClone(saved));
    },
    remove: async (slots) => { for (const s of slots) records.delete(s); },
    clear: async () => { records.clear(); },
  };
}
