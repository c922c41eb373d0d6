/**
 * The sizing: catalog entries and a request in, one plain result object out. Pure: no I/O, no clock,
 * no locale. Every renderer (text, Markdown, executive, JSON, batch, HTTP) works from this object.
 */
import type { FacilityTerms, ModelEntry, PriceEntry, PricingMode, ServerEntry, StorageEntry } from '../schema/catalog.ts';
import { type CostRequest, costRequested, type ResolvedFacility, resolveFacility, type ScenarioCost, scenarioCost } from './cost.ts';
import { type Alert, mergeAlerts, OVERSTATING_ALERTS } from './alerts.ts';
import { raiseAlerts } from './alert-rules.ts';
import { COST_DEFAULTS, DEFAULTS } from './defaults.ts';
import { type KvPerSession, kvPerSession } from './kv.ts';
import { type RuntimeReserve, type ReserveSource, type WeightsPrecision, type WeightsMemory, runtimeReserve, seedReservePerGpuGib, weightsFitOptions, weightsMemory } from './weights.ts';
import { type EngineCapacity, engineCapacity, gpuWeights } from '../engines/capacity.ts';
import type { DeploymentRequest, MemoryModel } from '../engines/settings.ts';
import { SizingPlan, withoutWorkload } from './plan.ts';
import { type KvOffload, kvOffload, offloadCapacity, offloadInputs, type OffloadRequest } from './offload.ts';
import {
  type HaMode,
  SCENARIO_KEYS,
  type ScenarioConfiguration,
  type ScenarioKey,
  type ScenarioNumbers,
  scenarioConfigurations,
  engineNodes,
  scenarioNumbers,
  scenarioUnit,
} from './scenarios.ts';
import { BYTES_PER_GIB, GIB_PER_TIB, gbToGib, type KvPrecision } from './units.ts';
import { nodeLoad, resolveStorageInputs, scenarioStorage, type StoragePlan, type StorageRequest, storageRequested } from './storage.ts';
import { performanceOf } from '../engines/perf/index.ts';
import { designLoad, fullLoadTokensPerReplica, meetsTargets, type ResolvedWorkload, resolveWorkload, type ScenarioPerformance, type ScenarioUnit, scenarioWorkload, type WorkloadSizing, workloadRequested } from './workload.ts';

export interface SizingEntries {
  readonly model: ModelEntry;
  readonly server: ServerEntry;
  readonly storage: StorageEntry;
  /** The catalog's servers, when known: alerts name those that would hold weights the chosen one cannot. */
  readonly servers?: readonly ServerEntry[] | undefined;
  /** The server's prices and the facility terms (issue 11): needed when the request asks for its cost. */
  readonly pricing?: SizingPricing | undefined;
}

/** What the prices catalog says for one server (src/catalog/data/prices.json, or the user's --prices-file). */
export interface SizingPricing {
  /** The server's entry; undefined when the catalog has none for it. */
  readonly price: PriceEntry | undefined;
  readonly facility: FacilityTerms;
  /** The date of the prices catalog. */
  readonly as_of: string;
}

/** What a user asks (already validated). Omitted fields take `DEFAULTS` / the model's default precision. */
export interface SizingRequest extends CostRequest {
  /** Sessions in flight; a validated request has it or `request_rate` (exactly one). */
  readonly concurrency?: number | undefined;
  /** Requests per second, instead of `concurrency` (issue 10: src/core/workload.ts). */
  readonly request_rate?: number | undefined;
  /** Mean prompt and generated tokens per request (issue 10). */
  readonly input_tokens?: number | undefined;
  readonly output_tokens?: number | undefined;
  /** Latency targets at the 99th percentile, milliseconds (issue 10). */
  readonly ttft_p99_ms?: number | undefined;
  readonly tpot_p99_ms?: number | undefined;
  readonly effective_context: number;
  readonly kv_precision?: KvPrecision | undefined;
  readonly kv_budget_ratio?: number | undefined;
  readonly runtime_overhead_gib?: number | undefined;
  readonly peak_headroom_ratio?: number | undefined;
  readonly ha?: HaMode | undefined;
  /** Parameters, billions, for the weights memory (else the model's total_params_b). */
  readonly params_b?: number | undefined;
  /** How the weights are stored (else the model's weights_bytes_per_param, else bf16). */
  readonly weights_precision?: WeightsPrecision | undefined;
}

