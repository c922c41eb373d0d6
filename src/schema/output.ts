/**
 * The JSON contract of `--json-only`, `--output-json-file`, and the HTTP API (POST /api/v1/sizing): the single
 * source of its TypeScript type and of `docs/schema/sizing-output.schema.json`.
 */
import * as z from 'zod/mini';
import { SEVERITIES } from '../core/alerts.ts';
import { MEMORY_MODELS } from '../engines/settings.ts';
import { HA_MODES } from '../core/scenarios.ts';
import { KV_PRECISIONS } from '../core/units.ts';
import { LAYER_KINDS, ModelEntrySchema, PRICING_MODES, PriceEntrySchema, ServerEntrySchema, StorageEntrySchema } from './catalog.ts';
import { RenderedDerivationSchema } from './derivation-schemas.ts';
import { StorageRecoveryJsonSchema } from './storage-output.ts';

const finite = () => z.number();
const count = () => z.int().check(z.nonnegative());
const nullableCount = () => z.nullable(z.int().check(z.nonnegative()));

export const AlertJsonSchema = z.strictObject({
  code: z.string().check(z.describe('Stable alert code, e.g. long_context.')),
  severity: z.enum(SEVERITIES),
  message: z.string().check(z.describe('The alert as a sentence in the requested locale.')),
  scenarios: z.array(z.enum(['minimum', 'recommended', 'ideal'])),
  params: z.record(z.string(), z.union([z.number(), z.string()])).check(z.describe('The numbers behind the alert.')),
});

export const RationaleJsonSchema = z.strictObject({
  formula: z.string(),
  inputs: z.record(z.string(), z.union([z.number(), z.string(), z.null()])),
  explanation: z.string(),
});

const RATIONALE = z.strictObject({
  kv_per_session_gib: RationaleJsonSchema,
  kv_total_gib: RationaleJsonSchema,
  hbm_total_gib: RationaleJsonSchema,
  kv_budget_gib: RationaleJsonSchema,
  sessions_per_node: RationaleJsonSchema,
  nodes_capacity: RationaleJsonSchema,
  nodes_with_headroom: RationaleJsonSchema,
  nodes_final: RationaleJsonSchema,
});

export const ScenarioResultsJsonSchema = z.strictObject({
  kv_per_session_gib: finite(),
  kv_total_gib: finite(),
  kv_total_tib: finite(),
  hbm_total_gib: finite(),
  kv_budget_gib: finite(),
  sessions_per_node: count(),
  nodes_capacity: nullableCount().check(z.describe('null when the scenario is infeasible')),
  nodes_with_headroom: nullableCount().check(z.describe('null when the scenario is infeasible')),
  nodes_final: nullableCount().check(z.describe('null when the scenario is infeasible')),
});

/** What GPU memory is for, GiB (per GPU, and per node with its idle GPUs). */
const GPU_MEMORY_FIELDS = {
  gpu_memory_gib: finite(),
  weights_gib: finite(),
  activation_gib: finite(),
  non_torch_gib: finite(),
  reserved_gib: finite(),
  kv_cache_gib: finite(),
};

/** A figure that a saturated queue makes unbounded: null then (issue 10). */
const latency = () => z.nullable(finite());
const IntervalJsonSchema = z.strictObject({ low: latency(), high: latency() });
const PercentilesJsonSchema = z.strictObject({ p50: latency(), p99: latency() });

