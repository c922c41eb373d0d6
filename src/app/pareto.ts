/**
 * The Pareto front of a set of points where less is better on both axes: the compare view's scatter
 * plots (cost against nodes, cost against TPOT p99) draw it. A point is on the front when no other
 * point is no worse on both axes and better on one (two equal points are both on it). Pure.
 *
 * On cost against nodes this is the library's dominance (src/app/compare.ts `dominates`) without the
 * TPOT: an option `dominated_by` another may still be on the front of one of the two plots.
 *
 * @example
 * paretoFront([{ x: 3, y: 10 }, { x: 4, y: 8 }, { x: 4, y: 12 }, { x: 5, y: 8 }, { x: 3, y: 10 }])
 * //=> [true, true, false, false, true]
 */
export function paretoFront(points: readonly { readonly x: number; readonly y: number }[]): boolean[] {
  const out = points.map(() => false);
  const order = points.map((_, i) => i).sort((a, b) => points[a]!.x - points[b]!.x || points[a]!.y - points[b]!.y);
  // Sweep by x: the first (lowest-y) points of each x are on the front when they beat every lower x's y.
  let best = Infinity;
  for (let k = 0; k < order.length; ) {
    const x = points[order[k]!]!.x;
    const low = points[order[k]!]!.y;
    let j = k;
    while (j < order.length && points[order[j]!]!.x === x) {
      if (low < best && points[order[j]!]!.y === low) out[order[j]!] = true;
      j++;
    }
    if (low < best) best = low;
    k = j;
  }
  return out;
}