/** A request may also carry a deployment layout and an engine memory model (issue #4). */
export type FullSizingRequest = SizingRequest & DeploymentRequest & StorageRequest & OffloadRequest;

/** The request with every default resolved, as the report shows it. */
export interface ResolvedNfr {
  readonly concurrency: number;
  readonly effective_context: number;
  readonly effective_context_used: number;
  readonly kv_precision: KvPrecision;
  readonly kv_precision_source: 'input' | 'model_default';
  readonly kv_budget_ratio: number;
  readonly runtime_overhead_gib: number;
  /** Where runtime_overhead_gib came from: given, the floor (the original's 120 GiB), or the weights plus the runtime allowance. */
  readonly runtime_overhead_source: ReserveSource;
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
  /** Latency and throughput at the scenario's design load (issue 10): only when the request gives a workload field. */
  readonly performance?: ScenarioPerformance;
  /** What the scenario's fleet costs (issue 11): only when the request gives a cost field; null when infeasible. */
  readonly cost?: ScenarioCost | null;
}

/** The cost's terms, resolved (issue 11): only when the request gives a cost field. */
export interface ResolvedCost {
  readonly mode: PricingMode;
  readonly mode_source: 'input' | 'default';
  /** The server's prices entry (null when the prices catalog has none). */
  readonly price: PriceEntry | null;
  readonly facility: ResolvedFacility;
  readonly as_of: string;
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
  /** What one node reserves before the KV budget, and why (src/core/weights.ts). */
  readonly reserve: RuntimeReserve;
  readonly scenarios: Readonly<Record<ScenarioKey, ScenarioResult>>;
  /** Every alert once, most severe first. */
  readonly alerts: readonly Alert[];
  /** True when all three scenarios are feasible. */
  readonly feasible: boolean;
  /** The workload and latency targets, resolved (issue 10): only when the request gives a workload field. */
  readonly workload?: ResolvedWorkload;
  /** The KV offload tier (issue 12, src/core/offload.ts): only when the request asks for one. */
  readonly offload?: KvOffload;
  /** The pricing mode, prices and facility terms used (issue 11): only when the request gives a cost field. */
  readonly cost?: ResolvedCost;
  /**
   * Storage, cold start and failures (issue 12): only when the request gives a storage field; null
   * when it does but the artifact size is unknown (no weights figure and no artifact_gib).
   */
  readonly storage?: StoragePlan | null;
}

/** Node memory as the server states it: `total_hbm_gb`, or gpus × per-GPU memory when absent (v2.0). */
export function serverTotalHbmGb(server: ServerEntry): number {
  return server.total_hbm_gb ?? server.gpus * server.hbm_per_gpu_gb;
}

/** The request with its defaults; the runtime overhead is the node's reserve when one is given (else the 120 GiB default). */
export function resolveNfr(model: ModelEntry, request: SizingRequest, effectiveContextUsed: number, reserve?: RuntimeReserve): ResolvedNfr {
  return {
    // A request rate's sessions in flight come from the performance model (src/core/workload.ts).
    concurrency: request.concurrency ?? 0,
    effective_context: request.effective_context,
    effective_context_used: effectiveContextUsed,
    kv_precision: request.kv_precision ?? model.default_kv_precision,
    kv_precision_source: request.kv_precision === undefined ? 'model_default' : 'input',
    kv_budget_ratio: request.kv_budget_ratio ?? DEFAULTS.kv_budget_ratio,
    runtime_overhead_gib: request.runtime_overhead_gib ?? reserve?.node_gib ?? DEFAULTS.runtime_overhead_gib,
    runtime_overhead_source: request.runtime_overhead_gib !== undefined ? 'input' : (reserve?.source ?? 'floor'),
    peak_headroom_ratio: request.peak_headroom_ratio ?? DEFAULTS.peak_headroom_ratio,
    ha_mode: request.ha ?? DEFAULTS.ha,
  };
}

/** Scenario numbers from an engine's capacity: sessions per node = replicas × sessions per replica. */
function engineNumbers(cap: EngineCapacity, concurrency: number, hbmTotalGib: number, configuration: ScenarioConfiguration): ScenarioNumbers {
  // A session lives on the ranks of one attention data-parallel group: GPUs per replica / DP of them.
  const kvPerSessionGib = (cap.bytes_per_session_per_rank * cap.layout.gpus_per_replica) / cap.layout.data_parallel_attention / BYTES_PER_GIB;
  const kvTotalGib = kvPerSessionGib * concurrency;
  return {
    kv_per_session_gib: kvPerSessionGib,
    kv_total_gib: kvTotalGib,
    kv_total_tib: kvTotalGib / GIB_PER_TIB,
    hbm_total_gib: hbmTotalGib,
    kv_budget_gib: cap.per_gpu.kv_cache_gib * cap.layout.gpus_used,
    sessions_per_node: cap.sessions_per_node,
    ...engineNodes(cap, concurrency, configuration),
  };
}


