import { describe, expect, it } from 'vitest';
import { parseMaxTasks } from './proxyForm';

describe('"Max concurrent tasks" as typed', () => {
  it('takes a whole number from 1 to 64', () => {
    expect(parseMaxTasks('1')).toEqual({ slots: 1 });
    expect(parseMaxTasks(' 64 ')).toEqual({ slots: 64 });
  });
  it.each(['', '0', '65', '2.5', '-3', 'four', '1e1'])('refuses %j with the range', (text) => {
    expect(parseMaxTasks(text)).toEqual({ problem: 'Max concurrent tasks: a whole number from 1 to 64 (one task reads one VM disk).' });
  });
});
