// The state view's quiesce summaries (vm.quiesce, vm.quiesces): the facts the VSS timeline's result
// line states, so the page never works them out from the event log.
import { describe, expect, it } from 'vitest';
import { vmOf } from '../../testing/harness';
import { vssLab, quiesce, inject, EXCHANGE } from '../../testing/vssLab';

describe('quiesce summaries in the state view', () => {
  it('an application-consistent quiesce counts the writers that froze and thawed, and the 10 s hold limit', () => {
    const lab = vssLab();
    quiesce(lab, 'first');
    const q = vmOf(lab.state()).quiesce!;
    expect(q).toMatchObject({ result: 'success', consistency: 'application', withoutWriters: null, failedWriter: null, holdLimitMs: 10_000 });
    expect(q.writers).toBeGreaterThan(1);
    expect(q.writersFrozen).toBe(q.writers);
    expect(q.writersThawed).toBe(q.writers);
    expect(q.holdMs).toBeGreaterThan(0);
  });

  it('a writer failing OnFreeze names the writer, the phase and the HRESULT', () => {
    const lab = vssLab();
    inject(lab, { kind: 'writerError', writer: EXCHANGE, phase: 'freeze', error: 'nonRetryable' });
    quiesce(lab);
    expect(vmOf(lab.state()).quiesce).toMatchObject({ result: 'error', failedWriter: EXCHANGE, failedPhase: 'freeze', hresult: 0x800423f4 });
  });

  it('Windows 2008 without disk.EnableUUID quiesces without writers and says why', () => {
    const lab = vssLab({ guest: 'windows2008', diskEnableUUID: false }, { host: '4.1' });
    quiesce(lab);
    const q = vmOf(lab.state()).quiesce!;
    expect(q.consistency).toBe('filesystem');
    expect(q.writers).toBe(0);
    expect(q.withoutWriters).toMatch(/disk\.EnableUUID/);
  });

  it('keeps the recent quiesces, oldest first, the last one being vm.quiesce', () => {
    const lab = vssLab();
    quiesce(lab, 'a');
    quiesce(lab, 'b');
    const v = vmOf(lab.state());
    expect(v.quiesces.map((q) => q.snapshot)).toEqual(['a', 'b']);
    expect(v.quiesces[1]).toEqual(v.quiesce);
  });
});
