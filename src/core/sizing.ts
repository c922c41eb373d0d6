/**
 * The sizing: catalog entries and a request in, one plain result object out. Pure: no I/O, no clock,
 * no locale. Every renderer (text, Markdown, executive, JSON, batch, HTTP) works from this object.
 */
import type { ModelEntry, ServerEntry, StorageEntry } from '../schema/catalog.ts';
import { type Alert, alert, mergeAlerts } from './alerts.ts';
import { DEFAULTS, THRESHOLDS } from './defaults.ts';
import { type KvPerSession, kvPerSession } from './kv.ts';
import { type WeightsMemory, weightsMemory } from './weights.ts';
import { type EngineCapacity, engineCapacity } from '../engines/capacity.ts';
import type { Layout } from '../engines/layout.ts';
import type { DeploymentRequest, MemoryModel } from '../engines/settings.ts';
import { SizingPlan } from './plan.ts';
import { layerGroupsOf } from './layers.ts';
import {
  type HaMode,
  SCENARIO_KEYS,
  type ScenarioConfiguration,
  type ScenarioKey,
  type ScenarioNumbers,
  scenarioConfigurations,
  scenarioNodes,
  scenarioNumbers,
} from './scenarios.ts';
import { BYTES_PER_GIB, GIB_PER_TIB, gbToGib, type KvPrecision } from './units.ts';

export interface SizingEntries {
  readonly model: ModelEntry;
  readonly server: ServerEntry;
  readonly storage: StorageEntry;
}

/** What a user asks (already validated). Omitted fields take `DEFAULTS` / the model's default precision. */
export interface SizingRequest {
  readonly concurrency: number;
  readonly effective_context: number;
  readonly kv_precision?: KvPrecision | undefined;
  readonly kv_budget_ratio?: number | undefined;
  readonly runtime_overhead_gib?: number | undefined;
  readonly peak_headroom_ratio?: number | undefined;
  readonly ha?: HaMode | undefined;
  /** Parameters, billions, for the weights memory (else the model's total_params_b). */
  readonly params_b?: number | undefined;
}

/** A request may also carry a deployment layout and an engine memory model (issue #4). */
export type FullSizingRequest = SizingRequest & DeploymentRequest;

/** The request with every default resolved, as the report shows it. */
export interface ResolvedNfr {
  readonly concurrency: number;
  readonly effective_context: number;
  readonly effective_context_used: number;
  readonly kv_precision: KvPrecision;
  readonly kv_precision_source: 'input' | 'model_default';
  readonly kv_budget_ratio: number;
  readonly runtime_overhead_gib: number;
  readonly peak_headroom_ratio: number;
  readonly ha_mode: HaMode;
}

export interface ScenarioResult {
  readonly key: ScenarioKey;
  readonly configuration: ScenarioConfiguration;
  readonly results: ScenarioNumbers;
  /** The engine's accounting when a layout or memory model is asked for; null for the original single pool. */
  readonly engine: EngineCapacity | null;
  /** False when not even one session fits a node: node counts are then `null`. */
  readonly feasible: boolean;
  /** The alerts that concern this scenario, in the order they were raised. */
  readonly warnings: readonly Alert[];
}

export interface SizingResult {
  readonly inputs: {
    readonly model: ModelEntry;
    readonly server: ServerEntry;
    readonly storage: StorageEntry;
    readonly nfr: ResolvedNfr;
  };
  /** GPU memory of one node: as stated (decimal GB) and in GiB. */
  readonly node_memory: { readonly total_hbm_gb: number; readonly hbm_total_gib: number };
  readonly kv: KvPerSession;
  /** Weights memory when the parameter count is known; null otherwise. */
  readonly weights: WeightsMemory | null;
  readonly weights_gib: number | null;
  readonly scenarios: Readonly<Record<ScenarioKey, ScenarioResult>>;
  /** Every alert once, most severe first. */
  readonly alerts: readonly Alert[];
  /** True when all three scenarios are feasible. */
  readonly feasible: boolean;
}

/** Node memory as the server states it: `total_hbm_gb`, or gpus × per-GPU memory when absent (v2.0). */
export function serverTotalHbmGb(server: ServerEntry): number {
  return server.total_hbm_gb ?? server.gpus * server.hbm_per_gpu_gb;
}