/** Issue 10: one scenario's latency and throughput at its design load, and how the targets sized it. */
export const PerformanceJsonSchema = z.strictObject({
  design_load: z
    .strictObject({ concurrency: z.nullable(finite()), request_rate: z.nullable(finite()), replicas: count() })
    .check(z.describe("The scenario's peak (load × (1 + headroom)) shared by the replicas left when its HA spare nodes are down.")),
  memory_sessions_per_replica: count(),
  slo_sessions_per_replica: nullableCount().check(z.describe('The largest sessions per replica meeting both p99 targets (null without targets, or when unreachable).')),
  sessions_per_replica: count().check(z.describe('The smaller of the two: what the node counts use.')),
  limit: z.enum(['memory', 'slo']),
  nodes_final_memory: nullableCount().check(z.describe('The final node count from memory alone.')),
  nodes_final_range: z
    .nullable(z.strictObject({ low: count(), high: nullableCount() }))
    .check(z.describe('The final node count at the ends of the 80 % interval of the latencies (high null: the targets may be out of reach there).')),
  meets_targets: z.nullable(z.boolean()).check(z.describe('Whether the design load meets every target given (null without targets, or infeasible).')),
  figures: z
    .nullable(
      z.strictObject({
        sessions_per_replica: finite(),
        replicas: count(),
        ttft_ms: PercentilesJsonSchema,
        tpot_ms: PercentilesJsonSchema,
        output_tokens_per_s: finite(),
        output_tokens_per_s_per_replica: finite(),
        output_tokens_per_s_per_node: finite(),
        requests_per_s: finite(),
        bound: z.enum(['memory', 'compute', 'bandwidth', 'queueing']),
        interval: z.strictObject({
          ttft_ms: z.strictObject({ p50: IntervalJsonSchema, p99: IntervalJsonSchema }),
          tpot_ms: z.strictObject({ p50: IntervalJsonSchema, p99: IntervalJsonSchema }),
          output_tokens_per_s: IntervalJsonSchema,
          requests_per_s: IntervalJsonSchema,
        }),
        terms: z.record(z.string(), z.unknown()).check(z.describe('The step and prefill terms and the queue (src/engines/perf/types.ts PerfTerms).')),
        calibration: z.strictObject({ id: z.string(), source: z.string(), extrapolated: z.boolean() }),
      }),
    )
    .check(z.describe('The performance model at the design load (null when the scenario is infeasible).')),
  rationale: z.record(z.string(), RationaleJsonSchema).check(z.describe('Formula, inputs and explanation of each figure: sessions_per_replica, concurrency (request rate only), tpot_ms, ttft_ms, output_tokens_per_s, nodes_final.')),
});

/** Issue 10: the workload and latency targets, resolved. */
export const WorkloadJsonSchema = z.strictObject({
  input_tokens: count(),
  input_tokens_source: z.enum(['input', 'default']),
  output_tokens: count(),
  output_tokens_source: z.enum(['input', 'default']),
  load: z.enum(['concurrency', 'request_rate']),
  request_rate: z.nullable(finite()),
  concurrency: count().check(z.describe("Sessions in flight: as given, or by Little's law from the rate.")),
  little: z.nullable(
    z.strictObject({
      sessions_per_replica: count(),
      ttft_ms: finite(),
      tpot_ms: finite(),
      time_in_system_s: finite(),
      concurrency_range: z.strictObject({ low: count(), high: count() }),
    }),
  ),
  targets: z.strictObject({ ttft_p99_ms: z.nullable(finite()), tpot_p99_ms: z.nullable(finite()) }),
  slo: z.nullable(
    z.strictObject({
      ok: z.boolean(),
      sessions: nullableCount(),
      bound: z.nullable(z.enum(['memory', 'compute', 'bandwidth', 'queueing'])),
      reason: z.nullable(z.enum(['tpot_below_single_session', 'ttft_below_single_session', 'no_session_fits_memory'])),
      best_ms: z.nullable(finite()),
    }),
  ),
});

const money = () => z.nullable(finite());
const COST_INPUTS = ['capex_usd_per_node', 'on_demand_usd_per_gpu_hour', 'reserved_usd_per_gpu_hour', 'power_kw', 'output_tokens_per_s', 'full_load_output_tokens_per_s'] as const;

