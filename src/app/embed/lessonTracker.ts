// Follows the lesson the lab is running, for the embedding page's `objective` and `lessonComplete`
// events. Which lesson it is comes from the worker's session whenever another lab is loaded (or the
// same one starts over: time goes back); each state the page receives is then evaluated against it.
import type { LessonView, StateView } from '../../engine/lab/view';
import { labClient } from '../connection';
import { withLesson } from '../lesson/lessonState';
import { useLab, type LabStore } from '../store';
import { lessonEvents, type LessonEvent } from './lessonEvents';

export function followLesson(onEvent: (e: LessonEvent) => void): () => void {
  let known: { key: string; lessonId: string | undefined } | null = null;
  let asking = '';
  let last: LessonView | undefined;
  let lastTime = 0;

  const labKey = (s: StateView) => `${s.name}\u0000${s.seed}`;

  const onState = (s: LabStore) => {
    if (s.status !== 'ready') return;
    if (s.state.time < lastTime) known = null;
    lastTime = s.state.time;
    const key = labKey(s.state);
    if (known?.key !== key) {
      if (asking === key) return;
      asking = key;
      void labClient().then((c) => c.request({ kind: 'session' })).then((session) => {
        if (asking !== key) return;
        asking = '';
        known = { key, lessonId: session.lesson };
        last = undefined; // the lesson as it is now is the baseline
        onState(useLab.getState());
      }, () => { asking = ''; });
      return;
    }
    if (known.lessonId === undefined) return;
    const view = withLesson(s.state, known.lessonId).lesson;
    for (const e of lessonEvents(last, view)) onEvent(e);
    last = view;
  };

  onState(useLab.getState());
  return useLab.subscribe(onState);
}
