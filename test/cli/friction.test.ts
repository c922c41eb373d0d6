/**
 * Less friction (issue 9, point 5), each through every surface it reaches (CLI in process, batch,
 * HTTP API, library, request schema):
 *
 * - enum values in any case, made canonical (messages still list the canonical values);
 * - token counts as `32k` / `128K` (× 1,024);
 * - `--storage` optional, default `profile_default`;
 * - catalog files add to the built-in catalog by name; `--replace-catalog` replaces (the original tool's files give its results);
 * - no arguments: the help, exit 0;
 * - every input problem in one round.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { afterAll, describe, expect, it } from 'vitest';
import { sizingFields } from '../../src/app/fields.ts';
import { sizeRequest } from '../../src/app/size-request.ts';
import { BUILTIN_CATALOG } from '../../src/catalog/builtin.ts';
import { withEntries } from '../../src/catalog/extend.ts';
import { CatalogIndex } from '../../src/catalog/lookup.ts';
import { batchStream } from '../../src/cli/batch.ts';
import { helpText } from '../../src/cli/help.ts';
import { createCatalog, sizing, SizingInputError } from '../../src/index.ts';
import { renderContext } from '../../src/report/context.ts';
import { localeOf } from '../../src/report/format.ts';
import { canonicalEnum, REQUEST_FIELD_SPECS, requestJsonSchema, validateRequest } from '../../src/schema/request.ts';
import { tokenCount } from '../../src/schema/tokens.ts';
import { createApp } from '../../src/server/app.ts';
import { parseJsonDocument, ROOT, runCli, runCliAll, tempDir } from '../helpers/cli.ts';
import { SEED_CASES } from '../helpers/seed.ts';

const tmp = tempDir('friction');
afterAll(() => tmp.remove());

const BASE = ['--model', 'opt-oss-120b', '--server', 'dgx300', '--storage', 'profile_default', '--concurrency', '1000', '--effective-context', '131072'];
/** BASE with flags replaced or added (`undefined` drops one). */
function flags(over: Record<string, string | undefined>): string[] {
  const m = new Map<string, string | undefined>();
  for (let i = 0; i < BASE.length; i += 2) m.set(BASE[i]!.slice(2), BASE[i + 1]);
  for (const [k, v] of Object.entries(over)) m.set(k, v);
  return [...m].flatMap(([k, v]) => (v === undefined ? [] : [`--${k}`, v]));
}
async function jsonOf(args: string[]): Promise<unknown> {
  const r = await runCli([...args, '--json-only']);
  expect(r.stderr).toBe('');
  expect(r.status).toBe(0);
  return parseJsonDocument(r.stdout);
}
const REQUEST = { model: 'opt-oss-120b', server: 'dgx300', storage: 'profile_default', concurrency: 1000, effective_context: 131072 } as const;

const app = createApp({ env: { SOURCE_DATE_EPOCH: '0' }, webRoot: join(ROOT, 'web') });
async function api(body: unknown): Promise<{ status: number; json: Record<string, unknown> }> {
  const res = await app.request('http://localhost/api/v1/sizing', { method: 'POST', body: JSON.stringify(body), headers: { 'Content-Type': 'application/json' } });
  return { status: res.status, json: (await res.json()) as Record<string, unknown> };
}
async function batchLines(lines: readonly unknown[]): Promise<Record<string, unknown>[]> {
  const chunks: Buffer[] = [];
  const catalog = new CatalogIndex(BUILTIN_CATALOG);
  await batchStream(Readable.from([`${lines.map((l) => JSON.stringify(l)).join('\n')}\n`]), 'test', catalog, renderContext({ locale: 'en' }), (b) => chunks.push(Buffer.from(b)));
  return Buffer.concat(chunks)
    .toString('utf8')
    .trimEnd()
    .split('\n')
    .map((l) => JSON.parse(l) as Record<string, unknown>);
}