/** Issue 11: what one scenario's fleet costs (src/core/cost.ts); null figures where an input is missing. */
export const CostJsonSchema = z.strictObject({
  mode: z.enum(PRICING_MODES),
  nodes: count().check(z.describe('The final node count, HA spares included: what is paid for.')),
  gpus: count(),
  sessions: count().check(z.describe('The concurrency the fleet is sized for.')),
  output_tokens_per_s: money().check(z.describe('Output tokens/s at the design load (the performance model; null without a workload field).')),
  full_load_output_tokens_per_s: money().check(z.describe('Output tokens/s with every serving replica at its memory-limited batch (null without a workload field).')),
  usd_per_hour: money().check(z.describe('owned: nodes × (capex / (amortisation_years × 8,760) + power_kw × PUE × $/kWh); cloud: nodes × GPUs × $/GPU-hour.')),
  usd_per_month: money().check(z.describe('usd_per_hour × 730.')),
  usd_per_million_output_tokens: money().check(z.describe('usd_per_hour / (output_tokens_per_s × 3,600) × 10⁶.')),
  usd_per_million_output_tokens_full_load: money().check(z.describe('usd_per_hour / (full_load_output_tokens_per_s × 3,600) × 10⁶.')),
  usd_per_session_month: money().check(z.describe('usd_per_month / sessions.')),
  power_kw: money().check(z.describe('nodes × power_kw of the server: the nameplate maximum.')),
  energy_mwh_per_year: money().check(z.describe('power_kw × PUE × 8,760 / 1,000: a ceiling.')),
  capex_usd: money().check(z.describe('owned only: nodes × capex per node.')),
  interval: z
    .nullable(
      z.strictObject({
        nodes: z.strictObject({ low: count(), high: nullableCount() }),
        usd_per_hour: z.strictObject({ low: money(), high: money() }),
        usd_per_month: z.strictObject({ low: money(), high: money() }),
      }),
    )
    .check(z.describe("The node count's 80 % interval carried to the dollars (null when the node count has none).")),
  node_hour: z.strictObject({ amortisation_usd: money(), energy_usd: money(), usd_per_gpu_hour: money(), usd: money() }).check(z.describe('One node-hour, term by term.')),
  missing: z.array(z.enum(COST_INPUTS)).check(z.describe('Inputs that were absent: each figure needing one is null.')),
  rationale: z.record(z.string(), RationaleJsonSchema).check(z.describe('Formula, inputs and explanation of each figure.')),
});

/** Issue 11: the pricing mode, the server's prices and the facility terms used. */
export const PricingJsonSchema = z.strictObject({
  mode: z.enum(PRICING_MODES),
  mode_source: z.enum(['input', 'default']),
  as_of: z.string().check(z.describe('Date of the prices catalog.')),
  price: z.nullable(PriceEntrySchema).check(z.describe("The server's prices entry, with its source and date (null when the catalog has none).")),
  facility: z.strictObject({
    usd_per_kwh: finite(),
    pue: finite(),
    amortisation_years: finite(),
    source: z.string(),
    date: z.string(),
    notes: z.optional(z.string()),
    from_request: z.array(z.enum(['usd_per_kwh', 'pue', 'amortisation_years'])),
  }),
  notice: z.string().check(z.describe('Prices change; the user’s --prices-file overrides them (in the document’s language).')),
});

export const ScenarioJsonSchema = z.strictObject({
  name: z.string().check(z.describe('Localized scenario name: MINIMUM / MÍNIMO, …')),
  feasible: z.boolean(),
  configuration: z.strictObject({
    peak_headroom_ratio: finite(),
    ha_mode: z.enum(HA_MODES),
    ha_extra_nodes: count(),
    kv_budget_ratio: finite(),
  }),
  results: ScenarioResultsJsonSchema,
  engine: z.nullable(
    z.strictObject({
      memory_model: z.enum(MEMORY_MODELS),
      behaviour: z.string().check(z.describe("Which engine version's accounting is followed, in the report's locale.")),
      layout: z.strictObject({
        tensor_parallel: count(),
        pipeline_parallel: count(),
        gpus_per_replica: count(),
        replicas_per_node: count().check(z.describe('Replicas on one node; 1 when a replica spans several nodes.')),
        gpus_used: count().check(z.describe('GPUs of one node that serve replicas.')),
        nodes_per_replica: count().check(
          z.describe('Whole nodes one replica occupies (TP × PP / the server’s GPUs when larger than one node, else 1). Node counts are then whole replicas: multiples of it, HA included.'),
        ),
        data_parallel_attention: count().check(z.describe('Attention data-parallel groups per replica, each keeping its own sessions (1: tensor-parallel attention).')),
        expert_parallel: count().check(z.describe('GPUs of a pipeline stage over which whole routed experts are spread (1: experts sliced over the TP ranks).')),
      }),
      per_gpu: z.strictObject(GPU_MEMORY_FIELDS),
      per_node: z.strictObject({ ...GPU_MEMORY_FIELDS, idle_gpus_gib: finite() }).check(z.describe('What one node’s GPU memory is for, GiB.')),
      expert_weights_gib_per_gpu: z.nullable(finite()).check(
        z.describe('The routed experts’ part of per_gpu.weights_gib, GiB (null when the catalog does not size the experts, and under the seed memory model).'),
      ),
      calibrated: z.boolean(),
      block_size: count(),
      num_blocks: nullableCount(),
      kv_tokens: count(),
      max_concurrency: finite(),
      context_tokens: count(),
      sessions_per_replica: count(),
      sessions_per_node: count(),
      bytes_per_session_per_rank: finite(),
    }),
  ).check(z.describe('The engine accounting, when a layout or memory model is asked for; null for the original single pool.')),
  rationale: RATIONALE,
  warnings: z.array(AlertJsonSchema),
  performance: z.optional(PerformanceJsonSchema).check(z.describe('Latency and throughput (issue 10): only when the request gives a workload field.')),
  cost: z.optional(z.nullable(CostJsonSchema)).check(z.describe('What the fleet costs (issue 11): only when the request gives a cost field; null when the scenario is infeasible.')),
});

