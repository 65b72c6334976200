// A random stream's writes up to a write index: in bulk, stretch by stretch (stretch.ts), or one by
// one through the guest's write path when a write may need more space than the datastore has.
import type { LabContext } from '../context';
import type { Vm } from '../../model/vm';
import type { StreamRun, CellTarget } from './stream';
import { applyWrite } from './write';
import { drawCut, newStretch, placeWhole, stillValid, throwsBefore, type Area, type CellSink, type Stretch } from './stretch';
import type { Rng } from '../../core/rng';

/** A stream's place in one run of stretches: its writes, or Changed Block Tracking's view of them. */
export interface StretchSlot { get(): Stretch | null; set(st: Stretch): void; seeds: Rng }

export const writesSlot = (s: StreamRun): StretchSlot => ({ get: () => s.stretch, set: (st) => { s.stretch = st; }, seeds: s.rng });

/** The stretch write index `at` belongs to: the same, its successor, or a new run. */
function current(slot: StretchSlot, area: Area, at: number, perTick: number): Stretch {
  let st = slot.get();
  if (st !== null && at >= st.start + st.length) {
    // The next stretch of the run doubles, unless something else changed the area meanwhile.
    st = newStretch(area, at, stillValid(st, area) ? st.k + 1 : 0, perTick, slot.seeds.u32());
    slot.set(st);
  } else if (st !== null && !stillValid(st, area)) st = null;
  if (st === null) {
    st = newStretch(area, at, 0, perTick, slot.seeds.u32());
    slot.set(st);
  }
  return st;
}

/**
 * Writes [from, end) of one run of stretches, in bulk: place(cell) marks each cell a write lands on
 * first (1 when new), or, when place is null, the cells are the area map's own and are marked in bulk
 * (and `drawn`, if given, is told them).
 */
export function runStretches(slot: StretchSlot, area: Area, from: number, end: number, perTick: number, place: ((c: number) => number) | null, drawn: CellSink | null = null): void {
  let at = from;
  while (at < end) {
    const st = current(slot, area, at, perTick);
    if (st.length === Infinity) break; // every cell held: nothing can change
    const stEnd = st.start + st.length;
    if (stEnd <= end && st.cut === null) {
      placeWhole(st, area, place, drawn);
      at = stEnd;
      continue;
    }
    // The advance ends inside this stretch: reveal its throws up to `end`, in the order they come.
    if (st.cut === null) st.cut = drawCut(st, area);
    const upTo = Math.min(end, stEnd);
    const j1 = throwsBefore(st.cut, upTo - st.start);
    const cells = st.cut.cell;
    const map = area.map;
    let added = 0;
    for (let j = st.revealed; j < j1; j++) added += place ? place(cells[j]) : map.setOne(cells[j]);
    if (!place && drawn) drawn.add(cells, st.revealed, j1);
    st.added += added;
    st.revealed = j1;
    at = upTo;
  }
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
  if (t.own) runStretches(writesSlot(s), t, s.done, end, s.perTick, placer(s, t));
  else {
    // The leaf's own grains, marked in bulk: its occupancy picture is counted again when asked.
    runStretches(writesSlot(s), t, s.done, end, s.perTick, null);
    t.leaf.forgetOccupancy();
  }
  s.done = end;
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
    const st = current(writesSlot(s), t, s.done, s.perTick);
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
