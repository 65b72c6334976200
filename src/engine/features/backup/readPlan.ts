// What a VM's run reads, disk by disk (docs/backup-jobs.md, backup rules 6 and 7), as VADP readers
// do it: without CBT every provisioned block (hosts before 6.7; from 6.7 QueryAllocatedBlocks skips
// a thin disk's unallocated blocks); with CBT, QueryChangedDiskAreas("*") first, which answers the
// blocks in use on VMFS and the whole disk on NFS; then the blocks changed since the last good run's
// change id, which are always among the blocks in use at the snapshot. Independent disks are left
// out: a snapshot does not cover them, so a VADP backup cannot read them.
import type { Vm } from '../../model/vm';
import type { Job } from './model';
import type { Snapshot } from '../../model/snapshot';
import type { VirtualDisk } from '../../model/disk/virtualDisk';
import { changedBytesInUse, inUseMap } from '../../model/disk/inUse';
import { THIN_BLOCK_BYTES } from '../../model/disk/diskFile';
import type { GrainMap } from '../../model/disk/grainMap';

/** `label`: the disk as vSphere names it to a person ("Hard disk 1"). */
/** `blocks`: the 1 MB blocks in use at the snapshot, the image a restore point keeps. */
export interface DiskPlan { disk: string; label: string; bytes: number; fullBytes: number; incremental: boolean; why: string; newChangeId: string | null; oldChangeId: string | null; blocks: GrainMap }

export const changeKey = (vm: Vm, disk: string): string => `${vm.id}/${disk}`;

/** CBT arrived with ESX 4.0 (and virtual hardware 7): on older hosts a job's cbt does nothing. */
export const cbtAvailable = (vm: Vm): boolean => vm.host.atLeast('4.0');

/**
 * Before the snapshot: a new change id per tracked disk, taken now so that no write after the
 * snapshot can escape the next run (writes between now and the snapshot are read twice, never lost).
 */
export function openChangeIds(vm: Vm, job: Job): Map<string, string> {
  const ids = new Map<string, string>();
  if (!job.def.cbt || !cbtAvailable(vm)) return ids;
  for (const d of vm.disks) if (d.dependent && d.ctk) ids.set(d.id, d.ctk.newChangeId());
  return ids;
}

/** A full read without CBT: every provisioned block, thick or thin; from 6.7 a thin disk's allocated ones. */
function fullWithoutCbt(vm: Vm, d: VirtualDisk, inUseBytes: number): { bytes: number; how: string } {
  if (d.thin && vm.host.atLeast('6.7')) return { bytes: inUseBytes, how: 'QueryAllocatedBlocks (6.7+) skips the thin disk\'s unallocated blocks' };
  return { bytes: d.capacityBytes, how: `every provisioned block is read${d.thin ? ` (a thin disk too: QueryAllocatedBlocks came with 6.7, this host is ESX ${vm.host.version})` : ''}` };
}

/** After the snapshot: what each disk's transfer reads. */
export function planReads(vm: Vm, job: Job, snap: Snapshot, opened: Map<string, string>): DiskPlan[] {
  const plans: DiskPlan[] = [];
  const nfs = vm.datastore.fs === 'nfs';
  for (const d of vm.disks) {
    const recorded = snap.files.get(d.id);
    if (!d.dependent || !recorded) continue;
    const inUse = inUseMap(d.chainTo(recorded), d.capacityBytes);
    const inUseBytes = Math.min(d.capacityBytes, inUse.count * THIN_BLOCK_BYTES);
    // What QueryChangedDiskAreas("*") answers: the blocks in use on VMFS, the whole disk on NFS.
    const star = nfs ? d.capacityBytes : inUseBytes;
    const oldId = job.changeIds.get(changeKey(vm, d.id)) ?? null;
    const newId = opened.get(d.id) ?? null;
    const cbt = job.def.cbt && cbtAvailable(vm) && d.ctk !== null;
    const full = cbt ? star : fullWithoutCbt(vm, d, inUseBytes).bytes;
    const plan = (bytes: number, incremental: boolean, why: string): DiskPlan => ({ disk: d.id, label: `Hard disk ${vm.disks.indexOf(d) + 1}`, bytes, fullBytes: full, incremental, why, newChangeId: newId, oldChangeId: oldId, blocks: inUse });
    if (!job.def.cbt) { plans.push(plan(full, false, `the job does not use CBT, so ${fullWithoutCbt(vm, d, inUseBytes).how}`)); continue; }
    if (!cbtAvailable(vm)) { plans.push(plan(full, false, `ESX ${vm.host.version} has no Changed Block Tracking (it came with ESX 4.0 and virtual hardware 7), so ${fullWithoutCbt(vm, d, inUseBytes).how}`)); continue; }
    if (!d.ctk) { plans.push(plan(full, false, `Changed Block Tracking is off on ${vm.name} (ctkEnabled false), so ${fullWithoutCbt(vm, d, inUseBytes).how}`)); continue; }
    const starWhy = nfs ? 'the first changed-block query on NFS returns the whole disk' : 'the first changed-block query returns every block in use';
    if (!oldId) { plans.push(plan(full, false, `first run with CBT: ${starWhy}`)); continue; }
    const changed = d.ctk.changedSince(oldId);
    if (changed === null) {
      plans.push(plan(full, false, `the change id of the last good run is no longer valid${d.ctk.resetReason ? `: ${d.ctk.resetReason}` : ''}; ${starWhy}`));
      continue;
    }
    const bytes = changedBytesInUse(changed, d.ctk.blockBytes, inUse, d.capacityBytes);
    plans.push(plan(bytes, true, `CBT: the blocks changed since the last good run (${d.ctk.blockBytes / 1024} KB blocks)`));
  }
  return plans;
}

/** The run is over for this VM: keep the new change ids after a good transfer, else the old ones. */
export function closeChangeIds(vm: Vm, job: Job, opened: Map<string, string>, good: boolean): void {
  for (const [disk, id] of opened) {
    const d = vm.disk(disk);
    if (!d?.ctk) continue;
    const key = changeKey(vm, disk);
    if (!good) { d.ctk.release(id); continue; }
    const old = job.changeIds.get(key);
    if (old) d.ctk.release(old);
    job.changeIds.set(key, id);
  }
}
