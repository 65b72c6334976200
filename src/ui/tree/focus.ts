// Where the tree's view goes when the whole tree does not fit at a readable zoom: the newest snapshot
// and "You are here" together when both fit, otherwise the newest snapshot's card at the top.

export interface Card { x: number; y: number; width: number; height: number }

/** The point (in tree coordinates) to centre the view on; `view` is the drawing's size in pixels. */
export function focusCentre(newest: Card, here: Card | undefined, view: { width: number; height: number }, zoom: number, padPx = 12): { x: number; y: number } {
  const cards = here ? [newest, here] : [newest];
  const top = Math.min(...cards.map((c) => c.y));
  const bottom = Math.max(...cards.map((c) => c.y + c.height));
  const left = Math.min(...cards.map((c) => c.x));
  const right = Math.max(...cards.map((c) => c.x + c.width));
  const seenH = view.height / zoom;
  const seenW = view.width / zoom;
  const pad = padPx / zoom;
  const y = bottom - top + 2 * pad <= seenH ? (top + bottom) / 2 : newest.y - pad + seenH / 2;
  const x = right - left + 2 * pad <= seenW ? (left + right) / 2 : newest.x + newest.width / 2;
  return { x, y };
}
