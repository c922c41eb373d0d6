/** Each alert rule on its own, at its threshold edges; then the table: its order, its coverage and how it is evaluated. */
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  ALERT_RULES,
  type AlertRuleEntry,
  contextClamped,
  engineNoKvMemory,
  engineWeightsUnknown,
  highKvBudgetRatio,
  highPeakHeadroom,
  kvHeadsReplicated,
  kvPrecision2Bytes,
  longContext,
  lowRuntimeOverhead,
  lowSessionsPerNode,
  manyNodes,
  maxPositionEmbeddingsAssumed,
  mlaReplicated,
  noKvBudget,
  raiseAlerts,
  remoteStorageLongContext,
  type RequestAlertContext,
  type ScenarioAlertContext,
  slidingWindowExceedsContext,
  stateSizeUnknown,
  weightsExceedNode,
  weightsExceedOverhead,
  zeroSessionsPerNode,
} from '../../src/core/alert-rules.ts';
import { runtimeReserve, weightsFitOptions, weightsMemory, type WeightsMemory } from '../../src/core/weights.ts';
import { ALERT_CODES, type Alert, alert } from '../../src/core/alerts.ts';
import type { EngineCapacity } from '../../src/engines/capacity.ts';
import type { MemoryModel } from '../../src/engines/settings.ts';
import { kvPerSession } from '../../src/core/kv.ts';
import type { ScenarioKey, ScenarioNumbers } from '../../src/core/scenarios.ts';
import { type FullSizingRequest, resolveNfr, type ResolvedNfr } from '../../src/core/sizing.ts';
import { size } from '../helpers/size.ts';
import type { KvPrecision } from '../../src/core/units.ts';
import type { ModelEntry } from '../../src/schema/catalog.ts';
import { model as builtinModel, server, storage } from '../helpers/catalog.ts';

const fullModel: ModelEntry = { name: 'full-model', num_layers: 80, num_key_value_heads: 8, head_dim: 128, max_position_embeddings: 131072, attention_pattern: 'full', default_kv_precision: 'fp8' };
const slidingModel: ModelEntry = { ...fullModel, name: 'sliding-model', num_layers: 4, attention_pattern: 'sliding', sliding_window: 128 };
const mlaModel: ModelEntry = { ...fullModel, name: 'mla-model', num_layers: 61, kv_layers: [{ kind: 'mla', count: 61, kv_lora_rank: 512, qk_rope_head_dim: 64 }] };
const mambaModel = (stateBytes: number | null): ModelEntry => ({
  ...fullModel,
  name: 'mamba-model',
  num_layers: 4,
  kv_layers: [{ kind: 'full', count: 2, kv_heads: 8, head_dim: 128 }, { kind: 'mamba', count: 2, state_bytes: stateBytes }],
});
const nvme = storage('profile_default');
const cloud = storage('profile_cloud_premium');

interface RequestSpec {
  model?: ModelEntry;
  context?: number;
  precision?: KvPrecision;
  nfr?: Partial<ResolvedNfr>;
  storage?: typeof nvme;
  weights?: RequestAlertContext['weights'];
  /** What the node reserves (else the reserve of dgx-h100 for these weights). */
  reserve?: RequestAlertContext['reserve'];
  ratios?: [number, number, number];
  /** A deployment: memory model, tensor parallel, and what the request says about the weights. */
  deployment?: { memory_model: MemoryModel; tp?: number; dp?: number; weights_gib?: number; kv_cache_memory_gib?: number };
}

/** The reserve of a dgx-h100 node for weights of one replica over `gpus` GPUs (one replica per node). */
function reserveOf(model: ModelEntry, weightsGib: number | null, gpus: number, given?: number) {
  return runtimeReserve(model, server('dgx-h100'), weightsGib, { tensor_parallel: gpus, gpus_per_replica: gpus, gpus_used: gpus }, given);
}

