// Merging deltas (rules 20-26). After snapshots go from the tree, a disk's files are tidied to a fixed
// point by two moves: a delta no snapshot names, that is not the leaf and has no child, is deleted
// without a merge (rule 23); a file no snapshot names (the base included) with exactly one child file
// takes that child's grains, and whatever used the child now uses it (rules 20, 21). A file with two or
// more children stays as a shared parent (rule 22). A merge that fails leaves the rest undone: deltas
// no snapshot names (rule 26), which Consolidate (5.0+) finishes later. A consolidation in progress
// is an object (Consolidation), its merges' steps scheduled as data, so the lab can be copied meanwhile.
import type { LabContext } from '../context';
import type { Vm } from '../../model/vm';
import type { Task } from '../../core/tasks';
import type { VirtualDisk } from '../../model/disk/virtualDisk';
import type { DiskFile } from '../../model/disk/diskFile';
import { formatBytes } from '../../core/format';
import { hostHas } from '../../core/hostVersions';
import { mergeOne, type MergeHooks } from './mergeOne';

export type MergeOrder = 'nearestFirst' | 'farthestFirst';

export type Step =
  | { kind: 'delete'; disk: VirtualDisk; file: DiskFile }
  | { kind: 'merge'; disk: VirtualDisk; from: DiskFile; into: DiskFile };

function referencedFiles(vm: Vm): Set<DiskFile> {
  const s = new Set<DiskFile>();
  for (const snap of vm.snapshots) for (const f of snap.files.values()) s.add(f);
  return s;
}

const depth = (f: DiskFile): number => { let n = 0; for (let p = f.parent; p; p = p.parent) n++; return n; };

/** The next tidy-up move for this VM's disks, or null when the chains are at their fixed point. */
export function nextStep(vm: Vm, order: MergeOrder): Step | null {
  const refs = referencedFiles(vm);
  let best: Step | null = null;
  let bestDepth = 0;
  for (const disk of vm.disks) {
    if (!disk.dependent) continue;
    for (const f of disk.files) {
      if (refs.has(f) || f === disk.leaf) continue;
      const kids = disk.childrenOf(f);
      if (kids.length === 0 && f.isDelta) return { kind: 'delete', disk, file: f };
      // A redo log (Instant VM Recovery's, over read-only backup files) is never merged into its parent.
      if (kids.length !== 1 || kids[0].format === 'redo') continue;
      const d = depth(f);
      if (!best || (order === 'nearestFirst' ? d < bestDepth : d > bestDepth)) {
        best = { kind: 'merge', disk, from: kids[0], into: f };
        bestDepth = d;
      }
    }
  }
  return best;
}

/** Deltas that no snapshot names and that a consolidation would merge or delete. */
export function redundantFiles(vm: Vm): DiskFile[] {
  const refs = referencedFiles(vm);
  const out: DiskFile[] = [];
  for (const disk of vm.disks) {
    if (!disk.dependent) continue;
    for (const f of disk.files) {
      if (!f.isDelta || f.format === 'redo' || refs.has(f)) continue;
      // The leaf counts when a consolidation would merge it into a base no snapshot names (a VM left
      // running on a delta after its only snapshot's removal failed); above an orphaned delta, that
      // delta is the one listed.
      if (f === disk.leaf) {
        if (f.parent?.isBase && !refs.has(f.parent) && disk.childrenOf(f.parent).length === 1) out.push(f);
        continue;
      }
      if (disk.childrenOf(f).length <= 1) out.push(f);
    }
  }
  return out;
}

/** Apply a merge: `into` takes `from`'s grains; the leaf and snapshots that used `from` use `into`. */
export function applyMerge(vm: Vm, disk: VirtualDisk, from: DiskFile, into: DiskFile): void {
  into.mergeFrom(from);
  for (const f of disk.files) if (f.parent === from) f.parent = into;
  for (const s of vm.snapshots) if (s.files.get(disk.id) === from) s.files.set(disk.id, into);
  if (disk.leaf === from) disk.leaf = into;
  disk.removeFile(from);
}

