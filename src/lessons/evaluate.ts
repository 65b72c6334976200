// Evaluating a lesson: every objective's check over the state view (events and tasks included), so the
// same pure function serves the CLI's state.lesson and the page's live checklist.
import type { LessonView, StateView } from '../engine/core/view';
import type { Lesson } from './schema';
import { evaluateCheck } from './checks';

export function evaluateLesson(lesson: Lesson, state: StateView): LessonView {
  const objectives = lesson.objectives.map((o) => {
    const r = evaluateCheck(state, o.check);
    return { id: o.id, text: o.text, done: r.done, why: r.done ? '' : r.why };
  });
  // A "why" shared by several open objectives (their checks wait on the same first step) says which
  // objective it is about, so each line stays specific to its own objective.
  const shared = new Map<string, number>();
  for (const o of objectives) if (!o.done) shared.set(o.why, (shared.get(o.why) ?? 0) + 1);
  for (const o of objectives) if (!o.done && (shared.get(o.why) ?? 0) > 1) o.why = `For "${o.text}", first: ${o.why}`;
  return { id: lesson.id, title: lesson.title, complete: objectives.every((o) => o.done), objectives };
}
