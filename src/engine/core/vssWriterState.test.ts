import { describe, expect, it } from 'vitest';
import { VSS_WRITER_STATE as S, writerStateFailed } from './vssWriterState';

describe('VSS_WRITER_STATE', () => {
  it('a failed backup phase or shutdown is Failed; stable, waiting and the restore states are not', () => {
    const failed = Object.entries(S).filter(([, v]) => writerStateFailed(v)).map(([k]) => k);
    expect(failed).toEqual(['FAILED_AT_IDENTIFY', 'FAILED_AT_PREPARE_BACKUP', 'FAILED_AT_PREPARE_SNAPSHOT', 'FAILED_AT_FREEZE',
      'FAILED_AT_THAW', 'FAILED_AT_POST_SNAPSHOT', 'FAILED_AT_BACKUP_COMPLETE', 'FAILED_AT_BACKUPSHUTDOWN']);
  });
});
