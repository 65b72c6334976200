// Finding a restore point for a restore command, and what restoring it costs in time.
import type { LabContext } from '../context';
import type { Datastore } from '../../model/datastore/datastore';
import type { Repository, RestorePoint } from '../backup/repository';
import type { CommandResult } from '../../core/view';
import { refuse, quote } from '../../core/result';

export interface Found { point: RestorePoint; repository: Repository }

export function findPoint(repositories: readonly Repository[], id: string): Found | CommandResult {
  for (const repository of repositories) {
    const point = repository.points.find((p) => p.id === id);
    if (point) return { point, repository };
  }
  const ids = repositories.flatMap((r) => r.points.map((p) => p.id));
  return refuse('POINT_NOT_FOUND', `There is no restore point ${quote(id)}. ${ids.length ? `Restore points: ${ids.join(', ')}.` : 'No backup job has written one yet.'}`);
}

/** Bytes a restore writes back: the point's disks as a full read took them. */
export const pointBytes = (p: RestorePoint): number => p.disks.reduce((a, d) => a + d.bytes, 0);

/** A restore reads the repository and writes the datastore: it goes at the slower of the two. */
export function restoreMs(_lab: LabContext, repository: Repository, ds: Datastore, bytes: number): number {
  const repoBytesPerMs = (repository.def.MBps * 1024 * 1024) / 1000;
  const perMs = Math.min(repoBytesPerMs, ds.bytesPerMs);
  return Math.max(1000, Math.ceil(bytes / perMs)) + 5000;   // plus registering and preparing the disks
}

/** What the restored disks take on a datastore: thick disks their capacity, thin ones their data. */
export const diskSpace = (p: RestorePoint, ids?: readonly string[]): number =>
  p.disks.filter((d) => !ids || ids.includes(d.id)).reduce((a, d) => a + (d.thin ? d.bytes : d.capacityBytes), 0);
