/**
 * The HTTP API in process (`app.request`): every route, every error status, against the CLI
 * for the same inputs (the API must return exactly what `llm-sizing --json-only` prints).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { BUILTIN_CATALOG } from '../../src/catalog/builtin.ts';
import { REQUEST_FIELDS } from '../../src/schema/request.ts';
import { createApp } from '../../src/server/app.ts';
import { PAGE_CSP } from '../../src/server/headers.ts';
import { entityTag } from '../../src/server/static.ts';
import { localeFromAcceptLanguage } from '../../src/server/locale.ts';
import { MAX_BODY_BYTES } from '../../src/server/limits.ts';
import { type CliResult, ROOT, runCliAll } from '../helpers/cli.ts';

/** The report example (README): 4 / 5 / 7 nodes. */
const EXAMPLE = { model: 'opt-oss-120b', server: 'dgx300', storage: 'profile_default', concurrency: 1000, effective_context: 131072, kv_precision: 'fp16' };
const EXAMPLE_FLAGS = ['--model', 'opt-oss-120b', '--server', 'dgx300', '--storage', 'profile_default', '--concurrency', '1000', '--effective-context', '131072', '--kv-precision', 'fp16'];
const LLAMA = join(ROOT, 'test', 'fixtures', 'hf-configs', 'meta-llama__Meta-Llama-3.1-8B.json');
const LLAMA_SIZING = { server: 'dgx300', storage: 'profile_default', concurrency: 200, effective_context: 32768 };
const LLAMA_FLAGS = ['--hf-config', LLAMA, '--name', 'llama-8b', '--server', 'dgx300', '--storage', 'profile_default', '--concurrency', '200', '--effective-context', '32768'];

// The CLI's test environment pins the report date with SOURCE_DATE_EPOCH=0: the app gets the same.
const app = createApp({ env: { SOURCE_DATE_EPOCH: '0' }, webRoot: join(ROOT, 'web') });
const URL_BASE = 'http://localhost';

function post(path: string, body: unknown, headers: Record<string, string> = {}): Promise<Response> {
  return Promise.resolve(app.request(`${URL_BASE}${path}`, { method: 'POST', body: typeof body === 'string' ? body : JSON.stringify(body), headers: { 'Content-Type': 'application/json', ...headers } }));
}
function get(path: string, headers: Record<string, string> = {}): Promise<Response> {
  return Promise.resolve(app.request(`${URL_BASE}${path}`, { headers }));
}
interface ErrorBody {
  error: { status: number; code: string; message: string; problems?: { field: string; value: unknown; accepted: { kind: string; suggestion?: string }; message: string }[] };
}
const nodesOf = (doc: { scenarios: Record<string, { results: { nodes_final: number | null } }> }) =>
  ['minimum', 'recommended', 'ideal'].map((k) => doc.scenarios[k]?.results.nodes_final);

const cli: Record<string, CliResult> = {};
beforeAll(async () => {
  const runs = {
    json: [...EXAMPLE_FLAGS, '--json-only'],
    jsonPt: [...EXAMPLE_FLAGS, '--json-only', '--lang', 'pt-BR'],
    markdown: [...EXAMPLE_FLAGS, '--markdown-only'],
    text: EXAMPLE_FLAGS,
    executive: [...EXAMPLE_FLAGS, '--executive-report'],
    textPt: [...EXAMPLE_FLAGS, '--lang', 'pt-BR'],
    llama: [...LLAMA_FLAGS, '--json-only'],
    batchBad: ['batch', '-'],
    // Issues 10–12 through the API: latency targets, cost, storage and recovery, the offload tier.
    extended: ['--model', 'Meta-Llama-3.1-70B', '--server', 'dgx-h200', '--concurrency', '1000', '--effective-context', '8192', '--kv-precision', 'fp8', '--input-tokens', '2048', '--output-tokens', '512', '--tpot-p99-ms', '40', '--pricing', 'on_demand', '--storage', 'profile_network_ssd', '--warmup-concurrency', '4', '--nodes-per-domain', '4', '--offload-tier', 'dram', '--idle-session-fraction', '0.5', '--json-only'],
  };
  const badLine = JSON.stringify({ ...EXAMPLE, concurrency: -1, kv_precison: 'fp16' });
  const results = await runCliAll(Object.entries(runs).map(([name, args]) => ({ args, opts: name === 'batchBad' ? { input: `${badLine}\n` } : {} })));
  Object.keys(runs).forEach((name, i) => {
    cli[name] = results[i]!;
  });
});

