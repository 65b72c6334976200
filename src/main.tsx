// Page entry: window.lab first (walkthroughs may be waiting for it), then the React tree.
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { installLabApi } from './app/labApi';
import { applyPrefs, usePrefs } from './app/prefs';
import { App } from './ui/App';
import './ui/styles/base.css';
import './ui/styles/layout.css';
import './ui/styles/panels.css';

applyPrefs(usePrefs.getState());
installLabApi();

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