/** A request-wide context from a few facts; everything else quiet (32,768 tokens, fp8, defaults). */
function requestContext(spec: RequestSpec = {}): RequestAlertContext {
  const model = spec.model ?? fullModel;
  const context = spec.context ?? 32768;
  const precision = spec.precision ?? 'fp8';
  const kv = kvPerSession(model, context, precision);
  const nfr = { ...resolveNfr(model, { concurrency: 1000, effective_context: context, kv_precision: precision }, kv.effective_context_used), ...spec.nfr };
  const [minimum, recommended, ideal] = spec.ratios ?? [0.7, 0.7, 0.65];
  const d = spec.deployment;
  return {
    model,
    storage: spec.storage ?? nvme,
    nfr,
    kv,
    weights: spec.weights ?? null,
    reserve: spec.reserve ?? reserveOf(model, spec.weights?.gib ?? d?.weights_gib ?? null, d?.tp ?? 8),
    kv_budget_ratios: { minimum, recommended, ideal },
    deployment: d
      ? {
          layout: { tensor_parallel: d.tp ?? 1, pipeline_parallel: 1, gpus_per_replica: d.tp ?? 1, replicas_per_node: 1, gpus_used: d.tp ?? 1, nodes_per_replica: 1, data_parallel_attention: d.dp ?? 1, expert_parallel: 1 },
          memory_model: d.memory_model,
          request: { weights_gib: d.weights_gib, kv_cache_memory_gib: d.kv_cache_memory_gib },
        }
      : null,
  };
}

const quietNumbers: ScenarioNumbers = {
  kv_per_session_gib: 2,
  kv_total_gib: 2000,
  kv_total_tib: 2000 / 1024,
  hbm_total_gib: 1000,
  kv_budget_gib: 600,
  sessions_per_node: 300,
  nodes_capacity: 4,
  nodes_with_headroom: 5,
  nodes_final: 5,
};
const nfr = resolveNfr(fullModel, { concurrency: 1000, effective_context: 32768 }, 32768);

/** An engine's accounting with the given KV memory per GPU (only the fields the rules read matter). */
function engine(memoryModel: MemoryModel, kvCacheGib: number): EngineCapacity {
  const perGpu = { gpu_memory_gib: 80, weights_gib: 70, activation_gib: 5, non_torch_gib: 1, reserved_gib: 8, kv_cache_gib: kvCacheGib };
  return { memory_model: memoryModel, per_gpu: perGpu } as EngineCapacity;
}

function scenarioContext(numbers: Partial<ScenarioNumbers> = {}, key: ScenarioKey = 'minimum', eng: EngineCapacity | null = null): ScenarioAlertContext {
  return { key, numbers: { ...quietNumbers, ...numbers }, nfr, engine: eng, unfit_weights: null };
}

type Expected = { scenarios: readonly ScenarioKey[]; params: Record<string, unknown> } | undefined;
const ALL = ['minimum', 'recommended', 'ideal'] as const;

/** Runs one rule's table: each row a context and the alert expected (or none). */
function check(code: Alert['code'], rows: readonly (readonly [string, Alert | undefined, Expected])[]) {
  it.each(rows)('%s', (_why, raised, expected) => {
    if (expected === undefined) {
      expect(raised).toBeUndefined();
      return;
    }
    expect(raised).toEqual(alert(code, expected.scenarios, expected.params as never));
  });
}

describe('contextClamped', () => {
  check('context_clamped', [
    ['quiet at max_position_embeddings', contextClamped(requestContext({ context: 131072 })), undefined],
    ['fires one token above', contextClamped(requestContext({ context: 131073 })), { scenarios: ALL, params: { requested_context: 131073, max_position_embeddings: 131072 } }],
  ]);
});

describe('maxPositionEmbeddingsAssumed', () => {
  check('max_position_embeddings_assumed', [
    ['quiet when the config gave it', maxPositionEmbeddingsAssumed(requestContext({ model: { ...fullModel, max_position_embeddings: 2048 } })), undefined],
    ['quiet when explicitly not assumed', maxPositionEmbeddingsAssumed(requestContext({ model: { ...fullModel, max_position_embeddings_assumed: false } })), undefined],
    [
      "fires when the model type's default was used",
      maxPositionEmbeddingsAssumed(requestContext({ model: { ...fullModel, max_position_embeddings: 2048, max_position_embeddings_assumed: true, hf_model_type: 'falcon' } })),
      { scenarios: ALL, params: { max_position_embeddings: 2048, model_type: 'falcon' } },
    ],
    [
      'names no model type when there is none',
      maxPositionEmbeddingsAssumed(requestContext({ model: { ...fullModel, max_position_embeddings_assumed: true } })),
      { scenarios: ALL, params: { max_position_embeddings: 131072, model_type: '' } },
    ],
  ]);
});

