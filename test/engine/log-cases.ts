/**
 * Data for the engine-log tests (and the README's table of errors): the engine start-up logs of fixtures/engine-logs.md that state their configuration:
 * (1) given the KV memory the engine reported, the token capacity and concurrency within one block of
 *     the log — widened by the rounding of the log's own printed GiB figure (2 decimals);
 * (2) given only model, GPU and settings, the predicted KV memory and its error against the log,
 *     pinned here and stated in the README, hits (≤ 15 %) and misses alike, with why.
 */
import { engineCapacity } from '../../src/engines/capacity.ts';
import type { DeploymentRequest, MemoryModel } from '../../src/engines/settings.ts';
import { BUILTIN_CATALOG } from '../../src/catalog/builtin.ts';
import type { KvPrecision } from '../../src/core/units.ts';
import { weightsMemory } from '../../src/core/weights.ts';
import type { ModelEntry, ServerEntry } from '../../src/schema/catalog.ts';
import { model, server } from '../helpers/catalog.ts';
import { planned } from '../helpers/size.ts';

const qwen3_14b: ModelEntry = {
  name: 'Qwen3-14B', num_layers: 40, num_key_value_heads: 8, head_dim: 128, max_position_embeddings: 40960, attention_pattern: 'full',
  default_kv_precision: 'bf16', num_attention_heads: 40, kv_layers: [{ kind: 'full', count: 40, kv_heads: 8, head_dim: 128 }],
};
export const rtx3090: ServerEntry = { name: 'rtx3090', gpus: 1, hbm_per_gpu_gb: 24, total_hbm_gb: 24 };
const gb10: ServerEntry = { name: 'dgx-spark-gb10', gpus: 1, hbm_per_gpu_gb: 128, total_hbm_gb: 128 };

/** The engine's capacity for one log's model, GPU and settings, through the planning step (layout checked, defaults filled in). */
export function capacity(m: ModelEntry, s: ServerEntry, memoryModel: MemoryModel, precision: KvPrecision, context: number, request: DeploymentRequest) {
  const plan = planned({ model: m, server: s, storage: BUILTIN_CATALOG.storage[0]! }, { concurrency: 1, effective_context: context, kv_precision: precision, memory_model: memoryModel, ...request });
  const deployment = plan.deployment;
  if (!deployment || deployment.engine.memory_model !== memoryModel) throw new Error(`no ${memoryModel} deployment planned`);
  const weights = weightsMemory(m);
  return engineCapacity({ model: m, server: s, layout: deployment.layout, precision, context, weights_replica_gib: weights?.gib ?? null }, deployment.engine, { reservePerGpuGib: 120 / s.gpus, kvBudgetRatio: 0.7 });
}

export interface CalibratedRow {
  log: string;
  m: ModelEntry;
  s: ServerEntry;
  engine: MemoryModel;
  precision: KvPrecision;
  context: number;
  request: DeploymentRequest;
  /** What the log states. */
  tokens?: number;
  blocks?: number;
  concurrency?: number;
  /** Why the row is off by more than a block, when it is. */
  knownGap?: { tokens: number; why: string };
  /** Half a unit of the log's last printed digit, GiB (two figures summed: twice that). */
  rounding?: number;
}

export const CALIBRATED: CalibratedRow[] = [
  { log: '#1 vLLM V0, Llama-3.1-8B, RTX 3090, 20k: kv_cache_size=3.81GiB → 1952 blocks, 1.56x', m: model('Meta-Llama-3.1-8B'), s: rtx3090, engine: 'vllm', precision: 'bf16', context: 20000, request: { memory_model: 'vllm', kv_cache_memory_gib: 3.81, max_num_batched_tokens: 20000 }, blocks: 1952, concurrency: 1.56 },
  { log: '#1 vLLM V0, the 29k run: kv_cache_size=2.89GiB → 1478 blocks (23,648 tokens), 0.82x', m: model('Meta-Llama-3.1-8B'), s: rtx3090, engine: 'vllm', precision: 'bf16', context: 29000, request: { memory_model: 'vllm', kv_cache_memory_gib: 2.89, max_num_batched_tokens: 29000 }, blocks: 1478, tokens: 23648, concurrency: 0.82 },
  { log: '#4 vLLM ~0.11, Qwen3-14B: 6.51 GiB → 42,656 tokens, 1.30x at 32,768', m: qwen3_14b, s: rtx3090, engine: 'vllm', precision: 'bf16', context: 32768, request: { memory_model: 'vllm', kv_cache_memory_gib: 6.51 }, tokens: 42656, concurrency: 1.3 },
  {
    log: '#5 vLLM, Qwen3-235B-A22B-FP8, TP 4: 8.11 GiB → 178,880 tokens',
    m: model('Qwen3-235B-A22B'), s: server('dgx-h100'), engine: 'vllm', precision: 'bf16', context: 40960, request: { memory_model: 'vllm', tensor_parallel: 4, kv_cache_memory_gib: 8.11 }, tokens: 178880,
    knownGap: { tokens: 2048, why: 'the 8.11 GiB is the printing rank’s; vLLM takes the minimum number of blocks over the 4 ranks (178,880 × 48,128 B = 8.02 GiB)' },
  },
  { log: '#5 SGLang, same model, TP 4: K 8.23 GB + V 8.23 GB → #tokens 367,404', m: model('Qwen3-235B-A22B'), s: server('dgx-h100'), engine: 'sglang', precision: 'bf16', context: 40960, request: { memory_model: 'sglang', tensor_parallel: 4, kv_cache_memory_gib: 16.46 }, tokens: 367404, rounding: 0.01 },
  { log: '#12 SGLang, DeepSeek-V3.2-Exp (fp8_ds_mla + indexer), DP attention: 43.67 GB → #tokens 975,424', m: model('DeepSeek-V3.2'), s: server('dgx-b200'), engine: 'sglang', precision: 'fp8', context: 163840, request: { memory_model: 'sglang', kv_cache_memory_gib: 43.67 }, tokens: 975424 },
  { log: '#14 TensorRT-LLM 1.1, gpt-oss-120b, GB10: 5.95 GiB → 86,720 tokens (all 36 layers as full)', m: model('gpt-oss-120b'), s: gb10, engine: 'trtllm', precision: 'bf16', context: 131072, request: { memory_model: 'trtllm', kv_cache_memory_gib: 5.95 }, tokens: 86720 },
];

