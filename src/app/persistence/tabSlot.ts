// Each tab saves in a slot of its own, named in the tab's sessionStorage so a reload (or a tab the
// browser restores after a crash) finds it again. A duplicated tab copies sessionStorage: a Web Lock
// held for the page's life tells it that the name is taken, and it takes a new one.
const TAB_KEY = 'snaplab.tab';

export interface TabDeps {
  storage: Pick<Storage, 'getItem' | 'setItem'> | null;
  locks: Pick<LockManager, 'request'> | null;
  newId: () => string;
}

const browserDeps = (): TabDeps => {
  let storage: TabDeps['storage'] = null;
  try { storage = globalThis.sessionStorage ?? null; } catch { /* storage turned off */ }
  return {
    storage,
    locks: globalThis.navigator?.locks ?? null,
    newId: () => globalThis.crypto?.randomUUID?.() ?? `${Date.now().toString(36)}-${Math.random().toString(36).slice(2)}`,
  };
};

/** Hold the lock named after `id` for as long as the page lives; false when another tab holds it. */
function hold(locks: TabDeps['locks'], id: string): Promise<boolean> {
  if (!locks) return Promise.resolve(true);
  return new Promise((resolve) => {
    void locks.request(`snaplab-tab-${id}`, { ifAvailable: true }, (lock) => {
      resolve(lock !== null);
      return lock ? new Promise<void>(() => { /* held until the page goes */ }) : undefined;
    }).catch(() => resolve(true));
  });
}

/** This tab's slot name: the one it had before a reload, or a new one. */
export async function claimTabSlot(deps: TabDeps = browserDeps()): Promise<string> {
  let id: string | null = null;
  try { id = deps.storage?.getItem(TAB_KEY) ?? null; } catch { /* none */ }
  if (id && await hold(deps.locks, id)) return id;
  id = deps.newId();
  try { deps.storage?.setItem(TAB_KEY, id); } catch { /* this page alone, then */ }
  await hold(deps.locks, id);
  return id;
}
