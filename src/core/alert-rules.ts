/**
 * What raises each alert: one small named rule per code, each a pure function of a typed context that
 * returns the alert it raises or `undefined`, each with its own test (`test/core/alert-rules.test.ts`).
 * `alerts.ts` holds the codes, their severities and their params; this module decides when they fire.
 *
 * `ALERT_RULES` is the raising order, which is the order of every scenario's `warnings`:
 * 1. about the inputs: `context_clamped`, `max_position_embeddings_assumed`, `kv_precision_2_bytes`;
 * 2. about each scenario's outcome, for MINIMUM, then RECOMMENDED, then IDEAL: `weights_exceed_node`,
 *    `engine_no_kv_memory`, `no_kv_budget`, `zero_sessions_per_node`, `low_sessions_per_node` (at most
 *    one of these five per scenario, in that precedence), then `many_nodes`;
 * 3. about a deployment layout: `kv_heads_replicated`, `mla_replicated`, `engine_weights_unknown`;
 * 4. about the context and the runtime, version 2.0's first: `long_context`, `high_kv_budget_ratio`,
 *    `low_runtime_overhead`, `remote_storage_long_context`, `sliding_window_exceeds_context`,
 *    `state_size_unknown`, `weights_exceed_overhead`, `high_peak_headroom`;
 * 5. about the workload (issue 10): `slo_unreachable`, `slo_no_session_fits`, `workload_exceeds_context`;
 * 6. about storage and failures (issue 12): `storage_load_slow`, `storage_artifact_unknown`, `domain_loss_not_covered`.
 * The merged `alerts[]` is then sorted by severity and `ALERT_SEVERITY`'s order (`mergeAlerts`).
 */
import type { ModelEntry, StorageEntry } from '../schema/catalog.ts';
import { type Alert, type AlertCode, type AlertParams, alert } from './alerts.ts';
import { THRESHOLDS } from './defaults.ts';
import type { EngineCapacity } from '../engines/capacity.ts';
import type { Layout } from '../engines/layout.ts';
import type { DeploymentRequest, MemoryModel } from '../engines/settings.ts';
import type { KvPerSession } from './kv.ts';
import { layerGroupsOf } from './layers.ts';
import { SCENARIO_KEYS, type ScenarioKey, type ScenarioNumbers } from './scenarios.ts';
import type { ResolvedNfr } from './sizing.ts';
import type { RuntimeReserve, WeightsFitOptions, WeightsMemory } from './weights.ts';
import type { ResolvedWorkload } from './workload.ts';
import type { StoragePlan } from './storage.ts';

/** Everything a request-wide rule may look at: the inputs, resolved, and the per-session KV. */
export interface RequestAlertContext {
  readonly model: ModelEntry;
  readonly storage: StorageEntry;
  readonly nfr: ResolvedNfr;
  readonly kv: KvPerSession;
  readonly weights: WeightsMemory | null;
  /** What one node reserves before its KV budget, and the weights it holds. */
  readonly reserve: RuntimeReserve;
  /** Each scenario's KV budget ratio (IDEAL caps it). */
  readonly kv_budget_ratios: Readonly<Record<ScenarioKey, number>>;
  /** The deployment layout and memory model when one is asked for; null for the original single pool. */
  readonly deployment: {
    readonly layout: Layout;
    readonly memory_model: MemoryModel;
    readonly request: Pick<DeploymentRequest, 'kv_cache_memory_gib' | 'weights_gib'>;
  } | null;
  /** The workload and latency targets, when the request gives a workload field (issue 10). */
  readonly workload?: ResolvedWorkload | undefined;
  /** Storage and recovery (issue 12): absent when not asked for, null when the artifact size is unknown. */
  readonly storage_plan?: StoragePlan | null | undefined;
}

/** Everything a per-scenario rule may look at: that scenario's numbers and engine accounting. */
export interface ScenarioAlertContext {
  readonly key: ScenarioKey;
  readonly numbers: ScenarioNumbers;
  readonly nfr: ResolvedNfr;
  readonly engine: EngineCapacity | null;
  /** When one GPU cannot hold its share of the weights plus the runtime allowance: the reserve, and what would fit. */
  readonly unfit_weights: { readonly server: string; readonly gpus: number; readonly reserve: RuntimeReserve; readonly options: WeightsFitOptions } | null;
}

