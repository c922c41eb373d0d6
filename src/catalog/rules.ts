/**
 * Consistency rules across the fields of one catalog entry, each small and named, each with its own
 * test. Shapes are the schema's job (`schema/catalog.ts`); these catch entries that parse but lie.
 */
import type { ModelEntry, ServerEntry, StorageEntry } from '../schema/catalog.ts';
import type { Problem } from '../schema/problems.ts';

type Rule<T> = (entry: T, at: string) => Problem | undefined;

/** hybrid: both layer counts present, and they add up to num_layers (kv_layers, when given, decides instead). */
export const hybridLayersAddUp: Rule<ModelEntry> = (m, at) => {
  if (m.attention_pattern !== 'hybrid' || m.kv_layers) return undefined;
  const full = m.hybrid_full_layers;
  const sliding = m.hybrid_sliding_layers;
  if (full === undefined || full === null) return { field: `${at}.hybrid_full_layers`, value: full, accepted: { kind: 'rule', rule: 'hybrid_counts_required', detail: { model: m.name } } };
  if (sliding === undefined || sliding === null) return { field: `${at}.hybrid_sliding_layers`, value: sliding, accepted: { kind: 'rule', rule: 'hybrid_counts_required', detail: { model: m.name } } };
  if (full + sliding !== m.num_layers) {
    return {
      field: `${at}.hybrid_full_layers`,
      value: full,
      accepted: { kind: 'rule', rule: 'hybrid_layers_sum', detail: { model: m.name, full, sliding, sum: full + sliding, num_layers: m.num_layers } },
    };
  }
  return undefined;
};

/** sliding and hybrid models need a window. */
export const slidingNeedsWindow: Rule<ModelEntry> = (m, at) => {
  if (m.attention_pattern === 'full' || m.kv_layers) return undefined;
  if (m.sliding_window === undefined || m.sliding_window === null) {
    return { field: `${at}.sliding_window`, value: m.sliding_window, accepted: { kind: 'rule', rule: 'sliding_window_required', detail: { model: m.name, attention_pattern: m.attention_pattern } } };
  }
  return undefined;
};

/** When a server states its total, it must be gpus × per-GPU memory. */
export const serverTotalMatches: Rule<ServerEntry> = (s, at) => {
  if (s.total_hbm_gb === undefined) return undefined;
  const product = s.gpus * s.hbm_per_gpu_gb;
  if (Math.abs(product - s.total_hbm_gb) > 1e-9 * Math.max(1, product)) {
    return {
      field: `${at}.total_hbm_gb`,
      value: s.total_hbm_gb,
      accepted: { kind: 'rule', rule: 'server_total_hbm', detail: { server: s.name, gpus: s.gpus, hbm_per_gpu_gb: s.hbm_per_gpu_gb, product } },
    };
  }
  return undefined;
};

/** An NVLink domain is whole entries: at least the entry's GPUs, and a whole multiple of them. */
export const nvlinkDomainWholeNodes: Rule<ServerEntry> = (s, at) => {
  const domain = s.nvlink_domain_gpus;
  if (domain === undefined || (domain >= s.gpus && domain % s.gpus === 0)) return undefined;
  return { field: `${at}.nvlink_domain_gpus`, value: domain, accepted: { kind: 'rule', rule: 'nvlink_domain_whole_nodes', detail: { server: s.name, gpus: s.gpus, domain } } };
};

/** kv_layers: the counts of all layer kinds add up to num_layers. */
export const kvLayersAddUp: Rule<ModelEntry> = (m, at) => {
  if (!m.kv_layers) return undefined;
  const sum = m.kv_layers.reduce((s, g) => s + g.count, 0);
  if (sum === m.num_layers) return undefined;
  return { field: `${at}.kv_layers`, value: sum, accepted: { kind: 'rule', rule: 'kv_layers_sum', detail: { model: m.name, sum, num_layers: m.num_layers } } };
};

