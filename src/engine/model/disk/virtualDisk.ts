// A virtual disk: its base file, the tree of delta files above it, and the writable leaf the guest
// writes to. Deltas form a tree (branches after a revert); the chain is the path base -> leaf.
import { GrainMap } from './grainMap';
import { DiskFile, THIN_BLOCK_BYTES, grainBytesOf, type FileFormat } from './diskFile';
import type { FormatSettings } from './formats';
import type { ChangeTracking } from './changeTracking';
import type { DeltaFormat, DiskMode } from '../../core/view';
import type { DiskRole } from '../../core/schema';

export class VirtualDisk {
  readonly base: DiskFile;
  /** Every file of this disk: the base and all deltas, in creation order. */
  files: DiskFile[] = [];
  leaf: DiskFile;
  /** The delta format of this disk's chain; one chain never mixes formats (rule 8). */
  chainFormat: DeltaFormat | null = null;
  controller: 'scsi' | 'ide' = 'scsi';
  /** Changed Block Tracking while it is in effect (null when off); the write path marks it. */
  ctk: ChangeTracking | null = null;
  /** The tracking kept while CBT is off, so that switching it on again is a reset (changeTracking.ts). */
  ctkOff: ChangeTracking | null = null;
  /** A Windows dynamic disk: VSS application quiescing is not possible (vss.md rule 18). */
  dynamic = false;
  /** What the guest keeps here (system, data, log): where workloads write (diskRoles.ts). */
  role: DiskRole = 'data';
  /** The guest's data on the disk when the lab started (usedGB): where its applications' files lie,
   * so where its workloads write (backup rule 21). */
  readonly guestDataBytes: number;

  constructor(
    readonly id: string,
    readonly mode: DiskMode,
    readonly capacityBytes: number,
    readonly thin: boolean,
    readonly folder: string,
    readonly stem: string,          // "EXCH01" for the first disk, "EXCH01_1" for the second
    usedBytes: number,
    private readonly settings: FormatSettings,
    /** A raw device mapping (docs/lab-definition.md): the base is the mapping file, the capacity the LUN's. */
    readonly rdm: 'virtual' | 'physical' | null = null,
    /** The 1 MB blocks the disk holds, exactly (a restore point's image, shared copy on write); without
     *  it, `usedBytes` from the start of the disk. */
    blocks: GrainMap | null = null,
  ) {
    this.guestDataBytes = Math.min(capacityBytes, Math.max(0, usedBytes));
    const total = Math.ceil(capacityBytes / THIN_BLOCK_BYTES);
    const image = blocks !== null && blocks.totalGrains === total ? blocks : null;
    let grains: GrainMap | undefined;
    if (thin) {
      grains = image ? image.clone() : new GrainMap(total);
      const used = Math.min(total, Math.ceil(usedBytes / THIN_BLOCK_BYTES));
      if (!image && used) grains.setRange(0, used);
    }
    const extent = rdm === 'virtual' ? '-rdm' : rdm === 'physical' ? '-rdmp' : '-flat';
    this.base = new DiskFile(`${folder}/${stem}.vmdk`, `${folder}/${stem}${extent}.vmdk`, thin ? 'thin' : 'flat',
      THIN_BLOCK_BYTES, capacityBytes, null, 0, settings, grains);
    if (!thin) {
      this.base.inUse = image ? image.clone() : new GrainMap(total);
      const used = Math.min(total, Math.ceil(usedBytes / THIN_BLOCK_BYTES));
      if (!image && used) this.base.inUse.setRange(0, used);
    }
    this.files.push(this.base);
    this.leaf = this.base;
  }

  /** In snapshots: a physical-mode RDM is excluded like an independent disk (rule 4). */
  get dependent(): boolean { return this.mode === 'dependent' && this.rdm !== 'physical'; }

  /** The chain from the base to `file` (base first). */
  chainTo(file: DiskFile = this.leaf): DiskFile[] {
    const out: DiskFile[] = [];
    for (let f: DiskFile | null = file; f; f = f.parent) out.push(f);
    return out.reverse();
  }

  childrenOf(file: DiskFile): DiskFile[] {
    return this.files.filter((f) => f.parent === file);
  }

  /**
   * The N of this disk's next delta (rule 6): the lowest six-digit number none of this disk's files
   * uses. Each disk counts on its own, so a two-disk VM's first snapshot makes EXCH01-000001.vmdk and
   * EXCH01_1-000001.vmdk (VA: "the number is based on the files that already exist in the directory").
   */
  nextDeltaNumber(): number {
    let n = 1;
    while (this.files.some((f) => f.number === n)) n++;
    return n;
  }

  /** A new empty delta on top of `parent`, numbered by nextDeltaNumber (rule 6), in this chain's format. */
  addDelta(parent: DiskFile, format: DeltaFormat): DiskFile {
    const n = this.nextDeltaNumber();
    const fmt: DeltaFormat = this.chainFormat ?? format;
    this.chainFormat = fmt;
    const name = `${this.folder}/${this.stem}-${String(n).padStart(6, '0')}`;
    const extent = fmt === 'hostedSparse' ? `${name}.vmdk` : `${name}-${fmt === 'seSparse' ? 'sesparse' : 'delta'}.vmdk`;
    const file = new DiskFile(`${name}.vmdk`, extent, fmt, grainBytesOf(fmt), this.capacityBytes, parent, n, this.settings);
    this.files.push(file);
    return file;
  }

  /** The redo log of an independent-nonpersistent disk, discarded at power off (rule 4). */
  addRedo(): DiskFile {
    const path = `${this.folder}/${this.stem}.vmdk.REDO`;
    const file = new DiskFile(path, path, 'redo', grainBytesOf('redo'), this.capacityBytes, this.base, 0, this.settings);
    this.files.push(file);
    return file;
  }

  removeFile(file: DiskFile): void {
    if (file === this.base) throw new Error('the base disk is never removed');
    this.files = this.files.filter((f) => f !== file);
    if (!this.files.some((f) => f.isDelta)) this.chainFormat = null;
  }

  /** Grains [first, end) of the disk for a write of `length` bytes at `offset` into `file`. */
  static grainRange(file: DiskFile, offset: number, length: number): [number, number] {
    return [Math.floor(offset / file.grainBytes), Math.ceil((offset + length) / file.grainBytes)];
  }

  /**
   * Rule 12: a read checks the leaf, then each parent down to the base. For a uniformly random read,
   * the expected number of files consulted, taking each file's share of the disk as independent.
   */
  readAmplification(): number {
    const chain = this.chainTo();
    let expected = 0;
    let missSoFar = 1;
    for (let i = chain.length - 1; i >= 0; i--) {
      const f = chain[i];
      expected += missSoFar;
      if (f.isBase) break;
      const share = f.grains ? f.grains.count / f.grains.totalGrains : 1;
      missSoFar *= 1 - share;
    }
    return expected;
  }

  formatOf(file: DiskFile): FileFormat { return file.format; }
}