describe('kvPrecision2Bytes', () => {
  check('kv_precision_2_bytes', [
    ['quiet for fp8 (1 byte)', kvPrecision2Bytes(requestContext({ precision: 'fp8' })), undefined],
    ['quiet for int8 (1 byte)', kvPrecision2Bytes(requestContext({ precision: 'int8' })), undefined],
    ['fires for fp16', kvPrecision2Bytes(requestContext({ precision: 'fp16' })), { scenarios: ALL, params: { kv_precision: 'fp16', bytes_per_element: 2 } }],
    ['fires for bf16', kvPrecision2Bytes(requestContext({ precision: 'bf16' })), { scenarios: ALL, params: { kv_precision: 'bf16', bytes_per_element: 2 } }],
  ]);
});

// DeepSeek-V3 (671 B parameters in fp8, hidden 7,168) on dgx-h100: 624.9 GiB over 8 GPUs of 74.5 GiB.
const deepSeek = builtinModel('DeepSeek-V3');
const deepSeekWeights = weightsMemory(deepSeek)!;
const h100 = server('dgx-h100');
const pool = { tensor_parallel: 8, gpus_per_replica: 8, gpus_used: 8 };
const unfitReserve = runtimeReserve(deepSeek, h100, deepSeekWeights.gib, pool, undefined);
const unfit = { server: h100.name, gpus: 8, reserve: unfitReserve, options: weightsFitOptions(deepSeek, h100, unfitReserve, deepSeekWeights, [h100, server('dgx-h200'), server('l40s-8')]) };
/** A scenario in which the node cannot hold the weights (or, with `fits`, can). */
const unfitContext = (numbers: Partial<ScenarioNumbers>, key: ScenarioKey = 'minimum', eng: EngineCapacity | null = null): ScenarioAlertContext => ({
  ...scenarioContext(numbers, key, eng),
  unfit_weights: unfit,
});
const unfitParams = {
  server: 'dgx-h100',
  weights_gib: deepSeekWeights.gib,
  gpus_per_replica: 8,
  weights_gib_per_gpu: deepSeekWeights.gib / 8,
  allowance_gib_per_gpu: unfitReserve.allowance_per_gpu.activation_gib + unfitReserve.allowance_per_gpu.non_torch_gib,
  gpu_gib: unfitReserve.gpu_gib,
  gpus: 8,
  gpus_needed: unfit.options.gpus_needed!,
  servers_that_fit: 'dgx-h200',
  precisions_that_fit: 'mxfp4, nvfp4, int4',
};

describe('weightsExceedNode', () => {
  it('says what would fit: 9 GPUs of 80 GB, the larger catalog server, the 4-bit precisions', () => {
    expect(unfitReserve.weights_fit).toBe(false);
    // 624.9 GiB over GPUs of 74.5 GiB less 2.48 GiB of allowance at TP > 1: 8 hold 576 GiB, 9 hold 648.
    expect(unfit.options).toEqual({ gpus_needed: 9, servers: ['dgx-h200'], precisions: ['mxfp4', 'nvfp4', 'int4'] });
  });
  check('weights_exceed_node', [
    ['quiet when the weights fit', weightsExceedNode(scenarioContext({ sessions_per_node: 0, kv_budget_gib: 0 })), undefined],
    ['fires when they do not and no session fits, for its scenario', weightsExceedNode(unfitContext({ sessions_per_node: 0, kv_budget_gib: 0 }, 'ideal')), { scenarios: ['ideal'], params: unfitParams }],
    ["quiet when an engine's own settings still fit sessions", weightsExceedNode(unfitContext({ sessions_per_node: 3 }, 'minimum', engine('vllm', 5))), undefined],
  ]);
  it('takes precedence over the other four outcome rules', () => {
    const ctx = unfitContext({ sessions_per_node: 0, kv_budget_gib: 0 }, 'minimum', engine('vllm', 0));
    expect([engineNoKvMemory(ctx), noKvBudget(ctx), zeroSessionsPerNode(ctx), lowSessionsPerNode(ctx)]).toEqual([undefined, undefined, undefined, undefined]);
    const seedCtx = unfitContext({ sessions_per_node: 0, kv_budget_gib: 5 });
    expect([noKvBudget(seedCtx), zeroSessionsPerNode(seedCtx), lowSessionsPerNode(seedCtx)]).toEqual([undefined, undefined, undefined]);
  });
});