export function resolveNfr(model: ModelEntry, request: SizingRequest, effectiveContextUsed: number): ResolvedNfr {
  return {
    concurrency: request.concurrency,
    effective_context: request.effective_context,
    effective_context_used: effectiveContextUsed,
    kv_precision: request.kv_precision ?? model.default_kv_precision,
    kv_precision_source: request.kv_precision === undefined ? 'model_default' : 'input',
    kv_budget_ratio: request.kv_budget_ratio ?? DEFAULTS.kv_budget_ratio,
    runtime_overhead_gib: request.runtime_overhead_gib ?? DEFAULTS.runtime_overhead_gib,
    peak_headroom_ratio: request.peak_headroom_ratio ?? DEFAULTS.peak_headroom_ratio,
    ha_mode: request.ha ?? DEFAULTS.ha,
  };
}

/** Alerts about the inputs themselves: they concern all three scenarios. */
function inputAlerts(entries: SizingEntries, nfr: ResolvedNfr, kv: KvPerSession): Alert[] {
  const { model } = entries;
  const all = SCENARIO_KEYS;
  const out: Alert[] = [];
  if (nfr.effective_context > model.max_position_embeddings) {
    out.push(
      alert('context_clamped', all, {
        requested_context: nfr.effective_context,
        max_position_embeddings: model.max_position_embeddings,
      }),
    );
  }
  if (model.max_position_embeddings_assumed) {
    out.push(
      alert('max_position_embeddings_assumed', all, {
        max_position_embeddings: model.max_position_embeddings,
        model_type: model.hf_model_type ?? '',
      }),
    );
  }
  if (kv.bytes_per_element === 2) {
    out.push(alert('kv_precision_2_bytes', all, { kv_precision: nfr.kv_precision, bytes_per_element: kv.bytes_per_element }));
  }
  return out;
}

/** Alerts raised after the KV budget step, in version 2.0's order, then the additions. */
function contextAndRuntimeAlerts(
  entries: SizingEntries,
  nfr: ResolvedNfr,
  kv: KvPerSession,
  ratios: Record<ScenarioKey, number>,
  weights: WeightsMemory | null,
  /** An engine memory model: the fixed overhead and the budget ratio are not used, so their alerts do not apply. */
  engineAccounting: boolean,
): Alert[] {
  const { storage } = entries;
  const out: Alert[] = [];
  const context = nfr.effective_context_used;
  const longContext = context >= THRESHOLDS.long_context_tokens;
  if (longContext) {
    out.push(
      alert('long_context', SCENARIO_KEYS, {
        effective_context: context,
        threshold_tokens: THRESHOLDS.long_context_tokens,
        storage: storage.name,
        throughput_read_gbps: storage.throughput_read_gbps,
        latency_read_ms_p99: storage.latency_read_ms_p99,
      }),
    );
  }
  const highRatio = engineAccounting ? [] : SCENARIO_KEYS.filter((k) => ratios[k] > THRESHOLDS.high_kv_budget_ratio);
  if (highRatio.length > 0) {
    out.push(alert('high_kv_budget_ratio', highRatio, { kv_budget_ratio: nfr.kv_budget_ratio, threshold: THRESHOLDS.high_kv_budget_ratio }));
  }
  if (!engineAccounting && nfr.runtime_overhead_gib < THRESHOLDS.low_runtime_overhead_gib) {
    out.push(
      alert('low_runtime_overhead', SCENARIO_KEYS, {
        runtime_overhead_gib: nfr.runtime_overhead_gib,
        threshold_gib: THRESHOLDS.low_runtime_overhead_gib,
      }),
    );
  }
  if (longContext && storage.type !== 'nvme_local') {
    out.push(
      alert('remote_storage_long_context', SCENARIO_KEYS, {
        storage: storage.name,
        storage_type: storage.type,
        effective_context: context,
        throughput_read_gbps: storage.throughput_read_gbps,
        latency_read_ms_p99: storage.latency_read_ms_p99,
      }),
    );
  }
  const sliding = kv.groups.find((g) => (g.kind === 'sliding' || g.kind === 'chunked') && g.tokens > context);
  if (sliding) {
    out.push(
      alert('sliding_window_exceeds_context', SCENARIO_KEYS, {
        sliding_window: sliding.tokens,
        effective_context: context,
        sliding_layers: sliding.layers,
      }),
    );
  }
  let unsized = 0;
  for (const g of kv.groups) if (!g.sized) unsized += g.layers;
  if (unsized > 0) out.push(alert('state_size_unknown', SCENARIO_KEYS, { layers: unsized }));
  if (!engineAccounting && weights && weights.gib > nfr.runtime_overhead_gib) {
    out.push(
      alert('weights_exceed_overhead', SCENARIO_KEYS, {
        weights_gib: weights.gib,
        runtime_overhead_gib: nfr.runtime_overhead_gib,
        params_b: weights.params_b,
        bytes_per_param: weights.bytes_per_param,
      }),
    );
  }
  if (nfr.peak_headroom_ratio > THRESHOLDS.high_peak_headroom_ratio) {
    out.push(
      alert('high_peak_headroom', ['recommended', 'ideal'], {
        peak_headroom_ratio: nfr.peak_headroom_ratio,
        threshold: THRESHOLDS.high_peak_headroom_ratio,
      }),
    );
  }
  return out;
}

