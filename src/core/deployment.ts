/**
 * Deployment-aware, engine-faithful KV memory (issue #4): model replicas over tensor- and
 * pipeline-parallel GPUs, and how much KV cache an engine actually gets — following each engine's
 * own accounting (fixtures/kv-sizing-engines.md). Pure: numbers in, numbers out.
 *
 * Without any layout or engine input, none of this applies and the original single pool stands.
 */
import type { LayerGroupSpec, ModelEntry, ServerEntry } from '../schema/catalog.ts';
import type { Problem } from '../schema/problems.ts';
import { indexerBytesPerToken, layerGroupsOf } from './layers.ts';
import { BYTES_PER_GIB, gbToGib, KV_PRECISION_BYTES, type KvPrecision } from './units.ts';

export const MEMORY_MODELS = ['seed', 'vllm', 'sglang', 'trtllm'] as const;
export type MemoryModel = (typeof MEMORY_MODELS)[number];

/** Engine defaults (each a flag). */
export const ENGINE_DEFAULTS = {
  /** vLLM `gpu_memory_utilization` (0.9 for most versions). */
  gpu_memory_utilization: 0.9,
  /** vLLM `CacheConfig.DEFAULT_BLOCK_SIZE`. */
  block_size: 16,
  /** vLLM `vllm serve` max_num_batched_tokens on GPUs of ≥ 70 GiB (not A100), else 2048. */
  max_num_batched_tokens_large_gpu: 8192,
  max_num_batched_tokens_small_gpu: 2048,
  /** TensorRT-LLM `free_gpu_memory_fraction`. */
  free_gpu_memory_fraction: 0.9,
  /** TensorRT-LLM `tokens_per_block`. */
  tokens_per_block: 32,
  /** SGLang `swa_full_tokens_ratio`: sliding-window tokens kept per full-attention token. */
  swa_full_tokens_ratio: 0.8,
  /** Non-torch memory (CUDA context, NCCL): 0.35 GiB on one GPU (engine-logs.md #1), more with TP. */
  non_torch_gib_single: 0.35,
  non_torch_gib_tensor_parallel: 1,
  /**
   * Activation peak of the profiling run, bytes per batched token and unit of hidden size, fitted on
   * engine-logs.md #1 (Llama-3.1-8B, 20,000 tokens: 2.07 GiB); an estimate, to be overridden by
   * --activation-gib or calibrated with --kv-cache-memory-gib.
   */
  activation_bytes_per_token_per_hidden: 27,
  /** Used when the hidden size is not known. */
  activation_gib_fallback: 1,
  /** The memory an engine sees, as a fraction of the data sheet's per-GPU figure read as GiB (driver, ECC). */
  visible_memory_fraction: 0.99,
} as const;

export interface DeploymentRequest {
  readonly memory_model?: MemoryModel | undefined;
  readonly tensor_parallel?: number | undefined;
  readonly pipeline_parallel?: number | undefined;
  readonly replicas_per_node?: number | undefined;
  readonly weights_gib?: number | undefined;
  readonly kv_cache_memory_gib?: number | undefined;
  readonly gpu_memory_gib?: number | undefined;
  readonly gpu_memory_utilization?: number | undefined;
  readonly max_num_batched_tokens?: number | undefined;
  readonly block_size?: number | undefined;
  readonly mem_fraction_static?: number | undefined;
  readonly free_gpu_memory_fraction?: number | undefined;
  readonly tokens_per_block?: number | undefined;
  readonly activation_gib?: number | undefined;
  readonly non_torch_gib?: number | undefined;
}

const DEPLOYMENT_KEYS = [
  'memory_model', 'tensor_parallel', 'pipeline_parallel', 'replicas_per_node', 'weights_gib', 'kv_cache_memory_gib', 'gpu_memory_gib',
  'gpu_memory_utilization', 'max_num_batched_tokens', 'block_size', 'mem_fraction_static', 'free_gpu_memory_fraction', 'tokens_per_block',
  'activation_gib', 'non_torch_gib',
] as const;

/** True when the request asks for anything beyond the original single pool. */
export function deploymentRequested(request: DeploymentRequest): boolean {
  return DEPLOYMENT_KEYS.some((k) => request[k] !== undefined && !(k === 'memory_model' && request[k] === 'seed'));
}

