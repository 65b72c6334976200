// Simulated time: jobs run in (time, insertion) order, and work scheduled as data (a method of a lab
// object with its arguments) runs like the closure it replaces.
import { describe, expect, it } from 'vitest';
import { Scheduler, methodCall, runBound } from './scheduler';

class Recorder {
  seen: string[] = [];
  constructor(private readonly s: Scheduler) {}
  note(what: string, n: number): void { this.seen.push(`${what}${n}@${this.s.now}`); }
  again(): void { this.s.callOn(0, this, 'note', 'again', 0); }
}

describe('Scheduler', () => {
  it('callOn and callOnAt run a method of the target with its arguments, in time and insertion order', () => {
    const s = new Scheduler();
    const r = new Recorder(s);
    s.callOn(5, r, 'note', 'b', 2);
    s.callOnAt(3, r, 'note', 'a', 1);
    s.callOn(5, r, 'note', 'c', 3);
    const gone = s.callOn(4, r, 'note', 'cancelled', 0);
    gone.cancel();
    s.callOn(5, r, 'again');
    s.runUntil(10);
    expect(r.seen).toEqual(['a1@3', 'b2@5', 'c3@5', 'again0@5']);
    expect(s.now).toBe(10);
  });

  it('a method call is data: the target and the arguments are what a copy of the lab copies', () => {
    const s = new Scheduler();
    const r = new Recorder(s);
    const job = methodCall(r, 'note', 'x', 7);
    expect(job).toEqual({ target: r, method: 'note', args: ['x', 7] });
    runBound(job);
    expect(r.seen).toEqual(['x7@0']);
    expect(() => runBound({ target: r, method: 'missing' })).toThrow('Recorder has no method "missing" to call.');
  });

  it('the types take only a method of the target with its own parameters', () => {
    const s = new Scheduler();
    const r = new Recorder(s);
    // @ts-expect-error a name that is not a method of the target
    s.callOn(1, r, 'seen');
    // @ts-expect-error arguments of the wrong type
    s.callOn(1, r, 'note', 1, 'x');
    // @ts-expect-error an argument missing
    s.callOnAt(1, r, 'note', 'x');
    expect(r.seen).toEqual([]);
  });
});
