// Work scheduled as data (a job kind and its arguments, run from lab/jobs.ts): a lab with such work in
// flight can be copied, and the copy finishes it exactly as the lab does.
import { describe, expect, it } from 'vitest';
import { Lab } from './lab';
import { Scheduler } from '../core/scheduler';
import { workshopLab } from './builtInLabs';

/** Fork now, then run both for `ms`: the copy must show what the lab shows. */
function forkAndCompare(lab: Lab, ms: number): void {
  const copy = lab.fork();
  expect(copy, 'the lab could not be copied with this work in flight').not.toBeNull();
  lab.advance(ms);
  copy!.lab.advance(ms);
  expect(JSON.stringify(copy!.lab.state())).toBe(JSON.stringify(lab.state()));
}

describe('scheduled work as data', () => {
  it('runs a job kind from the table with its arguments, and names a kind the table lacks', () => {
    const s = new Scheduler();
    const seen: unknown[] = [];
    s.useJobs(Object.freeze({ note: (ctx: { name: string }, a: number, b: string) => { seen.push([ctx.name, a, b, s.now]); } }) as never, { name: 'lab' });
    s.call(5, 'note', 1, 'x');
    s.callAt(2, 'note', 2, 'y');
    s.call(7, 'missing');
    s.runUntil(6);
    expect(seen).toEqual([['lab', 2, 'y', 2], ['lab', 1, 'x', 5]]);
    expect(() => s.runUntil(10)).toThrow('No handler for the job kind "missing"');
  });

  it('a lab can be copied while a power task, a revert and a stun are in flight, and the copy finishes them alike', () => {
    const lab = new Lab(workshopLab);
    const vm = lab.vms[0].id;
    expect(lab.dispatch({ type: 'snapshot.take', vm, name: 'before' }).ok).toBe(true);
    lab.advance(60_000);
    // A power off waiting behind a revert, the revert running, and a reconfigure beside them.
    expect(lab.dispatch({ type: 'snapshot.revert', vm, snapshot: 'before' }).ok).toBe(true);
    expect(lab.dispatch({ type: 'vm.powerOff', vm }).ok).toBe(true);
    expect(lab.dispatch({ type: 'vm.configure', vm, ctkEnabled: true }).ok).toBe(true);
    forkAndCompare(lab, 300);
    forkAndCompare(lab, 60_000);
    expect(lab.state().vms[0].power).toBe('poweredOff');
    expect(lab.dispatch({ type: 'vm.powerOn', vm }).ok).toBe(true);
    lab.advance(10);
    forkAndCompare(lab, 60_000);
    expect(lab.state().vms[0].power).toBe('poweredOn');
  });
});
