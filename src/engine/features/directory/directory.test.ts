// Domain controllers whose disks go back in time: USN rollback, and the VM-Generation ID safeguard.
import { describe, expect, it } from 'vitest';
import { Lab } from '../../lab/lab';
import { ok, runTask, settle, take } from '../../testing/harness';
import { REPLICATION_CYCLE_MS } from './replication';
import type { LabDefinitionInput } from '../../core/schema';

const HOUR = 3600_000;

/** Two DCs of one domain on one host: dc01 (the one we revert) and dc02 (its partner). */
function domain(o: { host?: string; guest?: string } = {}): Lab {
  const dc = (id: string, name: string, guest: string) => ({
    id, name, guest: guest as never, memoryMB: 2048, apps: ['ad' as const],
    tools: { status: 'running' as const, build: 208167, vss: true }, vssService: 'manual' as const,
    disks: [{ id: 'disk1', capacityGB: 30 }],
  });
  const def: LabDefinitionInput = {
    seed: 3,
    hosts: [{ id: 'esx01', version: (o.host ?? '5.0') as never }],
    datastores: [{ id: 'ds1', capacityGB: 200, fs: 'vmfs5', MBps: 200 }],
    vms: [dc('dc01', 'DC01', o.guest ?? 'windows2008r2'), dc('dc02', 'DC02', o.guest ?? 'windows2008r2')],
  };
  return new Lab(def);
}

const ad = (lab: Lab, vm = 'dc01') => lab.state().vms.find((v) => v.id === vm)!.apps.ad!;
const exec = (lab: Lab, vm: string, command: string) => {
  const r = ok(lab, { type: 'guest.exec', vm, command });
  return r.output ?? '';
};

/** Snapshot dc01, let the domain work for hours, revert, and let replication run. */
function revertAfterHours(lab: Lab, hours = 6): void {
  take(lab, 'before-patch', {}, 'dc01');
  lab.advance(hours * HOUR);
  runTask(lab, { type: 'snapshot.revert', vm: 'dc01', snapshot: 'before-patch' });
  ok(lab, { type: 'vm.powerOn', vm: 'dc01' });
  settle(lab);
  lab.advance(2 * REPLICATION_CYCLE_MS);
}

