/**
 * What catalog entries, config.json files and input files may hold, in one place: beyond these a
 * figure is a typo or an attack (a billion layers, 1e308 GB per GPU, a 4 GB "catalog"), not a model
 * or a server. The catalog schema (schema/catalog.ts), the config.json importer (catalog/hf-import.ts),
 * the CLI's file reads (cli/io.ts), `--help` and the docs all read them from here. Generous: the largest
 * real figures are far below (118 layers, 256 heads, 576 head dims, 10,485,760 positions, 288 GB per GPU).
 * Pure data, no imports.
 */

/** Most layers a model may have (real ones have a few hundred); a layer count beyond it is refused. */
export const MAX_LAYERS = 10_000;

/** Maxima of a model's geometry (catalog entries and config.json alike). */
export const GEOMETRY_LIMITS = {
  /** Layers, and the count of any kind of layer. */
  layers: MAX_LAYERS,
  /** Query heads and KV heads. */
  heads: 65_536,
  /** Elements per head, MLA latent ranks, RoPE and indexer dims. */
  head_dim: 65_536,
  /** Model width, feed-forward sizes and recurrent-state dimensions. */
  hidden_size: 1_048_576,
  /** Positions: max_position_embeddings, sliding windows, attention chunks (2^30). */
  positions: 1_073_741_824,
  /** Vocabulary entries. */
  vocab: 16_777_216,
  /** Experts of a mixture-of-experts layer. */
  experts: 65_536,
  /** Recurrent + convolution state of one layer and session, bytes (1 TB). */
  state_bytes: 1_000_000_000_000,
  /** Bits per weight of a quantization (1 to 32). */
  quantization_bits: 32,
  /** Parameters, billions (a quadrillion parameters). */
  params_b: 1_000_000,
  /** Bytes per stored parameter (float64 is 8). */
  bytes_per_param: 8,
} as const;

/** Maxima of a server's data-sheet figures: finite, so that no product of them overflows. */
export const SERVER_LIMITS = {
  /** GPUs in one entry (a node, a tray or a whole rack). */
  gpus: 100_000,
  /** GPU memory per GPU, decimal GB. */
  hbm_per_gpu_gb: 100_000,
  /** GPU memory of the whole entry, decimal GB (gpus × hbm_per_gpu_gb at most). */
  total_hbm_gb: 10_000_000_000,
  /** Bandwidths (TB/s, GB/s), memory in TB, power in kW. */
  rate: 1_000_000_000,
  /** Dense tensor TFLOPS per GPU. */
  tflops: 1_000_000_000,
} as const;

/** Maxima of a storage profile's figures (IOPS, GB/s, ms). */
/** Prices and facility terms (issue 11): finite, and a PUE of at least 1 (schema). */
export const COST_LIMITS = {
  usd: 1e12,
  usd_per_kwh: 100,
  pue: 10,
  amortisation_years: 100,
} as const;

export const STORAGE_LIMITS = {
  iops: 1_000_000_000_000,
  throughput_gbps: 1_000_000_000,
  latency_ms: 1_000_000_000,
} as const;

/** Bytes in a MiB. */
const MiB = 1024 * 1024;

/**
 * What the CLI reads: only regular files (not folders, devices or named pipes), each at most this
 * big, read whole; a batch file is streamed, so only its lines are bounded. `--help` states them.
 */
export const FILE_LIMITS = {
  /** --models-file, --servers-file, --storage-file, and the models file `catalog import` adds to. */
  catalog: 16 * MiB,
  /** --hf-config and `catalog import`'s config.json. */
  config: 16 * MiB,
  /** `calibrate LOGFILE`: engine logs can be long. */
  log: 256 * MiB,
  /** One line of a batch input, bytes (an API body's limit). */
  batch_line: 1 * MiB,
} as const;

export type FileKind = Exclude<keyof typeof FILE_LIMITS, 'batch_line'>;

/**
 * `calibrate` on a benchmark result (src/engines/bench-results.ts): a file read whole under
 * FILE_LIMITS.log, JSON nested up to MAX_JSON_DEPTH, and at most this many results (JSON lines or
 * printed summaries) in it; a sweep appends one per load, tens at most.
 */
export const BENCHMARK_LIMITS = {
  records: 1_000,
} as const;
