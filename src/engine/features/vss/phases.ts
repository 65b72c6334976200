// The phases of a VSS snapshot set (vss.md rules 3 and 5): which writer state each moves a writer
// to, and the failure state a writer shows when the set fails in that phase.
export type Phase = 'identify' | 'prepareBackup' | 'prepareSnapshot' | 'freeze' | 'commit' | 'thaw' | 'postSnapshot' | 'useShadow' | 'backupComplete';

/** The writer state after a writer answers the phase's event; null: the state does not change. */
export const NEXT_STATE: Record<Phase, number | null> = {
  identify: null, prepareBackup: null, prepareSnapshot: 2, freeze: 3, commit: null, thaw: 4, postSnapshot: 5, useShadow: null, backupComplete: 1,
};

/** The failure state for the phase (rule 5); the commit lies in the freeze-to-thaw window (rule 9). */
export const FAIL_STATE: Record<Phase, number> = {
  identify: 6, prepareBackup: 7, prepareSnapshot: 8, freeze: 9, commit: 9, thaw: 10, postSnapshot: 11, useShadow: 12, backupComplete: 12,
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
