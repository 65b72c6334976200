// Shown when the lab stops (the engine's worker died, did not load, or the engine failed on a step and
// stopped the lab): the page stays, and "Restart lab" rebuilds the lab in a new worker from the last
// autosave, which never holds the step that failed. "Reload" is there for a worker that cannot start
// again from this page (its file gone after a deploy): it reloads into the deployed build.
import { restartLab } from '../../app/commands';
import { reloadToNewVersion } from '../../app/offline/newVersion';
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
      <button type="button" className="btn" onClick={() => void reloadToNewVersion()}>Reload</button>
    </div>
  );
}