/** Alerts about a deployment layout and engine. */
function deploymentAlerts(model: ModelEntry, layout: Layout, memoryModel: MemoryModel, weights: WeightsMemory | null, request: DeploymentRequest): Alert[] {
  const out: Alert[] = [];
  const tp = layout.tensor_parallel;
  const kvHeads = layerGroupsOf(model).flatMap((g) => (g.kind === 'full' || g.kind === 'sliding' || g.kind === 'chunked' ? [g.kv_heads] : []));
  const fewest = kvHeads.length > 0 ? Math.min(...kvHeads) : undefined;
  // TensorRT-LLM's estimate divides heads fractionally instead of replicating them.
  if (fewest !== undefined && fewest < tp && memoryModel !== 'trtllm') out.push(alert('kv_heads_replicated', SCENARIO_KEYS, { kv_heads: fewest, tensor_parallel: tp, copies: tp / fewest }));
  if (tp > 1 && layerGroupsOf(model).some((g) => g.kind === 'mla')) out.push(alert('mla_replicated', SCENARIO_KEYS, { tensor_parallel: tp }));
  if (memoryModel !== 'seed' && request.kv_cache_memory_gib === undefined && request.weights_gib === undefined && weights === null) {
    out.push(alert('engine_weights_unknown', SCENARIO_KEYS, { memory_model: memoryModel }));
  }
  return out;
}

/** Alerts about the outcome of one scenario. */
function outcomeAlerts(key: ScenarioKey, n: ScenarioNumbers, nfr: ResolvedNfr, engine: EngineCapacity | null): Alert[] {
  const out: Alert[] = [];
  if (engine && engine.memory_model !== 'seed' && engine.per_gpu.kv_cache_gib <= 0) {
    const g = engine.per_gpu;
    out.push(
      alert('engine_no_kv_memory', [key], {
        memory_model: engine.memory_model,
        gpu_memory_gib: g.gpu_memory_gib,
        weights_gib: g.weights_gib,
        activation_gib: g.activation_gib,
        non_torch_gib: g.non_torch_gib,
        reserved_gib: g.reserved_gib,
      }),
    );
  } else if (n.kv_budget_gib <= 0) {
    out.push(alert('no_kv_budget', [key], { hbm_total_gib: n.hbm_total_gib, runtime_overhead_gib: nfr.runtime_overhead_gib }));
  } else if (n.sessions_per_node === 0) {
    out.push(alert('zero_sessions_per_node', [key], { kv_per_session_gib: n.kv_per_session_gib, kv_budget_gib: n.kv_budget_gib }));
  } else if (n.sessions_per_node < THRESHOLDS.low_sessions_per_node) {
    out.push(alert('low_sessions_per_node', [key], { sessions_per_node: n.sessions_per_node, threshold: THRESHOLDS.low_sessions_per_node }));
  }
  if (key === 'recommended' && n.nodes_final !== null && n.nodes_final > THRESHOLDS.many_nodes) {
    out.push(alert('many_nodes', [key], { nodes_final: n.nodes_final, threshold: THRESHOLDS.many_nodes }));
  }
  return out;
}

/** Scenario numbers from an engine's capacity: sessions per node = replicas × sessions per replica. */
function engineNumbers(cap: EngineCapacity, concurrency: number, hbmTotalGib: number, configuration: ScenarioConfiguration): ScenarioNumbers {
  const kvPerSessionGib = (cap.bytes_per_session_per_rank * cap.layout.gpus_per_replica) / BYTES_PER_GIB;
  const kvTotalGib = kvPerSessionGib * concurrency;
  return {
    kv_per_session_gib: kvPerSessionGib,
    kv_total_gib: kvTotalGib,
    kv_total_tib: kvTotalGib / GIB_PER_TIB,
    hbm_total_gib: hbmTotalGib,
    kv_budget_gib: cap.per_gpu.kv_cache_gib * cap.layout.gpus_used,
    sessions_per_node: cap.sessions_per_node,
    ...scenarioNodes(concurrency, cap.sessions_per_node, configuration.peak_headroom_ratio, configuration.ha_extra_nodes),
  };
}

