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

const positiveInt = () => z.int().check(z.positive());
const nonNegativeInt = () => z.int().check(z.nonnegative());
const positiveNumber = () => z.number().check(z.positive());
const nonNegativeNumber = () => z.number().check(z.nonnegative());
const optionalNullable = <T extends z.core.SomeType>(schema: T) => z.optional(z.nullable(schema));
const name = () => z.string().check(z.minLength(1), z.regex(/^\S(.*\S)?$/));

export const ATTENTION_PATTERNS = ['full', 'sliding', 'hybrid'] as const;
export type AttentionPattern = (typeof ATTENTION_PATTERNS)[number];

/** A model as the original `models.json` describes it. Unknown extra fields are kept and ignored. */
export const ModelEntrySchema = z.looseObject({
  name: name().check(z.describe('Unique model name, used with --model.')),
  num_layers: positiveInt().check(z.describe('Transformer layers that hold a KV cache.')),
  num_key_value_heads: positiveInt().check(z.describe('KV heads per layer (GQA/MQA: fewer than query heads).')),
  head_dim: positiveInt().check(z.describe('Elements per head in K and in V.')),
  max_position_embeddings: positiveInt().check(z.describe('Longest context the model supports, in tokens.')),
  attention_pattern: z.enum(ATTENTION_PATTERNS).check(
    z.describe('full: every layer holds the whole context; sliding: every layer holds sliding_window tokens; hybrid: hybrid_full_layers full + hybrid_sliding_layers sliding.'),
  ),
  hybrid_full_layers: optionalNullable(nonNegativeInt()).check(z.describe('hybrid only: layers with full attention.')),
  hybrid_sliding_layers: optionalNullable(nonNegativeInt()).check(z.describe('hybrid only: layers with sliding-window attention.')),
  sliding_window: optionalNullable(positiveInt()).check(z.describe('sliding/hybrid: tokens a sliding layer keeps.')),
  default_kv_precision: z.enum(KV_PRECISIONS).check(z.describe('KV precision used when --kv-precision is not given.')),
  notes: z.optional(z.string()),
});

/** A GPU server (one node). */
export const ServerEntrySchema = z.looseObject({
  name: name().check(z.describe('Unique server name, used with --server.')),
  gpus: positiveInt().check(z.describe('GPUs in one node.')),
  hbm_per_gpu_gb: positiveNumber().check(z.describe('GPU memory per GPU, decimal GB (data-sheet figure).')),
  total_hbm_gb: z.optional(positiveNumber()).check(z.describe('GPU memory of the node, decimal GB; gpus × hbm_per_gpu_gb when absent.')),
  nvlink_bandwidth_tbps: optionalNullable(positiveNumber()),
  system_memory_tb: optionalNullable(positiveNumber()),
  notes: z.optional(z.string()),
  // Additions (issue #3): what a data sheet states, per GPU unless said otherwise. All optional.
  vendor: z.optional(z.string()),
  gpu_model: z.optional(z.string()).check(z.describe('GPU product, e.g. "H200 SXM 141GB".')),
  form_factor: z.optional(z.enum(['node', 'tray', 'rack'])).check(z.describe('What one "node" of this entry is: a server, a compute tray, or a whole rack.')),
  memory_type: z.optional(z.string()).check(z.describe('e.g. HBM3e, GDDR6.')),
  memory_bandwidth_tbps_per_gpu: optionalNullable(positiveNumber()).check(z.describe('GPU memory bandwidth, TB/s per GPU.')),
  bf16_dense_tflops_per_gpu: optionalNullable(positiveNumber()).check(z.describe('Dense (not sparse) BF16 tensor TFLOPS per GPU.')),
  fp8_dense_tflops_per_gpu: optionalNullable(positiveNumber()).check(z.describe('Dense FP8 tensor TFLOPS per GPU; null where the GPU has no FP8.')),
  interconnect: z.optional(z.enum(['nvlink', 'infinity_fabric', 'pcie'])),
  interconnect_bandwidth_gbps_per_gpu: optionalNullable(positiveNumber()).check(z.describe('GPU-to-GPU bandwidth per GPU, GB/s (bidirectional, as vendors state it).')),
  power_kw: optionalNullable(positiveNumber()).check(z.describe('Maximum power of the whole entry (node, tray or rack), kW.')),
  sources: z.optional(z.array(z.string().check(z.minLength(1)))).check(z.describe('Where the figures come from (vendor data sheets).')),
});

/** A storage profile; used for alerts (prefill and cold-start I/O), never for the KV arithmetic. */
export const StorageEntrySchema = z.looseObject({
  name: name().check(z.describe('Unique profile name, used with --storage.')),
  type: z.string().check(z.minLength(1), z.describe('nvme_local, network_ssd, cloud_block_storage, or another kind.')),
  iops_read: nonNegativeNumber(),
  iops_write: nonNegativeNumber(),
  throughput_read_gbps: nonNegativeNumber().check(z.describe('Read throughput, GB/s.')),
  throughput_write_gbps: nonNegativeNumber(),
  latency_read_ms_p50: nonNegativeNumber(),
  latency_read_ms_p99: nonNegativeNumber().check(z.describe('Read latency p99, ms.')),
  latency_write_ms_p50: nonNegativeNumber(),
  latency_write_ms_p99: nonNegativeNumber(),
  notes: z.optional(z.string()),
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
}
