// What the page's address asks for, applied once at start: theme, presenter and embed display before
// the first render; then a share link, a lesson or a seed, and the clock's speed and autoplay once the
// lab is ready. window.lab.ready waits for all of it, so a walkthrough starts from what the URL set up.
import type { WorkerClient } from './workerClient';
import { DEFAULT_LAB, disableAutosave, labClient, restoreSession, whenStarted } from './connection';
import { reportProblem } from './embed/pageOptions';
import { startsPlaying, type UrlOptions } from './embed/urlOptions';
import { openLmsLesson } from './lms/lmsLesson';
import type { LmsReporter } from './lms/reporter';
import { applyProgressLink } from './progress/progressTransfer';
import { applyPrefs, usePrefs } from './prefs';
import { setPresenter } from './presenter/presenter';
import { decodeSession, sharedSessionIn } from './share/shareLink';
import { notify, selectVm } from './store';

export { DEFAULT_LAB };

export function applyDisplayOptions(o: UrlOptions, root: HTMLElement = document.documentElement): void {
  if (o.theme) {
    // Not saved: the embed's theme should not become the learner's own preference.
    usePrefs.setState({ theme: o.theme });
    applyPrefs(usePrefs.getState(), root);
  }
  if (o.presenter) setPresenter(true, root);
  if (o.embed) {
    root.classList.add('embed');
    disableAutosave();
  }
}

export async function startFromUrl(o: UrlOptions, location: Pick<Location, 'hash' | 'pathname' | 'search'>, history?: Pick<History, 'replaceState'>, lms?: LmsReporter | null): Promise<void> {
  await whenStarted();
  const client = await labClient();
  const shared = sharedSessionIn(location.hash);
  let lessonOpened = false;
  // Course progress a link carries is added to this device's, whatever else the link opens.
  const carriedProgress = await applyProgressLink(location.hash);
  if (carriedProgress && shared === null) history?.replaceState(null, '', location.pathname + location.search);
  if (lms && o.lesson !== undefined) {
    // A course package: the learning platform's saved session, else the lesson from its start.
    await openLmsLesson(client, lms, o.lesson);
  } else if (shared !== null) {
    await openSharedLab(shared);
    // A reload should keep the learner's progress, not replay the link again.
    history?.replaceState(null, '', location.pathname + location.search);
  } else if (o.lesson !== undefined || o.seed !== undefined) {
    lessonOpened = await openRequestedLab(client, o) && o.lesson !== undefined;
  }
  if (o.vm !== undefined) {
    // Asked of the worker: its answer comes after the state it posted, so the store then has the VM.
    const state = await client.request({ kind: 'state' });
    if (state.vms.some((v) => v.id === o.vm)) selectVm(o.vm);
    else reportProblem(`vm=${o.vm} was ignored: this lab has no VM with that id.`);
  }
  if (startsPlaying(o, lessonOpened)) await client.request({ kind: 'play', speed: o.speed });
  else if (o.speed !== undefined) await client.request({ kind: 'setSpeed', speed: o.speed });
}

/** A share link pasted into the address bar of an open lab changes only the fragment: open it too. */
export function followShareLinks(win: Window = window): void {
  win.addEventListener('hashchange', () => {
    const hash = win.location.hash;
    const shared = sharedSessionIn(hash);
    void applyProgressLink(hash).then(async (carried) => {
      if (shared !== null) await openSharedLab(shared);
      if (carried || shared !== null) win.history.replaceState(null, '', win.location.pathname + win.location.search);
    });
  });
}

async function openSharedLab(text: string): Promise<void> {
  const decoded = await decodeSession(text);
  if (decoded.ok) {
    const answer = await restoreSession(decoded.session);
    if (answer.ok) { notify('info', `Opened the shared lab "${answer.name}".`); return; }
    if (answer.error.code === 'RESTORE_TIMEOUT') { reportProblem(`This share link could not be replayed: ${answer.error.message}`); return; }
    reportProblem(`This share link could not be replayed (${answer.error.message}), so the workshop lab was opened instead.`);
  } else reportProblem(decoded.message);
  await (await labClient()).request({ kind: 'load', source: DEFAULT_LAB });
}

/** False when the lesson asked for does not exist (the workshop lab opens instead). */
async function openRequestedLab(client: WorkerClient, o: UrlOptions): Promise<boolean> {
  // After a reload the autosave already holds this lesson (or seeded lab) with the learner's progress.
  const saved = await client.request({ kind: 'session' });
  if (saved.lesson === o.lesson && saved.seed === o.seed) return true;
  const options = o.seed === undefined ? undefined : { seed: o.seed };
  const answer = await client.request({ kind: 'load', source: o.lesson ?? DEFAULT_LAB, options });
  if (answer.ok) return true;
  reportProblem(`lesson=${o.lesson} was ignored: ${answer.error.message}`);
  if (o.seed !== undefined) await client.request({ kind: 'load', source: DEFAULT_LAB, options });
  return false;
}
