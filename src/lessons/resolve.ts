// How `load("<lesson id>")` finds a built-in lesson's lab: plugged into the worker's lab sources.
import type { LabDefinitionInput } from '../engine/core/schema';
import { getLesson, lessonLabDefinition } from './registry';

export function lessonLab(id: string): LabDefinitionInput | undefined {
  const lesson = getLesson(id);
  return lesson ? lessonLabDefinition(lesson) : undefined;
}
