// Alarms on a VM's snapshots, as vCenter has them (backup rule 20): vCenter preconfigures no snapshot
// alarm and has no snapshot-age trigger. The lab shows vCenter's preconfigured "Virtual machine
// Consolidation Needed status" (5.0+), "VM Snapshot Size (GB)" as an alarm the trainer defines (the
// trigger counts all of the VM's snapshots together; threshold settings.snapshotAlarmSizeGB), and age
// and chain length as the lab's best-practice advice (KB1025279), never as vCenter's.
import type { LabContext } from '../context';
import type { Vm } from '../../model/vm';
import type { AlarmView } from '../../core/view';
import { redundantFiles } from '../snapshot/consolidate';

const GiB = 1024 ** 3;
/** KB1025279: use no more than 2-3 snapshots in a chain. */
const ADVISED_CHAIN = 3;

export function snapshotAlarms(lab: LabContext, vm: Vm): AlarmView[] {
  const out: AlarmView[] = [];
  const settings = lab.definition.settings;
  const ageMs = settings.snapshotAlarmAgeHours * 3_600_000;
  let oldest: { name: string; id: string; createdAt: number } | null = null;
  for (const s of vm.snapshots) if (!oldest || s.createdAt < oldest.createdAt) oldest = s;
  if (oldest && lab.now - oldest.createdAt > ageMs) {
    out.push({ name: 'Snapshot age', source: 'advice', snapshot: oldest.id, since: oldest.createdAt + ageMs, message: `Snapshot "${oldest.name}" of ${vm.name} is ${((lab.now - oldest.createdAt) / 3_600_000).toFixed(0)} hours old: best practice keeps none longer than 24-72 hours (KB1025279). vCenter has no alarm for this.` });
  }
  if (vm.branchDepth > ADVISED_CHAIN) {
    out.push({ name: 'Snapshot chain length', source: 'advice', snapshot: null, since: null, message: `${vm.name} has ${vm.branchDepth} snapshots in its chain: best practice uses at most 2-3 (KB1025279).` });
  }
  // "VM Snapshot Size (GB)": every delta a snapshot of this VM brought, all snapshots together.
  let bytes = 0;
  for (const d of vm.disks) for (const f of d.files) if (f.isDelta) bytes += f.sizeBytes;
  const limit = settings.snapshotAlarmSizeGB * GiB;
  if (vm.snapshots.length && bytes > limit) {
    out.push({ name: 'VM Snapshot Size (GB)', source: 'vCenter', snapshot: null, since: null, message: `${vm.name}'s snapshots take ${(bytes / GiB).toFixed(1)} GB (the trainer's alarm: above ${settings.snapshotAlarmSizeGB} GB).` });
  }
  if (vm.host.atLeast('5.0') && redundantFiles(vm).length && !vm.running) {
    out.push({ name: 'Virtual machine Consolidation Needed status', source: 'vCenter', snapshot: null, since: null, message: `${vm.name}: Virtual machine disks consolidation is needed.` });
  }
  return out;
}
