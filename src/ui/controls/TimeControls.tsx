// Play, pause, speed (log scale), step to the next event, and the simulated clock.
import { useLab } from '../../app/store';
import { behindNote, formatSimTime, formatSpeed, sliderToSpeed, speedToSlider } from '../../app/format';
import { setSpeed, stepToNextEvent, togglePlay } from '../../app/commands';
import { MAX_SPEED, MIN_SPEED } from '../../worker/clock';
import { Scrubber } from './Scrubber';

export function TimeControls() {
  const playing = useLab((s) => s.clock.playing);
  const speed = useLab((s) => s.clock.speed);
  const actual = useLab((s) => s.clock.actualSpeed);
  const time = useLab((s) => s.liveTime);
  const behind = behindNote(playing, speed, actual);
  return (
    <div className="time-controls" role="group" aria-label="Time controls">
      <button type="button" className="btn btn-primary play" onClick={() => void togglePlay()}
        aria-label={playing ? 'Pause' : 'Play'} aria-keyshortcuts="Space" title={playing ? 'Pause (Space)' : 'Play (Space)'}>
        <span aria-hidden="true">{playing ? '❚❚' : '▶'}</span>
      </button>
      <button type="button" className="btn" onClick={() => void stepToNextEvent()}
        aria-label="Step to next event" aria-keyshortcuts="ArrowRight" title="Step to next event (→)">
        <span aria-hidden="true">▶❘</span>
      </button>
      <label className="speed">
        <span className="visually-hidden">Speed</span>
        <input type="range" min={speedToSlider(MIN_SPEED)} max={speedToSlider(MAX_SPEED)} step={0.05}
          value={speedToSlider(speed)} aria-valuetext={formatSpeed(speed)}
          onChange={(e) => void setSpeed(sliderToSpeed(Number(e.target.value)))} />
      </label>
      <span className="speed-text" title={behind ? 'The lab cannot keep up with this speed on this machine: this is the speed it runs at.' : undefined}>
        {formatSpeed(speed)}{behind ? ` · ${behind}` : ''}
      </span>
      <span className="sim-clock" role="timer" aria-label={`Simulated time ${formatSimTime(time, false)}`}>{formatSimTime(time)}</span>
      <Scrubber />
    </div>
  );
}
