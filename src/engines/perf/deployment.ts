/**
 * A plan's deployment as the performance model sees it: geometry, weights per GPU, data-sheet figures,
 * the engine's batch limits and the memory-limited batch. Resolved once per plan and workload; the
 * roofline (roofline.ts) and the load model (load.ts) then only do arithmetic. Pure.
 */
import { BYTES_PER_GIB } from '../../core/units.ts';
import type { SizingPlan } from '../../core/plan.ts';
import { sessionsAt } from '../../core/sizing.ts';
import { layerGroupsOf } from '../../core/layers.ts';
import { weightsMemory } from '../../core/weights.ts';
import type { GpuArchitecture, ModelEntry, ServerEntry } from '../../schema/catalog.ts';
import { expertShare } from '../capacity.ts';
import { type RankLayerGroup, rankGeometry } from '../geometry.ts';
import { hiddenSize, visibleGpuMemoryGib } from '../gpu-memory.ts';
import { type Layout, tensorParallelGroup } from '../layout.ts';
import type { MemoryModel } from '../settings.ts';
import { vllmDefaultBatchedTokens } from '../vllm.ts';
import { activeParamsB, expertsSaturation, type PerfDeployment } from './roofline.ts';
import type { Workload } from './types.ts';

/** Server figures the performance model cannot do without. */
export const REQUIRED_SERVER_FIGURES = ['memory_bandwidth_tbps_per_gpu', 'bf16_dense_tflops_per_gpu', 'interconnect_bandwidth_gbps_per_gpu'] as const;

/**
 * The largest running batch an engine schedules by default, whatever its memory holds: TensorRT-LLM's
 * max_batch_size (2,048); vLLM's max_num_seqs (1,024 on GPUs where it uses the large batched-token
 * default, else 256: vllm/engine/arg_utils.py); SGLang and the seed model: memory only.
 */
export const ENGINE_MAX_BATCH = { trtllm: 2048, vllm_large: 1024, vllm_small: 256 } as const;

/** The chunked-prefill budget when the memory model has none: SGLang's chunked_prefill_size default on large GPUs. */
export const DEFAULT_BATCHED_TOKENS = 8192;

export interface PreparedDeployment {
  readonly deployment: PerfDeployment;
  readonly layout: Layout;
  readonly memory_model: MemoryModel;
  readonly gpu_architecture: GpuArchitecture | null;
  /** The memory-limited sessions of one replica at input + output tokens each, capped by the engine's batch limit. */
  readonly memory_sessions: number;
  /** Replicas on one node (fractional below 1 when a replica spans nodes: 1 / nodes per replica). */
  readonly replicas_per_node: number;
}

/** Missing server figures (field names), empty when the performance model can run. */
export function missingServerFigures(server: ServerEntry): string[] {
  const missing: string[] = REQUIRED_SERVER_FIGURES.filter((f) => server[f] === undefined || server[f] === null);
  return missing;
}

/** Missing model figures: the performance model needs parameters and a width. */
export function missingModelFigures(plan: SizingPlan): string[] {
  const m = plan.entries.model;
  const out: string[] = [];
  if (weightsMemory(m, plan.request.params_b, plan.request.weights_precision) === null) out.push('total_params_b');
  if (hiddenSize(m) === null) out.push('hidden_size');
  return out;
}

/** What the plan lacks for the performance model (catalog fields), empty when it can run. */
export function perfMissingFigures(plan: SizingPlan): string[] {
  return [...missingServerFigures(plan.entries.server), ...missingModelFigures(plan)];
}

function weightsPrecisionClass(bytesPerParam: number): 'bf16' | 'fp8' | 'fp4' {
  return bytesPerParam >= 1.5 ? 'bf16' : bytesPerParam >= 0.75 ? 'fp8' : 'fp4';
}

/** The tensor rate for the weights' precision, falling back to the next wider precision the GPU has. */
function tensorRate(server: ServerEntry, precision: 'bf16' | 'fp8' | 'fp4'): { tflops: number; precision: 'bf16' | 'fp8' | 'fp4' } {
  const bf16 = server.bf16_dense_tflops_per_gpu ?? 0;
  const fp8 = server.fp8_dense_tflops_per_gpu ?? null;
  const fp4 = server.fp4_dense_tflops_per_gpu ?? null;
  if (precision === 'fp4' && fp4 !== null) return { tflops: fp4, precision: 'fp4' };
  if (precision !== 'bf16' && fp8 !== null) return { tflops: fp8, precision: 'fp8' };
  return { tflops: bf16, precision: 'bf16' };
}

