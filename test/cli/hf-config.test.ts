/**
 * Hugging Face configs through the CLI (in process): malformed ones each get one clear message naming the
 * field and exit 2 (nothing written); good ones size like the catalog entry; `catalog import` adds
 * or replaces a model in a user catalog file, whole or not at all.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { parseJsonDocument, runCli, tempDir } from '../helpers/cli.ts';

const tmp = tempDir('llm-sizing-hf-');
afterAll(() => tmp.remove());
const fixture = (name: string) => fileURLToPath(new URL(`../fixtures/hf-configs/${name}`, import.meta.url));
const LLAMA = fixture('meta-llama__Meta-Llama-3.1-8B.json');
const base = { num_hidden_layers: 4, num_attention_heads: 8, num_key_value_heads: 2, hidden_size: 512, max_position_embeddings: 4096, torch_dtype: 'bfloat16', model_type: 'llama' };
const write = (name: string, content: unknown) => {
  const path = join(tmp.path, name);
  writeFileSync(path, typeof content === 'string' ? content : JSON.stringify(content));
  return path;
};
const SIZE = ['--server', 'dgx300', '--storage', 'profile_default', '--concurrency', '10', '--effective-context', '1024'];

const MALFORMED: [string, string, string[]][] = [
  // [why, file, what the message must name]
  ['not JSON', write('not-json.json', '{"num_hidden_layers": 4,'), ['not-json.json', 'not valid JSON']],
  ['a JSON array, not an object', write('array.json', [1, 2]), ['(config)', 'a JSON object']],
  ['no layer count', write('no-layers.json', { ...base, num_hidden_layers: undefined }), ['num_hidden_layers', 'required']],
  ['a layer count that is not a whole number', write('bad-layers.json', { ...base, num_hidden_layers: 3.5 }), ['num_hidden_layers', 'got 3.5', 'whole number']],
  ['KV heads that do not divide the attention heads (contradictory)', write('heads.json', { ...base, num_key_value_heads: 3 }), ['num_key_value_heads', 'got 3', '8 heads, 3 KV heads']],
  ['layer_types of the wrong length (contradictory)', write('types-length.json', { ...base, layer_types: ['full_attention'] }), ['layer_types', 'one entry per layer', 'num_hidden_layers is 4']],
  ['an unknown attention kind in layer_types', write('types-kind.json', { ...base, layer_types: ['full_attention', 'diagonal_attention', 'full_attention', 'full_attention'] }), ['layer_types[1]', '"diagonal_attention"', 'one of: full_attention']],
  ['an unknown layer kind in hybrid_override_pattern', write('pattern.json', { ...base, hybrid_override_pattern: 'M*XM' }), ['hybrid_override_pattern[2]', '"X"', 'M (Mamba2)']],
  ['sliding layers without a window', write('no-window.json', { ...base, layer_types: ['sliding_attention', 'full_attention', 'sliding_attention', 'full_attention'] }), ['sliding_window', 'layer_types requires']],
  ['a head_dim that cannot be derived (hidden_size not divisible by heads)', write('head-dim.json', { ...base, hidden_size: 500 }), ['hidden_size', '500 / 8 is not whole']],
  ['no max_position_embeddings and an unknown model type', write('no-max.json', { ...base, max_position_embeddings: undefined, model_type: 'mystery' }), ['max_position_embeddings', '"mystery"']],
  ['GPT-Neo local attention (not interpreted)', write('gpt-neo.json', { ...base, attention_types: [[['global', 'local'], 2]] }), ['attention_types', 'not supported']],
  ['an unknown dtype', write('dtype.json', { ...base, torch_dtype: 'int3' }), ['torch_dtype', '"int3"', 'a known dtype']],
  ['MLA without its RoPE key dims', write('mla.json', { ...base, kv_lora_rank: 512 }), ['qk_rope_head_dim', 'required']],
  ['Mamba layers only, with no state sizes: nothing to size', write('mamba-only.json', { ...base, hybrid_override_pattern: 'M-M-' }), ['kv_layers', 'keeps something per session']],
  ['block_configs whose KV grouping does not divide the heads', write('nas.json', { ...base, num_key_value_heads: null, block_configs: Array(4).fill({ attention: { n_heads_in_group: 3, no_op: false } }) }), ['block_configs[0].attention.n_heads_in_group', 'got 3']],
];

describe('malformed configs: one clear message naming the field, exit 2, nothing written', () => {
  it.each(MALFORMED)('%s', async (_why, file, mentions) => {
    const out = join(tmp.path, `out-${Math.random().toString(36).slice(2)}.json`);
    const r = await runCli(['--hf-config', file, ...SIZE, '--output-json-file', out]);
    expect(r.status).toBe(2);
    expect(r.stdout).toBe('');
    for (const m of mentions) expect(r.stderr).toContain(m);
    expect(r.stderr).not.toMatch(/\n\s+at |Error:/);
    expect(r.stderr.trim().split('\n').length).toBeLessThanOrEqual(4);
    expect(existsSync(out)).toBe(false);
  });
});

describe('--hf-config', () => {
  it('sizes a model from its config.json exactly as the catalog entry imported from the same file', async () => {
    const fromFile = parseJsonDocument((await runCli(['--hf-config', LLAMA, ...SIZE, '--params-b', '8.03', '--json-only'])).stdout) as { scenarios: unknown; kv_cache: unknown };
    const fromCatalog = parseJsonDocument((await runCli(['--model', 'Meta-Llama-3.1-8B', ...SIZE, '--json-only'])).stdout) as { scenarios: unknown; kv_cache: unknown };
    expect(fromFile.kv_cache).toEqual(fromCatalog.kv_cache);
    expect(fromFile.scenarios).toEqual(fromCatalog.scenarios);
  });

  it('shows the geometry it read, layer kind by layer kind, and how', async () => {
    const r = await runCli(['--hf-config', fixture('google__gemma-3-27b-it.derived-copy.json'), ...SIZE]);
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('10 × full attention: 16 KV heads × 128 dims');
    expect(r.stdout).toContain('52 × sliding window: 16 KV heads × 128 dims, 1,024 tokens');
    expect(r.stdout).toContain("model type gemma3_text's default");
    expect(r.stdout).toMatch(/WARNING: The config has no max_position_embeddings/);
  });

  it('reports the weights and warns when they exceed the runtime overhead', async () => {
    const r = await runCli(['--hf-config', LLAMA, ...SIZE, '--params-b', '8.03', '--runtime-overhead-gib', '10', '--json-only']);
    const doc = parseJsonDocument(r.stdout) as { kv_cache: { weights_gib: number }; alerts: { code: string }[] };
    expect(doc.kv_cache.weights_gib).toBeCloseTo((8.03e9 * 2) / 2 ** 30, 9);
    expect(doc.alerts.map((a) => a.code)).toContain('weights_exceed_overhead');
  });
});

describe('catalog import', () => {
  it('adds the model to a new catalog file, then sizes it from there', async () => {
    const file = join(tmp.path, 'my-models.json');
    const r = await runCli(['catalog', 'import', fixture('deepseek-ai__DeepSeek-V3.json'), '--models-file', file]);
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('Added DeepSeek-V3 to');
    expect(r.stdout).toContain('70,272 bytes at bf16');
    const saved = JSON.parse(readFileSync(file, 'utf8')) as { models: { name: string; kv_layers: unknown[] }[] };
    expect(saved.models.map((m) => m.name)).toEqual(['DeepSeek-V3']);
    expect(saved.models[0]!.kv_layers).toEqual([{ kind: 'mla', count: 61, kv_lora_rank: 512, qk_rope_head_dim: 64 }]);
    const sized = await runCli(['--models-file', file, '--model', 'DeepSeek-V3', ...SIZE, '--json-only']);
    expect(sized.status).toBe(0);
    expect((parseJsonDocument(sized.stdout) as { kv_cache: { bytes_per_context_token: number } }).kv_cache.bytes_per_context_token).toBe(70_272);
  });

  it('replaces a model of the same name and keeps the others; --name names it', async () => {
    const file = join(tmp.path, 'two.json');
    await runCli(['catalog', 'import', LLAMA, '--models-file', file]);
    await runCli(['catalog', 'import', fixture('Qwen__Qwen3-8B.json'), '--models-file', file, '--name', 'my-qwen']);
    const again = await runCli(['catalog', 'import', fixture('Qwen__Qwen3-8B.json'), '--models-file', file, '--name', 'my-qwen']);
    expect(again.stdout).toContain('Replaced my-qwen');
    const saved = JSON.parse(readFileSync(file, 'utf8')) as { models: { name: string }[] };
    expect(saved.models.map((m) => m.name)).toEqual(['Meta-Llama-3.1-8B', 'my-qwen']);
  });

  it('refuses to add to a catalog file that is not valid, and leaves it as it was', async () => {
    const file = write('broken-catalog.json', '{"models": [ {"name": "x"} ]}');
    const before = readFileSync(file, 'utf8');
    const r = await runCli(['catalog', 'import', LLAMA, '--models-file', file]);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('num_layers');
    expect(readFileSync(file, 'utf8')).toBe(before);
  });

  it('needs the config path', async () => {
    const r = await runCli(['catalog', 'import']);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('PATH is missing');
  });
});