/** Query heads are a whole multiple of every attention kind's KV heads (GQA groups). */
export const headsDivisible: Rule<ModelEntry> = (m, at) => {
  const heads = m.num_attention_heads;
  if (heads === undefined) return undefined;
  const kvHeads = m.kv_layers
    ? m.kv_layers.flatMap((g) => (g.kind === 'full' || g.kind === 'sliding' || g.kind === 'chunked' ? [g.kv_heads] : []))
    : [m.num_key_value_heads];
  const bad = kvHeads.find((kv) => heads % kv !== 0);
  if (bad === undefined) return undefined;
  return { field: `${at}.num_attention_heads`, value: heads, accepted: { kind: 'rule', rule: 'heads_divisible', detail: { model: m.name, num_attention_heads: heads, kv_heads: bad } } };
};

/** A model must keep something per session (an attention layer, or a sized state): else there is nothing to size. */
export const keepsKv: Rule<ModelEntry> = (m, at) => {
  if (!m.kv_layers) return undefined;
  const keeps = m.kv_layers.some((g) => g.kind === 'full' || g.kind === 'sliding' || g.kind === 'chunked' || g.kind === 'mla' || ((g.kind === 'linear_attention' || g.kind === 'mamba') && (g.state_bytes ?? 0) > 0));
  return keeps ? undefined : { field: `${at}.kv_layers`, value: m.kv_layers.map((g) => g.kind).join(', '), accepted: { kind: 'rule', rule: 'keeps_kv', detail: { model: m.name } } };
};

export const MODEL_RULES: readonly Rule<ModelEntry>[] = [hybridLayersAddUp, slidingNeedsWindow, kvLayersAddUp, headsDivisible, keepsKv];
export const SERVER_RULES: readonly Rule<ServerEntry>[] = [serverTotalMatches, nvlinkDomainWholeNodes];

/** Names must be unique within a kind. */
export function duplicateNames(entries: readonly { name: string }[], kind: string): Problem[] {
  const seen = new Set<string>();
  const out: Problem[] = [];
  entries.forEach((e, i) => {
    if (seen.has(e.name)) out.push({ field: `${kind}[${i}].name`, value: e.name, accepted: { kind: 'rule', rule: 'unique_name', detail: { name: e.name } } });
    seen.add(e.name);
  });
  return out;
}

/*
 * Plausibility rules (issue 12, `llm-sizing validate`): an entry that passes the schema and the
 * consistency rules above can still hold a figure no real part has — TB/s typed as GB/s, a sparse
 * TFLOPS figure beside a dense one, MB/s as GB/s. These are run by `validate` only, never when a
 * catalog file is loaded for sizing (a user's odd but deliberate figure is theirs to keep there).
 * Where the rule knows the corrected value it carries it as `suggested` in its detail (--fix-suggestions).
 */

/**
 * Memory bandwidth per GPU by memory generation, TB/s: each band holds every data-center part of that
 * generation with room either side (HBM2/2e: V100 0.9 to MI250X 3.2; HBM3: H100 3.35, MI300X 5.3;
 * HBM3e: H200 4.8 to B300 8; GDDR6: L40S 0.864; GDDR7: RTX PRO 6000 1.79). Keys in lower case.
 */
export const MEMORY_BANDWIDTH_BANDS: Readonly<Record<string, { readonly min: number; readonly max: number }>> = {
  hbm2: { min: 0.5, max: 1.5 },
  hbm2e: { min: 1, max: 4 },
  hbm3: { min: 2, max: 6.5 },
  hbm3e: { min: 3, max: 10 },
  hbm4: { min: 6, max: 25 },
  gddr6: { min: 0.3, max: 1.2 },
  gddr6x: { min: 0.5, max: 1.2 },
  gddr7: { min: 1, max: 2.5 },
};

/** A value typed in the unit 1,000 times too small (GB/s as TB/s, MB/s as GB/s): value / 1000 when that lands in [min, max]. */
function thousandfold(value: number, min: number, max: number): number | undefined {
  const v = value / 1000;
  return v >= min && v <= max ? v : undefined;
}

