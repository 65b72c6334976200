// One file of a virtual disk's chain: the base (flat or thin) or a delta (redo log). The guest's
// write path ends here, so it is kept tight: grain marking plus a cheap check that the file's
// on-datastore size still covers what it holds (rules 7-10).
import { GrainMap } from './grainMap';
import { withoutRange } from './grainUnmap';
import { GRAIN_BYTES, deltaSizeBytes, deltaDescriptorBytes, type FormatSettings } from './formats';
import type { DeltaFormat, BaseFormat } from '../../core/view';

export type FileFormat = BaseFormat | DeltaFormat | 'redo';
export const THIN_BLOCK_BYTES = 1024 * 1024; // a VMFS file block: what a thin base grows by

let nextFileId = 1;

/** Slices in a chain file's occupancy picture: enough to see where data lies, small in every state post. */
export const OCCUPANCY_SLICES = 64;
const FULL_OCCUPANCY: number[] = new Array<number>(OCCUPANCY_SLICES).fill(1);

export class DiskFile {
  readonly uid = nextFileId++;
  parent: DiskFile | null;
  /** Grains held; null for a flat (thick) base, which holds every grain. */
  grains: GrainMap | null;
  /** A flat base's blocks the guest has written (1 MB VMFS blocks), grown by merges: what a backup
   * that skips unused blocks reads. Thin bases have this in `grains`; deltas hold grains. */
  inUse: GrainMap | null = null;
  sizeBytes = 0;
  /** A "Consolidate Helper" delta: it takes the guest's writes during a merge before 6.0 (rule 17). */
  helper = false;
  // Linear size model of a delta before rounding to its growth step: meta + tables*gt + grains*grain.
  private readonly metaBytes: number;
  private readonly tableBytes: number;

  constructor(
    readonly path: string,         // descriptor path inside the datastore, e.g. "EXCH01/EXCH01-000001.vmdk"
    readonly extentPath: string,   // the data file ("-flat", "-delta", "-sesparse"; the same path when monolithic)
    readonly format: FileFormat,
    readonly grainBytes: number,
    readonly capacityBytes: number,
    parent: DiskFile | null,
    readonly number: number,       // the six-digit N of a delta, 0 for a base
    private readonly settings: FormatSettings,
    initialGrains?: GrainMap,
  ) {
    this.parent = parent;
    this.grains = format === 'flat' ? null : initialGrains ?? new GrainMap(Math.ceil(capacityBytes / grainBytes));
    if (this.isDelta) {
      const f = deltaFormatOf(format);
      const exact = { vmfsSparseGrowthStepBytes: 1, seSparseGrowthStepBytes: 1 };
      this.metaBytes = deltaSizeBytes(f, capacityBytes, 0, 0, exact);
      this.tableBytes = deltaSizeBytes(f, capacityBytes, 0, 1, exact) - this.metaBytes;
    } else {
      this.metaBytes = 0;
      this.tableBytes = 0;
    }
    this.sizeBytes = this.computeSize(this.held, this.tables);
  }

  get isDelta(): boolean { return this.format !== 'flat' && this.format !== 'thin'; }
  get isBase(): boolean { return !this.isDelta; }
  get held(): number { return this.grains ? this.grains.count : Math.ceil(this.capacityBytes / this.grainBytes); }
  get tables(): number { return this.grains ? this.grains.chunkCount : 0; }
  /**
   * Where the file holds data (the state view's chain[].occupancy): OCCUPANCY_SLICES equal slices of
   * the disk's address space, each the fraction of its grains held, to 2 decimals (a slice with any
   * grain shows at least 0.01). A flat base holds everything. The per-slice counts are counted once
   * (cost follows the data held) and then kept by each write, so a state post costs 64 divisions.
   */
  occupancy(): number[] {
    const g = this.grains;
    if (!g) return FULL_OCCUPANCY;
    if (this.sliceCounts === null) this.sliceCounts = g.countsPerSlice(OCCUPANCY_SLICES);
    if (this.occupancyView !== null && this.occupancyAt === g.count) return this.occupancyView;
    const total = g.totalGrains;
    const counts = this.sliceCounts;
    const view = new Array<number>(OCCUPANCY_SLICES);
    for (let k = 0; k < OCCUPANCY_SLICES; k++) {
      const size = Math.ceil(((k + 1) * total) / OCCUPANCY_SLICES) - Math.ceil((k * total) / OCCUPANCY_SLICES);
      const f = size > 0 ? counts[k] / size : 0;
      view[k] = f === 0 ? 0 : Math.max(0.01, Math.round(f * 100) / 100);
    }
    this.occupancyView = view;
    this.occupancyAt = g.count;
    return view;
  }
  /** Grains held per occupancy slice, once occupancy() was asked for; null when it must be counted again. */
  private sliceCounts: Float64Array | null = null;
  /** Does the state view follow this file's occupancy (so bulk writes must report what they add)? */
  get tracksOccupancy(): boolean { return this.sliceCounts !== null; }
  private occupancyView: number[] | null = null;
  private occupancyAt = -1;