/** The plan's layout, or the original single pool: one replica over all the node's GPUs. */
function layoutOf(plan: SizingPlan): Layout {
  const server = plan.entries.server;
  return (
    plan.deployment?.layout ?? {
      tensor_parallel: server.gpus,
      pipeline_parallel: 1,
      gpus_per_replica: server.gpus,
      replicas_per_node: 1,
      gpus_used: server.gpus,
      nodes_per_replica: 1,
      data_parallel_attention: 1,
      expert_parallel: 1,
    }
  );
}

/**
 * KV geometry as the engine's runtime holds it. The memory models reproduce each engine's own capacity
 * estimate; TensorRT-LLM's estimate divides the KV heads over TP without a floor of one, but its
 * runtime (the PyTorch backend's attention and KVCacheManager, tensorrt_llm/_torch/pyexecutor/
 * resource_manager.py) keeps ⌈KV heads / TP⌉ heads per rank: with fewer KV heads than TP ranks each
 * rank holds (and every decode step reads) a whole head. vLLM and SGLang already replicate.
 */
export function runtimeRanks(model: ModelEntry, ranks: readonly RankLayerGroup[], layout: Layout, memoryModel: MemoryModel): RankLayerGroup[] {
  if (memoryModel !== 'trtllm') return [...ranks];
  const tp = layout.tensor_parallel / layout.data_parallel_attention;
  const specs = layerGroupsOf(model);
  return ranks.map((g, i) => {
    const spec = specs[i];
    if (!spec || g.kv_heads_per_rank === null || !('kv_heads' in spec) || g.kv_heads_per_rank <= 0) return g;
    const heads = Math.ceil(spec.kv_heads / tp);
    return { ...g, kv_heads_per_rank: heads, bytes_per_token_per_layer: (g.bytes_per_token_per_layer * heads) / g.kv_heads_per_rank };
  });
}

/** KV bytes per token on one rank, all layers (states left out). */
function bytesPerToken(ranks: readonly RankLayerGroup[]): number {
  return ranks.reduce((s, g) => s + g.layers * g.bytes_per_token_per_layer, 0);
}

/**
 * The memory-limited sessions per replica with every session holding `context` tokens: the sizing's
 * own capacity at that context (`sessionsAt`: what `size()` gives, without re-planning), its pool then
 * divided by what a session really takes at run time when that differs from the engine's estimate
 * (`runtimeRanks`).
 */
function memorySessions(plan: SizingPlan, context: number, estimated: readonly RankLayerGroup[], runtime: readonly RankLayerGroup[]): number {
  const { sessions, engine } = sessionsAt(plan, Math.max(1, Math.round(context)));
  const est = bytesPerToken(estimated);
  const real = bytesPerToken(runtime);
  if (!engine || !(real > est) || !(est > 0)) return sessions;
  const dp = engine.layout.data_parallel_attention;
  return dp * Math.floor((engine.max_concurrency / dp) * (est / real));
}

/** The engine's default batch limit for this plan (Infinity when memory alone limits it). */
function engineBatchLimit(plan: SizingPlan, memoryModel: MemoryModel): number {
  if (memoryModel === 'trtllm') return ENGINE_MAX_BATCH.trtllm;
  if (memoryModel === 'vllm' || memoryModel === 'seed') {
    const server = plan.entries.server;
    return vllmDefaultBatchedTokens(visibleGpuMemoryGib(server, plan.request.gpu_memory_gib), server) >= 8192 ? ENGINE_MAX_BATCH.vllm_large : ENGINE_MAX_BATCH.vllm_small;
  }
  return Number.POSITIVE_INFINITY;
}

/**
 * Resolve a plan for the performance model. Throws when the catalog lacks a figure it needs
 * (`perfMissingFigures` says which first: callers check it and report a typed problem).
 */