/**
 * Memory bandwidth within its generation's band (`MEMORY_BANDWIDTH_BANDS`, by memory_type); a figure
 * 1,000 times the band is GB/s written as TB/s, and the fix divides it.
 *
 * @example memoryBandwidthForGeneration({ …h200, memory_type: 'HBM3e', memory_bandwidth_tbps_per_gpu: 4800 }, 's') // suggested 4.8
 */
export const memoryBandwidthForGeneration: Rule<ServerEntry> = (s, at) => {
  const bw = s.memory_bandwidth_tbps_per_gpu;
  const band = s.memory_type === undefined ? undefined : MEMORY_BANDWIDTH_BANDS[s.memory_type.toLowerCase()];
  if (bw === undefined || bw === null || band === undefined || (bw >= band.min && bw <= band.max)) return undefined;
  const suggested = thousandfold(bw, band.min, band.max);
  return {
    field: `${at}.memory_bandwidth_tbps_per_gpu`,
    value: bw,
    accepted: { kind: 'rule', rule: 'memory_bandwidth_generation', detail: { server: s.name, memory_type: s.memory_type ?? '', min: band.min, max: band.max, ...(suggested !== undefined ? { suggested } : {}) } },
  };
};

/**
 * Time to read the whole GPU memory once, ms = hbm_per_gpu_gb / (memory_bandwidth_tbps_per_gpu × 1000):
 * 22 ms (B200) to 56 ms (L40S) on every real part; outside 10–100 ms the bandwidth or the memory size
 * is off (a node total written per GPU, a bandwidth for another part).
 */
export const MEMORY_SWEEP_MS = { min: 10, max: 100 } as const;

export const memorySweepTime: Rule<ServerEntry> = (s, at) => {
  const bw = s.memory_bandwidth_tbps_per_gpu;
  if (bw === undefined || bw === null) return undefined;
  const ms = s.hbm_per_gpu_gb / bw;
  if (ms >= MEMORY_SWEEP_MS.min && ms <= MEMORY_SWEEP_MS.max) return undefined;
  return {
    field: `${at}.memory_bandwidth_tbps_per_gpu`,
    value: bw,
    accepted: { kind: 'rule', rule: 'memory_sweep_time', detail: { server: s.name, hbm_per_gpu_gb: s.hbm_per_gpu_gb, ms, min: MEMORY_SWEEP_MS.min, max: MEMORY_SWEEP_MS.max } },
  };
};

/**
 * Dense BF16 FLOPs per byte of memory bandwidth (the roofline's ridge point): 153 (A100) to 419 (L40S)
 * on the parts of the catalog; outside 50–800 one of the two figures has the wrong unit or is another part's.
 */
export const FLOPS_PER_BYTE = { min: 50, max: 800 } as const;

export const computeToBandwidthRatio: Rule<ServerEntry> = (s, at) => {
  const bw = s.memory_bandwidth_tbps_per_gpu;
  const tf = s.bf16_dense_tflops_per_gpu;
  if (bw === undefined || bw === null || tf === undefined || tf === null) return undefined;
  const ratio = tf / bw;
  if (ratio >= FLOPS_PER_BYTE.min && ratio <= FLOPS_PER_BYTE.max) return undefined;
  return {
    field: `${at}.bf16_dense_tflops_per_gpu`,
    value: tf,
    accepted: { kind: 'rule', rule: 'flops_per_byte', detail: { server: s.name, memory_bandwidth_tbps_per_gpu: bw, ratio, min: FLOPS_PER_BYTE.min, max: FLOPS_PER_BYTE.max } },
  };
};

/** Narrower formats run at least as fast: bf16 ≤ fp8 ≤ fp4 dense TFLOPS (the first pair out of order is named). */
export const precisionOrder: Rule<ServerEntry> = (s, at) => {
  const chain = [
    ['bf16_dense_tflops_per_gpu', s.bf16_dense_tflops_per_gpu],
    ['fp8_dense_tflops_per_gpu', s.fp8_dense_tflops_per_gpu],
    ['fp4_dense_tflops_per_gpu', s.fp4_dense_tflops_per_gpu],
  ].filter((x): x is [string, number] => typeof x[1] === 'number');
  for (let i = 1; i < chain.length; i++) {
    const [lowField, low] = chain[i - 1]!;
    const [field, value] = chain[i]!;
    if (value < low) return { field: `${at}.${field}`, value, accepted: { kind: 'rule', rule: 'precision_order', detail: { server: s.name, field, lower_field: lowField, lower: low } } };
  }
  return undefined;
};

