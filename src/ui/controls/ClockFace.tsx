// The simulated clock, whole ("day 3 14:05:09"), with what it is doing under it: the speed it runs at,
// or that it is paused and why. The cue says what waits for time while it is paused.
import { achievedSpeed, formatClock, pausedText, timeCue } from '../../app/clockFace';
import { useLab } from '../../app/store';
import './clock.css';

export function ClockFace() {
  const time = useLab((s) => s.liveTime);
  const clock = useLab((s) => s.clock);
  const achieved = achievedSpeed(clock);
  const paused = pausedText(clock);
  const status = paused ?? achieved?.text ?? 'Playing';
  return (
    <div className={`clock-face ${paused ? 'clock-paused' : 'clock-playing'}`}>
      <span className="sim-clock" role="timer" aria-label={`Simulated time ${formatClock(time)}`}>{formatClock(time)}</span>
      <span className={`clock-status ${achieved?.behind ? 'clock-behind' : ''} ${clock.pausedBecause ? 'clock-asks' : ''}`} role="status"
        title={achieved?.behind ? 'The lab cannot keep up with the speed asked for on this machine: this is the speed it runs at.' : undefined}>
        {status}
      </span>
      <TimeCue />
    </div>
  );
}

/** "Quiescing EXCH01… press Play or Step", while the clock is paused and something waits for time. */
function TimeCue() {
  const cue = useLab((s) => timeCue(s.clock, s.state));
  if (!cue) return null;
  return <p className="time-cue" role="status">{cue}</p>;
}
