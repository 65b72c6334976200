// The CLI's view of the built-in lessons (docs/cli.md): a lesson's lab, its live objectives,
// and the `--lessons` listing.
import type { LessonHooks } from './script';
import { getLesson, lessonLabDefinition, evaluateLesson, lessonSummaries, lessons } from '../lessons';

export const lessonHooks: LessonHooks = {
  labFor: (id) => {
    const l = getLesson(id);
    return l ? lessonLabDefinition(l) : undefined;
  },
  evaluate: (id, state) => {
    const l = getLesson(id);
    return l ? evaluateLesson(l, state) : undefined;
  },
  ids: () => lessons.map((l) => l.id),
};

export function lessonList(): unknown[] {
  return lessonSummaries();
}
