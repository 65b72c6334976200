// Where `load(id)` finds a lab. A string names a lesson (resolved by src/lessons once it plugs in with
// setLessonResolver) or one of the engine's built-in labs; anything else is a lab definition object.

/** Returns the lesson's lab definition, or undefined when the id is not a lesson. */
export type LessonResolver = (id: string) => unknown;

let lessonResolver: LessonResolver = () => undefined;

export function setLessonResolver(resolver: LessonResolver): void {
  lessonResolver = resolver;
}

export type ResolvedSource =
  | { ok: true; definition: unknown; lesson?: string }
  | { ok: false; error: { code: string; message: string } };

export function resolveSource(source: unknown, builtInLabs: Record<string, unknown>): ResolvedSource {
  if (typeof source === 'string') {
    const lesson = lessonResolver(source);
    if (lesson !== undefined) return { ok: true, definition: lesson, lesson: source };
    if (Object.hasOwn(builtInLabs, source)) return { ok: true, definition: builtInLabs[source] };
    return { ok: false, error: { code: 'UNKNOWN_LESSON', message: `There is no lesson or built-in lab with the id "${source}".` } };
  }
  if (typeof source === 'object' && source !== null && !Array.isArray(source)) return { ok: true, definition: source };
  return { ok: false, error: { code: 'INVALID_LAB', message: 'load() expects a lab definition object or a lesson id.' } };
}
