/** fast-check generators of consistent catalog entries and valid requests. */
import type { WorkloadField } from '../../src/core/workload.ts';
import type { CostField } from '../../src/core/cost.ts';
import fc from 'fast-check';
import { LIMITS } from '../../src/core/defaults.ts';
import type { ModelEntry, ServerEntry, StorageEntry } from '../../src/schema/catalog.ts';
import type { SizingRequest } from '../../src/core/sizing.ts';
import { WEIGHTS_PRECISIONS } from '../../src/core/weights.ts';

const attention = { kv_heads: fc.constantFrom(1, 2, 4, 8, 16), head_dim: fc.constantFrom(64, 128, 256) };
/** One kind of layer with a count: every kind the per-layer model knows. */
const layerGroupArb = fc.oneof(
  fc.record({ kind: fc.constant('full' as const), count: fc.integer({ min: 1, max: 60 }), ...attention }),
  fc.record({ kind: fc.constant('full' as const), count: fc.integer({ min: 1, max: 60 }), ...attention, v_head_dim: fc.constantFrom(64, 128, 512) }),
  fc.record({ kind: fc.constant('sliding' as const), count: fc.integer({ min: 1, max: 60 }), window: fc.constantFrom(128, 1024, 4096), ...attention }),
  fc.record({ kind: fc.constant('chunked' as const), count: fc.integer({ min: 1, max: 60 }), chunk: fc.constantFrom(2048, 8192), ...attention }),
  fc.record({ kind: fc.constant('mla' as const), count: fc.integer({ min: 1, max: 80 }), kv_lora_rank: fc.constant(512), qk_rope_head_dim: fc.constant(64) }),
  fc.record({ kind: fc.constant('mla' as const), count: fc.integer({ min: 1, max: 80 }), kv_lora_rank: fc.constant(512), qk_rope_head_dim: fc.constant(64), indexer_head_dim: fc.constant(128) }),
  fc.record({ kind: fc.constantFrom('linear_attention' as const, 'mamba' as const), count: fc.integer({ min: 1, max: 60 }), state_bytes: fc.option(fc.integer({ min: 0, max: 20_000_000 }), { nil: null }) }),
  fc.record({ kind: fc.constant('none' as const), count: fc.integer({ min: 1, max: 60 }) }),
);

/** A model described by kv_layers (the per-layer model of issue #3). */
export const layeredModelArb: fc.Arbitrary<ModelEntry> = fc
  .record({ groups: fc.array(layerGroupArb, { minLength: 1, maxLength: 4 }), max_position_embeddings: fc.constantFrom(8192, 131072, 1048576) })
  // Only models the catalog accepts: something is kept per session (rule keepsKv).
  .filter(({ groups }) => groups.some((g) => !('state_bytes' in g) ? g.kind !== 'none' : (g.state_bytes ?? 0) > 0))
  .map(({ groups, max_position_embeddings }) => {
    const num_layers = groups.reduce((s, g) => s + g.count, 0);
    return {
      name: 'prop-layered',
      num_layers,
      num_key_value_heads: 1,
      head_dim: 128,
      max_position_embeddings,
      attention_pattern: 'hybrid',
      hybrid_full_layers: num_layers,
      hybrid_sliding_layers: 0,
      default_kv_precision: 'bf16',
      kv_layers: groups,
    } as ModelEntry;
  });

