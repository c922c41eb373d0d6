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
 * What a decode step of `batch` sessions at a mean context of `context` tokens does on one replica,
 * whatever the fitted constants: bytes read, FLOPs, all-reduce activations. `decodeStepOf` turns it into
 * seconds; the calibration's fit computes it once per measured row and reuses it for every set of
 * constants it tries.
 */
export interface StepWork {
  readonly batch: number;
  readonly context_tokens: number;
  /** Sessions per pipeline stage's micro-batch (batch / PP). */
  readonly micro_batch: number;
  /** Layers of one pipeline stage. */
  readonly stage_layers: number;
  readonly weights_bytes_per_gpu: number;
  readonly kv_bytes_per_gpu: number;
  readonly gemm_flops_per_gpu: number;
  readonly attention_flops_per_gpu: number;
}

/** A `StepWork` that `decodeWorkInto` writes (the load model's search for a batch reuses one). */
export type StepWorkScratch = { -readonly [K in keyof StepWork]: StepWork[K] };

/** A `StepWorkScratch` to write. */
export function newStepWork(): StepWorkScratch {
  return { batch: NaN, context_tokens: NaN, micro_batch: NaN, stage_layers: NaN, weights_bytes_per_gpu: NaN, kv_bytes_per_gpu: NaN, gemm_flops_per_gpu: NaN, attention_flops_per_gpu: NaN };
}

/**
 * What a decode step at a mean context of `context_tokens` reads and computes per session, whatever the
 * batch: `decodeWorkInto` scales it by the batch. The load model's search for a batch at a request rate
 * works it out once.
 */
export interface DecodeContextWork {
  readonly context_tokens: number;
  /** KV (and constant state) one session reads on one rank, bytes (`kvReadPerSession`). */
  readonly kv_bytes_per_session: number;
  /** Attention FLOPs of one session's token over all layers (4 × width × attended tokens, summed over the attention groups). */
  readonly attention_flops_per_session: number;
}

/** `DecodeContextWork` of a deployment at `context` tokens. */
export function decodeContextWork(d: PerfDeployment, context: number): DecodeContextWork {
  let attnFlops = 0;
  for (const g of d.attention_groups) attnFlops += g.count * 4 * d.attention_width * (g.window === null ? context : Math.min(context, g.window));
  return { context_tokens: context, kv_bytes_per_session: kvReadPerSession(d.ranks, context), attention_flops_per_session: attnFlops };
}

/** The constant-independent part of `decodeStep` (see `StepWork`). */
export function decodeWork(d: PerfDeployment, batch: number, context: number): StepWork {
  return decodeWorkInto(d, batch, decodeContextWork(d, context), newStepWork());
}

/** `decodeWork(d, batch, context.context_tokens)` written to `out`. */
export function decodeWorkInto(d: PerfDeployment, batch: number, context: DecodeContextWork, out: StepWorkScratch): StepWork {
  const pp = d.pipeline_parallel;
  const micro = batch / pp;
  out.batch = batch;
  out.context_tokens = context.context_tokens;
  out.micro_batch = micro;
  out.stage_layers = Math.ceil(d.layers / pp);
  out.weights_bytes_per_gpu = weightsRead(d, micro);
  out.kv_bytes_per_gpu = (batch / d.data_parallel_attention) * context.kv_bytes_per_session;
  out.gemm_flops_per_gpu = (2 * d.active_params * batch) / d.gpus_per_replica;
  out.attention_flops_per_gpu = (context.attention_flops_per_session * batch) / (d.tensor_parallel * pp);
  return out;
}

/**
 * One decode step of `batch` sessions on one replica at a mean context of `context` tokens.
 *
 * @example
 * // Llama-3.1-70B fp8, TP 8 on H200, batch 4 (e_w 0.8, α 20 µs, c_layer 20 µs, c_step 0.5 ms):
 * // weights 8.8 GB / 3.84 TB/s = 2.3 ms; 160 all-reduces × (20 µs + 7/4 × 4 × 8,192 × 2 B / 450 GB/s) = 3.2 ms
 */
export function decodeStep(d: PerfDeployment, c: RooflineConstants, batch: number, context: number): StepTerms {
  return decodeStepOf(d, c, decodeWork(d, batch, context));
}

