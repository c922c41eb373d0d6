/**
 * GPU memory as the engines see it: the memory one GPU shows them, the estimates of what they keep
 * besides weights and KV (activation peak, non-torch memory), and what one GPU's and one node's
 * memory is for. The figures of the estimates are the settings table's defaults. Pure.
 *
 * @example
 * // An 80 GB H100 shows 80 × 0.99 = 79.2 GiB; Llama-3.1-8B (hidden 4,096) profiling 8,192 batched
 * // tokens peaks at 8,192 × 4,096 × 27 B = 0.84375 GiB of activations; non-torch 0.35 GiB at TP 1, 1 GiB above.
 */
import type { ModelEntry, ServerEntry } from '../schema/catalog.ts';
import { layerGroupsOf } from '../core/layers.ts';
import { BYTES_PER_GIB } from '../core/units.ts';
import type { Layout } from './layout.ts';
import { ENGINE_SETTINGS } from './settings.ts';

/** GPU memory as an engine sees it, per GPU: given, or the data sheet's figure × 0.99 read as GiB. */
export function visibleGpuMemoryGib(server: ServerEntry, given: number | undefined): number {
  return given ?? server.hbm_per_gpu_gb * ENGINE_SETTINGS.gpu_memory_gib.default.fraction;
}

/** The model's width: hidden_size, else query heads × head_dim, else null. */
export function hiddenSize(model: ModelEntry): number | null {
  if (model.hidden_size !== undefined) return model.hidden_size;
  const attention = layerGroupsOf(model).find((g) => g.kind === 'full' || g.kind === 'sliding' || g.kind === 'chunked');
  return model.num_attention_heads !== undefined && attention && 'head_dim' in attention ? model.num_attention_heads * attention.head_dim : null;
}

/** The activation peak of a profiling run of `tokens` batched tokens, GiB per GPU: given, or the estimate. */
export function activationGib(model: ModelEntry, tokens: number, given: number | undefined): number {
  if (given !== undefined) return given;
  const rule = ENGINE_SETTINGS.activation_gib.default;
  const hidden = hiddenSize(model);
  return hidden === null ? rule.unknown_hidden_gib : (tokens * hidden * rule.bytes_per_token_per_hidden) / BYTES_PER_GIB;
}

/** Memory outside the framework per GPU (CUDA context, NCCL), GiB: given, or the estimate. */
export function nonTorchGib(layout: Pick<Layout, 'tensor_parallel'>, given: number | undefined): number {
  const rule = ENGINE_SETTINGS.non_torch_gib.default;
  return given ?? (layout.tensor_parallel > 1 ? rule.tensor_parallel : rule.single_gpu);
}

/** What one GPU's memory is for, GiB. */
export interface GpuMemoryBreakdown {
  readonly gpu_memory_gib: number;
  readonly weights_gib: number;
  readonly activation_gib: number;
  readonly non_torch_gib: number;
  /** Kept free by the engine's fraction (1 − utilization, …), or the seed's budget buffer. */
  readonly reserved_gib: number;
  readonly kv_cache_gib: number;
}

/** What one node's GPU memory is for, GiB: the per-GPU breakdown over the GPUs in replicas, plus idle GPUs. */
export interface NodeMemoryBreakdown extends GpuMemoryBreakdown {
  readonly idle_gpus_gib: number;
}

export function nodeBreakdown(perGpu: GpuMemoryBreakdown, gpusUsed: number, gpus: number): NodeMemoryBreakdown {
  return {
    gpu_memory_gib: perGpu.gpu_memory_gib * gpus,
    weights_gib: perGpu.weights_gib * gpusUsed,
    activation_gib: perGpu.activation_gib * gpusUsed,
    non_torch_gib: perGpu.non_torch_gib * gpusUsed,
    reserved_gib: perGpu.reserved_gib * gpusUsed,
    kv_cache_gib: perGpu.kv_cache_gib * gpusUsed,
    idle_gpus_gib: perGpu.gpu_memory_gib * (gpus - gpusUsed),
  };
}