describe('POST /api/v1/sizing', () => {
  it('returns, byte for byte, the JSON document the CLI prints with --json-only (the report example: 4 / 5 / 7 nodes)', async () => {
    const res = await post('/api/v1/sizing', EXAMPLE);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/json; charset=utf-8');
    expect(res.headers.get('x-llm-sizing-feasible')).toBe('true');
    const text = await res.text();
    expect(cli.json!.status).toBe(0);
    expect(text).toBe(cli.json!.stdout);
    expect(nodesOf(JSON.parse(text))).toEqual([4, 5, 7]);
  });

  it('with latency targets, a pricing mode, storage fields and an offload tier: the same document as the CLI (workload, performance, cost, storage_recovery, offload)', async () => {
    const body = {
      model: 'Meta-Llama-3.1-70B', server: 'dgx-h200', concurrency: 1000, effective_context: 8192, kv_precision: 'fp8', input_tokens: 2048, output_tokens: 512, tpot_p99_ms: 40,
      pricing: 'on_demand', storage: 'profile_network_ssd', warmup_concurrency: 4, nodes_per_domain: 4, offload_tier: 'dram', idle_session_fraction: 0.5,
    };
    const res = await post('/api/v1/sizing', body);
    expect(res.status).toBe(200);
    const text = await res.text();
    expect(cli.extended!.status).toBe(0);
    expect(text).toBe(cli.extended!.stdout);
    const doc = JSON.parse(text) as Record<string, unknown> & { scenarios: Record<string, Record<string, unknown>> };
    expect(doc.workload).toBeDefined();
    expect(doc.storage_recovery).toBeTruthy();
    expect(doc.offload).toBeTruthy();
    for (const k of ['minimum', 'recommended', 'ideal']) {
      expect(doc.scenarios[k]!.performance).toBeTruthy();
      expect(doc.scenarios[k]!.cost).toBeTruthy();
    }
  });

  it('answers in Portuguese with ?lang=pt-BR, as --lang pt-BR does', async () => {
    const text = await (await post('/api/v1/sizing?lang=pt-BR', EXAMPLE)).text();
    expect(text).toBe(cli.jsonPt!.stdout);
    expect(JSON.parse(text).locale).toBe('pt-BR');
  });

  it.each([
    ['pt-BR,pt;q=0.9,en;q=0.8', 'pt-BR'],
    ['pt', 'pt-BR'],
    ['en-US,en;q=0.9', 'en'],
    ['fr-FR, pt;q=0.5', 'pt-BR'],
    ['en;q=0.4, pt-PT;q=0.8', 'pt-BR'],
    ['fr', 'en'],
  ])('takes the locale from Accept-Language %s → %s', async (header, locale) => {
    const doc = JSON.parse(await (await post('/api/v1/sizing', EXAMPLE, { 'Accept-Language': header })).text());
    expect(doc.locale).toBe(locale);
  });

  it('prefers ?lang= to Accept-Language', async () => {
    const doc = JSON.parse(await (await post('/api/v1/sizing?lang=en', EXAMPLE, { 'Accept-Language': 'pt-BR' })).text());
    expect(doc.locale).toBe('en');
  });

  it('sizes a Hugging Face config given inline (hf_config, name) exactly as --hf-config with --name', async () => {
    const config = JSON.parse(readFileSync(LLAMA, 'utf8'));
    const res = await post('/api/v1/sizing', { hf_config: config, name: 'llama-8b', ...LLAMA_SIZING });
    expect(res.status).toBe(200);
    const text = await res.text();
    expect(cli.llama!.status).toBe(0);
    expect(text).toBe(cli.llama!.stdout);
    expect(JSON.parse(text).inputs.model.name).toBe('llama-8b');
  });

  it('returns 200 and feasible: false, with the header saying so, when not even one session fits a node', async () => {
    const res = await post('/api/v1/sizing', { ...EXAMPLE, effective_context: 131072, concurrency: 1, runtime_overhead_gib: 1_000_000 });
    expect(res.status).toBe(200);
    expect(res.headers.get('x-llm-sizing-feasible')).toBe('false');
    expect(JSON.parse(await res.text()).feasible).toBe(false);
  });
});

