/** Locale parity: pt-BR says everything en says, and every message renders in both. */
import { describe, expect, it } from 'vitest';
import { ALERT_CODES, type Alert } from '../../src/core/alerts.ts';
import { PARAMETER_KEYS } from '../../src/core/parameters.ts';
import { size } from '../helpers/size.ts';
import { fmt } from '../../src/report/format.ts';
import { en } from '../../src/report/i18n/en.ts';
import { messagesFor } from '../../src/report/i18n/index.ts';
import { ptBR } from '../../src/report/i18n/pt-BR.ts';
import type { Accepted } from '../../src/schema/problems.ts';
import { renderText } from '../../src/report/text.ts';
import { toJsonDocument } from '../../src/report/json.ts';
import { model, REPORT_EXAMPLE, server, storage } from '../helpers/catalog.ts';

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
  const samples = ALERT_CODES.map((code) => {
    const params: Record<string, number | string> = {
      requested_context: 200000, max_position_embeddings: 131072, kv_precision: 'fp16', bytes_per_element: 2, hbm_total_gib: 1050.5,
      runtime_overhead_gib: 40, kv_per_session_gib: 4.5, kv_budget_gib: 3.9, effective_context: 131072, threshold_tokens: 128000,
      storage: 'profile_x', throughput_read_gbps: 4, latency_read_ms_p99: 5, kv_budget_ratio: 0.8, threshold: 0.75, threshold_gib: 50,
      storage_type: 'cloud_block_storage', sliding_window: 128, sliding_layers: 18, sessions_per_node: 12, nodes_final: 25, peak_headroom_ratio: 0.6,
      weights_gib: 111.8, params_b: 120, bytes_per_param: 1, layers: 36, model_type: 'falcon',
      kv_heads: 2, tensor_parallel: 8, copies: 4, memory_model: 'vllm', gpu_memory_gib: 79.2, activation_gib: 1.7, non_torch_gib: 0.35, reserved_gib: 7.9,
    };
    return { code, severity: 'warning', scenarios: ['minimum'], params } as unknown as Alert;
  });
  it.each(samples.map((a) => [a.code, a] as const))('%s renders a sentence in en and pt-BR', (_code, a) => {
    const e = en.alert(a, fmt('en'));
    const p = ptBR.alert(a, fmt('pt-BR'));
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
    { kind: 'readable_file', detail: 'no such file or folder' },
    { kind: 'writable_path', detail: 'permission denied' },
    { kind: 'rule', rule: 'hybrid_layers_sum', detail: { model: 'm', full: 1, sliding: 1, sum: 2, num_layers: 3 } },
    { kind: 'exclusive', with: '--markdown-only' },
    { kind: 'flag', known: ['--a'], suggestion: '--a', command: 'size' },
    { kind: 'command', values: ['size'], suggestion: 'size' },
    { kind: 'no_value', flag: '--verbose' },
  ];
  it.each(kinds.map((k) => [k.kind, k] as const))('%s renders in both locales', (_kind, k) => {
    for (const m of [en, ptBR]) {
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
    expect(vllm).toContain('Overhead de Runtime: 120 GiB (não usado pelo vllm)');
    expect(vllm).toMatch(/^Budget KV\s+—\s+—\s+—$/m);
  });
});
