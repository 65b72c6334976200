// "What snapshots cost": per VM on the datastore, deltas and memory files beside the base disks, in
// units a few hundred MB show in (the GB charts hide them).
import { useMemo } from 'react';
import type { FileView } from '../../engine/core/view';
import { formatBytes } from '../../app/format';
import { useLab } from '../../app/store';
import { useThrottled } from '../common/useThrottled';
import { snapshotCosts } from './snapshotCost';

export function SnapshotCostTable({ files: live }: { files: FileView[] }) {
  const files = useThrottled(live, 500);
  const vms = useLab((s) => s.state.vms);
  const rows = useMemo(() => snapshotCosts(files, vms), [files, vms]);
  if (!rows.length) return null;
  return (
    <table className="grid snapshot-cost" aria-label="What snapshots cost per VM">
      <caption className="subhead-caption">What snapshots cost</caption>
      <thead><tr><th scope="col">VM</th><th scope="col" className="num">Base disks</th><th scope="col" className="num">Deltas</th><th scope="col" className="num">Memory files</th></tr></thead>
      <tbody>
        {rows.map((r) => (
          <tr key={r.vm}>
            <th scope="row">{r.name}</th>
            <td className="num">{formatBytes(r.baseBytes)}</td>
            <td className={`num ${r.deltaBytes ? 'cost' : 'muted'}`}>{r.deltaBytes ? formatBytes(r.deltaBytes) : '–'}</td>
            <td className={`num ${r.memoryBytes ? 'cost' : 'muted'}`}>{r.memoryBytes ? formatBytes(r.memoryBytes) : '–'}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