/** What the scenarios' capacities are computed from, at a given context per session (shared by `size` and `sessionsAt`). */
function capacityCore(plan: SizingPlan, contextTokens: number) {
  const { entries, request, precision, deployment } = plan;
  const { model, server } = entries;
  const kv = kvPerSession(model, contextTokens, precision);
  if (kv.bytes <= 0) {
    // Catalog rules refuse such entries (keepsKv); reaching here is a caller's bug, not a zero.
    throw new Error(`model ${model.name} keeps no KV cache or state per session: there is nothing to size`);
  }
  const weights = weightsMemory(model, request.params_b, request.weights_precision);
  // Without a layout the node is one pool: one replica over all its GPUs.
  const shape = deployment?.layout ?? { tensor_parallel: server.gpus, gpus_per_replica: server.gpus, gpus_used: server.gpus };
  const weightsReplica = request.weights_gib ?? weights?.gib ?? null;
  const perGpuWeights = deployment && weightsReplica !== null ? gpuWeights(model, deployment.layout, weightsReplica, weights?.params_b ?? null).gib : undefined;
  const reserve = runtimeReserve(model, server, weightsReplica, shape, request.runtime_overhead_gib, perGpuWeights);
  const nfr = resolveNfr(model, request, kv.effective_context_used, reserve);
  const totalHbmGb = serverTotalHbmGb(server);
  const hbmTotalGib = gbToGib(totalHbmGb);
  const configurations = scenarioConfigurations({
    peak_headroom_ratio: nfr.peak_headroom_ratio,
    ha: nfr.ha_mode,
    kv_budget_ratio: nfr.kv_budget_ratio,
    nodes_per_replica: deployment?.layout.nodes_per_replica,
  });
  // The engine's capacity depends on the scenario only through its KV budget ratio, which MINIMUM and
  // RECOMMENDED share (and IDEAL, at a ratio of at most 0.65): each ratio's is computed once.
  let capRatio: number | undefined;
  let capOfRatio: EngineCapacity | undefined;
  /** One scenario's numbers and engine capacity. */
  const scenario = (key: ScenarioKey): { numbers: ScenarioNumbers; engine: EngineCapacity | null } => {
    if (deployment) {
      const ratio = configurations[key].kv_budget_ratio;
      if (capOfRatio === undefined || ratio !== capRatio) {
        capRatio = ratio;
        capOfRatio = engineCapacity(
          { model, server, layout: deployment.layout, precision, context: kv.effective_context_used, weights_replica_gib: weights?.gib ?? null, params_b: weights?.params_b ?? null },
          deployment.engine,
          { reservePerGpuGib: reserve.weights_fit ? seedReservePerGpuGib(reserve, server.gpus) : reserve.gpu_gib, kvBudgetRatio: ratio },
        );
      }
      const cap = capOfRatio;
      return { numbers: engineNumbers(cap, nfr.concurrency, hbmTotalGib, configurations[key]), engine: cap };
    }
    // A node that cannot hold one copy of the weights has no KV budget, whatever overhead was given.
    return {
      numbers: scenarioNumbers(kv.gib, nfr.concurrency, hbmTotalGib, reserve.weights_fit ? nfr.runtime_overhead_gib : Math.max(nfr.runtime_overhead_gib, hbmTotalGib), configurations[key]),
      engine: null,
    };
  };
  return { kv, weights, reserve, nfr, totalHbmGb, hbmTotalGib, configurations, scenario };
}

/**
 * The MINIMUM scenario's sessions with every session holding `contextTokens` tokens: per replica under
 * an engine's memory model (with its capacity), per node for the original single pool. What `size()` of
 * the same plan at that context gives, without re-planning (the performance model's memory-limited batch).
 */
export function sessionsAt(plan: SizingPlan, contextTokens: number): { sessions: number; engine: EngineCapacity | null } {
  const { numbers, engine } = capacityCore(plan, contextTokens).scenario('minimum');
  return { sessions: engine ? engine.sessions_per_replica : numbers.sessions_per_node, engine };
}