/**
 * Size a deployment: KV per session, budget per node, and the MINIMUM / RECOMMENDED / IDEAL scenarios
 * with their rationale and alerts. It takes only a plan (src/core/plan.ts: made by `plan()` or
 * `planEntries()` of src/app/plan.ts), whose layout has been checked and whose defaults are filled in.
 *
 * @example
 * // report-example.md: opt-oss-120b on dgx300, 1000 sessions × 131,072 tokens, fp16
 * size(plan({ model: 'opt-oss-120b', server: 'dgx300', storage: 'profile_default', concurrency: 1000, effective_context: 131072, kv_precision: 'fp16' }, catalog).value)
 * //=> nodes_final 4 / 5 / 7, sessions_per_node 314 / 314 / 292
 */
export function size(plan: SizingPlan): SizingResult {
  if (!SizingPlan.is(plan)) throw new TypeError('size() takes a SizingPlan: plan the request first (plan() or planEntries() of src/app/plan.ts)');
  const { entries, request, precision, deployment } = plan;
  const { model, server, storage } = entries;
  const kv = kvPerSession(model, request.effective_context, precision);
  if (kv.bytes <= 0) {
    // Catalog rules refuse such entries (keepsKv); reaching here is a caller's bug, not a zero.
    throw new Error(`model ${model.name} keeps no KV cache or state per session: there is nothing to size`);
  }
  const weights = weightsMemory(model, request.params_b);
  const nfr = resolveNfr(model, request, kv.effective_context_used);
  const totalHbmGb = serverTotalHbmGb(server);
  const hbmTotalGib = gbToGib(totalHbmGb);
  const configurations = scenarioConfigurations({
    peak_headroom_ratio: nfr.peak_headroom_ratio,
    ha: nfr.ha_mode,
    kv_budget_ratio: nfr.kv_budget_ratio,
  });

  const numbers = {} as Record<ScenarioKey, ScenarioNumbers>;
  const engines = {} as Record<ScenarioKey, EngineCapacity | null>;
  const raised: Alert[] = inputAlerts(entries, nfr, kv);
  const layout = deployment?.layout ?? null;
  const memoryModel: MemoryModel = deployment?.engine.memory_model ?? 'seed';
  for (const key of SCENARIO_KEYS) {
    if (deployment && layout) {
      const cap = engineCapacity(
        { model, server, layout, precision, context: kv.effective_context_used, weights_replica_gib: weights?.gib ?? null },
        deployment.engine,
        { runtimeOverheadGib: nfr.runtime_overhead_gib, kvBudgetRatio: configurations[key].kv_budget_ratio },
      );
      engines[key] = cap;
      numbers[key] = engineNumbers(cap, nfr.concurrency, hbmTotalGib, configurations[key]);
    } else {
      engines[key] = null;
      numbers[key] = scenarioNumbers(kv.gib, nfr.concurrency, hbmTotalGib, nfr.runtime_overhead_gib, configurations[key]);
    }
    raised.push(...outcomeAlerts(key, numbers[key], nfr, engines[key]));
  }
  if (layout) raised.push(...deploymentAlerts(model, layout, memoryModel, weights, request));
  raised.push(
    ...contextAndRuntimeAlerts(entries, nfr, kv, {
      minimum: configurations.minimum.kv_budget_ratio,
      recommended: configurations.recommended.kv_budget_ratio,
      ideal: configurations.ideal.kv_budget_ratio,
    }, weights, layout !== null && memoryModel !== 'seed'),
  );

  const scenarios = {} as Record<ScenarioKey, ScenarioResult>;
  for (const key of SCENARIO_KEYS) {
    const n = numbers[key];
    scenarios[key] = {
      key,
      configuration: configurations[key],
      results: n,
      engine: engines[key],
      feasible: n.sessions_per_node > 0,
      warnings: raised.filter((a) => a.scenarios.includes(key)),
    };
  }
  return {
    inputs: { model, server, storage, nfr },
    node_memory: { total_hbm_gb: totalHbmGb, hbm_total_gib: hbmTotalGib },
    kv,
    weights,
    weights_gib: weights?.gib ?? null,
    scenarios,
    alerts: mergeAlerts(raised),
    feasible: SCENARIO_KEYS.every((k) => scenarios[k].feasible),
  };
}

