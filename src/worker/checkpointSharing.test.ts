// Checkpoints share the lab's grain-map pages (copy on write): a copy must answer exactly as the lab it
// was taken from, however its pages are held, and must cost what changed since the copy before it.
import { describe, expect, it } from 'vitest';
import * as engine from '../engine/index';
import { LabHost } from './labHost';
import type { StateView } from '../engine/core/view';

const MIN = 60_000;
const GiB = 1024 ** 3;

/** A VM on ESX 4.0 (vmfsSparse deltas, 512-byte grains: a grain-map page covers 2 GiB) in an 8 MB memory budget. */
const smallBudgetLab = {
  name: 'Small memory budget',
  seed: 3,
  hosts: [{ id: 'esx01', version: '4.0' }],
  datastores: [{ id: 'ds1', capacityGB: 400, fs: 'vmfs3', blockSizeMB: 8 }],
  vms: [{ id: 'vm1', memoryMB: 1024, disks: [{ id: 'disk1', capacityGB: 100 }] }],
  settings: { memoryBudgetMB: 8 },
};

function host() {
  let real = 0;
  // The real clock moves a second per reading, so checkpoints are taken as time runs.
  const h = new LabHost({ engine, post: () => {}, now: () => (real += 1000), setTimer: () => 1, clearTimer: () => {} });
  const loaded = h.handle({ kind: 'load', source: smallBudgetLab });
  if (!loaded.ok) throw new Error(loaded.error.message);
  return h;
}

const write = (offset: number, length: number) => ({ type: 'guest.write', vm: 'vm1', disk: 'disk1', offset, length });
const deltaBytes = (s: StateView) => s.vms[0].disks[0].chain.slice(1).map((f) => f.dataBytes);

describe('checkpoints sharing grain-map pages', () => {
  it('a seek rebuilt from a checkpoint holding whole-page writes accepts what the lab accepted (seek(180000): 40 GiB delta, not 0 bytes)', () => {
    const h = host();
    expect(h.handle({ kind: 'dispatch', command: { type: 'snapshot.take', vm: 'vm1', name: 's1' } }).ok).toBe(true);
    h.handle({ kind: 'advance', ms: 5000 });
    // 40 GiB written whole: 20 full pages, which the lab holds in the shared full form (a few bytes each).
    expect(h.handle({ kind: 'dispatch', command: write(0, 40 * GiB) }).ok).toBe(true);
    h.handle({ kind: 'advance', ms: 2 * MIN - 5000 });
    expect(h.checkpointStats().count).toBeGreaterThan(0);
    expect(h.handle({ kind: 'dispatch', command: { type: 'snapshot.take', vm: 'vm1', name: 's2' } }).ok).toBe(true);
    h.handle({ kind: 'advance', ms: 5000 });
    expect(h.handle({ kind: 'dispatch', command: write(0, 40 * GiB) }).ok).toBe(true);
    h.handle({ kind: 'advance', ms: MIN });
    const live = h.handle({ kind: 'state' });
    expect(deltaBytes(live)).toEqual([40 * GiB, 40 * GiB]);
    // Back before the second write, then to 3 min: rebuilt from the checkpoint at about a minute.
    h.handle({ kind: 'seek', ms: 100_000 });
    expect(deltaBytes(h.handle({ kind: 'seek', ms: 180_000 }) as StateView)).toEqual([40 * GiB, 40 * GiB]);
    expect(h.handle({ kind: 'seek', ms: live.time })).toEqual(live);
  });

  it('a copy of a lab whose pages did not change since the last copy costs almost nothing more', () => {
    const lab = engine.createLab(engine.builtInLabs.datacenter) as engine.Lab;
    lab.advance(10 * MIN);
    const first = lab.fork()!;
    lab.advance(10 * MIN);
    const second = lab.fork()!;
    const pages = [...second.shared.keys()];
    expect(pages.length).toBeGreaterThan(0);
    // In ten minutes the guests mark few new blocks in use (their file systems grow slowly): nearly
    // every page is still shared with the copy before, and the new copy costs only those few.
    expect(pages.filter((p) => !first.shared.has(p)).length).toBeLessThanOrEqual(pages.length / 8);
    expect(second.bytes).toBeLessThan(1024 * 1024);
  });
});
