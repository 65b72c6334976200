import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { Session } from '../../worker/session';
import { memoryStore } from './sessionDb';
import type { StorageLike } from './autosave';

type Autosave = typeof import('./autosave');
/** A fresh module: each page load starts with no in-memory copy. */
const fresh = async (): Promise<Autosave> => { vi.resetModules(); return import('./autosave'); };

function local(): StorageLike & { mem: Map<string, string> } {
  const mem = new Map<string, string>();
  return { mem, getItem: (k) => mem.get(k) ?? null, setItem: (k, v) => void mem.set(k, v), removeItem: (k) => void mem.delete(k) };
}

const session = (time: number, commands: Session['commands'] = []): Session =>
  ({ format: 'snaplab-session', version: 1, definition: { name: 'Lab' }, commands, time });
const settle = () => new Promise((r) => setTimeout(r, 0));

describe('autosave', () => {
  let ls: ReturnType<typeof local>;
  beforeEach(() => { ls = local(); });

  it('keeps sessions in the session store (IndexedDB), not localStorage, and reads them back after a reload', async () => {
    const store = memoryStore();
    let a = await fresh();
    a.setSessionStore(store);
    a.saveSession(session(5, [{ at: 1, command: { type: 'snapshot.take' } }]));
    await settle();
    expect(store.value).toMatchObject({ time: 5 });
    expect(ls.mem.size).toBe(0);
    a = await fresh();
    a.setSessionStore(store);
    expect(await a.loadSavedSession(ls)).toMatchObject({ time: 5, commands: [{ at: 1 }] });
  });

  it('a save that fails is reported at once, with the way out (export), and cleared when saving works again', async () => {
    let full = true;
    const store = memoryStore(() => Object.assign(new Error('quota'), { name: 'QuotaExceededError' }));
    const a = await fresh();
    a.setSessionStore({ ...store, put: async (s) => { if (full) throw Object.assign(new Error('quota'), { name: 'QuotaExceededError' }); store.value = s; } });
    vi.spyOn(console, 'error').mockImplementation(() => {});
    a.saveSession(session(5));
    await vi.waitFor(() => expect(a.useAutosave.getState().failure).toMatch(/not being saved: this browser's storage for SnapLab is full\. Export the session/));
    full = false;
    a.saveSession(session(6));
    await vi.waitFor(() => expect(a.useAutosave.getState().failure).toBeNull());
    expect(store.value).toMatchObject({ time: 6 });
  });

  it('no store at all (no IndexedDB) is reported too, not swallowed', async () => {
    const a = await fresh();
    a.setSessionStore(null);
    a.saveSession(session(5));
    expect(a.useAutosave.getState().failure).toMatch(/not being saved/);
  });

  it('writes one session at a time and ends with the newest', async () => {
    const store = memoryStore();
    const puts: number[] = [];
    const a = await fresh();
    a.setSessionStore({ ...store, put: async (s) => { puts.push(s.time); await settle(); store.value = s; } });
    for (let t = 1; t <= 5; t++) a.saveSession(session(t));
    await vi.waitFor(() => expect(store.value).toMatchObject({ time: 5 }));
    expect(puts).toEqual([1, 5]);
  });

  it('moves a localStorage autosave into the store once, freeing localStorage', async () => {
    const store = memoryStore();
    ls.mem.set('snaplab.session.v1', JSON.stringify(session(42)));
    let a = await fresh();
    a.setSessionStore(store);
    expect(await a.loadSavedSession(ls)).toMatchObject({ time: 42 });
    expect(store.value).toMatchObject({ time: 42 });
    expect(ls.mem.has('snaplab.session.v1')).toBe(false);
    a = await fresh();
    a.setSessionStore(store);
    expect(await a.loadSavedSession(ls)).toMatchObject({ time: 42 });
  });

  it('hiding the page saves the time the lab reached since the last session, even if the store write does not land', async () => {
    const store = memoryStore();
    let a = await fresh();
    a.setSessionStore(store);
    const s = session(1000, [{ at: 900, command: { type: 'vm.powerOff', vm: 'sql01' } }]);
    a.saveSession(s);
    await settle();
    a.noteLiveTime(5000);
    a.noteLiveTime(956_000);
    // The page unloads before IndexedDB commits the last write: only the localStorage mark survives.
    a.setSessionStore({ ...store, put: () => new Promise(() => {}) });
    a.saveOnHide(ls);
    expect(store.value).toMatchObject({ time: 1000 });
    a = await fresh();
    a.setSessionStore(store);
    expect(await a.loadSavedSession(ls)).toMatchObject({ time: 956_000, commands: [{ at: 900 }] });
  });

  it('a command whose store write never landed before the reload is kept (the page\'s last words)', async () => {
    const store = memoryStore();
    let a = await fresh();
    a.setSessionStore(store);
    a.saveSession(session(1000));
    await settle();
    // The power-off's session reaches the page, but its IndexedDB write never commits: the page reloads.
    a.setSessionStore({ ...store, put: () => new Promise(() => {}) });
    a.saveSession(session(1000, [{ at: 1000, command: { type: 'vm.powerOff', vm: 'sql01' } }]));
    a.saveOnHide(ls);
    expect(store.value).toMatchObject({ commands: [] });
    a = await fresh();
    a.setSessionStore(store);
    expect(await a.loadSavedSession(ls)).toMatchObject({ commands: [{ at: 1000, command: { type: 'vm.powerOff' } }] });
    // Read once, and into the store.
    expect(ls.mem.has(a.LAST_WORDS_KEY)).toBe(false);
    expect(store.value).toMatchObject({ commands: [{ at: 1000 }] });
  });

  it('a time mark is applied only to the session it was written for', async () => {
    const store = memoryStore();
    let a = await fresh();
    a.setSessionStore(store);
    a.saveSession(session(1000, [{ at: 900, command: { type: 'vm.powerOff', vm: 'sql01' } }]));
    a.noteLiveTime(50_000);
    a.saveOnHide(ls);
    await settle();
    a.saveSession(session(10, []));  // another lab was loaded since
    await settle();
    a = await fresh();
    a.setSessionStore(store);
    expect(await a.loadSavedSession(ls)).toMatchObject({ time: 10, commands: [] });
  });

  it('an embedded lab neither reads nor writes the learner\'s autosave', async () => {
    const store = memoryStore();
    store.value = session(7);
    const a = await fresh();
    a.setSessionStore(store);
    a.disableAutosave();
    expect(await a.loadSavedSession(ls)).toBeNull();
    a.saveSession(session(8));
    await settle();
    expect(store.value).toMatchObject({ time: 7 });
  });

  it('with time-travel branches the current branch reaches the later time too; a lab in its past is left as saved', async () => {
    const a = await fresh();
    const branched = { ...session(1000), branch: 'b2', branches: [{ id: 'b1', reached: 800 }, { id: 'b2', reached: 1000 }] } as Session;
    expect(a.atLaterTime(branched, 5000)).toMatchObject({ time: 5000, branches: [{ id: 'b1', reached: 800 }, { id: 'b2', reached: 5000 }] });
    expect(a.atLaterTime({ ...session(1000), position: 400 } as Session, 5000)).toBeNull();
    expect(a.atLaterTime(session(1000), 900)).toBeNull();
  });
});
