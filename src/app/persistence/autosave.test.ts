import { describe, expect, it, vi } from 'vitest';
import type { Session } from '../../worker/session';
import { atLaterTime, Autosave, type AutosaveDeps } from './autosave';
import { memoryStore, type SavedLab } from './sessionDb';
import type { StorageLike } from './lastWords';

/** localStorage in memory, with its key listing. */
function local(): StorageLike & { mem: Map<string, string> } {
  const mem = new Map<string, string>();
  return {
    mem, getItem: (k) => mem.get(k) ?? null, setItem: (k, v) => void mem.set(k, v), removeItem: (k) => void mem.delete(k),
    get length() { return mem.size; }, key: (i) => [...mem.keys()][i] ?? null,
  };
}

const session = (time: number, commands: Session['commands'] = [], name = 'Lab'): Session =>
  ({ format: 'snaplab-session', version: 1, definition: { name }, commands, time });
const powerOff = (at: number) => ({ at, command: { type: 'vm.powerOff', vm: 'sql01' } });
const settle = () => new Promise((r) => setTimeout(r, 0));

/** One page of one tab: a fresh Autosave over shared storage, with a wall clock the test moves. */
function pageOf(tab: string, shared: { store: ReturnType<typeof memoryStore>; ls: ReturnType<typeof local>; clock: { now: number } }, over: Partial<AutosaveDeps> = {}) {
  const failures: (string | null)[] = [];
  const timers: (() => void)[] = [];
  const a = new Autosave({
    store: shared.store, local: shared.ls, tab: async () => tab, now: () => shared.clock.now,
    setTimer: (fn) => { timers.push(fn); return timers.length; }, clearTimer: () => {},
    report: (f) => failures.push(f), ...over,
  });
  return { a, failures, runTimers: () => { for (const fn of timers.splice(0)) fn(); } };
}

function world() {
  return { store: memoryStore(), ls: local(), clock: { now: 1_000_000 } };
}