/**
 * Dense FP8 at about twice dense BF16 (1.5–2.5×; every FP8 part of the catalog is 2.00–2.02×): a ratio
 * near 4 is a sparse FP8 figure beside a dense BF16 one, and the fix halves it.
 */
export const fp8AboutTwiceBf16: Rule<ServerEntry> = (s, at) => {
  const fp8 = s.fp8_dense_tflops_per_gpu;
  const bf16 = s.bf16_dense_tflops_per_gpu;
  if (fp8 === undefined || fp8 === null || bf16 === undefined || bf16 === null) return undefined;
  const ratio = fp8 / bf16;
  if (ratio >= 1.5 && ratio <= 2.5) return undefined;
  const suggested = ratio >= 3.5 && ratio <= 4.5 ? fp8 / 2 : undefined;
  return {
    field: `${at}.fp8_dense_tflops_per_gpu`,
    value: fp8,
    accepted: { kind: 'rule', rule: 'fp8_twice_bf16', detail: { server: s.name, bf16, ratio, ...(suggested !== undefined ? { suggested } : {}) } },
  };
};

/** An NVLink node's aggregate is its GPUs' NVLink summed: nvlink_bandwidth_tbps ≈ gpus × interconnect_bandwidth_gbps_per_gpu / 1000 (within 1 %). */
export const nvlinkAggregateMatches: Rule<ServerEntry> = (s, at) => {
  const total = s.nvlink_bandwidth_tbps;
  const perGpu = s.interconnect_bandwidth_gbps_per_gpu;
  if (s.interconnect !== 'nvlink' || total === undefined || total === null || perGpu === undefined || perGpu === null) return undefined;
  const sum = (s.gpus * perGpu) / 1000;
  if (Math.abs(total - sum) / sum < 0.01) return undefined;
  return { field: `${at}.nvlink_bandwidth_tbps`, value: total, accepted: { kind: 'rule', rule: 'nvlink_aggregate', detail: { server: s.name, gpus: s.gpus, per_gpu_gbps: perGpu, suggested: sum } } };
};

/**
 * head_dim × num_attention_heads against hidden_size: equal on most models, 0.76 (gemma-3-27b) to 2
 * (Qwen3-235B-A22B) on the catalog's; outside 0.5–2 head_dim is likely another figure (hidden_size /
 * KV heads, or the MLA latent). Models whose attention is all MLA are skipped (head_dim is the latent there).
 */
export const headDimTimesHeads: Rule<ModelEntry> = (m, at) => {
  const heads = m.num_attention_heads;
  const hidden = m.hidden_size;
  if (heads === undefined || hidden === undefined) return undefined;
  const attention = m.kv_layers?.filter((g) => g.kind === 'full' || g.kind === 'sliding' || g.kind === 'chunked');
  if (m.kv_layers && attention?.length === 0) return undefined;
  const headDim = attention?.[0] && 'head_dim' in attention[0] ? attention[0].head_dim : m.head_dim;
  const ratio = (headDim * heads) / hidden;
  if (ratio >= 0.5 && ratio <= 2) return undefined;
  const suggested = hidden % heads === 0 ? hidden / heads : undefined;
  return {
    field: `${at}.head_dim`,
    value: headDim,
    accepted: { kind: 'rule', rule: 'head_dim_hidden', detail: { model: m.name, num_attention_heads: heads, hidden_size: hidden, ratio, ...(suggested !== undefined ? { suggested } : {}) } },
  };
};

