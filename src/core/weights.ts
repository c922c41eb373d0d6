/**
 * Weights memory and what a node reserves before its KV budget.
 *
 * Weights: parameters × bytes per parameter, when the parameter count is known (catalog field or
 * --params-b); the bytes per parameter come from --weights-precision, else the model's
 * weights_bytes_per_param, else bf16.
 *
 * The reserve (what `runtime_overhead_gib` resolves to when the user leaves it out): the weights held
 * on one node plus a runtime allowance per GPU holding them, and never less than the original tool's
 * 120 GiB per 8-GPU node (15 GiB per GPU for smaller nodes). The allowance is the engine room's own
 * estimates (src/engines/gpu-memory.ts), so no figure lives twice: the activation peak of a profiling
 * run of vLLM's default batched tokens, and the memory outside the framework (CUDA context, NCCL).
 * Pure.
 *
 * @example
 * // Meta-Llama-3.1-70B (70.6 B parameters, bf16, hidden 8,192) on dgx-h100 (8 × 80 GB), one pool:
 * //   weights 70.6e9 × 2 B = 131.5 GiB; allowance per GPU 8,192 tokens × 8,192 × 27 B = 1.6875 GiB
 * //   of activations + 1 GiB non-torch (tensor parallel) = 2.6875 GiB, × 8 GPUs = 21.5 GiB
 * //   reserve max(120, 131.5 + 21.5) = 153.0 GiB (source: weights)
 */
import type { ModelEntry, ServerEntry } from '../schema/catalog.ts';
import { activationGib, nonTorchGib, visibleGpuMemoryGib } from '../engines/gpu-memory.ts';
import { vllmDefaultBatchedTokens } from '../engines/vllm.ts';
import { DEFAULTS, RUNTIME_FLOOR } from './defaults.ts';
import { BYTES_PER_GIB, gbToGib } from './units.ts';

/** bf16: what weights are stored as when nothing says otherwise. */
export const DEFAULT_WEIGHT_BYTES_PER_PARAM = 2;

/**
 * Weights precisions `--weights-precision` accepts, and their bytes per parameter (scales included):
 * fp4 is read as MXFP4 (OCP microscaling: 4 bits + one 8-bit scale per 32, as gpt-oss ships); NVFP4
 * has one fp8 scale per 16; int4 is GPTQ/AWQ's 4 bits + one fp16 scale per group of 128.
 */
export const WEIGHTS_PRECISION_BYTES = {
  bf16: 2,
  fp16: 2,
  fp8: 1,
  int8: 1,
  fp4: 4.25 / 8,
  mxfp4: 4.25 / 8,
  nvfp4: 4.5 / 8,
  int4: 4.125 / 8,
} as const;

export type WeightsPrecision = keyof typeof WEIGHTS_PRECISION_BYTES;
export const WEIGHTS_PRECISIONS = Object.keys(WEIGHTS_PRECISION_BYTES) as WeightsPrecision[];

/** Names that are another's alias (same bytes): left out of suggestions. */
const WEIGHTS_PRECISION_ALIASES: ReadonlySet<WeightsPrecision> = new Set(['fp16', 'fp4']);

export interface WeightsMemory {
  readonly params_b: number;
  readonly bytes_per_param: number;
  /** True when the model does not say how its weights are stored and bf16 was assumed. */
  readonly assumed_bytes_per_param: boolean;
  /** The --weights-precision given, when it set the bytes per parameter; null otherwise. */
  readonly precision: WeightsPrecision | null;
  readonly gib: number;
}

/**
 * @example weightsMemory({ ...model, weights_bytes_per_param: 2 }, 8.03) //=> { gib: 14.957..., … }
 * @example weightsMemory(deepSeekV3, undefined, 'fp4') //=> { bytes_per_param: 0.53125, gib: 332.0..., … }
 */
export function weightsMemory(model: ModelEntry, paramsB?: number, precision?: WeightsPrecision): WeightsMemory | null {
  const params = paramsB ?? model.total_params_b ?? undefined;
  if (params === undefined || params === null) return null;
  const given = precision !== undefined ? WEIGHTS_PRECISION_BYTES[precision] : (model.weights_bytes_per_param ?? undefined);
  const bytesPerParam = given ?? DEFAULT_WEIGHT_BYTES_PER_PARAM;
  return {
    params_b: params,
    bytes_per_param: bytesPerParam,
    assumed_bytes_per_param: given === undefined,
    precision: precision ?? null,
    gib: (params * 1e9 * bytesPerParam) / BYTES_PER_GIB,
  };
}