describe('400: the same field-level messages as the CLI', () => {
  it('names each invalid field, the value and what is accepted, with the sentences batch mode writes', async () => {
    const res = await post('/api/v1/sizing', { ...EXAMPLE, concurrency: -1, kv_precison: 'fp16' });
    expect(res.status).toBe(400);
    const body = (await res.json()) as ErrorBody;
    expect(body.error.code).toBe('invalid_input');
    expect(body.error.problems?.map((p) => p.field)).toEqual(['kv_precison', 'concurrency']);
    expect(body.error.problems?.[0]?.accepted.suggestion).toBe('kv_precision');
    expect(body.error.problems?.[1]).toMatchObject({ value: -1, accepted: { kind: 'integer', min: 1, max: 1_000_000_000 } });
    const batch = JSON.parse(cli.batchBad!.stdout) as { error: { problems: { message: string }[] } };
    expect(body.error.problems?.map((p) => p.message)).toEqual(batch.error.problems.map((p) => p.message.replace(/^stdin:1: /, '')));
    // (batch mode adds where the line came from; a body has one place)
    expect(body.error.problems?.[1]?.message).toBe('concurrency: got -1; expected a whole number from 1 to 1,000,000,000.');
  });

  it.each([
    ['/api/v1/sizing', '', 'concurrency', 'concurrency: got 1e400; expected a whole number from 1 to 1,000,000,000.'],
    ['/api/v1/sizing', '?lang=pt-BR', 'concurrency', 'concurrency: recebido 1e400; esperado um número inteiro de 1 a 1.000.000.000.'],
    ['/api/v1/report', '', 'concurrency', 'concurrency: got 1e400; expected a whole number from 1 to 1,000,000,000.'],
    ['/api/v1/perf', '', 'concurrency', 'concurrency: got 1e400; expected'],
    ['/api/v1/compare', '', 'concurrency', 'concurrency: got 1e400; expected'],
    ['/api/v1/compare', '?lang=pt-BR', 'tensor_parallel', 'tensor_parallel: recebido 1e400; esperado'],
    ['/api/v1/sizing', '', 'hf_config.num_hidden_layers', 'hf_config.num_hidden_layers: got 1e400; expected'],
  ])('%s%s echoes a number beyond a double as the body wrote it, not as Infinity (%s)', async (path, query, field, message) => {
    const body =
      field === 'hf_config.num_hidden_layers'
        ? { hf_config: { ...(JSON.parse(readFileSync(LLAMA, 'utf8')) as object), num_hidden_layers: 7 }, name: 'llama-8b', ...LLAMA_SIZING }
        : path.endsWith('compare')
          ? { request: { ...EXAMPLE, concurrency: field === 'concurrency' ? 7 : 1000 }, options: { tensor_parallel: [1, field === 'concurrency' ? 2 : 7] } }
          : { ...EXAMPLE, concurrency: 7 };
    const key = field.split('.').at(-1)!;
    const text = JSON.stringify(body).replace(field === 'tensor_parallel' ? '[1,7]' : `"${key}":7`, field === 'tensor_parallel' ? '[1,1e400]' : `"${key}":1e400`);
    expect(text).toContain('1e400');
    const res = await post(`${path}${query}`, text);
    expect(res.status).toBe(400);
    const err = ((await res.json()) as ErrorBody).error;
    const p = err.problems?.find((x) => x.field === field);
    expect(p, JSON.stringify(err.problems)).toMatchObject({ value: '1e400' });
    expect(p?.message).toContain(message);
    expect(err.message).not.toContain('Infinity');
  });

  it('writes the messages in Portuguese with ?lang=pt-BR', async () => {
    const body = (await (await post('/api/v1/sizing?lang=pt-BR', { ...EXAMPLE, concurrency: 'abc' })).json()) as ErrorBody;
    expect(body.error.problems?.[0]?.message).toContain('esperado');
    expect(body.error.problems?.[0]?.message).toContain('1.000.000.000');
  });

  it('refuses an unknown catalog name, listing the known ones', async () => {
    const body = (await (await post('/api/v1/sizing', { ...EXAMPLE, server: 'dgx30' })).json()) as ErrorBody;
    expect(body.error.problems?.[0]).toMatchObject({ field: 'server', value: 'dgx30', accepted: { kind: 'one_of', suggestion: 'dgx300' } });
  });

  it('refuses a missing required field', async () => {
    const { model: _m, ...rest } = EXAMPLE;
    const res = await post('/api/v1/sizing', rest);
    expect(res.status).toBe(400);
    expect(((await res.json()) as ErrorBody).error.problems?.[0]).toMatchObject({ field: 'model', value: null, accepted: { kind: 'required' } });
  });

  it.each([
    ['text that is not JSON', '{"model": "opt-oss-120b",', '(body)', 'json'],
    ['an empty body', '', '(body)', 'json'],
    ['a JSON array', '[1, 2]', '(request)', 'object'],
    ['a JSON string', '"opt-oss-120b"', '(request)', 'object'],
  ])('refuses %s', async (_name, body, field, kind) => {
    const res = await post('/api/v1/sizing', body);
    expect(res.status).toBe(400);
    const err = ((await res.json()) as ErrorBody).error;
    expect(err.problems?.[0]).toMatchObject({ field, accepted: { kind } });
    expect(err.message.length).toBeGreaterThan(0);
    // The body named once: "(body) is not valid JSON (…)", not "body: (body) is not valid JSON".
    if (kind === 'json') expect(err.message).toMatch(/^\(body\) is not valid JSON \(.+\)\.$/);
  });

  it('refuses hf_config together with model', async () => {
    const res = await post('/api/v1/sizing', { ...EXAMPLE, hf_config: {} });
    expect(((await res.json()) as ErrorBody).error.problems?.[0]).toMatchObject({ field: 'hf_config', accepted: { kind: 'exclusive', with: 'model' } });
  });

  it('refuses name without hf_config', async () => {
    const res = await post('/api/v1/sizing', { ...EXAMPLE, name: 'x' });
    expect(res.status).toBe(400);
    expect(((await res.json()) as ErrorBody).error.problems?.[0]).toMatchObject({ field: 'name', accepted: { kind: 'rule', rule: 'name_needs_config' } });
  });

  it('refuses a config it cannot interpret, naming the config key', async () => {
    const res = await post('/api/v1/sizing', { hf_config: { model_type: 'llama', num_attention_heads: 32 }, ...LLAMA_SIZING });
    expect(res.status).toBe(400);
    const fields = ((await res.json()) as ErrorBody).error.problems?.map((p) => p.field);
    expect(fields).toContain('hf_config.num_hidden_layers');
  });

  it('refuses an unknown ?lang=', async () => {
    const res = await post('/api/v1/sizing?lang=fr', EXAMPLE);
    expect(res.status).toBe(400);
    expect(((await res.json()) as ErrorBody).error.problems?.[0]).toMatchObject({ field: 'lang', value: 'fr', accepted: { kind: 'one_of', values: ['en', 'pt-BR'] } });
  });
});

