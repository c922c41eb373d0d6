/**
 * The catalog schema: the single source of the shape of models, servers and storage profiles.
 * TypeScript types are inferred from it, `docs/schema/*.schema.json` is generated from it, and the
 * original tool's `models.json` / `servers.json` / `storage.json` validate against it unchanged.
 *
 * Only field shapes live here; consistency rules across fields (hybrid layer counts add up, …) are
 * the small named rules of `catalog/rules.ts`.
 */
import * as z from 'zod/mini';
import { KV_PRECISIONS } from '../core/units.ts';
import { PRICING_MODES, type PricingMode } from '../core/pricing-modes.ts';
import { DerivationSchema } from './derivation-schemas.ts';
import { COST_LIMITS as C, GEOMETRY_LIMITS as G, SERVER_LIMITS as S, STORAGE_LIMITS as P } from './limits.ts';
import { TRIMMED_NAME } from './problems.ts';

// Every figure has a finite maximum (src/schema/limits.ts): 1e308 GB per GPU or a billion layers are
// refused here, not multiplied into infinities or built into a billion objects later.
const positiveInt = (max: number) => z.int().check(z.positive(), z.maximum(max));
const nonNegativeInt = (max: number) => z.int().check(z.nonnegative(), z.maximum(max));
const positiveNumber = (max: number) => z.number().check(z.positive(), z.maximum(max));
const nonNegativeNumber = (max: number) => z.number().check(z.nonnegative(), z.maximum(max));
const optionalNullable = <T extends z.core.SomeType>(schema: T) => z.optional(z.nullable(schema));
const name = () => z.string().check(z.minLength(1), z.regex(TRIMMED_NAME));

export const ATTENTION_PATTERNS = ['full', 'sliding', 'hybrid'] as const;
export type AttentionPattern = (typeof ATTENTION_PATTERNS)[number];

const kvHeads = () => positiveInt(G.heads).check(z.describe('KV heads of this kind of layer (GQA/MQA: fewer than query heads).'));
const headDim = () => positiveInt(G.head_dim).check(z.describe('Elements per head in K (and in V unless v_head_dim says otherwise).'));
const count = () => positiveInt(G.layers).check(z.describe('How many layers of this kind.'));

/**
 * One kind of layer and its KV geometry (issue #3). A model's `kv_layers` lists every kind with its
 * count; when present it is the source of the KV arithmetic, and the original fields are a summary.
 */
export const LayerGroupSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('full'), count: count(), kv_heads: kvHeads(), head_dim: headDim(), v_head_dim: z.optional(positiveInt(G.head_dim)) }),
  z.strictObject({
    kind: z.literal('sliding'),
    count: count(),
    window: positiveInt(G.positions).check(z.describe('Tokens a sliding-window layer keeps.')),
    kv_heads: kvHeads(),
    head_dim: headDim(),
    v_head_dim: z.optional(positiveInt(G.head_dim)),
  }),
  z.strictObject({
    kind: z.literal('chunked'),
    count: count(),
    chunk: positiveInt(G.positions).check(z.describe('Chunk of chunked local attention, tokens.')),
    kv_heads: kvHeads(),
    head_dim: headDim(),
    v_head_dim: z.optional(positiveInt(G.head_dim)),
  }),
  z.strictObject({
    kind: z.literal('mla'),
    count: count(),
    kv_lora_rank: positiveInt(G.head_dim).check(z.describe('MLA latent size: cached per token instead of K and V.')),
    qk_rope_head_dim: nonNegativeInt(G.head_dim).check(z.describe('Decoupled RoPE key dims cached beside the latent.')),
    indexer_head_dim: z.optional(positiveInt(G.head_dim)).check(z.describe('Sparse-attention indexer key dims cached per token (DeepSeek-V3.2, GLM-5).')),
  }),
  z.strictObject({
    kind: z.enum(['linear_attention', 'mamba']),
    count: count(),
    state_bytes: z.nullable(nonNegativeInt(G.state_bytes)).check(z.describe('Constant recurrent + convolution state per layer and session, bytes; null when the config does not say.')),
  }),
  z.strictObject({ kind: z.literal('none'), count: count() }),
]);
export type LayerGroupSpec = z.infer<typeof LayerGroupSchema>;
export const LAYER_KINDS = ['full', 'sliding', 'chunked', 'mla', 'linear_attention', 'mamba', 'none'] as const;
export type LayerKind = (typeof LAYER_KINDS)[number];

