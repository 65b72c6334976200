// Which lesson events the embedding page hears: an `objective` event each time an objective turns done
// (or undone), and `lessonComplete` once the whole lesson is met. A newly loaded lesson is the new
// baseline, so loading one that starts half done does not fire events for what the learner did not do.
import type { LessonView } from '../../engine/core/view';

export type LessonEvent =
  | { event: 'objective'; lesson: string; objective: { id: string; text: string; done: boolean } }
  | { event: 'lessonComplete'; lesson: string; title: string };

export function lessonEvents(prev: LessonView | undefined, next: LessonView | undefined): LessonEvent[] {
  if (!next || !prev || prev.id !== next.id) return [];
  const out: LessonEvent[] = [];
  for (const o of next.objectives) {
    const was = prev.objectives.find((p) => p.id === o.id);
    if (was && was.done !== o.done) out.push({ event: 'objective', lesson: next.id, objective: { id: o.id, text: o.text, done: o.done } });
  }
  if (next.complete && !prev.complete) out.push({ event: 'lessonComplete', lesson: next.id, title: next.title });
  return out;
}