describe('POST /api/v1/report', () => {
  it.each([
    ['markdown', 'markdown', 'text/markdown; charset=utf-8'],
    ['text', 'text', 'text/plain; charset=utf-8'],
    ['executive', 'executive', 'text/markdown; charset=utf-8'],
  ] as const)('?format=%s returns the CLI report, with its content type', async (format, run, type) => {
    const res = await post(`/api/v1/report?format=${format}`, EXAMPLE);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe(type);
    expect(await res.text()).toBe(cli[run]!.stdout);
  });

  it('defaults to Markdown', async () => {
    expect(await (await post('/api/v1/report', EXAMPLE)).text()).toBe(cli.markdown!.stdout);
  });

  it('follows the locale', async () => {
    expect(await (await post('/api/v1/report?format=text', EXAMPLE, { 'Accept-Language': 'pt-BR' })).text()).toBe(cli.textPt!.stdout);
  });

  it('refuses an unknown format', async () => {
    const res = await post('/api/v1/report?format=pdf', EXAMPLE);
    expect(res.status).toBe(400);
    expect(((await res.json()) as ErrorBody).error.problems?.[0]).toMatchObject({ field: 'format', value: 'pdf', accepted: { kind: 'one_of', values: ['markdown', 'text', 'executive'] } });
  });

  it('refuses an invalid body with 400, as /sizing does', async () => {
    const res = await post('/api/v1/report?format=text', { ...EXAMPLE, ha: 'n+3' });
    expect(res.status).toBe(400);
    expect(((await res.json()) as ErrorBody).error.problems?.[0]?.field).toBe('ha');
  });
});

