// Property: a lab rebuilt from any checkpoint (Lab.fork, which time travel keeps) answers every later
// command exactly as the live lab did, with the same state and grains after each, while the live lab
// goes on writing into the pages and chunks it shares with its copies, and each checkpoint still holds
// what it held when taken. Small memory budgets included: a copy must count its memory as the lab
// does, or it refuses what the lab accepted.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { Lab } from './lab';
import type { LabDefinitionInput } from '../core/schema';

const GiB = 1024 ** 3;

/**
 * ESX 4.0 (vmfsSparse, a grain-map page per 2 GiB) and 6.7 (SEsparse), in a budget from tiny to ample:
 * a few MB is where a whole page written (a few bytes in the shared full form, 1024 chunk bitmaps
 * otherwise) or a chunk more or less decides whether the next write is accepted.
 */
const def = (memoryBudgetMB: number): LabDefinitionInput => ({
  seed: 23,
  hosts: [{ id: 'esx01', version: '4.0' }, { id: 'esx02', version: '6.7' }],
  datastores: [{ id: 'ds1', capacityGB: 120, fs: 'vmfs3', blockSizeMB: 8, MBps: 200 }, { id: 'ds2', capacityGB: 60, fs: 'vmfs6' }],
  vms: [
    { id: 'a', memoryMB: 512, host: 'esx01', datastore: 'ds1', disks: [{ id: 'd1', capacityGB: 16 }, { id: 'd2', capacityGB: 8, thin: true, usedGB: 4 }] },
    { id: 'b', memoryMB: 512, host: 'esx02', datastore: 'ds2', deltaFormat: 'seSparse', disks: [{ id: 'd1', capacityGB: 8 }], workload: { profile: 'uniform', writeIOPS: 40, writeBytes: 4096, regionGB: 1 } },
  ],
  settings: { memoryBudgetMB },
});

const vmId = fc.constantFrom('a', 'b');
const snapRef = fc.integer({ min: 1, max: 6 }).map((n) => `snapshot-${n}`);
const command = fc.oneof(
  fc.record({ type: fc.constant('snapshot.take'), vm: vmId, name: fc.constantFrom('x', 'y') }),
  fc.record({ type: fc.constant('snapshot.delete'), vm: vmId, snapshot: snapRef }),
  fc.record({ type: fc.constant('snapshot.revert'), vm: vmId, snapshot: snapRef }),
  fc.record({ type: fc.constantFrom('vm.powerOff', 'vm.powerOn', 'vm.consolidate'), vm: vmId }),
  // Whole 2 GiB pages on vmfsSparse (the shared full form) and scattered writes on both VMs.
  fc.record({ type: fc.constant('guest.write'), vm: fc.constant('a'), disk: fc.constantFrom('d1', 'd2'), offset: fc.integer({ min: 0, max: 3 }).map((n) => n * 2 * GiB), length: fc.constantFrom(2 * GiB, 4 * GiB, 1024 * 1024) }),
  fc.record({ type: fc.constant('guest.write'), vm: fc.constant('b'), disk: fc.constant('d1'), offset: fc.integer({ min: 0, max: 4000 }).map((m) => m * 1024 * 1024), length: fc.integer({ min: 4096, max: GiB }) }),
  // Small writes into chunks a checkpoint may share (vmfsSparse: a chunk is 2 MB of the disk).
  fc.record({ type: fc.constant('guest.write'), vm: fc.constant('a'), disk: fc.constant('d1'), offset: fc.integer({ min: 0, max: 8191 }).map((n) => n * 2 * 1024 * 1024 + 4096 * (n % 7)), length: fc.constantFrom(512, 4096, 65536) }),
  fc.record({ type: fc.constant('guest.workload'), vm: fc.constant('b'), profile: fc.constant('uniform'), writeIOPS: fc.integer({ min: 0, max: 300 }), writeBytes: fc.constantFrom(4096, 65536), regionGB: fc.constantFrom(1, 4) }),
);
const step = fc.record({ command, ms: fc.integer({ min: 0, max: 20 * 60_000 }), checkpoint: fc.boolean() });

/** The state view plus every disk file's grains (a hash of their runs). */
function fingerprint(lab: Lab): string {
  const files = lab.vms.flatMap((vm) => vm.disks.flatMap((d) => d.files.map((f) => {
    let h = 0x811c9dc5;
    f.grains?.forEachRun((a, b) => { h = Math.imul(h ^ a, 16777619); h = Math.imul(h ^ b, 16777619); });
    return `${f.path}:${f.held}:${h >>> 0}`;
  })));
  return JSON.stringify(lab.state()) + files.join('|');
}

type Step = { command: unknown; ms: number; checkpoint: boolean };

/** Each step's answer and the fingerprint after its time, from step `from` on. */
function play(lab: Lab, steps: Step[], from: number, copies?: Map<number, Lab>, taken?: Map<number, string>): string[] {
  const seen: string[] = [];
  for (let i = from; i < steps.length; i++) {
    // A checkpoint as time travel takes it: a copy before the step, kept while the lab goes on.
    if (copies && steps[i].checkpoint) {
      const c = lab.fork();
      if (c) { copies.set(i, c.lab); taken?.set(i, fingerprint(c.lab)); }
    }
    seen.push(JSON.stringify(lab.dispatch(steps[i].command)));
    lab.advance(steps[i].ms);
    seen.push(fingerprint(lab));
  }
  return seen;
}

describe('a lab rebuilt from a checkpoint answers as the live lab did', () => {
  it('random scripts in memory budgets from 2 MB to 1 GB: every later answer, state and grain matches', () => {
    fc.assert(fc.property(fc.constantFrom(2, 3, 6, 1024), fc.array(step, { minLength: 1, maxLength: 8 }), (budget, steps) => {
      const lab = new Lab(def(budget));
      lab.dispatch({ type: 'snapshot.take', vm: 'a', name: 'start' });
      lab.dispatch({ type: 'snapshot.take', vm: 'b', name: 'start' });
      // Three whole pages from the start, so that every checkpoint holds some.
      lab.dispatch({ type: 'guest.write', vm: 'a', disk: 'd1', offset: 0, length: 6 * GiB });
      lab.advance(60_000);
      const copies = new Map<number, Lab>();
      const taken = new Map<number, string>();
      const live = play(lab, steps, 0, copies, taken);
      for (const [at, copy] of copies) {
        // As a seek does: go on in a copy of the checkpoint, so the checkpoint itself stays as it was.
        const rebuilt = copy.fork()!.lab;
        expect(play(rebuilt, steps, at), `from checkpoint before step ${at}`).toEqual(live.slice(2 * at));
        // Neither the live lab's writes nor the rebuilt lab's reached the checkpoint.
        expect(fingerprint(copy), `checkpoint before step ${at}`).toBe(taken.get(at));
      }
    }), { numRuns: Number(process.env.CHECKPOINT_RUNS ?? 20) });
  }, 300_000);
});
