// Property tests: random command sequences never throw and keep the lab's invariants.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { Lab } from './lab';
import type { LabDefinitionInput } from '../core/schema';

const def = (host: string): LabDefinitionInput => ({
  seed: 3,
  hosts: [{ id: 'esx01', version: host as never }],
  datastores: [{ id: 'ds1', capacityGB: 40, fs: 'vmfs3', MBps: 200 }],
  vms: [
    { id: 'a', memoryMB: 512, disks: [{ id: 'd1', capacityGB: 8 }, { id: 'd2', capacityGB: 2, thin: true, usedGB: 0 }, { id: 'ip', capacityGB: 1, mode: 'independent-persistent', thin: true, usedGB: 0 }] },
    { id: 'b', memoryMB: 256, guest: 'linux', deltaFormat: 'seSparse', disks: [{ id: 'd1', capacityGB: 6 }, { id: 'np', capacityGB: 1, mode: 'independent-nonpersistent' }], workload: { profile: 'fileserver', writeIOPS: 30 } },
  ],
  settings: { vmfsSparseGrowthStepMB: 1 },
});

const vmId = fc.constantFrom('a', 'b');
const snapRef = fc.integer({ min: 1, max: 12 }).map((n) => `snapshot-${n}`);
const command = fc.oneof(
  fc.record({ type: fc.constant('snapshot.take'), vm: vmId, name: fc.constantFrom('x', 'y', 'z'), memory: fc.boolean(), quiesce: fc.boolean() }),
  fc.record({ type: fc.constant('snapshot.revert'), vm: vmId, snapshot: snapRef }),
  fc.record({ type: fc.constant('snapshot.delete'), vm: vmId, snapshot: snapRef, removeChildren: fc.boolean() }),
  fc.record({ type: fc.constant('snapshot.deleteAll'), vm: vmId }),
  fc.record({ type: fc.constant('vm.consolidate'), vm: vmId }),
  fc.record({ type: fc.constant('guest.write'), vm: vmId, disk: fc.constantFrom('d1', 'd2', 'ip', 'np'), offset: fc.integer({ min: 0, max: 900 }).map((m) => m * 1024 * 1024 + 123), length: fc.integer({ min: 1, max: 3 * 1024 * 1024 * 1024 }) }),
  fc.record({ type: fc.constantFrom('vm.powerOn', 'vm.powerOff', 'vm.suspend', 'vm.reset'), vm: vmId }),
  fc.record({ type: fc.constant('vm.answer'), vm: vmId, answer: fc.constantFrom('retry', 'abort') }),
  fc.record({ type: fc.constant('fault.inject'), vm: vmId, fault: fc.constant({ kind: 'fileLock', once: true }) }),
  fc.record({ type: fc.constant('datastore.resize'), datastore: fc.constant('ds1'), capacityGB: fc.integer({ min: 20, max: 80 }) }),
  fc.record({ type: fc.constant('clock.advance'), ms: fc.integer({ min: 0, max: 600_000 }) }),
);

function checkInvariants(lab: Lab): void {
  const s = lab.state();
  for (const ds of s.datastores) {
    // The write path's running total and the datastore browser's list always agree.
    expect(lab.datastore(ds.id)!.usedBytes).toBe(ds.usedBytes);
    expect(ds.usedBytes).toBeLessThanOrEqual(ds.capacityBytes);
    expect(new Set(ds.files.map((f) => f.path)).size).toBe(ds.files.length);
  }
  for (const vm of lab.vms) {
    expect(vm.branchDepth).toBeLessThanOrEqual(vm.maxSnapshots());
    expect(vm.current === null || vm.snapshots.includes(vm.current)).toBe(true);
    for (const snap of vm.snapshots) expect(snap.parent === null || vm.snapshots.includes(snap.parent)).toBe(true);
    for (const disk of vm.disks) {
      expect(disk.files).toContain(disk.leaf);
      // Every file is on the current chain or under a file some snapshot names: nothing is lost track of.
      const live = new Set<unknown>();
      const roots = [disk.leaf, ...vm.snapshots.map((x) => x.files.get(disk.id)).filter(Boolean)];
      for (const r of roots) for (let f = r ?? null; f; f = f.parent) live.add(f);
      for (const f of disk.files) {
        const kids = disk.files.filter((k) => k.parent === f).length;
        expect(live.has(f) || kids > 0).toBe(true);
        expect(f.dataBytes).toBeGreaterThanOrEqual(0);
        expect(f.dataBytes).toBeLessThanOrEqual(disk.capacityBytes);
        expect(f.parent === null || disk.files.includes(f.parent)).toBe(true);
      }
      const formats = new Set(disk.files.filter((f) => f.isDelta && f.format !== 'redo').map((f) => f.format));
      expect(formats.size).toBeLessThanOrEqual(1);
      if (!disk.dependent) expect(disk.files.filter((f) => f.isDelta && f.format !== 'redo')).toHaveLength(0);
    }
  }
}

function play(host: string, cmds: unknown[]): string {
  const lab = new Lab(def(host));
  for (const c of cmds) {
    lab.dispatch(c);
    lab.advance(2000);
    checkInvariants(lab);
  }
  lab.advance(3600_000);
  checkInvariants(lab);
  return JSON.stringify(lab.state());
}

describe('random command sequences', () => {
  for (const host of ['3.5u2', '4.0u2', '5.0']) {
    it(`never throw, keep the invariants and replay identically (ESX ${host})`, () => {
      fc.assert(fc.property(fc.array(command, { minLength: 1, maxLength: 40 }), (cmds) => {
        expect(play(host, cmds)).toBe(play(host, cmds));
      }), { numRuns: 40, seed: 20101 });
    });
  }
});
