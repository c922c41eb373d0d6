/**
 * Alerts are data: a stable `code`, a `severity`, the scenarios they concern and the numbers behind
 * them. Renderers turn them into sentences per locale (`report/i18n`); nothing here is prose.
 */
import type { KvPrecision } from './units.ts';
import type { ScenarioKey } from './scenarios.ts';

/** Ordered from least to most severe. `error` means a scenario cannot be sized (infeasible). */
export const SEVERITIES = ['info', 'warning', 'critical', 'error'] as const;
export type Severity = (typeof SEVERITIES)[number];

interface AlertOf<C extends string, P> {
  readonly code: C;
  readonly severity: Severity;
  /** Scenarios the alert concerns (all three for alerts about the inputs). */
  readonly scenarios: readonly ScenarioKey[];
  readonly params: P;
}

export type Alert =
  | AlertOf<'context_clamped', { requested_context: number; max_position_embeddings: number }>
  | AlertOf<'kv_precision_2_bytes', { kv_precision: KvPrecision; bytes_per_element: number }>
  | AlertOf<'no_kv_budget', { hbm_total_gib: number; runtime_overhead_gib: number }>
  | AlertOf<'zero_sessions_per_node', { kv_per_session_gib: number; kv_budget_gib: number }>
  | AlertOf<
      'long_context',
      { effective_context: number; threshold_tokens: number; storage: string; throughput_read_gbps: number; latency_read_ms_p99: number }
    >
  | AlertOf<'high_kv_budget_ratio', { kv_budget_ratio: number; threshold: number }>
  | AlertOf<'low_runtime_overhead', { runtime_overhead_gib: number; threshold_gib: number }>
  | AlertOf<
      'remote_storage_long_context',
      { storage: string; storage_type: string; effective_context: number; throughput_read_gbps: number; latency_read_ms_p99: number }
    >
  | AlertOf<'sliding_window_exceeds_context', { sliding_window: number; effective_context: number; sliding_layers: number }>
  | AlertOf<'low_sessions_per_node', { sessions_per_node: number; threshold: number }>
  | AlertOf<'many_nodes', { nodes_final: number; threshold: number }>
  | AlertOf<'high_peak_headroom', { peak_headroom_ratio: number; threshold: number }>
  | AlertOf<'weights_exceed_overhead', { weights_gib: number; runtime_overhead_gib: number; default_reserve_gib: number }>
  | AlertOf<
      'weights_exceed_node',
      {
        server: string;
        weights_gib: number;
        gpus_per_replica: number;
        weights_gib_per_gpu: number;
        allowance_gib_per_gpu: number;
        gpu_gib: number;
        gpus: number;
        /** Fewest GPUs per replica that would hold the weights at this GPU's memory; 0 when none would. */
        gpus_needed: number;
        /** Catalog servers that hold one copy as one pool, comma-separated ('' when none is known). */
        servers_that_fit: string;
        /** Weights precisions (--weights-precision) that would fit this node, comma-separated ('' when none). */
        precisions_that_fit: string;
      }
    >
  | AlertOf<'state_size_unknown', { layers: number }>
  | AlertOf<'max_position_embeddings_assumed', { max_position_embeddings: number; model_type: string }>
  | AlertOf<'kv_heads_replicated', { kv_heads: number; tensor_parallel: number; copies: number }>
  | AlertOf<'mla_replicated', { tensor_parallel: number }>
  | AlertOf<'engine_weights_unknown', { memory_model: string }>
  | AlertOf<'engine_no_kv_memory', { memory_model: string; gpu_memory_gib: number; weights_gib: number; activation_gib: number; non_torch_gib: number; reserved_gib: number }>
  /** Issue 10: a latency target that not even one session alone meets (`metric`: ttft or tpot). */
  | AlertOf<'slo_unreachable', { metric: 'ttft' | 'tpot'; target_ms: number; best_ms: number }>
  /** Issue 10: not one request of the workload's tokens fits a replica's memory, so no batch meets the targets. */
  | AlertOf<'slo_no_session_fits', { input_tokens: number; output_tokens: number }>
  /** Issue 10: a request's tokens (input + output) exceed the context the memory sizing holds per session. */
  | AlertOf<'workload_exceeds_context', { input_tokens: number; output_tokens: number; effective_context: number }>
  /** Issue 12: the storage profile cannot load a node's weights within the target load time. */
  | AlertOf<
      'storage_load_slow',
      { storage: string; load_time_s: number; target_load_time_s: number; read_gbps: number; required_gbps: number; bound: string; warmup_concurrency: number }
    >
  /** Issue 12: storage was asked for, but the artifact size is unknown (no weights figure, no artifact_gib). */
  | AlertOf<'storage_artifact_unknown', { model: string }>
  /** Issue 12: a scenario with HA spare nodes does not hold its demand when a whole failure domain is lost. */
  | AlertOf<'domain_loss_not_covered', { nodes_per_domain: number }>;

