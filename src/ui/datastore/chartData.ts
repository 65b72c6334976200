// Rows for the Datastore charts, picked out of the lab's usage history (the engine's samples, sent by
// the worker): unit conversion and picking only.
import type { UsagePoint } from '../../worker/protocol';

const GB = 1024 ** 3;
const MB = 1024 ** 2;
const round = (v: number, d = 2) => Math.round(v * 10 ** d) / 10 ** d;

export function spaceRows(points: readonly UsagePoint[], ds: string) {
  return points.flatMap((p) => {
    const d = p.usage.datastores.find((x) => x.id === ds);
    return d ? [{ t: p.time, base: round(d.baseBytes / GB), deltas: round(d.deltaBytes / GB), memory: round(d.memoryBytes / GB), other: round(d.otherBytes / GB), capacity: round(d.capacityBytes / GB) }] : [];
  });
}

const vmAt = (p: UsagePoint, vm: string) => p.usage.vms.find((v) => v.id === vm);

/** A row of the delta chart: each disk's delta MB by disk id (a disk may be called "t"). */
export interface DeltaRow { t: number; mb: Map<string, number> }

export function deltaRows(points: readonly UsagePoint[], vm: string) {
  const disks = new Set<string>();
  const rows = points.flatMap((p): DeltaRow[] => {
    const v = vmAt(p, vm);
    if (!v) return [];
    const mb = new Map<string, number>();
    for (const d of v.disks) { disks.add(d.id); mb.set(d.id, round(d.deltaBytes / MB, 1)); }
    return [{ t: p.time, mb }];
  });
  return { rows, disks: [...disks] };
}

export function logRows(points: readonly UsagePoint[], vm: string) {
  const rows: { t: number; logMB: number }[] = [];
  const truncations: number[] = [];
  let last: number | undefined;
  for (const p of points) {
    const ex = vmAt(p, vm)?.exchange;
    if (!ex) continue;
    rows.push({ t: p.time, logMB: round(ex.logBytes / MB, 1) });
    if (last !== undefined && ex.truncations > last) truncations.push(p.time);
    last = ex.truncations;
  }
  return { rows, truncations };
}

/** One point per distinct (chain depth, read amplification) each disk went through. */
export function amplificationPoints(points: readonly UsagePoint[], vm: string) {
  const byDisk = new Map<string, Map<string, { depth: number; amplification: number }>>();
  for (const p of points) {
    const v = vmAt(p, vm);
    if (!v) continue;
    for (const d of v.disks) {
      const pts = byDisk.get(d.id) ?? new Map();
      pts.set(`${d.chainDepth}|${d.readAmplification}`, { depth: d.chainDepth, amplification: round(d.readAmplification) });
      byDisk.set(d.id, pts);
    }
  }
  return [...byDisk.entries()].map(([disk, pts]) => ({ disk, points: [...pts.values()] }));
}
