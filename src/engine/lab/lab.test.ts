import { describe, expect, it } from 'vitest';
import { createLab, defaultLabDefinition, LabDefinitionError, workshopLab, datacenterLab } from '../index';
import { smallLab } from '../testing/harness';

describe('lab definition (docs/lab-definition.md)', () => {
  it('fills every default, so a VM needs only an id', () => {
    const s = createLab({ vms: [{ id: 'a' }] }).state();
    expect(s.hosts).toEqual([{ id: 'esx01', version: '4.0' }]);
    expect(s.datastores[0].id).toBe('datastore1');
    const vm = s.vms[0];
    expect([vm.name, vm.power, vm.guest, vm.memoryMB, vm.vssService]).toEqual(['A', 'poweredOn', 'windows2003', 2048, 'manual']);
    expect(vm.disks[0]).toMatchObject({ id: 'disk1', mode: 'dependent', capacityBytes: 40 * 1024 ** 3 });
    expect(vm.workload).toEqual({ profile: 'none', writeIOPS: 0 });
  });

  it('refuses a bad definition whole, naming the field and what was expected', () => {
    const bad = [
      [{ vms: [{ id: 'a', power: 'on' }] }, /vms\[0\]\.power: .*poweredOn/],
      [{ vms: [{ id: 'a', host: 'nope' }] }, /vms\[0\]\.host: expected the id of a host/],
      [{ vms: [{ id: 'a' }, { id: 'a' }] }, /vms\[1\]\.id: duplicate id "a"/],
      [{ vms: [{ id: 'a' }, { id: 'A' }] }, /vms\[1\]\.name: duplicate VM name "A"/],
      [{ vms: [{ id: 'a', name: 'EXCH' }, { id: 'b', name: 'EXCH' }] }, /vms\[1\]\.name: duplicate VM name "EXCH"/],
      [{ datastores: [{ id: 'd', fs: 'ext4' }] }, /datastores\[0\]\.fs/],
      [{ hosts: [{ id: 'h', version: '4.2' }] }, /hosts\[0\]\.version/],
      [{ vms: [{ id: 'a', disks: [{ id: 'd', capacityGB: 300 }] }] }, /vms\[0\]\.disks\[0\]\.capacityGB: expected at most/],
      [{ vms: [{ id: 'a', colour: 'red' }] }, /vms\[0\].*colour/],
      [42, /expected object/],
    ] as const;
    for (const [def, msg] of bad) {
      let err: unknown;
      try { createLab(def); } catch (e) { err = e; }
      expect(err).toBeInstanceOf(LabDefinitionError);
      expect((err as Error).message).toMatch(msg);
    }
  });

  it('the built-in labs load', () => {
    const w = createLab(workshopLab).state();
    expect(w.vms.map((v) => v.name)).toEqual(['EXCH01', 'SQL01', 'DC01', 'FS01', 'WEB01', 'TMPL-W2K3']);
    expect(w.hosts[0].version).toBe('4.0');
    expect(w.vms.some((v) => v.disks.some((d) => d.mode !== 'dependent'))).toBe(true);
    expect(w.vms.find((v) => v.id === 'tmpl-w2k3')!.power).toBe('poweredOff');
    expect(createLab(datacenterLab).state().vms).toHaveLength(16);
  });

  // Daily change is a share of the data the guests hold (backup rule 21), so three snapshots' deltas
  // take about a tenth of the workshop's free space in six hours (7.4 of 78 GB), not a whole day's worth.
  it('the workshop\'s deltas take a tenth of its free space within six simulated hours', () => {
    const lab = createLab(workshopLab);
    for (const vm of ['exch01', 'sql01', 'fs01']) lab.dispatch({ type: 'snapshot.take', vm, name: 'before' });
    const free0 = lab.state().datastores[0].freeBytes;
    lab.advance(6 * 3600_000);
    const free6 = lab.state().datastores[0].freeBytes;
    expect(free0 - free6).toBeGreaterThan(free0 / 12);
  });
});