  /** Grains were marked in bulk: count the occupancy slices again when next asked. */
  forgetOccupancy(): void {
    this.sliceCounts = null;
    this.occupancyView = null;
  }

  /** Keep the slice counts after `fresh` new grains in [first, end). */
  noteWritten(first: number, end: number, fresh: number): void {
    const counts = this.sliceCounts;
    if (counts === null || fresh === 0) return;
    const total = this.grains!.totalGrains;
    const a = Math.min(OCCUPANCY_SLICES - 1, Math.floor((first * OCCUPANCY_SLICES) / total));
    const b = Math.min(OCCUPANCY_SLICES - 1, Math.floor(((end - 1) * OCCUPANCY_SLICES) / total));
    if (a === b) { counts[a] += fresh; return; }
    // A write across slice edges (hundreds of MB at once): count those slices again.
    for (let k = a; k <= b; k++) {
      counts[k] = this.grains!.countInRange(Math.ceil((k * total) / OCCUPANCY_SLICES), Math.min(total, Math.ceil(((k + 1) * total) / OCCUPANCY_SLICES)));
    }
  }

  /** Grains held times grain size (the state view's dataBytes). */
  get dataBytes(): number { return this.isDelta ? this.held * this.grainBytes : Math.min(this.capacityBytes, this.held * this.grainBytes); }
  /** Bytes of the descriptor file, shown separately by the datastore browser (none when monolithic). */
  get descriptorBytes(): number { return this.extentPath === this.path ? 0 : deltaDescriptorBytes(); }

  computeSize(held: number, tables: number): number {
    if (this.format === 'flat') return this.capacityBytes;
    if (this.format === 'thin') return held * this.grainBytes;
    return deltaSizeBytes(deltaFormatOf(this.format), this.capacityBytes, held, tables, this.settings);
  }

  /**
   * Bytes this file must grow by to take a write of grains [first, end), or 0 when it fits in the
   * space it already has. Cheap upper-bound test first; the exact count only near a growth step.
   */
  growthFor(first: number, end: number): number {
    const g = this.grains;
    if (!g) return 0;
    const span = end - first;
    const spannedTables = Math.floor((end - 1) / 4096) - Math.floor(first / 4096) + 1;
    if (this.format !== 'thin' && this.metaBytes + (g.chunkCount + spannedTables) * this.tableBytes + (g.count + span) * this.grainBytes <= this.sizeBytes) return 0;
    const fresh = span === 1 ? (g.has(first) ? 0 : 1) : span - g.countInRange(first, end);
    if (fresh === 0) return 0;
    let newTables = 0;
    for (let t = Math.floor(first / 4096); t <= Math.floor((end - 1) / 4096); t++) if (!g.hasChunk(t)) newTables++;
    return Math.max(0, this.computeSize(g.count + fresh, g.chunkCount + newTables) - this.sizeBytes);
  }

