// Rows for the Datastore charts, picked out of the sampled display history.
import type { Sample } from '../../app/chartSamples';

const GB = 1024 ** 3;
const MB = 1024 ** 2;
const round = (v: number, d = 2) => Math.round(v * 10 ** d) / 10 ** d;

export function spaceRows(samples: Sample[], ds: string) {
  return samples.flatMap((s) => {
    const d = s.datastores.get(ds);
    return d ? [{ t: s.t, base: round(d.base / GB), deltas: round(d.deltas / GB), memory: round(d.memory / GB), other: round(d.other / GB), capacity: round(d.capacity / GB) }] : [];
  });
}

/** A row of the delta chart: each disk's delta MB by disk id (a disk may be called "t"). */
export interface DeltaRow { t: number; mb: Map<string, number> }

export function deltaRows(samples: Sample[], vm: string) {
  const disks = new Set<string>();
  const rows = samples.flatMap((s): DeltaRow[] => {
    const v = s.vms.get(vm);
    if (!v) return [];
    const mb = new Map<string, number>();
    for (const [id, d] of v.disks) { disks.add(id); mb.set(id, round(d.deltaBytes / MB, 1)); }
    return [{ t: s.t, mb }];
  });
  return { rows, disks: [...disks] };
}

export function logRows(samples: Sample[], vm: string) {
  const rows: { t: number; logMB: number }[] = [];
  const truncations: number[] = [];
  let last: number | undefined;
  for (const s of samples) {
    const v = s.vms.get(vm);
    if (!v || v.logBytes === undefined) continue;
    rows.push({ t: s.t, logMB: round(v.logBytes / MB, 1) });
    if (last !== undefined && v.truncations !== undefined && v.truncations > last) truncations.push(s.t);
    last = v.truncations;
  }
  return { rows, truncations };
}

/** One point per distinct (chain depth, read amplification) each disk went through. */
export function amplificationPoints(samples: Sample[], vm: string) {
  const byDisk = new Map<string, Map<string, { depth: number; amplification: number }>>();
  for (const s of samples) {
    const v = s.vms.get(vm);
    if (!v) continue;
    for (const [id, d] of v.disks) {
      const pts = byDisk.get(id) ?? new Map();
      pts.set(`${d.chainDepth}|${d.readAmplification}`, { depth: d.chainDepth, amplification: round(d.readAmplification) });
      byDisk.set(id, pts);
    }
  }
  return [...byDisk.entries()].map(([disk, pts]) => ({ disk, points: [...pts.values()] }));
}
