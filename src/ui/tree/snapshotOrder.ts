// Depth-first order of a VM's snapshots with "You are here" under the current one: the rows of the
// Snapshot Manager's tree.
import type { SnapshotView } from '../../engine/core/view';
import { HERE_ID } from './layout';

export interface TreeRow { id: string; depth: number; snapshot: SnapshotView | null }

export function snapshotRows(snapshots: SnapshotView[], current: string | null): TreeRow[] {
  const ids = new Set(snapshots.map((s) => s.id));
  const kids = new Map<string | null, SnapshotView[]>();
  for (const s of snapshots) {
    const p = s.parent !== null && ids.has(s.parent) ? s.parent : null;
    kids.set(p, [...(kids.get(p) ?? []), s]);
  }
  const rows: TreeRow[] = [];
  const hereParent = current !== null && ids.has(current) ? current : null;
  const walk = (parent: string | null, depth: number) => {
    for (const s of kids.get(parent) ?? []) {
      rows.push({ id: s.id, depth, snapshot: s });
      walk(s.id, depth + 1);
    }
    if (parent === hereParent) rows.push({ id: HERE_ID, depth, snapshot: null });
  };
  walk(null, 0);
  return rows;
}
