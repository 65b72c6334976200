// What a guest UNMAP leaves of a grain map (rule 8: only SEsparse gives grains back).
import { GrainMap } from './grainMap';

/**
 * A copy of `map` without grains [first, endExclusive). Rebuilt run by run (O(grains held)): UNMAP is
 * rare, so the write path's structure stays free of deletes.
 */
export function withoutRange(map: GrainMap, first: number, endExclusive: number): GrainMap {
  const m = new GrainMap(map.totalGrains);
  map.forEachRun((a, b) => {
    if (a < first) m.setRange(a, Math.min(b, first));
    if (b > endExclusive) m.setRange(Math.max(a, endExclusive), b);
  });
  return m;
}
