/**
 * Every config of fixtures/hf-configs: the KV bytes per token of context (all layers summed) and the
 * constant bytes per session (windows, chunks, states), at bf16 (2 bytes) unless stated, and why —
 * checked against SOURCES.md's known values, engine-logs.md's per-token constants and the engines'
 * rules in kv-sizing-engines.md.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { importHfConfig, parseConfigText } from '../../src/catalog/hf-import.ts';
import { checkCatalogData } from '../../src/catalog/load.ts';
import { kvPerSession } from '../../src/core/kv.ts';
import type { KvPrecision } from '../../src/core/units.ts';
import type { LayerGroupSpec, ModelEntry } from '../../src/schema/catalog.ts';
import { model as builtinModel } from '../helpers/catalog.ts';

const DIR = fileURLToPath(new URL('../fixtures/hf-configs/', import.meta.url));
const config = (file: string): unknown => {
  const parsed = parseConfigText(readFileSync(`${DIR}${file}`, 'utf8'));
  if (!parsed.ok) throw new Error(parsed.error);
  return parsed.value;
};

export function imported(file: string): ModelEntry {
  const r = importHfConfig(config(file), { fallbackName: file.replace(/\.json$/, ''), source: file });
  if (!r.ok) throw new Error(JSON.stringify(r.problems));
  return r.value.model;
}

/** Bytes per context token and constant bytes, from a 1-token and a 2-token sizing (context-independent check). */
function perTokenAndConstant(m: ModelEntry, precision: KvPrecision = 'bf16') {
  const kv = kvPerSession(m, 1000, precision);
  return { perToken: kv.bytes_per_context_token, constant: kv.constant_bytes, kv };
}

const kinds = (m: ModelEntry) => (m.kv_layers ?? []).map((g: LayerGroupSpec) => `${g.count}×${g.kind}`).sort();

interface Row {
  file: string;
  why: string;
  perToken: number;
  constant: number;
  kinds: string[];
  maxPosition?: number;
}