/**
 * The original tool's 120 GiB per node, as a floor: the whole of it on nodes of 8 GPUs or more, 15 GiB
 * per GPU on smaller ones (a 1-GPU server reserves 15 GiB, not more than its GPU).
 *
 * @example runtimeFloorGib(8) //=> 120
 * @example runtimeFloorGib(1) //=> 15
 */
export function runtimeFloorGib(gpus: number): number {
  return Math.min(DEFAULTS.runtime_overhead_gib, (DEFAULTS.runtime_overhead_gib / RUNTIME_FLOOR.reference_gpus) * gpus);
}

/** The runtime allowance of one GPU holding weights, GiB: the engines' estimates of what they keep besides weights and KV. */
export interface RuntimeAllowance {
  /** Activation peak of a profiling run of vLLM's default batched tokens (8,192; 2,048 on small or Ampere GPUs). */
  readonly activation_gib: number;
  /** CUDA context and NCCL buffers: 0.35 GiB on one GPU, 1 GiB with tensor parallelism. */
  readonly non_torch_gib: number;
  readonly batched_tokens: number;
}

export function runtimeAllowance(model: ModelEntry, server: ServerEntry, tensorParallel: number): RuntimeAllowance {
  const tokens = vllmDefaultBatchedTokens(visibleGpuMemoryGib(server, undefined), server);
  return { activation_gib: activationGib(model, tokens, undefined), non_torch_gib: nonTorchGib({ tensor_parallel: tensorParallel }, undefined), batched_tokens: tokens };
}

/** How the replicas sit on a node: the single pool is one replica over all the node's GPUs. */
export interface ReplicaShape {
  readonly tensor_parallel: number;
  readonly gpus_per_replica: number;
  /** GPUs of the node that hold a share of some replica (all of them when a replica spans nodes). */
  readonly gpus_used: number;
}

export type ReserveSource = 'input' | 'floor' | 'weights';

/** What one node reserves before its KV budget, and why. */
export interface RuntimeReserve {
  /** GiB reserved per node: what `runtime_overhead_gib` resolves to. */
  readonly node_gib: number;
  /** 'input': --runtime-overhead-gib; 'floor': the original's 120 GiB (scaled to small nodes); 'weights': weights + allowance. */
  readonly source: ReserveSource;
  /** What the node would reserve without --runtime-overhead-gib. */
  readonly default_node_gib: number;
  readonly floor_gib: number;
  /** Weights of one replica, GiB (parameters × bytes, or --weights-gib); null when unknown. */
  readonly weights_replica_gib: number | null;
  /** Weights held on one node (each GPU's share × the GPUs holding them); null when unknown. */
  readonly weights_node_gib: number | null;
  readonly allowance_per_gpu: RuntimeAllowance;
  /** The allowance over the GPUs holding weights. */
  readonly allowance_node_gib: number;
  readonly gpus_used: number;
  readonly gpus_per_replica: number;
  readonly tensor_parallel: number;
  /** Per GPU holding weights: its share of the weights plus the allowance (the seed method's per-GPU reserve is at least this). */
  readonly weights_and_allowance_per_gpu_gib: number | null;
  /** One GPU's memory (data sheet, GiB). */
  readonly gpu_gib: number;
  /** False when one GPU's share of the weights plus the allowance is not less than the GPU's memory. */
  readonly weights_fit: boolean;
}

/**
 * The reserve of one node. Without --runtime-overhead-gib: max(floor, weights on the node + allowance
 * × GPUs holding them). With it: the value given (an alert says when it is below the weights).
 *
 * @example
 * // Meta-Llama-3.1-8B (8.03 B, bf16, hidden 4,096) on a 1 × H100 80 GB server: weights 14.957 GiB,
 * // allowance 0.84375 + 0.35 GiB, floor 15 GiB → reserve 16.15 GiB (source: weights), weights fit.
 */
