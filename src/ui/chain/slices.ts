// How a file's strip is drawn to scale: each of the disk's slices (the engine's chain[].occupancy)
// gets a bar as wide as the share of the slice the file holds data in, so the filled length of the
// strip is the file's share of the disk. A slice whose bar would be too thin to see is drawn at a
// minimum width instead and counted as magnified, so the learner is told the strip is not to scale.

/** The narrowest bar a person can see on screen, in CSS pixels. */
export const MIN_BAR_PX = 2;

export interface SliceBar {
  /** The slice's index in the occupancy picture. */
  index: number;
  /** Share of the slice the file holds (0-1], from the state view. */
  fraction: number;
  /** Drawn wider than to scale because to scale it would be thinner than MIN_BAR_PX. */
  magnified: boolean;
}

export interface StripDrawing { bars: SliceBar[]; magnified: number }

/** The bars of a strip `stripPx` wide for a file's occupancy picture (empty slices draw nothing). */
export function stripBars(occupancy: number[], stripPx: number): StripDrawing {
  const slicePx = occupancy.length ? stripPx / occupancy.length : 0;
  const bars: SliceBar[] = [];
  let magnified = 0;
  occupancy.forEach((fraction, index) => {
    if (fraction <= 0) return;
    const small = fraction * slicePx < MIN_BAR_PX;
    if (small) magnified++;
    bars.push({ index, fraction, magnified: small });
  });
  return { bars, magnified };
}

/** "not to scale: 3 slivers magnified", or '' when the strip is to scale. */
export function magnifiedNote(magnified: number): string {
  if (magnified === 0) return '';
  return `not to scale: ${magnified} ${magnified === 1 ? 'sliver' : 'slivers'} magnified`;
}
