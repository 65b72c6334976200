// A lab can be copied (Lab.fork, a time-travel checkpoint) at any moment, whatever is in flight: a
// quiesce during the freeze or the 10-second hold, an in-guest backup, a memory snapshot, a
// consolidation's merges, a backup run. The copy goes on exactly as the lab does. Everything scheduled
// is data: the scheduler refuses a function, and a sweep that copies a busy lab at every step fails
// as soon as anything keeps a closure.
import { describe, expect, it } from 'vitest';
import { Lab } from './lab';
import { workshopLab } from './builtInLabs';
import { ok, smallLab, vmOf } from '../testing/harness';
import { inject, startQuiesce, vssLab } from '../testing/vssLab';
import { backupLab, job } from '../testing/backupLab';

const MIN = 60_000;

/** Advance in `stepMs` steps until `when` holds; fails when the moment never comes. */
function until(lab: Lab, when: () => boolean, stepMs = 10, limitMs = 6 * 3_600_000): void {
  for (let t = 0; t <= limitMs; t += stepMs) {
    if (when()) return;
    lab.advance(stepMs);
  }
  throw new Error('the moment to copy the lab at never came');
}

/** Copy now, then run both for `ms` in `slices`: the copy's state view stays the lab's. */
function forkAndCompare(lab: Lab, ms: number, slices = 4): Lab {
  const copy = lab.fork().lab;
  expect(copy.state()).toEqual(lab.state());
  for (let i = 0; i < slices; i++) {
    lab.advance(ms / slices);
    copy.advance(ms / slices);
    expect(copy.state()).toEqual(lab.state());
  }
  return copy;
}

const session = (lab: Lab, vm = 'vm1') => lab.vm(vm)!.guest.session;
const kinds = (lab: Lab): string[] => lab.state().events.map((e) => e.kind);

describe('a lab copied with work in flight goes on exactly as the lab', () => {
  it('mid-quiesce, during the freeze: the writers frozen, the snapshot not yet taken', () => {
    const lab = vssLab();
    startQuiesce(lab);
    until(lab, () => session(lab)?.phase === 'freeze');
    expect(vmOf(lab.state()).snapshots).toHaveLength(0);
    forkAndCompare(lab, 10 * MIN);
    expect(vmOf(lab.state()).snapshots[0]).toMatchObject({ quiesced: true });
  });

  it('mid-quiesce, during the 10-second hold: writes held while the provider commits', () => {
    const lab = vssLab();
    inject(lab, { kind: 'slowCommit', holdMs: 8000, once: true });
    startQuiesce(lab);
    until(lab, () => session(lab)?.phase === 'commit' && lab.vm('vm1')!.ioHeld);
    lab.advance(2000);
    expect(lab.vm('vm1')!.ioHeld).toBe(true);
    forkAndCompare(lab, 10 * MIN);
    expect(kinds(lab)).toContain('quiesce.done');
  });

  it('mid-quiesce, when the hold outlasts 10 seconds: the copy fails it the same way', () => {
    const lab = vssLab();
    inject(lab, { kind: 'slowCommit', holdMs: 12_000, once: true });
    startQuiesce(lab);
    until(lab, () => session(lab)?.phase === 'commit' && lab.vm('vm1')!.ioHeld);
    lab.advance(5000);
    forkAndCompare(lab, 10 * MIN);
    expect(kinds(lab)).toContain('quiesce.failed');
  });

  it('an in-guest backup while it copies from the shadow copies', () => {
    const lab = vssLab();
    ok(lab, { type: 'guest.backup', vm: 'vm1', backupType: 'full' });
    until(lab, () => session(lab)?.phase === 'useShadow');
    forkAndCompare(lab, 30 * MIN);
    expect(kinds(lab)).toContain('vss.backupDone');
  });

  it('a memory snapshot while its memory is written (lazy checkpoint)', () => {
    const lab = smallLab({ host: '6.7', fs: 'vmfs5', vm: { memoryMB: 4096 } });
    ok(lab, { type: 'snapshot.take', vm: 'vm1', name: 'm', memory: true });
    until(lab, () => lab.vm('vm1')!.checkpointUntil > 0);
    forkAndCompare(lab, 5 * MIN);
    expect(kinds(lab)).toContain('vm.checkpointDone');
  });

  for (const host of ['4.0', '6.7']) {
    it(`mid-consolidate on ESX ${host}: a live merge in progress (${host === '4.0' ? 'Consolidate Helper passes' : 'the mirror driver'})`, () => {
      const lab = smallLab({ host, fs: host === '4.0' ? 'vmfs3' : 'vmfs5', vm: { workload: { profile: 'exchange', writeIOPS: 300 } } });
      ok(lab, { type: 'snapshot.take', vm: 'vm1', name: 's1' });
      lab.advance(MIN);
      ok(lab, { type: 'guest.write', vm: 'vm1', disk: 'disk1', offset: 0, length: 3 * 1024 ** 3 });
      ok(lab, { type: 'snapshot.take', vm: 'vm1', name: 's2' });
      lab.advance(10 * MIN);
      ok(lab, { type: 'snapshot.deleteAll', vm: 'vm1' });
      until(lab, () => kinds(lab).includes(host === '4.0' ? 'disk.consolidateHelper' : 'disk.mirrorMerge'));
      lab.advance(1000);
      expect(lab.state().tasks.at(-1)!.state).toBe('running');
      forkAndCompare(lab, 60 * MIN, 6);
      expect(lab.state().tasks.at(-1)!.state).toBe('success');
      expect(vmOf(lab.state()).snapshots).toHaveLength(0);
    });
  }

  // The agent (the requestor of application-aware processing) holds its session open from PostSnapshot
  // until the transfer has read the snapshot; BackupComplete then truncates Exchange's logs.
  for (const moment of ['freeze', 'useShadow'] as const) {
    it(`an application-aware backup run with the agent's VSS session in ${moment === 'freeze' ? 'the freeze' : 'the transfer, open after PostSnapshot'}`, () => {
      const lab = backupLab({ schedule: false, job: { applicationAware: true, truncateLogs: true } });
      ok(lab, { type: 'backup.run', job: 'nightly' });
      until(lab, () => session(lab, 'exch01')?.phase === moment);
      expect(session(lab, 'exch01')!.spec.requestor).toContain('application-aware processing');
      forkAndCompare(lab, 3 * 3_600_000, 6);
      expect(job(lab.state()).runs.at(-1)!.state).toBe('success');
      expect(lab.state().events.some((e) => e.kind === 'vss.backupComplete' && e.message.includes('truncat'))).toBe(true);
    });
  }

  for (const applicationAware of [false, true]) {
    it(`a backup run in flight (${applicationAware ? 'application-aware processing' : 'VMware Tools quiescing'}), copied at several moments`, () => {
      const lab = backupLab({ schedule: false, job: { applicationAware, truncateLogs: applicationAware } });
      ok(lab, { type: 'backup.run', job: 'nightly' });
      const copies: Lab[] = [];
      for (let i = 0; i < 8 && job(lab.state()).runs.at(-1)!.state === 'running'; i++) {
        copies.push(lab.fork().lab);
        lab.advance(7_000);
      }
      expect(copies.length).toBeGreaterThan(2);
      lab.advance(3 * 3_600_000);
      expect(job(lab.state()).runs.at(-1)!.state).not.toBe('running');
      for (const c of copies) {
        c.advance(lab.now - c.now);
        expect(c.state()).toEqual(lab.state());
      }
    });
  }
});