/** A model as the original `models.json` describes it. Unknown extra fields are kept and ignored. */
export const ModelEntrySchema = z.looseObject({
  name: name().check(z.describe('Unique model name, used with --model.')),
  num_layers: positiveInt(G.layers).check(z.describe('Transformer layers that hold a KV cache.')),
  num_key_value_heads: positiveInt(G.heads).check(z.describe('KV heads per layer (GQA/MQA: fewer than query heads).')),
  head_dim: positiveInt(G.head_dim).check(z.describe('Elements per head in K and in V.')),
  max_position_embeddings: positiveInt(G.positions).check(z.describe('Longest context the model supports, in tokens.')),
  attention_pattern: z.enum(ATTENTION_PATTERNS).check(
    z.describe('full: every layer holds the whole context; sliding: every layer holds sliding_window tokens; hybrid: hybrid_full_layers full + hybrid_sliding_layers sliding.'),
  ),
  hybrid_full_layers: optionalNullable(nonNegativeInt(G.layers)).check(z.describe('hybrid only: layers with full attention.')),
  hybrid_sliding_layers: optionalNullable(nonNegativeInt(G.layers)).check(z.describe('hybrid only: layers with sliding-window attention.')),
  sliding_window: optionalNullable(positiveInt(G.positions)).check(z.describe('sliding/hybrid: tokens a sliding layer keeps.')),
  default_kv_precision: z.enum(KV_PRECISIONS).check(z.describe('KV precision used when --kv-precision is not given.')),
  notes: z.optional(z.string()),
  // Additions (issue #3), all optional.
  kv_layers: z.optional(z.array(LayerGroupSchema).check(z.minLength(1), z.maxLength(G.layers))).check(z.describe('Per-layer-kind KV geometry; authoritative when present.')),
  num_attention_heads: z.optional(positiveInt(G.heads)).check(z.describe('Query heads (for the consistency check heads % KV heads).')),
  hidden_size: z.optional(positiveInt(G.hidden_size)).check(z.describe('Model width (for the engines’ activation estimate).')),
  total_params_b: optionalNullable(positiveNumber(G.params_b)).check(z.describe('Parameters, billions (for the weights memory).')),
  active_params_b: optionalNullable(positiveNumber(G.params_b)).check(
    z.describe('Parameters one token uses, billions (the performance model\'s FLOPs): a dense model uses all of them; a mixture of experts its shared part plus num_experts_per_tok routed experts. When absent: derived from routed_expert_params_b, else total_params_b.'),
  ),
  weights_bytes_per_param: optionalNullable(positiveNumber(G.bytes_per_param)).check(z.describe('Bytes per parameter of the stored weights: 2 bf16, 1 fp8, ~0.53 mxfp4.')),
  weights_dtype: z.optional(z.string()).check(z.describe('What the weights are stored as (bfloat16, fp8, mxfp4, …).')),
  hf_repo: z.optional(z.string()).check(z.describe('Hugging Face repository the geometry comes from.')),
  hf_model_type: z.optional(z.string()),
  derivations: z.optional(z.array(DerivationSchema)).check(
    z.describe('How an imported entry was read from its config.json, value by value.'),
  ),
  max_position_embeddings_assumed: z.optional(z.boolean()).check(z.describe("True when the config had no max_position_embeddings and the model type's default was used.")),
  // Mixture of experts (issue #9): what expert parallelism and data-parallel attention split, read from config.json.
  num_routed_experts: z.optional(positiveInt(G.experts)).check(z.describe('Routed experts of each MoE layer (n_routed_experts, num_experts, num_local_experts); shared experts not included.')),
  num_experts_per_tok: z.optional(positiveInt(G.experts)).check(z.describe('Routed experts each token uses.')),
  moe_layers: z.optional(positiveInt(G.layers)).check(z.describe('Layers whose MLP is a mixture of experts (the others are dense).')),
  moe_intermediate_size: z.optional(positiveInt(G.hidden_size)).check(z.describe('Intermediate size of one routed expert.')),
  routed_expert_params_b: z.optional(positiveNumber(G.params_b)).check(
    z.describe(
      'Parameters of the routed experts, billions: moe_layers × num_routed_experts × 3 × hidden_size × moe_intermediate_size (gate, up and down projections). Expert parallelism splits these; the rest of the weights (attention, dense and shared-expert MLPs, embeddings) is split by tensor parallelism.',
    ),
  ),
  // Engine behaviour that depends on the model (issue #8), read by src/engines/, never guessed from the name.
  sglang_sliding_as_full: z.optional(z.boolean()).check(
    z.describe(
      "True when SGLang pools this model's sliding-window layers as full attention: its server_args set disable_hybrid_swa_memory for GptOssForCausalLM (gpt-oss). Default false: SGLang keeps swa_full_tokens_ratio (0.8) sliding tokens per full token. The config.json importer sets it from the config's architectures.",
    ),
  ),
});