describe('commands (docs/commands.md)', () => {
  const refusals: [Record<string, unknown> | unknown, string][] = [
    [null, 'INVALID_COMMAND'],
    [{ vm: 'vm1' }, 'INVALID_COMMAND'],
    [{ type: 'snapshot.explode', vm: 'vm1' }, 'UNKNOWN_COMMAND'],
    // Names an object inherits are not commands either (they used to throw instead of answering).
    [{ type: 'constructor', vm: 'vm1' }, 'UNKNOWN_COMMAND'],
    [{ type: '__proto__' }, 'UNKNOWN_COMMAND'],
    [{ type: 'toString' }, 'UNKNOWN_COMMAND'],
    [{ type: 'snapshot.take', vm: 'nope', name: 'x' }, 'VM_NOT_FOUND'],
    [{ type: 'snapshot.take', vm: 'vm1', name: 7 }, 'INVALID_COMMAND'],
    [{ type: 'snapshot.take', vm: 'vm1', name: 'x', quiesced: true }, 'INVALID_COMMAND'],
    [{ type: 'snapshot.delete', vm: 'vm1', snapshot: 'snapshot-99' }, 'SNAPSHOT_NOT_FOUND'],
    [{ type: 'guest.write', vm: 'vm1', disk: 'disk9', offset: 0, length: 1 }, 'DISK_NOT_FOUND'],
    [{ type: 'guest.write', vm: 'vm1', disk: 'disk1', offset: 10 * 1024 ** 3, length: 1 }, 'WRITE_OUT_OF_RANGE'],
    [{ type: 'guest.write', vm: 'vm1', disk: 'disk1', offset: -1, length: 1 }, 'INVALID_COMMAND'],
    [{ type: 'datastore.resize', datastore: 'dsX', capacityGB: 10 }, 'DATASTORE_NOT_FOUND'],
    [{ type: 'fault.inject', vm: 'vm1', fault: { kind: 'meteor' } }, 'INVALID_COMMAND'],
    [{ type: 'fault.clear', vm: 'vm1', fault: 'fault-9' }, 'FAULT_NOT_FOUND'],
    [{ type: 'vm.answer', vm: 'vm1', answer: 'retry' }, 'NO_QUESTION'],
    [{ type: 'clock.advance', ms: -5 }, 'INVALID_COMMAND'],
    // A fraction of a millisecond made the lab's time fractional.
    [{ type: 'clock.advance', ms: 1e-9 }, 'INVALID_COMMAND'],
    [{ type: 'clock.advance', ms: 1.5 }, 'INVALID_COMMAND'],
  ];
  it.each(refusals)('refuses %j with %s and a sentence, changing nothing', (cmd, code) => {
    const lab = smallLab();
    const before = JSON.stringify(lab.state());
    const r = lab.dispatch(cmd);
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error.code).toBe(code);
      expect(r.error.message).toMatch(/^[A-Z"'a-z].{10,}[.]$/s);
    }
    expect(JSON.stringify(lab.state())).toBe(before);
  });

  it('a long operation answers a task id at once and finishes as time advances', () => {
    const lab = smallLab();
    const r = lab.dispatch({ type: 'snapshot.take', vm: 'vm1', name: 'a', memory: true });
    expect(r).toMatchObject({ ok: true, task: 'task-1' });
    expect(lab.state().tasks[0].state).toBe('running');
    lab.advance(60_000);
    expect(lab.state().tasks[0]).toMatchObject({ state: 'success', progress: 100, error: null });
  });

  it('tasks on one VM run one at a time; later ones wait queued', () => {
    const lab = smallLab();
    lab.dispatch({ type: 'snapshot.take', vm: 'vm1', name: 'a', memory: true });
    lab.dispatch({ type: 'snapshot.take', vm: 'vm1', name: 'b' });
    expect(lab.state().tasks.map((t) => t.state)).toEqual(['running', 'queued']);
    lab.advance(60_000);
    expect(lab.state().tasks.map((t) => t.state)).toEqual(['success', 'success']);
    expect(lab.state().vms[0].snapshots.map((s) => s.name)).toEqual(['a', 'b']);
  });

  it('snapshot ids or unique names both find a snapshot', () => {
    const lab = smallLab();
    lab.dispatch({ type: 'snapshot.take', vm: 'vm1', name: 'first' });
    lab.advance(5000);
    expect(lab.dispatch({ type: 'snapshot.revert', vm: 'vm1', snapshot: 'first' }).ok).toBe(true);
    expect(lab.dispatch({ type: 'snapshot.revert', vm: 'vm1', snapshot: 'snapshot-1' }).ok).toBe(true);
  });

  it('a name two snapshots share is refused at once, naming their ids, and changes nothing', () => {
    const lab = smallLab();
    for (const _ of [1, 2]) { lab.dispatch({ type: 'snapshot.take', vm: 'vm1', name: 'dup' }); lab.advance(5000); }
    const before = JSON.stringify(lab.state());
    for (const type of ['snapshot.revert', 'snapshot.delete']) {
      const r = lab.dispatch({ type, vm: 'vm1', snapshot: 'dup' });
      expect(r).toMatchObject({ ok: false, error: { code: 'SNAPSHOT_NAME_AMBIGUOUS', message: expect.stringMatching(/snapshot-1, snapshot-2.*id\.$/) } });
    }
    expect(JSON.stringify(lab.state())).toBe(before);
    expect(lab.dispatch({ type: 'snapshot.delete', vm: 'vm1', snapshot: 'snapshot-2' }).ok).toBe(true);
  });

  it('an unmap past the end of a disk is refused in its own words', () => {
    const r = smallLab().dispatch({ type: 'guest.unmap', vm: 'vm1', disk: 'disk1', offset: 10 * 1024 ** 3 - 1, length: 2 });
    expect(r).toMatchObject({ ok: false, error: { code: 'WRITE_OUT_OF_RANGE', message: expect.stringMatching(/^An unmap of 2 bytes .* past the end of disk1/) } });
  });
});

