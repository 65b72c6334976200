import { describe, expect, it } from 'vitest';
import type { QuiesceView } from '../../engine/core/view';
import { resultLine } from './resultLine';

const q = (o: Partial<QuiesceView>): QuiesceView => ({
  snapshot: 's', mechanism: 'vss', consistency: 'application', result: 'success', reason: 'VSS with application writers', startedAt: 0, endedAt: 1,
  holdMs: 640, holdLimitMs: 10_000, writers: 5, writersFrozen: 5, writersThawed: 5, withoutWriters: null, failedWriter: null, failedPhase: null, hresult: null, ...o,
});

describe('the timeline\'s result line', () => {
  it('says how many writers froze and thawed', () => {
    expect(resultLine(q({}))).toEqual({ text: 'Application consistent: 5 writers froze and thawed.', failed: false });
  });
  it('names the writer and the step that failed', () => {
    expect(resultLine(q({ result: 'error', failedWriter: 'Microsoft Exchange Writer', failedPhase: 'freeze', hresult: 0x800423f4 })).text)
      .toBe('Exchange Writer failed at Freeze, so VSS aborted the whole set.');
  });
  it('says why no writers took part', () => {
    const r = resultLine(q({ mechanism: 'vssFileShare', consistency: 'filesystem', writers: 0, writersFrozen: 0, writersThawed: 0,
      withoutWriters: 'VSS without writers (file-share context): Windows 2008 and later need disk.EnableUUID=TRUE for application quiescing' }));
    expect(r.text).toBe('File-system consistent: no application writers took part (Windows 2008 and later need disk.EnableUUID=TRUE for application quiescing).');
    expect(resultLine(q({ mechanism: 'syncDriver', writers: 0, withoutWriters: 'sync driver (LGTO_SYNC): VMware Tools was installed without its VSS component' })).text)
      .toMatch(/sync driver froze the file systems, no VSS writers took part \(VMware Tools was installed without its VSS component\)/);
  });
  it('names a hold timeout', () => {
    expect(resultLine(q({ result: 'error', failedPhase: 'commit', hresult: 0x80042314 })).text).toBe('Writes were held past the 10 s limit, so VSS aborted the whole set.');
  });
});