/** GPU architectures (families) the engine rules know of. */
export const GPU_ARCHITECTURES = ['volta', 'turing', 'ampere', 'ada', 'hopper', 'blackwell', 'cdna2', 'cdna3', 'cdna4'] as const;
export type GpuArchitecture = (typeof GPU_ARCHITECTURES)[number];

/** A GPU server (one node). */
export const ServerEntrySchema = z.looseObject({
  name: name().check(z.describe('Unique server name, used with --server.')),
  gpus: positiveInt(S.gpus).check(z.describe('GPUs in one node.')),
  hbm_per_gpu_gb: positiveNumber(S.hbm_per_gpu_gb).check(z.describe('GPU memory per GPU, decimal GB (data-sheet figure).')),
  total_hbm_gb: z.optional(positiveNumber(S.total_hbm_gb)).check(z.describe('GPU memory of the node, decimal GB; gpus × hbm_per_gpu_gb when absent.')),
  nvlink_bandwidth_tbps: optionalNullable(positiveNumber(S.rate)),
  system_memory_tb: optionalNullable(positiveNumber(S.rate)),
  notes: z.optional(z.string()),
  // Additions (issue #3): what a data sheet states, per GPU unless said otherwise. All optional.
  vendor: z.optional(z.string()),
  gpu_model: z.optional(z.string()).check(z.describe('GPU product, e.g. "H200 SXM 141GB".')),
  gpu_architecture: z.optional(z.enum(GPU_ARCHITECTURES)).check(
    z.describe(
      "The GPU's architecture (family). Engine defaults that depend on the GPU read it: vLLM keeps its small max_num_batched_tokens default (2048) on Ampere (A100) GPUs even with 70 GiB or more (vllm/engine/arg_utils.py, PR #17885). When absent, no such exception applies.",
    ),
  ),
  form_factor: z.optional(z.enum(['node', 'tray', 'rack'])).check(z.describe('What one "node" of this entry is: a server, a compute tray, or a whole rack.')),
  memory_type: z.optional(z.string()).check(z.describe('e.g. HBM3e, GDDR6.')),
  memory_bandwidth_tbps_per_gpu: optionalNullable(positiveNumber(S.rate)).check(z.describe('GPU memory bandwidth, TB/s per GPU.')),
  bf16_dense_tflops_per_gpu: optionalNullable(positiveNumber(S.tflops)).check(z.describe('Dense (not sparse) BF16 tensor TFLOPS per GPU.')),
  fp8_dense_tflops_per_gpu: optionalNullable(positiveNumber(S.tflops)).check(z.describe('Dense FP8 tensor TFLOPS per GPU; null where the GPU has no FP8.')),
  fp4_dense_tflops_per_gpu: optionalNullable(positiveNumber(S.tflops)).check(z.describe('Dense FP4 tensor TFLOPS per GPU; null where the GPU has no FP4 tensor cores.')),
  interconnect: z.optional(z.enum(['nvlink', 'infinity_fabric', 'pcie'])),
  nvlink_domain_gpus: z.optional(positiveInt(S.gpus)).check(
    z.describe(
      "GPUs in one scale-up (NVLink/NVSwitch) domain that entries of this kind form together: tensor parallelism may span entries up to this many GPUs (GB200 NVL72: 72 GPUs over 18 trays). When absent, the entry's own GPUs: tensor parallelism stays inside one node, and only pipeline stages (or data-parallel attention with expert parallelism) span nodes.",
    ),
  ),
  interconnect_bandwidth_gbps_per_gpu: optionalNullable(positiveNumber(S.rate)).check(z.describe('GPU-to-GPU bandwidth per GPU, GB/s (bidirectional, as vendors state it).')),
  scale_out_bandwidth_gbps_per_gpu: optionalNullable(positiveNumber(S.rate)).check(
    z.describe('Bandwidth between nodes per GPU, GB/s, one direction (a 400 Gb/s NIC per GPU is 50 GB/s): pipeline hand-offs across nodes.'),
  ),
  power_kw: optionalNullable(positiveNumber(S.rate)).check(z.describe('Maximum power of the whole entry (node, tray or rack), kW.')),
  sources: z.optional(z.array(z.string().check(z.minLength(1)))).check(z.describe('Where the figures come from (vendor data sheets).')),
});

