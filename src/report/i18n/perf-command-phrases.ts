/**
 * The words of `llm-sizing perf`'s report (src/report/perf.ts): one locale's. Figures come in
 * formatted in the locale's way (strings); a locale that misses a phrase fails `tsc` (PERF_COMMAND_PHRASES in ./perf-command.ts).
 */
import type { PerfBound } from '../../engines/perf/types.ts';

/** The figures the rationale explains, in the order the report gives them. */
export type PerfRationaleKey = 'step' | 'prefill' | 'tpot' | 'ttft' | 'throughput' | 'interval';

/** One rationale item: a title, the formula, its inputs with their values, and what it means. */
export interface PerfRationaleText<P> {
  title(p: P): string;
  readonly formula: string;
  inputs(p: P): string;
  readonly meaning: string;
}

/** Formatted figures the rationale items receive. */
export interface PerfRationaleParams {
  step: {
    batch: string;
    context: string;
    weights_gb: string;
    kv_gb: string;
    bandwidth: string;
    gemm_tflop: string;
    attention_tflop: string;
    tflops: string;
    precision: string;
    weights_ms: string;
    compute_ms: string;
    kv_ms: string;
    attention_ms: string;
    allreduce_ms: string;
    overhead_ms: string;
    total_ms: string;
  };
  prefill: { tokens: string; chunks: string; weights_ms: string; compute_ms: string; attention_ms: string; allreduce_ms: string; overhead_ms: string; total_ms: string };
  tpot: { step_ms: string; sessions: string; prefill_ms: string; output: string; p50_ms: string; p99_ms: string };
  ttft: { request_ms: string; step_ms: string; wait_ms: string; utilisation: string; prefill_ms: string; p50_ms: string; p99_ms: string };
  throughput: { sessions: string; ttft_ms: string; tpot_ms: string; output: string; requests: string; tokens: string; replicas: string; total: string; max: boolean };
  interval: { id: string; extrapolated: boolean };
}

export interface PerfCommandPhrases {
  /** The first line: what is evaluated. */
  title(p: { model: string; server: string; gpus_used: string; gpus: string }): string;
  deployment(p: { memory_model: string; tp: string; pp: string; replicas: string; gpus_per_replica: string; weights: string; kv: string }): string;
  workload(p: { input: string; output: string }): string;
  /** The load evaluated. */
  loadConcurrency(p: { sessions: string }): string;
  loadRate(p: { rate: string }): string;
  readonly loadMax: string;
  /** Headings of the two sections. */
  readonly figures: string;
  readonly rationale: string;
  /** "80 %: 90–120". */
  interval(p: { low: string; high: string }): string;
  readonly label: {
    readonly sessions: string;
    readonly ttft: string;
    readonly tpot: string;
    readonly tokens: string;
    readonly requests: string;
    readonly bound: string;
    readonly calibration: string;
  };
  /** "memory: 148 sessions fit a replica", per limit. */
  readonly bound: { readonly [B in PerfBound]: string };
  /** Per replica and per node, after the deployment's tokens/s. */
  tokensSplit(p: { replica: string; node: string }): string;
  /** The memory-limited batch beside the sessions in flight. */
  sessionsMemory(p: { memory: string; replicas: string }): string;
  readonly saturated: string;
  calibration(p: { id: string; extrapolated: boolean }): string;
  readonly formulaLabel: string;
  readonly inputsLabel: string;
  readonly meaningLabel: string;
  readonly item: { readonly [K in PerfRationaleKey]: PerfRationaleText<PerfRationaleParams[K]> };
}
