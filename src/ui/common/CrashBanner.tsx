// Shown when the lab stops (the engine's worker died, or the engine failed on a step and stopped the
// lab): the page stays, and "Restart lab" rebuilds the lab in a new worker from the last autosave,
// which never holds the step that failed.
import { restartLab } from '../../app/commands';
import { useLab } from '../../app/store';

export function CrashBanner() {
  const status = useLab((s) => s.status);
  const failure = useLab((s) => s.failure);
  if (status !== 'crashed') return null;
  return (
    <div className="crash" role="alert">
      <div>
        <strong>The lab stopped.</strong> {failure}
      </div>
      <button type="button" className="btn btn-primary" onClick={() => void restartLab()}>Restart lab</button>
    </div>
  );
}
