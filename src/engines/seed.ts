/**
 * The original tool's arithmetic (version 2.0) over a deployment layout: each replica gets its share of
 * the node's runtime overhead and the scenario's KV budget ratio, and a session keeps every layer's
 * tokens as version 2.0 counts them (sliding windows and chunks whole, the context otherwise), on the
 * ranks of its replica. Pure.
 *
 * @example
 * // opt-oss-120b (18 full + 18 sliding layers of 8 KV heads × 64 dims, window 128) on dgx300
 * // (8 × 288 GB), fp16, 131,072 tokens, TP 8, runtime overhead 120 GiB, KV budget ratio 0.7:
 * //   per GPU: 288 GB = 268.221 GiB; overhead 120 / 8 GPUs = 15 GiB
 * //   KV memory per GPU: (268.221 − 15) × 0.7 = 177.255 GiB
 * //   each rank holds 1 of the 8 KV heads: 1 × (64 + 64) × 2 = 256 B per token and layer
 * //   per session on one rank: 256 × (18 × 131,072 + 18 × 128) = 604,569,600 B
 * //   sessions per replica ⌊177.255 GiB / 604,569,600 B⌋ = ⌊314.81⌋ = 314; one replica per node: 314
 * //   — the 314 sessions per node of report-example.md, as the single pool finds them.
 */
import { BYTES_PER_GIB, gbToGib } from '../core/units.ts';
import type { EngineInputs, EngineParts, GivenSettings, SettingsContext } from './capacity.ts';
import type { RankLayerGroup } from './geometry.ts';

/** The seed model takes no engine setting: only the given weights or KV memory. */
export interface SeedSettings extends GivenSettings {
  readonly memory_model: 'seed';
}

export function seedSettings({ request }: SettingsContext): SeedSettings {
  return { memory_model: 'seed', weights_gib: request.weights_gib, kv_cache_memory_gib: request.kv_cache_memory_gib };
}

/**
 * Seed method over a layout: each GPU keeps its reserve (the node's runtime overhead spread over its
 * GPUs, and at least its share of the weights plus the runtime allowance: src/core/weights.ts), and
 * the budget ratio of the rest holds KV.
 */
export function seedCapacity(inputs: EngineInputs, settings: SeedSettings, ranks: readonly RankLayerGroup[], reservePerGpuGib: number, kvBudgetRatio: number): EngineParts {
  const { context, server } = inputs;
  const perGpuHbm = gbToGib(server.hbm_per_gpu_gb);
  const overheadPerGpu = reservePerGpuGib;
  const calibrated = settings.kv_cache_memory_gib !== undefined;
  const kvGib = settings.kv_cache_memory_gib ?? Math.max(0, (perGpuHbm - overheadPerGpu) * kvBudgetRatio);
  // Version 2.0's tokens per layer (windows held whole), on one rank.
  let perSession = 0;
  for (const g of ranks) perSession += g.bytes_per_token_per_layer * (g.window_tokens ?? context) * g.layers + g.state_bytes_per_layer * g.layers;
  return {
    per_gpu: { gpu_memory_gib: perGpuHbm, weights_gib: overheadPerGpu, activation_gib: 0, non_torch_gib: 0, reserved_gib: Math.max(0, perGpuHbm - overheadPerGpu - kvGib), kv_cache_gib: kvGib },
    calibrated,
    block_size: 1,
    num_blocks: null,
    kv_tokens: Math.floor((kvGib * BYTES_PER_GIB) / Math.max(1, perSession / Math.max(1, context))),
    max_concurrency: (kvGib * BYTES_PER_GIB) / perSession,
    bytes_per_session_per_rank: perSession,
  };
}
