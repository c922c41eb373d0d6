/**
 * 80 % intervals from the calibration set's leave-one-out errors (split-conformal): the ratios
 * measured ÷ predicted of rows the fit did not see, their 10 % and 90 % quantiles with the
 * finite-sample correction (the ⌊(n + 1)·0.1⌋-th and ⌈(n + 1)·0.9⌉-th smallest of n), applied as
 * factors to every predicted figure, and carried into node counts. Pure.
 *
 * @example
 * conformalFactors([0.8, 0.9, 1.0, 1.1, 1.3]) //=> { low: 0.8, high: 1.3 } (n = 5: the extremes)
 * applyFactors(20, { low: 0.8, high: 1.3 })   //=> { low: 16, high: 26 }
 */
import type { Interval } from './types.ts';

/** The split-conformal factors of a central `coverage` interval from ratios measured ÷ predicted. */
export function conformalFactors(ratios: readonly number[], coverage = 0.8): Interval {
  const r = ratios.filter((x) => Number.isFinite(x) && x > 0).sort((a, b) => a - b);
  if (r.length === 0) return { low: 1, high: 1 };
  const n = r.length;
  const tail = (1 - coverage) / 2;
  // ε: (n + 1) × 0.1 must not floor to one less through rounding ((1 − 0.8) / 2 is 0.09999…).
  const lo = Math.max(1, Math.floor((n + 1) * tail + 1e-9));
  const hi = Math.min(n, Math.ceil((n + 1) * (1 - tail) - 1e-9));
  return { low: Math.min(1, r[lo - 1]!), high: Math.max(1, r[hi - 1]!) };
}

/** A figure's interval from factors (measured ≈ predicted × factor). */
export function applyFactors(value: number, factors: Interval): Interval {
  return { low: value * factors.low, high: value * factors.high };
}

/**
 * Carry a capacity's interval into a node count: `nodesFor(capacity)` is the scenario's node
 * arithmetic (headroom, N+k, whole replicas) for a per-node capacity; the count at the capacity's
 * high end is the low count and vice versa.
 *
 * @example
 * // 1,000 sessions at 112 per node (80 %: 96–130), plus one spare node:
 * nodeRange((cap) => Math.ceil(1000 / cap) + 1, 112, { low: 96, high: 130 }) //=> { nodes: 10, low: 9, high: 12 }
 */
export function nodeRange(nodesFor: (capacityPerNode: number) => number, capacity: number, interval: Interval): { nodes: number; low: number; high: number } {
  const nodes = nodesFor(capacity);
  const a = nodesFor(interval.high);
  const b = nodesFor(interval.low);
  return { nodes, low: Math.min(nodes, a, b), high: Math.max(nodes, a, b) };
}