export function prepareDeployment(plan: SizingPlan, workload: Pick<Workload, 'input_tokens' | 'output_tokens'>): PreparedDeployment {
  const missing = perfMissingFigures(plan);
  if (missing.length > 0) throw new Error(`the performance model needs ${missing.join(', ')} (model ${plan.entries.model.name}, server ${plan.entries.server.name})`);
  const { model, server } = plan.entries;
  const layout = layoutOf(plan);
  const memoryModel: MemoryModel = plan.deployment?.engine.memory_model ?? 'seed';
  const weights = weightsMemory(model, plan.request.params_b, plan.request.weights_precision)!;
  const weightsBytesReplica = (plan.request.weights_gib ?? weights.gib) * BYTES_PER_GIB;
  const g = layout.gpus_per_replica;
  const dp = layout.data_parallel_attention;
  const share = memoryModel === 'seed' ? null : expertShare(model, weights.params_b);
  const expertBytes = share === null ? 0 : (weightsBytesReplica * share) / g;
  const denseBytes = share === null ? weightsBytesReplica / g : (weightsBytesReplica * (1 - share) * (dp === 1 ? 1 : dp)) / g;
  const hidden = hiddenSize(model)!;
  const groups = layerGroupsOf(model);
  const width = model.num_attention_heads !== undefined ? model.num_attention_heads * Math.max(...groups.map((x) => ('head_dim' in x ? x.head_dim : 0)), 0) || hidden : hidden;
  const attentionGroups = groups
    .filter((x) => x.kind === 'full' || x.kind === 'sliding' || x.kind === 'chunked' || x.kind === 'mla')
    .map((x) => ({ count: x.count, window: x.kind === 'sliding' ? x.window : x.kind === 'chunked' ? x.chunk : null }));
  const estimatedRanks = rankGeometry(model, layout, plan.precision, memoryModel);
  const ranks = runtimeRanks(model, estimatedRanks, layout, memoryModel);
  const precision = weightsPrecisionClass(weights.bytes_per_param);
  const rate = tensorRate(server, precision);
  const batched = plan.deployment && 'max_num_batched_tokens' in plan.deployment.engine ? plan.deployment.engine.max_num_batched_tokens : DEFAULT_BATCHED_TOKENS;
  const ic = (server.interconnect_bandwidth_gbps_per_gpu ?? 0) * 1e9 / 2; // vendors state both directions
  const deployment: PerfDeployment = {
    layers: model.num_layers,
    hidden,
    attention_width: width,
    tensor_parallel: layout.tensor_parallel,
    pipeline_parallel: layout.pipeline_parallel,
    data_parallel_attention: dp,
    gpus_per_replica: g,
    allreduce_group: tensorParallelGroup(model, layout.tensor_parallel, dp, layout.expert_parallel),
    dense_weights_bytes_per_gpu: denseBytes,
    expert_weights_bytes_per_gpu: expertBytes,
    experts: share === null ? 0 : (model.num_routed_experts ?? 0),
    experts_per_token: model.num_experts_per_tok ?? 0,
    experts_saturated_tokens: expertsSaturation(share === null ? 0 : (model.num_routed_experts ?? 0), model.num_experts_per_tok ?? 0),
    active_params: activeParamsB(model, weights.params_b) * 1e9,
    ranks,
    attention_groups: attentionGroups,
    bandwidth_bps: server.memory_bandwidth_tbps_per_gpu! * 1e12,
    flops: rate.tflops * 1e12,
    flops_bf16: server.bf16_dense_tflops_per_gpu! * 1e12,
    interconnect_bps: ic,
    scale_out_bps: layout.nodes_per_replica > 1 && server.scale_out_bandwidth_gbps_per_gpu ? server.scale_out_bandwidth_gbps_per_gpu * 1e9 : ic,
    precision: rate.precision,
    batched_tokens: batched,
  };
  const context = workload.input_tokens + workload.output_tokens;
  return {
    deployment,
    layout,
    memory_model: memoryModel,
    gpu_architecture: server.gpu_architecture ?? null,
    memory_sessions: Math.min(memorySessions(plan, context, estimatedRanks, ranks), engineBatchLimit(plan, memoryModel)),
    replicas_per_node: layout.nodes_per_replica > 1 ? 1 / layout.nodes_per_replica : layout.replicas_per_node,
  };
}