const noKvParams = { memory_model: 'vllm', gpu_memory_gib: 80, weights_gib: 70, activation_gib: 5, non_torch_gib: 1, reserved_gib: 8 };

describe('engineNoKvMemory', () => {
  check('engine_no_kv_memory', [
    ['quiet without an engine', engineNoKvMemory(scenarioContext({ kv_budget_gib: 0 })), undefined],
    ['quiet with some KV memory left', engineNoKvMemory(scenarioContext({}, 'minimum', engine('vllm', 0.001))), undefined],
    ["quiet for the seed's accounting (no_kv_budget speaks)", engineNoKvMemory(scenarioContext({ kv_budget_gib: 0 }, 'minimum', engine('seed', 0))), undefined],
    ['fires at 0 GiB of KV memory, for its scenario', engineNoKvMemory(scenarioContext({ kv_budget_gib: 0 }, 'ideal', engine('vllm', 0))), { scenarios: ['ideal'], params: noKvParams }],
    ['fires below 0', engineNoKvMemory(scenarioContext({ kv_budget_gib: 0 }, 'minimum', engine('vllm', -3))), { scenarios: ['minimum'], params: noKvParams }],
  ]);
});

describe('noKvBudget', () => {
  check('no_kv_budget', [
    ['quiet with a budget', noKvBudget(scenarioContext({ kv_budget_gib: 0.001 })), undefined],
    ['fires at a budget of 0', noKvBudget(scenarioContext({ kv_budget_gib: 0, sessions_per_node: 0 }, 'recommended')), { scenarios: ['recommended'], params: { hbm_total_gib: 1000, runtime_overhead_gib: 120 } }],
    ["fires under the seed's accounting", noKvBudget(scenarioContext({ kv_budget_gib: 0 }, 'minimum', engine('seed', 0))), { scenarios: ['minimum'], params: { hbm_total_gib: 1000, runtime_overhead_gib: 120 } }],
    ['quiet when engine_no_kv_memory fires instead', noKvBudget(scenarioContext({ kv_budget_gib: 0 }, 'minimum', engine('sglang', 0))), undefined],
  ]);
});

describe('zeroSessionsPerNode', () => {
  check('zero_sessions_per_node', [
    ['quiet when one session fits', zeroSessionsPerNode(scenarioContext({ sessions_per_node: 1 })), undefined],
    ['fires when none fits a budget', zeroSessionsPerNode(scenarioContext({ sessions_per_node: 0, kv_budget_gib: 1.5 })), { scenarios: ['minimum'], params: { kv_per_session_gib: 2, kv_budget_gib: 1.5 } }],
    ['quiet when there is no budget at all (no_kv_budget)', zeroSessionsPerNode(scenarioContext({ sessions_per_node: 0, kv_budget_gib: 0 })), undefined],
    ['quiet when the engine has no KV memory (engine_no_kv_memory)', zeroSessionsPerNode(scenarioContext({ sessions_per_node: 0 }, 'minimum', engine('vllm', 0))), undefined],
  ]);
});

describe('lowSessionsPerNode', () => {
  check('low_sessions_per_node', [
    ['quiet at 50 sessions', lowSessionsPerNode(scenarioContext({ sessions_per_node: 50 })), undefined],
    ['fires at 49', lowSessionsPerNode(scenarioContext({ sessions_per_node: 49 }, 'ideal')), { scenarios: ['ideal'], params: { sessions_per_node: 49, threshold: 50 } }],
    ['fires at 1', lowSessionsPerNode(scenarioContext({ sessions_per_node: 1 })), { scenarios: ['minimum'], params: { sessions_per_node: 1, threshold: 50 } }],
    ['quiet at 0 (zero_sessions_per_node)', lowSessionsPerNode(scenarioContext({ sessions_per_node: 0 })), undefined],
    ['quiet without a budget (no_kv_budget)', lowSessionsPerNode(scenarioContext({ sessions_per_node: 10, kv_budget_gib: 0 })), undefined],
    ['quiet without engine KV memory (engine_no_kv_memory)', lowSessionsPerNode(scenarioContext({ sessions_per_node: 10 }, 'minimum', engine('trtllm', 0))), undefined],
  ]);
});