/** A decode step's terms from its work (`decodeWork(d, batch, context)`) and the constants: `decodeStep`'s formula. */
export function decodeStepOf(d: PerfDeployment, c: RooflineConstants, w: StepWork): StepTerms {
  const terms: StepTerms = {
    batch: w.batch,
    context_tokens: w.context_tokens,
    weights_bytes_per_gpu: w.weights_bytes_per_gpu,
    kv_bytes_per_gpu: w.kv_bytes_per_gpu,
    gemm_flops_per_gpu: w.gemm_flops_per_gpu,
    attention_flops_per_gpu: w.attention_flops_per_gpu,
    weights_s: 0,
    kv_s: 0,
    compute_s: 0,
    attention_s: 0,
    allreduce_s: 0,
    overhead_s: 0,
    total_s: 0,
  };
  terms.total_s = decodeStepTime(d, c, w, terms);
  return terms;
}

/**
 * A decode step's total time from its work and the constants, its terms written to `terms` when given:
 * the one formula of `decodeStep`, `decodeStepOf` and the load model (which needs only the total, and
 * the calibration's fit evaluates it millions of times: no object made).
 */
export function decodeStepTime(d: PerfDeployment, c: RooflineConstants, w: StepWork, terms?: StepTerms): number {
  const pp = d.pipeline_parallel;
  const micro = w.micro_batch;
  const layersStage = w.stage_layers;
  const bw = d.bandwidth_bps * c.bandwidth_efficiency;
  const weights_s = (pp * w.weights_bytes_per_gpu) / bw;
  const compute_s = w.gemm_flops_per_gpu / (d.flops * c.compute_efficiency);
  const kv_s = w.kv_bytes_per_gpu / (d.bandwidth_bps * c.kv_bandwidth_efficiency);
  const attention_s = w.attention_flops_per_gpu / (d.flops_bf16 * c.attention_compute_efficiency);
  const handoff = pp > 1 ? (pp - 1) * (c.allreduce_latency_us * 1e-6 + (micro * d.hidden * 2) / d.scale_out_bps) : 0;
  const allreduce_s = pp * 2 * layersStage * allreduce(d, c, micro) + handoff;
  const overhead_s = pp * layersStage * c.layer_overhead_us * 1e-6 + c.step_overhead_ms * 1e-3;
  if (terms !== undefined) {
    terms.weights_s = weights_s;
    terms.kv_s = kv_s;
    terms.compute_s = compute_s;
    terms.attention_s = attention_s;
    terms.allreduce_s = allreduce_s;
    terms.overhead_s = overhead_s;
  }
  return Math.max(weights_s, compute_s) + Math.max(kv_s, attention_s) + allreduce_s + overhead_s;
}

/**
 * What the prefill of `prompts` prompts of `tokens` tokens each does on one replica, whatever the fitted
 * constants: its chunks, the bytes and FLOPs per GPU, the activations all-reduced. `prefillTime` turns it
 * into seconds; a burst of prompts (load.ts `burstTtft`) needs one per prompt count, and the calibration's
 * fit computes them once per measured row and reuses them for every set of constants it tries.
 */
export interface PrefillWork {
  /** Tokens of all the prompts. */
  readonly tokens: number;
  readonly chunks: number;
  /** Weights read per GPU, all chunks and pipeline stages (chunks × PP × the weights one chunk touches), bytes. */
  readonly weights_bytes_per_gpu: number;
  /** Linear-layer FLOPs per GPU (2 × active parameters × tokens / TP). */
  readonly gemm_flops_per_gpu: number;
  /** Attention's n² FLOPs per GPU (4 × width × causal pairs × prompts / TP). */
  readonly attention_flops_per_gpu: number;
  /** Activation bytes of one layer's all-reduce over all the tokens (tokens × hidden × 2 B). */
  readonly allreduce_bytes: number;
}

