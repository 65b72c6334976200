import { describe, expect, it } from 'vitest';
import { guestDate, civilFromDays } from './wallClock';

describe('guest wall clock', () => {
  it('starts on the day of VMware Partner Exchange 2010, session TECHBC0320, and agrees with the calendar', () => {
    expect(guestDate(0)).toEqual({ date: '2/9/2010', time: '2:25:28 PM' });
    expect(guestDate(10 * 3600_000)).toEqual({ date: '2/10/2010', time: '12:25:28 AM' });
    expect(guestDate(20 * 86_400_000)).toEqual({ date: '3/1/2010', time: '2:25:28 PM' });
    for (const days of [0, 14649, 11016, 20000, 59 + 365 * 30]) {
      const iso = new Date(days * 86_400_000).toISOString().slice(0, 10).split('-').map(Number);
      expect(civilFromDays(days)).toEqual(iso);
    }
  });
});