describe('manyNodes', () => {
  check('many_nodes', [
    ['quiet at 20 RECOMMENDED nodes', manyNodes(scenarioContext({ nodes_final: 20 }, 'recommended')), undefined],
    ['fires at 21', manyNodes(scenarioContext({ nodes_final: 21 }, 'recommended')), { scenarios: ['recommended'], params: { nodes_final: 21, threshold: 20 } }],
    ['quiet for MINIMUM', manyNodes(scenarioContext({ nodes_final: 21 }, 'minimum')), undefined],
    ['quiet for IDEAL', manyNodes(scenarioContext({ nodes_final: 99 }, 'ideal')), undefined],
    ['quiet when infeasible (null nodes)', manyNodes(scenarioContext({ nodes_final: null }, 'recommended')), undefined],
  ]);
});

describe('kvHeadsReplicated', () => {
  check('kv_heads_replicated', [
    ['quiet without a deployment', kvHeadsReplicated(requestContext({ model: { ...fullModel, num_key_value_heads: 2 } })), undefined],
    ['quiet at TP = KV heads', kvHeadsReplicated(requestContext({ deployment: { memory_model: 'vllm', tp: 8 } })), undefined],
    ['fires at TP > KV heads', kvHeadsReplicated(requestContext({ model: { ...fullModel, num_key_value_heads: 2 }, deployment: { memory_model: 'seed', tp: 8 } })), { scenarios: ALL, params: { kv_heads: 2, tensor_parallel: 8, copies: 4 } }],
    ['quiet under TensorRT-LLM (heads split fractionally)', kvHeadsReplicated(requestContext({ model: { ...fullModel, num_key_value_heads: 2 }, deployment: { memory_model: 'trtllm', tp: 8 } })), undefined],
    ['quiet for a model without KV heads (MLA)', kvHeadsReplicated(requestContext({ model: mlaModel, deployment: { memory_model: 'vllm', tp: 8 } })), undefined],
  ]);
});

describe('mlaReplicated', () => {
  check('mla_replicated', [
    ['quiet at TP 1', mlaReplicated(requestContext({ model: mlaModel, deployment: { memory_model: 'vllm', tp: 1 } })), undefined],
    ['fires at TP 2', mlaReplicated(requestContext({ model: mlaModel, deployment: { memory_model: 'vllm', tp: 2 } })), { scenarios: ALL, params: { tensor_parallel: 2 } }],
    ['quiet without MLA layers', mlaReplicated(requestContext({ deployment: { memory_model: 'vllm', tp: 8 } })), undefined],
    ['quiet with data-parallel attention over every rank (TP 8, DP 8: one rank per group)', mlaReplicated(requestContext({ model: mlaModel, deployment: { memory_model: 'vllm', tp: 8, dp: 8 } })), undefined],
    ['names the ranks of one attention group (TP 8, DP 2: 4)', mlaReplicated(requestContext({ model: mlaModel, deployment: { memory_model: 'sglang', tp: 8, dp: 2 } })), { scenarios: ALL, params: { tensor_parallel: 4 } }],
    ['quiet without a deployment', mlaReplicated(requestContext({ model: mlaModel })), undefined],
  ]);
});

const weights120b: WeightsMemory = { params_b: 120, bytes_per_param: 1, assumed_bytes_per_param: false, precision: null, gib: 111.75870895385742 };

describe('engineWeightsUnknown', () => {
  check('engine_weights_unknown', [
    ['fires for an engine with nothing about the weights', engineWeightsUnknown(requestContext({ deployment: { memory_model: 'sglang' } })), { scenarios: ALL, params: { memory_model: 'sglang' } }],
    ['quiet for the seed', engineWeightsUnknown(requestContext({ deployment: { memory_model: 'seed', tp: 2 } })), undefined],
    ['quiet without a deployment', engineWeightsUnknown(requestContext()), undefined],
    ['quiet with --weights-gib', engineWeightsUnknown(requestContext({ deployment: { memory_model: 'vllm', weights_gib: 60 } })), undefined],
    ['quiet with --kv-cache-memory-gib', engineWeightsUnknown(requestContext({ deployment: { memory_model: 'vllm', kv_cache_memory_gib: 20 } })), undefined],
    ['quiet with a parameter count', engineWeightsUnknown(requestContext({ weights: weights120b, deployment: { memory_model: 'vllm' } })), undefined],
  ]);
});

