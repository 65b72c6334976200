// Merging one grain map into another (a snapshot's delta folded into its parent on delete or
// consolidate): page by page, sparse lists merged while they stay small, bitmaps ORed, a full source
// page making the target's page full. Written only through the target's own pages (copy on write).
import type { GrainMap } from './grainMap';
import { PAGE_CHUNKS, PAGE_GRAINS } from './grainBits';
import { sparseMerge } from './grainPage';
import { orPageDense, setItemsDense } from './grainPageOps';

/** Adds every grain of `other` (same grain size) to `map`; returns how many were newly set. */
export function unionInto(map: GrainMap, other: GrainMap): number {
  if (other.totalGrains > map.totalGrains) {
    throw new RangeError(`cannot union a map of ${other.totalGrains} grains into one of ${map.totalGrains}`);
  }
  if (other === map) return 0;
  let total = 0;
  for (let p = 0; p < other.pageCount; p++) {
    const src = other.pageAt(p);
    if (src === null || (src.chunks === null && src.n === 0)) continue;
    if (map.pageAt(p)?.full) continue;
    const dst = map.writablePage(p);
    const before = dst.chunkCount;
    let added: number;
    if (src.full) {
      added = PAGE_GRAINS - dst.held;
      dst.makeFull();
      map.notePageSet(dst, added, PAGE_CHUNKS - before);
      total += added;
      continue;
    }
    added = src.chunks === null && dst.chunks === null ? sparseMerge(dst, src.items!, src.n) : -1;
    if (added < 0) {
      dst.densify();
      added = src.chunks === null ? setItemsDense(dst, src.items!, src.n) : orPageDense(dst, src);
    }
    map.notePageSet(dst, added, dst.chunkCount - before);
    total += added;
  }
  return total;
}
