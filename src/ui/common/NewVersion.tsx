// A new deploy of SnapLab took over this page's offline cache: say so, and offer the reload that runs
// it (the lab is saved as the page goes, so nothing is lost).
import { useNewVersion } from '../../app/offline/registerServiceWorker';

export function NewVersion() {
  const available = useNewVersion((s) => s.available);
  if (!available) return null;
  return (
    <div className="crash new-version" role="status">
      <div><strong>A new version of SnapLab is available.</strong> Reload to use it; your lab is kept.</div>
      <button type="button" className="btn btn-primary" onClick={() => window.location.reload()}>Reload</button>
    </div>
  );
}