describe('enum values in any case', () => {
  it.each([
    ['FP8', 'fp8'],
    ['Bf16', 'bf16'],
    ['N+1', 'n+1'],
    ['vLLM', 'vllm'],
    ['MXFP4', 'mxfp4'],
    ['fp8', 'fp8'],
  ])('canonicalEnum(…, %j) is %j', (given, canonical) => {
    expect(canonicalEnum(['fp8', 'bf16', 'n+1', 'vllm', 'mxfp4'], given)).toBe(canonical);
  });
  it('refuses what no case of a value matches', () => {
    expect(canonicalEnum(['fp8', 'bf16'], 'fp4')).toBeUndefined();
    expect(canonicalEnum(['fp8', 'bf16'], 'FP 8')).toBeUndefined();
  });

  it('every enum field of the request: any case of each value is accepted and stored canonical', () => {
    for (const [field, spec] of Object.entries(REQUEST_FIELD_SPECS)) {
      if (spec.type !== 'enum') continue;
      for (const v of spec.values) {
        for (const given of [v.toUpperCase(), v.toLowerCase(), v[0]!.toUpperCase() + v.slice(1)]) {
          const r = validateRequest({ ...REQUEST, [field]: given });
          expect(r.ok, `${field} ${given}`).toBe(true);
          if (r.ok) expect((r.value as unknown as Record<string, unknown>)[field], `${field} ${given}`).toBe(v);
        }
      }
    }
  });

  it('the CLI: --kv-precision FP16 --ha N+2 --memory-model VLLM --weights-precision BF16 give the canonical values\' document', async () => {
    const canonical = await jsonOf(flags({ 'kv-precision': 'fp16', ha: 'n+2', 'memory-model': 'vllm', 'tensor-parallel': '8', 'weights-precision': 'bf16' }));
    const upper = await jsonOf(flags({ 'kv-precision': 'FP16', ha: 'N+2', 'memory-model': 'VLLM', 'tensor-parallel': '8', 'weights-precision': 'BF16' }));
    expect(upper).toEqual(canonical);
    expect((upper as { inputs: { nfr: { kv_precision: string; ha_mode: string } } }).inputs.nfr).toMatchObject({ kv_precision: 'fp16', ha_mode: 'n+2' });
  });

  it('--lang in any case (PT-BR is pt-BR)', async () => {
    const r = await runCli([...BASE, '--lang', 'PT-BR', '--concurrency', '0']);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('esperado um número inteiro');
    expect(localeOf('pt-br')).toBe('pt-BR');
    expect(localeOf('pt_BR')).toBeUndefined();
  });

  it('an unknown value in capitals: the message lists the canonical values', async () => {
    const r = await runCli(flags({ 'kv-precision': 'FP32' }));
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('--kv-precision: got "FP32"; expected one of: fp8, int8, fp16, bf16');
  });

  it('batch lines, the API and the library read "FP16" and "N+2" as fp16 and n+2', async () => {
    const canonical = sizing({ ...REQUEST, kv_precision: 'fp16', ha: 'n+2' });
    expect(sizing({ ...REQUEST, kv_precision: 'FP16', ha: 'N+2' } as never)).toEqual(canonical);
    const res = await api({ ...REQUEST, kv_precision: 'FP16', ha: 'N+2' });
    expect(res.status).toBe(200);
    expect(res.json.scenarios).toEqual(canonical.scenarios);
    const [line, canonicalLine] = await batchLines([
      { ...REQUEST, kv_precision: 'FP16', ha: 'N+2' },
      { ...REQUEST, kv_precision: 'fp16', ha: 'n+2' },
    ]);
    expect((line!.inputs as Record<string, unknown>).kv_precision).toBe('fp16');
    expect({ ...line, line: 0 }).toEqual({ ...canonicalLine, line: 0 });
  });

  it('batch --fields: a non-canonical HA gives the node counts of the canonical one (the fast path too)', () => {
    const catalog = new CatalogIndex(BUILTIN_CATALOG);
    for (const ha of ['none', 'n+1', 'n+2']) {
      const want = sizingFields({ ...REQUEST, ha }, ['nodes'], catalog);
      // Twice each: the second request of a shape takes the fast path.
      for (let i = 0; i < 2; i++) expect(sizingFields({ ...REQUEST, ha: ha.toUpperCase() }, ['nodes'], catalog)).toEqual(want);
    }
  });
});

