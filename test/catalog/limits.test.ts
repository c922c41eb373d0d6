/**
 * Sane limits (src/schema/limits.ts) in the config.json importer and the catalog schema: beyond them
 * an entry is refused naming the field and its whole range; layer groups from a rule ("1 full every
 * 4") are computed from counts, never one object per layer; the built-in catalog is within them.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { BUILTIN_CATALOG } from '../../src/catalog/builtin.ts';
import { importHfConfig, parseConfigText } from '../../src/catalog/hf-import.ts';
import { checkCatalogData, parseCatalogFile } from '../../src/catalog/load.ts';
import { jsonDepth, MAX_JSON_DEPTH, tooDeep } from '../../src/schema/json-depth.ts';
import { GEOMETRY_LIMITS, MAX_LAYERS, SERVER_LIMITS, STORAGE_LIMITS } from '../../src/schema/limits.ts';
import { MAX_CONFIG_LAYERS } from '../../src/server/limits.ts';

const base = { num_hidden_layers: 4, num_attention_heads: 8, num_key_value_heads: 2, hidden_size: 1024, max_position_embeddings: 8192, torch_dtype: 'bfloat16', model_type: 'llama' };

function imported(cfg: Record<string, unknown>) {
  const r = importHfConfig(cfg, { fallbackName: 't' });
  if (!r.ok) throw new Error(JSON.stringify(r.problems));
  return r.value.model;
}
function problems(cfg: Record<string, unknown>) {
  const r = importHfConfig(cfg, { fallbackName: 't' });
  if (r.ok) throw new Error('expected problems');
  return r.problems;
}

describe('config.json: values beyond the limits are refused, naming the key and its range', () => {
  it('the API and the importer share one layer limit', () => {
    expect(MAX_CONFIG_LAYERS).toBe(MAX_LAYERS);
    expect(GEOMETRY_LIMITS.layers).toBe(MAX_LAYERS);
  });

  it.each([
    ['num_hidden_layers', GEOMETRY_LIMITS.layers],
    ['num_attention_heads', GEOMETRY_LIMITS.heads],
    ['num_key_value_heads', GEOMETRY_LIMITS.heads],
    ['head_dim', GEOMETRY_LIMITS.head_dim],
    ['hidden_size', GEOMETRY_LIMITS.hidden_size],
    ['max_position_embeddings', GEOMETRY_LIMITS.positions],
    ['sliding_window', GEOMETRY_LIMITS.positions],
    ['vocab_size', GEOMETRY_LIMITS.vocab],
    ['intermediate_size', GEOMETRY_LIMITS.hidden_size],
    ['num_local_experts', GEOMETRY_LIMITS.experts],
    ['n_routed_experts', GEOMETRY_LIMITS.experts],
  ])('%s above %i', (key, max) => {
    const found = problems({ ...base, [key]: max + 1 }).find((p) => p.field === key);
    expect(found).toMatchObject({ value: max + 1, accepted: { kind: 'integer', max } });
  });

  it.each([['num_hidden_layers', 1e9], ['num_hidden_layers', 1e300], ['hidden_size', -1], ['num_attention_heads', 2.5]])('%s %d', (key, value) => {
    expect(problems({ ...base, [key]: value }).map((p) => p.field)).toContain(key);
  });

  it('a billion layers is refused at once (it used to build a billion layer objects and abort)', () => {
    const started = performance.now();
    expect(problems({ ...base, num_hidden_layers: 1_000_000_000 })[0]).toMatchObject({ field: 'num_hidden_layers', accepted: { kind: 'integer', min: 1, max: MAX_LAYERS } });
    expect(performance.now() - started).toBeLessThan(100);
  });

  it('sizes it does not use are checked only when they are numbers (a per-layer list stays accepted)', () => {
    expect(imported({ ...base, intermediate_size: [1, 2, 3, 4], num_experts: 0, n_shared_experts: 0 }).num_layers).toBe(4);
  });

  it('a per-layer list of the wrong length is refused without being walked', () => {
    const long = Array(1_000_000).fill('full_attention');
    const started = performance.now();
    expect(problems({ ...base, layer_types: long })[0]).toMatchObject({ field: 'layer_types', accepted: { kind: 'rule', rule: 'hf_per_layer_length', detail: { length: 1_000_000, num_layers: 4 } } });
    expect(performance.now() - started).toBeLessThan(200);
    expect(problems({ ...base, hybrid_override_pattern: '*'.repeat(1_000_000) })[0]?.field).toBe('hybrid_override_pattern');
  });

  it.each([-4, 0, 2.5, 33, 1e308])('quantization_config.bits %d is refused (negative bits gave negative weights)', (bits) => {
    expect(problems({ ...base, quantization_config: { quant_method: 'gptq', bits } })).toEqual([
      { field: 'quantization_config.bits', value: bits, accepted: { kind: 'integer', min: 1, max: GEOMETRY_LIMITS.quantization_bits }, source: undefined },
    ]);
  });

  it.each([[1, 0.125], [4, 0.5], [8, 1], [32, 4]])('quantization_config.bits %d: %d bytes per weight', (bits, bytes) => {
    expect(imported({ ...base, quantization_config: { quant_method: 'gptq', bits } }).weights_bytes_per_param).toBe(bytes);
  });
});

/** The groups of a per-layer list, merged by first appearance (what the importer did layer by layer). */
function reference(kinds: readonly string[]): [string, number][] {
  const out: [string, number][] = [];
  for (const k of kinds) {
    const g = out.find(([kind]) => kind === k);
    if (g) g[1]++;
    else out.push([k, 1]);
  }
  return out;
}
const kindsOf = (cfg: Record<string, unknown>) => (imported(cfg).kv_layers ?? []).map((g) => [g.kind, g.count]);
const layers = (n: number, f: (i: number) => string) => Array.from({ length: n }, (_, i) => f(i));
const linear = { linear_num_key_heads: 2, linear_num_value_heads: 4, linear_key_head_dim: 16, linear_value_head_dim: 16, linear_conv_kernel_dim: 4 };

