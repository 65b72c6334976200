// What a course package describes: the built-in lessons, in teaching order, each one SCO (SCORM 1.2) or
// AU (cmi5) that opens the lab on that lesson. Titles and descriptions come from the lessons themselves.
import { lessonDescription, lessons } from '../../src/lessons';

export type LmsKind = 'scorm12' | 'cmi5';

export interface CourseLesson { id: string; title: string; description: string; assessment: boolean }
export interface Course { id: string; title: string; description: string; lessons: CourseLesson[] }

/** The one lesson that is scored (cmi.core.score.raw; cmi5 passed / failed). */
export const ASSESSMENT_LESSON = 'assessment';

export function snaplabCourse(): Course {
  return {
    id: 'urn:snaplab:course:snapshots-and-vss',
    title: 'SnapLab: VMware snapshots and VSS quiescing',
    description: 'Hands-on lessons in a browser lab: delta disks, revert and branches, delete and consolidate, datastore space, chain depth, independent disks, VSS quiescing, backup types and writer failures, ending with an assessment.',
    lessons: lessons.map((l) => ({ id: l.id, title: l.title, description: lessonDescription(l), assessment: l.id === ASSESSMENT_LESSON })),
  };
}

/** The lab's address for one lesson inside a package: relative, so the package works under any path. */
export function launchHref(lessonId: string, lms: LmsKind): string {
  return `index.html?lesson=${encodeURIComponent(lessonId)}&lms=${lms}`;
}

export function xmlText(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}