/**
 * Each scenario's numbers and engine capacity of a plan, at its concurrency, before any workload,
 * storage, cost or alert: what `size()` starts from. `batch --fields` keeps no more than this per
 * deployment (src/app/fields.ts), so a deployment met for the first time is not sized whole.
 */
export function scenarioCapacities(plan: SizingPlan) {
  if (!SizingPlan.is(plan)) throw new TypeError('size() takes a SizingPlan: plan the request first (plan() or planEntries() of src/app/plan.ts)');
  const core = capacityCore(plan, plan.request.effective_context);
  const numbers = {} as Record<ScenarioKey, ScenarioNumbers>;
  const engines = {} as Record<ScenarioKey, EngineCapacity | null>;
  for (const key of SCENARIO_KEYS) {
    const r = core.scenario(key);
    engines[key] = r.engine;
    numbers[key] = r.numbers;
  }
  // Written field by field: an object literal spreading `core` before more fields cost several µs a
  // sizing in V8 (whole batch ~14 % slower, measured against the build before this function).
  const { kv, weights, reserve, nfr, totalHbmGb, hbmTotalGib, configurations } = core;
  return { kv, weights, reserve, nfr, totalHbmGb, hbmTotalGib, configurations, numbers, engines };
}

/** A scenario is feasible when at least one session fits a node: its node counts are then numbers. */
export function scenarioFeasible(n: ScenarioNumbers): boolean {
  return n.nodes_final !== null;
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
  const core = scenarioCapacities(plan);
  const { entries, request, deployment } = plan;
  const { model, server, storage } = entries;
  const { kv, weights, reserve, totalHbmGb, hbmTotalGib, configurations, numbers, engines } = core;
  let nfr = core.nfr;

  const layout = deployment?.layout ?? null;
  const memoryModel: MemoryModel = deployment?.engine.memory_model ?? 'seed';
  // Issue 10: the workload's load and latency targets (only when the request gives a workload field).
  let workload: ResolvedWorkload | undefined;
  let workloadSizing: WorkloadSizing | undefined;
  const performances = {} as Record<ScenarioKey, ScenarioPerformance>;
  // Issue 11: the full-load throughput of one replica, for the cost per token at full load.
  let fullLoadPerReplica: number | null = null;
  if (workloadRequested(request)) {
    const units = SCENARIO_KEYS.map((key): ScenarioUnit => {
      const e = engines[key];
      return e
        ? { sessions_per_replica: e.sessions_per_replica, sessions_per_node: e.sessions_per_node, replicas_per_node: e.layout.replicas_per_node, nodes_per_replica: e.layout.nodes_per_replica }
        : { sessions_per_replica: numbers[key].sessions_per_node, sessions_per_node: numbers[key].sessions_per_node, replicas_per_node: 1, nodes_per_replica: 1 };
    });
    // The performance model sizes memory at its own contexts: it gets the plan without the workload.
    const w = resolveWorkload(plan, () => withoutWorkload(plan), request, kv.effective_context_used, units);
    workload = w.workload;
    workloadSizing = w;
    if (request.concurrency === undefined) {
      // The load is a rate: size for Little's sessions in flight.
      nfr = { ...nfr, concurrency: w.concurrency };
      for (const key of SCENARIO_KEYS) {
        const e = engines[key];
        numbers[key] = e
          ? engineNumbers(e, nfr.concurrency, hbmTotalGib, configurations[key])
          : scenarioNumbers(kv.gib, nfr.concurrency, hbmTotalGib, reserve.weights_fit ? nfr.runtime_overhead_gib : Math.max(nfr.runtime_overhead_gib, hbmTotalGib), configurations[key]);
      }
    }
    SCENARIO_KEYS.forEach((key, i) => {
      const sw = scenarioWorkload(w, i, units[i]!, numbers[key], configurations[key]);
      numbers[key] = sw.numbers;
      performances[key] = sw.performance;
    });
    if (costRequested(request)) fullLoadPerReplica = fullLoadTokensPerReplica(w);
  }
  // Issue 12: storage, cold start and failures (only when the request gives a storage field).
  const storagePlan = storageRequested(request)
    ? planStorage(request, storage, request.weights_gib ?? weights?.gib ?? null, numbers, engines, configurations, nfr.concurrency, performances, workloadSizing)
    : undefined;
  const unfitWeights = reserve.weights_fit ? null : { server: server.name, gpus: server.gpus, reserve, options: weightsFitOptions(model, server, reserve, weights, entries.servers ?? []) };
  const raised = raiseAlerts(
    {
      model,
      storage,
      nfr,
      kv,
      weights,
      reserve,
      kv_budget_ratios: { minimum: configurations.minimum.kv_budget_ratio, recommended: configurations.recommended.kv_budget_ratio, ideal: configurations.ideal.kv_budget_ratio },
      deployment: layout ? { layout, memory_model: memoryModel, request } : null,
      ...(workload ? { workload } : {}),
      ...(storagePlan !== undefined ? { storage_plan: storagePlan } : {}),
    },
    {
      minimum: { key: 'minimum', numbers: numbers.minimum, nfr, engine: engines.minimum, unfit_weights: unfitWeights },
      recommended: { key: 'recommended', numbers: numbers.recommended, nfr, engine: engines.recommended, unfit_weights: unfitWeights },
      ideal: { key: 'ideal', numbers: numbers.ideal, nfr, engine: engines.ideal, unfit_weights: unfitWeights },
    },
  );

  const cost = costRequested(request) ? resolveCost(entries, request) : undefined;
  const scenarios = {} as Record<ScenarioKey, ScenarioResult>;
  for (const key of SCENARIO_KEYS) {
    const n = numbers[key];
    const sp = workload ? performances[key] : undefined;
    scenarios[key] = {
      key,
      configuration: configurations[key],
      results: n,
      engine: engines[key],
      feasible: scenarioFeasible(n),
      warnings: raised.filter((a) => a.scenarios.includes(key)),
      ...(workload ? { performance: performances[key] } : {}),
      ...(cost
        ? {
            cost:
              n.nodes_final === null
                ? null
                : scenarioCost({
                    nodes: n.nodes_final,
                    nodesRange: sp?.nodes_final_range ?? undefined,
                    server,
                    price: cost.price ?? undefined,
                    facility: cost.facility,
                    mode: cost.mode,
                    sessions: nfr.concurrency,
                    outputTokensPerS: sp?.performance?.output_tokens_per_s ?? null,
                    fullLoadOutputTokensPerS: sp && fullLoadPerReplica !== null ? fullLoadPerReplica * sp.design_load.replicas : null,
                  }),
          }
        : {}),
    };
  }
  return {
    inputs: { model, server, storage, nfr },
    node_memory: { total_hbm_gb: totalHbmGb, hbm_total_gib: hbmTotalGib },
    kv,
    weights,
    weights_gib: weights?.gib ?? null,
    reserve,
    scenarios,
    alerts: mergeAlerts(raised),
    feasible: SCENARIO_KEYS.every((k) => scenarios[k].feasible),
    ...(workload ? { workload } : {}),
    ...(cost ? { cost } : {}),
    ...(storagePlan !== undefined ? { storage: storagePlan } : {}),
    ...offloadOf(request, server, storage, scenarios, nfr.concurrency),
  };
}

