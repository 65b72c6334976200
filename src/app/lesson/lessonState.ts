// The state view with its lesson, as the CLI gives it (docs/cli.md): when the lab came from a
// lesson, `lesson` carries each objective, done or not and why. The worker records the lesson id in
// the session; the objectives are evaluated here, on the page, by the same function the CLI uses.
import type { StateView } from '../../engine/core/view';
import { evaluateLesson, getLesson } from '../../lessons';

export function withLesson(state: StateView, lessonId: string | undefined): StateView {
  const lesson = lessonId === undefined ? undefined : getLesson(lessonId);
  return lesson ? { ...state, lesson: evaluateLesson(lesson, state) } : state;
}