const ROWS: Row[] = [
  {
    file: 'meta-llama__Meta-Llama-3.1-8B.json',
    why: 'no head_dim key: 4096 / 32 = 128; 32 layers × 8 KV heads × 128 × 2 (K,V) × 2 B = 131,072 (SOURCES.md)',
    perToken: 131_072, constant: 0, kinds: ['32×full'],
  },
  {
    file: 'meta-llama__Meta-Llama-3.1-70B.json',
    why: '80 × 8 × 128 × 2 × 2 = 327,680 (SOURCES.md)',
    perToken: 327_680, constant: 0, kinds: ['80×full'],
  },
  {
    file: 'meta-llama__Llama-3.1-405B.json',
    why: '126 × 8 × 128 × 2 × 2 = 516,096',
    perToken: 516_096, constant: 0, kinds: ['126×full'],
  },
  {
    file: 'meta-llama__Llama-2-70b-hf.json',
    why: 'float16, 4,096 positions: 80 × 8 × 128 × 2 × 2 = 327,680',
    perToken: 327_680, constant: 0, kinds: ['80×full'], maxPosition: 4096,
  },
  {
    file: 'deepseek-ai__DeepSeek-V3.json',
    why: 'MLA: 61 × (512 + 64) × 2 = 70,272, not 2 × 128 heads (num_key_value_heads: 128 is a trap; SOURCES.md)',
    perToken: 70_272, constant: 0, kinds: ['61×mla'],
  },
  {
    file: 'deepseek-ai__DeepSeek-V3.2.json',
    why: 'MLA + indexer: 61 × ((512 + 64) × 2 + 128 + 4) = 78,324 (the indexer is fp8 with one fp32 scale per 128, as SGLang: 132 B)',
    perToken: 61 * (1152 + 132), constant: 0, kinds: ['61×mla'],
  },
  {
    file: 'zai-org__GLM-5.json',
    why: 'MLA + indexer: 78 × ((512 + 64) × 2 + 132) = 100,152 (head_dim 64 and 64 KV heads are not what MLA caches)',
    perToken: 78 * (1152 + 132), constant: 0, kinds: ['78×mla'],
  },
  {
    file: 'openai__gpt-oss-120b.json',
    why: 'layer_types: 18 full × 8 × 64 × 2 × 2 = 36,864 per token; 18 sliding layers hold 128 tokens: 18 × 128 × 2,048 = 4,718,592',
    perToken: 36_864, constant: 4_718_592, kinds: ['18×full', '18×sliding'],
  },
  {
    file: 'openai__gpt-oss-20b.json',
    why: 'layer_types: 12 full + 12 sliding (128): 12 × 2,048 per token; 12 × 128 × 2,048 constant',
    perToken: 24_576, constant: 3_145_728, kinds: ['12×full', '12×sliding'],
  },
  {
    file: 'Qwen__Qwen3-8B.json',
    why: 'explicit head_dim 128; use_sliding_window false: 36 × 8 × 128 × 2 × 2 = 147,456',
    perToken: 147_456, constant: 0, kinds: ['36×full'],
  },
  {
    file: 'Qwen__Qwen3-32B.json',
    why: '64 × 8 × 128 × 2 × 2 = 262,144',
    perToken: 262_144, constant: 0, kinds: ['64×full'],
  },
  {
    file: 'Qwen__Qwen3-235B-A22B.json',
    why: '94 × 4 × 128 × 2 × 2 = 192,512 (engine-logs.md: 48,128 per rank at TP 4 = 192,512 / 4)',
    perToken: 192_512, constant: 0, kinds: ['94×full'],
  },
  {
    file: 'Qwen__Qwen2.5-7B-Instruct.derived-copy.json',
    why: 'use_sliding_window false, so sliding_window is ignored; 28 × 4 × (3584 / 28 = 128) × 2 × 2 = 57,344',
    perToken: 57_344, constant: 0, kinds: ['28×full'],
  },
  {
    file: 'Qwen__Qwen3-Next-80B-A3B-Thinking.json',
    why: 'full_attention_interval 4: 12 full × 2 × 256 × 2 × 2 = 24,576 per token; 36 Gated DeltaNet layers keep 32 × 128 × 128 + (2 × 16 × 128 + 32 × 128) × 3 = 548,864 elements × 2 B each',
    perToken: 24_576, constant: 36 * 548_864 * 2, kinds: ['12×full', '36×linear_attention'],
  },
  {
    file: 'mistralai__Mixtral-8x7B-v0.1.json',
    why: 'sliding_window null: full; 32 × 8 × 128 × 2 × 2 = 131,072',
    perToken: 131_072, constant: 0, kinds: ['32×full'],
  },
  {
    file: 'mistralai__Mistral-7B-v0.1.derived-copy.json',
    why: 'sliding_window 4096 on every layer: nothing grows with the context; 32 × 4,096 × 4,096 = 536,870,912 constant',
    perToken: 0, constant: 32 * 4096 * 4096, kinds: ['32×sliding'],
  },
  {
    file: 'bigcode__starcoder2-3b.json',
    why: 'sliding 4096 on every layer, 2 KV heads, head_dim 3072 / 24 = 128: 30 × 4,096 × (2 × 256 × 2)',
    perToken: 0, constant: 30 * 4096 * 1024, kinds: ['30×sliding'],
  },
  {
    file: 'tiiuae__falcon-7b-instruct.json',
    why: 'multi_query: one KV head; head_dim 4544 / 71 = 64; 32 × 1 × 64 × 2 × 2 = 8,192; max_position_embeddings from the falcon default 2048',
    perToken: 8_192, constant: 0, kinds: ['32×full'], maxPosition: 2048,
  },
  {
    file: 'google__gemma-3-27b-it.derived-copy.json',
    why: "text_config; gemma3's default pattern (1 full every 6): 10 full × 16 × 128 × 2 × 2 = 81,920 per token; 52 sliding × 1,024 × 8,192 constant; 131,072 from the model type",
    perToken: 81_920, constant: 52 * 1024 * 8192, kinds: ['10×full', '52×sliding'], maxPosition: 131_072,
  },
  {
    file: 'google__gemma-4-26B-A4B.json',
    why: 'layer_types; full layers use global_head_dim 512 and 2 global KV heads: 5 × 2 × 512 × 2 × 2 = 20,480; 25 sliding × 1,024 × (8 × 256 × 2 × 2)',
    perToken: 20_480, constant: 25 * 1024 * 8192, kinds: ['25×sliding', '5×full'],
  },
  {
    file: 'meta-llama__Llama-4-Scout-17B-16E-Instruct.json',
    why: 'attention_chunk_size 8192 with a global layer every 4th: 12 × 8 × 128 × 2 × 2 = 49,152 per token; 36 chunked × 8,192 × 4,096 constant',
    perToken: 49_152, constant: 36 * 8192 * 4096, kinds: ['12×full', '36×chunked'],
  },
  {
    file: 'nvidia__Nemotron-H-56B-Base-8K.json',
    why: "hybrid_override_pattern: 10 '*' attention × 8 × 128 × 2 × 2 = 40,960 per token; 54 Mamba2 layers keep 256 × 64 × 256 + (16,384 + 2 × 8 × 256) × 3 = 4,255,744 elements × 2 B; 54 MLP layers nothing",
    perToken: 40_960, constant: 54 * 4_255_744 * 2, kinds: ['10×full', '54×mamba', '54×none'],
  },
  {
    file: 'nvidia__Llama-3_3-Nemotron-Super-49B-v1.json',
    why: 'block_configs: 49 attention blocks with 64 / 8 = 8 KV heads × 128: 49 × 4,096 = 200,704; 31 no-op blocks keep nothing',
    perToken: 49 * 4096, constant: 0, kinds: ['31×none', '49×full'],
  },
];

