// The wording of a few checks: each unmet one says what the lab shows instead.
import { describe, expect, it } from 'vitest';
import { createLab } from '../../engine';
import { evaluateCheck, checkSchema, type CheckSpec } from './index';

const lab = () => createLab({
  hosts: [{ id: 'esx01', version: '4.0' }],
  datastores: [{ id: 'ds1', capacityGB: 100 }],
  vms: [{ id: 'exch01', name: 'EXCH01', apps: ['exchange'], disks: [{ id: 'disk1', capacityGB: 20 }] }],
});
const check = (l: ReturnType<typeof lab>, spec: unknown) => evaluateCheck(l.state(), checkSchema.parse(spec) as CheckSpec);

describe('checks', () => {
  it('snapshotCount says how many there are against the goal', () => {
    const l = lab();
    for (let i = 0; i < 4; i++) { l.dispatch({ type: 'snapshot.take', vm: 'exch01', name: `s${i}` }); l.advance(2000); }
    expect(check(l, { kind: 'snapshotCount', vm: 'exch01', max: 3 })).toEqual({ done: false, why: 'EXCH01 has 4 snapshots ("s0", "s1", "s2", "s3"); the goal is at most 3.' });
    expect(check(l, { kind: 'snapshotCount', vm: 'exch01', max: 4 }).done).toBe(true);
  });

  it('an event step names a known kind and can ask for a severity or an HRESULT, never message text', () => {
    expect(() => checkSchema.parse({ kind: 'event', event: 'quiesce.fialed' })).toThrow();
    const l = lab();
    l.dispatch({ type: 'fault.inject', vm: 'exch01', fault: { kind: 'writerError', writer: 'Microsoft Exchange Writer', phase: 'freeze', error: 'nonRetryable' } });
    l.dispatch({ type: 'snapshot.take', vm: 'exch01', name: 'q', quiesce: true });
    l.advance(120_000);
    expect(check(l, { kind: 'event', event: 'vss.freeze', vm: 'exch01', severity: 'error', hresult: 0x800423f4 }).done).toBe(true);
    expect(check(l, { kind: 'event', event: 'vss.freeze', vm: 'exch01', hresult: 0x800423f3 }).done).toBe(false);
    expect(check(l, { kind: 'event', event: 'quiesce.failed', vm: 'exch01', severity: 'error' }).done).toBe(true);
  });

  it('a sequence needs its steps in order', () => {
    const l = lab();
    l.dispatch({ type: 'snapshot.take', vm: 'exch01', name: 'a' });
    l.advance(2000);
    const spec = { kind: 'sequence', steps: [{ event: 'snapshot.reverted', vm: 'exch01' }, { event: 'vm.snapshotCreated', vm: 'exch01' }] };
    expect(check(l, spec).done).toBe(false);
    l.dispatch({ type: 'snapshot.revert', vm: 'exch01', snapshot: 'a' });
    l.advance(3000);
    const half = check(l, spec);
    expect(half.done).toBe(false);
    expect(half.why).toMatch(/came at 00:00:0\d, but not yet/);
    l.dispatch({ type: 'snapshot.take', vm: 'exch01', name: 'b' });
    l.advance(2000);
    expect(check(l, spec).done).toBe(true);
  });

  it('a task step matches its state and error text', () => {
    const l = lab();
    l.dispatch({ type: 'vm.powerOn', vm: 'exch01' });
    l.advance(2000);
    expect(check(l, { kind: 'task', task: 'Power On virtual machine', state: 'error', errorIncludes: 'current state' }).done).toBe(true);
    expect(check(l, { kind: 'task', task: 'Power On virtual machine', state: 'success' }).done).toBe(false);
  });

  it('"all" explains with its first unmet check', () => {
    const l = lab();
    const r = check(l, { kind: 'all', checks: [{ kind: 'power', vm: 'exch01', power: 'poweredOn' }, { kind: 'datastoreFree', datastore: 'ds1', minGB: 1000 }] });
    expect(r.done).toBe(false);
    expect(r.why).toMatch(/^ds1 has .* free of 100 GB; the goal is at least 1000 GB free\.$/);
  });

  it('a missing VM is explained, not thrown', () => {
    expect(check(lab(), { kind: 'power', vm: 'nope', power: 'poweredOn' }).why).toMatch(/no VM "nope"/);
  });
});
