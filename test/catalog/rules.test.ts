/** Each consistency rule on its own, then the file loader that applies them. */
import { describe, expect, it } from 'vitest';
import { checkCatalogData, parseCatalogFile } from '../../src/catalog/load.ts';
import { duplicateNames, headsDivisible, hybridLayersAddUp, keepsKv, kvLayersAddUp, serverTotalMatches, slidingNeedsWindow } from '../../src/catalog/rules.ts';
import type { ModelEntry, ServerEntry } from '../../src/schema/catalog.ts';

const hybrid: ModelEntry = {
  name: 'h', num_layers: 36, num_key_value_heads: 8, head_dim: 64, max_position_embeddings: 131072,
  attention_pattern: 'hybrid', hybrid_full_layers: 18, hybrid_sliding_layers: 18, sliding_window: 128, default_kv_precision: 'fp8',
};
const server: ServerEntry = { name: 's', gpus: 8, hbm_per_gpu_gb: 141, total_hbm_gb: 1128 };

describe('hybridLayersAddUp', () => {
  it('accepts counts that add up to num_layers', () => expect(hybridLayersAddUp(hybrid, 'm')).toBeUndefined());
  it('refuses counts that do not add up, naming both counts and num_layers', () => {
    const p = hybridLayersAddUp({ ...hybrid, hybrid_sliding_layers: 10 }, 'models[0]');
    expect(p?.field).toBe('models[0].hybrid_full_layers');
    expect(p?.accepted).toMatchObject({ kind: 'rule', rule: 'hybrid_layers_sum', detail: { full: 18, sliding: 10, sum: 28, num_layers: 36 } });
  });
  it('refuses a hybrid model without counts', () => {
    expect(hybridLayersAddUp({ ...hybrid, hybrid_full_layers: null }, 'm')?.field).toBe('m.hybrid_full_layers');
    expect(hybridLayersAddUp({ ...hybrid, hybrid_sliding_layers: undefined }, 'm')?.field).toBe('m.hybrid_sliding_layers');
  });
  it('ignores full and sliding models', () => expect(hybridLayersAddUp({ ...hybrid, attention_pattern: 'full', hybrid_full_layers: 1 }, 'm')).toBeUndefined());
});

describe('slidingNeedsWindow', () => {
  it.each(['sliding', 'hybrid'] as const)('refuses a %s model without a window', (pattern) => {
    expect(slidingNeedsWindow({ ...hybrid, attention_pattern: pattern, sliding_window: null }, 'm')?.field).toBe('m.sliding_window');
  });
  it('lets a full model have no window', () => expect(slidingNeedsWindow({ ...hybrid, attention_pattern: 'full', sliding_window: null }, 'm')).toBeUndefined());
});

describe('serverTotalMatches', () => {
  it('accepts total = gpus × per-GPU memory', () => expect(serverTotalMatches(server, 's')).toBeUndefined());
  it('accepts a server without a stated total (it is computed)', () => expect(serverTotalMatches({ ...server, total_hbm_gb: undefined } as unknown as ServerEntry, 's')).toBeUndefined());
  it('refuses a total that is not the product', () => {
    expect(serverTotalMatches({ ...server, total_hbm_gb: 1100 }, 'servers[1]')?.accepted).toMatchObject({ rule: 'server_total_hbm', detail: { product: 1128 } });
  });
});

describe('kvLayersAddUp', () => {
  it('accepts kv_layers whose counts add up to num_layers', () => expect(kvLayersAddUp({ ...hybrid, kv_layers: [{ kind: 'full', count: 36, kv_heads: 8, head_dim: 64 }] }, 'm')).toBeUndefined());
  it('refuses counts that do not', () => {
    expect(kvLayersAddUp({ ...hybrid, kv_layers: [{ kind: 'full', count: 30, kv_heads: 8, head_dim: 64 }] }, 'm')?.accepted).toMatchObject({ rule: 'kv_layers_sum', detail: { sum: 30, num_layers: 36 } });
  });
});

describe('headsDivisible', () => {
  it('accepts GQA groups that divide the query heads', () => expect(headsDivisible({ ...hybrid, num_attention_heads: 64 }, 'm')).toBeUndefined());
  it('refuses KV heads that do not divide them, for any layer kind', () => {
    const m = { ...hybrid, num_attention_heads: 64, kv_layers: [{ kind: 'full' as const, count: 18, kv_heads: 8, head_dim: 64 }, { kind: 'sliding' as const, count: 18, window: 128, kv_heads: 6, head_dim: 64 }] };
    expect(headsDivisible(m, 'm')?.accepted).toMatchObject({ rule: 'heads_divisible', detail: { kv_heads: 6 } });
  });
  it('has nothing to check without num_attention_heads', () => expect(headsDivisible({ ...hybrid, num_key_value_heads: 7 }, 'm')).toBeUndefined());
});

describe('keepsKv', () => {
  it('refuses a model whose layers keep nothing per session', () => {
    expect(keepsKv({ ...hybrid, num_layers: 2, kv_layers: [{ kind: 'none', count: 1 }, { kind: 'mamba', count: 1, state_bytes: null }] }, 'm')?.accepted).toMatchObject({ rule: 'keeps_kv' });
  });
  it('accepts a sized state alone (a pure state-space model)', () => {
    expect(keepsKv({ ...hybrid, num_layers: 2, kv_layers: [{ kind: 'mamba', count: 2, state_bytes: 1024 }] }, 'm')).toBeUndefined();
  });
});

describe('duplicateNames', () => {
  it('flags the second use of a name', () => {
    expect(duplicateNames([{ name: 'a' }, { name: 'b' }, { name: 'a' }], 'models').map((p) => p.field)).toEqual(['models[2].name']);
  });
});

describe('catalog files', () => {
  it("accepts the original tool's layout and a bare list", () => {
    expect(checkCatalogData('models', { models: [hybrid] }, 'f').ok).toBe(true);
    expect(checkCatalogData('models', [hybrid], 'f').ok).toBe(true);
    expect(checkCatalogData('storage', { profiles: [] }, 'f').ok).toBe(true);
  });

  it('keeps unknown extra fields of an entry (later versions of the original add some)', () => {
    const r = checkCatalogData('models', { models: [{ ...hybrid, total_params_b: 120 }] }, 'f');
    expect(r.ok && (r.value[0] as Record<string, unknown>).total_params_b).toBe(120);
  });

  it.each([
    ['not JSON', '{"models": [', '(file)', 'json'],
    ['the wrong top-level key', '{"servers": []}', 'models', 'rule'],
    ['a list that is not a list', '{"models": {}}', 'models', 'array'],
    ['a negative layer count', JSON.stringify({ models: [{ ...hybrid, num_layers: -1 }] }), 'models[0] (h).num_layers', 'integer'],
    ['an unknown attention pattern', JSON.stringify({ models: [{ ...hybrid, attention_pattern: 'diagonal' }] }), 'models[0] (h).attention_pattern', 'one_of'],
    ['a missing required field', JSON.stringify({ models: [{ ...hybrid, head_dim: undefined }] }), 'models[0] (h).head_dim', 'required'],
    ['hybrid counts that do not add up', JSON.stringify({ models: [{ ...hybrid, hybrid_full_layers: 20 }] }), 'models[0] (h).hybrid_full_layers', 'rule'],
  ])('refuses %s, naming the entry and the field', (_why, text, field, kind) => {
    const r = parseCatalogFile('models', text, 'models.json');
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.problems[0]?.field).toBe(field);
    expect(r.problems[0]?.accepted.kind).toBe(kind);
    expect(r.problems[0]?.source).toBe('models.json');
  });
});
