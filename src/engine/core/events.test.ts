import { describe, expect, it } from 'vitest';
import { EVENT_KINDS, VSS_PHASES } from './events';
import { vssLab, quiesce, inject, EXCHANGE } from '../testing/vssLab';
import { ok, runTask } from '../testing/harness';

describe('structured events', () => {
  it('every event a busy lab logs has a known kind and a severity; VSS session events name their phase', () => {
    const lab = vssLab({ workload: { profile: 'exchange' } }, { host: '6.5' });
    quiesce(lab, 'good');
    inject(lab, { kind: 'writerError', writer: EXCHANGE, phase: 'freeze', error: 'retryable' });
    quiesce(lab, 'bad');
    ok(lab, { type: 'guest.backup', vm: 'vm1', backupType: 'full' });
    lab.advance(600_000);
    runTask(lab, { type: 'snapshot.deleteAll', vm: 'vm1' });
    const events = lab.state().events;
    for (const e of events) {
      expect(EVENT_KINDS).toContain(e.kind);
      expect(['info', 'warning', 'error']).toContain(e.severity);
      if (e.phase !== undefined) expect(VSS_PHASES).toContain(e.phase);
    }
    const vss = events.filter((e) => e.kind.startsWith('vss.') && !['vss.backupCopy', 'vss.backupDone', 'vss.backupFailed'].includes(e.kind));
    expect(vss.length).toBeGreaterThan(10);
    expect(vss.filter((e) => e.phase === undefined)).toEqual([]);
    const failedFreeze = events.find((e) => e.kind === 'vss.freeze' && e.severity === 'error')!;
    expect([failedFreeze.source, failedFreeze.phase, failedFreeze.hresult]).toEqual([EXCHANGE, 'freeze', 0x800423f3]);
    expect(events.find((e) => e.kind === 'quiesce.failed')).toMatchObject({ severity: 'error', phase: 'freeze', hresult: 0x800423f3 });
    expect(events.find((e) => e.kind === 'quiesce.done')).toMatchObject({ severity: 'info' });
  });
});