describe('token counts as 32k / 128K', () => {
  it.each([
    ['32k', 32768],
    ['128K', 131072],
    ['1.5k', 1536],
    [' 8k ', 8192],
    ['0.3k', 307.2],
    ['32', undefined],
    ['32m', undefined],
    ['k', undefined],
    ['-4k', undefined],
    ['1e3k', undefined],
  ])('tokenCount(%j) is %j', (text, count) => {
    expect(tokenCount(text)).toBe(count);
  });

  it('the CLI: --effective-context 128k is 131072 tokens, --max-num-batched-tokens 8k is 8192', async () => {
    expect(await jsonOf(flags({ 'effective-context': '128k' }))).toEqual(await jsonOf(flags({ 'effective-context': '131072' })));
    const vllm = { 'memory-model': 'vllm', 'tensor-parallel': '8' };
    expect(await jsonOf(flags({ ...vllm, 'effective-context': '32K', 'max-num-batched-tokens': '4k' }))).toEqual(
      await jsonOf(flags({ ...vllm, 'effective-context': '32768', 'max-num-batched-tokens': '4096' })),
    );
  });

  it('batch lines and API bodies accept "32k" text; JSON numbers stay numbers; a numeric string is still refused', async () => {
    const [line, plain, numeric] = await batchLines([
      { ...REQUEST, effective_context: '32k' },
      { ...REQUEST, effective_context: 32768 },
      { ...REQUEST, effective_context: '32768' },
    ]);
    expect((line!.inputs as Record<string, unknown>).effective_context).toBe(32768);
    expect(line!.scenarios).toEqual(plain!.scenarios);
    expect(numeric!.error).toMatchObject({ field: 'effective_context', value: '32768' });
    const res = await api({ ...REQUEST, effective_context: '128k' });
    expect(res.status).toBe(200);
    expect(res.json.scenarios).toEqual(sizing(REQUEST).scenarios);
    expect(sizing({ ...REQUEST, effective_context: '128K' } as never)).toEqual(sizing(REQUEST));
  });

  it('only token counts take the suffix: --concurrency 10k is refused, naming the value', async () => {
    const r = await runCli(flags({ concurrency: '10k' }));
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('--concurrency: "10k" is not a number');
  });

  it('the request schema says a token count may be a string such as "32k", and its pattern agrees with tokenCount', () => {
    const props = requestJsonSchema().properties as Record<string, { type: unknown; pattern?: string }>;
    const tokenFields = Object.entries(REQUEST_FIELD_SPECS).filter(([, s]) => 'tokens' in s && s.tokens).map(([f]) => f);
    expect(tokenFields.sort()).toEqual(['effective_context', 'input_tokens', 'max_num_batched_tokens', 'output_tokens']);
    for (const f of tokenFields) {
      expect(props[f]!.type).toEqual(['integer', 'string']);
      const re = new RegExp(props[f]!.pattern!);
      for (const t of ['32k', '128K', '1.5k', ' 8k ', '32', '32m', 'k', '-4k', '1e3k']) expect(re.test(t), t).toBe(tokenCount(t) !== undefined);
    }
  });

  it('--help says so in both languages, with the token-count flags', () => {
    expect(helpText('size')).toContain('Token counts (--effective-context, --input-tokens, --output-tokens, --max-num-batched-tokens) also take k for thousands of tokens: 32k = 32 × 1,024 = 32,768');
    expect(helpText('size', 'pt-BR')).toContain('Contagens de tokens (--effective-context, --input-tokens, --output-tokens, --max-num-batched-tokens) também aceitam k');
    expect(helpText('batch')).toContain('"32k" (× 1,024)');
  });
});

describe('--storage defaults to profile_default', () => {
  it('the CLI: leaving it out gives the document of --storage profile_default', async () => {
    expect(await jsonOf(flags({ storage: undefined }))).toEqual(await jsonOf(flags({})));
  });
  it('the request schema, the API, batch and the library', async () => {
    const schema = requestJsonSchema() as { required: string[]; properties: Record<string, { default?: unknown }> };
    expect(schema.required).not.toContain('storage');
    expect(schema.properties.storage!.default).toBe('profile_default');
    const { storage: _s, ...noStorage } = REQUEST;
    const res = await api(noStorage);
    expect(res.status).toBe(200);
    expect((res.json.inputs as { storage: { name: string } }).storage.name).toBe('profile_default');
    expect(sizing(noStorage as never)).toEqual(sizing(REQUEST));
    const [line] = await batchLines([noStorage]);
    expect((line!.inputs as Record<string, unknown>).storage).toBe('profile_default');
  });
  it('--help shows the default', () => {
    expect(helpText('size')).toMatch(/--storage NAME\s+storage profile from the catalog \(its read throughput, IOPS and latency: alerts, and the storage and recovery section\); default profile_default/);
  });
});

