/**
 * The roofline of one replica: a decode step of the whole batch and the prefill of one prompt, term by
 * term, from the catalog's data-sheet figures × fitted efficiencies. Pure.
 *
 * Decode step of b sessions at a mean context of ctx tokens, on a replica of g = TP × PP GPUs:
 *
 *   step(b) = max(W(b) / (BW·e_w), 2·P_active·b / g / (F·e_f))          the GEMMs: weights or tensor cores
 *           + max(KV(b, ctx) / (BW·e_kv), attention FLOPs / (F16·e_attn)) decode attention streams the KV
 *           + PP · 2·L_stage·(α + 2(t−1)/t · b/PP · hidden · 2 B / IC)    TP all-reduce (t = TP group), 2 per layer
 *           + PP · L_stage · c_layer + c_step                              launches, scheduling, sampling
 *
 * W(b): weights per GPU; for a mixture of experts the dense part plus the routed experts touched by b
 * tokens, E·(1 − (1 − k/E)^b) of E. KV(b, ctx): the per-layer geometry of src/engines/geometry.ts
 * (heads per rank, MLA latent, linear/Mamba states), each sliding or chunked layer reading at most its
 * window. With pipeline parallelism a token passes the PP stages in turn, each running a micro-batch of
 * b / PP sessions.
 *
 * Prefill of n tokens in chunks of the engine's batched-token budget B (chunks = ⌈n / B⌉):
 *
 *   prefill(n) = max(chunks·PP·W(n/chunks) / (BW·e_w), 2·P_active·n / TP / (F·e_f))
 *              + Σ layers 4·H·d·(causal pairs) / TP / (F16·e_attn)    attention's n² term
 *              + 2·L·(chunks·α + 2(t−1)/t · n · hidden · 2 B / IC) + chunks·(L·c_layer + c_step)
 *
 * @example
 * // Llama-3.1-70B fp8 on one H200 (4.8 TB/s, 1,979 fp8 TFLOPS), batch 4 at 1,536 tokens, e_w 0.8:
 * // weights 70.6 GB / (4.8 TB/s × 0.8) = 18.4 ms ≫ GEMM FLOPs 2 × 70.6e9 × 4 / (1,979e12 × 0.6) = 0.48 ms
 * // KV 4 × 1,536 × 163,840 B (80 layers × 8 heads × 256 × 1 B) = 1.0 GB / (4.8 TB/s × 0.92) = 0.23 ms
 */
import type { ModelEntry } from '../../schema/catalog.ts';
import type { RankLayerGroup } from '../geometry.ts';
import type { PerfConstants, PrefillTerms, StepTerms } from './types.ts';

/** What the roofline needs of a deployment, resolved once from a plan (src/engines/perf/deployment.ts). */
export interface PerfDeployment {
  /** Layers of the model (all stages). */
  readonly layers: number;
  readonly hidden: number;
  /** Query heads × head dim (the attention FLOPs per attended token are 4 × this). */
  readonly attention_width: number;
  readonly tensor_parallel: number;
  readonly pipeline_parallel: number;
  readonly data_parallel_attention: number;
  readonly gpus_per_replica: number;
  /** Ranks that all-reduce inside a layer. */
  readonly allreduce_group: number;
  /** Weights per GPU outside the routed experts, bytes. */
  readonly dense_weights_bytes_per_gpu: number;
  /** Routed experts per GPU (all of them), bytes; 0 for a dense model. */
  readonly expert_weights_bytes_per_gpu: number;
  readonly experts: number;
  readonly experts_per_token: number;
  /** Tokens from which every routed expert is touched in double precision (`expertsSaturation`); absent: not known. */
  readonly experts_saturated_tokens?: number;
  readonly active_params: number;
  /** KV geometry of one rank (one pipeline stage's layers). */
  readonly ranks: readonly RankLayerGroup[];
  /** Attention groups (per-kind layer counts of the whole model) for the prefill's n² term. */
  readonly attention_groups: readonly { readonly count: number; readonly window: number | null }[];
  /** Data-sheet figures per GPU, SI units. */
  readonly bandwidth_bps: number;
  readonly flops: number;
  readonly flops_bf16: number;
  readonly interconnect_bps: number;
  readonly scale_out_bps: number;
  readonly precision: 'bf16' | 'fp8' | 'fp4';
  /** Tokens one prefill chunk takes at most (the engine's batched-token budget). */
  readonly batched_tokens: number;
}

/** Efficiencies measured on kernels, not fitted on serving rows (src/catalog/data/perf-calibration.json). */
export interface KernelEfficiencies {
  /** Decode attention's KV streaming, fraction of the data-sheet bandwidth. */
  readonly kv_bandwidth_efficiency: number;
  /** Prefill (flash) attention, fraction of the data-sheet dense BF16 rate. */
  readonly attention_compute_efficiency: number;
}

export type RooflineConstants = PerfConstants & KernelEfficiencies;

/**
 * Fraction of the routed experts a batch of `tokens` tokens touches in one layer: 1 − (1 − k/E)^tokens.
 *
 * @example expertsTouched(1, 128, 8) //=> 0.0625; expertsTouched(64, 128, 8) //=> 0.984
 */