export interface PredictedRow {
  log: string;
  m: ModelEntry;
  s: ServerEntry;
  engine: MemoryModel;
  context: number;
  request: DeploymentRequest;
  /** The KV memory per GPU the log reports, GiB. */
  logGib: number;
  /** Our prediction's error, percent (pinned; the README table states it). */
  errorPct: number;
  why: string;
}

const FP8_WEIGHTS_235B = (235e9 * 1) / 2 ** 30;

export const PREDICTED: PredictedRow[] = [
  { log: '#1 vLLM V0 Llama-3.1-8B, RTX 3090 (23.58 GiB), util 0.90, 20k', m: model('Meta-Llama-3.1-8B'), s: rtx3090, engine: 'vllm', context: 20000, request: { memory_model: 'vllm', gpu_memory_gib: 23.58, max_num_batched_tokens: 20000 }, logGib: 3.81, errorPct: 1.2, why: 'hit; but the activation estimate (27 B per batched token per hidden unit) was fitted on this log' },
  { log: '#1 the 29k run', m: model('Meta-Llama-3.1-8B'), s: rtx3090, engine: 'vllm', context: 29000, request: { memory_model: 'vllm', gpu_memory_gib: 23.58, max_num_batched_tokens: 29000 }, logGib: 2.89, errorPct: 1.3, why: 'hit: the same activation rule carries to 29k tokens' },
  { log: '#5 vLLM Qwen3-235B-A22B-FP8, 4 × H100, TP 4', m: model('Qwen3-235B-A22B'), s: server('dgx-h100'), engine: 'vllm', context: 40960, request: { memory_model: 'vllm', tensor_parallel: 4, weights_gib: FP8_WEIGHTS_235B }, logGib: 8.11, errorPct: 81.5, why: 'miss: the MoE profiling peak (expert workspaces, fused-MoE buffers) is far above the dense activation estimate' },
  { log: '#5 SGLang, same, mem_fraction_static 0.93', m: model('Qwen3-235B-A22B'), s: server('dgx-h100'), engine: 'sglang', context: 40960, request: { memory_model: 'sglang', tensor_parallel: 4, mem_fraction_static: 0.93, weights_gib: FP8_WEIGHTS_235B }, logGib: 16.46, errorPct: 15.1, why: 'narrow miss: weights taken as 235B × 1 byte; the FP8 checkpoint keeps embeddings and norms in bf16 (~0.6 GiB more per GPU)' },
  { log: '#13 vLLM gpt-oss-120b, 1 × H100, util 0.95, 1,024 batched tokens', m: model('gpt-oss-120b'), s: server('dgx-h100'), engine: 'vllm', context: 131072, request: { memory_model: 'vllm', gpu_memory_utilization: 0.95, max_num_batched_tokens: 1024 }, logGib: 1.71, errorPct: 890.0, why: 'miss: weights estimated at 57.9 GiB (mxfp4 everywhere) where vLLM loaded 65.97 GiB, and the MoE profiling peak of ~7.5 GiB is not modelled' },
  { log: '#14 TensorRT-LLM gpt-oss-120b, GB10 (119.70 GiB unified), fraction 0.9', m: model('gpt-oss-120b'), s: gb10, engine: 'trtllm', context: 131072, request: { memory_model: 'trtllm', gpu_memory_gib: 119.7 }, logGib: 5.95, errorPct: 820.7, why: 'miss: on unified memory the profiled peak (113.65 GiB) includes far more than weights and activations' },
];

