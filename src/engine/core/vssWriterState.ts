// VSS_WRITER_STATE (MS-VSS, vswriter.h): the state vssadmin shows as "[n] text". Named here so no
// file writes a bare number; the state view carries the number, as vssadmin does.
export const VSS_WRITER_STATE = {
  UNKNOWN: 0,
  STABLE: 1,
  WAITING_FOR_FREEZE: 2,
  WAITING_FOR_THAW: 3,
  WAITING_FOR_POST_SNAPSHOT: 4,
  WAITING_FOR_BACKUP_COMPLETE: 5,
  FAILED_AT_IDENTIFY: 6,
  FAILED_AT_PREPARE_BACKUP: 7,
  FAILED_AT_PREPARE_SNAPSHOT: 8,
  FAILED_AT_FREEZE: 9,
  FAILED_AT_THAW: 10,
  FAILED_AT_POST_SNAPSHOT: 11,
  FAILED_AT_BACKUP_COMPLETE: 12,
  FAILED_AT_PRE_RESTORE: 13,
  FAILED_AT_POST_RESTORE: 14,
  FAILED_AT_BACKUPSHUTDOWN: 15,
} as const;

export type VssWriterState = (typeof VSS_WRITER_STATE)[keyof typeof VSS_WRITER_STATE];

const S = VSS_WRITER_STATE;

/** States vssadmin words as "Failed": a failed backup phase or shutdown (the restore states read
 * "Pre-restore" / "Post-restore" there and are left to a restore, which the lab does not run). */
export function writerStateFailed(state: number): boolean {
  return (state >= S.FAILED_AT_IDENTIFY && state <= S.FAILED_AT_BACKUP_COMPLETE) || state === S.FAILED_AT_BACKUPSHUTDOWN;
}