describe('layer groups from a rule are computed from counts, as the layer-by-layer walk grouped them', () => {
  const n = fc.integer({ min: 1, max: 300 });
  const every = fc.integer({ min: 1, max: 12 });
  it('full_attention_interval', () =>
    fc.assert(fc.property(n, every, (layersN, k) => {
      expect(kindsOf({ ...base, ...linear, num_hidden_layers: layersN, full_attention_interval: k })).toEqual(reference(layers(layersN, (i) => ((i + 1) % k === 0 ? 'full' : 'linear_attention'))));
    })));
  it('sliding_window_pattern', () =>
    fc.assert(fc.property(n, every, (layersN, k) => {
      expect(kindsOf({ ...base, num_hidden_layers: layersN, sliding_window: 512, sliding_window_pattern: k })).toEqual(reference(layers(layersN, (i) => ((i + 1) % k === 0 ? 'full' : 'sliding'))));
    })));
  it('chunked attention with a global layer every 4th', () =>
    fc.assert(fc.property(n, (layersN) => {
      expect(kindsOf({ ...base, num_hidden_layers: layersN, attention_chunk_size: 8192 })).toEqual(reference(layers(layersN, (i) => ((i + 1) % 4 === 0 ? 'full' : 'chunked'))));
    })));
  it("Qwen2's max_window_layers", () =>
    fc.assert(fc.property(n, fc.integer({ min: 0, max: 400 }), (layersN, m) => {
      expect(kindsOf({ ...base, model_type: 'qwen2', num_hidden_layers: layersN, sliding_window: 4096, use_sliding_window: true, max_window_layers: m })).toEqual(
        reference(layers(layersN, (i) => (i < m ? 'full' : 'sliding'))),
      );
    })));
  it('full attention on every layer', () =>
    fc.assert(fc.property(n, (layersN) => {
      expect(kindsOf({ ...base, num_hidden_layers: layersN })).toEqual([['full', layersN]]);
    })));

  it('a 10,000-layer config imports at once into at most two groups', () => {
    const started = performance.now();
    for (const extra of [{ full_attention_interval: 4, ...linear }, { sliding_window: 512, sliding_window_pattern: 6 }, { attention_chunk_size: 8192 }, {}]) {
      expect(imported({ ...base, num_hidden_layers: MAX_LAYERS, ...extra }).kv_layers!.length).toBeLessThanOrEqual(2);
    }
    expect(performance.now() - started).toBeLessThan(200);
  });
});

const entry = { name: 'm', num_layers: 10, num_key_value_heads: 8, head_dim: 64, max_position_embeddings: 8192, attention_pattern: 'full', default_kv_precision: 'fp8' };
const serverEntry = { name: 's', gpus: 8, hbm_per_gpu_gb: 80 };
const storageEntry = {
  name: 'p', type: 'nvme_local', iops_read: 1, iops_write: 1, throughput_read_gbps: 1, throughput_write_gbps: 1, latency_read_ms_p50: 1, latency_read_ms_p99: 1, latency_write_ms_p50: 1, latency_write_ms_p99: 1,
};

