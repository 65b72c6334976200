// The headless course test (learnGitBranching's levels.spec): every lesson's solution, run through the
// engine's dispatch, completes it; doing nothing, or only letting the clock run, does not.
import { describe, expect, it } from 'vitest';
import { createLab } from '../engine';
import { lessons, lessonLabDefinition, evaluateLesson, lessonSummaries } from './index';

describe.each(lessons.map((l) => [l.id, l] as const))('lesson %s', (_id, lesson) => {
  it('its solution answers as the lesson expects and completes every objective', () => {
    const lab = createLab(lessonLabDefinition(lesson));
    lesson.solution.forEach((step, i) => {
      const result = lab.dispatch(step.command);
      const wanted = step.expect === 'ok';
      expect(result.ok, `step ${i} ${JSON.stringify(step.command)} answered ${JSON.stringify(result)}`).toBe(wanted);
    });
    const view = evaluateLesson(lesson, lab.state());
    expect(view.objectives.filter((o) => !o.done), 'objectives left open by the solution').toEqual([]);
    expect(view.complete).toBe(true);
  });

  it('an empty attempt is incomplete and says why for each open objective', () => {
    for (const idle of [0, lesson.idleMs]) {
      const lab = createLab(lessonLabDefinition(lesson));
      lab.advance(idle);
      const view = evaluateLesson(lesson, lab.state());
      expect(view.complete, `complete after ${idle} ms of doing nothing`).toBe(false);
      for (const o of view.objectives) if (!o.done) expect(o.why.trim(), `why of ${o.id}`).not.toBe('');
      for (const o of view.objectives) if (o.done) expect(o.why).toBe('');
    }
  });
});

describe('the course', () => {
  it('has unique ids and the --lessons shape of docs/cli.md', () => {
    const summaries = lessonSummaries();
    expect(new Set(summaries.map((s) => s.id)).size).toBe(summaries.length);
    for (const s of summaries) {
      expect(Object.keys(s)).toEqual(['id', 'title', 'objectives', 'solution']);
      for (const o of s.objectives) expect(Object.keys(o)).toEqual(['id', 'text']);
      for (const c of s.solution) expect(typeof c.type).toBe('string');
    }
  });
});

describe('lesson leftover-snapshot tells what the crash does', () => {
  it('with parallel processing the crash during EXCH01 stops FS01 too, and the lesson says so where it describes the crash', () => {
    const lesson = lessons.find((l) => l.id === 'leftover-snapshot')!;
    const lab = createLab(lessonLabDefinition(lesson));
    for (const step of lesson.solution.slice(0, 3)) lab.dispatch(step.command);
    const run = lab.state().backupJobs[0].runs[0];
    expect(run.vms.map((v) => [v.vm, v.state])).toEqual([['exch01', 'failed'], ['fs01', 'failed']]);
    expect(lab.state().vms.find((v) => v.id === 'fs01')!.snapshots.map((s) => s.name)).toEqual(['Backup temporary snapshot']);
    const crash = lesson.intro.split('\n').find((line) => line.includes('dies during the transfer'))!;
    expect(crash).toMatch(/FS01's transfer stops with it/);
    const hints = lesson.hints.map((h) => (typeof h === 'string' ? h : h.text));
    expect(hints.some((h) => /both VMs list "Backup temporary snapshot"/.test(h) && /FS01/.test(h))).toBe(true);
  });
});
