// A lesson's one-paragraph description in plain text: the first paragraph of its intro. Course packages
// (SCORM and cmi5 manifests) show it in the learning platform's catalogue.
import { inlineText, parseMarkdown } from './markdown';
import type { Lesson } from './schema';

export function lessonDescription(lesson: Pick<Lesson, 'intro'>): string {
  const first = parseMarkdown(lesson.intro).find((b) => b.type === 'p');
  return first && first.type === 'p' ? inlineText(first.children) : lesson.intro;
}
