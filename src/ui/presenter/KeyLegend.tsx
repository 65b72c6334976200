// The key legend, on screen in presenter mode so the audience can see what the trainer presses.
import { usePresenter } from '../../app/presenter/presenter';
import { PRESENTER_KEYS } from './presenterKeys';
import { usePresenterKeys } from './usePresenterKeys';

export function KeyLegend() {
  usePresenterKeys();
  const on = usePresenter((s) => s.on);
  if (!on) return null;
  return (
    <aside className="key-legend" aria-label="Presenter keys">
      <dl>
        {PRESENTER_KEYS.map((k) => (
          <div key={k.label}>
            <dt>{k.keys.map((name, i) => <span key={name}>{i > 0 && ' '}<kbd>{name}</kbd></span>)}</dt>
            <dd>{k.label}</dd>
          </div>
        ))}
      </dl>
    </aside>
  );
}
