// docs/lessons.md's example is a real lesson file: it parses, and its solution completes it.
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createLab } from '../engine';
import { parseLessonFile, lessonLabDefinition, evaluateLesson, CHECK_KINDS } from './index';

const doc = readFileSync(join(__dirname, '../../docs/lessons.md'), 'utf8');

describe('docs/lessons.md', () => {
  it('its example lesson validates and its solution completes it', () => {
    const json = /```json\n([\s\S]*?)\n```/.exec(doc)![1];
    const lesson = parseLessonFile(json);
    const lab = createLab(lessonLabDefinition(lesson));
    const empty = evaluateLesson(lesson, lab.state());
    expect(empty.complete).toBe(false);
    for (const s of lesson.solution) expect(lab.dispatch(s.command).ok).toBe(s.expect === 'ok');
    expect(evaluateLesson(lesson, lab.state()).objectives.filter((o) => !o.done)).toEqual([]);
  });

  it('documents every check kind', () => {
    for (const kind of CHECK_KINDS) expect(doc, kind).toContain(`| \`${kind}\` |`);
  });
});