const ParameterJsonSchema = z.strictObject({
  origin: z.string(),
  description: z.string(),
  source: z.string(),
  importance: z.string(),
  common_errors: z.string(),
});

/** Issue 12: the KV offload tier (src/core/offload.ts `KvOffload`). */
const OffloadScenarioJsonSchema = z.strictObject({
  sessions_per_node: z.number().check(z.describe('HBM sessions per node without offload (the scenario\'s).')),
  sessions_per_node_with_offload: z.number().check(z.describe('Sessions per node with the idle fraction parked: min(floor(S / (1 − f)), S + P).')),
  parked_sessions_per_node: z.number().check(z.describe('Sessions per node beyond HBM, parked in the tier (at most parked_capacity_sessions_per_node).')),
  nodes_final: z.nullable(z.int()).check(z.describe('The scenario\'s nodes without offload (scenarios.*.results.nodes_final).')),
  nodes_final_with_offload: z.nullable(z.int()).check(z.describe('Nodes with offload, by the same rule (headroom, HA) at sessions_per_node_with_offload.')),
});
const OffloadJsonSchema = z.strictObject({
  tier: z.enum(['dram', 'nvme']),
  capacity_gib_per_node: z.number(),
  capacity_source: z.enum(['input', 'server_system_memory']).check(z.describe('Given (offload_gib_per_node), or half the server\'s system_memory_tb (dram).')),
  idle_session_fraction: z.number(),
  kv_per_session_gib: z.number(),
  parked_capacity_sessions_per_node: z.int().check(z.describe('P = floor(capacity_gib_per_node / kv_per_session_gib).')),
  restore_bandwidth_gbps: z.number().check(z.describe('GB/s one session comes back at: host link × GPUs per session, or the storage profile\'s read throughput when lower (nvme).')),
  restore_bandwidth_source: z.enum(['host_link', 'storage_profile']),
  host_link_gbps_per_gpu: z.number(),
  host_link_source: z.enum(['input', 'default_pcie_gen5_x16']),
  gpus_per_session: z.number().check(z.describe('GPUs whose host links carry one session\'s KV.')),
  storage: z.nullable(z.strictObject({ name: z.string(), throughput_read_gbps: z.number(), latency_read_ms_p99: z.number() })).check(z.describe('nvme: the storage profile used; null for dram.')),
  restore_time_s: z.number().check(z.describe('Seconds to bring one idle session back into HBM: read latency p99 (nvme) + KV bytes / restore bandwidth.')),
  scenarios: z.strictObject({ minimum: OffloadScenarioJsonSchema, recommended: OffloadScenarioJsonSchema, ideal: OffloadScenarioJsonSchema }),
});