/** The alert of one code, narrowed (so a rule cannot raise another rule's code). */
export type AlertOfCode<C extends AlertCode> = Extract<Alert, { code: C }>;

export type RequestRule<C extends AlertCode> = (ctx: RequestAlertContext) => AlertOfCode<C> | undefined;
export type ScenarioRule<C extends AlertCode> = (ctx: ScenarioAlertContext) => AlertOfCode<C> | undefined;

function raise<C extends AlertCode>(code: C, scenarios: readonly ScenarioKey[], params: AlertParams<C>): AlertOfCode<C> {
  return alert(code, scenarios, params) as AlertOfCode<C>;
}

const ALL = SCENARIO_KEYS;

/**
 * Under an engine memory model (vLLM, SGLang, TensorRT-LLM) the fixed overhead and the budget ratio
 * are not used, so the alerts about them do not apply.
 */
function engineAccounting(ctx: RequestAlertContext): boolean {
  return ctx.deployment !== null && ctx.deployment.memory_model !== 'seed';
}

/** Long context: at least `THRESHOLDS.long_context_tokens` tokens are held (after clamping). */
function isLongContext(ctx: RequestAlertContext): boolean {
  return ctx.nfr.effective_context_used >= THRESHOLDS.long_context_tokens;
}

// 1. About the inputs.

/** The requested context is longer than the model's `max_position_embeddings`: it is clamped. */
export const contextClamped: RequestRule<'context_clamped'> = ({ model, nfr }) =>
  nfr.effective_context > model.max_position_embeddings
    ? raise('context_clamped', ALL, { requested_context: nfr.effective_context, max_position_embeddings: model.max_position_embeddings })
    : undefined;

/** The model's `max_position_embeddings` was not in its config.json: the model type's default was used. */
export const maxPositionEmbeddingsAssumed: RequestRule<'max_position_embeddings_assumed'> = ({ model }) =>
  model.max_position_embeddings_assumed
    ? raise('max_position_embeddings_assumed', ALL, { max_position_embeddings: model.max_position_embeddings, model_type: model.hf_model_type ?? '' })
    : undefined;

/** fp16 / bf16 KV (2 bytes per element): fp8 would halve it. */
export const kvPrecision2Bytes: RequestRule<'kv_precision_2_bytes'> = ({ nfr, kv }) =>
  kv.bytes_per_element === 2 ? raise('kv_precision_2_bytes', ALL, { kv_precision: nfr.kv_precision, bytes_per_element: kv.bytes_per_element }) : undefined;

// 2. About each scenario's outcome. The first five are exclusive, in this precedence.

/**
 * One GPU cannot hold its share of the weights plus the runtime allowance, and not one session fits:
 * the node cannot serve one copy of the model. Says what would fit: more GPUs per replica, a larger
 * catalog server, fewer bytes per parameter.
 */
export const weightsExceedNode: ScenarioRule<'weights_exceed_node'> = ({ key, numbers, engine, unfit_weights: unfit }) => {
  if (!unfit || numbers.sessions_per_node > 0 || (engine?.sessions_per_replica ?? 0) > 0) return undefined;
  const { reserve, options, server, gpus } = unfit;
  const weights = reserve.weights_replica_gib ?? 0;
  return raise('weights_exceed_node', [key], {
    server,
    weights_gib: weights,
    gpus_per_replica: reserve.gpus_per_replica,
    weights_gib_per_gpu: weights / reserve.gpus_per_replica,
    allowance_gib_per_gpu: reserve.allowance_per_gpu.activation_gib + reserve.allowance_per_gpu.non_torch_gib,
    gpu_gib: reserve.gpu_gib,
    gpus,
    gpus_needed: options.gpus_needed ?? 0,
    servers_that_fit: options.servers.join(', '),
    precisions_that_fit: options.precisions.join(', '),
  });
};

