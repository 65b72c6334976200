// Follows the lesson the lab is running, for the embedding page's `objective` and `lessonComplete`
// events. The worker names the session's lesson in its state patches (the store's `lessonId`); each
// state the page receives is evaluated against it. Another lab, another lesson, or the same one
// starting over (time goes back) makes the lesson as it is then the new baseline.
import type { LessonView } from '../../engine/core/view';
import { withLesson } from '../lesson/lessonState';
import { useLab, type LabStore } from '../store';
import { lessonEvents, type LessonEvent } from './lessonEvents';

/** `onView` hears every evaluation of the lesson the lab is running (a course package reports it). */
export function followLesson(onEvent: (e: LessonEvent) => void, onView?: (lessonId: string, view: LessonView) => void): () => void {
  let key = '';
  let last: LessonView | undefined;
  let lastTime = 0;

  const onState = (s: LabStore) => {
    if (s.status !== 'ready') return;
    const labKey = `${s.state.name}\u0000${s.state.seed}\u0000${s.lessonId ?? ''}`;
    if (labKey !== key || s.state.time < lastTime) last = undefined; // a new baseline
    key = labKey;
    lastTime = s.state.time;
    const view = s.lessonId === null ? undefined : withLesson(s.state, s.lessonId).lesson;
    if (view && s.lessonId !== null) onView?.(s.lessonId, view);
    for (const e of lessonEvents(last, view)) onEvent(e);
    last = view;
  };

  onState(useLab.getState());
  return useLab.subscribe(onState);
}
