import { describe, expect, it } from 'vitest';
import { Task, startCall } from './tasks';

const running = (): Task => { const t = new Task('task-1', 'Test', null, 't', 0, null); t.begin(0, () => {}); return t; };

describe('Task progress', () => {
  it('a later ramp that starts lower than what is shown starts where the task stands', () => {
    const t = running();
    t.ramp(0, 5, 60, 1000);
    expect(t.progress(1000)).toBe(60);
    t.ramp(1000, 20, 80, 1000);            // a caller's estimate went back: the task does not
    expect(t.progress(1000)).toBe(60);
    expect(t.progress(1500)).toBe(70);
    expect(t.progress(2000)).toBe(80);
  });

  it('a ramp past 100, below 0 or not a number stays in 0-100', () => {
    const t = running();
    t.ramp(0, 146, 287, 1000);
    expect(t.progress(0)).toBe(100);
    expect(t.progress(2000)).toBe(100);
    const u = running();
    u.ramp(0, -50, NaN, Infinity);
    expect(u.progress(0)).toBe(0);
    expect(u.progress(1e9)).toBe(0);
  });

  it('a task that fails mid-ramp keeps the value it failed at', () => {
    const t = running();
    t.ramp(0, 10, 90, 1000);
    t.state = 'error';
    t.completedAt = 500;
    expect(t.progress(500)).toBe(50);
    expect(t.progress(5000)).toBe(50);
  });
});

describe('Task: starts and waits as data', () => {
  class Waiter {
    seen: string[] = [];
    started(task: Task, why: string): void { this.seen.push(`start ${task.id} ${why}`); }
    finished(task: Task, n: number): void { this.seen.push(`done ${task.id} ${task.state} ${n}`); }
  }

  it('startCall gives the method the task first, then its args; whenDoneCall calls once the task finishes, or at once after', () => {
    const w = new Waiter();
    const t = new Task('task-2', 'Test', null, 't', 0, startCall(w, 'started', 'now'));
    t.whenDoneCall(w, 'finished', t, 1);
    t.begin(0, () => { throw new Error('a BoundJob start is not a JobCall'); });
    expect(w.seen).toEqual(['start task-2 now']);
    t.state = 'success';
    t.notifyDone();
    t.notifyDone();
    expect(w.seen).toEqual(['start task-2 now', 'done task-2 success 1']);
    t.whenDoneCall(w, 'finished', t, 2);
    expect(w.seen.at(-1)).toBe('done task-2 success 2');
  });

  it('the types take only a method of the target with its own parameters', () => {
    const w = new Waiter();
    const t = running();
    // @ts-expect-error the start's method is given the task first
    startCall(w, 'started', 1);
    // @ts-expect-error a whenDoneCall missing the method's argument
    t.whenDoneCall(w, 'finished', t);
    expect(w.seen).toEqual([]);
  });
});

describe('Task.whenDoneCall with a job kind', () => {
  it('runs the job kind with its args through the lab once the task finishes, and refuses a task already finished', () => {
    const t = running();
    const ran: unknown[] = [];
    t.whenDoneCall('backup.next', 1, 'x');
    expect(ran).toEqual([]);
    t.state = 'success';
    t.notifyDone((call) => ran.push(call));
    expect(ran).toEqual([{ kind: 'backup.next', args: [1, 'x'] }]);
    expect(() => t.whenDoneCall('backup.next')).toThrow('Task task-1 has already finished: run the job "backup.next" now');
    const u = running();
    u.whenDoneCall('backup.next');
    expect(() => u.notifyDone()).toThrow('finished with a job "backup.next" waiting and nothing to run it');
  });
});
