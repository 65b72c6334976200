import { describe, expect, it } from 'vitest';
import { smallLab, ok, take, vmOf } from '../../testing/harness';
import type { Lab } from '../../lab/lab';

const ds = (lab: Lab) => lab.state().datastores[0];
const task = (lab: Lab, id: string) => lab.state().tasks.find((t) => t.id === id)!;
const shrinkToUsed = (lab: Lab) => lab.dispatch({ type: 'datastore.resize', datastore: 'ds1', capacityBytes: ds(lab).usedBytes });

/** Advance in small steps until the task ends; the datastore never holds more than it can. */
function finish(lab: Lab, id: string): void {
  for (let i = 0; i < 100_000 && ['queued', 'running'].includes(task(lab, id).state); i++) {
    lab.advance(25);
    expect(ds(lab).usedBytes).toBeLessThanOrEqual(ds(lab).capacityBytes);
  }
}

describe('space a task needs is reserved when it starts', () => {
  const starts: [string, (lab: Lab) => Record<string, unknown>][] = [
    ['a snapshot with memory', () => ({ type: 'snapshot.take', vm: 'vm1', name: 'm', memory: true })],
    ['a snapshot without memory', () => ({ type: 'snapshot.take', vm: 'vm1', name: 'd' })],
    ['a quiesced snapshot', () => ({ type: 'snapshot.take', vm: 'vm1', name: 'q', quiesce: true })],
    ['a revert to a memory snapshot of a powered-off VM', (lab) => {
      take(lab, 'mem', { memory: true });
      ok(lab, { type: 'vm.powerOff', vm: 'vm1' });
      lab.advance(5000);
      return { type: 'snapshot.revert', vm: 'vm1', snapshot: vmOf(lab.state()).snapshots[0].id };
    }],
    ['a power-on (the swap file)', (lab) => { ok(lab, { type: 'vm.powerOff', vm: 'vm1' }); lab.advance(5000); return { type: 'vm.powerOn', vm: 'vm1' }; }],
  ];
  for (const [what, start] of starts) {
    it(`${what}: a datastore cannot shrink under the reservation, and the task ends within capacity`, () => {
      const lab = smallLab({ host: '6.7', capacityGB: 40, vm: { memoryMB: 2048} });
      const cmd = start(lab);
      const r = ok(lab, cmd);
      expect(task(lab, r.task!).state).toBe('running');
      const reserved = ds(lab).reservedBytes;
      expect(reserved).toBeGreaterThan(0);
      const refused = shrinkToUsed(lab);
      expect(refused).toMatchObject({ ok: false, error: { code: 'DATASTORE_TOO_SMALL', message: expect.stringMatching(/reserved/) } });
      // Shrinking to what is used plus reserved is allowed; the task still finishes inside it.
      ok(lab, { type: 'datastore.resize', datastore: 'ds1', capacityBytes: ds(lab).usedBytes + reserved });
      finish(lab, r.task!);
      expect(task(lab, r.task!).state).toBe('success');
      expect(ds(lab).usedBytes).toBeLessThanOrEqual(ds(lab).capacityBytes);
      expect(ds(lab).reservedBytes).toBe(0);
    });
  }

  it('the probe: shrinking to what is used during a memory snapshot never leaves more used than capacity', () => {
    const lab = smallLab({ host: '4.0', capacityGB: 20, vm: { memoryMB: 2048 } });
    const r = ok(lab, { type: 'snapshot.take', vm: 'vm1', name: 'm', memory: true });
    shrinkToUsed(lab);
    finish(lab, r.task!);
  });

  it('a task that fails gives its reservation back', () => {
    const lab = smallLab({ host: '6.7', capacityGB: 40, vm: { memoryMB: 2048} });
    ok(lab, { type: 'fault.inject', vm: 'vm1', fault: { kind: 'scriptFail', script: 'pre-freeze', exitCode: 1 } });
    const r = ok(lab, { type: 'snapshot.take', vm: 'vm1', name: 'q', quiesce: true });
    expect(ds(lab).reservedBytes).toBeGreaterThan(0);
    finish(lab, r.task!);
    expect(task(lab, r.task!).state).toBe('error');
    expect(ds(lab).reservedBytes).toBe(0);
  });
});

describe('files made at once need their space at once', () => {
  it('switching CBT on for a powered-off VM on a full datastore is refused and changes nothing', () => {
    const lab = smallLab({ host: '6.7', capacityGB: 40, vm: { memoryMB: 2048 } });
    ok(lab, { type: 'vm.powerOff', vm: 'vm1' });
    lab.advance(5000);
    ok(lab, { type: 'datastore.resize', datastore: 'ds1', capacityBytes: ds(lab).usedBytes + 1024 });
    const before = JSON.stringify(lab.state());
    expect(lab.dispatch({ type: 'vm.configure', vm: 'vm1', ctkEnabled: true })).toMatchObject({ ok: false, error: { code: 'NO_DISK_SPACE', message: expect.stringMatching(/^Insufficient disk space on datastore 'ds1'/) } });
    expect(JSON.stringify(lab.state())).toBe(before);
  });
});
