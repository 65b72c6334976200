// A new deploy of SnapLab is on the server: say so without stopping the learner, and offer the reload
// that runs it (the lab is saved as the page goes, so the reload keeps it).
import { reloadToNewVersion, useNewVersion } from '../../app/offline/newVersion';

export function NewVersion() {
  const available = useNewVersion((s) => s.available);
  if (!available) return null;
  return (
    <div className="crash new-version" role="status">
      <div><strong>A new version of SnapLab is available.</strong> Reload to use it; your lab is kept.</div>
      <button type="button" className="btn btn-primary" onClick={() => void reloadToNewVersion()}>Reload</button>
    </div>
  );
}