export function expertsTouched(tokens: number, experts: number, perToken: number): number {
  if (experts <= 0) return 0;
  return 1 - Math.pow(1 - Math.min(1, perToken / experts), Math.max(0, tokens));
}

/**
 * The fewest tokens for which `expertsTouched` is exactly 1 in double precision (1 − (1 − k/E)^t rounds
 * to 1 from there on, as the power only falls with t): larger batches need no power computed. A
 * prefill of thousands of tokens is past it, and the calibration's fit evaluates such prefills
 * millions of times. Infinity for a dense model.
 *
 * @example expertsSaturation(256, 8) // 1,177 or so: (31/32)^t < 2^-54
 */
export function expertsSaturation(experts: number, perToken: number): number {
  if (experts <= 0) return Number.POSITIVE_INFINITY;
  let hi = 1;
  while (expertsTouched(hi, experts, perToken) !== 1) {
    hi *= 2;
    if (hi > 2 ** 40) return Number.POSITIVE_INFINITY;
  }
  let lo = Math.floor(hi / 2);
  // Smallest integer t with expertsTouched(t) === 1 (lo is below it, or 0).
  while (hi - lo > 1) {
    const mid = Math.floor((lo + hi) / 2);
    if (expertsTouched(mid, experts, perToken) === 1) hi = mid;
    else lo = mid;
  }
  return hi;
}

/** Weights one GPU reads for `tokens` tokens in one pass, bytes. */
export function weightsRead(d: PerfDeployment, tokens: number): number {
  const touched = d.experts_saturated_tokens !== undefined && tokens >= d.experts_saturated_tokens ? 1 : expertsTouched(tokens, d.experts, d.experts_per_token);
  return d.dense_weights_bytes_per_gpu + d.expert_weights_bytes_per_gpu * touched;
}

/**
 * KV (and constant state) one session reads on one rank at `context` tokens, bytes: every layer kind as
 * the memory model counts it, sliding and chunked layers at most their window.
 *
 * @example kvReadPerSession(llama70bTp1Fp8, 1536) //=> 80 × 8 × 256 × 1 B × 1,536 = 251,658,240
 */
export function kvReadPerSession(ranks: readonly RankLayerGroup[], context: number): number {
  let bytes = 0;
  for (const g of ranks) {
    const tokens = g.window_tokens === null ? context : Math.min(context, g.window_tokens);
    bytes += g.layers * (g.bytes_per_token_per_layer * tokens + g.state_bytes_per_layer);
  }
  return bytes;
}

/** Attended (query, key) pairs of a causal prompt of n tokens in a layer keeping `window` tokens (null: all). */
export function causalPairs(n: number, window: number | null): number {
  if (window === null || window >= n) return (n * (n + 1)) / 2;
  return n * window - (window * (window - 1)) / 2;
}

/** The TP all-reduce of `tokens` activations, one call, seconds (0 without tensor parallelism). */
function allreduce(d: PerfDeployment, c: RooflineConstants, tokens: number): number {
  const t = d.allreduce_group;
  if (t <= 1) return 0;
  return c.allreduce_latency_us * 1e-6 + ((2 * (t - 1)) / t) * ((tokens * d.hidden * 2) / (d.interconnect_bps * (c.allreduce_bandwidth_efficiency ?? 1)));
}

/**
 * One decode step of `batch` sessions on one replica at a mean context of `context` tokens.
 *
 * @example
 * // Llama-3.1-70B fp8, TP 8 on H200, batch 4 (e_w 0.8, α 20 µs, c_layer 20 µs, c_step 0.5 ms):
 * // weights 8.8 GB / 3.84 TB/s = 2.3 ms; 160 all-reduces × (20 µs + 7/4 × 4 × 8,192 × 2 B / 450 GB/s) = 3.2 ms
 */
export function decodeStep(d: PerfDeployment, c: RooflineConstants, batch: number, context: number): StepTerms {
  const pp = d.pipeline_parallel;
  const micro = batch / pp;
  const layersStage = Math.ceil(d.layers / pp);
  const weightsBytes = weightsRead(d, micro);
  const kvBytes = (batch / d.data_parallel_attention) * kvReadPerSession(d.ranks, context);
  const gemmFlops = (2 * d.active_params * batch) / d.gpus_per_replica;
  let attnFlops = 0;
  for (const g of d.attention_groups) attnFlops += g.count * 4 * d.attention_width * (g.window === null ? context : Math.min(context, g.window));
  attnFlops = (attnFlops * batch) / (d.tensor_parallel * pp);
  const bw = d.bandwidth_bps * c.bandwidth_efficiency;
  const weights_s = (pp * weightsBytes) / bw;
  const compute_s = gemmFlops / (d.flops * c.compute_efficiency);
  const kv_s = kvBytes / (d.bandwidth_bps * c.kv_bandwidth_efficiency);
  const attention_s = attnFlops / (d.flops_bf16 * c.attention_compute_efficiency);
  const handoff = pp > 1 ? (pp - 1) * (c.allreduce_latency_us * 1e-6 + (micro * d.hidden * 2) / d.scale_out_bps) : 0;
  const allreduce_s = pp * 2 * layersStage * allreduce(d, c, micro) + handoff;
  const overhead_s = pp * layersStage * c.layer_overhead_us * 1e-6 + c.step_overhead_ms * 1e-3;
  return {
    batch,
    context_tokens: context,
    weights_bytes_per_gpu: weightsBytes,
    kv_bytes_per_gpu: kvBytes,
    gemm_flops_per_gpu: gemmFlops,
    attention_flops_per_gpu: attnFlops,
    weights_s,
    kv_s,
    compute_s,
    attention_s,
    allreduce_s,
    overhead_s,
    total_s: Math.max(weights_s, compute_s) + Math.max(kv_s, attention_s) + allreduce_s + overhead_s,
  };
}