/** The constant-independent part of `prefill` (see `PrefillWork`). */
export function prefillWork(d: PerfDeployment, tokens: number, prompts = 1): PrefillWork {
  const n = Math.max(0, tokens);
  const m = Math.max(1, prompts);
  const all = n * m;
  const chunks = Math.max(1, Math.ceil(all / d.batched_tokens));
  const perChunk = all / chunks;
  let pairs = 0;
  for (const g of d.attention_groups) pairs += g.count * causalPairs(n, g.window);
  return {
    tokens: all,
    chunks,
    weights_bytes_per_gpu: chunks * d.pipeline_parallel * weightsRead(d, perChunk),
    gemm_flops_per_gpu: (2 * d.active_params * all) / d.tensor_parallel,
    attention_flops_per_gpu: (4 * d.attention_width * pairs * m) / d.tensor_parallel,
    allreduce_bytes: all * d.hidden * 2,
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
  return prefillTerms(d, c, prefillWork(d, tokens, prompts));
}

/** A prefill's terms from its work (`prefillWork(d, tokens, prompts)`) and the constants. */
export function prefillTerms(d: PerfDeployment, c: RooflineConstants, w: PrefillWork): PrefillTerms {
  const terms = { tokens: w.tokens, chunks: w.chunks, weights_s: 0, compute_s: 0, attention_s: 0, allreduce_s: 0, overhead_s: 0, total_s: 0 };
  terms.total_s = prefillTime(prefillRates(d, c), w, terms);
  return terms;
}

/**
 * `prefill(d, c, tokens, prompts).total_s` without its terms object (a burst's sum is
 * `prefillTimeSum`, on work computed once).
 */
export function prefillSeconds(d: PerfDeployment, c: RooflineConstants, tokens: number, prompts = 1): number {
  return prefillTime(prefillRates(d, c), prefillWork(d, tokens, prompts));
}

/**
 * What the constants make of a deployment for a prefill, whatever its tokens: effective rates and fixed
 * costs. A burst (load.ts `burstTtftOf`) computes them once for all its prompt counts.
 */
export interface PrefillRates {
  /** Data-sheet bandwidth × e_w, bytes/s. */
  readonly bandwidth_bps: number;
  /** Data-sheet tensor rate × e_f, FLOP/s. */
  readonly flops: number;
  /** Data-sheet dense BF16 rate × e_attn, FLOP/s. */
  readonly attention_flops: number;
  /** Ranks of the TP all-reduce (none below 2). */
  readonly allreduce_group: number;
  /** All-reduces per pass, 2 per layer. */
  readonly allreduces: number;
  readonly allreduce_latency_us: number;
  /** Share of the activations a rank sends in a ring all-reduce, 2(t − 1)/t. */
  readonly allreduce_share: number;
  /** Interconnect bandwidth × e_ic, bytes/s. */
  readonly interconnect_bps: number;
  /** Fixed cost of one chunk: L × c_layer + c_step, seconds. */
  readonly chunk_overhead_s: number;
}

/** `PrefillRates` of a deployment under the constants. */
export function prefillRates(d: PerfDeployment, c: RooflineConstants): PrefillRates {
  const t = d.allreduce_group;
  return {
    bandwidth_bps: d.bandwidth_bps * c.bandwidth_efficiency,
    flops: d.flops * c.compute_efficiency,
    attention_flops: d.flops_bf16 * c.attention_compute_efficiency,
    allreduce_group: t,
    allreduces: 2 * d.layers,
    allreduce_latency_us: c.allreduce_latency_us,
    allreduce_share: (2 * (t - 1)) / t,
    interconnect_bps: d.interconnect_bps * (c.allreduce_bandwidth_efficiency ?? 1),
    chunk_overhead_s: d.layers * c.layer_overhead_us * 1e-6 + c.step_overhead_ms * 1e-3,
  };
}

/**
 * The prefill's total time from its work (`prefillWork`) and the rates the constants give (`prefillRates`),
 * its terms written to `terms` when given: the one formula of `prefill`, `prefillSeconds` and the fit.
 */
export function prefillTime(r: PrefillRates, w: PrefillWork, terms?: { -readonly [K in keyof PrefillTerms]: PrefillTerms[K] }): number {
  const weights_s = w.weights_bytes_per_gpu / r.bandwidth_bps;
  const compute_s = w.gemm_flops_per_gpu / r.flops;
  const attention_s = w.attention_flops_per_gpu / r.attention_flops;
  const allreduce_s = r.allreduce_group <= 1 ? 0 : r.allreduces * (w.chunks * r.allreduce_latency_us * 1e-6 + r.allreduce_share * (w.allreduce_bytes / r.interconnect_bps));
  const overhead_s = w.chunks * r.chunk_overhead_s;
  if (terms !== undefined) {
    terms.weights_s = weights_s;
    terms.compute_s = compute_s;
    terms.attention_s = attention_s;
    terms.allreduce_s = allreduce_s;
    terms.overhead_s = overhead_s;
  }
  return Math.max(weights_s, compute_s) + attention_s + allreduce_s + overhead_s;
}

/**
 * The summed time of several prefills under the same rates: a burst's prompts (load.ts `burstTtftOf`),
 * the calibration's hottest loop. Summed here, next to `prefillTime`, so the loop calls no function of
 * another module: under vitest every such call goes through the module's export getter (measured: the
 * fit's test 11.5–12.6 s with the loop in load.ts, 9.1–10.2 s with it here). With `running`, the sum
 * after each prefill is written there (`running[i]`: the sum of the first i + 1, the same additions in
 * the same order as the sum of those alone): the fit reads the bursts of smaller sessions counts from it.
 */
export function prefillTimeSum(r: PrefillRates, work: readonly PrefillWork[], running?: Float64Array): number {
  let sum = 0;
  for (let i = 0; i < work.length; i++) {
    sum += prefillTime(r, work[i]!);
    if (running !== undefined) running[i] = sum;
  }
  return sum;
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
