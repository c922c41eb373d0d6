/**
 * The performance model's figures beside their 80 % intervals, for the engine's `Performance` and for
 * the perf document's `performance` (where a figure a saturated queue makes unbounded is null).
 */
import { expect } from 'vitest';

type Figure = number | null;
interface Interval {
  readonly low: Figure;
  readonly high: Figure;
}
export interface FiguresWithIntervals {
  readonly ttft_ms: { readonly p50: Figure; readonly p99: Figure };
  readonly tpot_ms: { readonly p50: Figure; readonly p99: Figure };
  readonly output_tokens_per_s: Figure;
  readonly requests_per_s: Figure;
  readonly interval: {
    readonly ttft_ms: { readonly p50: Interval; readonly p99: Interval };
    readonly tpot_ms: { readonly p50: Interval; readonly p99: Interval };
    readonly output_tokens_per_s: Interval;
    readonly requests_per_s: Interval;
  };
}

/** Each figure that has an interval, with it: TTFT and TPOT p50 and p99, output tokens/s, requests/s. */
export function figureIntervals(p: FiguresWithIntervals): readonly (readonly [Figure, Interval])[] {
  return [
    [p.ttft_ms.p50, p.interval.ttft_ms.p50],
    [p.ttft_ms.p99, p.interval.ttft_ms.p99],
    [p.tpot_ms.p50, p.interval.tpot_ms.p50],
    [p.tpot_ms.p99, p.interval.tpot_ms.p99],
    [p.output_tokens_per_s, p.interval.output_tokens_per_s],
    [p.requests_per_s, p.interval.requests_per_s],
  ];
}

/** Every figure is bounded and inside its interval: low ≤ figure ≤ high. */
export function expectInsideIntervals(p: FiguresWithIntervals): void {
  for (const [value, interval] of figureIntervals(p)) {
    expect(value).not.toBeNull();
    expect(interval.low!).toBeLessThanOrEqual(value!);
    expect(interval.high!).toBeGreaterThanOrEqual(value!);
  }
}
