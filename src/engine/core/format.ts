// Sizes and durations for people, the one way SnapLab writes them: engine messages, the page (through
// src/app/format.ts) and lesson checks all use these.

const UNITS = ['B', 'KB', 'MB', 'GB', 'TB'];

/** Bytes in binary units as vSphere's client writes them: "512 B", "16.0 MB", "2.50 GB", "120 GB". */
export function formatBytes(bytes: number): string {
  if (!Number.isFinite(bytes)) return '–';
  let v = Math.abs(bytes);
  let u = 0;
  while (v >= 1024 && u < UNITS.length - 1) { v /= 1024; u++; }
  const digits = u === 0 || v >= 100 ? 0 : v >= 10 ? 1 : 2;
  return `${bytes < 0 ? '-' : ''}${v.toFixed(digits)} ${UNITS[u]}`;
}

/** A duration: "850 ms", "2.35 s", "12.4 s", "3 min 20 s", "5 min", "2 h 5 min", "2 h", "1.5 days". */
export function formatDuration(ms: number): string {
  const a = Math.abs(ms);
  const sign = ms < 0 ? '-' : '';
  if (a < 1000) return `${Math.round(ms)} ms`;
  if (a < 60_000) return `${sign}${(a / 1000).toFixed(a < 10_000 ? 2 : 1).replace(/\.?0+$/, '')} s`;
  if (a < 3_600_000) return `${sign}${pair(Math.floor(a / 60_000), 'min', Math.round((a % 60_000) / 1000), 's')}`;
  if (a < 86_400_000) return `${sign}${pair(Math.floor(a / 3_600_000), 'h', Math.round((a % 3_600_000) / 60_000), 'min')}`;
  return `${sign}${(a / 86_400_000).toFixed(1).replace(/\.0$/, '')} days`;
}

const pair = (big: number, bigUnit: string, small: number, smallUnit: string): string =>
  small ? `${big} ${bigUnit} ${small} ${smallUnit}` : `${big} ${bigUnit}`;

const pad = (n: number, w = 2): string => String(n).padStart(w, '0');

/**
 * Simulated time as the lab's clock shows it, the one way the page, engine messages and lessons write
 * it: "03:04:05", and "day 2, 03:04:05" once a day has passed. `precision` drops the seconds
 * ("minutes": "day 2, 03:04") or adds milliseconds ("ms": "03:04:05.678").
 */
export function formatLabTime(ms: number, precision: 'minutes' | 'seconds' | 'ms' = 'seconds'): string {
  const t = Math.max(0, Math.floor(ms));
  const days = Math.floor(t / 86_400_000);
  const hm = `${pad(Math.floor(t / 3_600_000) % 24)}:${pad(Math.floor(t / 60_000) % 60)}`;
  const clock = precision === 'minutes' ? hm : `${hm}:${pad(Math.floor(t / 1000) % 60)}${precision === 'ms' ? `.${pad(t % 1000, 3)}` : ''}`;
  return days > 0 ? `day ${days + 1}, ${clock}` : clock;
}
