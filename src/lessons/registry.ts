// The built-in course, in teaching order. Each lesson is checked against the schema when it loads, so
// a broken lesson file fails the build's tests rather than a learner's page.
import type { LabDefinitionInput } from '../engine/core/schema';
import { lessonSchema, type Lesson, type LessonInput } from './schema';
import { resolveLabSource } from './labSource';
import { course } from './course';

export const lessonInputs: readonly LessonInput[] = course;

export const lessons: Lesson[] = course.map((l) => lessonSchema.parse(l));

export function getLesson(id: string): Lesson | undefined {
  return lessons.find((l) => l.id === id);
}

export function lessonLabDefinition(lesson: Lesson): LabDefinitionInput {
  return resolveLabSource(lesson.lab);
}

/** The `--lessons` shape (docs/cli.md): ids, titles, objective texts and solutions as commands. */
export function lessonSummaries(list: Lesson[] = lessons) {
  return list.map((l) => ({
    id: l.id,
    title: l.title,
    objectives: l.objectives.map((o) => ({ id: o.id, text: o.text })),
    solution: l.solution.map((s) => s.command),
  }));
}