/** A token uses at most all of the parameters: active_params_b ≤ total_params_b. */
export const activeWithinTotal: Rule<ModelEntry> = (m, at) => {
  const active = m.active_params_b;
  const total = m.total_params_b;
  if (active === undefined || active === null || total === undefined || total === null || active <= total) return undefined;
  return { field: `${at}.active_params_b`, value: active, accepted: { kind: 'rule', rule: 'active_within_total', detail: { model: m.name, total } } };
};

/** A token uses some of the routed experts, not more than there are: num_experts_per_tok ≤ num_routed_experts. */
export const expertsPerTokenWithinExperts: Rule<ModelEntry> = (m, at) => {
  const k = m.num_experts_per_tok;
  const e = m.num_routed_experts;
  if (k === undefined || e === undefined || k <= e) return undefined;
  return { field: `${at}.num_experts_per_tok`, value: k, accepted: { kind: 'rule', rule: 'experts_per_token', detail: { model: m.name, experts: e } } };
};

/** Largest read or write a storage IOPS figure may imply, bytes: 16 MiB (larger is MB/s typed as GB/s, or IOPS a thousand times low). */
export const MAX_IO_BYTES = 16 * 1024 * 1024;
/** The block an IOPS figure is measured at, bytes (4 KiB random I/O, as drive and cloud data sheets state IOPS). */
export const IOPS_BLOCK_BYTES = 4096;

/**
 * Throughput against IOPS, each direction: IOPS × 4 KiB cannot exceed the throughput (the small-block
 * IOPS would move more than the link carries), and throughput / IOPS above 16 MiB per I/O is a unit
 * slip. The original profiles imply 24–28 KB per I/O. Where a thousandfold unit slip explains it, the
 * fix divides the throughput.
 */
export function throughputVsIops(direction: 'read' | 'write'): Rule<StorageEntry> {
  return (p, at) => {
    const iops = direction === 'read' ? p.iops_read : p.iops_write;
    const gbps = direction === 'read' ? p.throughput_read_gbps : p.throughput_write_gbps;
    if (iops === 0 || gbps === 0) return undefined;
    const bytesPerIo = (gbps * 1e9) / iops;
    if (bytesPerIo >= IOPS_BLOCK_BYTES && bytesPerIo <= MAX_IO_BYTES) return undefined;
    const suggested = bytesPerIo > MAX_IO_BYTES ? thousandfold(gbps, (iops * IOPS_BLOCK_BYTES) / 1e9, (iops * MAX_IO_BYTES) / 1e9) : undefined;
    return {
      field: `${at}.throughput_${direction}_gbps`,
      value: gbps,
      accepted: { kind: 'rule', rule: 'throughput_iops', detail: { profile: p.name, iops, bytes_per_io: bytesPerIo, min: IOPS_BLOCK_BYTES, max: MAX_IO_BYTES, ...(suggested !== undefined ? { suggested } : {}) } },
    };
  };
}

/** A percentile is at least the median: latency p50 ≤ p99, each direction. */
export function latencyPercentilesOrdered(direction: 'read' | 'write'): Rule<StorageEntry> {
  return (p, at) => {
    const p50 = direction === 'read' ? p.latency_read_ms_p50 : p.latency_write_ms_p50;
    const p99 = direction === 'read' ? p.latency_read_ms_p99 : p.latency_write_ms_p99;
    if (p50 <= p99) return undefined;
    return { field: `${at}.latency_${direction}_ms_p99`, value: p99, accepted: { kind: 'rule', rule: 'latency_percentiles', detail: { profile: p.name, p50 } } };
  };
}

export const MODEL_PLAUSIBILITY: readonly Rule<ModelEntry>[] = [headDimTimesHeads, activeWithinTotal, expertsPerTokenWithinExperts];
export const SERVER_PLAUSIBILITY: readonly Rule<ServerEntry>[] = [memoryBandwidthForGeneration, memorySweepTime, computeToBandwidthRatio, precisionOrder, fp8AboutTwiceBf16, nvlinkAggregateMatches];
export const STORAGE_PLAUSIBILITY: readonly Rule<StorageEntry>[] = [throughputVsIops('read'), throughputVsIops('write'), latencyPercentilesOrdered('read'), latencyPercentilesOrdered('write')];
