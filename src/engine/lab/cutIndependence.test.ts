// Property (docs/workloads.md): whatever the commands, a lab's state never depends on how the time between
// them was cut into advances, nor on going on in a time-travel copy. Random command scripts
// (snapshots, deletes, reverts, workload and power changes, guest writes and unmaps, CBT, a
// datastore that fills) are played twice: each span advanced whole, and each cut into random pieces
// (some continued in a copy of the lab); the state views and every disk file's grains must match.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { Lab } from './lab';
import type { LabDefinitionInput } from '../core/schema';

const GB = 1024 ** 3;

const def: LabDefinitionInput = {
  seed: 17,
  hosts: [{ id: 'esx01', version: '6.7' }],
  datastores: [{ id: 'ds1', capacityGB: 30, fs: 'vmfs6', MBps: 200 }],
  vms: [
    { id: 'a', memoryMB: 512, deltaFormat: 'seSparse', ctkEnabled: true, disks: [{ id: 'd1', capacityGB: 8 }], workload: { profile: 'uniform', writeIOPS: 150, writeBytes: 4096, regionGB: 6 } },
    { id: 'b', memoryMB: 512, disks: [{ id: 'd1', capacityGB: 6 }, { id: 'd2', capacityGB: 4, role: 'data' }], workload: { profile: 'exchange', writeIOPS: 400 } },
  ],
};

const vmId = fc.constantFrom('a', 'b');
const snapRef = fc.integer({ min: 1, max: 6 }).map((n) => `snapshot-${n}`);
const command = fc.oneof(
  fc.record({ type: fc.constant('snapshot.take'), vm: vmId, name: fc.constantFrom('x', 'y'), quiesce: fc.boolean() }),
  fc.record({ type: fc.constant('snapshot.delete'), vm: vmId, snapshot: snapRef }),
  fc.record({ type: fc.constant('snapshot.revert'), vm: vmId, snapshot: snapRef }),
  fc.record({ type: fc.constant('guest.workload'), vm: fc.constant('b'), profile: fc.constantFrom('sql', 'fileserver', 'idle'), writeIOPS: fc.integer({ min: 0, max: 900 }) }),
  fc.record({ type: fc.constant('guest.workload'), vm: fc.constant('a'), profile: fc.constant('uniform'), writeIOPS: fc.integer({ min: 10, max: 600 }), writeBytes: fc.constantFrom(4096, 8192, 65536), regionGB: fc.constantFrom(0.5, 2, 6) }),
  fc.record({ type: fc.constantFrom('vm.powerOff', 'vm.powerOn', 'vm.suspend'), vm: vmId }),
  fc.record({ type: fc.constant('vm.answer'), vm: vmId, answer: fc.constantFrom('retry', 'abort') }),
  fc.record({ type: fc.constant('guest.write'), vm: vmId, disk: fc.constant('d1'), offset: fc.integer({ min: 0, max: 1000 }).map((m) => m * 1024 * 1024), length: fc.integer({ min: 4096, max: 256 * 1024 * 1024 }) }),
  fc.record({ type: fc.constant('guest.unmap'), vm: fc.constant('a'), disk: fc.constant('d1'), offset: fc.integer({ min: 0, max: 1000 }).map((m) => m * 1024 * 1024), length: fc.integer({ min: 4096, max: GB }) }),
  fc.record({ type: fc.constant('datastore.resize'), datastore: fc.constant('ds1'), capacityGB: fc.integer({ min: 25, max: 60 }) }),
);
/** A step: a command, then some time (up to two hours), cut into pieces at these fractions. */
const step = fc.record({ command, ms: fc.integer({ min: 0, max: 2 * 3600_000 }), cuts: fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: 1, maxLength: 6 }) });

/** The state view plus every disk file's grains as runs: what two runs must agree on. */
function fingerprint(lab: Lab): string {
  const files = lab.vms.flatMap((vm) => vm.disks.flatMap((d) => d.files.map((f) => {
    // A hash of the runs of held grains (FNV-1a over their ends): cheap, and any difference shows.
    let h = 0x811c9dc5;
    f.grains?.forEachRun((a, b) => { h = Math.imul(h ^ a, 16777619); h = Math.imul(h ^ b, 16777619); });
    return `${f.path}:${f.held}:${h >>> 0}`;
  })));
  return JSON.stringify(lab.state()) + files.join('|');
}

/** The fingerprint after each step. Both VMs start on a snapshot, so their writes land in deltas. */
function play(steps: { command: unknown; ms: number; cuts: number[] }[], cut: boolean): string[] {
  let lab = new Lab(def);
  lab.dispatch({ type: 'snapshot.take', vm: 'a', name: 'start' });
  lab.dispatch({ type: 'snapshot.take', vm: 'b', name: 'start' });
  lab.advance(60_000);
  const seen: string[] = [];
  for (const s of steps) {
    lab.dispatch(s.command);
    if (!cut) lab.advance(s.ms);
    else {
      // Cut points inside the span, in whole milliseconds, ascending; the pieces add up to the span.
      const points = [...new Set(s.cuts.map((c) => Math.floor(c * s.ms)))].sort((x, y) => x - y);
      let at = 0;
      for (const p of [...points, s.ms]) {
        lab.advance(p - at);
        at = p;
        // Go on in a time-travel copy now and then: a checkpoint writes on exactly as its lab would.
        if (p % 3 === 0) lab = lab.fork()?.lab ?? lab;
      }
    }
    seen.push(fingerprint(lab));
  }
  return seen;
}

describe('the state never depends on how time was cut into advances', () => {
  it('random command scripts, each span advanced whole or in random pieces, give the same state and grains', () => {
    fc.assert(fc.property(fc.array(step, { minLength: 1, maxLength: 8 }), (steps) => {
      expect(play(steps, true)).toEqual(play(steps, false));
    }), { numRuns: Number(process.env.CUT_RUNS ?? 25) });
  }, 300_000);
});
