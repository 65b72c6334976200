// How much larger presenter mode draws the tree and the VSS timeline: their full presenter size in a
// window 720 px high or more, and less in a smaller one, in step with the type (delivery.css makes the
// presenter's type smaller in a short window), so a 960x540 projector still shows the tree and the VSS
// steps on its first screen. 0 when presenter mode is off.
import { useSyncExternalStore } from 'react';
import { usePresenter } from '../../app/presenter/presenter';

/** The presenter's type at full size (delivery.css), in px. */
const FULL_TYPE_PX = 19;

function typeShare(): number {
  if (!usePresenter.getState().on) return 1;
  const px = parseFloat(getComputedStyle(document.documentElement).fontSize) || FULL_TYPE_PX;
  return Math.min(1, px / FULL_TYPE_PX);
}

/** The share (at most 1) of the full presenter size to draw at now, or 0 when presenter mode is off. */
export function usePresenterScale(): number {
  const on = usePresenter((p) => p.on);
  const share = useSyncExternalStore(
    (changed) => {
      addEventListener('resize', changed);
      return () => removeEventListener('resize', changed);
    },
    typeShare,
  );
  return on ? share : 0;
}
