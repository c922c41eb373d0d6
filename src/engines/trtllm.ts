/**
 * TensorRT-LLM's KV memory (1.x PyTorch backend; fixtures kv-sizing-engines.md §3): the pool is
 * free_gpu_memory_fraction × (total − profiled peak), the peak being weights, the activations of
 * max_num_tokens batched tokens and non-torch memory; every attention layer counts as full attention
 * (sliding windows not discounted), KV heads divided over TP without a floor of one, blocks of
 * tokens_per_block tokens. Pure.
 *
 * @example
 * // Qwen3-8B (36 full layers, 8 KV heads × 128 dims, hidden 4,096, 8.2 B parameters in bf16), bf16 KV,
 * // on dgx-h100 (8 × H100 80 GB), 32,768 tokens, TP 1, every setting at its default:
 * //   GPU memory 80 × 0.99 = 79.2 GiB
 * //   peak: weights 8.2e9 × 2 B = 15.274 GiB + activation 8,192 × 4,096 × 27 B = 0.84375 GiB
 * //     (max_num_tokens 8,192) + non-torch 0.35 GiB = 16.467 GiB
 * //   KV memory (79.2 − 16.467) × 0.9 free_gpu_memory_fraction = 56.459 GiB
 * //   36 × 8 × (128 + 128) × 2 B = 147,456 B per token → ⌊56.459 GiB / 147,456 B⌋ = 411,124 tokens,
 * //     ⌊411,124 / 32⌋ = 12,847 blocks
 * //   one request of 32,768 tokens (1,024 blocks of 32): 411,124 / 32,768 = 12.55
 * //   12 sessions per replica, 8 replicas: 96 sessions per node
 */
import { BYTES_PER_GIB } from '../core/units.ts';
import type { EngineInputs, EngineParts, GivenSettings, SettingsContext } from './capacity.ts';
import { cdiv, type RankLayerGroup, stateBytesPerSession } from './geometry.ts';
import { activationGib, nonTorchGib, visibleGpuMemoryGib } from './gpu-memory.ts';
import { ENGINE_SETTINGS } from './settings.ts';

export interface TrtllmSettings extends GivenSettings {
  readonly memory_model: 'trtllm';
  /** GPU memory per GPU as TensorRT-LLM sees it, GiB. */
  readonly gpu_memory_gib: number;
  readonly free_gpu_memory_fraction: number;
  readonly tokens_per_block: number;
  /** Batched tokens of the profiling run (max_num_tokens). */
  readonly max_num_batched_tokens: number;
  readonly activation_gib: number;
  readonly non_torch_gib: number;
}

export function trtllmSettings({ model, server, layout, request }: SettingsContext): TrtllmSettings {
  const batched = request.max_num_batched_tokens ?? ENGINE_SETTINGS.max_num_batched_tokens.default.trtllm.value;
  return {
    memory_model: 'trtllm',
    weights_gib: request.weights_gib,
    kv_cache_memory_gib: request.kv_cache_memory_gib,
    gpu_memory_gib: visibleGpuMemoryGib(server, request.gpu_memory_gib),
    free_gpu_memory_fraction: request.free_gpu_memory_fraction ?? ENGINE_SETTINGS.free_gpu_memory_fraction.default.value,
    tokens_per_block: request.tokens_per_block ?? ENGINE_SETTINGS.tokens_per_block.default.value,
    max_num_batched_tokens: batched,
    activation_gib: activationGib(model, batched, request.activation_gib),
    non_torch_gib: nonTorchGib(layout, request.non_torch_gib),
  };
}

export function trtllmCapacity(inputs: EngineInputs, settings: TrtllmSettings, ranks: readonly RankLayerGroup[], perGpuWeights: number): EngineParts {
  const { context } = inputs;
  const total = settings.gpu_memory_gib;
  const fraction = settings.free_gpu_memory_fraction;
  const tpb = settings.tokens_per_block;
  const activation = settings.activation_gib;
  const nonTorch = settings.non_torch_gib;
  const calibrated = settings.kv_cache_memory_gib !== undefined;
  const peak = perGpuWeights + activation + nonTorch;
  const kvGib = settings.kv_cache_memory_gib ?? Math.max(0, (total - peak) * fraction);
  // Every attention layer as full attention (sliding windows not discounted), MLA with kv_factor 1.
  const perToken = ranks.reduce((s, g) => s + g.bytes_per_token_per_layer * g.layers, 0);
  const states = stateBytesPerSession(ranks);
  const tokens = perToken > 0 ? Math.floor((kvGib * BYTES_PER_GIB) / perToken) : 0;
  const maxConcurrency = states > 0 ? (kvGib * BYTES_PER_GIB) / (perToken * cdiv(context, tpb) * tpb + states) : tokens / (cdiv(context, tpb) * tpb);
  return {
    per_gpu: { gpu_memory_gib: total, weights_gib: perGpuWeights, activation_gib: activation, non_torch_gib: nonTorch, reserved_gib: Math.max(0, total - peak - kvGib), kv_cache_gib: kvGib },
    calibrated,
    block_size: tpb,
    num_blocks: Math.floor(tokens / tpb),
    kv_tokens: tokens,
    max_concurrency: maxConcurrency,
    bytes_per_session_per_rank: perToken * cdiv(context, tpb) * tpb + states,
  };
}