export interface Layout {
  readonly tensor_parallel: number;
  readonly pipeline_parallel: number;
  readonly gpus_per_replica: number;
  readonly replicas_per_node: number;
  readonly gpus_used: number;
}

function attentionKvHeads(g: LayerGroupSpec): number | undefined {
  return g.kind === 'full' || g.kind === 'sliding' || g.kind === 'chunked' ? g.kv_heads : undefined;
}

/** Engine knobs and the memory models they belong to: given to another model, they would be ignored. */
export const ENGINE_KNOBS: Readonly<Partial<Record<keyof DeploymentRequest, readonly MemoryModel[]>>> = {
  gpu_memory_utilization: ['vllm'],
  block_size: ['vllm'],
  max_num_batched_tokens: ['vllm', 'trtllm'],
  mem_fraction_static: ['sglang'],
  free_gpu_memory_fraction: ['trtllm'],
  tokens_per_block: ['trtllm'],
  activation_gib: ['vllm', 'trtllm'],
  non_torch_gib: ['vllm', 'trtllm'],
  gpu_memory_gib: ['vllm', 'sglang', 'trtllm'],
};

/**
 * The layout of one node: TP × PP GPUs per replica, replicas from the server's GPUs (or given). KV
 * heads must divide over TP ranks or be replicated evenly (kv_heads % TP = 0 or TP % kv_heads = 0).
 */
export function resolveLayout(model: ModelEntry, server: ServerEntry, request: DeploymentRequest): { layout: Layout; problems: Problem[] } {
  const tp = request.tensor_parallel ?? 1;
  const pp = request.pipeline_parallel ?? 1;
  const perReplica = tp * pp;
  const problems: Problem[] = [];
  if (perReplica > server.gpus && !(pp > server.gpus && tp === 1)) {
    problems.push({ field: 'tensor_parallel', value: tp, accepted: { kind: 'rule', rule: 'layout_exceeds_gpus', detail: { tp, pp, gpus: server.gpus, server: server.name } } });
  }
  for (const g of layerGroupsOf(model)) {
    const kv = attentionKvHeads(g);
    if (kv !== undefined && kv % tp !== 0 && tp % kv !== 0) {
      problems.push({ field: 'tensor_parallel', value: tp, accepted: { kind: 'rule', rule: 'tp_kv_heads', detail: { tp, kv_heads: kv, model: model.name } } });
      break;
    }
  }
  if (model.num_attention_heads !== undefined && model.num_attention_heads % tp !== 0) {
    problems.push({ field: 'tensor_parallel', value: tp, accepted: { kind: 'rule', rule: 'tp_query_heads', detail: { tp, heads: model.num_attention_heads, model: model.name } } });
  }
  if (pp > model.num_layers) {
    problems.push({ field: 'pipeline_parallel', value: pp, accepted: { kind: 'rule', rule: 'pp_layers', detail: { pp, layers: model.num_layers } } });
  }
  const memoryModel = request.memory_model ?? 'seed';
  for (const [knob, models] of Object.entries(ENGINE_KNOBS) as [keyof DeploymentRequest, readonly MemoryModel[]][]) {
    if (request[knob] !== undefined && !models.includes(memoryModel)) {
      problems.push({ field: knob, value: request[knob], accepted: { kind: 'rule', rule: 'knob_needs_engine', detail: { models, given: memoryModel } } });
    }
  }
  if (pp > server.gpus && tp === 1) problems.push({ field: 'pipeline_parallel', value: pp, accepted: { kind: 'rule', rule: 'layout_exceeds_gpus', detail: { tp, pp, gpus: server.gpus, server: server.name } } });
  const fit = Math.max(1, Math.floor(server.gpus / perReplica));
  const replicas = request.replicas_per_node ?? fit;
  if (request.replicas_per_node !== undefined && replicas * perReplica > server.gpus) {
    problems.push({
      field: 'replicas_per_node',
      value: replicas,
      accepted: { kind: 'rule', rule: 'replicas_exceed_gpus', detail: { replicas, gpus_per_replica: perReplica, gpus: server.gpus } },
    });
  }
  return { layout: { tensor_parallel: tp, pipeline_parallel: pp, gpus_per_replica: perReplica, replicas_per_node: replicas, gpus_used: replicas * perReplica }, problems };
}

