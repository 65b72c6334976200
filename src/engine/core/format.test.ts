import { describe, expect, it } from 'vitest';
import { formatBytes, formatDuration } from './format';

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
