// What the page says about the learning platform: connected or not, what it was last told, and what
// did not fit in its storage. The LMS banner (src/ui/lms) shows it.
import { create } from 'zustand';
import type { LmsKind } from '../embed/urlOptions';

export interface LmsStatus {
  kind: LmsKind | null;
  /** `stopped`: the saved lab could not be read; nothing opens until Retry reads it. */
  state: 'off' | 'connecting' | 'stopped' | 'connected' | 'failed' | 'finished';
  /** The last status the platform was told, such as "incomplete", "completed" or "passed (100%)". */
  reported: string | null;
  /** `saved`: the platform accepted everything so far; `waiting`: some progress is still to be sent. */
  sync: 'saved' | 'waiting' | null;
  /** Why progress waits (the last failure), in a sentence. */
  syncNote: string | null;
  /** Problems, in sentences. */
  note: string | null;
  /** What did not fit in the platform's storage for the session (SCORM 1.2: 4,096 characters). */
  limit: string | null;
}

export const useLmsStatus = create<LmsStatus>()(() => ({ kind: null, state: 'off', reported: null, sync: null, syncNote: null, note: null, limit: null }));

export function setLmsStatus(patch: Partial<LmsStatus>): void {
  useLmsStatus.setState(patch);
}
