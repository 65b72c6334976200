import { describe, expect, it } from 'vitest';
import type { QuiesceView } from '../../core/view';
import { smallLab, take, settle, vmOf } from '../../testing/harness';
import { vssLab } from '../../testing/vssLab';
import { quiesceResultLine } from './resultLine';

const q = (o: Partial<QuiesceView>): QuiesceView => ({
  snapshot: 's', mechanism: 'vss', consistency: 'application', result: 'success', reason: 'VSS with application writers', startedAt: 0, endedAt: 1,
  holdMs: 640, holdLimitMs: 10_000, writers: 5, writersFrozen: 5, writersThawed: 5, withoutWriters: null, failedWriter: null, failedPhase: null, hresult: null,
  resultLine: '', ...o,
});

describe('a quiesce\'s result line (the VSS timeline\'s)', () => {
  it('says how many writers froze and thawed', () => {
    expect(quiesceResultLine(q({}), '')).toBe('Application consistent: 5 writers froze and thawed.');
    expect(quiesceResultLine(q({ writersFrozen: 1, writersThawed: 1 }), '')).toBe('Application consistent: 1 writer froze and thawed.');
  });
  it('names the writer and the step that failed', () => {
    expect(quiesceResultLine(q({ result: 'error', failedWriter: 'Microsoft Exchange Writer', failedPhase: 'freeze', hresult: 0x800423f4 }), ''))
      .toBe('Exchange Writer failed at Freeze, so VSS aborted the whole set.');
  });
  it('says why no writers took part, in the mechanism\'s own words, without its name', () => {
    expect(quiesceResultLine(q({ mechanism: 'vssFileShare', consistency: 'filesystem', writers: 0, writersFrozen: 0, writersThawed: 0 }),
      'Windows 2008 and later need disk.EnableUUID=TRUE for application quiescing'))
      .toBe('File-system consistent: no application writers took part (Windows 2008 and later need disk.EnableUUID=TRUE for application quiescing).');
    expect(quiesceResultLine(q({ mechanism: 'syncDriver', writers: 0 }), 'VMware Tools was installed without its VSS component'))
      .toBe('File-system consistent: the sync driver froze the file systems, no VSS writers took part (VMware Tools was installed without its VSS component).');
  });
  it('names a hold timeout by its HRESULT', () => {
    expect(quiesceResultLine(q({ result: 'error', failedPhase: 'commit', hresult: 0x80042314 }), '')).toBe('Writes were held past the 10 s limit, so VSS aborted the whole set.');
    expect(quiesceResultLine(q({ result: 'error', failedPhase: 'commit', hresult: 0x80042313 }), '')).toBe('Writes were held past the 10 s limit, so VSS aborted the whole set.');
  });

  it('is in the state view: running, then the result of a real quiesce', () => {
    const lab = vssLab();
    const vmId = lab.state().vms[0].id;
    lab.dispatch({ type: 'snapshot.take', vm: vmId, name: 'q', quiesce: true });
    lab.advance(1);
    expect(lab.state().vms[0].quiesces.at(-1)?.resultLine).toBe('Quiescing…');
    settle(lab);
    const done = lab.state().vms[0].quiesces.at(-1)!;
    expect(done.resultLine).toBe(`Application consistent: ${done.writersThawed} writers froze and thawed.`);
    expect(done.writersThawed).toBeGreaterThan(1);
  });

  it('a Linux guest without VSS: the sync driver, and why, without the mechanism\'s name twice', () => {
    const lab = smallLab({ vm: { guest: 'linux' } });
    take(lab, 'q', { quiesce: true });
    const line = vmOf(lab.state()).quiesces.at(-1)!.resultLine;
    expect(line).toMatch(/^(File-system consistent: the sync driver froze the file systems|Crash consistent)/);
    expect(line).not.toMatch(/sync driver \(/);
  });
});
