// Chart samples for the Datastore charts: each state the page receives is sampled into a small
// time series. The numbers are read from the state view (file sizes, chain figures); the only work
// here is grouping file sizes by kind and keeping the series short.
import { create } from 'zustand';
import type { FileUse } from '../engine/core/fileUse';
import type { StateView } from '../engine/core/view';

export interface DatastoreSample { capacity: number; used: number; base: number; deltas: number; memory: number; other: number }
export interface DiskSample { deltaBytes: number; chainDepth: number; readAmplification: number }
/** By lab id, in Maps: an id may be any word, "constructor" included, which a plain object already has. */
export interface VmSample { disks: Map<string, DiskSample>; logBytes?: number; truncations?: number }
export interface Sample { t: number; datastores: Map<string, DatastoreSample>; vms: Map<string, VmSample> }

export const MAX_SAMPLES = 240;

/** The chart's groups by what the engine says each file is for (FileView.use): memory images of snapshots and of suspended VMs alike. */
const group: Partial<Record<FileUse, 'base' | 'deltas' | 'memory'>> = {
  base: 'base', delta: 'deltas', snapshotMemory: 'memory', suspendedMemory: 'memory',
};

export function sampleOf(s: StateView): Sample {
  const datastores = new Map<string, DatastoreSample>();
  for (const d of s.datastores) {
    const sums = { base: 0, deltas: 0, memory: 0 };
    for (const f of d.files) {
      const g = group[f.use];
      if (g) sums[g] += f.sizeBytes;
    }
    const other = Math.max(0, d.usedBytes - sums.base - sums.deltas - sums.memory);
    datastores.set(d.id, { capacity: d.capacityBytes, used: d.usedBytes, ...sums, other });
  }
  const vms = new Map<string, VmSample>();
  for (const v of s.vms) {
    const disks = new Map<string, DiskSample>();
    for (const d of v.disks) {
      let deltaBytes = 0;
      for (let i = 1; i < d.chain.length; i++) deltaBytes += d.chain[i].sizeBytes;
      disks.set(d.id, { deltaBytes, chainDepth: d.chainDepth, readAmplification: d.readAmplification });
    }
    const ex = v.apps.exchange;
    vms.set(v.id, ex ? { disks, logBytes: ex.logBytes, truncations: ex.truncations } : { disks });
  }
  return { t: s.time, datastores, vms };
}

/**
 * Append a sample; time going back (a seek into the lab's past) keeps what came before that moment;
 * a full series keeps every other point. A new lab clears the series (clearHistory).
 */
export function addSample(series: Sample[], sample: Sample, max = MAX_SAMPLES): Sample[] {
  const last = series[series.length - 1];
  if (last && sample.t < last.t) return [...series.filter((x) => x.t < sample.t), sample];
  if (last && sample.t === last.t) return [...series.slice(0, -1), sample];
  const next = [...series, sample];
  if (next.length <= max) return next;
  // Thin the older half only, so recent activity keeps its detail.
  const half = Math.floor(next.length / 2);
  return next.slice(0, half).filter((_, i) => i % 2 === 0).concat(next.slice(half));
}

export const useHistory = create<{ samples: Sample[] }>()(() => ({ samples: [] }));

export function recordSample(s: StateView): void {
  useHistory.setState((h) => ({ samples: addSample(h.samples, sampleOf(s)) }));
}

export function clearHistory(): void {
  useHistory.setState({ samples: [] });
}
