// Shown at once when autosave fails (storage full or turned off): the learner's work is only in this
// tab, so the banner offers the session as a file.
import { exportSession } from '../../app/commands';
import { useAutosave } from '../../app/persistence/autosave';

export function SaveProblem() {
  const failure = useAutosave((s) => s.failure);
  if (!failure) return null;
  return (
    <div className="crash save-problem" role="alert">
      <div><strong>Not saved.</strong> {failure}</div>
      <button type="button" className="btn btn-primary" onClick={() => void exportSession()}>Export session</button>
    </div>
  );
}