const longParams = (context: number) => ({ effective_context: context, threshold_tokens: 128_000, storage: nvme.name, throughput_read_gbps: nvme.throughput_read_gbps, latency_read_ms_p99: nvme.latency_read_ms_p99 });

describe('longContext', () => {
  check('long_context', [
    ['quiet at 127,999 tokens', longContext(requestContext({ context: 127_999 })), undefined],
    ['fires at 128,000', longContext(requestContext({ context: 128_000 })), { scenarios: ALL, params: longParams(128_000) }],
    ['counts the clamped context', longContext(requestContext({ model: { ...fullModel, max_position_embeddings: 100_000 }, context: 200_000 })), undefined],
  ]);
});

describe('highKvBudgetRatio', () => {
  check('high_kv_budget_ratio', [
    ['quiet at 0.75', highKvBudgetRatio(requestContext({ ratios: [0.75, 0.75, 0.65] })), undefined],
    ['fires above 0.75, naming the scenarios above', highKvBudgetRatio(requestContext({ ratios: [0.76, 0.76, 0.65], nfr: { kv_budget_ratio: 0.76 } })), { scenarios: ['minimum', 'recommended'], params: { kv_budget_ratio: 0.76, threshold: 0.75 } }],
    ['fires under a seed layout', highKvBudgetRatio(requestContext({ ratios: [0.8, 0.8, 0.65], nfr: { kv_budget_ratio: 0.8 }, deployment: { memory_model: 'seed', tp: 2 } })), { scenarios: ['minimum', 'recommended'], params: { kv_budget_ratio: 0.8, threshold: 0.75 } }],
    ["quiet under an engine's accounting", highKvBudgetRatio(requestContext({ ratios: [0.9, 0.9, 0.65], deployment: { memory_model: 'vllm' } })), undefined],
  ]);
});

describe('lowRuntimeOverhead', () => {
  check('low_runtime_overhead', [
    ['quiet at 50 GiB', lowRuntimeOverhead(requestContext({ nfr: { runtime_overhead_gib: 50 } })), undefined],
    ['fires at 49.9', lowRuntimeOverhead(requestContext({ nfr: { runtime_overhead_gib: 49.9 } })), { scenarios: ALL, params: { runtime_overhead_gib: 49.9, threshold_gib: 50 } }],
    ["quiet under an engine's accounting", lowRuntimeOverhead(requestContext({ nfr: { runtime_overhead_gib: 10 }, deployment: { memory_model: 'trtllm' } })), undefined],
  ]);
});

describe('remoteStorageLongContext', () => {
  const params = { storage: cloud.name, storage_type: cloud.type, effective_context: 128_000, throughput_read_gbps: cloud.throughput_read_gbps, latency_read_ms_p99: cloud.latency_read_ms_p99 };
  it('uses storage profiles of both kinds', () => expect([nvme.type, cloud.type === 'nvme_local']).toEqual(['nvme_local', false]));
  check('remote_storage_long_context', [
    ['fires for a long context on remote storage', remoteStorageLongContext(requestContext({ storage: cloud, context: 128_000 })), { scenarios: ALL, params }],
    ['quiet one token shorter', remoteStorageLongContext(requestContext({ storage: cloud, context: 127_999 })), undefined],
    ['quiet on local NVMe', remoteStorageLongContext(requestContext({ storage: nvme, context: 131072 })), undefined],
  ]);
});

describe('slidingWindowExceedsContext', () => {
  check('sliding_window_exceeds_context', [
    ['quiet at a context of the window', slidingWindowExceedsContext(requestContext({ model: slidingModel, context: 128 })), undefined],
    ['fires one token shorter', slidingWindowExceedsContext(requestContext({ model: slidingModel, context: 127 })), { scenarios: ALL, params: { sliding_window: 128, effective_context: 127, sliding_layers: 4 } }],
    [
      'names the first such group (chunked too)',
      slidingWindowExceedsContext(requestContext({
        model: { ...fullModel, num_layers: 6, kv_layers: [{ kind: 'full', count: 2, kv_heads: 8, head_dim: 128 }, { kind: 'chunked', count: 3, chunk: 8192, kv_heads: 8, head_dim: 128 }, { kind: 'sliding', count: 1, window: 4096, kv_heads: 8, head_dim: 128 }] },
        context: 1000,
      })),
      { scenarios: ALL, params: { sliding_window: 8192, effective_context: 1000, sliding_layers: 3 } },
    ],
    ['quiet for a full-attention model', slidingWindowExceedsContext(requestContext({ context: 10 })), undefined],
  ]);
});