/** The pricing mode, the server's prices and the facility terms with the request's overrides (issue 11). */
function resolveCost(entries: SizingEntries, request: SizingRequest): ResolvedCost {
  const pricing = entries.pricing;
  // Entries resolved through a CatalogIndex always carry the prices catalog; planEntries() callers asking for a cost must give it.
  if (!pricing) throw new TypeError('the request asks for its cost, but its entries carry no prices catalog (SizingEntries.pricing)');
  return {
    mode: request.pricing ?? COST_DEFAULTS.pricing,
    mode_source: request.pricing === undefined ? 'default' : 'input',
    price: pricing.price ?? null,
    facility: resolveFacility(pricing.facility, request),
    as_of: pricing.as_of,
  };
}

/**
 * The storage and recovery plan of a sizing (src/core/storage.ts): a node's load from the profile,
 * then each scenario's capacity on disk and what it serves with 1 and 2 nodes down. With a workload,
 * the latency targets are checked on the replicas left at the scenario's design load.
 */
function planStorage(
  request: FullSizingRequest,
  profile: StorageEntry,
  weightsGib: number | null,
  numbers: Readonly<Record<ScenarioKey, ScenarioNumbers>>,
  engines: Readonly<Record<ScenarioKey, EngineCapacity | null>>,
  configurations: Readonly<Record<ScenarioKey, ScenarioConfiguration>>,
  concurrency: number,
  performances: Readonly<Partial<Record<ScenarioKey, ScenarioPerformance>>>,
  w: WorkloadSizing | undefined,
): StoragePlan | null {
  const inputs = resolveStorageInputs(request, weightsGib, profile.type);
  if (inputs === null) return null;
  const layout = engines.recommended?.layout ?? engines.minimum?.layout ?? null;
  const p = {
    name: profile.name,
    type: profile.type,
    throughput_read_gbps: profile.throughput_read_gbps,
    iops_read: profile.iops_read,
    latency_read_ms_p50: profile.latency_read_ms_p50,
    latency_read_ms_p99: profile.latency_read_ms_p99,
  };
  const load = nodeLoad(inputs, p, layout?.replicas_per_node ?? 1, layout?.nodes_per_replica ?? 1);
  const scenario = (key: ScenarioKey) => {
    const e = engines[key];
    const c = configurations[key];
    const peak = 1 + c.peak_headroom_ratio;
    const sp = performances[key];
    const unit = e
      ? { sessions_per_replica: sp?.sessions_per_replica ?? e.sessions_per_replica, replicas_per_node: e.layout.replicas_per_node, nodes_per_replica: e.layout.nodes_per_replica }
      : { sessions_per_replica: numbers[key].sessions_per_node, replicas_per_node: 1, nodes_per_replica: 1 };
    const slo =
      w === undefined
        ? undefined
        : (replicas: number) => {
            const perf = performanceOf(w.prepared, designLoad(w, peak), replicas);
            const meets = meetsTargets(perf, w.workload.targets);
            const finite = (x: number) => (Number.isFinite(x) ? x : null);
            return { meets, ttft_p99_ms: finite(perf.ttft_ms.p99), tpot_p99_ms: finite(perf.tpot_ms.p99) };
          };
    return scenarioStorage(inputs, p, load, { nodes: numbers[key].nodes_final, unit, demand_sessions: concurrency * peak, ha_extra_nodes: c.ha_extra_nodes, slo });
  };
  return { inputs, profile: p, load, scenarios: { minimum: scenario('minimum'), recommended: scenario('recommended'), ideal: scenario('ideal') } };
}

