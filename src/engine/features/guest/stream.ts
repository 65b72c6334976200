// One stream of a guest workload at run time: its write schedule (writes per workload tick at its
// share of the VM's IOPS), its own random numbers (so that what it writes never depends on how time
// was cut into advances), and the stretch of writes it is in (stretch.ts).
//
// Random streams cost what their writes into free cells cost, not what all their writes cost (docs/workloads.md,
// "Cost"): a stretch draws how many of its writes land on free cells and places them in bulk. Cells are
// the leaf's grains when a write covers exactly one grain or falls inside one; otherwise the stream
// keeps its own map of the slots it has written in this leaf (a subset of the full ones, which is all
// the law needs).
import { Rng } from '../../core/rng';
import { GrainMap } from '../../model/disk/grainMap';
import type { DiskFile } from '../../model/disk/diskFile';
import type { StreamPlan } from './workloadPlan';
import type { Stretch } from './stretch';

export class StreamRun {
  readonly rng: Rng;
  /** Writes per workload tick. */
  perTick: number;
  /** Tick the schedule counts from, and writes consumed since then. */
  epoch = 0;
  done = 0;
  /** Random streams: the stretch of writes the next write belongs to (or the last one, finished). */
  stretch: Stretch | null = null;
  /** Log streams: the next append's slot in the ring. */
  cursor = 0;
  private cellMap: GrainMap | null = null;
  private cellMapOf: GrainMap | null = null;
  /**
   * Changed Block Tracking sees rewrites too: the slots written since the disk's newest change id
   * (an occupancy process of its own, drawn from its own generator, in stretches of its own).
   */
  readonly cbtRng: Rng;
  cbtSlots: GrainMap | null = null;
  cbtFor: string | null = null;
  cbtStretch: Stretch | null = null;

  constructor(readonly plan: StreamPlan, seed: number, vmIOPS: number, tickMs: number) {
    this.rng = new Rng(seed);
    this.cbtRng = new Rng(seed ^ 0x5bd1e995);
    this.perTick = (vmIOPS * plan.share * tickMs) / 1000;
  }

  /** Writes by the end of tick k (0 before the epoch). */
  writesBy(k: number): number {
    return k <= this.epoch ? 0 : Math.floor((k - this.epoch) * this.perTick + 1e-7);
  }

  /** Start a new schedule at tick k (a new rate): nothing pending. */
  restart(k: number, vmIOPS: number, tickMs: number): void {
    this.epoch = k;
    this.done = 0;
    this.stretch = null;
    this.cbtStretch = null;
    this.perTick = (vmIOPS * this.plan.share * tickMs) / 1000;
  }

  /** Drop the writes before index j (the guest was halted): nothing new from them. */
  skipTo(j: number): void {
    if (j <= this.done) return;
    this.done = j;
    this.stretch = null;
    this.cbtStretch = null;
  }

  /** Where a random stream's cells are in the current leaf, or null when the leaf holds every grain. */
  target(): CellTarget | null {
    const p = this.plan;
    const leaf = p.disk.leaf;
    const g = leaf.grains;
    if (!g) return null;
    const gb = leaf.grainBytes;
    if (p.bytes === gb && p.start % gb === 0) return { leaf, map: g, first: p.start / gb, count: p.slots, own: false };
    if (gb % p.bytes === 0 && p.start % gb === 0 && (p.slots * p.bytes) % gb === 0) {
      return { leaf, map: g, first: p.start / gb, count: (p.slots * p.bytes) / gb, own: false };
    }
    if (this.cellMapOf !== g || !this.cellMap) {
      this.cellMap = cellsFullIn(g, gb, p.start, p.bytes, p.slots);
      this.cellMapOf = g;
    }
    return { leaf, map: this.cellMap, first: 0, count: p.slots, own: true };
  }
}

/** A random stream's cells: [first, first + count) of `map`; `own` when map is the stream's slot map. */
export interface CellTarget { leaf: DiskFile; map: GrainMap; first: number; count: number; own: boolean }

/** The slots of an area that `grains` already holds whole (a fresh slot map for a leaf). */
function cellsFullIn(grains: GrainMap, gb: number, start: number, sb: number, slots: number): GrainMap {
  const m = new GrainMap(slots);
  const g0 = Math.floor(start / gb);
  const g1 = Math.ceil((start + slots * sb) / gb);
  grains.forEachRunIn(g0, g1, (a, b) => {
    const lo = Math.max(0, Math.ceil((a * gb - start) / sb));
    const hi = Math.min(slots, Math.floor((b * gb - start) / sb));
    if (hi > lo) m.setRange(lo, hi);
  });
  return m;
}
