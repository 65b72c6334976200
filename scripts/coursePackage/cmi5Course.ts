// cmi5.xml, the cmi5 course structure: one AU per lesson, launched by a relative URL inside the zip. A
// lesson is satisfied when it is completed; the assessment when it is completed and passed.
import { launchHref, xmlText, type Course } from './course';

export const auId = (courseId: string, lessonId: string) => `${courseId}:au:${lessonId}`;

const langstring = (s: string) => `<langstring lang="en-US">${xmlText(s)}</langstring>`;

export function cmi5CourseStructure(course: Course): string {
  const aus = course.lessons.map((l) => [
    `  <au id="${xmlText(auId(course.id, l.id))}" moveOn="${l.assessment ? 'CompletedAndPassed' : 'Completed'}" launchMethod="AnyWindow">`,
    `    <title>${langstring(l.title)}</title>`,
    `    <description>${langstring(l.description)}</description>`,
    `    <url>${xmlText(launchHref(l.id, 'cmi5'))}</url>`,
    '  </au>',
  ].join('\n'));
  return [
    '<?xml version="1.0" encoding="utf-8"?>',
    '<courseStructure xmlns="https://w3id.org/xapi/profiles/cmi5/v1/CourseStructure.xsd">',
    `  <course id="${xmlText(course.id)}">`,
    `    <title>${langstring(course.title)}</title>`,
    `    <description>${langstring(course.description)}</description>`,
    '  </course>',
    ...aus,
    '</courseStructure>',
    '',
  ].join('\n');
}
