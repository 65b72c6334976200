// vCenter-style alarms on a VM's snapshots, evaluated when the state view is built: "VM snapshot
// age" (older than the lab's limit, 72 hours by default: KB1025279's longest advised lifetime) and
// "VM snapshot size" (the deltas written since the snapshot larger than a set size), plus vCenter
// 5.0's "Virtual machine Consolidation Needed status". The lab's thresholds are in settings.
import type { LabContext } from '../context';
import type { Vm } from '../../model/vm';
import type { AlarmView } from '../../core/view';
import { redundantFiles } from '../snapshot/consolidate';

const GiB = 1024 ** 3;

export function snapshotAlarms(lab: LabContext, vm: Vm): AlarmView[] {
  const out: AlarmView[] = [];
  const ageMs = lab.definition.settings.snapshotAlarmAgeHours * 3_600_000;
  const sizeBytes = lab.definition.settings.snapshotAlarmSizeGB * GiB;
  for (const s of vm.snapshots) {
    const age = lab.now - s.createdAt;
    if (age > ageMs) {
      out.push({ name: 'VM snapshot age', source: 'vCenter', snapshot: s.id, since: s.createdAt + ageMs, message: `Snapshot "${s.name}" of ${vm.name} is ${(age / 3_600_000).toFixed(0)} hours old (alarm at ${lab.definition.settings.snapshotAlarmAgeHours} h).` });
    }
    let bytes = 0;
    for (const [diskId, f] of s.files) {
      const disk = vm.disk(diskId);
      if (disk) for (const c of disk.childrenOf(f)) bytes += c.sizeBytes;
    }
    if (bytes > sizeBytes) {
      out.push({ name: 'VM snapshot size', source: 'vCenter', snapshot: s.id, since: null, message: `Snapshot "${s.name}" of ${vm.name} holds ${(bytes / GiB).toFixed(1)} GB of deltas (alarm above ${lab.definition.settings.snapshotAlarmSizeGB} GB).` });
    }
  }
  if (vm.host.atLeast('5.0') && redundantFiles(vm).length && !vm.running) {
    out.push({ name: 'Virtual machine Consolidation Needed status', source: 'vCenter', snapshot: null, since: null, message: `${vm.name}: Virtual machine disks consolidation is needed.` });
  }
  return out;
}
