// The speed: a slider over the speed stops (arrow keys one stop, Home and End the slowest and the
// fastest, at any speed), with what the speed means under it.
import { useState } from 'react';
import { formatSpeed, SPEED_STOPS, speedLabel, stopOf } from '../../app/clockFace';
import { setSpeed } from '../../app/commands';
import { useLab } from '../../app/store';

export function SpeedControl() {
  const speed = useLab((s) => s.clock.speed);
  // The stop asked for, until the worker's answer moves the store there (a drag stays smooth).
  const [asked, setAsked] = useState<number | null>(null);
  const stop = asked ?? stopOf(speed);
  const choose = (i: number) => {
    setAsked(i);
    void setSpeed(SPEED_STOPS[i]).finally(() => setAsked(null));
  };
  return (
    <label className="speed">
      <span className="visually-hidden">Speed</span>
      <input type="range" min={0} max={SPEED_STOPS.length - 1} step={1} value={stop}
        aria-valuetext={formatSpeed(asked === null ? speed : SPEED_STOPS[asked])} aria-keyshortcuts="ArrowLeft ArrowRight Home End"
        title="Speed: arrow keys one step, Home the slowest, End the fastest (14,400×)"
        onChange={(e) => choose(Number(e.target.value))} />
      <span className="speed-label" aria-hidden="true">{speedLabel(asked === null ? speed : SPEED_STOPS[asked])}</span>
    </label>
  );
}