/** Under an engine memory model, the per-GPU accounting leaves no KV cache memory (unless `weights_exceed_node` said so). */
export const engineNoKvMemory: ScenarioRule<'engine_no_kv_memory'> = (ctx) => {
  const { key, engine } = ctx;
  if (weightsExceedNode(ctx) || !(engine && engine.memory_model !== 'seed' && engine.per_gpu.kv_cache_gib <= 0)) return undefined;
  const g = engine.per_gpu;
  return raise('engine_no_kv_memory', [key], {
    memory_model: engine.memory_model,
    gpu_memory_gib: g.gpu_memory_gib,
    weights_gib: g.weights_gib,
    activation_gib: g.activation_gib,
    non_torch_gib: g.non_torch_gib,
    reserved_gib: g.reserved_gib,
  });
};

/** No KV budget: the overhead takes all the node's memory (unless `engine_no_kv_memory` said so). */
export const noKvBudget: ScenarioRule<'no_kv_budget'> = (ctx) => {
  if (weightsExceedNode(ctx) || engineNoKvMemory(ctx) || !(ctx.numbers.kv_budget_gib <= 0)) return undefined;
  return raise('no_kv_budget', [ctx.key], { hbm_total_gib: ctx.numbers.hbm_total_gib, runtime_overhead_gib: ctx.nfr.runtime_overhead_gib });
};

/** A budget, but smaller than one session's KV: not one session fits a node (nor a replica spanning several). */
export const zeroSessionsPerNode: ScenarioRule<'zero_sessions_per_node'> = (ctx) => {
  if (weightsExceedNode(ctx) || engineNoKvMemory(ctx) || noKvBudget(ctx) || ctx.numbers.sessions_per_node !== 0 || (ctx.engine?.sessions_per_replica ?? 0) > 0) return undefined;
  return raise('zero_sessions_per_node', [ctx.key], { kv_per_session_gib: ctx.numbers.kv_per_session_gib, kv_budget_gib: ctx.numbers.kv_budget_gib });
};

/** Some sessions fit, but fewer than `THRESHOLDS.low_sessions_per_node`. */
export const lowSessionsPerNode: ScenarioRule<'low_sessions_per_node'> = (ctx) => {
  if (weightsExceedNode(ctx) || engineNoKvMemory(ctx) || noKvBudget(ctx) || zeroSessionsPerNode(ctx)) return undefined;
  const sessions = ctx.numbers.sessions_per_node;
  return sessions < THRESHOLDS.low_sessions_per_node ? raise('low_sessions_per_node', [ctx.key], { sessions_per_node: sessions, threshold: THRESHOLDS.low_sessions_per_node }) : undefined;
};

/** RECOMMENDED needs more than `THRESHOLDS.many_nodes` nodes. */
export const manyNodes: ScenarioRule<'many_nodes'> = ({ key, numbers }) =>
  key === 'recommended' && numbers.nodes_final !== null && numbers.nodes_final > THRESHOLDS.many_nodes
    ? raise('many_nodes', [key], { nodes_final: numbers.nodes_final, threshold: THRESHOLDS.many_nodes })
    : undefined;

// 3. About a deployment layout.

/** More tensor-parallel ranks than the fewest KV heads: heads are replicated (TensorRT-LLM's estimate splits them fractionally instead). */
export const kvHeadsReplicated: RequestRule<'kv_heads_replicated'> = ({ model, deployment }) => {
  if (!deployment || deployment.memory_model === 'trtllm') return undefined;
  const tp = deployment.layout.tensor_parallel;
  const kvHeads = layerGroupsOf(model).flatMap((g) => (g.kind === 'full' || g.kind === 'sliding' || g.kind === 'chunked' ? [g.kv_heads] : []));
  if (kvHeads.length === 0) return undefined;
  const fewest = Math.min(...kvHeads);
  return fewest < tp ? raise('kv_heads_replicated', ALL, { kv_heads: fewest, tensor_parallel: tp, copies: tp / fewest }) : undefined;
};

/** MLA layers over tensor-parallel attention: the latent is replicated on every rank of an attention group (TP / data-parallel attention). */
export const mlaReplicated: RequestRule<'mla_replicated'> = ({ model, deployment }) => {
  if (!deployment) return undefined;
  const tp = deployment.layout.tensor_parallel / deployment.layout.data_parallel_attention;
  return tp > 1 && layerGroupsOf(model).some((g) => g.kind === 'mla') ? raise('mla_replicated', ALL, { tensor_parallel: tp }) : undefined;
};