/** The order a Delete All merges in: before ESX 4.0 Update 2 the farthest delta first (rule 25). */
export function deleteAllOrder(vm: Vm): MergeOrder {
  return hostHas(vm.host.version, 'deleteAllNearestFirst') ? 'nearestFirst' : 'farthestFirst';
}

export interface ConsolidateRun { task: Task; progressFrom: number; progressTo: number; verb: string }

/**
 * Tidy the VM's chains move by move in simulated time: each merge copies the child's data at the
 * datastore's speed, live merges as the host's version does them (mergeOne.ts: helper passes before
 * 6.0, the mirror driver from 6.0). Space for the target's growth must be free when a merge starts; a
 * lock fault fails it.
 */
export function runConsolidation(lab: LabContext, vm: Vm, order: MergeOrder, run: ConsolidateRun): void {
  new Consolidation(lab, vm, order, run).step();
}

/** The merge in progress and the part of the task's progress it covers. */
interface Merging { disk: VirtualDisk; from: DiskFile; into: DiskFile; bytes: number; pFrom: number; pTo: number }

/** One consolidation: an object (the merges' hooks are its methods), so a lab merging can be copied. */
class Consolidation implements MergeHooks {
  /** Bytes merged so far, for the task's progress. */
  private merged = 0;
  private current: Merging | null = null;

  constructor(private readonly lab: LabContext, private readonly vm: Vm, private readonly order: MergeOrder, private readonly run: ConsolidateRun) {}

  /** The next move, or the task's success when the chains are at their fixed point. */
  step(): void {
    const { lab, vm, order, run } = this;
    const step = nextStep(vm, order);
    if (!step) {
      run.task.ramp(lab.now, run.progressTo, run.progressTo, 0);
      lab.succeed(run.task);
      return;
    }
    if (step.kind === 'delete') {
      step.disk.removeFile(step.file);
      lab.log(vm, 'host', 'disk.deltaDeleted', `${base(step.file.extentPath)} deleted without a merge: nothing depends on it.`);
      this.step();
      return;
    }
    const { disk, from, into } = step;
    const lock = vm.activeFaults('fileLock')[0];
    if (lock) {
      vm.consume(lock);
      failMerge(lab, vm, run, `Unable to access file ${base(from.path)} since it is locked`);
      return;
    }
    // A backup proxy that kept the disks it read holds their files until its fault is cleared.
    const held = vm.diskLock && vm.faults.find((f) => f.id === vm.diskLock!.faultId);
    if (held) {
      const holder = vm.diskLock!.holder;
      vm.consume(held);
      if (!vm.faults.includes(held)) vm.diskLock = null;
      failMerge(lab, vm, run, `Unable to access file ${base(into.path)} since it is locked (held by ${holder})`);
      return;
    }
    vm.diskLock = null;
    const growth = into.sizeAfterMerge(from) - into.sizeBytes;
    if (growth > vm.datastore.freeBytes) {
      failMerge(lab, vm, run, `There is not enough space on the file system for the selected operation (${base(from.path)} into ${base(into.path)} needs ${formatBytes(growth)}, ${formatBytes(vm.datastore.freeBytes)} free on ${vm.datastore.id})`);
      return;
    }
    // The target grows while the copy runs; the child's file goes only once the merge is done, so
    // the datastore briefly holds both (the peak a Delete All needs, rule 25).
    into.sizeBytes = Math.max(into.sizeBytes, into.sizeAfterMerge(from));
    vm.datastore.notePeak();
    const bytes = from.dataBytes;
    // What is left is estimated again at each merge (a farthest-first Delete All copies the data it
    // has gathered again at each level, and a running guest adds more), so done never passes total.
    const done = this.merged;
    const total = Math.max(1, done + Math.max(bytes, remainingMergeBytes(vm, order)));
    const pFrom = run.progressFrom + ((run.progressTo - run.progressFrom) * done) / total;
    const pTo = run.progressFrom + ((run.progressTo - run.progressFrom) * (done + bytes)) / total;
    lab.log(vm, 'host', 'disk.mergeStart', `Merging ${base(from.extentPath)} (${formatBytes(bytes)}) into ${base(into.extentPath)}.`);
    this.current = { disk, from, into, bytes, pFrom, pTo };
    // How the copy runs depends on the host and on whether the guest is writing into `from` (rule 17).
    mergeOne(lab, vm, disk, from, into, this);
  }