/** The offload tier's figures, when the request asks for a tier (its size checked by the plan). */
function offloadOf(request: FullSizingRequest, server: ServerEntry, storage: StorageEntry, scenarios: Readonly<Record<ScenarioKey, ScenarioResult>>, concurrency: number): { offload?: KvOffload } {
  const tier = request.offload_tier;
  const capacity = offloadCapacity(request, server);
  if (tier === undefined || capacity === undefined) return {};
  const r = scenarios.recommended;
  // One session's KV sits on the GPUs of one attention group of a replica; the original pool: one link, conservatively.
  const gpusPerSession = r.engine ? r.engine.layout.gpus_per_replica / r.engine.layout.data_parallel_attention : 1;
  const unit = (s: ScenarioResult) => {
    const u = scenarioUnit(s);
    return {
      sessions_per_unit: u.sessions,
      nodes_per_unit: u.nodes,
      concurrency,
      peak_headroom_ratio: s.configuration.peak_headroom_ratio,
      ha_extra_nodes: s.configuration.ha_extra_nodes,
      nodes_final: s.results.nodes_final,
    };
  };
  return {
    offload: kvOffload(offloadInputs({ ...request, offload_tier: tier }, capacity, storage, r.results.kv_per_session_gib, gpusPerSession), {
      minimum: unit(scenarios.minimum),
      recommended: unit(scenarios.recommended),
      ideal: unit(scenarios.ideal),
    }),
  };
}


/**
 * Why the RECOMMENDED sizing must not be bought as it stands: it is infeasible, or an alert says its
 * capacity is overstated (`OVERSTATING_ALERTS`); null when nothing blocks it. Reports recommend
 * procurement only when this is null.
 */
export function procurementBlock(r: SizingResult): { readonly kind: 'infeasible' } | { readonly kind: 'overstated'; readonly alerts: readonly Alert[] } | null {
  if (!r.scenarios.recommended.feasible) return { kind: 'infeasible' };
  const overstated = r.alerts.filter((a) => OVERSTATING_ALERTS.has(a.code) && a.scenarios.includes('recommended'));
  return overstated.length > 0 ? { kind: 'overstated', alerts: overstated } : null;
}
