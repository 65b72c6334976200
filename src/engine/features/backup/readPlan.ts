// What a VM's run reads, disk by disk (docs/backup-jobs.md): the whole used disk ("full") on the
// first run, without CBT, or when the change id of the last good run is no longer valid; otherwise
// only the blocks changed since that change id ("incremental", QueryChangedDiskAreas). Independent
// disks are left out: a snapshot does not cover them, so a VADP backup cannot read them.
import type { Vm } from '../../model/vm';
import type { Job } from './model';
import type { Snapshot } from '../../model/snapshot';
import { bytesInUse } from '../../model/disk/inUse';

export interface DiskPlan { disk: string; bytes: number; fullBytes: number; incremental: boolean; why: string; newChangeId: string | null; oldChangeId: string | null }

export const changeKey = (vm: Vm, disk: string): string => `${vm.id}/${disk}`;

/**
 * Before the snapshot: a new change id per tracked disk, taken now so that no write after the
 * snapshot can escape the next run (writes between now and the snapshot are read twice, never lost).
 */
export function openChangeIds(vm: Vm, job: Job): Map<string, string> {
  const ids = new Map<string, string>();
  if (!job.def.cbt) return ids;
  for (const d of vm.disks) if (d.dependent && d.ctk) ids.set(d.id, d.ctk.newChangeId());
  return ids;
}

/** After the snapshot: what each disk's transfer reads. */
export function planReads(vm: Vm, job: Job, snap: Snapshot, opened: Map<string, string>): DiskPlan[] {
  const plans: DiskPlan[] = [];
  for (const d of vm.disks) {
    const recorded = snap.files.get(d.id);
    if (!d.dependent || !recorded) continue;
    const full = bytesInUse(d.chainTo(recorded), d.capacityBytes);
    const oldId = job.changeIds.get(changeKey(vm, d.id)) ?? null;
    const newId = opened.get(d.id) ?? null;
    const plan = (bytes: number, incremental: boolean, why: string): DiskPlan => ({ disk: d.id, bytes, fullBytes: full, incremental, why, newChangeId: newId, oldChangeId: oldId });
    if (!job.def.cbt) { plans.push(plan(full, false, 'the job does not use CBT')); continue; }
    if (!d.ctk) { plans.push(plan(full, false, `Changed Block Tracking is off on ${vm.name} (ctkEnabled false)`)); continue; }
    if (!oldId) { plans.push(plan(full, false, 'first run with CBT: QueryChangedDiskAreas("*") returns every block in use')); continue; }
    const changed = d.ctk.changedBytesSince(oldId);
    if (changed === null) {
      plans.push(plan(full, false, `the change id of the last good run is no longer valid${d.ctk.resetReason ? `: ${d.ctk.resetReason}` : ''}`));
      continue;
    }
    plans.push(plan(changed, true, 'CBT: the blocks changed since the last good run'));
  }
  return plans;
}

/** The run is over for this VM: keep the new change ids after a good transfer, else the old ones. */
export function closeChangeIds(vm: Vm, job: Job, plans: DiskPlan[], opened: Map<string, string>, good: boolean): void {
  for (const [disk, id] of opened) {
    const d = vm.disk(disk);
    if (!d?.ctk) continue;
    const key = changeKey(vm, disk);
    if (!good) { d.ctk.release(id); continue; }
    const old = job.changeIds.get(key);
    if (old) d.ctk.release(old);
    job.changeIds.set(key, id);
  }
  void plans;
}
