/**
 * Engine behaviour that depends on the model or the GPU is read from catalog fields, never from names:
 * `sglang_sliding_as_full` (models) and `gpu_architecture` (servers). The importer sets the model's from
 * config.json; entries without them keep today's numbers; and every built-in model × server × engine
 * gives exactly what it gave before the fields existed.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { sizeRequest } from '../../src/app/size-request.ts';
import { BUILTIN_CATALOG } from '../../src/catalog/builtin.ts';
import { importHfConfig, parseConfigText } from '../../src/catalog/hf-import.ts';
import { CatalogIndex } from '../../src/catalog/lookup.ts';
import { parseCatalogFile } from '../../src/catalog/load.ts';
import type { FullSizingRequest } from '../../src/core/sizing.ts';
import type { ModelEntry, ServerEntry } from '../../src/schema/catalog.ts';
import { model, server, storage } from '../helpers/catalog.ts';
import { planned, size } from '../helpers/size.ts';

const fixture = (file: string) => readFileSync(fileURLToPath(new URL(`../fixtures/hf-configs/${file}`, import.meta.url)), 'utf8');
function imported(config: Record<string, unknown>): ModelEntry {
  const r = importHfConfig(config, { name: 'imported', fallbackName: 'imported', source: 'config.json' });
  if (!r.ok) throw new Error(JSON.stringify(r.problems));
  return r.value.model;
}
const config = (file: string): Record<string, unknown> => {
  const r = parseConfigText(fixture(file));
  if (!r.ok) throw new Error(r.error);
  return r.value as Record<string, unknown>;
};

describe('sglang_sliding_as_full, from config.json', () => {
  it.each([
    ['openai__gpt-oss-120b.json', true],
    ['openai__gpt-oss-20b.json', true],
    ['google__gemma-3-27b-it.derived-copy.json', undefined],
    ['mistralai__Mistral-7B-v0.1.derived-copy.json', undefined],
    ['meta-llama__Meta-Llama-3.1-8B.json', undefined],
  ] as const)('%s: %s', (file, expected) => {
    expect(imported(config(file)).sglang_sliding_as_full).toBe(expected);
  });

  it("follows the architecture SGLang checks (GptOssForCausalLM), not the model's name", () => {
    const gptOss = config('openai__gpt-oss-20b.json');
    expect(imported({ ...gptOss, _name_or_path: 'my-model' }).sglang_sliding_as_full).toBe(true);
    expect(imported({ ...gptOss, architectures: ['SomethingElseForCausalLM'] }).sglang_sliding_as_full).toBeUndefined();
    const { architectures: _dropped, ...noArchitectures } = gptOss;
    expect(imported(noArchitectures).sglang_sliding_as_full).toBe(true); // the model type stands in
  });

  it('is carried by the built-in gpt-oss and opt-oss entries, and by no other', () => {
    expect(BUILTIN_CATALOG.models.filter((m) => m.sglang_sliding_as_full).map((m) => m.name).sort()).toEqual(['gpt-oss-120b', 'gpt-oss-20b', 'opt-oss-120b', 'opt-oss-20b']);
  });
});

describe('sglang_sliding_as_full decides how SGLang pools the sliding layers', () => {
  const tokens = (m: ModelEntry) =>
    size({ model: m, server: server('dgx-h200'), storage: storage('profile_default') }, { concurrency: 10, effective_context: 131072, memory_model: 'sglang' }).scenarios.recommended.engine!.kv_tokens;
  const { sglang_sliding_as_full: _flag, ...plain } = model('gpt-oss-120b');

  it('with it every layer counts at full width; without it the sliding layers count 0.8 (more tokens)', () => {
    expect(tokens(model('gpt-oss-120b'))).toBe(998_731);
    expect(tokens(plain)).toBeGreaterThan(998_731);
  });

  it('a name says nothing: an "opt-oss" name without the field is not pooled as full, any name with it is', () => {
    expect(tokens({ ...plain, name: 'opt-oss-120b-copy' })).toBe(tokens(plain));
    expect(tokens({ ...model('gpt-oss-120b'), name: 'anything' })).toBe(998_731);
  });
});

describe('gpu_architecture decides the vLLM batched-tokens default', () => {
  const batched = (s: ServerEntry, request: Partial<FullSizingRequest> = {}) =>
    (planned({ model: model('Meta-Llama-3.1-8B'), server: s, storage: storage('profile_default') }, { concurrency: 10, effective_context: 8192, memory_model: 'vllm', ...request }).deployment!.engine as { max_num_batched_tokens: number }).max_num_batched_tokens;
  const { gpu_architecture: _arch, ...a100Plain } = server('a100-80gb-8');

  it.each([
    ['a100-80gb-8 (ampere, 79.2 GiB seen): the small default', server('a100-80gb-8'), 2048],
    ['dgx-h100 (hopper, 79.2 GiB): the large default', server('dgx-h100'), 8192],
    ['l40s-8 (ada, 47.5 GiB): under 70 GiB, the small default', server('l40s-8'), 2048],
    ['mi300x-8 (cdna3): the large default', server('mi300x-8'), 8192],
    ['the A100 entry without the field: no exception applies', a100Plain as ServerEntry, 8192],
    ['an entry named "a100" without the field: the name says nothing', { ...a100Plain, name: 'my-a100-box', gpu_model: 'A100' } as ServerEntry, 8192],
  ] as const)('%s → %d', (_why, s, expected) => {
    expect(batched(s)).toBe(expected);
  });

  it("is stated by every built-in data-sheet server (the original tool's two entries carry no data-sheet field)", () => {
    const missing = BUILTIN_CATALOG.servers.filter((s) => s.gpu_model !== undefined && s.gpu_architecture === undefined).map((s) => s.name);
    expect(missing).toEqual([]);
    expect(BUILTIN_CATALOG.servers.filter((s) => s.gpu_architecture === 'ampere').map((s) => s.name)).toEqual(['a100-80gb-8']);
  });

  it('a given --max-num-batched-tokens wins', () => {
    expect(batched(server('a100-80gb-8'), { max_num_batched_tokens: 4096 })).toBe(4096);
  });
});

describe("entries without the new fields (the original tool's files)", () => {
  it("the original tool's servers (no gpu_architecture) give the numbers they gave", () => {
    const golden = JSON.parse(readFileSync(fileURLToPath(new URL('../fixtures/engines-before-catalog-fields.json', import.meta.url)), 'utf8')) as Record<string, [number, number]>;
    const index = new CatalogIndex(BUILTIN_CATALOG);
    for (const s of ['dgx300', 'dgx200']) {
      expect(server(s).gpu_architecture).toBeUndefined();
      const r = sizeRequest({ model: 'Meta-Llama-3.1-8B', server: s, storage: 'profile_default', concurrency: 1000, effective_context: 32768, memory_model: 'vllm' }, index);
      if (!r.ok) throw new Error(JSON.stringify(r.problems));
      const n = r.value.scenarios.recommended.results;
      expect([n.kv_budget_gib, n.sessions_per_node]).toEqual(golden[`Meta-Llama-3.1-8B|${s}|vllm`]);
    }
  });

  it('still validate: both fields are optional', () => {
    const { sglang_sliding_as_full: _m, ...m } = model('opt-oss-120b');
    expect(parseCatalogFile('models', JSON.stringify({ models: [m] }), 'models.json').ok).toBe(true);
    const { gpu_architecture: _s, ...s } = server('dgx-h100');
    expect(parseCatalogFile('servers', JSON.stringify({ servers: [s] }), 'servers.json').ok).toBe(true);
    expect(parseCatalogFile('servers', JSON.stringify({ servers: [{ ...s, gpu_architecture: 'Hopper' }] }), 'servers.json').ok).toBe(false);
  });
});

describe('every built-in model × server × engine, at 32,768 tokens and 1,000 sessions', () => {
  // Recorded with the code before the catalog fields (commit 9df23a3, where SGLang's pooling was picked
  // by the model's name and vLLM's batched tokens by a regex on the server's name): the recommended
  // scenario's KV budget (GiB) and sessions per node.
  const golden = JSON.parse(readFileSync(fileURLToPath(new URL('../fixtures/engines-before-catalog-fields.json', import.meta.url)), 'utf8')) as Record<string, [number, number]>;
  const index = new CatalogIndex(BUILTIN_CATALOG);

  it('covers the whole catalog', () => {
    expect(Object.keys(golden)).toHaveLength(BUILTIN_CATALOG.models.length * BUILTIN_CATALOG.servers.length * 3);
  });

  it.each(['vllm', 'sglang', 'trtllm'] as const)('%s: exactly the numbers of before', (memoryModel) => {
    const differ: string[] = [];
    for (const m of BUILTIN_CATALOG.models) {
      for (const s of BUILTIN_CATALOG.servers) {
        const key = `${m.name}|${s.name}|${memoryModel}`;
        const r = sizeRequest({ model: m.name, server: s.name, storage: 'profile_default', concurrency: 1000, effective_context: 32768, memory_model: memoryModel }, index);
        const got = r.ok ? [r.value.scenarios.recommended.results.kv_budget_gib, r.value.scenarios.recommended.results.sessions_per_node] : null;
        if (JSON.stringify(got) !== JSON.stringify(golden[key])) differ.push(`${key}: ${JSON.stringify(got)} vs ${JSON.stringify(golden[key])}`);
      }
    }
    expect(differ).toEqual([]);
  });
});
