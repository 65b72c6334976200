// ChangeTracking.markCells marks exactly what one mark per write would: the bulk path the workloads
// use (features/guest/workload.ts) must not change which blocks a backup reads.
import { describe, expect, it } from 'vitest';
import { ChangeTracking, cbtBlockBytes } from './changeTracking';
import { Rng } from '../../core/rng';

const KB = 1024;
const GiB = 1024 ** 3;

function ranges(ctk: ChangeTracking, id: string): number[][] {
  const m = ctk.changedSince(id)!;
  const out: number[][] = [];
  let run: number[] | null = null;
  for (let b = 0; b < Math.ceil(ctk.capacityBytes / ctk.blockBytes); b++) {
    if (m.has(b)) { if (run && run[1] === b) run[1] = b + 1; else { run = [b, b + 1]; out.push(run); } }
  }
  return out;
}

describe('ChangeTracking.markCells', () => {
  it.each([
    ['8 KB writes in 64 KB blocks', 8 * KB, 0, 20_000, 3000],
    ['few 4 KB writes over a wide area (sorted path)', 4 * KB, 3 * 1024 * KB, 200_000, 40],
    ['64 KB writes, unaligned start', 64 * KB, 12 * KB, 5000, 4000],
    ['1 MB writes over 64 KB blocks', 1024 * KB, 0, 500, 300],
    ['many writes, area start not on a block', 8 * KB, 1000 * KB + 4 * KB, 50_000, 60_000],
  ])('marks the same blocks as one mark per write: %s', (_name, cellBytes, start, slots, n) => {
    const cap = 10 * GiB;
    const one = new ChangeTracking(cap, 'vm/disk1');
    const bulk = new ChangeTracking(cap, 'vm/disk1');
    const older = [one.newChangeId(), bulk.newChangeId()];
    const newer = [one.newChangeId(), bulk.newChangeId()];
    const rng = new Rng(n);
    const cells = new Uint32Array(n);
    for (let i = 0; i < n; i++) cells[i] = rng.int(slots);
    for (let i = 0; i < n; i++) one.mark(start + cells[i] * cellBytes, cellBytes);
    bulk.markCells(start, cellBytes, slots, cells, n);
    expect(bulk.blockBytes).toBe(cbtBlockBytes(cap));
    expect(ranges(bulk, older[1])).toEqual(ranges(one, older[0]));
    expect(ranges(bulk, newer[1])).toEqual(ranges(one, newer[0]));
    expect(bulk.changedBytesSince(newer[1])).toBe(one.changedBytesSince(newer[0]));
  });
});
