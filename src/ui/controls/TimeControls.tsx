// Play, pause, step to the next event, the speed (log scale), the simulated clock and the history.
import { stepToNextEvent, togglePlay } from '../../app/commands';
import { useLab } from '../../app/store';
import { ClockFace } from './ClockFace';
import { Scrubber } from './Scrubber';
import { SpeedControl } from './SpeedControl';

export function PlayButton() {
  const playing = useLab((s) => s.clock.playing);
  return (
    <button type="button" className="btn btn-primary play" onClick={() => void togglePlay()}
      aria-label={playing ? 'Pause' : 'Play'} aria-keyshortcuts="Space" title={playing ? 'Pause (Space)' : 'Play (Space)'}>
      <span aria-hidden="true">{playing ? '❚❚' : '▶'}</span>
    </button>
  );
}

export function TimeControls() {
  return (
    <div className="time-controls" role="group" aria-label="Time controls">
      <PlayButton />
      <button type="button" className="btn" onClick={() => void stepToNextEvent()}
        aria-label="Step to next event" aria-keyshortcuts="ArrowRight" title="Step to next event (→)">
        <span aria-hidden="true">▶❘</span>
      </button>
      <SpeedControl />
      <ClockFace />
      <Scrubber />
    </div>
  );
}