  /**
   * The write path's fast lane: when even the worst case of this write (every grain new, every table
   * it can touch new) fits in the file's current size, mark the grains and say true; otherwise leave
   * the file alone and say false, and the caller takes the exact path (growthFor, then write).
   */
  tryWrite(first: number, end: number): boolean {
    const g = this.grains;
    if (g === null) {
      // A flat base holds every grain; the guest's write puts its 1 MB blocks in use (backup rule 7).
      const u = this.inUse;
      if (u !== null) { if (end - first === 1) u.setOne(first); else u.setRange(first, end); }
      return true;
    }
    const span = end - first;
    if (this.format === 'thin') return span === 1 ? g.has(first) : g.countInRange(first, end) === span;
    if (span === 1) {
      // One grain (a 4 KB write on SEsparse): the worst case first (cheap), then the exact case, so
      // only a write that really grows the file leaves the fast lane.
      const room = this.sizeBytes - this.metaBytes - (g.count + 1) * this.grainBytes;
      if (room < (g.chunkCount + 1) * this.tableBytes) {
        if (g.has(first)) return true;
        if (room < (g.chunkCount + (g.hasChunk((first / 4096) | 0) ? 0 : 1)) * this.tableBytes) return false;
      }
      if (g.setOne(first) !== 0 && this.sliceCounts !== null) this.noteWritten(first, end, 1);
      return true;
    }
    if (this.metaBytes + (g.chunkCount + 1 + Math.ceil(span / 4096)) * this.tableBytes + (g.count + span) * this.grainBytes > this.sizeBytes) return false;
    const fresh = g.setRange(first, end);
    if (this.sliceCounts !== null) this.noteWritten(first, end, fresh);
    return true;
  }

  /** Mark grains [first, end) held; returns how many were new. The caller checked space first. */
  write(first: number, end: number): number {
    const g = this.grains;
    if (!g) return 0;
    const fresh = g.setRange(first, end);
    if (fresh) { this.refreshSize(); this.noteWritten(first, end, fresh); }
    return fresh;
  }

  /**
   * The guest freed [first, end) (UNMAP/TRIM). Only SEsparse gives the grains and the space back
   * (rule 8); other formats keep what they allocated. Returns the grains released.
   */
  unmap(first: number, end: number): number {
    if (this.format !== 'seSparse' || !this.grains) return 0;
    const before = this.grains.count;
    this.grains = withoutRange(this.grains, first, end);
    this.sliceCounts = null;
    this.occupancyView = null;
    const released = before - this.grains.count;
    if (released) this.sizeBytes = this.computeSize(this.grains.count, this.grains.chunkCount);
    return released;
  }

  refreshSize(): void {
    const g = this.grains;
    if (!g) return;
    // Only re-evaluate when the linear model says the current allocation is exceeded.
    if (this.format !== 'thin' && this.metaBytes + g.chunkCount * this.tableBytes + g.count * this.grainBytes <= this.sizeBytes) return;
    this.sizeBytes = Math.max(this.sizeBytes, this.computeSize(g.count, g.chunkCount));
  }

  /** Size after a merge of `from` into this file, without doing it (a merge needs that room first). */
  sizeAfterMerge(from: DiskFile): number {
    if (!this.grains || !from.grains) return this.sizeBytes;
    const ratio = this.grainBytes / from.grainBytes;
    const fresh = ratio === 1 ? from.grains.countNotIn(this.grains) : this.grains.countScaledNotIn(from.grains, ratio);
    // Tables: an upper bound is good enough for a space check (merged tables <= both together).
    const tables = Math.min(this.grains.chunkCount + from.grains.chunkCount, Math.ceil(this.grains.totalGrains / 4096));
    return Math.max(this.sizeBytes, this.computeSize(this.grains.count + fresh, tables));
  }

  /** Copy `from`'s grains into this file (the union; rule 20). */
  mergeFrom(from: DiskFile): void {
    if (this.inUse && from.grains) this.inUse.unionScaledFrom(from.grains, THIN_BLOCK_BYTES / from.grainBytes);
    if (!this.grains || !from.grains) return;
    const ratio = this.grainBytes / from.grainBytes;
    if (ratio === 1) this.grains.unionFrom(from.grains);
    else this.grains.unionScaledFrom(from.grains, ratio);
    this.sliceCounts = null; // a merge adds grains anywhere: count again when next asked
    this.occupancyView = null;
    this.sizeBytes = Math.max(this.sizeBytes, this.computeSize(this.grains.count, this.grains.chunkCount));
  }
}

export function deltaFormatOf(format: FileFormat): DeltaFormat {
  return format === 'redo' ? 'vmfsSparse' : (format as DeltaFormat);
}

export function grainBytesOf(format: FileFormat): number {
  if (format === 'flat' || format === 'thin') return THIN_BLOCK_BYTES;
  return GRAIN_BYTES[deltaFormatOf(format)];
}
