// Which lesson the lab is running. The worker records the lesson id with the session when a lab is
// loaded by lesson id (window.lab.load, the course list, a restored autosave) and names it in its state
// patches (the store's `lessonId`); a trainer's lesson file is known only to this page, so it is kept
// here with the name of the lab it built.
import { useEffect } from 'react';
import { create } from 'zustand';
import { openLab } from '../../app/commands';
import { useLab } from '../../app/store';
import { getLesson, lessonLabDefinition, type Lesson } from '../../lessons';
import type { LoadAnswer } from '../../worker/protocol';

interface CurrentLesson {
  lessonId: string | null;
  /** A lesson file a trainer dropped in, and the lab name it loaded. */
  custom: { lesson: Lesson; labName: string } | null;
}

export const useCurrentLessonStore = create<CurrentLesson>()(() => ({ lessonId: null, custom: null }));

/**
 * Open a built-in lesson by id (the worker resolves its lab), or a trainer's parsed lesson file. The
 * answer says why a lab was refused; a lesson file's refusal is for the caller to show with the file.
 */
export async function openLesson(lesson: Lesson, custom = false): Promise<LoadAnswer> {
  const answer = await openLab(custom ? lessonLabDefinition(lesson) : lesson.id, { quiet: custom });
  if (answer.ok) useCurrentLessonStore.setState(custom ? { lessonId: null, custom: { lesson, labName: answer.name } } : { lessonId: lesson.id, custom: null });
  return answer;
}

export function closeLessonView(): void {
  useCurrentLessonStore.setState({ lessonId: null, custom: null });
}

/** Show the lesson the worker's session came from whenever another lab (or lesson) is loaded. */
export function useFollowSessionLesson(): void {
  const labKey = useLab((s) => (s.status === 'ready' ? `${s.state.name}\u0000${s.state.seed}\u0000${s.lessonId ?? ''}` : null));
  useEffect(() => {
    if (labKey === null) return;
    const { lessonId, state } = useLab.getState();
    const id = lessonId !== null && getLesson(lessonId) ? lessonId : null;
    const custom = useCurrentLessonStore.getState().custom;
    const stillCustom = custom && !id && custom.labName === state.name ? custom : null;
    useCurrentLessonStore.setState({ lessonId: id, custom: stillCustom });
  }, [labKey]);
}

export function useCurrentLesson(): Lesson | null {
  return useCurrentLessonStore((s) => s.custom?.lesson ?? (s.lessonId ? getLesson(s.lessonId) ?? null : null));
}
