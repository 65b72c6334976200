// The learning platform's line on a course package's page: connected or not, what it was told, what
// did not fit in its storage, and Exit lesson (which reports the end and returns where it asks).
import { exitLms } from '../../app/lms/lmsLesson';
import './lms.css';
import { useLmsStatus } from '../../app/lms/lmsStatus';

const NAMES = { scorm12: 'SCORM 1.2', cmi5: 'cmi5' } as const;

export function LmsBanner() {
  const { kind, state, reported, note, limit } = useLmsStatus();
  if (!kind) return null;
  const platform = `your learning platform (${NAMES[kind]})`;
  return (
    <section className="lms-banner" aria-label="Learning platform">
      {state === 'connecting' && <p role="status">Connecting to {platform}…</p>}
      {state === 'connected' && (
        <div className="btn-row">
          <p role="status">This lesson reports to {platform}{reported ? `: ${reported}` : ''}.</p>
          <button type="button" className="btn" onClick={() => void exitLms()}>Exit lesson</button>
        </div>
      )}
      {state === 'finished' && <p role="status">Your progress was sent to {platform}{reported ? ` (${reported})` : ''}. You can close this window.</p>}
      {limit && <p className="banner warn" role="status">{limit}</p>}
      {note && <p className="banner warn" role="alert">{note}</p>}
    </section>
  );
}