/** An engine memory model with no way to know the weights: they are counted as 0. */
export const engineWeightsUnknown: RequestRule<'engine_weights_unknown'> = ({ deployment, weights }) => {
  if (!deployment || deployment.memory_model === 'seed') return undefined;
  const { request } = deployment;
  if (request.kv_cache_memory_gib !== undefined || request.weights_gib !== undefined || weights !== null) return undefined;
  return raise('engine_weights_unknown', ALL, { memory_model: deployment.memory_model });
};

// 4. About the context and the runtime (version 2.0's order, then the additions).

/** At least `THRESHOLDS.long_context_tokens` tokens: TTFT and storage I/O during prefill. */
export const longContext: RequestRule<'long_context'> = (ctx) => {
  if (!isLongContext(ctx)) return undefined;
  const { storage } = ctx;
  return raise('long_context', ALL, {
    effective_context: ctx.nfr.effective_context_used,
    threshold_tokens: THRESHOLDS.long_context_tokens,
    storage: storage.name,
    throughput_read_gbps: storage.throughput_read_gbps,
    latency_read_ms_p99: storage.latency_read_ms_p99,
  });
};

/** The scenarios whose budget ratio is above `THRESHOLDS.high_kv_budget_ratio` (not under an engine's accounting). */
export const highKvBudgetRatio: RequestRule<'high_kv_budget_ratio'> = (ctx) => {
  if (engineAccounting(ctx)) return undefined;
  const high = SCENARIO_KEYS.filter((k) => ctx.kv_budget_ratios[k] > THRESHOLDS.high_kv_budget_ratio);
  return high.length > 0 ? raise('high_kv_budget_ratio', high, { kv_budget_ratio: ctx.nfr.kv_budget_ratio, threshold: THRESHOLDS.high_kv_budget_ratio }) : undefined;
};

/** A runtime overhead below `THRESHOLDS.low_runtime_overhead_gib` (not under an engine's accounting). */
export const lowRuntimeOverhead: RequestRule<'low_runtime_overhead'> = (ctx) =>
  !engineAccounting(ctx) && ctx.nfr.runtime_overhead_gib < THRESHOLDS.low_runtime_overhead_gib
    ? raise('low_runtime_overhead', ALL, { runtime_overhead_gib: ctx.nfr.runtime_overhead_gib, threshold_gib: THRESHOLDS.low_runtime_overhead_gib })
    : undefined;

/** A long context on storage that is not local NVMe. */
export const remoteStorageLongContext: RequestRule<'remote_storage_long_context'> = (ctx) => {
  const { storage } = ctx;
  if (!isLongContext(ctx) || storage.type === 'nvme_local') return undefined;
  return raise('remote_storage_long_context', ALL, {
    storage: storage.name,
    storage_type: storage.type,
    effective_context: ctx.nfr.effective_context_used,
    throughput_read_gbps: storage.throughput_read_gbps,
    latency_read_ms_p99: storage.latency_read_ms_p99,
  });
};

/** The first sliding or chunked group that keeps more tokens than the context: its KV figure is conservative. */
export const slidingWindowExceedsContext: RequestRule<'sliding_window_exceeds_context'> = ({ kv, nfr }) => {
  const context = nfr.effective_context_used;
  const sliding = kv.groups.find((g) => (g.kind === 'sliding' || g.kind === 'chunked') && g.tokens > context);
  return sliding ? raise('sliding_window_exceeds_context', ALL, { sliding_window: sliding.tokens, effective_context: context, sliding_layers: sliding.layers }) : undefined;
};

/** State layers whose size the model does not give: counted as 0. */
export const stateSizeUnknown: RequestRule<'state_size_unknown'> = ({ kv }) => {
  let unsized = 0;
  for (const g of kv.groups) if (!g.sized) unsized += g.layers;
  return unsized > 0 ? raise('state_size_unknown', ALL, { layers: unsized }) : undefined;
};

/**
 * The weights held on one node are more than the runtime overhead given: the KV budget is overstated
 * (not under an engine's accounting). Without --runtime-overhead-gib the reserve holds the weights, so
 * this fires only for a value given below them.
 */
export const weightsExceedOverhead: RequestRule<'weights_exceed_overhead'> = (ctx) => {
  const { reserve, nfr } = ctx;
  const weights = reserve.weights_node_gib;
  if (engineAccounting(ctx) || weights === null || !(weights > nfr.runtime_overhead_gib)) return undefined;
  return raise('weights_exceed_overhead', ALL, { weights_gib: weights, runtime_overhead_gib: nfr.runtime_overhead_gib, default_reserve_gib: reserve.default_node_gib });
};