export const SizingOutputSchema = z.strictObject({
  schema_version: z.literal(1),
  generator: z.string(),
  locale: z.enum(['en', 'pt-BR']),
  feasible: z.boolean().check(z.describe('true when all three scenarios are feasible (exit code 0); false gives exit code 3')),
  inputs: z.strictObject({
    model: z.extend(ModelEntrySchema, {
      derivations: z.optional(z.array(RenderedDerivationSchema)).check(z.describe('How an imported entry was read from its config.json, value by value, in the document’s language.')),
    }),
    server: z.intersection(ServerEntrySchema, z.object({ total_hbm_gb: finite(), total_hbm_gib: finite() })),
    storage: StorageEntrySchema,
    nfr: z.strictObject({
      concurrency: count(),
      effective_context: count().check(z.describe('as requested')),
      effective_context_used: count().check(z.describe('after clamping to max_position_embeddings')),
      kv_precision: z.enum(KV_PRECISIONS),
      kv_precision_source: z.enum(['input', 'model_default']),
      kv_budget_ratio: finite(),
      runtime_overhead_gib: finite(),
      runtime_overhead_source: z
        .enum(['input', 'floor', 'weights'])
        .check(z.describe("input: given; floor: the original's 120 GiB (15 GiB per GPU on nodes of fewer than 8 GPUs); weights: the weights on a node plus the runtime allowance")),
      peak_headroom_ratio: finite(),
      ha_mode: z.enum(HA_MODES).check(z.describe("the RECOMMENDED scenario's HA")),
    }),
  }),
  kv_cache: z.strictObject({
    bytes_per_session: count(),
    bytes_per_element: count(),
    effective_context_used: count(),
    bytes_per_context_token: count().check(z.describe('The part that grows with the context, per token (full and MLA layers summed).')),
    constant_bytes: count().check(z.describe('The part that does not: windows, chunks and states, per session.')),
    layer_groups: z.array(
      z.strictObject({
        kind: z.enum(LAYER_KINDS),
        layers: count(),
        tokens: count(),
        bytes_per_token_per_layer: count(),
        state_bytes_per_layer: count(),
        sized: z.boolean(),
        bytes: count(),
      }),
    ),
    weights_gib: z.nullable(finite()).check(z.describe('Weights memory when the parameter count is known; null otherwise.')),
  }),
  runtime_reserve: z
    .strictObject({
      node_gib: finite().check(z.describe('GiB reserved per node before the KV budget: inputs.nfr.runtime_overhead_gib.')),
      source: z.enum(['input', 'floor', 'weights']),
      default_node_gib: finite().check(z.describe('What the node reserves without --runtime-overhead-gib.')),
      floor_gib: finite().check(z.describe("The original's 120 GiB, 15 GiB per GPU on nodes of fewer than 8 GPUs.")),
      weights_replica_gib: z.nullable(finite()).check(z.describe('Weights of one replica (parameters × bytes, or --weights-gib); null when unknown.')),
      weights_node_gib: z.nullable(finite()).check(z.describe('Weights held on one node.')),
      activation_gib_per_gpu: finite().check(z.describe("Runtime allowance: the activation peak of vLLM's default batched tokens, per GPU holding weights.")),
      non_torch_gib_per_gpu: finite().check(z.describe('Runtime allowance: CUDA context and NCCL, per GPU holding weights.')),
      batched_tokens: count(),
      allowance_node_gib: finite().check(z.describe('The runtime allowance over the GPUs holding weights.')),
      gpus_used: count(),
      gpu_gib: finite(),
      weights_fit: z.boolean().check(z.describe("False when one GPU's share of the weights plus the allowance is not less than its memory: every scenario is then infeasible.")),
    })
    .check(z.describe('What one node reserves before its KV budget, and why.')),
  parameter_dictionary: z.record(z.string(), ParameterJsonSchema),
  workload: z.optional(WorkloadJsonSchema).check(z.describe('The workload and latency targets (issue 10): only when the request gives a workload field.')),
  offload: z.optional(OffloadJsonSchema).check(z.describe('The KV offload tier (issue 12, src/core/offload.ts): only when the request gives offload_tier.')),
  pricing: z.optional(PricingJsonSchema).check(z.describe('The pricing terms (issue 11): only when the request gives a cost field.')),
  scenarios: z.strictObject({ minimum: ScenarioJsonSchema, recommended: ScenarioJsonSchema, ideal: ScenarioJsonSchema }),
  alerts: z.array(AlertJsonSchema),
  storage_recovery: z
    .optional(z.nullable(StorageRecoveryJsonSchema))
    .check(z.describe('Storage, cold start and failures (issue 12): only when the request gives a storage field; null when the artifact size is unknown.')),
});

export type SizingOutput = z.infer<typeof SizingOutputSchema>;
export type AlertJson = z.infer<typeof AlertJsonSchema>;
export type PerformanceJson = z.infer<typeof PerformanceJsonSchema>;
export type WorkloadJson = z.infer<typeof WorkloadJsonSchema>;
export type CostJson = z.infer<typeof CostJsonSchema>;
export type PricingJson = z.infer<typeof PricingJsonSchema>;
