/**
 * Every default and threshold of the sizing, in one place, so the CLI help, the reports and (later)
 * the web form show the same values. Values are version 2.0's unless marked as an addition.
 */
import type { HaMode } from './scenarios.ts';

/** Defaults of the inputs a user may leave out. */
export const DEFAULTS = {
  /** Fraction of (HBM − overhead) given to the KV cache. */
  kv_budget_ratio: 0.7,
  /** GiB per node for weights, activations and runtime buffers: the floor of the weights-aware reserve (src/core/weights.ts). */
  runtime_overhead_gib: 120,
  /** Extra concurrency the RECOMMENDED scenario absorbs (0.20 = 20 % above nominal). */
  peak_headroom_ratio: 0.2,
  /** HA of the RECOMMENDED scenario. */
  ha: 'n+1' as HaMode,
  /** Addition (version 2.0 required it): the storage profile, which only feeds the alerts. */
  storage: 'profile_default',
} as const;

/**
 * Addition (issue 9): the default runtime overhead is a floor, not a fixed figure. The original's
 * 120 GiB was written for 8-GPU nodes; smaller nodes get 120 / 8 = 15 GiB per GPU (src/core/weights.ts).
 */
export const RUNTIME_FLOOR = {
  /** GPUs of the node class the original's 120 GiB was set for. */
  reference_gpus: 8,
} as const;

/** How the IDEAL scenario tightens the given inputs (version 2.0). */
export const IDEAL_RULES = {
  /** IDEAL headroom is max(given, this). */
  min_peak_headroom_ratio: 0.3,
  /** IDEAL budget ratio is min(given, this). */
  max_kv_budget_ratio: 0.65,
  /** IDEAL HA is the larger of the given HA and this. */
  min_ha: 'n+2' as HaMode,
} as const;

/** Alert thresholds. */
export const THRESHOLDS = {
  /** Contexts of at least this many tokens raise `long_context` (version 2.0). */
  long_context_tokens: 128_000,
  /** A budget ratio above this raises `high_kv_budget_ratio` (version 2.0). */
  high_kv_budget_ratio: 0.75,
  /** An overhead below this raises `low_runtime_overhead` (version 2.0). */
  low_runtime_overhead_gib: 50,
  /** Addition: a RECOMMENDED scenario above this many nodes raises `many_nodes` (v2.0 README: "> 20"). */
  many_nodes: 20,
  /** Addition: fewer sessions per node than this raises `low_sessions_per_node` (v2.0 README: "< 50"). */
  low_sessions_per_node: 50,
  /** Addition: headroom above this raises `high_peak_headroom` (USE_CASES: "> 50 %: over-provisioning"). */
  high_peak_headroom_ratio: 0.5,
} as const;

/** Limits of what the inputs accept (beyond them a number is a typo, not a plan); the engine settings' are in their table (src/engines/settings.ts). */
export const LIMITS = {
  concurrency: { min: 1, max: 1_000_000_000 },
  effective_context: { min: 1, max: 100_000_000 },
  kv_budget_ratio: { minExclusive: 0, max: 1 },
  runtime_overhead_gib: { min: 0, max: 1_000_000 },
  peak_headroom_ratio: { min: 0, max: 10 },
  params_b: { min: 0, max: 100_000 },
  /** Addition (issue 10): the workload and the latency targets (src/core/workload.ts). */
  input_tokens: { min: 1, max: 100_000_000 },
  output_tokens: { min: 1, max: 100_000_000 },
  /** Requests per second (Poisson arrivals), above 0. */
  request_rate: { minExclusive: 0, max: 1_000_000_000 },
  /** Latency targets, milliseconds, above 0 (at most a day). */
  latency_ms: { minExclusive: 0, max: 86_400_000 },
} as const;

/**
 * Addition (issue 10): defaults of the workload when a request gives some workload field but not its
 * token counts. A request fills the context the memory sizing holds for its session: input + output =
 * the effective context used, with `output_tokens` generated tokens (fewer when the context is
 * shorter). src/core/workload.ts applies them.
 */
export const WORKLOAD_DEFAULTS = {
  /** Generated tokens per request (the usual serving benchmarks' 1,024), capped at half the context when no input is given. */
  output_tokens: 1024,
} as const;

/** How the fleet is paid for when a request asks for its cost without saying (issue 11): cloud on-demand list prices. */
export const COST_DEFAULTS = {
  pricing: 'on_demand',
} as const;

/**
 * `llm-sizing perf`'s workload when a request leaves it out (stated in `--help`, the docs and the
 * report): there is no effective context to derive the prompt from, so a fixed mean prompt, and the
 * sizing's mean output.
 */
export const PERF_DEFAULTS = {
  /** Mean prompt tokens per request. */
  input_tokens: 1024,
  /** Mean generated tokens per request. */
  output_tokens: WORKLOAD_DEFAULTS.output_tokens,
} as const;