describe('domain controllers', () => {
  it('restore rule 2: DCs replicate: each partner holds the other\'s changes, and repadmin shows the attempts succeed', () => {
    const lab = domain();
    lab.advance(HOUR);
    const a = ad(lab);
    expect(a.highestUsn).toBeGreaterThan(12000 + 50);
    expect(a.usnRollback).toBe(false);
    const out = exec(lab, 'dc01', 'repadmin /showrepl');
    expect(out).toContain('DSA Options: IS_GC\n');
    expect(out).toContain('Default-First-Site-Name\\DC02 via RPC');
    expect(out).toContain('was successful.');
    expect(out).not.toContain('failed');
  });

  it('restore rule 1: reverting a Windows 2008 R2 DC on a 5.0 host causes a USN rollback: event 2095, Netlogon paused, Dsa Not Writable, replication disabled', () => {
    const lab = domain();
    lab.advance(HOUR);
    revertAfterHours(lab);
    const a = ad(lab);
    expect(a.usnRollback).toBe(true);
    expect(a.netlogonPaused).toBe(true);
    expect(a.dsaNotWritable).toBe(true);
    expect(a.invocationIdResets).toBe(0);
    expect(a.vmGenerationId).toBe(false);
    const s = lab.state();
    const ev = s.events.find((e) => e.kind === 'directory.usnRollback');
    expect(ev?.vm).toBe('dc01');
    expect(ev?.severity).toBe('error');
    expect(s.events.some((e) => e.kind === 'directory.invocationReset')).toBe(false);
    const log = exec(lab, 'dc01', 'eventvwr directory');
    expect(log).toContain('NTDS Replication');
    expect(log).toContain('2095');
    expect(exec(lab, 'dc01', 'wevtutil qe "Directory Service" /c:5')).toContain('Event ID: 2095');
    const repl = exec(lab, 'dc01', 'repadmin /showrepl');
    expect(repl).toContain('DSA Options: IS_GC DISABLE_INBOUND_REPL DISABLE_OUTBOUND_REPL');
    expect(repl).toContain('failed, result 8457 (0x2109)');
    // The partner's attempts to pull from the rolled-back DC fail too.
    expect(exec(lab, 'dc02', 'repadmin /showrepl')).toContain('failed, result 8456 (0x2108)');
    // A rolled-back DC commits no more changes: it is not writable.
    const usn = ad(lab).highestUsn;
    lab.advance(HOUR);
    expect(ad(lab).highestUsn).toBe(usn);
  });

  it('restore rule 2: a lone DC has no partner to reveal its rollback: nothing is detected', () => {
    const lab = domain();
    ok(lab, { type: 'vm.powerOff', vm: 'dc02' });
    settle(lab);
    lab.advance(HOUR);
    take(lab, 'before-patch', {}, 'dc01');
    lab.advance(3 * HOUR);
    runTask(lab, { type: 'snapshot.revert', vm: 'dc01', snapshot: 'before-patch' });
    ok(lab, { type: 'vm.powerOn', vm: 'dc01' });
    settle(lab);
    lab.advance(HOUR);
    expect(ad(lab).usnRollback).toBe(false);
    expect(exec(lab, 'dc01', 'repadmin /showrepl')).toContain('failed, result 1722 (0x6ba)');
  });

  it('restore rule 3: reverting a Windows Server 2012 DC on a host with VM-Generation ID resets its invocation ID instead (events 2170 and 1109), with no rollback', () => {
    const lab = domain({ host: '5.1', guest: 'windows2012' });
    lab.advance(HOUR);
    const before = ad(lab).invocationId;
    revertAfterHours(lab);
    const a = ad(lab);
    expect(a.vmGenerationId).toBe(true);
    expect(a.usnRollback).toBe(false);
    expect(a.netlogonPaused).toBe(false);
    expect(a.invocationIdResets).toBe(1);
    expect(a.invocationId).not.toBe(before);
    const log = exec(lab, 'dc01', 'eventvwr directory');
    expect(log).toContain('2170');
    expect(log).toContain('1109');
    expect(lab.state().events.some((e) => e.kind === 'directory.invocationReset' && e.vm === 'dc01')).toBe(true);
    // It keeps replicating, and keeps committing changes.
    expect(exec(lab, 'dc01', 'repadmin /showrepl')).not.toContain('failed');
    const usn = a.highestUsn;
    lab.advance(HOUR);
    expect(ad(lab).highestUsn).toBeGreaterThan(usn);
  });

  it('restore rule 3: VM-Generation ID needs both sides: a 2012 DC on a 5.0 host and a 2008 R2 DC on a 5.1 host both roll back', () => {
    for (const o of [{ host: '5.0', guest: 'windows2012' }, { host: '5.1', guest: 'windows2008r2' }]) {
      const lab = domain(o);
      lab.advance(HOUR);
      revertAfterHours(lab);
      expect(ad(lab).usnRollback, JSON.stringify(o)).toBe(true);
      expect(ad(lab).vmGenerationId, JSON.stringify(o)).toBe(false);
    }
  });

  it('restore rule 3: reverting twice to the same snapshot still gives a new, unused invocation ID each time', () => {
    const lab = domain({ host: '6.7', guest: 'windows2016' });
    lab.advance(HOUR);
    revertAfterHours(lab, 2);
    const first = ad(lab).invocationId;
    lab.advance(3 * HOUR);
    runTask(lab, { type: 'snapshot.revert', vm: 'dc01', snapshot: 'before-patch' });
    ok(lab, { type: 'vm.powerOn', vm: 'dc01' });
    settle(lab);
    lab.advance(2 * REPLICATION_CYCLE_MS);
    expect(ad(lab).invocationId).not.toBe(first);
    expect(ad(lab).usnRollback).toBe(false);
  });

  it('a VM that is not a domain controller has no repadmin and no apps.ad', () => {
    const lab = domain();
    ok(lab, { type: 'vm.configure', vm: 'dc02', vssService: 'manual' });
    const s = lab.state().vms.find((v) => v.id === 'dc01')!;
    expect(s.apps.ad).toBeDefined();
    const plain = new Lab({ seed: 1, hosts: [{ id: 'h', version: '5.0' }], datastores: [{ id: 'd', capacityGB: 50 }], vms: [{ id: 'vm1', guest: 'windows2008r2', memoryMB: 1024, disks: [{ id: 'disk1', capacityGB: 10 }] }] });
    expect(plain.state().vms[0].apps.ad).toBeUndefined();
    expect(ok(plain, { type: 'guest.exec', vm: 'vm1', command: 'repadmin /showrepl' }).output).toContain("'repadmin' is not recognized");
  });
});
