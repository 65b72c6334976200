// Shown when the lab engine's worker stops: the page stays, and "Restart lab" rebuilds the lab from
// the last autosave in a new worker.
import { restartLab } from '../../app/commands';
import { useLab } from '../../app/store';

export function CrashBanner() {
  const status = useLab((s) => s.status);
  const failure = useLab((s) => s.failure);
  if (status !== 'crashed') return null;
  return (
    <div className="crash" role="alert">
      <div>
        <strong>The lab engine stopped.</strong> {failure}
        <span className="muted"> Your work up to the last autosave is kept.</span>
      </div>
      <button type="button" className="btn btn-primary" onClick={() => void restartLab()}>Restart lab</button>
    </div>
  );
}