describe('stateSizeUnknown', () => {
  check('state_size_unknown', [
    ['quiet when every state is sized', stateSizeUnknown(requestContext({ model: mambaModel(1024) })), undefined],
    ['fires for unsized state layers, counting them', stateSizeUnknown(requestContext({ model: mambaModel(null) })), { scenarios: ALL, params: { layers: 2 } }],
  ]);
});

describe('weightsExceedOverhead', () => {
  // Without --runtime-overhead-gib, dgx-h100 would reserve the weights plus 8 GPUs × (1 GiB of activations for an unknown width + 1 GiB non-torch).
  const params = (overhead: number) => ({ weights_gib: weights120b.gib, runtime_overhead_gib: overhead, default_reserve_gib: weights120b.gib + 16 });
  check('weights_exceed_overhead', [
    ['quiet when the overhead equals the weights', weightsExceedOverhead(requestContext({ weights: weights120b, nfr: { runtime_overhead_gib: weights120b.gib } })), undefined],
    ['fires when it is just below', weightsExceedOverhead(requestContext({ weights: weights120b, nfr: { runtime_overhead_gib: 111.7 } })), { scenarios: ALL, params: params(111.7) }],
    ['quiet without a parameter count', weightsExceedOverhead(requestContext({ nfr: { runtime_overhead_gib: 1 } })), undefined],
    ["quiet under an engine's accounting", weightsExceedOverhead(requestContext({ weights: weights120b, nfr: { runtime_overhead_gib: 1 }, deployment: { memory_model: 'vllm' } })), undefined],
    [
      'fires under a seed layout, for the weights of the node (whose default reserve is the 120 GiB floor: 111.8 + 2 × 2 is less)',
      weightsExceedOverhead(requestContext({ weights: weights120b, nfr: { runtime_overhead_gib: 100 }, deployment: { memory_model: 'seed', tp: 2 } })),
      { scenarios: ALL, params: { ...params(100), default_reserve_gib: 120 } },
    ],
    [
      'counts every replica on the node (4 replicas of TP 2: 4 copies)',
      weightsExceedOverhead(
        requestContext({
          weights: weights120b,
          nfr: { runtime_overhead_gib: 300 },
          reserve: runtimeReserve(fullModel, server('dgx-h100'), weights120b.gib, { tensor_parallel: 2, gpus_per_replica: 2, gpus_used: 8 }, 300),
        }),
      ),
      { scenarios: ALL, params: { weights_gib: 4 * weights120b.gib, runtime_overhead_gib: 300, default_reserve_gib: 4 * weights120b.gib + 16 } },
    ],
    ['quiet with --weights-gib at the overhead', weightsExceedOverhead(requestContext({ nfr: { runtime_overhead_gib: 60 }, deployment: { memory_model: 'seed', tp: 1, weights_gib: 60 } })), undefined],
  ]);
});

describe('highPeakHeadroom', () => {
  check('high_peak_headroom', [
    ['quiet at 0.5', highPeakHeadroom(requestContext({ nfr: { peak_headroom_ratio: 0.5 } })), undefined],
    ['fires at 0.51, for the scenarios with headroom', highPeakHeadroom(requestContext({ nfr: { peak_headroom_ratio: 0.51 } })), { scenarios: ['recommended', 'ideal'], params: { peak_headroom_ratio: 0.51, threshold: 0.5 } }],
  ]);
});

