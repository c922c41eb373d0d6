/**
 * What every memory model shares: its inputs, its resolved settings, and the capacity it reports for
 * one replica and one node. `engineSettings` fills in a memory model's defaults (once, when a request is
 * planned); `engineCapacity` runs its accounting. The accountings themselves are one file each:
 * seed.ts (the original tool's arithmetic over a layout), vllm.ts, sglang.ts, trtllm.ts. Pure.
 */
import type { ModelEntry, ServerEntry } from '../schema/catalog.ts';
import type { KvPrecision } from '../core/units.ts';
import { type GpuMemoryBreakdown, type NodeMemoryBreakdown, nodeBreakdown } from './gpu-memory.ts';
import { rankGeometry } from './geometry.ts';
import type { Layout } from './layout.ts';
import type { DeploymentRequest, MemoryModel } from './settings.ts';
import { type SeedSettings, seedCapacity, seedSettings } from './seed.ts';
import { type SglangSettings, sglangCapacity, sglangSettings } from './sglang.ts';
import { type TrtllmSettings, trtllmCapacity, trtllmSettings } from './trtllm.ts';
import { type VllmSettings, vllmCapacity, vllmSettings } from './vllm.ts';

/** Settings every memory model takes as given, never defaulted. */
export interface GivenSettings {
  /** Weights of one replica, GiB (else parameters × bytes per parameter). */
  readonly weights_gib: number | undefined;
  /** KV memory per GPU an engine reported (calibration): replaces the memory model's own figure. */
  readonly kv_cache_memory_gib: number | undefined;
}

/** One memory model with its settings, every default filled in. */
export type EngineSettings = SeedSettings | VllmSettings | SglangSettings | TrtllmSettings;

/** What the settings' default rules may read. */
export interface SettingsContext {
  readonly model: ModelEntry;
  readonly server: ServerEntry;
  readonly layout: Layout;
  readonly request: DeploymentRequest;
}

export function givenSettings(request: DeploymentRequest): GivenSettings {
  return { weights_gib: request.weights_gib, kv_cache_memory_gib: request.kv_cache_memory_gib };
}

/** A memory model's settings: the request's, and the settings table's defaults (values and rules) for the rest. */
export function engineSettings(memoryModel: MemoryModel, context: SettingsContext): EngineSettings {
  switch (memoryModel) {
    case 'seed':
      return seedSettings(context);
    case 'vllm':
      return vllmSettings(context);
    case 'sglang':
      return sglangSettings(context);
    case 'trtllm':
      return trtllmSettings(context);
  }
}

export interface EngineInputs {
  readonly model: ModelEntry;
  readonly server: ServerEntry;
  readonly layout: Layout;
  readonly precision: KvPrecision;
  readonly context: number;
  /** Weights of one replica, GiB (null when unknown: counted as 0 with an alert). */
  readonly weights_replica_gib: number | null;
  /** Parameters of the model, billions, when known (the routed experts' share of the weights is taken from it). */
  readonly params_b?: number | null | undefined;
}

/** What each memory model computes; `engineCapacity` adds what they share. */
export type EngineParts = Pick<EngineCapacity, 'per_gpu' | 'calibrated' | 'block_size' | 'num_blocks' | 'kv_tokens' | 'max_concurrency' | 'bytes_per_session_per_rank'>;

export interface EngineCapacity {
  readonly memory_model: MemoryModel;
  readonly layout: Layout;
  readonly per_gpu: GpuMemoryBreakdown;
  readonly per_node: NodeMemoryBreakdown;
  /** The routed experts' part of `per_gpu.weights_gib` (null when the catalog does not size the experts). */
  readonly expert_weights_gib_per_gpu: number | null;
  /** True when the KV memory came from --kv-cache-memory-gib (an engine's own report). */
  readonly calibrated: boolean;
  readonly block_size: number;
  /** Blocks in the pool of one rank (null for SGLang's token pool). */
  readonly num_blocks: number | null;
  /** Token capacity of one replica, as the engine logs it ("GPU KV cache size: N tokens", "#tokens: N"); with data-parallel attention, every group's together. */
  readonly kv_tokens: number;
  /** Requests of `context` tokens one replica holds at once ("Maximum concurrency … X×"). */
  readonly max_concurrency: number;
  readonly context_tokens: number;
  readonly sessions_per_replica: number;
  readonly sessions_per_node: number;
  /** Bytes one session takes on one rank, by the engine's rules. */
  readonly bytes_per_session_per_rank: number;
}

