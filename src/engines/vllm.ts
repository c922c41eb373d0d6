/**
 * vLLM's KV memory (V1 engine, v0.10–v0.19 accounting; fixtures kv-sizing-engines.md §1): the pool is
 * total × gpu_memory_utilization − weights − activation peak − non-torch memory, cut into blocks of
 * `block_size` tokens, one page per layer; hybrid models share pages in groups of equal layer counts.
 * Pure.
 *
 * @example
 * // Llama-3.1-8B (32 full layers, 8 KV heads × 128 dims, hidden 4,096, 8.03 B parameters in bf16), bf16
 * // KV, on dgx-h100 (8 × H100 80 GB, Hopper), 8,192 tokens, TP 1, every setting at its default:
 * //   GPU memory 80 × 0.99 = 79.2 GiB; × 0.9 gpu_memory_utilization = 71.28 GiB
 * //   weights 8.03e9 × 2 B = 14.957 GiB; batched tokens 8,192 (79.2 GiB ≥ 70, not Ampere)
 * //   activation 8,192 × 4,096 × 27 B = 0.84375 GiB; non-torch 0.35 GiB
 * //   KV memory 71.28 − 14.957 − 0.84375 − 0.35 = 55.129 GiB
 * //   page 4,096 B per token and layer × 16 tokens = 65,536 B; one group of all 32 layers
 * //   blocks ⌊55.129 GiB / 65,536 B / 32⌋ = 28,226 → 28,226 × 16 = 451,616 tokens ("GPU KV cache size")
 * //   one request of 8,192 tokens: 512 blocks → 28,226 / 512 = 55.13× ("Maximum concurrency")
 * //   55 sessions per replica, 8 replicas: 440 sessions per node
 */
import { BYTES_PER_GIB } from '../core/units.ts';
import type { EngineInputs, EngineParts, GivenSettings, SettingsContext } from './capacity.ts';
import { cdiv, type RankLayerGroup, stateBytesPerSession } from './geometry.ts';
import { activationGib, nonTorchGib, visibleGpuMemoryGib } from './gpu-memory.ts';
import { ENGINE_SETTINGS } from './settings.ts';

export interface VllmSettings extends GivenSettings {
  readonly memory_model: 'vllm';
  /** GPU memory per GPU as vLLM sees it, GiB. */
  readonly gpu_memory_gib: number;
  readonly gpu_memory_utilization: number;
  readonly block_size: number;
  readonly max_num_batched_tokens: number;
  /** Activation peak of the profiling run (of max_num_batched_tokens tokens), GiB per GPU. */
  readonly activation_gib: number;
  readonly non_torch_gib: number;
}

/**
 * vLLM's default max_num_batched_tokens for `vllm serve`: the large figure on GPUs of at least 70 GiB,
 * except Ampere (A100) GPUs, where vLLM keeps the small one (arg_utils.py; the server's gpu_architecture).
 */
export function vllmDefaultBatchedTokens(gpuMemoryGib: number, server: SettingsContext['server']): number {
  const rule = ENGINE_SETTINGS.max_num_batched_tokens.default.vllm;
  return gpuMemoryGib >= rule.large_from_gib && server.gpu_architecture !== rule.small_on ? rule.large : rule.small;
}

export function vllmSettings({ model, server, layout, request }: SettingsContext): VllmSettings {
  const gpuMemory = visibleGpuMemoryGib(server, request.gpu_memory_gib);
  const batched = request.max_num_batched_tokens ?? vllmDefaultBatchedTokens(gpuMemory, server);
  return {
    memory_model: 'vllm',
    weights_gib: request.weights_gib,
    kv_cache_memory_gib: request.kv_cache_memory_gib,
    gpu_memory_gib: gpuMemory,
    gpu_memory_utilization: request.gpu_memory_utilization ?? ENGINE_SETTINGS.gpu_memory_utilization.default.value,
    block_size: request.block_size ?? ENGINE_SETTINGS.block_size.default.value,
    max_num_batched_tokens: batched,
    activation_gib: activationGib(model, batched, request.activation_gib),
    non_torch_gib: nonTorchGib(layout, request.non_torch_gib),
  };
}

