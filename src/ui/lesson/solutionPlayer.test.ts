// The replay drives a lab through the same dispatch the page uses: it must leave the lesson complete,
// keep simulated time exact across slices, stop on request and report a step that goes wrong.
import { describe, expect, it } from 'vitest';
import { createLab } from '../../engine';
import { getLesson, lessonLabDefinition, evaluateLesson, type SolutionStep } from '../../lessons';
import { replaySolution } from './solutionPlayer';

const fast = { stepMs: 0, sliceMs: 0, maxSlices: 12 };
const noWait = () => Promise.resolve();

describe('replaySolution', () => {
  it('completes a lesson through dispatch, time slices adding up', async () => {
    const lesson = getLesson('revert-and-branches')!;
    const lab = createLab(lessonLabDefinition(lesson));
    const seen: number[] = [];
    const result = await replaySolution(lesson.solution, {
      dispatch: async (c) => { if (c.type === 'clock.advance') seen.push(c.ms as number); return lab.dispatch(c); },
      wait: noWait,
    }, fast);
    expect(result).toEqual({ ok: true });
    expect(evaluateLesson(lesson, lab.state()).complete).toBe(true);
    const planned = lesson.solution.reduce((a, s) => a + (s.command.type === 'clock.advance' ? s.command.ms : 0), 0);
    expect(seen.reduce((a, b) => a + b, 0)).toBe(planned);
    expect(seen.length).toBeGreaterThan(lesson.solution.filter((s) => s.command.type === 'clock.advance').length);
  });

  it('stops when asked', async () => {
    const lesson = getLesson('first-snapshot')!;
    const lab = createLab(lessonLabDefinition(lesson));
    const ctl = new AbortController();
    const result = await replaySolution(lesson.solution, { dispatch: async (c) => lab.dispatch(c), wait: noWait, signal: ctl.signal, onStep: (i) => { if (i === 1) ctl.abort(); } }, fast);
    expect(result).toEqual({ ok: false, step: 2, stopped: true });
  });

  it('reports a refusal the lesson did not expect', async () => {
    const lab = createLab({ vms: [{ id: 'a' }] });
    const steps = [{ command: { type: 'snapshot.revert', vm: 'a', snapshot: 'nope' }, expect: 'ok' }] as SolutionStep[];
    const result = await replaySolution(steps, { dispatch: async (c) => lab.dispatch(c), wait: noWait }, fast);
    expect(result).toMatchObject({ ok: false, step: 0, message: expect.stringMatching(/has no snapshot "nope"/) });
  });
});
