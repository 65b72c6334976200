// The "Presenter mode" switch in the top bar. Turning it on hands focus to Play, so the trainer's next
// Space plays the lab instead of pressing this switch again.
import { setPresenter, usePresenter } from '../../app/presenter/presenter';

export function PresenterToggle() {
  const on = usePresenter((s) => s.on);
  return (
    <button type="button" className="btn btn-ghost" aria-pressed={on}
      onClick={() => {
        setPresenter(!on);
        if (!on) document.querySelector<HTMLButtonElement>('.time-controls .play')?.focus();
      }}
      title="Larger type, presenter keys and their legend">
      Presenter mode
    </button>
  );
}
