// Backup repositories and the restore points a job's good runs write to them (docs/backup-jobs.md;
// the state view's repositories[] and restorePoints[]). A VM's first good run writes a full; each later one an incremental on the points before it.
// Retention is forward incremental, as Veeam's default chain keeps it: when a VM has more points than
// the job's retainPoints, the oldest incremental is merged into the full, which then stands for that
// incremental's moment and takes what a full read at that moment took.
import type { Consistency, RepositoryView, RestorePointView } from '../../core/view';
import { type RepositoryDefinition, repositoryBytes } from '../../core/backupSchema';
import type { AppData } from '../../model/guest/guestState';
import type { GrainMap } from '../../model/disk/grainMap';

export interface RestorePoint {
  id: string;
  job: string;
  vm: string;
  repository: string;
  time: number;
  kind: 'full' | 'incremental';
  bytes: number;
  /** What a full read at this point's moment took: the size of the full once a merge reaches it. */
  fullBytes: number;
  consistency: RestorePointView['consistency'];
  applicationAware: boolean;
  /** Each disk as the point holds it (a restore writes these back): the data a full read took, and
   *  `blocks`, the 1 MB blocks in use at the snapshot (its own map, sharing pages copy on write). */
  disks: { id: string; bytes: number; capacityBytes: number; thin: boolean; blocks?: GrainMap }[];
  /** What the applications kept on those disks at the snapshot (Exchange database and logs, AD). */
  appData: AppData;
}

export interface Repository {
  def: RepositoryDefinition;
  capacityBytes: number;
  points: RestorePoint[];
  /** Points written so far (their ids stay unique after retention removes some). */
  written: number;
}

export function newRepository(def: RepositoryDefinition): Repository {
  return { def, capacityBytes: repositoryBytes(def), points: [], written: 0 };
}

export const usedBytes = (r: Repository): number => r.points.reduce((a, p) => a + p.bytes, 0);

/** A snapshot's consistency as a restore point keeps it: a powered-off VM's disks are as clean as an
 * application-consistent image; a memory snapshot's disks alone are crash-consistent. */
export function pointConsistency(c: Consistency | null): RestorePoint['consistency'] {
  if (c === 'application' || c === 'poweredOff') return 'application';
  if (c === 'filesystem') return 'filesystem';
  return 'crash';
}

/** Add a good run's point and apply retention; answers a sentence for the run's message. */
export function addPoint(repo: Repository, retain: number, p: Omit<RestorePoint, 'id' | 'repository'>): string {
  const point: RestorePoint = { ...p, id: `${repo.def.id}-${++repo.written}`, repository: repo.def.id };
  repo.points.push(point);
  const mine = () => repo.points.filter((x) => x.job === p.job && x.vm === p.vm);
  let merged = 0;
  while (mine().length > retain) {
    const [full, next] = mine();
    // The oldest incremental's blocks go into the full, which now stands for its moment.
    repo.points.splice(repo.points.indexOf(full), 1);
    if (next) { next.kind = 'full'; next.bytes = next.fullBytes; }
    merged++;
  }
  const count = mine().length;
  return `Restore point ${point.id} (${point.kind}) written to ${repo.def.name ?? repo.def.id}; ${count} of ${retain} kept${merged ? `, the oldest merged into the full (forward incremental retention)` : ''}.`;
}

export function repositoryView(r: Repository): RepositoryView {
  return { id: r.def.id, name: r.def.name ?? r.def.id, capacityBytes: r.capacityBytes, usedBytes: usedBytes(r), MBps: r.def.MBps };
}

export function pointView(p: RestorePoint): RestorePointView {
  return { id: p.id, job: p.job, vm: p.vm, repository: p.repository, time: p.time, kind: p.kind, bytes: p.bytes, consistency: p.consistency, applicationAware: p.applicationAware };
}