describe('GET routes', () => {
  it('/api/v1/catalog lists the built-in models, servers and storage profiles', async () => {
    const res = await get('/api/v1/catalog');
    expect(res.status).toBe(200);
    const body = (await res.json()) as typeof BUILTIN_CATALOG;
    expect(body).toEqual({ models: BUILTIN_CATALOG.models, servers: BUILTIN_CATALOG.servers, storage: BUILTIN_CATALOG.storage });
    expect(body.models.map((m) => m.name)).toContain('opt-oss-120b');
    expect(body.servers.map((s) => s.name)).toContain('dgx300');
    expect(body.storage.map((s) => s.name)).toContain('profile_default');
  });

  it('/api/v1/health says ok and the version', async () => {
    const res = await get('/api/v1/health');
    expect(res.status).toBe(200);
    const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string };
    expect(await res.json()).toEqual({ status: 'ok', version: pkg.version });
  });

  it('/ serves the web app, which links to the API and loads its bundle', async () => {
    const res = await get('/');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(await res.text()).toContain('href="/api/v1/openapi.json"');
    expect(await (await get('/')).text()).toContain('<script type="module" src="app.js"></script>');
    expect((await get('/index.html')).status).toBe(200);
  });
});

describe("the page's files: kept by the browser, revalidated by their entity tag", () => {
  const FILES = ['/index.html', '/style.css'];

  it.each(FILES)('%s carries an ETag (the digest of its bytes) and Cache-Control: no-cache, beside the page CSP', async (path) => {
    const res = await get(path);
    expect(res.status).toBe(200);
    const body = new Uint8Array(await res.arrayBuffer());
    expect(body).toEqual(new Uint8Array(readFileSync(join(ROOT, 'web', path))));
    expect(res.headers.get('etag')).toBe(entityTag(body));
    expect(res.headers.get('etag')).toMatch(/^"[\w-]{22}"$/);
    expect(res.headers.get('cache-control')).toBe('no-cache');
    expect(res.headers.get('content-security-policy')).toBe(PAGE_CSP);
  });

  it('gives each file its own tag, and / the tag of index.html', async () => {
    const tags = await Promise.all(['/', ...FILES].map(async (p) => (await get(p)).headers.get('etag')));
    expect(tags[0]).toBe(tags[1]);
    expect(new Set(tags.slice(1)).size).toBe(FILES.length);
  });

  it.each([
    { what: 'its own tag', header: (tag: string) => tag },
    { what: 'its tag marked weak', header: (tag: string) => `W/${tag}` },
    { what: 'its tag in a list', header: (tag: string) => `"other", ${tag}` },
    { what: '*', header: () => '*' },
  ])('answers an If-None-Match naming $what with a 304: no body, the same validators and security headers', async ({ header }) => {
    for (const path of FILES) {
      const first = await get(path);
      const tag = first.headers.get('etag')!;
      const res = await get(path, { 'If-None-Match': header(tag) });
      expect(res.status, path).toBe(304);
      expect(await res.text(), path).toBe('');
      expect(res.headers.get('etag'), path).toBe(tag);
      for (const name of ['cache-control', 'content-security-policy', 'x-content-type-options', 'referrer-policy']) expect(res.headers.get(name), `${path} ${name}`).toBe(first.headers.get(name));
    }
  });

  it('lets the browser keep a file asked for by its version (?v= its digest) for a year; any other version is revalidated', async () => {
    for (const path of FILES) {
      const tag = (await get(path)).headers.get('etag')!;
      const versioned = await get(`${path}?v=${tag.slice(1, -1)}`);
      expect(versioned.status, path).toBe(200);
      expect(versioned.headers.get('cache-control'), path).toBe('max-age=31536000, immutable');
      expect(versioned.headers.get('etag'), path).toBe(tag);
      expect(versioned.headers.get('content-security-policy'), path).toBe(PAGE_CSP);
      expect((await get(`${path}?v=${tag.slice(1, -1)}`, { 'If-None-Match': tag })).headers.get('cache-control'), path).toBe('max-age=31536000, immutable');
      for (const other of [`${path}?v=old`, `${path}?v=${tag}`, `${path}?w=${tag.slice(1, -1)}`]) expect((await get(other)).headers.get('cache-control'), other).toBe('no-cache');
    }
  });

  it('sends the whole file again when the tag is another one (a new build)', async () => {
    const res = await get('/style.css', { 'If-None-Match': '"AAAAAAAAAAAAAAAAAAAAAA", W/"x"' });
    expect(res.status).toBe(200);
    expect(await res.text()).toBe(readFileSync(join(ROOT, 'web', 'style.css'), 'utf8'));
  });
});