/** Peak headroom above `THRESHOLDS.high_peak_headroom_ratio`: over-provisioning (MINIMUM has none). */
export const highPeakHeadroom: RequestRule<'high_peak_headroom'> = ({ nfr }) =>
  nfr.peak_headroom_ratio > THRESHOLDS.high_peak_headroom_ratio
    ? raise('high_peak_headroom', ['recommended', 'ideal'], { peak_headroom_ratio: nfr.peak_headroom_ratio, threshold: THRESHOLDS.high_peak_headroom_ratio })
    : undefined;

// 5. About the workload and its latency targets (issue 10).

/**
 * A latency target below what one session alone achieves: no batch meets it, every scenario is
 * infeasible. Says which target and the best the deployment does.
 */
export const sloUnreachable: RequestRule<'slo_unreachable'> = ({ workload }) => {
  const slo = workload?.slo;
  if (!slo || slo.ok || slo.reason === 'no_session_fits_memory') return undefined;
  const metric = slo.reason === 'tpot_below_single_session' ? 'tpot' : 'ttft';
  const target = metric === 'tpot' ? workload.targets.tpot_p99_ms : workload.targets.ttft_p99_ms;
  return raise('slo_unreachable', ALL, { metric, target_ms: target ?? 0, best_ms: slo.best_ms });
};

/** Not one request of the workload's tokens fits a replica's memory: the targets cannot be sized. */
export const sloNoSessionFits: RequestRule<'slo_no_session_fits'> = ({ workload }) =>
  workload?.slo && !workload.slo.ok && workload.slo.reason === 'no_session_fits_memory'
    ? raise('slo_no_session_fits', ALL, { input_tokens: workload.input_tokens, output_tokens: workload.output_tokens })
    : undefined;

/** Input + output tokens above the context the memory sizing holds: the KV per session is understated. */
export const workloadExceedsContext: RequestRule<'workload_exceeds_context'> = ({ workload, nfr }) =>
  workload && workload.input_tokens + workload.output_tokens > nfr.effective_context_used
    ? raise('workload_exceeds_context', ALL, { input_tokens: workload.input_tokens, output_tokens: workload.output_tokens, effective_context: nfr.effective_context_used })
    : undefined;

/** Issue 12: the profile cannot load a node's weights (with warmup_concurrency nodes at once) within the target. */
export const storageLoadSlow: RequestRule<'storage_load_slow'> = ({ storage_plan: plan }) =>
  plan && !plan.load.meets_target
    ? raise('storage_load_slow', ALL, {
        storage: plan.profile.name,
        load_time_s: plan.load.load_time_concurrent_s,
        target_load_time_s: plan.inputs.target_load_time_s,
        read_gbps: plan.load.rate_concurrent.gbps,
        required_gbps: plan.load.required_gbps_per_node,
        bound: plan.load.rate_concurrent.bound,
        warmup_concurrency: plan.inputs.warmup_concurrency,
      })
    : undefined;

/** Issue 12: storage asked for without any artifact size to plan it from. */
export const storageArtifactUnknown: RequestRule<'storage_artifact_unknown'> = ({ storage_plan: plan, model }) =>
  plan === null ? raise('storage_artifact_unknown', ALL, { model: model.name }) : undefined;

/** Issue 12: the scenarios with HA spares that lose their demand with a whole failure domain down. */
export const domainLossNotCovered: RequestRule<'domain_loss_not_covered'> = ({ storage_plan: plan }) => {
  if (!plan || plan.inputs.nodes_per_domain === null) return undefined;
  const failing = SCENARIO_KEYS.filter((k) => {
    const s = plan.scenarios[k];
    return s !== null && s.ha_extra_nodes > 0 && s.domain !== null && !s.domain.survives;
  });
  return failing.length > 0 ? raise('domain_loss_not_covered', failing, { nodes_per_domain: plan.inputs.nodes_per_domain }) : undefined;
};

