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

/**
 * The platform is there, but what it keeps for this learner could not be read now (an LRS answering
 * 500, a timeout). The lesson must not open fresh: its empty lab would later be saved over the kept
 * one. Calling start() again retries the read.
 */
export class SavedLabUnreadable extends Error {}

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
  /**
   * The page is going away or the learner pressed Exit; `attempted`: they changed the lab. Never waits
   * on the network: what is still to be sent leaves with keepalive (cmi5) or in LMSFinish (SCORM).
   */
  finish(attempted: boolean): void;
  /** Where the platform wants the learner sent after Exit (cmi5's returnURL). */
  readonly returnUrl?: string | null;
}
