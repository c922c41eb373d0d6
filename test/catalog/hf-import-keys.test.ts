/** Config keys no fixture exercises, each on a small synthetic config. */
import { describe, expect, it } from 'vitest';
import { importHfConfig, parseConfigText } from '../../src/catalog/hf-import.ts';
import type { LayerGroupSpec } from '../../src/schema/catalog.ts';
import { fmt } from '../../src/report/format.ts';
import { messagesFor } from '../../src/report/i18n/index.ts';

const base = { num_hidden_layers: 4, num_attention_heads: 8, hidden_size: 1024, max_position_embeddings: 8192, torch_dtype: 'bfloat16', model_type: 'llama' };

function groups(cfg: Record<string, unknown>): LayerGroupSpec[] {
  const r = importHfConfig(cfg, { fallbackName: 't' });
  if (!r.ok) throw new Error(JSON.stringify(r.problems));
  return [...(r.value.model.kv_layers ?? [])];
}

describe('config keys', () => {
  it.each([
    ['n_head_kv names the KV heads (Falcon new architecture)', { ...base, n_head_kv: 2 }, [{ kind: 'full', count: 4, kv_heads: 2, head_dim: 128 }]],
    ['num_kv_heads names the KV heads', { ...base, num_kv_heads: 4 }, [{ kind: 'full', count: 4, kv_heads: 4, head_dim: 128 }]],
    ['multi_query with new_decoder_architecture uses num_kv_heads, not MQA', { ...base, multi_query: true, new_decoder_architecture: true, num_kv_heads: 8 }, [{ kind: 'full', count: 4, kv_heads: 8, head_dim: 128 }]],
    ['no KV-head key at all: multi-head attention', base, [{ kind: 'full', count: 4, kv_heads: 8, head_dim: 128 }]],
    ['v_head_dim different from head_dim is cached as K + V', { ...base, num_key_value_heads: 2, v_head_dim: 64 }, [{ kind: 'full', count: 4, kv_heads: 2, head_dim: 128, v_head_dim: 64 }]],
    [
      'swa_num_key_value_heads and swa_head_dim apply to sliding layers only',
      { ...base, num_key_value_heads: 4, sliding_window: 512, layer_types: ['sliding_attention', 'full_attention', 'sliding_attention', 'full_attention'], swa_num_key_value_heads: 2, swa_head_dim: 64 },
      [{ kind: 'sliding', count: 2, window: 512, kv_heads: 2, head_dim: 64 }, { kind: 'full', count: 2, kv_heads: 4, head_dim: 128 }],
    ],
    [
      "Gemma 2's default pattern: every other layer slides",
      { ...base, model_type: 'gemma2', num_key_value_heads: 4, sliding_window: 4096 },
      [{ kind: 'sliding', count: 2, window: 4096, kv_heads: 4, head_dim: 128 }, { kind: 'full', count: 2, kv_heads: 4, head_dim: 128 }],
    ],
    [
      'sliding_window_pattern in the file wins over the model type',
      { ...base, num_hidden_layers: 6, model_type: 'gemma3_text', num_key_value_heads: 4, sliding_window: 1024, sliding_window_pattern: 3 },
      [{ kind: 'sliding', count: 4, window: 1024, kv_heads: 4, head_dim: 128 }, { kind: 'full', count: 2, kv_heads: 4, head_dim: 128 }],
    ],
    [
      "use_sliding_window with Qwen2's max_window_layers: the first layers stay full",
      { ...base, model_type: 'qwen2', num_key_value_heads: 2, sliding_window: 4096, use_sliding_window: true, max_window_layers: 3 },
      [{ kind: 'full', count: 3, kv_heads: 2, head_dim: 128 }, { kind: 'sliding', count: 1, window: 4096, kv_heads: 2, head_dim: 128 }],
    ],
    [
      'no_rope_layers decides which Llama 4 layers are global',
      { ...base, num_key_value_heads: 2, attention_chunk_size: 2048, no_rope_layers: [1, 0, 1, 0] },
      [{ kind: 'chunked', count: 2, chunk: 2048, kv_heads: 2, head_dim: 128 }, { kind: 'full', count: 2, kv_heads: 2, head_dim: 128 }],
    ],
  ])('%s', (_why, cfg, expected) => {
    expect(groups(cfg)).toEqual(expected);
  });

  it.each([
    ['bf16 weights', { ...base }, 2, 'bfloat16'],
    ['fp8 quantization_config', { ...base, quantization_config: { quant_method: 'fp8' } }, 1, 'fp8'],
    ['mxfp4 quantization_config (4 bits + an 8-bit scale per 32)', { ...base, quantization_config: { quant_method: 'mxfp4' } }, 4.25 / 8, 'mxfp4 (4-bit + one 8-bit scale per 32)'],
    ['4-bit AWQ', { ...base, quantization_config: { quant_method: 'awq', bits: 4 } }, 0.5, '4-bit (awq)'],
    ['an MLX "quantization" block', { ...base, quantization: { bits: 4, group_size: 64 } }, 0.5, '4-bit'],
    ['float32 weights', { ...base, torch_dtype: 'float32' }, 4, 'float32'],
  ] as const)('%s: %d bytes per parameter', (_why, cfg, bytes, dtype) => {
    const r = importHfConfig(cfg, { fallbackName: 't' });
    expect(r.ok && [r.value.model.weights_bytes_per_param, r.value.model.weights_dtype]).toEqual([bytes, dtype]);
  });

  it('derives and records how each value was read (Falcon: MQA, head_dim, default maximum)', () => {
    const r = importHfConfig({ num_hidden_layers: 32, num_attention_heads: 71, hidden_size: 4544, multi_query: true, model_type: 'falcon', torch_dtype: 'bfloat16' }, { fallbackName: 'falcon' });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    // Stored as data (a code and its numbers), said in words per locale.
    const data = Object.fromEntries(r.value.derivations.map((x) => [x.field, { code: x.code, params: x.params }]));
    expect(data.head_dim).toEqual({ code: 'head_dim_from_hidden', params: { hidden_size: 4544, num_attention_heads: 71 } });
    const words = (locale: 'en' | 'pt-BR') => Object.fromEntries(r.value.derivations.map((x) => [x.field, messagesFor(locale).derivation(x, fmt(locale)).from]));
    const d = words('en');
    expect(d.head_dim).toBe('hidden_size / num_attention_heads = 4544 / 71');
    expect(d.num_key_value_heads).toBe('multi_query: true (MQA)');
    expect(d.max_position_embeddings).toContain("model type falcon's default");
    expect(words('pt-BR').max_position_embeddings).toBe('ausente do arquivo: padrão do tipo de modelo falcon');
    expect(r.value.model.max_position_embeddings_assumed).toBe(true);
  });

  it("reads Python's Infinity and NaN in a config (as null), not inside strings", () => {
    const r = parseConfigText('{"a": Infinity, "b": [-Infinity, NaN], "c": "Infinity NaN"}');
    expect(r).toEqual({ ok: true, value: { a: null, b: [null, null], c: 'Infinity NaN' } });
  });
});