describe('GET /api/v1/openapi.json', () => {
  const load = async () => {
    const res = await get('/api/v1/openapi.json');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/json; charset=utf-8');
    return (await res.json()) as {
      openapi: string;
      paths: Record<string, Record<string, unknown>>;
      components: { schemas: Record<string, { properties?: Record<string, unknown>; required?: string[] }> };
    };
  };

  it('is an OpenAPI 3.1 document with every route and method', async () => {
    const doc = await load();
    expect(doc.openapi).toBe('3.1.0');
    expect(Object.fromEntries(Object.entries(doc.paths).map(([p, ops]) => [p, Object.keys(ops)]))).toEqual({
      '/api/v1/sizing': ['post'],
      '/api/v1/report': ['post'],
      '/api/v1/perf': ['post'],
      '/api/v1/compare': ['post'],
      '/api/v1/catalog': ['get'],
      '/api/v1/health': ['get'],
      '/api/v1/openapi.json': ['get'],
    });
  });

  it('has every $ref resolvable inside the document', async () => {
    const doc = await load();
    const refs = JSON.stringify(doc).match(/"\$ref":"[^"]*"/g) ?? [];
    expect(refs.length).toBeGreaterThan(0);
    for (const r of refs) {
      const target = r.slice(8, -1);
      if (target.startsWith('#/components/schemas/')) expect(doc.components.schemas, target).toHaveProperty([target.slice('#/components/schemas/'.length)]);
      else expect.fail(`a $ref outside components: ${target}`);
    }
  });

  it('takes the request fields from the request table and the output schema from the published JSON Schema', async () => {
    const doc = await load();
    const body = doc.components.schemas.SizingBody!;
    expect(Object.keys(body.properties ?? {}).sort()).toEqual([...REQUEST_FIELDS, 'hf_config', 'name'].sort());
    expect(body.required).toEqual(['server', 'effective_context']);
    // Exactly one of model / hf_config, and exactly one of concurrency / request_rate (issue 10).
    expect((body as { allOf?: unknown }).allOf).toEqual([
      { oneOf: [{ required: ['model'] }, { required: ['hf_config'] }] },
      { oneOf: [{ required: ['concurrency'] }, { required: ['request_rate'] }] },
    ]);
    const published = JSON.parse(readFileSync(join(ROOT, 'docs', 'schema', 'sizing-output.schema.json'), 'utf8')) as Record<string, unknown>;
    const { $schema: _s, title: _t, ...rest } = published;
    expect(doc.components.schemas.SizingOutput).toEqual(rest);
  });
});

