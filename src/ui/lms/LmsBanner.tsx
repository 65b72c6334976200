// The learning platform's line on a course package's page: connected or not, what it accepted, what
// still waits to be sent (and why), what did not fit in its storage, Retry when the saved lab could
// not be read, and Exit lesson (which reports the end and returns where the platform asks).
import { exitLms, retryLms } from '../../app/lms/lmsLesson';
import './lms.css';
import { useLmsStatus } from '../../app/lms/lmsStatus';

const NAMES = { scorm12: 'SCORM 1.2', cmi5: 'cmi5' } as const;

function SyncLine({ sync, why }: { sync: 'saved' | 'waiting' | null; why: string | null }) {
  if (sync === 'saved') return <p className="lms-sync" role="status">Saved on your learning platform.</p>;
  if (sync === 'waiting') return <p className="lms-sync warn" role="status">Waiting to send progress…{why ? ` ${why}` : ''}</p>;
  return null;
}

export function LmsBanner() {
  const { kind, state, reported, sync, syncNote, note, limit } = useLmsStatus();
  if (!kind) return null;
  const platform = `your learning platform (${NAMES[kind]})`;
  return (
    <section className="lms-banner" aria-label="Learning platform">
      {state === 'connecting' && <p role="status">Connecting to {platform}…</p>}
      {state === 'stopped' && (
        <div className="btn-row">
          <p role="status">The lesson is not open: {platform} did not give back your saved lab.</p>
          <button type="button" className="btn" onClick={retryLms}>Retry</button>
        </div>
      )}
      {state === 'connected' && (
        <div className="btn-row">
          <p role="status">This lesson reports to {platform}{reported ? `: ${reported}` : ''}.</p>
          <SyncLine sync={sync} why={syncNote} />
          <button type="button" className="btn" onClick={() => exitLms()}>Exit lesson</button>
        </div>
      )}
      {state === 'finished' && (sync === 'waiting'
        ? <p role="status">Lesson ended. Waiting to send progress to {platform}…{syncNote ? ` ${syncNote}` : ''}{kind === 'cmi5' ? ' Keep this window open; what is not sent now is sent when you open this lesson again.' : ''}</p>
        : <p role="status">Your progress is saved on {platform}{reported ? ` (${reported})` : ''}. You can close this window.</p>)}
      {limit && <p className="banner warn" role="status">{limit}</p>}
      {note && <p className="banner warn" role="alert">{note}</p>}
    </section>
  );
}
