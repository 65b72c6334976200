// Formatting for people: sizes, simulated times and speeds. Display only, no domain rules. Sizes,
// durations and lab-clock times are the engine's own formatters, so a message, a lesson and the page
// write a number the same way.

export { formatBytes, formatDuration, formatLabTime } from '../engine/core/format';
import { formatLabTime } from '../engine/core/format';

/** Simulated time as the lab clock shows it ("day 2, 03:04:05.678"; the day only once a day has passed). */
export const formatSimTime = (ms: number, withMs = true): string => formatLabTime(ms, withMs ? 'ms' : 'seconds');

/** Speed as simulated time per real time: "1/10 slow motion", "real time", "1 hour per minute" ... */
/**
 * What the speed control adds while the lab runs slower than asked (the engine cannot keep up on a big
 * lab): the speed it does run at, so a learner knows a day takes longer than the control says. Null
 * while it keeps up (within 30%).
 */
export function behindNote(playing: boolean, speed: number, actual: number): string | null {
  if (!playing || actual <= 0 || actual >= speed * 0.7) return null;
  return `running at ${trim(Math.round(actual))}×`;
}

export function formatSpeed(speed: number): string {
  if (speed < 0.999) return `${trim(speed)}× (slow motion)`;
  if (speed < 1.001) return '1× (real time)';
  if (speed < 60) return `${trim(speed)}× (${trim(speed)} s per second)`;
  const perMinute = speed * 60_000; // simulated ms per real minute
  if (perMinute < 86_400_000) return `${trim(speed)}× (${trim(perMinute / 3_600_000)} h per minute)`;
  return `${trim(speed)}× (${trim(perMinute / 86_400_000)} days per minute)`;
}

function trim(n: number): string {
  if (n >= 100) return String(Math.round(n));
  if (n >= 10) return n.toFixed(1).replace(/\.0$/, '');
  return n.toFixed(2).replace(/\.?0+$/, '');
}

/** Slider position <-> speed on a log scale. */
export const speedToSlider = (speed: number) => Math.log10(speed);
export const sliderToSpeed = (pos: number) => {
  const raw = 10 ** pos;
  // Snap to 1-2-5 steps so the speeds read well.
  const e = Math.floor(Math.log10(raw));
  const m = raw / 10 ** e;
  const snapped = m < 1.5 ? 1 : m < 3.5 ? 2 : m < 7.5 ? 5 : 10;
  return snapped * 10 ** e;
};

const CONSISTENCY: Record<string, string> = {
  poweredOff: 'Powered off',
  memory: 'Memory state',
  application: 'Application-consistent',
  filesystem: 'File-system-consistent',
  crash: 'Crash-consistent',
};
export const consistencyLabel = (c: string) => CONSISTENCY[c] ?? c;
