// objectives and hints speak the learner's words: no event kinds ("snapshot.reverted") and
// no disk ids ("disk1") in what a learner reads before starting a lesson.
import { describe, expect, it } from 'vitest';
import { createLab } from '../engine';
import { evaluateLesson, lessonLabDefinition, lessons } from '.';

const EVENT_KIND = /\b(snapshot|vm|vss|quiesce|disk|provider|syncDriver|script)\.[a-z][A-Za-z]+\b/;

describe('learner words', () => {
  for (const lesson of lessons) {
    it(`${lesson.id}: objectives and their first explanations name no event kinds or disk ids`, () => {
      const view = evaluateLesson(lesson, createLab(lessonLabDefinition(lesson)).state());
      for (const o of view.objectives) {
        expect(o.text, o.id).not.toMatch(EVENT_KIND);
        expect(o.text, o.id).not.toMatch(/\bdisk1\b/);
        expect(o.why, o.id).not.toMatch(EVENT_KIND);
        expect(o.why, o.id).not.toMatch(/\bdisk1\b/);
      }
      for (const h of lesson.hints) expect(JSON.stringify(h)).not.toMatch(/\bdisk1\b/);
    });
  }
});
