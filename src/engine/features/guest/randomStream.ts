// A random stream's writes up to a write index: in bulk, stretch by stretch (stretch.ts), or one by
// one through the guest's write path when a write may need more space than the datastore has.
import type { LabContext } from '../context';
import type { Vm } from '../../model/vm';
import type { StreamRun, CellTarget } from './stream';
import { applyWrite } from './write';
import { drawCut, newStretch, placeWhole, stillValid, throwsBefore, type Stretch } from './stretch';

/** The stretch the stream's next write belongs to: the same, its successor, or a new run. */
function current(s: StreamRun, t: CellTarget): Stretch {
  let st = s.stretch;
  if (st !== null && s.done >= st.start + st.length) {
    // The next stretch of the run doubles, unless something else changed the area meanwhile.
    st = s.stretch = newStretch(t, s.done, stillValid(st, t) ? st.k + 1 : 0, s.perTick, s.rng.u32());
  } else if (st !== null && !stillValid(st, t)) st = null;
  if (st === null) st = s.stretch = newStretch(t, s.done, 0, s.perTick, s.rng.u32());
  return st;
}

/** Marks a cell written; 1 when it was new (a stream's own slot map also marks the slot's grains). */
function placer(s: StreamRun, t: CellTarget): (c: number) => number {
  const { map, first, own, leaf } = t;
  const occupancy = leaf.tracksOccupancy;
  if (!own) {
    return (c) => {
      const fresh = map.setOne(c);
      if (fresh !== 0 && occupancy) leaf.noteWritten(c, c + 1, 1);
      return fresh;
    };
  }
  const leafMap = leaf.grains!;
  const gb = leaf.grainBytes;
  const start = s.plan.start;
  const sb = s.plan.bytes;
  return (c) => {
    if (map.setOne(c) === 0) return 0;
    const from = start + (c - first) * sb;
    const a = Math.floor(from / gb);
    const b = Math.ceil((from + sb) / gb);
    const fresh = (a & 31) + b - a <= 32 ? leafMap.setInWord(a, b - a) : leafMap.setRange(a, b);
    if (occupancy) leaf.noteWritten(a, b, fresh);
    return 1;
  };
}

/** The stream's writes up to index `end`, in bulk: no write can need more room than the datastore has. */
export function runRandom(s: StreamRun, t: CellTarget, end: number): void {
  const place = placer(s, t);
  while (s.done < end) {
    const st = current(s, t);
    if (st.length === Infinity) { s.done = end; break; } // every cell held: nothing can change
    const stEnd = st.start + st.length;
    if (stEnd <= end && st.cut === null) {
      placeWhole(st, t, place);
      s.done = stEnd;
      continue;
    }
    // The advance ends inside this stretch: reveal its throws up to `end`, in the order they come.
    if (st.cut === null) st.cut = drawCut(st, t);
    const upTo = Math.min(end, stEnd);
    const j1 = throwsBefore(st.cut, upTo - st.start);
    const cells = st.cut.cell;
    for (let j = st.revealed; j < j1; j++) st.added += place(cells[j]);
    st.revealed = j1;
    s.done = upTo;
  }
  t.leaf.refreshSize();
}

/**
 * The stream's writes up to `end` one by one through the guest's write path (rule 15: the VM pauses
 * on the out-of-space question at the write that needed the space). Returns the writes issued.
 */
export function runRandomExact(lab: LabContext, vm: Vm, s: StreamRun, t: CellTarget, end: number): number {
  const p = s.plan;
  let issued = 0;
  while (s.done < end) {
    const st = current(s, t);
    if (st.length === Infinity) break;
    if (st.cut === null) st.cut = drawCut(st, t);
    const upTo = Math.min(end, st.start + st.length);
    const j1 = throwsBefore(st.cut, upTo - st.start);
    for (; st.revealed < j1; st.revealed++) {
      const c = st.cut.cell[st.revealed];
      if (t.map.has(c)) continue; // a rewrite: it needs no space
      const offset = t.own ? p.start + (c - t.first) * p.bytes : c * t.leaf.grainBytes;
      const ok = applyWrite(lab, vm, p.disk, offset, p.bytes);
      const w = st.start + st.cut.at[st.revealed] + 1;
      issued += w - s.done;
      s.done = w;
      if (!ok) { s.skipTo(end); return issued; }
      if (t.own) t.map.setOne(c);
      st.added++;
    }
    issued += upTo - s.done;
    s.done = upTo;
  }
  issued += Math.max(0, end - s.done);
  s.done = Math.max(s.done, end);
  return issued;
}
