// What a learner reads speaks the learner's words: lesson text, objectives, hints, solution captions,
// debriefs and the "why" of every objective along the way name no event kinds ("snapshot.reverted"),
// commands ("vm.configure"), engine fields or fault kinds ("ctkEnabled", "proxyCrash") and no disk ids
// ("disk1"); a "why" is about its own objective and is never cut mid-word.
import { describe, expect, it } from 'vitest';
import { createLab } from '../engine';
import { evaluateLesson, lessonLabDefinition, lessons } from '.';
import type { Lesson } from '.';
import { clip } from './checks/context';
import { engineWords } from './learnerWords';

function lessonTexts(l: Lesson): [string, string][] {
  const hint = (h: Lesson['hints'][number]) => (typeof h === 'string' ? h : `${h.text} ${h.goBack.label}`);
  return [
    ['title', l.title], ['intro', l.intro], ['debrief', l.debrief],
    ...l.objectives.map((o): [string, string] => [`objective ${o.id}`, o.text]),
    ...l.hints.map((h, i): [string, string] => [`hint ${i + 1}`, hint(h)]),
    ...l.solution.map((s, i): [string, string] => [`solution step ${i + 1}`, typeof s === 'object' && 'caption' in s ? s.caption ?? '' : '']),
  ];
}

/** Every "why" an objective shows from the lesson's start through its solution, step by step. */
function whysAlongTheSolution(l: Lesson): { step: number; id: string; why: string }[] {
  const lab = createLab(lessonLabDefinition(l));
  const out: { step: number; id: string; why: string }[] = [];
  const look = (step: number) => { for (const o of evaluateLesson(l, lab.state()).objectives) if (!o.done) out.push({ step, id: o.id, why: o.why }); };
  look(0);
  l.solution.forEach((s, i) => {
    lab.dispatch('command' in s ? s.command : s);
    look(i + 1);
  });
  return out;
}

describe('learner words', () => {
  it('finds command names, event kinds, engine fields and disk ids, and lets VMware\'s own words be', () => {
    expect(engineWords('Turn on ctkEnabled')).toBe('ctkEnabled');
    expect(engineWords('Use vm.configure to fix it')).toBe('vm.configure');
    expect(engineWords('QueryChangedDiskAreas("*") returns')).toBe('QueryChangedDiskAreas');
    expect(engineWords('state [1]')).toBe('state [1]');
    expect(engineWords('Set vss.disableAppQuiescing to false in VM settings')).toBe('');
    expect(engineWords('Hard disk 1 of EXCH01, snapshot "s1".')).toBe('');
  });

  it('clips a quoted message at a word\'s end, never mid-word', () => {
    expect(clip('Restore point repo01-1 (full) written to repo01', 40)).toBe('Restore point repo01-1 (full) written…');
    expect(clip('short', 40)).toBe('short');
  });

  for (const lesson of lessons) {
    it(`${lesson.id}: its text, hints and captions name no engine words`, () => {
      for (const [where, text] of lessonTexts(lesson)) expect(engineWords(text), `${where}: ${text}`).toBe('');
    });

    it(`${lesson.id}: every "why" on the way names no engine words, is whole, and belongs to its objective`, () => {
      const whys = whysAlongTheSolution(lesson);
      for (const { step, id, why } of whys) {
        expect(engineWords(why), `after step ${step}, ${id}: ${why}`).toBe('');
        expect(why, `after step ${step}, ${id}`).toMatch(/[.!?)"”…]$/);
      }
      // At the start, objectives not yet met do not all say the same thing.
      const first = whys.filter((w) => w.step === 0);
      if (first.length > 1) expect(new Set(first.map((w) => w.why)).size, first.map((w) => `${w.id}: ${w.why}`).join('\n')).toBe(first.length);
    });
  }
});
