// Reading a lesson file a trainer wrote: the schema's verdict as sentences that name each field.
import { lessonSchema, type Lesson } from './schema';
import { formatPath } from '../engine/core/schema';

export class LessonFileError extends Error {
  readonly code = 'INVALID_LESSON';
  constructor(message: string, readonly issues: string[]) {
    super(message);
    this.name = 'LessonFileError';
  }
}

/** Parse a lesson file (already JSON-parsed, or its text); throws LessonFileError naming each bad field. */
export function parseLessonFile(json: unknown): Lesson {
  let value = json;
  if (typeof json === 'string') {
    try { value = JSON.parse(json); } catch (e) {
      const why = e instanceof Error ? e.message : String(e);
      throw new LessonFileError(`This lesson file is not JSON: ${why}`, [why]);
    }
  }
  const r = lessonSchema.safeParse(value);
  if (r.success) return r.data;
  const issues = r.error.issues.map(describeIssue);
  const shown = issues.slice(0, 6).join('; ');
  throw new LessonFileError(`Invalid lesson file: ${shown}${issues.length > 6 ? ` (and ${issues.length - 6} more)` : ''}`, issues);
}

function describeIssue(iss: { path: readonly PropertyKey[]; message: string; code?: string; keys?: string[]; options?: unknown[] }): string {
  const where = iss.path.length ? formatPath(iss.path) : '(the lesson)';
  if (iss.code === 'unrecognized_keys' && iss.keys) return `${where}: unknown field${iss.keys.length > 1 ? 's' : ''} ${iss.keys.map((k) => `"${k}"`).join(', ')}`;
  return `${where}: ${iss.message}`;
}