/** One row of the table: a code, the rule that raises it, and whether it is evaluated once or per scenario. */
export type AlertRuleEntry = {
  [C in AlertCode]:
    | { readonly code: C; readonly scope: 'request'; readonly rule: RequestRule<C> }
    | { readonly code: C; readonly scope: 'scenario'; readonly rule: ScenarioRule<C> };
}[AlertCode];

/** Every rule, in raising order (see the module comment). */
export const ALERT_RULES = [
  { code: 'context_clamped', scope: 'request', rule: contextClamped },
  { code: 'max_position_embeddings_assumed', scope: 'request', rule: maxPositionEmbeddingsAssumed },
  { code: 'kv_precision_2_bytes', scope: 'request', rule: kvPrecision2Bytes },
  { code: 'weights_exceed_node', scope: 'scenario', rule: weightsExceedNode },
  { code: 'engine_no_kv_memory', scope: 'scenario', rule: engineNoKvMemory },
  { code: 'no_kv_budget', scope: 'scenario', rule: noKvBudget },
  { code: 'zero_sessions_per_node', scope: 'scenario', rule: zeroSessionsPerNode },
  { code: 'low_sessions_per_node', scope: 'scenario', rule: lowSessionsPerNode },
  { code: 'many_nodes', scope: 'scenario', rule: manyNodes },
  { code: 'kv_heads_replicated', scope: 'request', rule: kvHeadsReplicated },
  { code: 'mla_replicated', scope: 'request', rule: mlaReplicated },
  { code: 'engine_weights_unknown', scope: 'request', rule: engineWeightsUnknown },
  { code: 'long_context', scope: 'request', rule: longContext },
  { code: 'high_kv_budget_ratio', scope: 'request', rule: highKvBudgetRatio },
  { code: 'low_runtime_overhead', scope: 'request', rule: lowRuntimeOverhead },
  { code: 'remote_storage_long_context', scope: 'request', rule: remoteStorageLongContext },
  { code: 'sliding_window_exceeds_context', scope: 'request', rule: slidingWindowExceedsContext },
  { code: 'state_size_unknown', scope: 'request', rule: stateSizeUnknown },
  { code: 'weights_exceed_overhead', scope: 'request', rule: weightsExceedOverhead },
  { code: 'high_peak_headroom', scope: 'request', rule: highPeakHeadroom },
  { code: 'slo_unreachable', scope: 'request', rule: sloUnreachable },
  { code: 'slo_no_session_fits', scope: 'request', rule: sloNoSessionFits },
  { code: 'workload_exceeds_context', scope: 'request', rule: workloadExceedsContext },
  { code: 'storage_load_slow', scope: 'request', rule: storageLoadSlow },
  { code: 'storage_artifact_unknown', scope: 'request', rule: storageArtifactUnknown },
  { code: 'domain_loss_not_covered', scope: 'request', rule: domainLossNotCovered },
] as const satisfies readonly AlertRuleEntry[];

/** A code without a rule is a type error here (and a second rule for a code fails the test). */
type CodesWithoutRule = Exclude<AlertCode, (typeof ALERT_RULES)[number]['code']>;
const everyCodeHasARule: [CodesWithoutRule] extends [never] ? true : CodesWithoutRule = true;
void everyCodeHasARule;

/**
 * Evaluate a rule table: request-wide rules once; a run of consecutive per-scenario rules for each
 * scenario in `SCENARIO_KEYS` order (all of the run's rules for MINIMUM, then for RECOMMENDED, …).
 */
export function raiseAlerts(
  request: RequestAlertContext,
  scenarios: Readonly<Record<ScenarioKey, ScenarioAlertContext>>,
  rules: readonly AlertRuleEntry[] = ALERT_RULES,
): Alert[] {
  const out: Alert[] = [];
  for (let i = 0; i < rules.length; ) {
    const entry = rules[i];
    if (entry === undefined) break;
    if (entry.scope === 'request') {
      const a = entry.rule(request);
      if (a) out.push(a);
      i += 1;
      continue;
    }
    let end = i;
    while (rules[end]?.scope === 'scenario') end += 1;
    for (const key of SCENARIO_KEYS) {
      for (let j = i; j < end; j += 1) {
        const e = rules[j];
        if (e?.scope !== 'scenario') continue;
        const a = e.rule(scenarios[key]);
        if (a) out.push(a);
      }
    }
    i = end;
  }
  return out;
}
