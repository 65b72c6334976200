// The lessons' public API: the built-in course, its labs, evaluation, and trainers' lesson files.
export { lessons, lessonInputs, getLesson, lessonLabDefinition, lessonSummaries } from './registry';
export { evaluateLesson } from './evaluate';
export { lessonDescription } from './describe';
export { parseLessonFile, LessonFileError } from './parse';
export { lessonSchema } from './schema';
export type { Lesson, LessonInput, Objective, SolutionStep } from './schema';
export { CHECK_KINDS } from './checks';
export type { CheckSpec } from './checks';
export { parseMarkdown, parseInline, inlineText } from './markdown';
export type { Block, Inline } from './markdown';
export { lessonLab } from './resolve';
