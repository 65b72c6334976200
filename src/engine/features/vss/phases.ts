// The phases of a VSS snapshot set (vss.md rules 3 and 5): which writer state each moves a writer
// to, and the failure state a writer shows when the set fails in that phase.
import { VSS_WRITER_STATE as S, type VssWriterState } from '../../core/vssWriterState';
import type { VssPhase } from '../../core/events';

export type Phase = VssPhase;

/** The writer state after a writer answers the phase's event; null: the state does not change. */
export const NEXT_STATE: Record<Phase, VssWriterState | null> = {
  identify: null, prepareBackup: null, prepareSnapshot: S.WAITING_FOR_FREEZE, freeze: S.WAITING_FOR_THAW, commit: null,
  thaw: S.WAITING_FOR_POST_SNAPSHOT, postSnapshot: S.WAITING_FOR_BACKUP_COMPLETE, useShadow: null, backupComplete: S.STABLE,
};

/** The failure state for the phase (rule 5); the commit lies in the freeze-to-thaw window (rule 9). */
export const FAIL_STATE: Record<Phase, VssWriterState> = {
  identify: S.FAILED_AT_IDENTIFY, prepareBackup: S.FAILED_AT_PREPARE_BACKUP, prepareSnapshot: S.FAILED_AT_PREPARE_SNAPSHOT,
  freeze: S.FAILED_AT_FREEZE, commit: S.FAILED_AT_FREEZE, thaw: S.FAILED_AT_THAW, postSnapshot: S.FAILED_AT_POST_SNAPSHOT,
  useShadow: S.FAILED_AT_BACKUP_COMPLETE, backupComplete: S.FAILED_AT_BACKUP_COMPLETE,
};

/** The writer callback that handles each phase, as VSS traces name it. */
export const HANDLER: Record<Phase, string> = {
  identify: 'OnIdentify', prepareBackup: 'OnPrepareBackup', prepareSnapshot: 'OnPrepareSnapshot', freeze: 'OnFreeze',
  commit: 'CommitSnapshots', thaw: 'OnThaw', postSnapshot: 'OnPostSnapshot', useShadow: 'backup copy', backupComplete: 'OnBackupComplete',
};

/** Rule 7: failing or overrunning OnFreeze / OnThaw, and provider failures, raise Abort. */
export const ABORTS: Record<Phase, boolean> = {
  identify: false, prepareBackup: false, prepareSnapshot: false, freeze: true, commit: true, thaw: true, postSnapshot: false, useShadow: false, backupComplete: false,
};
