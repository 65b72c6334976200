// A small simulated clock in an embed while time runs, so a slide shows that the lab is moving and
// how far it has got (an embed has no top bar).
import { formatSimTime } from '../../app/format';
import { useLab } from '../../app/store';

export function EmbedClock() {
  const playing = useLab((s) => s.clock.playing);
  const time = useLab((s) => s.liveTime);
  if (!playing) return null;
  return <span className="embed-clock" role="timer" aria-label={`Simulated time ${formatSimTime(time, false)}`}>{formatSimTime(time, false)}</span>;
}