/**
 * The routed experts' share of a model's parameters (0 to 1), or null when the catalog does not size
 * them (`routed_expert_params_b`) or the parameter count is unknown.
 *
 * @example expertShare(deepseekV3, 671) //=> 653.909 / 671 = 0.9745 (58 MoE layers × 256 experts × 3 × 7,168 × 2,048)
 */
export function expertShare(model: ModelEntry, paramsB: number | null | undefined): number | null {
  const experts = model.routed_expert_params_b;
  const params = paramsB ?? model.total_params_b ?? null;
  if (experts === undefined || params === null || !(params > 0)) return null;
  return Math.min(1, experts / params);
}

/**
 * The weights one GPU holds, GiB, and their routed-expert part. Every weight is split over the replica's
 * TP × PP GPUs, except that with data-parallel attention the weights outside the routed experts
 * (attention, dense and shared-expert MLPs, embeddings) are split over attention's TP only (TP / DP),
 * a copy in each group. The routed experts are split over all TP ranks whatever the expert parallel:
 * EP spreads whole experts over EP ranks (experts / EP each) and slices each over the other TP / EP
 * ranks (SGLang's moe_tp_size, TensorRT-LLM's moe_tp_size × moe_ep_size = TP; vLLM's EP is all of TP).
 *
 * @example
 * // DeepSeek-V3 (671 B parameters, 653.9 B in routed experts, fp8: 625 GiB) at TP 16 with DP attention 16, EP 16:
 * // experts 609.0 GiB / 16 = 38.1 GiB per GPU; the other 15.9 GiB whole on every GPU: 54.0 GiB per GPU
 */
export function gpuWeights(model: ModelEntry, layout: Layout, replicaGib: number, paramsB: number | null | undefined): { gib: number; experts_gib: number | null } {
  const gpus = layout.gpus_per_replica;
  const share = expertShare(model, paramsB);
  if (share === null) return { gib: replicaGib / gpus, experts_gib: null };
  const experts = (replicaGib * share) / gpus;
  const dp = layout.data_parallel_attention;
  return { gib: dp === 1 ? replicaGib / gpus : experts + (replicaGib * (1 - share) * dp) / gpus, experts_gib: experts };
}

/** The memory model's KV capacity for one replica and node. `seed` carries the seed scenario's reserve per GPU (src/core/weights.ts) and budget ratio. */
export function engineCapacity(inputs: EngineInputs, settings: EngineSettings, seed: { reservePerGpuGib: number; kvBudgetRatio: number }): EngineCapacity {
  const ranks = rankGeometry(inputs.model, inputs.layout, inputs.precision, settings.memory_model);
  const weights = gpuWeights(inputs.model, inputs.layout, settings.weights_gib ?? inputs.weights_replica_gib ?? 0, inputs.params_b);
  const perGpuWeights = weights.gib;
  const cap = (() => {
    switch (settings.memory_model) {
      case 'vllm':
        return vllmCapacity(inputs, settings, ranks, perGpuWeights);
      case 'sglang':
        return sglangCapacity(inputs, settings, ranks, perGpuWeights);
      case 'trtllm':
        return trtllmCapacity(inputs, settings, ranks, perGpuWeights);
      case 'seed':
        return seedCapacity(inputs, settings, ranks, seed.reservePerGpuGib, seed.kvBudgetRatio);
    }
  })();
  // Each attention data-parallel group holds its own sessions in its own pool: a replica holds DP times one group's.
  const { layout } = inputs;
  const dp = layout.data_parallel_attention;
  const sessions = dp * Math.floor(cap.max_concurrency);
  return {
    memory_model: settings.memory_model,
    layout,
    ...cap,
    kv_tokens: dp * cap.kv_tokens,
    max_concurrency: dp * cap.max_concurrency,
    per_node: nodeBreakdown(cap.per_gpu, layout.gpus_used, inputs.server.gpus),
    expert_weights_gib_per_gpu: settings.memory_model === 'seed' ? null : weights.experts_gib,
    context_tokens: inputs.context,
    sessions_per_replica: sessions,
    sessions_per_node: sessionsPerNodeOf(sessions, layout),
  };
}

/**
 * Sessions per node: replicas × sessions per replica; for a replica over several nodes, its sessions
 * shared out over them, rounded down (the node counts themselves come in whole replicas: `scenarioNodes`).
 */
export function sessionsPerNodeOf(sessionsPerReplica: number, layout: Pick<Layout, 'nodes_per_replica' | 'replicas_per_node'>): number {
  return layout.nodes_per_replica > 1 ? Math.floor(sessionsPerReplica / layout.nodes_per_replica) : sessionsPerReplica * layout.replicas_per_node;
}