describe('determinism', () => {
  it('the same seed and the same steps give the same state, bit for bit', () => {
    const run = () => {
      const lab = createLab(workshopLab);
      lab.dispatch({ type: 'snapshot.take', vm: 'exch01', name: 'a' });
      lab.advance(3600_000);
      lab.dispatch({ type: 'snapshot.take', vm: 'sql01', name: 'b', memory: true });
      lab.advance(1800_000);
      lab.dispatch({ type: 'snapshot.deleteAll', vm: 'exch01' });
      lab.advance(1800_000);
      return JSON.stringify(lab.state());
    };
    expect(run()).toBe(run());
  });

  it('a different seed gives different writes', () => {
    const used = (seed: number) => {
      const lab = createLab(workshopLab, { seed });
      lab.dispatch({ type: 'snapshot.take', vm: 'exch01', name: 'a' });
      lab.advance(600_000);
      return lab.state().vms[0].disks[0].chain[1].dataBytes;
    };
    expect(used(1)).not.toBe(used(2));
  });
});

describe('clock.advance', () => {
  it('takes whole milliseconds only, names the field, and the lab\'s time stays whole', () => {
    const lab = createLab(defaultLabDefinition);
    const r = lab.dispatch({ type: 'clock.advance', ms: 1e-9 });
    expect(r).toEqual({ ok: false, error: { code: 'INVALID_COMMAND', message: 'clock.advance: field "ms": should be whole milliseconds.' } });
    expect(lab.now).toBe(0);
    expect(lab.dispatch({ type: 'clock.advance', ms: 1500 }).ok).toBe(true);
    expect(lab.now).toBe(1500);
  });
});
