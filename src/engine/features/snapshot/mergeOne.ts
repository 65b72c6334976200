// One merge of a child file into its parent, the way the host's version does it (rule 17).
// - Not live (the VM is off, or the child is not the running leaf): one copy at datastore speed.
// - Live before 6.0 (Broadcom KB 337175, "iterative redolog consolidation"): a "Consolidate Helper"
//   delta takes the guest's writes while the child is copied; then the helper is the one to merge.
//   If it can be copied within 12 s (Cormac Hogan, "Snapshot consolidation changes in vSphere 6.0")
//   the VM is stunned for that copy; otherwise another pass with a new helper. After the last allowed
//   pass the VM is stunned for whatever is left, however long (KB 2039754).
// - Live from 6.0: the mirror driver writes the guest's writes to both the child and the parent while
//   the child is copied, so one pass finishes it with a short stun.
// The merge is an object whose steps are scheduled as data, so a lab merging can be copied.
import type { LabContext } from '../context';
import type { Vm } from '../../model/vm';
import type { VirtualDisk } from '../../model/disk/virtualDisk';
import type { DiskFile } from '../../model/disk/diskFile';
import { hostHas } from '../../core/hostVersions';
import { formatBytes } from '../../core/format';
import { stun } from '../vm/stun';
import { copySpeed } from '../datastore/speed';

/** The helper's data must copy within this to be merged in one stunned pass (Hogan: 12 seconds). */
export const HELPER_SYNC_LIMIT_MS = 12_000;
/** Helper passes before the host forces the stunned pass (KB 2039754 names a limit; 10 is inferred). */
export const MAX_HELPER_PASSES = 10;
/** The stun that ends a mirrored merge or switches the disk to a new helper (inferred: well under 1 s). */
const SHORT_STUN_MS = 200;

/** What a merge reports to (a lab object, such as consolidate.ts's Consolidation: hooks are its methods). */
export interface MergeHooks {
  /** The merge is done: `into` holds `from`'s data (and any helpers'), `from` is gone. */
  done(passes: number): void;
  /** A check failed part way (files gone, no room): the merge stops here. */
  fail(why: string): void;
  /** Progress: this pass is expected to last `ms`. */
  pass(ms: number): void;
  /** Apply a merge to the VM's chain (consolidate.ts's applyMerge). */
  apply(from: DiskFile, into: DiskFile): void;
}

export function mergeOne(lab: LabContext, vm: Vm, disk: VirtualDisk, from: DiskFile, into: DiskFile, hooks: MergeHooks): void {
  new Merge(lab, vm, disk, into, hooks).start(from);
}

/** One merge into `into`; the steps after the first are called by the scheduler (so public). */
class Merge {
  constructor(
    private readonly lab: LabContext, private readonly vm: Vm, private readonly disk: VirtualDisk,
    private readonly into: DiskFile, private readonly hooks: MergeHooks,
  ) {}

  private copyMs(f: DiskFile): number { return Math.max(50, f.dataBytes / copySpeed(this.lab, this.vm)); }

  start(from: DiskFile): void {
    const { lab, vm, disk, into, hooks } = this;
    const live = from === disk.leaf && vm.power === 'poweredOn';
    if (!live) {
      hooks.pass(this.copyMs(from));
      lab.scheduler.callOn(this.copyMs(from), this, 'finish', from, 0, 0);
      return;
    }
    if (hostHas(vm.host.version, 'mirrorConsolidation')) {
      // The mirror driver keeps the parent current with every guest write while the copy runs.
      lab.log(vm, 'host', 'disk.mirrorMerge', `The mirror driver copies ${name(from.extentPath)} (${formatBytes(from.dataBytes)}) into ${name(into.extentPath)} and mirrors ${vm.name}'s new writes to both.`);
      hooks.pass(this.copyMs(from));
      lab.scheduler.callOn(this.copyMs(from), this, 'finish', from, 0, SHORT_STUN_MS);
      return;
    }
    this.helperPass(from, 1);
  }

