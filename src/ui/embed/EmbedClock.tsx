// An embed's compact clock (it has no top bar): Play or Pause, the simulated time and what the clock
// is doing, beside the history scrubber, so a slide shows whether the lab is moving and lets it move.
import { ClockFace } from '../controls/ClockFace';
import { PlayButton } from '../controls/TimeControls';

export function EmbedClock() {
  return (
    <div className="embed-clock" role="group" aria-label="Clock">
      <PlayButton />
      <ClockFace />
    </div>
  );
}
