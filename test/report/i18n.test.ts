/** Locale parity: pt-BR says everything en says, and every message renders in both. */
import { describe, expect, it } from 'vitest';
import { PARAMETER_KEYS } from '../../src/core/parameters.ts';
import { size } from '../helpers/size.ts';
import { fmt } from '../../src/report/format.ts';
import { en } from '../../src/report/i18n/en.ts';
import { messagesFor } from '../../src/report/i18n/index.ts';
import { ptBR } from '../../src/report/i18n/pt-BR.ts';
import type { CalibrationNote, CalibrationNoteCode, CalibrationNoteDetails } from '../../src/engines/calibrate.ts';
import { calibrationNote } from '../../src/report/i18n/calibration.ts';
import type { DerivationCode, DerivationDetails } from '../../src/schema/derivations.ts';
import { type Accepted, type RuleCode, type RuleDetails, ruleAccepted } from '../../src/schema/problems.ts';
import { renderText } from '../../src/report/text.ts';
import { toJsonDocument } from '../../src/report/json.ts';
import { model, REPORT_EXAMPLE, server, storage } from '../helpers/catalog.ts';
import { ALERT_SAMPLES } from '../helpers/alert-samples.ts';

describe('locales', () => {
  it('pt-BR has exactly the label keys of en (the list is read from en)', () => {
    expect(Object.keys(ptBR.labels).sort()).toEqual(Object.keys(en.labels).sort());
  });

  it.each(Object.keys(en.labels))('label %s is translated (differs from en or is a shared technical term)', (key) => {
    const shared = new Set(['kvHeads', 'headDim', 'maxPositionEmbeddings', 'fullLayers', 'slidingLayers', 'slidingWindow', 'gpus', 'iops', 'throughput', 'read', 'write', 'tokens', 'nfr', 'inputs', 'ha', 'headroom', 'storage', 'kvBudgetRatio', 'nvlink', 'peakHeadroom', 'haMode', 'kvPerSessionShort', 'execBaseline', 'kvBudget', 'hbmTotal', 'kvTotal', 'colKvHeads', 'colHeadDim', 'colGpus', 'colGbPerGpu', 'colNvlink', 'attnFull', 'engineKv', 'engineTotal', 'kvHeadsShort', 'generatedByShort']);
    const value = ptBR.labels[key as keyof typeof ptBR.labels];
    expect(value.length).toBeGreaterThan(0);
    if (!shared.has(key)) expect(value).not.toBe(en.labels[key as keyof typeof en.labels]);
  });

  it.each(PARAMETER_KEYS)('parameter %s is explained in both locales, all four fields', (key) => {
    for (const m of [en, ptBR]) for (const text of Object.values(m.parameters[key])) expect(text.length).toBeGreaterThan(20);
    expect(ptBR.parameters[key].description).not.toBe(en.parameters[key].description);
  });

  it('the locale is a parameter: the same result renders in both without state leaking', () => {
    const r = size(REPORT_EXAMPLE.entries, REPORT_EXAMPLE.request);
    const a = r.alerts[0]!;
    const first = messagesFor('en').alert(a, fmt('en'));
    messagesFor('pt-BR').alert(a, fmt('pt-BR'));
    expect(messagesFor('en').alert(a, fmt('en'))).toBe(first);
    expect(first).toContain('131,072');
    expect(messagesFor('pt-BR').alert(a, fmt('pt-BR'))).toContain('131.072');
  });
});

describe('alert messages', () => {
  // One representative alert per code, with params of the right shape.
  const samples = ALERT_SAMPLES;
  it.each(samples.map((a) => [a.code, a] as const))('%s renders a sentence in en and pt-BR', (_code, a) => {
    const e = messagesFor('en').alert(a, fmt('en'));
    const p = messagesFor('pt-BR').alert(a, fmt('pt-BR'));
    expect(e).toMatch(/\.$/);
    expect(p).toMatch(/\.$/);
    expect(p).not.toBe(e);
    expect(e).not.toMatch(/undefined|NaN/);
    expect(p).not.toMatch(/undefined|NaN/);
  });
});