  // The merge's hooks (mergeOne.ts MergeHooks).

  pass(ms: number): void {
    const { task } = this.run;
    const c = this.current!;
    task.ramp(this.lab.now, Math.max(c.pFrom, task.progress(this.lab.now)), c.pTo, ms);
  }

  apply(f: DiskFile, t: DiskFile): void { applyMerge(this.vm, this.current!.disk, f, t); }

  fail(why: string): void { failMerge(this.lab, this.vm, this.run, why); }

  done(): void {
    const c = this.current!;
    this.merged += c.bytes;
    this.current = null;
    this.lab.log(this.vm, 'host', 'disk.merged', `${base(c.from.extentPath)} merged into ${base(c.into.extentPath)}.`);
    this.step();
  }
}

function failMerge(lab: LabContext, vm: Vm, run: ConsolidateRun, why: string): void {
  const pre5 = !hostHas(vm.host.version, 'consolidateCommand');
  lab.log(vm, 'host', 'disk.mergeFailed', `${run.verb} of ${vm.name} failed: ${why}. ${pre5 ? 'The deltas stay on the datastore, named by no snapshot.' : 'Virtual machine disks consolidation is needed.'}`);
  lab.fail(run.task, `An error occurred while consolidating disks: ${why}.`);
}

interface Shadow { parent: Shadow | null; bytes: number; delta: boolean; named: boolean }

/**
 * Bytes the remaining merges would copy, for a task's progress: the moves of nextStep played on a
 * copy of each chain that keeps only sizes. A merged file is taken to hold both files' data (an upper
 * bound of their union), so farthest-first merges, which copy what they gathered again one level up,
 * are counted as often as they happen.
 */
export function remainingMergeBytes(vm: Vm, order: MergeOrder): number {
  const refs = referencedFiles(vm);
  let bytes = 0;
  for (const disk of vm.disks) {
    if (!disk.dependent) continue;
    const of = new Map<DiskFile, Shadow>();
    for (const f of disk.files) of.set(f, { parent: null, bytes: f.dataBytes, delta: f.isDelta, named: refs.has(f) });
    for (const f of disk.files) of.get(f)!.parent = f.parent ? of.get(f.parent) ?? null : null;
    let nodes = [...of.values()];
    let leaf = of.get(disk.leaf) ?? null;
    const capacity = disk.capacityBytes;
    for (;;) {
      const kids = new Map<Shadow, Shadow[]>();
      for (const n of nodes) if (n.parent) (kids.get(n.parent) ?? kids.set(n.parent, []).get(n.parent)!).push(n);
      const depthOf = (n: Shadow): number => { let d = 0; for (let p = n.parent; p; p = p.parent) d++; return d; };
      let pick: { from: Shadow; into: Shadow; depth: number } | null = null;
      let gone: Shadow | null = null;
      for (const n of nodes) {
        if (n.named || n === leaf) continue;
        const k = kids.get(n) ?? [];
        if (k.length === 0 && n.delta) { gone = n; break; }
        if (k.length !== 1) continue;
        const d = depthOf(n);
        if (!pick || (order === 'nearestFirst' ? d < pick.depth : d > pick.depth)) pick = { from: k[0], into: n, depth: d };
      }
      if (gone) { nodes = nodes.filter((n) => n !== gone); continue; }
      if (!pick) break;
      const { from, into } = pick;
      bytes += from.bytes;
      into.bytes = Math.min(capacity, into.bytes + from.bytes);
      into.named ||= from.named;
      for (const n of nodes) if (n.parent === from) n.parent = into;
      if (leaf === from) leaf = into;
      nodes = nodes.filter((n) => n !== from);
    }
  }
  return bytes;
}

const base = (p: string): string => p.slice(p.lastIndexOf('/') + 1);
