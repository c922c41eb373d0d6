/**
 * SGLang's KV memory (v0.5; fixtures kv-sizing-engines.md §2): the pool is mem_fraction_static × total
 * − weights, a token pool of page size 1 whose cell holds every layer of one token. Hybrid sliding-window
 * models keep swa_full_tokens_ratio (0.8) sliding tokens per full token, unless the model's catalog entry
 * says SGLang pools its sliding layers as full attention (`sglang_sliding_as_full`: gpt-oss). Pure.
 *
 * @example
 * // gpt-oss-120b (18 sliding + 18 full layers, 8 KV heads × 64 dims, sglang_sliding_as_full; 117 B
 * // parameters at 0.53125 B), bf16 KV, on dgx-h200 (8 × H200 141 GB), 131,072 tokens, TP 1, defaults:
 * //   GPU memory 141 × 0.99 = 139.59 GiB = 142,940.16 MiB
 * //   mem_fraction_static: reserve 512 + 8,192 × 1.5 + 256 × 2 + 1/8 × 1,024 = 13,440 MiB (above the
 * //     10 GiB floor of GPUs over 60 GiB) → (142,940.16 − 13,440) / 142,940.16 = 0.905975
 * //   weights 117e9 × 0.53125 B = 57.888 GiB; KV memory 139.59 × 0.905975 − 57.888 = 68.577 GiB
 * //   cell: 36 layers × 8 × (64 + 64) × 2 B = 73,728 B per token (sliding layers pooled as full)
 * //   tokens ⌊68.577 GiB / 73,728 B⌋ = 998,731 ("#tokens"); / 131,072 = 7.62 requests
 * //   7 sessions per replica, 8 replicas: 56 sessions per node
 */
import { BYTES_PER_GIB } from '../core/units.ts';
import type { EngineInputs, EngineParts, GivenSettings, SettingsContext } from './capacity.ts';
import { type RankLayerGroup, stateBytesPerSession } from './geometry.ts';
import { visibleGpuMemoryGib } from './gpu-memory.ts';
import type { Layout } from './layout.ts';

/** SGLang's swa_full_tokens_ratio: sliding-window tokens kept per full-attention token (server_args default). */
export const SGLANG_SWA_FULL_TOKENS_RATIO = 0.8;

export interface SglangSettings extends GivenSettings {
  readonly memory_model: 'sglang';
  /** GPU memory per GPU as SGLang sees it, GiB. */
  readonly gpu_memory_gib: number;
  readonly mem_fraction_static: number;
}

/** SGLang's default mem_fraction_static (server_args): reserve for activations, CUDA graphs and TP buffers. */
export function sglangMemFractionStatic(gpuMemoryGib: number, layout: Layout): number {
  const gpuMb = gpuMemoryGib * 1024;
  let reservedMb = 512 + Math.max(8192, 2048) * 1.5 + 256 * 2 + ((layout.tensor_parallel * layout.pipeline_parallel) / 8) * 1024;
  if (gpuMemoryGib > 60) reservedMb = Math.max(reservedMb, 10 * 1024);
  return (gpuMb - reservedMb) / gpuMb;
}

export function sglangSettings({ server, layout, request }: SettingsContext): SglangSettings {
  const gpuMemory = visibleGpuMemoryGib(server, request.gpu_memory_gib);
  return {
    memory_model: 'sglang',
    weights_gib: request.weights_gib,
    kv_cache_memory_gib: request.kv_cache_memory_gib,
    gpu_memory_gib: gpuMemory,
    mem_fraction_static: request.mem_fraction_static ?? sglangMemFractionStatic(gpuMemory, layout),
  };
}

export function sglangCapacity(inputs: EngineInputs, settings: SglangSettings, ranks: readonly RankLayerGroup[], perGpuWeights: number): EngineParts {
  const { context, model } = inputs;
  const total = settings.gpu_memory_gib;
  const fraction = settings.mem_fraction_static;
  const calibrated = settings.kv_cache_memory_gib !== undefined;
  const kvGib = settings.kv_cache_memory_gib ?? Math.max(0, total * fraction - perGpuWeights);
  // Sliding layers pooled as full attention when the catalog says so (gpt-oss: disable_hybrid_swa_memory);
  // other hybrids keep swa_full_tokens_ratio sliding tokens per full token.
  const swaAsFull = model.sglang_sliding_as_full === true;
  let fullBytes = 0;
  let swaBytes = 0;
  for (const g of ranks) {
    if (g.kind === 'sliding' || g.kind === 'chunked') (swaAsFull ? (fullBytes += g.bytes_per_token_per_layer * g.layers) : (swaBytes += g.bytes_per_token_per_layer * g.layers));
    else fullBytes += g.bytes_per_token_per_layer * g.layers;
  }
  const cell = fullBytes + SGLANG_SWA_FULL_TOKENS_RATIO * swaBytes;
  const states = stateBytesPerSession(ranks);
  const tokens = cell > 0 ? Math.floor((kvGib * BYTES_PER_GIB) / cell) : 0;
  const maxConcurrency = states > 0 ? (kvGib * BYTES_PER_GIB) / (cell * context + states) : tokens / context;
  return {
    per_gpu: { gpu_memory_gib: total, weights_gib: perGpuWeights, activation_gib: 0, non_torch_gib: 0, reserved_gib: Math.max(0, total - perGpuWeights - kvGib), kv_cache_gib: kvGib },
    calibrated,
    block_size: 1,
    num_blocks: null,
    kv_tokens: tokens,
    max_concurrency: maxConcurrency,
    bytes_per_session_per_rank: cell * context + states,
  };
}