describe('autosave', () => {
  it('keeps one record per tab in the store (IndexedDB), nothing in localStorage, and a reload opens it', async () => {
    const w = world();
    const { a } = pageOf('tab-a', w);
    a.saveSession(session(5, [powerOff(1)]));
    await settle();
    expect([...w.store.records.values()]).toEqual([{ slot: 'tab-a', kind: 'learner', savedAt: 1_000_000, session: session(5, [powerOff(1)]) }]);
    expect(w.ls.mem.size).toBe(0);
    const { a: again } = pageOf('tab-a', w);
    expect(await again.load()).toMatchObject({ saved: { session: { time: 5, commands: [{ at: 1 }] } }, note: null });
  });

  it('a save that fails is reported at once and tried again until storage answers, with no new command needed', async () => {
    const w = world();
    let refuse: Error | null = Object.assign(new Error('quota'), { name: 'QuotaExceededError' });
    const store = memoryStore(() => refuse);
    vi.spyOn(console, 'error').mockImplementation(() => {});
    const { a, failures, runTimers } = pageOf('t', { ...w, store });
    a.saveSession(session(5));
    await vi.waitFor(() => expect(failures.at(-1)).toMatch(/not being saved: this browser's storage for SnapLab is full\. Export the session/));
    refuse = null; // storage is back; the learner does nothing
    runTimers();
    await vi.waitFor(() => expect(failures.at(-1)).toBeNull());
    expect(store.records.get('t')?.session.time).toBe(5);
  });

  it('after the database was cleared under the page the banner does not blame private browsing', async () => {
    const { failureText } = await import('./autosave');
    const { StorageRefused } = await import('./sessionDb');
    const closing = Object.assign(new Error('The database connection is closing.'), { name: 'InvalidStateError' });
    expect(failureText(closing)).toMatch(/not answering \(was the site's data cleared\?\); SnapLab keeps trying/);
    expect(failureText(closing)).not.toMatch(/private browsing/);
    expect(failureText(new StorageRefused(null))).toMatch(/private browsing/);
    expect(failureText(null)).toMatch(/private browsing/);
  });

  it('no store at all (no IndexedDB) is reported too, not swallowed', async () => {
    const w = world();
    const { a, failures } = pageOf('t', w, { store: null });
    a.saveSession(session(5));
    await settle();
    expect(failures.at(-1)).toMatch(/not being saved/);
  });

  it('writes one record at a time and ends with the newest', async () => {
    const w = world();
    const puts: number[] = [];
    const store = { ...w.store, put: async (s: SavedLab) => { puts.push(s.session.time); await settle(); w.store.records.set(s.slot, s); } };
    const { a } = pageOf('t', { ...w, store });
    for (let t = 1; t <= 5; t++) a.saveSession(session(t));
    await vi.waitFor(() => expect(w.store.records.get('t')?.session.time).toBe(5));
    expect(puts).toEqual([1, 5]);
  });

  it('moves an older SnapLab\'s autosave (a bare session in the store or in localStorage) once', async () => {
    const w = world();
    w.ls.mem.set('snaplab.session.v1', JSON.stringify(session(42)));
    w.ls.mem.set('snaplab.autosave.time.v1', '{"stamp":"x","time":9}');
    const { a } = pageOf('t', w);
    expect((await a.load()).saved?.session).toMatchObject({ time: 42 });
    expect(w.ls.mem.size).toBe(0);
    expect(w.store.records.get('legacy')?.session.time).toBe(42);
  });

  it('hiding the page keeps the time the lab reached, even if the store write does not land', async () => {
    const w = world();
    const { a } = pageOf('t', w);
    a.saveSession(session(1000, [powerOff(900)]));
    await settle();
    a.noteLiveTime(5000);
    a.noteLiveTime(956_000);
    // The page unloads before IndexedDB commits: the store keeps its last record.
    w.store.put = () => new Promise(() => {});
    w.clock.now += 1000;
    a.saveOnHide();
    expect(w.store.records.get('t')?.session.time).toBe(1000);
    w.store.put = async (s) => { w.store.records.set(s.slot, s); };
    const back = pageOf('t', w);
    expect((await back.a.load()).saved?.session).toMatchObject({ time: 956_000, commands: [{ at: 900 }] });
  });

  it('a command whose store write never landed before the reload is kept (the page\'s last words), and moved into the store', async () => {
    const w = world();
    const { a } = pageOf('t', w);
    a.saveSession(session(1000));
    await settle();
    const put = w.store.put;
    w.store.put = () => new Promise(() => {}); // the power-off's write never commits: the page reloads
    w.clock.now += 10;
    a.saveSession(session(1000, [powerOff(1000)]));
    await settle();
    a.saveOnHide();
    expect(w.store.records.get('t')?.session.commands).toEqual([]);
    w.store.put = put;
    const { a: next } = pageOf('t', w);
    expect((await next.load()).saved?.session).toMatchObject({ commands: [{ at: 1000, command: { type: 'vm.powerOff' } }] });
    expect([...w.ls.mem.keys()]).toEqual([]);
    expect(w.store.records.get('t')?.session.commands).toHaveLength(1);
  });

  it('after a browser crash another tab\'s old last words never overwrite newer work', async () => {
    const w = world();
    // Tab A works, is hidden (its last words written), and is closed; tab B works on afterwards.
    const A = pageOf('tab-a', w);
    A.a.saveSession(session(1000, [powerOff(500)], 'Old lab'));
    await settle();
    w.clock.now += 1000;
    A.a.saveOnHide();
    w.clock.now += 60_000;
    const B = pageOf('tab-b', w);
    B.a.saveSession(session(9000, [powerOff(8000)], 'New lab'));
    await settle();
    // The browser crashes; a new tab opens the lab: the newest work wins, A's last words do not.
    const C = pageOf('tab-c', w);
    expect((await C.a.load()).saved?.session).toMatchObject({ time: 9000, definition: { name: 'New lab' } });
    expect(w.store.records.get('tab-b')?.session.time).toBe(9000);
  });

  it('each tab saves in its own slot; a reload opens the newest, and says so when it is another tab\'s', async () => {
    const w = world();
    const A = pageOf('tab-a', w);
    const B = pageOf('tab-b', w);
    A.a.saveSession(session(100, [], 'Tab A lab'));
    await settle();
    w.clock.now += 5000;
    B.a.saveSession(session(200, [], 'Tab B lab'));
    await settle();
    expect(w.store.records.get('tab-a')?.session.time).toBe(100);
    expect(w.store.records.get('tab-b')?.session.time).toBe(200);
    // Tab B reloads: its own lab is the newest.
    expect(await pageOf('tab-b', w).a.load()).toMatchObject({ saved: { slot: 'tab-b' }, note: null });
    // Tab A reloads: B's lab is newer, so A opens it and the learner is told.
    const choice = await pageOf('tab-a', w).a.load();
    expect(choice.saved?.session.definition).toEqual({ name: 'Tab B lab' });
    expect(choice.note).toMatch(/^Another tab saved its lab \(“Tab B lab”, at .+\) after this tab saved “Tab A lab” \(at .+\), so this tab opened the newer one\.$/);
  });

  it('a tab hidden or reloaded without new work does not become the newest', async () => {
    const w = world();
    const A = pageOf('tab-a', w);
    A.a.saveSession(session(100, [], 'Tab A lab'));
    await settle();
    w.clock.now += 5000;
    const B = pageOf('tab-b', w);
    B.a.saveSession(session(200, [], 'Tab B lab'));
    await settle();
    w.clock.now += 5000;
    A.a.saveOnHide(); // tab A reloads, its lab unchanged
    const choice = await pageOf('tab-a', w).a.load();
    expect(choice.saved?.session.definition).toEqual({ name: 'Tab B lab' });
    expect(choice.note).toMatch(/^Another tab saved its lab/);
  });

  it('a lab scripted from outside saves apart and never opens or overwrites the learner\'s', async () => {
    const w = world();
    const learner = pageOf('tab-a', w);
    learner.a.saveSession(session(100, [powerOff(50)], 'Mine'));
    await settle();
    // The same tab, now scripted (window.lab.load, or a page driving it with parentOrigin).
    const scripted = pageOf('tab-a', w);
    scripted.a.useScriptedSlot();
    expect((await scripted.a.load()).saved).toBeNull();
    w.clock.now += 1000;
    scripted.a.saveSession(session(7, [], 'workshop'));
    await settle();
    scripted.a.saveOnHide();
    expect(w.store.records.get('tab-a')?.session.definition).toEqual({ name: 'Mine' });
    expect(w.store.records.get('scripted:tab-a')?.session.definition).toEqual({ name: 'workshop' });
    // The learner's next page opens the learner's lab, though the scripted one was saved later.
    expect((await pageOf('tab-a', w).a.load()).saved?.session.definition).toEqual({ name: 'Mine' });
    // A scripted page reloads into its own scripted lab.
    const again = pageOf('tab-a', w);
    again.a.useScriptedSlot();
    expect((await again.a.load()).saved?.session.definition).toEqual({ name: 'workshop' });
  });

  it('an embed or a course package neither reads nor writes', async () => {
    const w = world();
    const learner = pageOf('t', w);
    learner.a.saveSession(session(7));
    await settle();
    const { a } = pageOf('t', w);
    a.setMode('off');
    expect((await a.load()).saved).toBeNull();
    a.saveSession(session(8));
    await settle();
    expect(w.store.records.get('t')?.session.time).toBe(7);
    expect(w.store.records.size).toBe(1);
  });

  it('with time-travel branches the current branch reaches the later time too; a lab in its past is left as saved', () => {
    const b = (id: string, reached: number) => ({ id, parent: null, forkAt: 0, forkIndex: 0, commands: [], reached });
    const branched: Session = { ...session(1000), branch: 'b2', branches: [b('b1', 800), b('b2', 1000)] };
    expect(atLaterTime(branched, 5000)).toMatchObject({ time: 5000, branches: [{ id: 'b1', reached: 800 }, { id: 'b2', reached: 5000 }] });
    expect(atLaterTime({ ...session(1000), position: 400 }, 5000)).toBeNull();
    expect(atLaterTime(session(1000), 900)).toBeNull();
  });
});