describe('Hugging Face config import: KV bytes per token and constant bytes per session', () => {
  it('covers every config in the fixtures', () => {
    const files = readdirSync(DIR).filter((f) => f.endsWith('.json')).sort();
    expect(ROWS.map((r) => r.file).sort()).toEqual(files);
  });

  it.each(ROWS.map((r) => [r.file, r.why, r] as const))('%s: %s', (file, _why, row) => {
    const m = imported(file);
    const { perToken, constant, kv } = perTokenAndConstant(m);
    expect(perToken).toBe(row.perToken);
    expect(constant).toBe(row.constant);
    expect(kinds(m)).toEqual([...row.kinds].sort());
    // bytes per session = per token × context + constant, at any context below the maximum
    for (const ctx of [1, 4096, 32768]) {
      const k = kvPerSession(m, ctx, 'bf16');
      if (ctx <= m.max_position_embeddings) expect(k.bytes).toBe(row.perToken * ctx + row.constant);
    }
    if (row.maxPosition !== undefined) expect(m.max_position_embeddings).toBe(row.maxPosition);
    // fp8 halves what attention caches (states keep the model dtype)
    const fp8 = kvPerSession(m, 1000, 'fp8');
    if (!m.kv_layers?.some((g) => g.kind === 'mla' && g.indexer_head_dim)) expect(fp8.bytes_per_context_token * 2).toBe(kv.bytes_per_context_token);
    // the imported entry is a valid catalog entry (schema and consistency rules)
    const check = checkCatalogData('models', { models: [m] }, file);
    expect(check.ok ? [] : check.problems).toEqual([]);
  });
});

describe('the two seed models from their real configs', () => {
  it.each([
    ['openai__gpt-oss-120b.json', 'opt-oss-120b'],
    ['openai__gpt-oss-20b.json', 'opt-oss-20b'],
  ])('%s gives the KV per session of the catalog entry %s, at every precision and context', (file, name) => {
    const fromConfig = imported(file);
    const catalog = builtinModel(name);
    for (const precision of ['fp8', 'int8', 'fp16', 'bf16'] as const) {
      for (const ctx of [1, 100, 128, 129, 4096, 65536, 131072, 200000]) {
        expect(kvPerSession(fromConfig, ctx, precision).bytes).toBe(kvPerSession(catalog, ctx, precision).bytes);
      }
    }
    expect(fromConfig.max_position_embeddings).toBe(catalog.max_position_embeddings);
  });
});

describe('active parameters counted from config.json (the performance model’s FLOPs)', () => {
  // Published figures: dense models' parameter counts, and the active counts model cards state.
  it.each([
    ['Qwen__Qwen3-235B-A22B.json', 22, 0.02],
    ['mistralai__Mixtral-8x7B-v0.1.json', 12.9, 0.01],
    ['meta-llama__Llama-4-Scout-17B-16E-Instruct.json', 17, 0.02],
    ['google__gemma-4-26B-A4B.json', 3.8, 0.05],
    // gpt-oss: OpenAI's 5.1 B leaves out the input embeddings (a look-up); the count keeps them, as for dense models.
    ['openai__gpt-oss-120b.json', 5.1 + 0.58, 0.01],
  ] as const)('%s ≈ %f B (±%f)', (file, want, tolerance) => {
    const m = imported(file);
    expect(m.active_params_b).toBeDefined();
    expect(Math.abs(m.active_params_b! / want - 1)).toBeLessThanOrEqual(tolerance);
  });

  it.each(['meta-llama__Meta-Llama-3.1-8B.json', 'meta-llama__Llama-2-70b-hf.json', 'bigcode__starcoder2-3b.json'])('%s: dense, so nothing is derived (active = total)', (file) => {
    expect(imported(file).active_params_b).toBeUndefined();
  });

  it.each(['deepseek-ai__DeepSeek-V3.json', 'Qwen__Qwen3-Next-80B-A3B-Thinking.json', 'nvidia__Nemotron-H-56B-Base-8K.json'])('%s: not counted (MLA, linear attention or Mamba layers): left to the parameter count', (file) => {
    expect(imported(file).active_params_b).toBeUndefined();
  });
});