export type AlertCode = Alert['code'];
export type AlertParams<C extends AlertCode> = Extract<Alert, { code: C }>['params'];

/**
 * Every code with its severity, in the order `alerts[]` lists alerts of one severity (version 2.0's
 * first). This list is the registry: tests check that each code has a rule (`ALERT_RULES` in
 * `alert-rules.ts`, which also fixes the order alerts are raised in), a test and a message in every locale.
 */
export const ALERT_SEVERITY: Readonly<Record<AlertCode, Severity>> = {
  context_clamped: 'warning',
  kv_precision_2_bytes: 'warning',
  weights_exceed_node: 'error',
  no_kv_budget: 'error',
  zero_sessions_per_node: 'error',
  long_context: 'critical',
  high_kv_budget_ratio: 'critical',
  low_runtime_overhead: 'critical',
  remote_storage_long_context: 'warning',
  sliding_window_exceeds_context: 'info',
  low_sessions_per_node: 'warning',
  many_nodes: 'warning',
  high_peak_headroom: 'info',
  weights_exceed_overhead: 'critical',
  state_size_unknown: 'warning',
  max_position_embeddings_assumed: 'warning',
  kv_heads_replicated: 'info',
  mla_replicated: 'info',
  engine_weights_unknown: 'warning',
  engine_no_kv_memory: 'error',
  slo_unreachable: 'error',
  slo_no_session_fits: 'error',
  workload_exceeds_context: 'warning',
  storage_load_slow: 'warning',
  storage_artifact_unknown: 'warning',
  domain_loss_not_covered: 'warning',
};

export const ALERT_CODES = Object.keys(ALERT_SEVERITY) as AlertCode[];

/**
 * Alerts that say the capacity is overstated (something the node must hold is counted as less than it
 * is): a report never recommends buying a sizing that raised one of them.
 */
export const OVERSTATING_ALERTS: ReadonlySet<AlertCode> = new Set<AlertCode>(['weights_exceed_overhead', 'engine_weights_unknown', 'state_size_unknown']);

export function alert<C extends AlertCode>(code: C, scenarios: readonly ScenarioKey[], params: AlertParams<C>): Alert {
  return { code, severity: ALERT_SEVERITY[code], scenarios, params } as Alert;
}

const SEVERITY_RANK: Readonly<Record<Severity, number>> = { info: 0, warning: 1, critical: 2, error: 3 };
const CODE_RANK = new Map(ALERT_CODES.map((code, i) => [code, i]));

/** Most severe first; within one severity, in the order of `ALERT_SEVERITY`. */
export function compareAlerts(a: Alert, b: Alert): number {
  return SEVERITY_RANK[b.severity] - SEVERITY_RANK[a.severity] || (CODE_RANK.get(a.code) ?? 0) - (CODE_RANK.get(b.code) ?? 0);
}

export function severityAtLeast(severity: Severity, floor: Severity): boolean {
  return SEVERITY_RANK[severity] >= SEVERITY_RANK[floor];
}

function sameParams(a: Alert, b: Alert): boolean {
  const pa = a.params as Readonly<Record<string, unknown>>;
  const pb = b.params as Readonly<Record<string, unknown>>;
  const keys = Object.keys(pa);
  return keys.length === Object.keys(pb).length && keys.every((k) => pa[k] === pb[k]);
}

/**
 * One alert per distinct fact: alerts with the same code and the same numbers (raised by several
 * scenarios) become one alert naming all of them. Most severe first.
 */
export function mergeAlerts(raised: readonly Alert[]): Alert[] {
  const out: Alert[] = [];
  for (const a of raised) {
    const i = out.findIndex((b) => b.code === a.code && sameParams(a, b));
    const existing = i >= 0 ? out[i] : undefined;
    if (existing) out[i] = { ...existing, scenarios: [...existing.scenarios, ...a.scenarios.filter((k) => !existing.scenarios.includes(k))] } as Alert;
    else out.push(a);
  }
  return out.sort(compareAlerts);
}
