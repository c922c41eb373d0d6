import { describe, expect, it } from 'vitest';
import { effectiveContextUsed, kvPerSession } from '../../src/core/kv.ts';
import type { ModelEntry } from '../../src/schema/catalog.ts';
import { model } from '../helpers/catalog.ts';

const base = { name: 'm', num_key_value_heads: 8, head_dim: 128, max_position_embeddings: 131072, default_kv_precision: 'fp8' } as const;
const full: ModelEntry = { ...base, num_layers: 32, attention_pattern: 'full' };
const sliding: ModelEntry = { ...base, num_layers: 32, attention_pattern: 'sliding', sliding_window: 4096 };
const hybrid: ModelEntry = { ...base, num_layers: 32, attention_pattern: 'hybrid', hybrid_full_layers: 8, hybrid_sliding_layers: 24, sliding_window: 1024 };

describe('kvPerSession', () => {
  it('gives the NOTES.md figure for gpt-oss-120b geometry at 131,072 tokens in fp16 (the doc example)', () => {
    const kv = kvPerSession(model('opt-oss-120b'), 131072, 'fp16');
    expect(kv.bytes).toBe(4_836_556_800);
    expect(kv.gib).toBeCloseTo(4.5044, 4);
  });

  it.each([
    // [name, model, context, precision, bytes, why]
    ['full attention holds the whole context in every layer', full, 8192, 'fp16', 2 * 8192 * 8 * 128 * 2 * 32],
    ['full attention in fp8 is half of fp16', full, 8192, 'fp8', 2 * 8192 * 8 * 128 * 1 * 32],
    ['sliding layers hold exactly the window', sliding, 100_000, 'bf16', 2 * 4096 * 8 * 128 * 2 * 32],
    ['sliding layers hold the window even when the context is shorter (v2.0 rule)', sliding, 10, 'int8', 2 * 4096 * 8 * 128 * 1 * 32],
    ['hybrid adds full layers at the context and sliding layers at the window', hybrid, 65536, 'fp8', 2 * (8 * 65536 + 24 * 1024) * 8 * 128],
    ['the context is clamped to max_position_embeddings', full, 1_000_000, 'fp8', 2 * 131072 * 8 * 128 * 32],
  ] as const)('%s', (_why, m, context, precision, bytes) => {
    expect(kvPerSession(m, context, precision).bytes).toBe(bytes);
  });

  it('reports one layer group per attention kind', () => {
    const kv = kvPerSession(hybrid, 2048, 'fp8');
    expect(kv.groups.map((g) => [g.kind, g.layers, g.tokens])).toEqual([
      ['full', 8, 2048],
      ['sliding', 24, 1024],
    ]);
    expect(kv.groups.reduce((s, g) => s + g.bytes, 0)).toBe(kv.bytes);
  });
});

describe('size() with an entry that keeps nothing', () => {
  it('fails loudly instead of dividing by zero (the catalog rules refuse such entries first)', async () => {
    const { size } = await import('../helpers/size.ts');
    const { server, storage } = await import('../helpers/catalog.ts');
    const empty: ModelEntry = { ...full, num_layers: 1, kv_layers: [{ kind: 'none', count: 1 }] };
    expect(() => size({ model: empty, server: server('dgx300'), storage: storage('profile_default') }, { concurrency: 1, effective_context: 10 })).toThrow(/keeps no KV/);
  });
});

describe('effectiveContextUsed', () => {
  it.each([
    [4096, 4096],
    [131072, 131072],
    [131073, 131072],
  ])('requested %d tokens → %d', (requested, used) => {
    expect(effectiveContextUsed(full, requested)).toBe(used);
  });
});