describe('accepted values', () => {
  const kinds: Accepted[] = [
    { kind: 'integer', min: 1, max: 10 },
    { kind: 'number', min: 0, minExclusive: true, max: 1 },
    { kind: 'string' },
    { kind: 'one_of', values: ['a', 'b'], suggestion: 'a' },
    { kind: 'array' },
    { kind: 'object' },
    { kind: 'no_field', known: ['x'], suggestion: 'x' },
    { kind: 'required' },
    { kind: 'json', detail: 'Unexpected token' },
    { kind: 'readable_file', reason: 'not_found' },
    { kind: 'writable_path', reason: 'permission_denied' },
    { kind: 'writable_path', reason: 'system', code: 'ELOOP' },
    { kind: 'rule', rule: 'hybrid_layers_sum', detail: { model: 'm', full: 1, sliding: 1, sum: 2, num_layers: 3 } },
    { kind: 'exclusive', with: '--markdown-only' },
    { kind: 'flag', known: ['--a'], suggestion: '--a', command: 'size' },
    { kind: 'command', values: ['size'], suggestion: 'size' },
    { kind: 'no_value', flag: '--verbose' },
  ];
  it.each(kinds.map((k) => [k.kind, k] as const))('%s renders in both locales', (_kind, k) => {
    for (const m of [messagesFor('en'), messagesFor('pt-BR')]) {
      const text = m.problem({ field: 'field', value: 'v', accepted: k }, 'field', fmt(m.locale));
      expect(text.length).toBeGreaterThan(10);
      expect(text).not.toMatch(/undefined|\[object/);
    }
  });
});

describe('engine texts follow the locale', () => {
  it.each(['seed', 'vllm', 'sglang', 'trtllm'] as const)('%s: the text report and the JSON say which engine accounting is followed in the chosen language', (memoryModel) => {
    const r = size(
      { model: model('Meta-Llama-3.1-70B'), server: server('dgx-h100'), storage: storage('profile_default') },
      { concurrency: 100, effective_context: 8192, memory_model: memoryModel, tensor_parallel: 4 },
    );
    const flat = (s: string) => s.replace(/\s+/g, ' ');
    expect(ptBR.engineBehaviour[memoryModel]).not.toBe(en.engineBehaviour[memoryModel]);
    for (const [locale, m, other] of [['pt-BR', ptBR, en], ['en', en, ptBR]] as const) {
      const text = flat(renderText(r, { locale }));
      expect(text).toContain(flat(m.engineBehaviour[memoryModel]));
      expect(text).not.toContain(flat(other.engineBehaviour[memoryModel]));
      expect(toJsonDocument(r, { locale }).scenarios.recommended.engine?.behaviour).toBe(m.engineBehaviour[memoryModel]);
    }
  });
});

describe('the per-node memory table under the seed', () => {
  it('labels the seed overhead share as overhead, not as weights', () => {
    const r = size({ model: model('Meta-Llama-3.1-70B'), server: server('dgx-h100'), storage: storage('profile_default') }, { concurrency: 100, effective_context: 8192, memory_model: 'seed', tensor_parallel: 4 });
    const text = renderText(r, { locale: 'en' });
    expect(text).toContain(en.labels.engineSeedOverhead);
    expect(text).not.toMatch(/^\s+weights\s+[\d.,]+$/m);
    const vllm = renderText(size({ model: model('Meta-Llama-3.1-70B'), server: server('dgx-h100'), storage: storage('profile_default') }, { concurrency: 100, effective_context: 8192, memory_model: 'vllm', tensor_parallel: 4 }), { locale: 'en' });
    expect(vllm).toMatch(/^\s+weights\s+[\d.,]+$/m);
  });

  it("marks the seed's budget ratio and overhead as not used under an engine's own accounting, and only then", () => {
    const entries = { model: model('Meta-Llama-3.1-70B'), server: server('dgx-h100'), storage: storage('profile_default') };
    const seed = renderText(size(entries, { concurrency: 100, effective_context: 8192, memory_model: 'seed', tensor_parallel: 4 }), { locale: 'pt-BR' });
    const vllm = renderText(size(entries, { concurrency: 100, effective_context: 8192, memory_model: 'vllm', tensor_parallel: 4 }), { locale: 'pt-BR' });
    expect(seed).not.toContain('não usado pelo');
    // The seed's reserve is weights-aware (2 replicas of TP 4: 2 × 131.5 GiB of weights + 8 × 2.69 GiB of runtime allowance): shown, and marked unused.
    expect(vllm).toContain('Overhead de Runtime: 284,5 GiB (não usado pelo vllm)');
    expect(seed).toContain('Overhead de Runtime: 284,5 GiB: pesos 263,0 GiB + margem de runtime 21,5 GiB (8 GPU(s) × 2,69 GiB de ativações, contexto CUDA e NCCL); no mínimo 120 GiB');
    expect(vllm).toMatch(/^Budget KV\s+—\s+—\s+—$/m);
  });
});

/** Every path of a phrase table down to its leaves, with the leaf's type ("alerts.pp_layers: function"). */
function leaves(value: unknown, path = ''): string[] {
  if (value !== null && typeof value === 'object') return Object.entries(value).flatMap(([k, v]) => leaves(v, path ? `${path}.${k}` : k));
  return [`${path}: ${typeof value}`];
}

describe('phrase tables', () => {
  const enLeaves = leaves(en).filter((l) => !l.startsWith('locale:'));
  it('pt-BR has exactly the phrases of en, at every depth and of the same kind (the list is read from en)', () => {
    expect(enLeaves.length).toBeGreaterThan(400);
    expect(leaves(ptBR).filter((l) => !l.startsWith('locale:')).sort()).toEqual([...enLeaves].sort());
  });

  // One sample per code: a Record over the code union, so a new code without a sample fails tsc too.
  const RULE_SAMPLES: { [R in RuleCode]: RuleDetails[R] } = {
    hybrid_counts_required: { model: 'm' },
    trimmed_name: {},
    keeps_kv: { model: 'm' },
    host_address: {},
    listen_failed: { host: '127.0.0.1', code: 'EADDRINUSE' },
    name_needs_config: {},
    layout_exceeds_gpus: { tp: 4, pp: 4, gpus: 8, server: 's' },
    tp_kv_heads: { tp: 3, kv_heads: 8, model: 'm' },
    tp_query_heads: { tp: 3, heads: 64, model: 'm' },
    pp_layers: { pp: 99, layers: 36 },
    replicas_exceed_gpus: { replicas: 3, gpus_per_replica: 4, gpus: 8 },
    tp_across_nodes: { tp: 16, group: 16, gpus: 8, domain: 8, server: 's' },
    dp_attention_divides_tp: { dp: 3, tp: 8 },
    ep_needs_experts: { model: 'm' },
    ep_divides: { ep: 3, tp: 8, experts: 256, model: 'm' },
    nvlink_domain_whole_nodes: { server: 's', gpus: 4, domain: 6 },
    calibrate_nothing_found: {},
    bench_result_keys: { missing: ['duration'], expected: ['duration', 'completed'] },
    bench_records: { max: 1000 },
    perf_figures_missing: { missing: ['memory_bandwidth_tbps_per_gpu'], server: 's', model: 'm' },
    knob_needs_engine: { models: ['vllm', 'sglang'], given: 'seed' },
    kv_layers_sum: { model: 'm', sum: 30, num_layers: 32 },
    heads_divisible: { model: 'm', num_attention_heads: 30, kv_heads: 8 },
    hf_unsupported: { what: 'local_global_lists' },
    hf_head_dim_underivable: {},
    hf_head_dim_not_integer: { hidden_size: 100, num_attention_heads: 3 },
    hf_heads_not_divisible: { num_attention_heads: 30, num_key_value_heads: 8 },
    hf_max_position_unknown: { model_type: 'x' },
    hf_unknown_dtype: { known: 'bfloat16, float16' },
    hf_window_required: { by: 'layer_types' },
    hf_per_layer_length: { key: 'layer_types', length: 3, num_layers: 4 },
    hf_block_attention: {},
    hybrid_layers_sum: { model: 'm', full: 1, sliding: 1, sum: 2, num_layers: 3 },
    sliding_window_required: { model: 'm', attention_pattern: 'hybrid' },
    server_total_hbm: { server: 's', gpus: 8, hbm_per_gpu_gb: 80, product: 640 },
    unique_name: { name: 'm' },
    catalog_top_level: { key: 'models' },
    different_output_files: { other: '--output-markdown-file' },
    extra_argument: { command: 'calibrate' },
    command_first: { command: 'batch' },
    json_depth: { max: 64 },
    batch_line_length: { max_bytes: 1048576 },
    memory_bandwidth_generation: { server: 's', memory_type: 'HBM3e', min: 3, max: 10, suggested: 4.8 },
    memory_sweep_time: { server: 's', hbm_per_gpu_gb: 141, ms: 0.0294, min: 10, max: 100 },
    flops_per_byte: { server: 's', memory_bandwidth_tbps_per_gpu: 4800, ratio: 0.206, min: 50, max: 800 },
    precision_order: { server: 's', field: 'fp8_dense_tflops_per_gpu', lower_field: 'bf16_dense_tflops_per_gpu', lower: 989.5 },
    fp8_twice_bf16: { server: 's', bf16: 989.5, ratio: 4, suggested: 1979 },
    nvlink_aggregate: { server: 's', gpus: 8, per_gpu_gbps: 900, suggested: 7.2 },
    head_dim_hidden: { model: 'm', num_attention_heads: 32, hidden_size: 4096, ratio: 8, suggested: 128 },
    active_within_total: { model: 'm', total: 8 },
    experts_per_token: { model: 'm', experts: 8 },
    throughput_iops: { profile: 'p', iops: 1000000, bytes_per_io: 28000000, min: 4096, max: 16777216, suggested: 28 },
    latency_percentiles: { profile: 'p', p50: 2 },
    efficiency_ceiling: { set: 'hopper-vllm', ceiling_field: 'bandwidth_ceiling', ceiling: 0.8752, suggested: 0.8752 },
    calibration_key_unique: { gpu_architecture: 'hopper', engine: 'vllm' },
    catalog_kind: { keys: ['models', 'servers', 'profiles'] },
    price_reserved_above_on_demand: { server: 's', on_demand: 6.3 },
    price_date_after_as_of: { server: 's', as_of: '2026-12-01' },
    offload_size_required: { tier: 'nvme', server: 's' },
    compare_list: { max: 64 },
    compare_options: { count: 6000, max: 5000, fields: ['server', 'tensor_parallel'] },
  };
  it.each(Object.entries(RULE_SAMPLES))('rule %s: a sentence in each locale, different, with its numbers', (rule, detail) => {
    const accepted = ruleAccepted(rule as RuleCode, detail as never);
    const [e, p] = (['en', 'pt-BR'] as const).map((l) => messagesFor(l).problem({ field: 'x', value: 1, accepted }, 'x', fmt(l)));
    expect(p).not.toBe(e);
    for (const text of [e!, p!]) expect(text).not.toMatch(/undefined|NaN|\[object|\{"/);
  });

  const DERIVATION_SAMPLES: { [C in DerivationCode]: DerivationDetails[C] } = {
    config_key: { key: 'n_layer' },
    head_dim_from_hidden: { hidden_size: 4096, num_attention_heads: 32 },
    nested_text_config: {},
    mla_latent: { kv_lora_rank: 512, qk_rope_head_dim: 64 },
    mla_indexer: { index_head_dim: 128 },
    multi_query: {},
    mha_default: {},
    max_position_model_type_default: { model_type: 'falcon' },
    dtype_assumed: {},
    mamba_state: { heads: 128, head_dim: 64, state: 128, inner: 8192, groups: 8, conv: 4 },
    linear_attention_state: { value_heads: 32, key_heads: 16, key_dim: 128, value_dim: 128, conv: 4 },
    block_configs: {},
    hybrid_override_pattern: {},
    layer_types: {},
    full_attention_interval: { every: 4 },
    chunked_no_rope: { chunk: 8192 },
    chunked_every_4th: { chunk: 8192 },
    sliding_window_pattern: { every: 6 },
    model_type_pattern: { every: 6, model_type: 'gemma3' },
    max_window_layers: { window: 4096, max_window_layers: 28 },
    sliding_every_layer: { window: 4096 },
    mla_every_layer: {},
    sliding_disabled: {},
    full_every_layer: {},
    quantization: { key: 'quantization_config', bytes_per_param: 0.53125 },
    mla_ignores_kv_heads: {},
    moe_experts: { layers: 58, experts: 256, hidden_size: 7168, intermediate_size: 2048 },
    active_params: { layers: 32, moe_layers: 0, experts_per_token: 0, vocab_size: 128256 },
  };
  // Derivations whose words are only config keys and numbers read the same in both languages.
  const SAME_IN_BOTH = new Set(['config_key', 'head_dim_from_hidden', 'multi_query', 'sliding_window_pattern', 'hybrid_override_pattern']);
  it.each(Object.entries(DERIVATION_SAMPLES))('derivation %s: said in each locale', (code, params) => {
    const d = { field: 'layer kinds', value: 'x', code, params } as never;
    const [e, p] = (['en', 'pt-BR'] as const).map((l) => messagesFor(l).derivation(d, fmt(l)));
    expect(e!.field).toBe('layer kinds');
    expect(p!.field).toBe('tipos de camada');
    if (!SAME_IN_BOTH.has(code)) expect(p!.from).not.toBe(e!.from);
    for (const text of [e!.from, p!.from, e!.value, p!.value]) expect(text).not.toMatch(/undefined|NaN|\[object/);
  });

  it('an older models file\'s free-text derivation is shown as written', () => {
    const d = { field: 'head_dim', value: 128, from: 'written by hand' };
    expect(messagesFor('pt-BR').derivation(d, fmt('pt-BR'))).toEqual({ field: 'head_dim', value: '128', from: 'written by hand' });
  });

  const NOTE_SAMPLES: { [C in CalibrationNoteCode]: CalibrationNoteDetails[C] } = {
    several_engines: { engines: [{ engine: 'vllm', lines: 3 }, { engine: 'sglang', lines: 1 }], assumed: 'vllm' },
    several_values: { facts: [{ key: 'kv_tokens', shown: ['1', '2', '3', '4'] }] },
    repeated_values: { facts: [{ key: 'max_model_len', shown: '2048', times: 2 }] },
    float32: { key: 'free_gpu_memory_fraction', shown: '0.8999999761581421', value: 0.9 },
    no_kv_memory: { gib: '-1.20' },
    hybrid_token_count: { tokens: 90048, concurrency: 1.66, max_model_len: 215040, product: 356966 },
    dp_attention: {},
    failure: { line: 'ERROR boom' },
    more_failures: { count: 2 },
    weights_per_replica: { weights: '30.5', tp: 4, pp: 2, total: '244' },
    kv_too_small: { max_model_len: 40960, needed: '5.62', available: '2.67', estimated: 19440 },
    model_from_log: { shown: 'Qwen/Qwen3-8B', name: 'Qwen3-8B' },
    model_not_in_catalog: { shown: 'Qwen3.5-27B' },
    model_differs: { shown: 'Qwen/Qwen3-8B', name: 'Qwen3-32B' },
    bytes_per_token_mismatch: {
      implied: 48681,
      model: 'Qwen3-235B-A22B',
      bytes: 192512,
      tp: 1,
      pp: 1,
      precision: 'bf16',
      difference_pct: -74.71,
      fit: { kv_precision: 'bf16', tensor_parallel: 4, bytes: 48128 },
    },
    hybrid_not_compared: { model: 'gpt-oss-120b' },
    dtype_not_read: { dtype: 'nvfp4' },
    flag_left_out: { problem: { field: '--gpu-memory-utilization', value: -0.5, accepted: { kind: 'number', min: 0, minExclusive: true, max: 1 } } },
  };
  it.each(Object.entries(NOTE_SAMPLES))('calibrate note %s: said in each locale', (code, params) => {
    const n = { code, params } as CalibrationNote;
    const [e, p] = (['en', 'pt-BR'] as const).map((l) => calibrationNote(n, l));
    expect(p).not.toBe(e);
    for (const text of [e!, p!]) expect(text).not.toMatch(/undefined|NaN|\[object/);
  });
});
