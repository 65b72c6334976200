// The "Presenter mode" switch in the top bar.
import { setPresenter, usePresenter } from '../../app/presenter/presenter';

export function PresenterToggle() {
  const on = usePresenter((s) => s.on);
  return (
    <button type="button" className="btn btn-ghost" aria-pressed={on} onClick={() => setPresenter(!on)}
      title="Larger type, presenter keys and their legend">
      Presenter mode
    </button>
  );
}