/** vLLM's hybrid grouping: every group has `group_size` layers, the minimum per type (or the maximum when max < 1.5 × min). */
export function vllmGroupSize(layersPerType: readonly number[]): number {
  const min = Math.min(...layersPerType);
  const max = Math.max(...layersPerType);
  return max < 1.5 * min ? max : min;
}

export function vllmCapacity(inputs: EngineInputs, settings: VllmSettings, ranks: readonly RankLayerGroup[], perGpuWeights: number): EngineParts {
  const { context } = inputs;
  const total = settings.gpu_memory_gib;
  const util = settings.gpu_memory_utilization;
  const block = settings.block_size;
  const mbt = settings.max_num_batched_tokens;
  const activation = settings.activation_gib;
  const nonTorch = settings.non_torch_gib;
  const calibrated = settings.kv_cache_memory_gib !== undefined;
  const kvGib = settings.kv_cache_memory_gib ?? Math.max(0, total * util - perGpuWeights - activation - nonTorch);
  // States (linear attention, Mamba) are added per request as constant bytes (vLLM pages them with
  // unified page sizes: an approximation).
  const attention = ranks.filter((g) => g.bytes_per_token_per_layer > 0);
  const states = stateBytesPerSession(ranks);
  // One page per layer and block; vLLM unifies page sizes across kinds: take the largest.
  const pageBytes = attention.length > 0 ? Math.max(...attention.map((g) => g.bytes_per_token_per_layer)) * block : 0;
  const groupSize = attention.length > 0 ? vllmGroupSize(attention.map((g) => g.layers)) : 1;
  const groups = attention.map((g) => ({ g, count: cdiv(g.layers, groupSize) }));
  const numGroups = groups.reduce((s, x) => s + x.count, 0);
  const numBlocks = pageBytes > 0 ? Math.floor((kvGib * BYTES_PER_GIB) / pageBytes / groupSize) : 0;
  // Blocks one request of `context` tokens needs, per group (kv-sizing-engines.md §1.6).
  const blocksFor = (g: RankLayerGroup) => {
    if (g.kind === 'sliding') return cdiv(Math.min((g.window_tokens ?? 0) - 1 + mbt, context), block) + 1;
    if (g.kind === 'chunked') return cdiv(Math.min((g.window_tokens ?? 0) + mbt, context), block);
    return cdiv(context, block);
  };
  const perRequest = groups.reduce((s, x) => s + x.count * blocksFor(x.g), 0);
  const requestBytes = perRequest * pageBytes * groupSize + states;
  const maxConcurrency = states > 0 ? (kvGib * BYTES_PER_GIB) / requestBytes : numBlocks / perRequest;
  // The token line of v0.10–v0.19: num_blocks // num_groups × block_size (equal share per group).
  const tokens = numGroups > 0 ? Math.floor(numBlocks / numGroups) * block : 0;
  const reserved = total * (1 - util);
  return {
    per_gpu: calibrated
      ? { gpu_memory_gib: total, weights_gib: perGpuWeights, activation_gib: activation, non_torch_gib: nonTorch, reserved_gib: Math.max(0, total - perGpuWeights - activation - nonTorch - kvGib), kv_cache_gib: kvGib }
      : { gpu_memory_gib: total, weights_gib: perGpuWeights, activation_gib: activation, non_torch_gib: nonTorch, reserved_gib: reserved, kv_cache_gib: kvGib },
    calibrated,
    block_size: block,
    num_blocks: numBlocks,
    kv_tokens: tokens,
    max_concurrency: maxConcurrency,
    bytes_per_session_per_rank: requestBytes,
  };
}