describe('nothing schedules a closure', () => {
  it('the scheduler and a task refuse a function, with a clear error', () => {
    const lab = smallLab();
    // @ts-expect-error a closure is not a job
    expect(() => lab.scheduler.after(10, () => {})).toThrow('The scheduler takes work as data, not a function');
    // @ts-expect-error a closure is not a job
    expect(() => lab.scheduler.at(10, () => {})).toThrow('a closure cannot be copied with the lab');
    // @ts-expect-error a task starts with data
    expect(() => lab.task('Test', null, 'lab', () => {})).toThrow('Task "Test" was given a function to start with');
    expect(lab.nextEventTime()).toBeNull();
  });

  it('a busy lab can be copied at every step: quiesces, backups, deletes, reverts, power changes, faults', () => {
    const lab = new Lab(workshopLab);
    const vms = lab.vms.filter((v) => v.power === 'poweredOn').map((v) => v.id);
    const script = (vm: string, i: number): Record<string, unknown>[] => [
      { type: 'snapshot.take', vm, name: `q${i}`, quiesce: true },
      { type: 'snapshot.take', vm, name: `m${i}`, memory: true },
      { type: 'guest.backup', vm, backupType: i % 2 ? 'full' : 'copy' },
      { type: 'fault.inject', vm, fault: { kind: 'writerHang', writer: 'System Writer', phase: 'freeze', once: true } },
      { type: 'snapshot.take', vm, name: `h${i}`, quiesce: true },
      { type: 'snapshot.revert', vm, snapshot: `q${i}` },
      { type: 'snapshot.deleteAll', vm },
      { type: 'vm.powerOff', vm },
      { type: 'vm.powerOn', vm },
    ];
    let copies = 0;
    for (let i = 0; i < 2; i++) {
      for (const vm of vms) {
        for (const cmd of script(vm, i)) {
          lab.dispatch(cmd);
          for (let s = 0; s < 6; s++) {
            lab.advance(1500 * (s + 1));
            lab.fork();
            copies++;
          }
        }
      }
    }
    expect(copies).toBeGreaterThan(200);
  });
});