export function runtimeReserve(
  model: ModelEntry,
  server: ServerEntry,
  weightsReplicaGib: number | null,
  shape: ReplicaShape,
  givenGib: number | undefined,
  /** The weights one GPU holds, when a layout splits them unevenly (data-parallel attention: src/engines/capacity.ts `gpuWeights`); else an even share. */
  weightsPerGpuGib?: number,
): RuntimeReserve {
  const floor = runtimeFloorGib(server.gpus);
  const allowance = runtimeAllowance(model, server, shape.tensor_parallel);
  const allowancePerGpu = allowance.activation_gib + allowance.non_torch_gib;
  const share = weightsReplicaGib === null ? null : (weightsPerGpuGib ?? weightsReplicaGib / shape.gpus_per_replica);
  const perGpu = share === null ? null : share + allowancePerGpu;
  const weightsNode = share === null ? null : share * shape.gpus_used;
  const needed = perGpu === null ? null : perGpu * shape.gpus_used;
  const byWeights = needed !== null && needed > floor;
  const defaultGib = byWeights ? needed : floor;
  const gpuGib = gbToGib(server.hbm_per_gpu_gb);
  return {
    node_gib: givenGib ?? defaultGib,
    source: givenGib !== undefined ? 'input' : byWeights ? 'weights' : 'floor',
    default_node_gib: defaultGib,
    floor_gib: floor,
    weights_replica_gib: weightsReplicaGib,
    weights_node_gib: weightsNode,
    allowance_per_gpu: allowance,
    allowance_node_gib: allowancePerGpu * shape.gpus_used,
    gpus_used: shape.gpus_used,
    gpus_per_replica: shape.gpus_per_replica,
    tensor_parallel: shape.tensor_parallel,
    weights_and_allowance_per_gpu_gib: perGpu,
    gpu_gib: gpuGib,
    weights_fit: perGpu === null || perGpu < gpuGib,
  };
}

/** The seed method's reserve per GPU holding weights: the node's reserve spread over its GPUs, and never less than a GPU's share of the weights and allowance (unless given). */
export function seedReservePerGpuGib(reserve: RuntimeReserve, gpus: number): number {
  const spread = reserve.node_gib / gpus;
  if (reserve.source === 'input' || reserve.weights_and_allowance_per_gpu_gib === null) return spread;
  return Math.max(spread, reserve.weights_and_allowance_per_gpu_gib);
}

/**
 * What would hold the weights when one node cannot: GPUs per replica at this GPU's memory, the
 * catalog's servers that hold one copy as one pool, and the weights precisions that would fit this node.
 */
export interface WeightsFitOptions {
  /** Fewest GPUs per replica whose shares (plus allowance) fit this server's GPUs; null when even one GPU's allowance does not fit. */
  readonly gpus_needed: number | null;
  readonly servers: readonly string[];
  readonly precisions: readonly WeightsPrecision[];
}

export function weightsFitOptions(model: ModelEntry, server: ServerEntry, reserve: RuntimeReserve, weights: WeightsMemory | null, catalogServers: readonly ServerEntry[]): WeightsFitOptions {
  const w = reserve.weights_replica_gib ?? 0;
  const tpAllowance = runtimeAllowance(model, server, 2);
  const room = reserve.gpu_gib - tpAllowance.activation_gib - tpAllowance.non_torch_gib;
  const gpusNeeded = room > 0 ? Math.floor(w / room) + 1 : null;
  const servers = [...catalogServers]
    .sort((a, b) => a.gpus * a.hbm_per_gpu_gb - b.gpus * b.hbm_per_gpu_gb)
    .filter((s) => runtimeReserve(model, s, w, { tensor_parallel: s.gpus, gpus_per_replica: s.gpus, gpus_used: s.gpus }, undefined).weights_fit)
    .map((s) => s.name);
  const precisions = weights
    ? WEIGHTS_PRECISIONS.filter((p) => {
        if (WEIGHTS_PRECISION_ALIASES.has(p)) return false;
        const smaller = weightsMemory(model, weights.params_b, p);
        if (!smaller || smaller.bytes_per_param >= weights.bytes_per_param) return false;
        // The same layout: each GPU's share scales with the weights.
        const share = reserve.weights_node_gib === null || w === 0 ? undefined : (reserve.weights_node_gib / reserve.gpus_used) * (smaller.gib / w);
        return runtimeReserve(model, server, smaller.gib, reserve, undefined, share).weights_fit;
      })
    : [];
  return { gpus_needed: gpusNeeded, servers, precisions };
}
