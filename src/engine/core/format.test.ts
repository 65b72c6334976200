import { describe, expect, it } from 'vitest';
import { formatBytes, formatDuration, formatLabTime } from './format';

describe('formatBytes', () => {
  it('writes binary units with two, one or no decimals by size', () => {
    expect(formatBytes(512)).toBe('512 B');
    expect(formatBytes(16 * 1024 ** 2)).toBe('16.0 MB');
    expect(formatBytes(2.5 * 1024 ** 3)).toBe('2.50 GB');
    expect(formatBytes(120 * 1024 ** 3)).toBe('120 GB');
    expect(formatBytes(-3 * 1024)).toBe('-3.00 KB');
    expect(formatBytes(Number.NaN)).toBe('–');
  });
});

describe('formatDuration', () => {
  it('picks the unit a person reads and drops empty parts', () => {
    expect(formatDuration(850)).toBe('850 ms');
    expect(formatDuration(2350)).toBe('2.35 s');
    expect(formatDuration(10_000)).toBe('10 s');
    expect(formatDuration(12_400)).toBe('12.4 s');
    expect(formatDuration(200_000)).toBe('3 min 20 s');
    expect(formatDuration(300_000)).toBe('5 min');
    expect(formatDuration(2 * 3_600_000 + 5 * 60_000)).toBe('2 h 5 min');
    expect(formatDuration(2 * 3_600_000)).toBe('2 h');
    expect(formatDuration(36 * 3_600_000)).toBe('1.5 days');
  });
});

describe('formatLabTime: the lab clock, one way everywhere', () => {
  it('writes hh:mm:ss, the day only once a day has passed, to the minute or the millisecond on request', () => {
    expect(formatLabTime(0)).toBe('00:00:00');
    expect(formatLabTime(10_500)).toBe('00:00:10');
    expect(formatLabTime(86_399_999)).toBe('23:59:59');
    expect(formatLabTime(90_061_001)).toBe('day 2, 01:01:01');
    expect(formatLabTime(90_061_001, 'minutes')).toBe('day 2, 01:01');
    expect(formatLabTime(90_061_001, 'ms')).toBe('day 2, 01:01:01.001');
    expect(formatLabTime(6 * 86_400_000 + 77_155_000)).toBe('day 7, 21:25:55');
  });

  it('is what a backup job\'s messages write', async () => {
    const { clock: jobClock } = await import('../features/backup/clock');
    expect(jobClock(90_061_001)).toBe(formatLabTime(90_061_001, 'minutes'));
  });
});