/** A storage profile; used for alerts (prefill and cold-start I/O), never for the KV arithmetic. */
export const StorageEntrySchema = z.looseObject({
  name: name().check(z.describe('Unique profile name, used with --storage.')),
  type: z.string().check(z.minLength(1), z.describe('nvme_local, network_ssd, cloud_block_storage, or another kind.')),
  iops_read: nonNegativeNumber(P.iops),
  iops_write: nonNegativeNumber(P.iops),
  throughput_read_gbps: nonNegativeNumber(P.throughput_gbps).check(z.describe('Read throughput, GB/s.')),
  throughput_write_gbps: nonNegativeNumber(P.throughput_gbps),
  latency_read_ms_p50: nonNegativeNumber(P.latency_ms),
  latency_read_ms_p99: nonNegativeNumber(P.latency_ms).check(z.describe('Read latency p99, ms.')),
  latency_write_ms_p50: nonNegativeNumber(P.latency_ms),
  latency_write_ms_p99: nonNegativeNumber(P.latency_ms),
  notes: z.optional(z.string()),
});

export { PRICING_MODES, type PricingMode };

/** A date as price lists are read: YYYY-MM-DD. */
const isoDate = () => z.string().check(z.regex(/^\d{4}-\d{2}-\d{2}$/), z.describe('When the figures were read, YYYY-MM-DD.'));
const usd = () => optionalNullable(positiveNumber(C.usd));

/**
 * The prices of one server (issue 11). Every figure is optional (null: not known), and the entry says
 * where they come from and when they were read: prices change, and a user's file overrides them.
 * Unknown fields are refused, so a misspelt price is named rather than silently ignored.
 */
export const PriceEntrySchema = z.strictObject({
  server: name().check(z.describe('A servers catalog name (one node of it).')),
  capex_usd_per_node: usd().check(z.describe('Purchase price of one node, US$ (owned): the whole node as the server entry defines it.')),
  on_demand_usd_per_gpu_hour: usd().check(z.describe('Published cloud on-demand list price, US$ per GPU-hour (instance price / GPUs).')),
  reserved_usd_per_gpu_hour: usd().check(z.describe('Published commitment price, US$ per GPU-hour (reserved_term_years says which commitment).')),
  reserved_term_years: optionalNullable(positiveInt(10)).check(z.describe('Commitment of the reserved price, years (1 or 3 usually).')),
  provider: z.optional(z.string()).check(z.describe('Whose price list (cloud, instance type, region).')),
  source: z.string().check(z.minLength(1), z.describe('Where the figures come from (URL of the price list, quote, …).')),
  date: isoDate(),
  notes: z.optional(z.string()),
});

/** The facility around owned hardware: energy price, PUE and amortisation. */
export const FacilityTermsSchema = z.strictObject({
  usd_per_kwh: positiveNumber(C.usd_per_kwh).check(z.describe('Electricity price, US$ per kWh.')),
  pue: z.number().check(z.minimum(1), z.maximum(C.pue), z.describe('Power usage effectiveness: facility power / IT power, at least 1.')),
  amortisation_years: positiveNumber(C.amortisation_years).check(z.describe('Years over which owned hardware is paid off (straight line, no residual value, no interest).')),
  source: z.string().check(z.minLength(1)),
  date: isoDate(),
  notes: z.optional(z.string()),
});

export type PriceEntry = z.infer<typeof PriceEntrySchema>;
export type FacilityTerms = z.infer<typeof FacilityTermsSchema>;

/** The prices file: `{ "as_of": "YYYY-MM-DD", "facility": {...}, "prices": [...] }` (facility optional in a user's file). */
export const PricesFileSchema = z.looseObject({
  as_of: z.optional(isoDate()),
  facility: z.optional(FacilityTermsSchema),
  prices: z.array(PriceEntrySchema),
});

export type ModelEntry = z.infer<typeof ModelEntrySchema>;
export type ServerEntry = z.infer<typeof ServerEntrySchema>;
export type StorageEntry = z.infer<typeof StorageEntrySchema>;

/** The files, in the original tool's layout: `{ "models": [...] }`, `{ "servers": [...] }`, `{ "profiles": [...] }`. */
export const ModelsFileSchema = z.looseObject({ models: z.array(ModelEntrySchema) });
export const ServersFileSchema = z.looseObject({ servers: z.array(ServerEntrySchema) });
export const StorageFileSchema = z.looseObject({ profiles: z.array(StorageEntrySchema) });

export type CatalogKind = 'models' | 'servers' | 'storage';

export interface Catalog {
  readonly models: readonly ModelEntry[];
  readonly servers: readonly ServerEntry[];
  readonly storage: readonly StorageEntry[];
  /** Prices per server and the facility terms (issue 11); absent: the built-in prices. */
  readonly prices?: PricesCatalog | undefined;
}

/** The prices catalog: entries by server, and the facility terms. */
export interface PricesCatalog {
  readonly as_of: string;
  readonly facility: FacilityTerms;
  readonly prices: readonly PriceEntry[];
}
