// How vssadmin words writer states and errors (vss.md rules 5, 6, 21).
import { VSS_WRITER_STATE, writerStateFailed } from '../../core/vssWriterState';

export const VSS_E = {
  INCONSISTENT: 0x800423f0,
  OUT_OF_RESOURCES: 0x800423f1,
  TIMEOUT: 0x800423f2,
  RETRYABLE: 0x800423f3,
  NON_RETRYABLE: 0x800423f4,
  FLUSH_WRITES_TIMEOUT: 0x80042313,
  HOLD_WRITES_TIMEOUT: 0x80042314,
  SNAPSHOT_SET_IN_PROGRESS: 0x80042316,
  PROVIDER_VETO: 0x80042306,
  WRITER_NOT_RESPONDING: 0x80042319,
  BAD_STATE: 0x80042301,
} as const;

const S = VSS_WRITER_STATE;
const STATE_TEXT: Record<number, string> = {
  [S.UNKNOWN]: 'Unknown', [S.STABLE]: 'Stable', [S.WAITING_FOR_FREEZE]: 'Waiting for freeze', [S.WAITING_FOR_THAW]: 'Waiting for thaw',
  [S.WAITING_FOR_POST_SNAPSHOT]: 'Waiting for post-snapshot', [S.WAITING_FOR_BACKUP_COMPLETE]: 'Waiting for completion',
  [S.FAILED_AT_PRE_RESTORE]: 'Pre-restore', [S.FAILED_AT_POST_RESTORE]: 'Post-restore',
};

export function writerStateText(state: number): string {
  if (STATE_TEXT[state]) return STATE_TEXT[state];
  if (writerStateFailed(state)) return 'Failed';
  return 'Unknown';
}

export function writerErrorText(hr: number): string {
  switch (hr >>> 0) {
    case 0: return 'No error';
    case VSS_E.INCONSISTENT: return 'Inconsistent shadow copy';
    case VSS_E.OUT_OF_RESOURCES: return 'Out of resources';
    case VSS_E.TIMEOUT: return 'Timed out';
    case VSS_E.RETRYABLE: return 'Retryable error';
    case VSS_E.NON_RETRYABLE: return 'Non-retryable error';
    default: return `Unexpected error 0x${(hr >>> 0).toString(16).toUpperCase()}`;
  }
}
