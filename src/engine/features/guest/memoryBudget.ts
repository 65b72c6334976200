// The lab's memory budget: the grain maps of every disk file are what grows with
// the guests' writes, so work that could take them past the budget is refused with a message rather
// than left to exhaust the page. A bound, cheap: a dense 2^22-grain page costs about 720 KB at most
// (1024 chunk bitmaps of 512 bytes, each its own typed array so that checkpoints can share them).
import type { LabContext } from '../context';
import type { Vm } from '../../model/vm';
import type { VirtualDisk } from '../../model/disk/virtualDisk';
import { refuse, type CommandResult } from '../../core/result';
import { CHUNK_BYTES } from '../../model/disk/grainPage';

const MB = 1024 * 1024;
const PAGE_GRAINS = 2 ** 22;
/** A dense page: its 1024 chunk bitmaps with their wrappers, chunk list, counts, object headers. */
const DENSE_PAGE_BYTES = 1024 * CHUNK_BYTES + 1024 * 11 + 512;

/** Bytes the lab's grain maps hold now. */
export function grainMapBytes(lab: LabContext): number {
  let bytes = 0;
  for (const vm of lab.vms) for (const d of vm.disks) for (const f of d.files) if (f.grains) bytes += f.grains.memoryBytes();
  return bytes;
}

/** Most bytes a new delta of this disk could need for the VM's workload: its areas, densely written. */
function newDeltaBound(lab: LabContext, vm: Vm, disk: VirtualDisk, grainBytes: number): number {
  const w = lab.workloads.get(vm);
  if (!w) return 0;
  let pages = 0;
  for (const s of w.streams) {
    if (s.plan.disk !== disk) continue;
    pages += Math.ceil((s.plan.slots * s.plan.bytes) / grainBytes / PAGE_GRAINS) + 1;
  }
  return pages * DENSE_PAGE_BYTES;
}

function budgetBytes(lab: LabContext): number {
  return lab.definition.settings.memoryBudgetMB * MB;
}

function refusal(lab: LabContext, what: string, need: number): CommandResult {
  const now = grainMapBytes(lab);
  return refuse('MEMORY_BUDGET', `${what} could need up to ${Math.ceil(need / MB)} MB more to track its grains; the lab already holds ${Math.ceil(now / MB)} MB of ${lab.definition.settings.memoryBudgetMB} MB (settings.memoryBudgetMB). Delete snapshots or lower the workload first.`);
}

/** A snapshot adds one delta per dependent disk, which the VM's workload then fills. */
export function takeBudgetRefusal(lab: LabContext, vm: Vm, grainBytesOf: (d: VirtualDisk) => number): CommandResult | null {
  let need = 0;
  for (const d of vm.disks) if (d.dependent) need += newDeltaBound(lab, vm, d, grainBytesOf(d));
  if (need === 0) return null;
  return grainMapBytes(lab) + need > budgetBytes(lab) ? refusal(lab, `A snapshot of ${vm.name}`, need) : null;
}

/** A guest write makes at most the two pages at its ends dense (whole pages stay in the shared form). */
export function writeBudgetRefusal(lab: LabContext, vm: Vm): CommandResult | null {
  const need = 2 * DENSE_PAGE_BYTES;
  return grainMapBytes(lab) + need > budgetBytes(lab) ? refusal(lab, `This write on ${vm.name}`, need) : null;
}
