/**
 * The Pareto front the compare view draws (src/app/pareto.ts): table-driven cases, the doc comment's
 * example, and properties: no point on the front is dominated, every point off it is dominated by one
 * on it, and the front does not depend on the order of the points.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { dominates } from '../../src/app/compare.ts';
import { paretoFront } from '../../src/app/pareto.ts';

type P = { x: number; y: number };
const beats = (a: P, b: P) => a.x <= b.x && a.y <= b.y && (a.x < b.x || a.y < b.y);

describe('paretoFront', () => {
  it.each<[string, P[], boolean[]]>([
    ['no points', [], []],
    ['one point', [{ x: 1, y: 1 }], [true]],
    ['the doc comment example', [{ x: 3, y: 10 }, { x: 4, y: 8 }, { x: 4, y: 12 }, { x: 5, y: 8 }, { x: 3, y: 10 }], [true, true, false, false, true]],
    ['a point better on both beats the rest', [{ x: 5, y: 5 }, { x: 1, y: 1 }, { x: 1, y: 9 }, { x: 9, y: 1 }], [false, true, false, false]],
    ['a trade-off: all on the front', [{ x: 1, y: 9 }, { x: 2, y: 5 }, { x: 4, y: 2 }], [true, true, true]],
    ['same x: only the lowest y', [{ x: 2, y: 7 }, { x: 2, y: 3 }], [false, true]],
    ['same y: only the lowest x', [{ x: 6, y: 3 }, { x: 2, y: 3 }], [false, true]],
  ])('%s', (_, points, expected) => {
    expect(paretoFront(points)).toEqual(expected);
  });

  it('on cost against nodes, agrees with the library dominance without the TPOT', () => {
    const points = [{ x: 3, y: 200 }, { x: 4, y: 150 }, { x: 4, y: 180 }, { x: 6, y: 150 }, { x: 2, y: 400 }];
    const front = paretoFront(points);
    points.forEach((p, i) => {
      const dominated = points.some((q, j) => j !== i && dominates({ cost: q.y, nodes: q.x, tpot: null }, { cost: p.y, nodes: p.x, tpot: null }));
      expect(front[i], `point ${i}`).toBe(!dominated);
    });
  });

  const pointsArb = fc.array(fc.record({ x: fc.integer({ min: 1, max: 6 }), y: fc.integer({ min: 1, max: 6 }) }), { maxLength: 30 });

  it('no point on the front is dominated; every point off it is dominated by one on it', () => {
    fc.assert(
      fc.property(pointsArb, (points) => {
        const front = paretoFront(points);
        points.forEach((p, i) => {
          if (front[i]) expect(points.some((q) => beats(q, p))).toBe(false);
          else expect(points.some((q, j) => front[j] && beats(q, p))).toBe(true);
        });
      }),
    );
  });

  it('does not depend on the order of the points', () => {
    fc.assert(
      fc.property(pointsArb, (points) => {
        const key = (p: P, on: boolean) => `${p.x},${p.y},${on}`;
        const forward = paretoFront(points).map((on, i) => key(points[i]!, on)).sort();
        const reversed = [...points].reverse();
        const backward = paretoFront(reversed).map((on, i) => key(reversed[i]!, on)).sort();
        expect(backward).toEqual(forward);
      }),
    );
  });
});