/** One kind of layer as one GPU (rank) of a replica holds it. */
export interface RankLayerGroup {
  readonly kind: LayerGroupSpec['kind'];
  /** Layers on the fullest pipeline stage. */
  readonly layers: number;
  /** KV heads per rank (attention kinds): split over TP, replicated (at least 1) when fewer than TP. */
  readonly kv_heads_per_rank: number | null;
  /** Bytes per token and layer on one rank. */
  readonly bytes_per_token_per_layer: number;
  /** Tokens a layer keeps per session by version 2.0's rule (window, chunk, context). */
  readonly window_tokens: number | null;
  /** Constant state per layer and session on one rank. */
  readonly state_bytes_per_layer: number;
}

/** The KV geometry of one rank: heads split over TP (vLLM/SGLang: max(1, heads / TP)); MLA and states as noted. */
export function rankGeometry(model: ModelEntry, layout: Layout, precision: KvPrecision, engine: MemoryModel): RankLayerGroup[] {
  const bytes = KV_PRECISION_BYTES[precision];
  const tp = layout.tensor_parallel;
  return layerGroupsOf(model).map((g) => {
    const layers = Math.ceil(g.count / layout.pipeline_parallel);
    switch (g.kind) {
      case 'full':
      case 'sliding':
      case 'chunked': {
        // TensorRT-LLM's estimate divides without a floor of one head; vLLM and SGLang replicate.
        const heads = engine === 'trtllm' ? g.kv_heads / tp : Math.max(1, Math.floor(g.kv_heads / tp));
        return {
          kind: g.kind,
          layers,
          kv_heads_per_rank: heads,
          bytes_per_token_per_layer: heads * (g.head_dim + (g.v_head_dim ?? g.head_dim)) * bytes,
          window_tokens: g.kind === 'sliding' ? g.window : g.kind === 'chunked' ? g.chunk : null,
          state_bytes_per_layer: 0,
        };
      }
      case 'mla': {
        // The latent is replicated on every TP rank: TP does not add MLA token capacity. With fp8 KV,
        // vLLM and SGLang store sparse-attention MLA (DeepSeek-V3.2) as fp8_ds_mla: an fp8 latent, one
        // fp32 scale per 128 of it, and the RoPE dims kept in bf16 (512 + 16 + 128 = 656 bytes).
        const dsMla = engine !== 'seed' && bytes === 1 && g.indexer_head_dim !== undefined;
        const latent = dsMla ? g.kv_lora_rank + Math.ceil(g.kv_lora_rank / 128) * 4 + g.qk_rope_head_dim * 2 : (g.kv_lora_rank + g.qk_rope_head_dim) * bytes;
        return {
          kind: g.kind,
          layers,
          kv_heads_per_rank: null,
          bytes_per_token_per_layer: latent + (g.indexer_head_dim ? indexerBytesPerToken(g.indexer_head_dim) : 0),
          window_tokens: null,
          state_bytes_per_layer: 0,
        };
      }
      case 'linear_attention':
      case 'mamba':
        return { kind: g.kind, layers, kv_heads_per_rank: null, bytes_per_token_per_layer: 0, window_tokens: null, state_bytes_per_layer: (g.state_bytes ?? 0) / tp };
      case 'none':
        return { kind: g.kind, layers, kv_heads_per_rank: null, bytes_per_token_per_layer: 0, window_tokens: null, state_bytes_per_layer: 0 };
    }
  });
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

/** What each memory model computes; `engineCapacity` adds what they share. */
type EngineParts = Pick<EngineCapacity, 'per_gpu' | 'calibrated' | 'block_size' | 'num_blocks' | 'kv_tokens' | 'max_concurrency' | 'bytes_per_session_per_rank'>;

export interface EngineCapacity {
  readonly memory_model: MemoryModel;
  readonly layout: Layout;
  readonly per_gpu: GpuMemoryBreakdown;
  readonly per_node: NodeMemoryBreakdown;
  /** True when the KV memory came from --kv-cache-memory-gib (an engine's own report). */
  readonly calibrated: boolean;
  readonly block_size: number;
  /** Blocks in the pool of one rank (null for SGLang's token pool). */
  readonly num_blocks: number | null;
  /** Token capacity of one replica, as the engine logs it ("GPU KV cache size: N tokens", "#tokens: N"). */
  readonly kv_tokens: number;
  /** Requests of `context` tokens one replica holds at once ("Maximum concurrency … X×"). */
  readonly max_concurrency: number;
  readonly context_tokens: number;
  readonly sessions_per_replica: number;
  readonly sessions_per_node: number;
  /** Bytes one session takes on one rank, by the engine's rules. */
  readonly bytes_per_session_per_rank: number;
}

const cdiv = (a: number, b: number) => Math.ceil(a / b);

/** Constant state (linear attention, Mamba) one session keeps on one rank. */
function stateBytesPerSession(ranks: readonly RankLayerGroup[]): number {
  return ranks.reduce((s, g) => s + g.state_bytes_per_layer * g.layers, 0);
}

export interface EngineInputs {
  readonly model: ModelEntry;
  readonly server: ServerEntry;
  readonly layout: Layout;
  readonly precision: KvPrecision;
  readonly context: number;
  /** Weights of one replica, GiB (null when unknown: counted as 0 with an alert). */
  readonly weights_replica_gib: number | null;
  readonly request: DeploymentRequest;
}

/** GPU memory as an engine sees it, per GPU. */
export function visibleGpuMemoryGib(server: ServerEntry, request: DeploymentRequest): number {
  return request.gpu_memory_gib ?? server.hbm_per_gpu_gb * ENGINE_DEFAULTS.visible_memory_fraction;
}

function hiddenSize(model: ModelEntry): number | null {
  if (model.hidden_size !== undefined) return model.hidden_size;
  const attention = layerGroupsOf(model).find((g) => g.kind === 'full' || g.kind === 'sliding' || g.kind === 'chunked');
  return model.num_attention_heads !== undefined && attention && 'head_dim' in attention ? model.num_attention_heads * attention.head_dim : null;
}

function activationGib(inputs: EngineInputs, tokens: number): number {
  if (inputs.request.activation_gib !== undefined) return inputs.request.activation_gib;
  const hidden = hiddenSize(inputs.model);
  return hidden === null ? ENGINE_DEFAULTS.activation_gib_fallback : (tokens * hidden * ENGINE_DEFAULTS.activation_bytes_per_token_per_hidden) / BYTES_PER_GIB;
}

function nonTorchGib(inputs: EngineInputs): number {
  return inputs.request.non_torch_gib ?? (inputs.layout.tensor_parallel > 1 ? ENGINE_DEFAULTS.non_torch_gib_tensor_parallel : ENGINE_DEFAULTS.non_torch_gib_single);
}

/** vLLM's hybrid grouping: every group has `group_size` layers, the minimum per type (or the maximum when max < 1.5 × min). */
export function vllmGroupSize(layersPerType: readonly number[]): number {
  const min = Math.min(...layersPerType);
  const max = Math.max(...layersPerType);
  return max < 1.5 * min ? max : min;
}

function vllmCapacity(inputs: EngineInputs, ranks: RankLayerGroup[], perGpuWeights: number): EngineParts {
  const { request, context } = inputs;
  const total = visibleGpuMemoryGib(inputs.server, request);
  const util = request.gpu_memory_utilization ?? ENGINE_DEFAULTS.gpu_memory_utilization;
  const block = request.block_size ?? ENGINE_DEFAULTS.block_size;
  const a100 = /A100/i.test(inputs.server.gpu_model ?? inputs.server.name);
  const mbt = request.max_num_batched_tokens ?? (total >= 70 && !a100 ? ENGINE_DEFAULTS.max_num_batched_tokens_large_gpu : ENGINE_DEFAULTS.max_num_batched_tokens_small_gpu);
  const activation = activationGib(inputs, mbt);
  const nonTorch = nonTorchGib(inputs);
  const calibrated = request.kv_cache_memory_gib !== undefined;
  const kvGib = request.kv_cache_memory_gib ?? Math.max(0, total * util - perGpuWeights - activation - nonTorch);
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

/** SGLang's default mem_fraction_static (server_args): reserve for activations, CUDA graphs and TP buffers. */
export function sglangMemFractionStatic(gpuMemoryGib: number, layout: Layout): number {
  const gpuMb = gpuMemoryGib * 1024;
  let reservedMb = 512 + Math.max(8192, 2048) * 1.5 + 256 * 2 + ((layout.tensor_parallel * layout.pipeline_parallel) / 8) * 1024;
  if (gpuMemoryGib > 60) reservedMb = Math.max(reservedMb, 10 * 1024);
  return (gpuMb - reservedMb) / gpuMb;
}

function sglangCapacity(inputs: EngineInputs, ranks: RankLayerGroup[], perGpuWeights: number): EngineParts {
  const { request, layout, context, model } = inputs;
  const total = visibleGpuMemoryGib(inputs.server, request);
  const fraction = request.mem_fraction_static ?? sglangMemFractionStatic(total, layout);
  const calibrated = request.kv_cache_memory_gib !== undefined;
  const kvGib = request.kv_cache_memory_gib ?? Math.max(0, total * fraction - perGpuWeights);
  // gpt-oss is sized as full attention on every layer (disable_hybrid_swa_memory); other hybrids keep
  // swa_full_tokens_ratio sliding tokens per full token.
  const swaAsFull = model.hf_model_type === 'gpt_oss' || model.name.includes('gpt-oss') || model.name.includes('opt-oss');
  let fullBytes = 0;
  let swaBytes = 0;
  for (const g of ranks) {
    if (g.kind === 'sliding' || g.kind === 'chunked') (swaAsFull ? (fullBytes += g.bytes_per_token_per_layer * g.layers) : (swaBytes += g.bytes_per_token_per_layer * g.layers));
    else fullBytes += g.bytes_per_token_per_layer * g.layers;
  }
  const cell = fullBytes + ENGINE_DEFAULTS.swa_full_tokens_ratio * swaBytes;
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

function trtllmCapacity(inputs: EngineInputs, ranks: RankLayerGroup[], perGpuWeights: number): EngineParts {
  const { request, context } = inputs;
  const total = visibleGpuMemoryGib(inputs.server, request);
  const fraction = request.free_gpu_memory_fraction ?? ENGINE_DEFAULTS.free_gpu_memory_fraction;
  const tpb = request.tokens_per_block ?? ENGINE_DEFAULTS.tokens_per_block;
  const activation = activationGib(inputs, request.max_num_batched_tokens ?? 8192);
  const nonTorch = nonTorchGib(inputs);
  const calibrated = request.kv_cache_memory_gib !== undefined;
  const peak = perGpuWeights + activation + nonTorch;
  const kvGib = request.kv_cache_memory_gib ?? Math.max(0, (total - peak) * fraction);
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

/** Seed method over a layout: each replica gets its share of the node overhead and the budget ratio. */
export function seedLayoutCapacity(inputs: EngineInputs, ranks: RankLayerGroup[], runtimeOverheadGib: number, kvBudgetRatio: number): EngineParts {
  const { layout, context, server } = inputs;
  const perGpuHbm = gbToGib(server.hbm_per_gpu_gb);
  const overheadPerGpu = inputs.request.weights_gib !== undefined ? inputs.request.weights_gib / layout.gpus_per_replica : runtimeOverheadGib / server.gpus;
  const calibrated = inputs.request.kv_cache_memory_gib !== undefined;
  const kvGib = inputs.request.kv_cache_memory_gib ?? Math.max(0, (perGpuHbm - overheadPerGpu) * kvBudgetRatio);
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

/** The engine's KV capacity for one replica and node. */
export function engineCapacity(inputs: EngineInputs, memoryModel: MemoryModel, seed: { runtimeOverheadGib: number; kvBudgetRatio: number }): EngineCapacity {
  const ranks = rankGeometry(inputs.model, inputs.layout, inputs.precision, memoryModel);
  const perGpuWeights = (inputs.request.weights_gib ?? inputs.weights_replica_gib ?? 0) / inputs.layout.gpus_per_replica;
  const cap = (() => {
    switch (memoryModel) {
      case 'vllm':
        return vllmCapacity(inputs, ranks, perGpuWeights);
      case 'sglang':
        return sglangCapacity(inputs, ranks, perGpuWeights);
      case 'trtllm':
        return trtllmCapacity(inputs, ranks, perGpuWeights);
      case 'seed':
        return seedLayoutCapacity(inputs, ranks, seed.runtimeOverheadGib, seed.kvBudgetRatio);
    }
  })();
  const sessions = Math.floor(cap.max_concurrency);
  return {
    memory_model: memoryModel,
    layout: inputs.layout,
    ...cap,
    per_node: nodeBreakdown(cap.per_gpu, inputs.layout.gpus_used, inputs.server.gpus),
    context_tokens: inputs.context,
    sessions_per_replica: sessions,
    sessions_per_node: sessions * inputs.layout.replicas_per_node,
  };
}