describe('the rule table', () => {
  it('has exactly one rule per alert code', () => {
    const codes = ALERT_RULES.map((r) => r.code);
    expect(new Set(codes).size).toBe(codes.length);
    expect([...codes].sort()).toEqual([...ALERT_CODES].sort());
  });

  it('is in the raising order documented at the top of alert-rules.ts', () => {
    const source = readFileSync(new URL('../../src/core/alert-rules.ts', import.meta.url), 'utf8');
    const header = source.slice(0, source.indexOf('*/'));
    const known = new Set<string>(ALERT_CODES);
    const documented = [...header.matchAll(/`([a-z0-9_]+)`/g)].map((m) => m[1]).filter((c): c is string => c !== undefined && known.has(c));
    expect(ALERT_RULES.map((r) => r.code)).toEqual(documented);
  });

  it('evaluates request-wide rules once and a run of per-scenario rules scenario by scenario', () => {
    const always = (code: 'many_nodes' | 'low_sessions_per_node') => (ctx: ScenarioAlertContext) =>
      code === 'many_nodes' ? alert('many_nodes', [ctx.key], { nodes_final: 1, threshold: 0 }) : alert('low_sessions_per_node', [ctx.key], { sessions_per_node: 1, threshold: 2 });
    const rules = [
      { code: 'high_peak_headroom', scope: 'request', rule: () => alert('high_peak_headroom', ['ideal'], { peak_headroom_ratio: 1, threshold: 0.5 }) },
      { code: 'low_sessions_per_node', scope: 'scenario', rule: always('low_sessions_per_node') },
      { code: 'many_nodes', scope: 'scenario', rule: always('many_nodes') },
      { code: 'mla_replicated', scope: 'request', rule: () => undefined },
      { code: 'state_size_unknown', scope: 'request', rule: () => alert('state_size_unknown', ALL, { layers: 1 }) },
    ] as unknown as readonly AlertRuleEntry[];
    const scenarios = { minimum: scenarioContext({}, 'minimum'), recommended: scenarioContext({}, 'recommended'), ideal: scenarioContext({}, 'ideal') };
    expect(raiseAlerts(requestContext(), scenarios, rules).map((a) => `${a.code}:${a.scenarios.join('+')}`)).toEqual([
      'high_peak_headroom:ideal',
      'low_sessions_per_node:minimum',
      'many_nodes:minimum',
      'low_sessions_per_node:recommended',
      'many_nodes:recommended',
      'low_sessions_per_node:ideal',
      'many_nodes:ideal',
      'state_size_unknown:minimum+recommended+ideal',
    ]);
  });

  it("keeps every scenario's warnings in table order (size(), over varied requests)", () => {
    const rank = new Map(ALERT_RULES.map((r, i) => [r.code, i]));
    const entries = { model: builtinModel('opt-oss-120b'), server: server('dgx300'), storage: cloud };
    fc.assert(
      fc.property(
        fc.record({
          concurrency: fc.integer({ min: 1, max: 50_000 }),
          effective_context: fc.integer({ min: 1, max: 300_000 }),
          kv_precision: fc.constantFrom('fp16', 'fp8'),
          runtime_overhead_gib: fc.constantFrom(10, 120, 2200),
          kv_budget_ratio: fc.constantFrom(0.5, 0.8),
          peak_headroom_ratio: fc.constantFrom(0.2, 0.6),
          tensor_parallel: fc.constantFrom(undefined, 1, 8),
          memory_model: fc.constantFrom(undefined, 'seed', 'vllm'),
        }),
        (r) => {
          const request = Object.fromEntries(Object.entries(r).filter(([, v]) => v !== undefined)) as unknown as FullSizingRequest;
          const result = size(entries, request);
          for (const key of ALL) {
            const ranks = result.scenarios[key].warnings.map((a) => rank.get(a.code) ?? -1);
            expect(ranks).toEqual([...ranks].sort((a, b) => a - b));
          }
        },
      ),
      { numRuns: 200 },
    );
  });
});

// Type-level: a rule is filed under the code it raises and the scope it reads. `npm test` type-checks these.
// @ts-expect-error a rule raising context_clamped cannot be filed as no_kv_budget
export const misfiled: AlertRuleEntry = { code: 'no_kv_budget', scope: 'request', rule: contextClamped };
// @ts-expect-error a per-scenario rule cannot be filed as request-wide
export const misscoped: AlertRuleEntry = { code: 'many_nodes', scope: 'request', rule: manyNodes };
// @ts-expect-error a code outside the union has no row
export const unknownCode: AlertRuleEntry = { code: 'made_up', scope: 'request', rule: () => undefined };
