/**
 * The performance model's public shapes (issue 10): what a deployment achieves in time, not only in
 * memory. Other parts (CLI `perf`, API, reports, scenarios, page) build on these names; extend them,
 * never rename. Pure types.
 */
import type { GpuArchitecture } from '../../schema/catalog.ts';
import type { MemoryModel } from '../settings.ts';

/** The traffic: mean tokens per request, and a load (sessions in flight, or requests/s), or neither (maximum throughput). */
export interface Workload {
  /** Mean prompt tokens per request (ISL). */
  input_tokens: number;
  /** Mean generated tokens per request (OSL). */
  output_tokens: number;
  /** Sessions in flight on the whole deployment evaluated (shared evenly over its replicas). */
  concurrency?: number;
  /** Requests per second arriving at the whole deployment (Poisson); Little's law gives the sessions in flight. */
  request_rate?: number;
}

/** Latency targets, milliseconds, at the 99th percentile. */
export interface SloTargets {
  ttft_p99_ms?: number;
  tpot_p99_ms?: number;
}

/**
 * What limits a deployment at its load: the memory (the batch is the memory-limited batch), the
 * tensor cores (compute), the memory bandwidth, or the queue (waiting is the largest part of TTFT).
 */
export type PerfBound = 'memory' | 'compute' | 'bandwidth' | 'queueing';

/** An 80 % interval around a figure (same unit as the figure). */
export interface Interval {
  low: number;
  high: number;
}

/** One decode step of the whole batch on one replica, seconds, term by term (src/engines/perf/roofline.ts). */
export interface StepTerms {
  /** Sessions decoding together (the batch). */
  batch: number;
  /** Mean context a session attends to during decode, tokens. */
  context_tokens: number;
  /** Weights read per GPU in one step, bytes (MoE: only the experts touched at this batch). */
  weights_bytes_per_gpu: number;
  /** KV (and state) read per GPU in one step, bytes, from the per-layer geometry. */
  kv_bytes_per_gpu: number;
  /** Matrix-product FLOPs per GPU in one step (2 × active parameters × batch / GPUs). */
  gemm_flops_per_gpu: number;
  /** Attention FLOPs per GPU in one step (score and value products over the context). */
  attention_flops_per_gpu: number;
  /** Reading the weights at the effective bandwidth. */
  weights_s: number;
  /** Reading the KV at the effective bandwidth (decode attention streams the KV cache). */
  kv_s: number;
  /** The GEMMs at the effective tensor rate for the weights precision. */
  compute_s: number;
  /** Attention FLOPs at the effective tensor rate (counted only where they exceed the KV read). */
  attention_s: number;
  /** Tensor-parallel all-reduces (2 per layer) and pipeline hand-offs over the interconnect. */
  allreduce_s: number;
  /** Fixed costs: per layer (kernel launches) and per step (scheduling, sampling). */
  overhead_s: number;
  /** The whole step: max(weights, compute) + max(kv, attention) + all-reduce + overhead. */
  total_s: number;
}

/** Prefill of one prompt on one replica, seconds, term by term. */
export interface PrefillTerms {
  tokens: number;
  /** Chunks the prompt is cut into (chunked prefill: the engine's batched-token budget). */
  chunks: number;
  /** Weights read once per chunk. */
  weights_s: number;
  /** Linear-layer FLOPs (2 × active parameters × tokens) at the effective tensor rate. */
  compute_s: number;
  /** Attention's n² term at the effective tensor rate (causal: half the square). */
  attention_s: number;
  allreduce_s: number;
  overhead_s: number;
  total_s: number;
}

/** The terms the rationale prints: the step at the evaluated batch, the prefill of one mean prompt, and the queue. */
export interface PerfTerms {
  step: StepTerms;
  prefill: PrefillTerms;
  /** Mean wait for a prefill slot, seconds (M/D/1 on the prefill server). */
  queue_wait_s: number;
  /** Prefill server utilisation ρ = λ × prefill time per replica (0 when no rate). */
  utilisation: number;
  /** Fixed per-request cost of the engine (tokenising, scheduling, first sampling), seconds. */
  request_overhead_s: number;
  /** The memory-limited batch of one replica at input + output tokens per session. */
  memory_sessions_per_replica: number;
  /** The figures the model used (data sheet × fitted efficiency). */
  effective: {
    bandwidth_tbps: number;
    tflops: number;
    interconnect_gbps: number;
    precision: 'bf16' | 'fp8' | 'fp4';
  };
}

export interface Performance {
  /** Sessions in flight on one replica at the evaluated load. */
  sessions_per_replica: number;
  /** Replicas of the deployment evaluated. */
  replicas: number;
  ttft_ms: { p50: number; p99: number };
  tpot_ms: { p50: number; p99: number };
  /** Output tokens/s of the whole deployment evaluated. */
  output_tokens_per_s: number;
  output_tokens_per_s_per_replica: number;
  output_tokens_per_s_per_node: number;
  /** Completed requests per second of the whole deployment. */
  requests_per_s: number;
  bound: PerfBound;
  /** 80 % intervals (split-conformal, from the calibration set's leave-one-out errors). */
  interval: {
    ttft_ms: { p50: Interval; p99: Interval };
    tpot_ms: { p50: Interval; p99: Interval };
    output_tokens_per_s: Interval;
    requests_per_s: Interval;
  };
  terms: PerfTerms;
  /** Which fitted set was used; `extrapolated` when none was fitted for this GPU family and engine. */
  calibration: { id: string; source: string; extrapolated: boolean };
}

/** Why no batch meets the targets. */
export type SloInfeasibleReason =
  | 'tpot_below_single_session'
  | 'ttft_below_single_session'
  | 'no_session_fits_memory';

export type SloResult =
  | { ok: true; sessions: number; bound: PerfBound }
  | { ok: false; reason: SloInfeasibleReason; best_ms: number };

/** Figures a calibration set fits (per GPU family and engine): src/catalog/data/perf-calibration.json. */
export interface PerfConstants {
  /** Fraction of the data-sheet memory bandwidth reached by weight and KV streaming. */
  bandwidth_efficiency: number;
  /** Fraction of the data-sheet dense tensor rate reached by large GEMMs and prefill attention. */
  compute_efficiency: number;
  /** Fixed cost per layer and step (kernel launches), microseconds. */
  layer_overhead_us: number;
  /** Fixed cost per step (scheduler, sampling), milliseconds. */
  step_overhead_ms: number;
  /** Latency of one all-reduce (NCCL launch and synchronisation), microseconds. */
  allreduce_latency_us: number;
  /** Fixed cost per request before its first token (tokeniser, scheduling), milliseconds. */
  request_overhead_ms: number;
}

/** A fitted set as catalog data. */
export interface PerfCalibrationSet {
  id: string;
  gpu_architecture: GpuArchitecture;
  engine: Exclude<MemoryModel, 'seed'>;
  constants: PerfConstants;
  /** measured ÷ predicted, leave-one-out: the 10 % and 90 % quantiles per metric (split-conformal 80 %). */
  interval_factors: { [M in PerfMetric]: { low: number; high: number } };
  rows: readonly string[];
  source: string;
  date: string;
}

export type PerfMetric = 'output_tokens_per_s' | 'tpot_ms' | 'ttft_ms';
