// What the Disk chain view says of each file, read from the state view: its short name, what it is to
// the learner (the base disk, the writes since a snapshot, where the VM writes now), its sizes.
import type { DiskView, VmView } from '../../engine/core/view';
import { shortFileName } from '../tree/nodes';

export interface ChainRow {
  file: string;            // short descriptor name, as the tree and Snapshot Manager print it
  role: 'base' | 'delta';
  what: string;            // "Base disk", "Writes since “before-patch”"
  leaf: boolean;           // the VM writes here ("You are here")
  dataBytes: number;
  sizeBytes: number;
  occupancy: number[];
}

export function chainRows(vm: VmView, disk: DiskView): ChainRow[] {
  // A delta holds the writes made after the snapshot whose recorded file is its parent (the engine's
  // SnapshotView.deltas names it); a delta no snapshot names is left over from a failed merge.
  const since = new Map<string, string>();
  for (const s of vm.snapshots) for (const d of s.deltas) if (d.disk === disk.id) since.set(d.file, s.name);
  return disk.chain.map((f, i) => {
    const leaf = i === disk.chain.length - 1;
    const base = i === 0;
    const after = since.get(f.file);
    return {
      file: shortFileName(f.file),
      role: base ? 'base' : 'delta',
      what: base ? (vm.instantRecovery ? 'Base disk: the backup files, read-only' : 'Base disk')
        : f.format === 'redo' ? (vm.instantRecovery ? 'Redo log: every write since the recovery' : 'Redo log: discarded at power off')
        : f.consolidateHelper ? 'Consolidate Helper: writes during the merge'
        : after !== undefined ? `Writes since “${after}”` : 'Delta no snapshot names',
      leaf,
      dataBytes: f.dataBytes,
      sizeBytes: f.sizeBytes,
      occupancy: f.occupancy,
    };
  });
}
