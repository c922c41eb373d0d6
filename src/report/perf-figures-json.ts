/**
 * The performance model's figures as JSON, one mapping for both documents that carry them: the sizing
 * document's `scenarios.<key>.performance.figures` (src/report/perf-json.ts) and `llm-sizing perf`'s
 * `performance` (src/report/perf.ts). A figure a saturated queue makes unbounded is null (JSON has no
 * Infinity). Pure; no imports but types.
 */
import type { Interval, Performance } from '../engines/perf/types.ts';

/** A figure that may be unbounded (a saturated queue): null in JSON, as JSON has no Infinity. */
export const finiteOrNull = (x: number): number | null => (Number.isFinite(x) ? x : null);

const percentiles = (p: { p50: number; p99: number }) => ({ p50: finiteOrNull(p.p50), p99: finiteOrNull(p.p99) });
const interval = (i: Interval) => ({ low: finiteOrNull(i.low), high: finiteOrNull(i.high) });

/**
 * The figures, their 80 % intervals, the terms of the rationale and the calibration used; with
 * `saturated` (the perf command's document), that flag after `bound`. Nothing is shared with `p`.
 */
export function performanceFiguresJson(p: Performance): Omit<FiguresJson, 'saturated'>;
export function performanceFiguresJson(p: Performance, saturated: boolean): FiguresJson & { saturated: boolean };
export function performanceFiguresJson(p: Performance, saturated?: boolean): FiguresJson {
  return figures(p, saturated);
}

type FiguresJson = ReturnType<typeof figures>;

function figures(p: Performance, saturated?: boolean) {
  return {
    sessions_per_replica: p.sessions_per_replica,
    replicas: p.replicas,
    ttft_ms: percentiles(p.ttft_ms),
    tpot_ms: percentiles(p.tpot_ms),
    output_tokens_per_s: p.output_tokens_per_s,
    output_tokens_per_s_per_replica: p.output_tokens_per_s_per_replica,
    output_tokens_per_s_per_node: p.output_tokens_per_s_per_node,
    requests_per_s: p.requests_per_s,
    bound: p.bound,
    ...(saturated === undefined ? {} : { saturated }),
    interval: {
      ttft_ms: { p50: interval(p.interval.ttft_ms.p50), p99: interval(p.interval.ttft_ms.p99) },
      tpot_ms: { p50: interval(p.interval.tpot_ms.p50), p99: interval(p.interval.tpot_ms.p99) },
      output_tokens_per_s: interval(p.interval.output_tokens_per_s),
      requests_per_s: interval(p.interval.requests_per_s),
    },
    terms: {
      ...p.terms,
      step: { ...p.terms.step },
      prefill: { ...p.terms.prefill },
      queue_wait_s: finiteOrNull(p.terms.queue_wait_s),
      effective: { ...p.terms.effective },
    },
    calibration: { ...p.calibration },
  };
}