describe('catalog files add to the built-in catalog; --replace-catalog replaces', () => {
  const dir = join(tmp.path, 'catalog');
  mkdirSync(dir, { recursive: true });
  const mine = { name: 'my-model', num_layers: 4, num_key_value_heads: 2, head_dim: 64, max_position_embeddings: 8192, attention_pattern: 'full', default_kv_precision: 'fp8' };
  // A model of a built-in name, of 4 layers: it must replace the built-in one.
  const bigger = { ...mine, name: 'opt-oss-120b' };
  const modelsFile = join(dir, 'models.json');
  writeFileSync(modelsFile, JSON.stringify({ models: [mine, bigger] }));

  it('a file model and a built-in model are both found, without --replace-catalog', async () => {
    const [a, b] = await runCliAll([
      { args: ['--models-file', modelsFile, '--model', 'my-model', '--server', 'dgx300', '--concurrency', '10', '--effective-context', '4k', '--json-only'] },
      { args: ['--models-file', modelsFile, '--model', 'Qwen3-8B', '--server', 'dgx300', '--concurrency', '10', '--effective-context', '4k', '--json-only'] },
    ]);
    expect(a!.status, a!.stderr).toBe(0);
    expect(b!.status, b!.stderr).toBe(0);
  });

  it('an entry of a built-in name replaces the built-in one', async () => {
    const withFile = (await jsonOf(['--models-file', modelsFile, ...BASE])) as { kv_cache: { bytes_per_session: number }; inputs: { model: { num_layers: number } } };
    const builtin = (await jsonOf(BASE)) as { kv_cache: { bytes_per_session: number } };
    expect(withFile.inputs.model.num_layers).toBe(4);
    expect(withFile.kv_cache.bytes_per_session).toBeLessThan(builtin.kv_cache.bytes_per_session);
  });

  it('with --replace-catalog a built-in name is unknown (the original behaviour)', async () => {
    const r = await runCli(['--models-file', modelsFile, '--replace-catalog', ...flags({ model: 'Qwen3-8B' })]);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('--model: unknown name "Qwen3-8B"; expected one of: my-model, opt-oss-120b');
  });

  it("the original tool's catalog files give the same documents with and without --replace-catalog (seed cases)", async () => {
    const cases = SEED_CASES.filter((c) => c.catalog !== null).slice(0, 12);
    expect(cases.length).toBeGreaterThan(0);
    const runs = cases.flatMap((c) => {
      const caseDir = join(dir, c.id);
      mkdirSync(caseDir, { recursive: true });
      writeFileSync(join(caseDir, 'models.json'), JSON.stringify({ models: c.catalog!.models }));
      writeFileSync(join(caseDir, 'servers.json'), JSON.stringify({ servers: c.catalog!.servers }));
      writeFileSync(join(caseDir, 'storage.json'), JSON.stringify({ profiles: c.catalog!.storage }));
      const args = [
        ...Object.entries(c.args).flatMap(([k, v]) => [`--${k.replace(/_/g, '-')}`, String(v)]),
        ...['--models-file', join(caseDir, 'models.json'), '--servers-file', join(caseDir, 'servers.json'), '--storage-file', join(caseDir, 'storage.json'), '--json-only'],
      ];
      return [{ args }, { args: [...args, '--replace-catalog'] }];
    });
    const out = await runCliAll(runs);
    for (let i = 0; i < out.length; i += 2) {
      expect(out[i]!.status, out[i]!.stderr).toBe(out[i + 1]!.status);
      expect(out[i]!.stdout).toBe(out[i + 1]!.stdout);
    }
  });

  it('one rule for the CLI and the library: createCatalog({ extend: true }) lists what the CLI lists', async () => {
    const r = await runCli(['catalog', 'models', '--models-file', modelsFile, '--json']);
    const cli = (parseJsonDocument(r.stdout) as { models: { name: string }[] }).models.map((m) => m.name);
    expect(cli).toEqual(createCatalog({ models: [mine, bigger] as never, extend: true }).names('models'));
    expect(createCatalog({ models: [mine] as never }).names('models')).toEqual(['my-model']);
    expect(withEntries([{ name: 'a' }, { name: 'b' }], [{ name: 'b' }, { name: 'c' }], false).map((e) => e.name)).toEqual(['b', 'c', 'a']);
    expect(withEntries([{ name: 'a' }], [{ name: 'c' }], true).map((e) => e.name)).toEqual(['c']);
  });

  it('catalog says where the entries come from', async () => {
    const r = await runCli(['catalog', 'models', '--models-file', modelsFile]);
    expect(r.stdout).toContain(`MODELS (built-in and ${modelsFile}): --model`);
    expect(r.stdout).toContain('my-model');
    expect(r.stdout).toContain('Qwen3-8B');
    const replaced = await runCli(['catalog', 'models', '--models-file', modelsFile, '--replace-catalog']);
    expect(replaced.stdout).toContain(`MODELS (from ${modelsFile}): --model`);
    expect(replaced.stdout).not.toContain('Qwen3-8B');
  });
});

