// The instant parts of taking a snapshot (rules 2-6): freeze every dependent disk's leaf, give each a
// new empty delta, record the leaves in a new snapshot under "You are here".
import type { LabContext } from '../context';
import type { Vm } from '../../model/vm';
import { VMSN_BYTES, type Snapshot, type SnapshotFile } from '../../model/snapshot';
import type { Consistency, DeltaFormat } from '../../core/view';
import { defaultDeltaFormat, deltaSizeBytes, deltaDescriptorBytes } from '../../model/disk/formats';
import type { DiskFile } from '../../model/disk/diskFile';
import { captureAppData } from '../../model/guest/guestState';
import { hostHas } from '../../core/hostVersions';
import { syncChangeTracking } from '../../model/disk/changeTracking';
import { vmsdGrowthBytes, ctkGrowthBytes } from '../../model/datastore/vmFiles';

export interface CreateOptions { name: string; description: string; memory: boolean; quiesced: boolean; consistency: Consistency }

export function deltaFormatFor(_lab: LabContext, vm: Vm, capacityBytes: number): DeltaFormat {
  return vm.deltaFormatOverride ?? defaultDeltaFormat(vm.host.version, vm.datastore.fs, capacityBytes);
}

/**
 * Bytes the new snapshot's files take at once: empty deltas, descriptors, CBT's -ctk.vmdk files, the
 * .vmsn and memory, and the .vmsd's new entry (what a task reserves when it starts).
 */
export function snapshotStartBytes(lab: LabContext, vm: Vm, memory: boolean): number {
  let bytes = VMSN_BYTES + (memory ? vm.memoryBytes : 0) + vmsdGrowthBytes(vm);
  for (const d of vm.disks) {
    if (!d.dependent) continue;
    bytes += newDeltaBytes(lab, vm, d);
  }
  return bytes;
}

/** One new empty delta on `d`, its descriptor and the CBT files the stun/unstun cycle adds. */
export function newDeltaBytes(lab: LabContext, vm: Vm, d: Vm['disks'][number]): number {
  const fmt = d.chainFormat ?? deltaFormatFor(lab, vm, d.capacityBytes);
  return deltaSizeBytes(fmt, d.capacityBytes, 0, 0, lab.formatSettings) + (fmt === 'hostedSparse' ? 0 : deltaDescriptorBytes()) + ctkGrowthBytes(vm, d, 1);
}

export function createSnapshot(lab: LabContext, vm: Vm, o: CreateOptions): Snapshot {
  // Creating a snapshot is a stun/unstun cycle: a pending ctkEnabled change takes effect now.
  syncChangeTracking(vm);
  const uid = vm.nextUid++;
  const files = new Map<string, DiskFile>();
  for (const d of vm.disks) {
    if (!d.dependent) continue; // independent disks get no delta (rule 4)
    files.set(d.id, d.leaf);
    d.leaf = d.addDelta(d.leaf, deltaFormatFor(lab, vm, d.capacityBytes));
  }
  const own: SnapshotFile[] = [];
  const stem = `${vm.folder}/${vm.name}-Snapshot${uid}`;
  // Memory lives inside the .vmsn before vSphere 6.0 and in its own .vmem from 6.0 (rule 5).
  const separateVmem = o.memory && hostHas(vm.host.version, 'separateVmem');
  own.push({ path: `${stem}.vmsn`, sizeBytes: VMSN_BYTES + (o.memory && !separateVmem ? vm.memoryBytes : 0), kind: 'vmsn' });
  if (separateVmem) own.push({ path: `${stem}.vmem`, sizeBytes: vm.memoryBytes, kind: 'vmem' });
  const snap: Snapshot = {
    id: lab.newSnapshotId(), uid, name: o.name, description: o.description, parent: vm.current,
    createdAt: lab.now, memory: o.memory, quiesced: o.quiesced, consistency: o.consistency,
    powerState: vm.power, files, own, appData: captureAppData(vm.guest),
  };
  vm.snapshots.push(snap);
  vm.current = snap;
  lab.log(vm, 'host', 'vm.snapshotCreated', `Snapshot "${o.name}" of ${vm.name} created${o.memory ? ' with memory' : ''}.`);
  // Rule 14: vSphere raises no event here; "over 20" is the advice of VMware Partner Exchange 2010, session TECHBC0320, so SnapLab says it.
  if (vm.branchDepth === 21) {
    lab.log(vm, 'SnapLab', 'snapshot.advice', `SnapLab advice (not a vSphere event): ${vm.name} has ${vm.branchDepth} snapshots in its chain. A VMware talk (VMware Partner Exchange 2010, session TECHBC0320) warns that more than 20 cause performance concerns; best practice keeps 2-3, none older than 24-72 hours.`);
  }
  return snap;
}

/** Undo a snapshot that a failed quiesce created (never a partial snapshot): merge its deltas back. */
export function discardSnapshot(lab: LabContext, vm: Vm, snap: Snapshot): void {
  for (const d of vm.disks) {
    const recorded = snap.files.get(d.id);
    if (!recorded) continue;
    const leaf = d.leaf;
    if (leaf.parent === recorded) {
      recorded.mergeFrom(leaf);
      d.removeFile(leaf);
      d.leaf = recorded;
    }
  }
  vm.snapshots = vm.snapshots.filter((s) => s !== snap);
  vm.current = snap.parent;
  lab.log(vm, 'host', 'vm.snapshotDiscarded', `Snapshot "${snap.name}" of ${vm.name} discarded: the quiesce failed.`);
}
