// A deep copy of an object graph, for time-travel checkpoints: class instances keep their prototype,
// shared references stay shared, frozen objects are shared (they cannot change), typed arrays are
// copied whole, and cycles are followed once. An object with a [COPY] method copies itself (a grain
// map shares its pages copy-on-write) and names the parts it shares, so a checkpoint store can count
// each shared part once (and the parts a shared part holds, see PARTS). A function in the graph cannot
// be copied faithfully: the copy is refused and says where the function sits (a lab holds none: its
// scheduled work is data, see core/scheduler.ts).

export class NotCloneable extends Error {
  constructor(readonly path: string) {
    super(`A function at ${path} cannot be copied.`);
  }
}

/**
 * What a self-copying object gets: `share(part, bytes)` names a part the copy shares with the original
 * instead of copying (and its size), `bytes(n)` adds what the copy holds of its own.
 */
export interface CopyContext {
  share(part: object, bytes: number): void;
  bytes(n: number): void;
}

/** Visits the parts a shared part holds, each with its size (see PARTS). */
export type PartVisitor = (part: object, bytes: number) => void;

/**
 * The method of a shared part that holds smaller parts other shared parts may hold too (a grain-map
 * page's chunks, which a newer version of the page shares): a store of copies counts each smaller part
 * once, while any part it holds holds it. The shared part's own size leaves them out.
 */
export const PARTS: unique symbol = Symbol('parts');

export interface HoldsParts { [PARTS](visit: PartVisitor): void }

/** The method an object implements to copy itself (see CopyContext). */
export const COPY: unique symbol = Symbol('copy');

export interface SelfCopying { [COPY](ctx: CopyContext): unknown }

/**
 * `bytes`: what the copy holds of its own; `shared`: the parts it shares with the original (and any
 * other copy of it), each with its size, so that a store of copies can count each part once.
 */
export interface CloneResult<T> { copy: T; bytes: number; shared: Map<object, number> }

/** A rough size of the copy: typed array bytes plus a small cost per object and slot. */
const OBJECT_BYTES = 48;
const SLOT_BYTES = 16;

/**
 * Copy `root`. Objects in `share` (immutable ones, such as a parsed definition) are referenced, not
 * copied. Throws NotCloneable when the graph holds a function.
 */
export function cloneGraph<T>(root: T, share: readonly object[] = []): CloneResult<T> {
  const seen = new Map<unknown, unknown>();
  for (const s of share) seen.set(s, s);
  let bytes = 0;
  const shared = new Map<object, number>();
  const ctx: CopyContext = {
    share: (part, n) => { shared.set(part, n); },
    bytes: (n) => { bytes += n; },
  };

  const copy = (value: unknown, path: string): unknown => {
    if (typeof value === 'function') throw new NotCloneable(path);
    if (typeof value !== 'object' || value === null) return value;
    const done = seen.get(value);
    if (done !== undefined) return done;
    // A frozen object never changes: every copy may share it (a drawn workload stretch, say).
    if (Object.isFrozen(value)) return value;
    const self = (value as Partial<SelfCopying>)[COPY];
    if (typeof self === 'function') {
      const out = self.call(value, ctx);
      seen.set(value, out);
      return out;
    }
    if (ArrayBuffer.isView(value)) {
      const v = value as unknown as { slice(): unknown; byteLength: number };
      const out = v.slice();
      bytes += v.byteLength + OBJECT_BYTES;
      seen.set(value, out);
      return out;
    }
    if (Array.isArray(value)) {
      const out: unknown[] = new Array(value.length);
      seen.set(value, out);
      bytes += OBJECT_BYTES + value.length * SLOT_BYTES;
      for (let i = 0; i < value.length; i++) out[i] = copy(value[i], path);
      return out;
    }
    if (value instanceof Map) {
      const out = new Map();
      seen.set(value, out);
      bytes += OBJECT_BYTES + value.size * 2 * SLOT_BYTES;
      for (const [k, v] of value) out.set(copy(k, path), copy(v, `${path}.get(${String(k)})`));
      return out;
    }
    if (value instanceof Set) {
      const out = new Set();
      seen.set(value, out);
      bytes += OBJECT_BYTES + value.size * SLOT_BYTES;
      for (const v of value) out.add(copy(v, path));
      return out;
    }
    const out = Object.create(Object.getPrototypeOf(value) as object | null) as Record<string, unknown>;
    seen.set(value, out);
    const keys = Object.keys(value);
    bytes += OBJECT_BYTES + keys.length * SLOT_BYTES;
    for (const k of keys) out[k] = copy((value as Record<string, unknown>)[k], `${path}.${k}`);
    return out;
  };

  const result = copy(root, 'lab') as T;
  return { copy: result, bytes, shared };
}