/**
 * Prefill of `prompts` prompts of `tokens` tokens each (default one), scheduled together on one replica
 * and chunked by the engine's batched-token budget: the GEMMs see all their tokens, attention's n²
 * term is per prompt.
 *
 * @example
 * // Llama-3.1-70B fp8, TP 1 on H200, 1,024 tokens (e_f 0.6, attention 0.59 of 989.5 TFLOPS):
 * // GEMMs 2 × 70.6e9 × 1,024 / (1,979e12 × 0.6) = 122 ms; attention 80 × 4 × 8,192 × 524,800 / 584e12 = 2.4 ms
 */
export function prefill(d: PerfDeployment, c: RooflineConstants, tokens: number, prompts = 1): PrefillTerms {
  const terms = { tokens: 0, chunks: 0, weights_s: 0, compute_s: 0, attention_s: 0, allreduce_s: 0, overhead_s: 0, total_s: 0 };
  terms.total_s = prefillCost(d, c, tokens, prompts, terms);
  return terms;
}

/**
 * `prefill(d, c, tokens, prompts).total_s` without its terms object: a burst of prompts sums it for 1
 * to c prompts, and the calibration's fit evaluates such bursts millions of times.
 */
export function prefillSeconds(d: PerfDeployment, c: RooflineConstants, tokens: number, prompts = 1): number {
  return prefillCost(d, c, tokens, prompts, undefined);
}

/** The prefill's total time, its terms written to `terms` when given (one formula for both). */
function prefillCost(d: PerfDeployment, c: RooflineConstants, tokens: number, prompts: number, terms: { -readonly [K in keyof PrefillTerms]: PrefillTerms[K] } | undefined): number {
  const n = Math.max(0, tokens);
  const m = Math.max(1, prompts);
  const all = n * m;
  const chunks = Math.max(1, Math.ceil(all / d.batched_tokens));
  const perChunk = all / chunks;
  const weights_s = (chunks * d.pipeline_parallel * weightsRead(d, perChunk)) / (d.bandwidth_bps * c.bandwidth_efficiency);
  const compute_s = (2 * d.active_params * all) / d.tensor_parallel / (d.flops * c.compute_efficiency);
  let pairs = 0;
  for (const g of d.attention_groups) pairs += g.count * causalPairs(n, g.window);
  const attention_s = (4 * d.attention_width * pairs * m) / d.tensor_parallel / (d.flops_bf16 * c.attention_compute_efficiency);
  const t = d.allreduce_group;
  const allreduce_s =
    t <= 1 ? 0 : 2 * d.layers * (chunks * c.allreduce_latency_us * 1e-6 + ((2 * (t - 1)) / t) * ((all * d.hidden * 2) / (d.interconnect_bps * (c.allreduce_bandwidth_efficiency ?? 1))));
  const overhead_s = chunks * (d.layers * c.layer_overhead_us * 1e-6 + c.step_overhead_ms * 1e-3);
  if (terms !== undefined) {
    terms.tokens = all;
    terms.chunks = chunks;
    terms.weights_s = weights_s;
    terms.compute_s = compute_s;
    terms.attention_s = attention_s;
    terms.allreduce_s = allreduce_s;
    terms.overhead_s = overhead_s;
  }
  return Math.max(weights_s, compute_s) + attention_s + allreduce_s + overhead_s;
}

/**
 * The model's active parameters, billions: `active_params_b` when the catalog states it; for a mixture
 * of experts, the parameters outside the routed experts plus k of E routed experts; else all of them.
 *
 * @example activeParamsB(qwen3_235b, 235) //=> 235 − 227.1 + 227.1 × 8 / 128 = 22.1
 */
export function activeParamsB(model: ModelEntry, paramsB: number): number {
  if (model.active_params_b !== undefined && model.active_params_b !== null) return Math.min(paramsB, model.active_params_b);
  const routed = model.routed_expert_params_b;
  const e = model.num_routed_experts;
  const k = model.num_experts_per_tok;
  if (routed === undefined || e === undefined || k === undefined) return paramsB;
  const r = Math.min(routed, paramsB);
  return paramsB - r + (r * Math.min(k, e)) / e;
}
