// The lab's session: reset, export and import a session file, and display options.
import { useRef, useState } from 'react';
import { JsonFileInput } from '../common/JsonFileInput';
import { ConfirmDialog } from '../common/ConfirmDialog';
import { exportSession, importSession, resetLab } from '../../app/commands';
import { setPrefs, usePrefs } from '../../app/prefs';
import { useLab } from '../../app/store';

export function SessionMenu() {
  const file = useRef<HTMLInputElement>(null);
  const theme = usePrefs((p) => p.theme);
  const largeText = usePrefs((p) => p.largeText);
  const ready = useLab((s) => s.status === 'ready');
  const [confirmReset, setConfirmReset] = useState(false);
  return (
    <div className="session-menu" role="group" aria-label="Lab session">
      <button type="button" className="btn btn-ghost" disabled={!ready}
        aria-label="Reset lab" title="Reset lab: start it again from the beginning" onClick={() => setConfirmReset(true)}>
        Reset
      </button>
      <button type="button" className="btn btn-ghost" disabled={!ready} aria-label="Export session" title="Export session: save it as a file"
        onClick={() => void exportSession()}>Export</button>
      <button type="button" className="btn btn-ghost" disabled={!ready} aria-label="Import session…" title="Import session: open a saved file"
        onClick={() => file.current?.click()}>Import…</button>
      <JsonFileInput ref={file} label="Session file to import" onFile={(f) => void importSession(f)} />
      <button type="button" className="btn btn-ghost" aria-pressed={theme === 'dark'} aria-label="Dark theme" title="Dark theme"
        onClick={() => setPrefs({ theme: theme === 'dark' ? 'light' : 'dark' })}>Dark</button>
      <button type="button" className="btn btn-ghost" aria-pressed={largeText} aria-label="Large text" title="Large text"
        onClick={() => setPrefs({ largeText: !largeText })}>Large</button>
      {confirmReset && (
        <ConfirmDialog title="Reset lab" onNo={() => setConfirmReset(false)}
          onYes={() => { setConfirmReset(false); void resetLab(); }}>
          <p>Start this lab again from the beginning? Its snapshots, tasks and simulated time are lost.</p>
        </ConfirmDialog>
      )}
    </div>
  );
}
