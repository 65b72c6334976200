// The lab's session: reset, export and import a session file, and display options.
import { useRef, useState } from 'react';
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
        onClick={() => setConfirmReset(true)}>
        Reset lab
      </button>
      <button type="button" className="btn btn-ghost" disabled={!ready} onClick={() => void exportSession()}>Export session</button>
      <button type="button" className="btn btn-ghost" disabled={!ready} onClick={() => file.current?.click()}>Import session…</button>
      <input ref={file} type="file" accept=".json,application/json" className="visually-hidden" tabIndex={-1}
        aria-label="Session file to import"
        onChange={(e) => {
          const f = e.target.files?.[0];
          e.target.value = '';
          if (f) void importSession(f);
        }} />
      <button type="button" className="btn btn-ghost" aria-pressed={theme === 'dark'}
        onClick={() => setPrefs({ theme: theme === 'dark' ? 'light' : 'dark' })}>Dark theme</button>
      <button type="button" className="btn btn-ghost" aria-pressed={largeText}
        onClick={() => setPrefs({ largeText: !largeText })}>Large text</button>
      {confirmReset && (
        <ConfirmDialog title="Reset lab" onNo={() => setConfirmReset(false)}
          onYes={() => { setConfirmReset(false); void resetLab(); }}>
          <p>Start this lab again from the beginning? Its snapshots, tasks and simulated time are lost.</p>
        </ConfirmDialog>
      )}
    </div>
  );
}