describe('catalog entries: every figure has a finite maximum, and the message gives the whole range', () => {
  it.each([
    ['models', { ...entry, num_layers: MAX_LAYERS + 1 }, 'models[0] (m).num_layers', `{"kind":"integer","min":1,"max":${MAX_LAYERS}}`],
    ['models', { ...entry, head_dim: 1e9 }, 'models[0] (m).head_dim', `{"kind":"integer","min":1,"max":${GEOMETRY_LIMITS.head_dim}}`],
    ['models', { ...entry, num_key_value_heads: 1e6 }, 'models[0] (m).num_key_value_heads', `{"kind":"integer","min":1,"max":${GEOMETRY_LIMITS.heads}}`],
    ['models', { ...entry, max_position_embeddings: 1e15 }, 'models[0] (m).max_position_embeddings', `{"kind":"integer","min":1,"max":${GEOMETRY_LIMITS.positions}}`],
    ['models', { ...entry, total_params_b: 1e308 }, 'models[0] (m).total_params_b', `{"kind":"number","min":0,"minExclusive":true,"max":${GEOMETRY_LIMITS.params_b}}`],
    ['models', { ...entry, weights_bytes_per_param: 1e9 }, 'models[0] (m).weights_bytes_per_param', `{"kind":"number","min":0,"minExclusive":true,"max":${GEOMETRY_LIMITS.bytes_per_param}}`],
    ['models', { ...entry, kv_layers: [{ kind: 'full', count: 1e9, kv_heads: 8, head_dim: 64 }] }, 'models[0] (m).kv_layers[0].count', `{"kind":"integer","min":1,"max":${MAX_LAYERS}}`],
    ['models', { ...entry, kv_layers: [{ kind: 'mamba', count: 10, state_bytes: 1e300 }] }, 'models[0] (m).kv_layers[0].state_bytes', `{"kind":"integer","min":0,"max":${GEOMETRY_LIMITS.state_bytes}}`],
    ['servers', { ...serverEntry, hbm_per_gpu_gb: 1e308 }, 'servers[0] (s).hbm_per_gpu_gb', `{"kind":"number","min":0,"minExclusive":true,"max":${SERVER_LIMITS.hbm_per_gpu_gb}}`],
    ['servers', { ...serverEntry, gpus: 1e12 }, 'servers[0] (s).gpus', `{"kind":"integer","min":1,"max":${SERVER_LIMITS.gpus}}`],
    ['servers', { ...serverEntry, total_hbm_gb: 1e308 }, 'servers[0] (s).total_hbm_gb', `{"kind":"number","min":0,"minExclusive":true,"max":${SERVER_LIMITS.total_hbm_gb}}`],
    ['servers', { ...serverEntry, power_kw: 1e308 }, 'servers[0] (s).power_kw', `{"kind":"number","min":0,"minExclusive":true,"max":${SERVER_LIMITS.rate}}`],
    ['storage', { ...storageEntry, iops_read: 1e308 }, 'profiles[0] (p).iops_read', `{"kind":"number","min":0,"max":${STORAGE_LIMITS.iops}}`],
    ['storage', { ...storageEntry, latency_read_ms_p99: 1e308 }, 'profiles[0] (p).latency_read_ms_p99', `{"kind":"number","min":0,"max":${STORAGE_LIMITS.latency_ms}}`],
  ] as const)('%s: %j → %s', (kind, raw, field, accepted) => {
    const key = kind === 'storage' ? 'profiles' : kind;
    const r = checkCatalogData(kind, { [key]: [raw] }, 'file.json');
    expect(r.ok).toBe(false);
    const p = !r.ok ? r.problems.find((x) => x.field === field) : undefined;
    expect(JSON.stringify(p?.accepted)).toBe(accepted);
  });

  it('the built-in catalog is within every limit', () => {
    for (const kind of ['models', 'servers', 'storage'] as const) {
      const key = kind === 'storage' ? 'profiles' : kind;
      expect(checkCatalogData(kind, { [key]: BUILTIN_CATALOG[kind] }, 'builtin').ok, kind).toBe(true);
    }
  });
});

describe('JSON depth, in every JSON input', () => {
  const deep = (d: number) => `{"models": ${'['.repeat(d - 1)}${']'.repeat(d - 1)}}`;
  it('a catalog file one level past the bound is refused unparsed; at the bound it is read', () => {
    const r = parseCatalogFile('models', deep(MAX_JSON_DEPTH + 1), 'f.json');
    expect(r).toEqual({ ok: false, problems: [{ field: '(file)', value: MAX_JSON_DEPTH + 1, accepted: { kind: 'rule', rule: 'json_depth', detail: { max: MAX_JSON_DEPTH } }, source: 'f.json' }] });
    const atBound = parseCatalogFile('models', deep(MAX_JSON_DEPTH), 'f.json');
    expect(!atBound.ok && atBound.problems[0]?.accepted.kind).not.toBe('rule');
  });

  it('a config.json: refused unparsed with its depth; a byte order mark dropped', () => {
    expect(parseConfigText(`{"a": ${'['.repeat(5000)}${']'.repeat(5000)}}`)).toMatchObject({ ok: false, depth: 5001 });
    expect(parseConfigText('\uFEFF{"a": 1}')).toEqual({ ok: true, value: { a: 1 } });
  });

  it('tooDeep(text) is jsonDepth(text) > the bound, for any JSON text', () =>
    fc.assert(
      fc.property(fc.jsonValue({ maxDepth: 8 }), fc.integer({ min: 0, max: 9 }), (v, max) => {
        const text = JSON.stringify(v);
        expect(tooDeep(text, max)).toBe(jsonDepth(text) > max);
      }),
    ));
});