describe('no arguments', () => {
  it('prints the help on standard output, exit 0', async () => {
    expect(await runCli([])).toEqual({ status: 0, stdout: helpText('size'), stderr: '' });
  });
  it('a flag alone is still a sizing request, with its problems', async () => {
    const r = await runCli(['--json-only']);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('--model');
  });
});

describe('every input problem in one round', () => {
  it('the CLI: unknown names, bad numbers and an unknown storage profile together', async () => {
    const r = await runCli(['--model', 'opt-oss-12b', '--server', 'dgx30', '--storage', 'profile_defualt', '--concurrency', '-5', '--effective-context', '32q']);
    expect(r.status).toBe(2);
    const lines = r.stderr.trimEnd().split('\n');
    expect(lines.map((l) => /^llm-sizing: (--[\w-]+)/.exec(l)?.[1]).filter(Boolean)).toEqual(['--model', '--server', '--storage', '--concurrency', '--effective-context']);
    expect(r.stderr).toContain('did you mean "opt-oss-120b"');
    expect(r.stderr).toContain('did you mean "dgx300"');
  });

  it('the CLI: a bad catalog file, a bad number and an output file that cannot be written together', async () => {
    const bad = join(tmp.path, 'bad-servers.json');
    writeFileSync(bad, '{"servers": [');
    const r = await runCli(['--servers-file', bad, ...flags({ concurrency: 'lots' }), '--output-json-file', join(tmp.path, 'no-such-dir', 'x.json')]);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('--concurrency: "lots" is not a number');
    expect(r.stderr).toContain(bad);
    expect(r.stderr).toContain('--output-json-file');
  });

  it('the CLI: a config.json that cannot be read and a bad number together, without a "--model is missing"', async () => {
    const r = await runCli(['--hf-config', join(tmp.path, 'no-such-config.json'), '--server', 'dgx300', '--concurrency', '0', '--effective-context', '4k']);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('--hf-config');
    expect(r.stderr).toContain('--concurrency: got 0');
    expect(r.stderr).not.toContain('--model');
  });

  it('batch, the API and the library: names and values in one answer, in the order of the fields', async () => {
    const bad = { ...REQUEST, model: 'opt-oss-12b', concurrency: 0, kv_precision: 'fp32' };
    const [line] = await batchLines([bad]);
    const fields = ['model', 'concurrency', 'kv_precision'];
    expect(((line!.error as { problems: { field: string }[] }).problems).map((p) => p.field)).toEqual(fields);
    const res = await api(bad);
    expect(res.status).toBe(400);
    expect(((res.json.error as { problems: { field: string }[] }).problems).map((p) => p.field)).toEqual(fields);
    let thrown: unknown;
    try {
      sizing(bad as never);
    } catch (e) {
      thrown = e;
    }
    expect(thrown).toBeInstanceOf(SizingInputError);
    expect((thrown as SizingInputError).problems.map((p) => p.field)).toEqual(fields);
    const direct = sizeRequest(bad, new CatalogIndex(BUILTIN_CATALOG));
    expect(direct.ok ? [] : direct.problems.map((p) => p.field)).toEqual(fields);
  });
});
