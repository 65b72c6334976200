// Page entry: the address's display options, window.lab (walkthroughs may be waiting for it; its
// `ready` includes what the address asks for), the embedding page's postMessage API, then React.
import './app/security/noEval';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { connectToHost } from './app/embed/hostBridge';
import { startH5pResizeInFrame } from './app/embed/h5pResize';
import { usePageOptions } from './app/embed/pageOptions';
import { installLabApi } from './app/labApi';
import { connectLms } from './app/lms/connectLms';
import { pageAutosave } from './app/connection';
import { watchForNewVersion } from './app/offline/newVersion';
import { registerOfflineCache } from './app/offline/registerServiceWorker';
import { applyDisplayOptions, followShareLinks, startFromUrl } from './app/pageStart';
import { applyPrefs, usePrefs } from './app/prefs';
import { App } from './ui/App';
import { EmbedApp } from './ui/embed/EmbedApp';
import './ui/styles/base.css';
import './ui/styles/layout.css';
import './ui/styles/panels.css';
import './ui/embed/delivery.css';

const { options } = usePageOptions.getState();
applyPrefs(usePrefs.getState());
applyDisplayOptions(options);
// A course package's lesson: the learning platform keeps the session, not this browser's autosave.
const lms = connectLms(options);
if (lms) pageAutosave().setMode('off');
// A page another page scripts (parentOrigin) saves apart from the learner's lab and never opens it.
if (options.parentOrigin) pageAutosave().useScriptedSlot();
const api = installLabApi(window, startFromUrl(options, location, history, lms));
if (options.parentOrigin) connectToHost(options.parentOrigin, api, window, options.opener === true);
// In any frame, H5P-style size messages let hosts built for H5P fit the frame (heights only; to
// parentOrigin alone when it is set).
api.ready.then(() => startH5pResizeInFrame(options.parentOrigin ?? '*'), () => { /* the lab did not start: the page shows why */ });
followShareLinks();
pageAutosave().saveWhenHidden(window);
// Inside a learning platform, a service worker would keep serving an old package after an update.
if (!options.lms) {
  registerOfflineCache();
  watchForNewVersion();
}

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    {options.embed ? <EmbedApp /> : <App />}
  </StrictMode>,
);
