// Formatting for people: sizes and simulated times (the clock's own words are in clockFace.ts).
// Display only, no domain rules. Sizes, durations and lab-clock times are the engine's own
// formatters, so a message, a lesson and the page write a number the same way.

export { formatBytes, formatDuration, formatLabTime } from '../engine/core/format';
import { formatLabTime } from '../engine/core/format';

/** Simulated time as the lab clock shows it ("day 2, 03:04:05.678"; the day only once a day has passed). */
export const formatSimTime = (ms: number, withMs = true): string => formatLabTime(ms, withMs ? 'ms' : 'seconds');

const CONSISTENCY: Record<string, string> = {
  poweredOff: 'Powered off',
  memory: 'Memory state',
  application: 'Application-consistent',
  filesystem: 'File-system-consistent',
  crash: 'Crash-consistent',
};
export const consistencyLabel = (c: string) => CONSISTENCY[c] ?? c;