  /** One pass before 6.0: the guest writes into a new helper while `source` is copied into `into`. */
  private helperPass(source: DiskFile, pass: number): void {
    stun(this.lab, this.vm, SHORT_STUN_MS);
    this.lab.scheduler.callOn(SHORT_STUN_MS, this, 'helperStart', source, pass);
  }

  /** The short stun ended: a new helper takes the guest's writes while `source` is copied. */
  helperStart(source: DiskFile, pass: number): void {
    const { lab, vm, disk, into, hooks } = this;
    if (!this.alive(source)) return;
    const helper = disk.addDelta(source, disk.chainFormat ?? 'vmfsSparse');
    helper.helper = true;
    disk.leaf = helper;
    lab.log(vm, 'host', 'disk.consolidateHelper', `Consolidate Helper ${name(helper.path)}: ${vm.name} writes there while ${name(source.extentPath)} (${formatBytes(source.dataBytes)}) is copied into ${name(into.extentPath)} (pass ${pass}).`);
    hooks.pass(this.copyMs(source));
    lab.scheduler.callOn(this.copyMs(source), this, 'helperCopied', source, helper, pass);
  }

  /** `source` is copied: merge it, then either the last (stunned) pass or another helper. */
  helperCopied(source: DiskFile, helper: DiskFile, pass: number): void {
    const { lab, vm, disk, into, hooks } = this;
    if (!this.alive(source) || !disk.files.includes(helper)) return;
    hooks.apply(source, into);
    const syncMs = helper.dataBytes / copySpeed(lab, vm);
    if (syncMs <= HELPER_SYNC_LIMIT_MS || pass >= MAX_HELPER_PASSES || vm.power !== 'poweredOn') {
      // The last pass: the VM stands still while the helper's data is copied.
      this.finish(helper, pass, vm.power === 'poweredOn' ? SHORT_STUN_MS + syncMs : 0);
      return;
    }
    lab.log(vm, 'host', 'disk.mergeIteration', `Another iteration is needed: the Consolidate Helper holds ${formatBytes(helper.dataBytes)}, more than ${HELPER_SYNC_LIMIT_MS / 1000} s of copying.`);
    this.helperPass(helper, pass + 1);
  }

  /** Merge `last` into `into`, the VM stunned for `stunMs` (0: not at all). */
  finish(last: DiskFile, passes: number, stunMs: number): void {
    if (!this.alive(last)) return;
    stun(this.lab, this.vm, stunMs);
    this.lab.scheduler.callOn(stunMs, this, 'merged', last, passes, stunMs);
  }

  /** The stun ended: `last` goes into `into` if there is room for it. */
  merged(last: DiskFile, passes: number, stunMs: number): void {
    const { lab, vm, into, hooks } = this;
    if (!this.alive(last)) return;
    const again = into.sizeAfterMerge(last) - into.sizeBytes;
    if (again > vm.datastore.freeBytes) {
      hooks.fail(`There is not enough space on the file system for the selected operation (${formatBytes(again)} needed on ${vm.datastore.id})`);
      return;
    }
    hooks.apply(last, into);
    if (passes) lab.log(vm, 'host', 'disk.helperMerged', `The Consolidate Helper merged into ${name(into.extentPath)} after ${passes} pass${passes > 1 ? 'es' : ''}; ${vm.name} was stunned ${(stunMs / 1000).toFixed(1)} s for the last.`);
    hooks.done(passes);
  }

  /** Both files still there: a power-off or another task may have changed the chain meanwhile. */
  private alive(f: DiskFile): boolean {
    if (this.disk.files.includes(f) && this.disk.files.includes(this.into)) return true;
    this.hooks.done(0);
    return false;
  }
}

const name = (p: string): string => p.slice(p.lastIndexOf('/') + 1);
