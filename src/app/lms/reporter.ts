// What the page tells a learning platform, whatever the standard: the lesson's progress, the session to
// resume from, and the end. SCORM 1.2 (scorm12/) and cmi5 (cmi5/) each implement it.
import type { LmsKind } from '../embed/urlOptions';

/** The one lesson that is scored (SCORM cmi.core.score.raw; cmi5 passed / failed). */
export const ASSESSMENT_LESSON = 'assessment';

export interface LessonProgress { lesson: string; done: number; total: number; complete: boolean }

/** The share of objectives met, 0-100; a completed lesson scores 100. */
export function scorePercent(p: LessonProgress): number {
  return p.complete ? 100 : p.total === 0 ? 0 : Math.round((100 * p.done) / p.total);
}

export interface LmsReporter {
  readonly kind: LmsKind;
  /** The most characters of saved session the platform keeps (SCORM 1.2: 4,096). */
  readonly sessionLimit: number;
  /** Connects; resolves with the session saved at the last launch, or null. Rejects with a sentence. */
  start(): Promise<string | null>;
  /** The lab is open and the learner can begin. */
  begin(progress: LessonProgress): void;
  progress(progress: LessonProgress): void;
  saveSession(text: string): void;
  /** The page is going away (`closing`) or the learner pressed Exit; `attempted`: they changed the lab. */
  finish(attempted: boolean, closing?: boolean): void | Promise<void>;
  /** Where the platform wants the learner sent after Exit (cmi5's returnURL). */
  readonly returnUrl?: string | null;
}