const legacyModelArb: fc.Arbitrary<ModelEntry> = fc
  .record({
    num_layers: fc.integer({ min: 1, max: 160 }),
    num_key_value_heads: fc.constantFrom(1, 2, 4, 8, 16, 32, 64, 128),
    head_dim: fc.constantFrom(32, 64, 80, 96, 128, 192, 256),
    max_position_embeddings: fc.constantFrom(4096, 8192, 32768, 131072, 262144, 1048576),
    attention_pattern: fc.constantFrom('full', 'sliding', 'hybrid'),
    sliding_window: fc.constantFrom(128, 512, 1024, 4096, 8192, 32768),
    split: fc.double({ min: 0, max: 1, noNaN: true }),
    default_kv_precision: fc.constantFrom('fp8', 'int8', 'fp16', 'bf16'),
  })
  .map(({ split, ...m }) => {
    const base = { name: 'prop-model', ...m };
    if (m.attention_pattern === 'full') return { ...base, sliding_window: null } as ModelEntry;
    if (m.attention_pattern === 'sliding') return base as ModelEntry;
    const full = Math.round(split * m.num_layers);
    return { ...base, hybrid_full_layers: full, hybrid_sliding_layers: m.num_layers - full } as ModelEntry;
  });

export const serverArb: fc.Arbitrary<ServerEntry> = fc
  .record({ gpus: fc.integer({ min: 1, max: 72 }), hbm_per_gpu_gb: fc.constantFrom(24, 48, 80, 94, 141, 192, 256, 288) })
  .map((s) => ({ name: 'prop-server', ...s, total_hbm_gb: s.gpus * s.hbm_per_gpu_gb }));

export const storageArb: fc.Arbitrary<StorageEntry> = fc.constantFrom('nvme_local', 'network_ssd', 'cloud_block_storage').map((type) => ({
  name: 'prop-storage',
  type,
  iops_read: 100000,
  iops_write: 50000,
  throughput_read_gbps: 10,
  throughput_write_gbps: 5,
  latency_read_ms_p50: 0.1,
  latency_read_ms_p99: 1,
  latency_write_ms_p50: 0.2,
  latency_write_ms_p99: 2,
}));

/** A request with every field given. */
export type FullRequest = { [K in Exclude<keyof SizingRequest, WorkloadField | CostField>]-?: NonNullable<SizingRequest[K]> };

export const requestArb: fc.Arbitrary<FullRequest> = fc.record({
  concurrency: fc.integer({ min: LIMITS.concurrency.min, max: 2_000_000 }),
  effective_context: fc.integer({ min: 1, max: 2_000_000 }),
  kv_precision: fc.constantFrom('fp8', 'int8', 'fp16', 'bf16'),
  kv_budget_ratio: fc.double({ min: 0.01, max: 1, noNaN: true }),
  runtime_overhead_gib: fc.double({ min: 0, max: 3000, noNaN: true }),
  peak_headroom_ratio: fc.double({ min: 0, max: 3, noNaN: true }),
  ha: fc.constantFrom('none', 'n+1', 'n+2'),
  params_b: fc.double({ min: 0.1, max: 2000, noNaN: true }),
  weights_precision: fc.constantFrom(...WEIGHTS_PRECISIONS),
});

export const modelArb: fc.Arbitrary<ModelEntry> = fc.oneof(legacyModelArb, layeredModelArb);

export const entriesArb = fc.record({ model: modelArb, server: serverArb, storage: storageArb });

const SURROGATES = 0xe000 - 0xd800;
/**
 * fast-check's `'binary'` string unit, `fc.string({ unit: codePointArb })` for `fc.string({ unit: 'binary' })`:
 * any code point but the surrogates, from the same `fc.nat` with the same bias and shrinking, and so the
 * same strings for a seed. fast-check's own unit reads a value back (to know which strings it can
 * shrink) through a map of all 1,112,064 code points, filled the first time a string arbitrary is made:
 * seconds of each test worker; this one computes the index.
 */
export const codePointArb: fc.Arbitrary<string> = fc.nat({ max: 0x10ffff - SURROGATES }).map(
  (i) => String.fromCodePoint(i < 0xd800 ? i : i + SURROGATES),
  (value) => {
    const code = typeof value === 'string' ? value.codePointAt(0) : undefined;
    if (code === undefined || String.fromCodePoint(code) !== value || (code >= 0xd800 && code < 0xe000)) throw new Error('not one code point (surrogates aside)');
    return code < 0xd800 ? code : code - SURROGATES;
  },
);