describe('errors other than 400', () => {
  it('413 for a body over the limit, before it is parsed', async () => {
    const big = JSON.stringify({ ...EXAMPLE, pad: 'x'.repeat(MAX_BODY_BYTES) });
    const res = await post('/api/v1/sizing', big);
    expect(res.status).toBe(413);
    expect(((await res.json()) as ErrorBody).error).toMatchObject({ status: 413, code: 'body_too_large' });
  });

  it('says 413 and 404 in the request\'s language (?lang= or Accept-Language)', async () => {
    const big = JSON.stringify({ ...EXAMPLE, pad: 'x'.repeat(MAX_BODY_BYTES) });
    expect(((await (await post('/api/v1/sizing?lang=pt-BR', big)).json()) as ErrorBody).error.message).toBe('O corpo da requisição passa de 1.048.576 bytes.');
    expect(((await (await post('/api/v1/sizing', big)).json()) as ErrorBody).error.message).toBe('The request body is larger than 1,048,576 bytes.');
    expect(((await (await get('/api/v1/nope?lang=pt-BR')).json()) as ErrorBody).error.message).toBe('Rota ou arquivo inexistente.');
    expect(((await (await get('/api/v1/nope')).json()) as ErrorBody).error.message).toBe('No such route or file.');
  });

  it('accepts a body just under the limit (then refuses its unknown field with 400)', async () => {
    const pad = 'x'.repeat(MAX_BODY_BYTES - 300);
    const res = await post('/api/v1/sizing', { ...EXAMPLE, pad });
    expect(res.status).toBe(400);
  });

  it.each(['/api/v1/nope', '/api/v2/sizing', '/api', '/nope.html', '/api/v1/sizing/extra'])('404 for %s', async (path) => {
    const res = await get(path);
    expect(res.status).toBe(404);
    expect(((await res.json()) as ErrorBody).error.code).toBe('not_found');
  });

  it.each([
    ['GET', '/api/v1/sizing', 'POST'],
    ['PUT', '/api/v1/report', 'POST'],
    ['DELETE', '/api/v1/health', 'GET, HEAD'],
    ['POST', '/api/v1/catalog', 'GET, HEAD'],
    ['POST', '/index.html', 'GET, HEAD'],
  ])('405 for %s %s, with Allow: %s', async (method, path, allow) => {
    const res = await app.request(`${URL_BASE}${path}`, { method });
    expect(res.status).toBe(405);
    expect(res.headers.get('allow')).toBe(allow);
    expect(((await res.json()) as ErrorBody).error.code).toBe('method_not_allowed');
  });

  it.each(['/../package.json', '/%2e%2e/package.json', '/%2e%2e%2fpackage.json', '/..%2fpackage.json', '/index.html/../../package.json', '/%252e%252e/package.json', '/..%5cpackage.json', '/web/index.html', '/README.md'])(
    'serves nothing outside the web folder: %s',
    async (path) => {
      const res = await get(path);
      expect(res.status).toBe(404);
      expect(await res.text()).not.toContain('devDependencies');
    },
  );

  it('500 with a generic message, never a stack trace, when something unexpected fails', async () => {
    let armed = false;
    const models = BUILTIN_CATALOG.models;
    const catalog = {
      ...BUILTIN_CATALOG,
      get models() {
        if (armed) throw new Error('boom at /secret/path.ts:1');
        return models;
      },
    };
    const logged: unknown[] = [];
    const failing = createApp({ catalog, logError: (e) => logged.push(e) });
    armed = true;
    const res = await failing.request(`${URL_BASE}/api/v1/catalog`);
    expect(res.status).toBe(500);
    const text = await res.text();
    expect(JSON.parse(text)).toEqual({ error: { status: 500, code: 'internal_error', message: 'Internal error.' } });
    expect(text).not.toContain('boom');
    expect(logged).toHaveLength(1);
  });
});

describe('localeFromAcceptLanguage', () => {
  it.each([
    [undefined, undefined],
    ['', undefined],
    ['*', undefined],
    ['pt-BR', 'pt-BR'],
    ['de, en;q=0.1', 'en'],
    ['pt;q=0, en', 'en'],
  ] as const)('%s → %s', (header, locale) => {
    expect(localeFromAcceptLanguage(header)).toBe(locale);
  });
});
