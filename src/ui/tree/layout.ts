// Snapshot tree layout from parent ids: a top-down tidy tree. Leaves take consecutive columns and a
// parent sits centred over its children. "You are here" hangs under the current snapshot (or stands
// alone at the top when the VM has no current snapshot).

export const HERE_ID = '__you_are_here__';
export const NODE_W = 220;
export const NODE_H = 96;
const GAP_X = 28;
const GAP_Y = 44;

export interface TreeItem { id: string; parent: string | null }
export interface PlacedNode { id: string; parent: string | null; x: number; y: number; depth: number; here: boolean }

/**
 * Cards differ in height (one file line per disk and branch): `heightOf` gives each card's, and each
 * level of the tree starts below the tallest card of the level above, so no card covers a child.
 */
export function layoutTree(items: TreeItem[], current: string | null, heightOf: (id: string) => number = () => NODE_H): PlacedNode[] {
  const ids = new Set(items.map((i) => i.id));
  const children = new Map<string | null, string[]>();
  const add = (parent: string | null, id: string) => {
    const list = children.get(parent) ?? [];
    list.push(id);
    children.set(parent, list);
  };
  // A parent we do not know (should not happen) is treated as a root so nothing disappears.
  for (const i of items) add(i.parent !== null && ids.has(i.parent) ? i.parent : null, i.id);
  add(current !== null && ids.has(current) ? current : null, HERE_ID);

  const placed: PlacedNode[] = [];
  let column = 0;
  const visit = (id: string, parent: string | null, depth: number, seen: Set<string>): number => {
    const kids = seen.has(id) ? [] : children.get(id) ?? [];
    seen.add(id);
    let x: number;
    if (!kids.length) x = column++ * (NODE_W + GAP_X);
    else {
      const xs = kids.map((k) => visit(k, id, depth + 1, seen));
      x = (xs[0] + xs[xs.length - 1]) / 2;
    }
    placed.push({ id, parent, x, y: depth * (NODE_H + GAP_Y), depth, here: id === HERE_ID });
    return x;
  };
  const seen = new Set<string>();
  for (const root of children.get(null) ?? []) visit(root, null, 0, seen);
  // Rows: each depth starts below the tallest card of the depth above.
  const rowHeight: number[] = [];
  for (const p of placed) rowHeight[p.depth] = Math.max(rowHeight[p.depth] ?? 0, heightOf(p.id));
  const rowY: number[] = [0];
  for (let d = 1; d < rowHeight.length; d++) rowY[d] = rowY[d - 1] + (rowHeight[d - 1] ?? NODE_H) + GAP_Y;
  for (const p of placed) p.y = rowY[p.depth];
  return placed;
}
