/**
 * Nothing prints English in pt-BR output. Representative commands and API requests run in pt-BR (in
 * process: `main(argv, io)` and `app.request`), and their output is searched for English words and
 * phrases. Kept, by an explicit allow-list: the original tool's own English terms that its pt-BR report
 * uses (spec/report-example.md: "Full Layers", "KV Budget Ratio", "Peak Headroom", "HA Mode",
 * "read / write", "NFR (Non-Functional Requirements)", "TTFT (Time To First Token)", "OOM (Out of
 * Memory)", "camadas (layers)"). Not searched, as data rather than sentences: names and codes, the values
 * a user gave (quoted), catalog free text (`notes`, `sources`, `weights_dtype`), the JSON parser's own
 * message kept as `accepted.detail`, an engine log's lines quoted in a calibrate note, the commands of
 * help examples (not their `# comments`), and lists of names alone on a line (`batch --help`'s fields).
 */
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.ts';
import { pageTexts } from '../../web/src/i18n.ts';
import { createApp } from '../../src/server/app.ts';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const HF_CONFIGS = join(ROOT, 'test', 'fixtures', 'hf-configs');

/** English words and phrases that no pt-BR sentence of this tool contains (matched as whole words, any case). */
const ENGLISH = [
  'the', 'is', 'are', 'was', 'of', 'and', 'with', 'not', 'cannot', 'must be', 'must', 'missing', 'every', 'each', 'which', 'should',
  'expected', 'unknown', 'invalid', 'got', 'nothing', 'found', 'failure', 'listening', 'layers', 'assumed', 'ignored', 'no such',
  'per session', 'per GPU', 'per layer', 'engine had', 'reports', 'does', 'takes', 'holds', 'keeps', 'fits', 'node', 'nodes', 'sessions',
  'weights', 'folder', 'permission', 'syntax error', 'position', 'line', 'lines', 'several', 'markers', 'stated', 'more than',
  'replica', 'tokens of context', 'Read from', 'layer kinds', 'on every layer',
];
const ENGLISH_RE = new RegExp(`\\b(${ENGLISH.map((w) => w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|')})\\b`, 'i');

/** The original tool's own English terms in its pt-BR report, and notation: removed before searching. */
const ALLOWED = [
  'Full Layers', 'Sliding Layers', 'Sliding Window', 'Max Position Embeddings', 'KV Budget Ratio', 'Peak Headroom', 'HA Mode',
  'NVLink Bandwidth', 'Non-Functional Requirements', 'Time To First Token', 'Out of Memory', 'camadas (layers)',
];

function englishIn(text: string): string[] {
  let t = text;
  for (const a of ALLOWED) t = t.split(a).join(' ');
  // Quoted values (what the user typed, a log line), inline code and flags are data.
  t = t.replace(/"[^"\n]*"/g, ' ').replace(/`[^`\n]*`/g, ' ').replace(/--[a-z][a-z-]*/g, ' ');
  const found: string[] = [];
  for (const raw of t.split('\n')) {
    // A command in an example is code (its `# comment` is a sentence), and a list of names alone on
    // its line (the fields of `batch --help`) is data.
    const line = raw.replace(/^(\s*)llm-sizing [^#]*/, '$1');
    if (/^\s*[a-z_][\w.]*(, [a-z_][\w.]*)*,?\s*$/.test(line)) continue;
    const m = ENGLISH_RE.exec(line);
    if (m) found.push(`${m[1]} ← ${line.trim().slice(0, 200)}`);
  }
  return found;
}

/**
 * File paths are the user's data, not sentences: the folder the project is cloned into (CI clones it
 * elsewhere; a folder named `weights` or `the-model`) must not decide the result.
 */
const PATHS = [ROOT, tmpdir()].map((p) => p.replace(/\/+$/, '')).filter((p) => p.length > 1);
function withoutPaths(text: string): string {
  let out = text;
  for (const p of PATHS) out = out.split(p).join('<path>');
  return out.replace(/<path>[^\s"'`),]*/g, '<path>');
}

function expectNoEnglish(text: string): void {
  const found = englishIn(withoutPaths(text));
  expect(found, found.join('\n')).toEqual([]);
}

/** Data keys of the JSON documents (names, codes, values as given, catalog free text): not sentences. */
const DATA_KEYS = new Set(['field', 'code', 'kind', 'value', 'values', 'known', 'detail', 'name', 'model', 'server', 'storage', 'notes', 'sources', 'weights_dtype', 'hf_repo', 'hf_model_type', 'memory_model', 'generator', 'type', 'attention_pattern', 'suggestion', 'source']);

/**
 * The sentences of a JSON document: every string except under data keys. `inputs` is the catalog
 * entries and the request as given (data), but for the words of an imported model's derivations.
 */
function sentences(json: unknown, key = ''): string[] {
  if (key === 'inputs') {
    const derivations = (json as { model?: { derivations?: { from: string }[] } }).model?.derivations ?? [];
    return derivations.map((d) => d.from);
  }
  if (typeof json === 'string') return DATA_KEYS.has(key) ? [] : [json];
  if (Array.isArray(json)) return json.flatMap((v) => sentences(v, key));
  if (json !== null && typeof json === 'object') return Object.entries(json).flatMap(([k, v]) => sentences(v, k));
  return [];
}

const dir = (() => {
  const base = join(ROOT, 'test-output');
  mkdirSync(base, { recursive: true });
  return mkdtempSync(join(base, 'pt-br-'));
})();
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const file = (name: string, text: string) => {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
};

async function cli(argv: readonly string[]): Promise<{ status: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const status = await main([...argv, '--lang', 'pt-BR'], {
    stdout: (t) => (stdout += t),
    stderr: (t) => (stderr += t),
    stdin: Readable.from([]),
    now: () => new Date(0),
    env: { SOURCE_DATE_EPOCH: '0' },
  });
  return { status, stdout, stderr };
}

const SIZE = ['--server', 'dgx300', '--storage', 'profile_default', '--concurrency', '1000', '--effective-context', '131072'];
const REPORT_EXAMPLE = ['--model', 'opt-oss-120b', ...SIZE, '--kv-precision', 'fp16'];
const INFEASIBLE = ['--model', 'opt-oss-120b', '--server', 'dgx200', '--storage', 'profile_default', '--concurrency', '10', '--effective-context', '131072', '--kv-precision', 'fp16', '--runtime-overhead-gib', '1045'];
const SIZINGS: readonly (readonly string[])[] = [
  REPORT_EXAMPLE,
  INFEASIBLE,
  ['--model', 'Meta-Llama-3.1-70B', '--server', 'dgx-h100', ...SIZE.slice(2), '--memory-model', 'vllm', '--tensor-parallel', '4'],
  ['--model', 'DeepSeek-V3.2', ...SIZE, '--memory-model', 'sglang', '--tensor-parallel', '8'],
  ['--model', 'Qwen3-Next-80B-A3B-Thinking', ...SIZE, '--memory-model', 'trtllm', '--tensor-parallel', '2'],
  ['--model', 'Nemotron-H-56B-Base-8K', ...SIZE, '--memory-model', 'seed', '--tensor-parallel', '2'],
  ['--model', 'gpt-oss-120b', '--server', 'dgx-h100', '--storage', 'profile_default', '--concurrency', '10', '--effective-context', '8192', '--memory-model', 'vllm', '--gpu-memory-utilization', '0.3'],
  // Issue 12: storage and recovery (shared store, racks, a slow target), and a model without a size.
  ['--model', 'Meta-Llama-3.1-70B', '--server', 'dgx-h200', '--storage', 'profile_network_ssd', '--concurrency', '1000', '--effective-context', '8192', '--warmup-concurrency', '8', '--target-load-time-s', '20', '--nodes-per-domain', '4', '--artifact-copies', '2'],
  ['--model', 'opt-oss-120b', ...SIZE, '--target-load-time-s', '60'],
];

const TRT_LOG = `[TRT-LLM] [I] Peak memory during memory usage profiling (torch + non-torch): 113.65 GiB, available KV cache memory when calculating max tokens: 5.95 GiB, fraction is set 0.8999999761581421, kv size is 73728. device total memory 119.70 GiB, , tmp kv_mem 0.56 GiB
[TensorRT-LLM][INFO] Number of tokens per block: 32.
[TensorRT-LLM][INFO] [MemUsageChange] Allocated 5.95 GiB for max tokens in paged KV cache (86720).
`;
const VLLM_LOG = `vllm serve m --tensor-parallel-size 4 --max-model-len 215040 compared with sglang
INFO [gpu_model_runner.py:2007] Model loading took 30.5 GiB and 12.7 seconds
INFO [kv_cache_utils.py:1199] GPU KV cache size: 90,048 tokens
INFO [kv_cache_utils.py:1204] Maximum concurrency for 215,040 tokens per request: 1.66x
INFO [kv_cache_utils.py:1204] Maximum concurrency for 215,040 tokens per request: 1.70x
Available KV cache memory: -1.20 GiB
ERROR [core.py:1] boom
`;

describe('pt-BR output has no English', () => {
  it.each(SIZINGS.map((a) => [a.join(' '), a] as const))('text, Markdown, executive and JSON of %s', async (_name, args) => {
    for (const extra of [[], ['--markdown-only'], ['--executive-report'], ['--verbose']]) {
      const r = await cli([...args, ...extra]);
      expect(r.stderr).toBe('');
      expectNoEnglish(r.stdout);
    }
    const json = await cli([...args, '--json-only']);
    expectNoEnglish(sentences(JSON.parse(json.stdout)).join('\n'));
  });

  it.each(readdirSync(HF_CONFIGS).filter((f) => f.endsWith('.json')))('--hf-config %s: what was read from config.json, in words', async (name) => {
    const args = ['--hf-config', join(HF_CONFIGS, name), '--server', 'dgx-h100', '--storage', 'profile_default', '--concurrency', '10', '--effective-context', '8192'];
    const text = await cli(args);
    expect(text.stdout).toContain('Lido do config.json');
    expectNoEnglish(text.stdout + text.stderr);
    const json = await cli([...args, '--json-only']);
    expectNoEnglish(sentences(JSON.parse(json.stdout)).join('\n'));
    const imported = await cli(['catalog', 'import', join(HF_CONFIGS, name), '--models-file', join(dir, `${name}.models.json`)]);
    expect(imported.status).toBe(0);
    expectNoEnglish(imported.stdout);
  });

  it.each([[], ['batch'], ['catalog'], ['calibrate'], ['serve']])('--help of %j: usage, flags, defaults, examples and exit codes', async (...command) => {
    for (const argv of [[...command, '--help'], [...command, '-h', '--lang', 'pt-BR']]) {
      const r = await cli(argv);
      expect(r.status).toBe(0);
      expect(r.stdout).toContain('Opções:');
      expectNoEnglish(r.stdout);
    }
  });

  it('the catalog listings', async () => {
    for (const kind of [[], ['models'], ['servers'], ['storage']]) expectNoEnglish((await cli(['catalog', ...kind])).stdout);
  });

  it('calibrate: facts, notes and labels', async () => {
    const composed = (name: string) => readFileSync(join(ROOT, 'test', 'fixtures', 'calibrate', name), 'utf8');
    for (const log of [
      TRT_LOG,
      VLLM_LOG,
      'python -m sglang.launch_server --tp 8 --enable-dp-attention\nKV Cache is allocated. #tokens: 367404, K size: 8.23 GB, V size: 8.23 GB\n',
      composed('vllm-v1-qwen3-8b-fail-fast.txt'),
      composed('vllm-two-restarts.txt'),
      'vllm serve m --gpu-memory-utilization -0.5 --block-size 0\nAvailable KV cache memory: 8.11 GiB\nGPU KV cache size: 10,000 tokens\n',
    ]) {
      const r = await cli(['calibrate', file('engine.log', log)]);
      expect(r.status).toBe(0);
      expect(r.stdout).toContain('observações');
      expectNoEnglish(r.stdout);
    }
  });

  const BAD: readonly (readonly string[])[] = [
    ['--hf-config', join(dir, 'missing.json'), ...SIZE],
    ['--hf-config', dir, ...SIZE],
    ['--hf-config', file('bad.json', '{"num_hidden_layers": 2,'), ...SIZE],
    ['--hf-config', file('empty.json', ''), ...SIZE],
    ['--hf-config', file('gptneo.json', '{"num_hidden_layers": 2, "num_attention_heads": 2, "hidden_size": 8, "attention_types": [], "max_position_embeddings": 8}'), ...SIZE],
    [...REPORT_EXAMPLE, '--output-json-file', join(dir, 'no', 'such', 'folder', 'x.json')],
    [...REPORT_EXAMPLE, '--output-json-file', dir],
    [...REPORT_EXAMPLE, '--models-file', file('bad-models.json', '{"models": [')],
    [...REPORT_EXAMPLE, '--models-file', file('models.json', '{"models": [{"name": "m"}]}')],
    ['batch', join(dir, 'missing.jsonl')],
    ['calibrate', join(dir, 'missing.log')],
    ['calibrate', file('hello.log', 'hello\n')],
    ['calibrate'],
    ['--model', 'nope', ...SIZE],
    [...REPORT_EXAMPLE, '--concurrency', '-1'],
    [...REPORT_EXAMPLE, '--kv-budget-ratio', '0'],
    [...REPORT_EXAMPLE, '--frobnicate'],
    [...REPORT_EXAMPLE, '--port', '1'],
    [...REPORT_EXAMPLE, '--json-only', '--markdown-only'],
    [...REPORT_EXAMPLE, '--verbose=yes'],
    [...REPORT_EXAMPLE, '--tensor-parallel', '3'],
    [...REPORT_EXAMPLE, '--pipeline-parallel', '99'],
    [...REPORT_EXAMPLE, '--tensor-parallel', '4', '--replicas-per-node', '3'],
    [...REPORT_EXAMPLE, '--gpu-memory-utilization', '0.5'],
    [...REPORT_EXAMPLE, '--name', 'x'],
    ['frobnicate'],
    ['calibrate', 'a', 'b'],
    ['--server', 'dgx300'],
  ];
  it.each(BAD.map((a) => [a.join(' ').replace(dir, '…'), a] as const))('refusing %s', async (_name, args) => {
    const r = await cli(args);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/^llm-sizing: /);
    expectNoEnglish(r.stderr);
  });

  it('batch: the error lines and the count', async () => {
    const lines = ['{"model":"opt-oss-120b","server":"dgx300","storage":"profile_default","concurrency":10,"effective_context":1000}', '{bad', '{"model":"x"}', '[1]', '{"model":"opt-oss-120b","server":"dgx300","storage":"profile_default","concurrency":10,"effective_context":1000,"tensor_parallel":3}'];
    const r = await cli(['batch', file('b.jsonl', `${lines.join('\n')}\n`)]);
    expect(r.status).toBe(2);
    expectNoEnglish(r.stderr);
    const docs = r.stdout.trim().split('\n').map((l) => JSON.parse(l) as unknown);
    expectNoEnglish(sentences(docs).join('\n'));
  });

  describe('the HTTP API', () => {
    const app = createApp({ env: { SOURCE_DATE_EPOCH: '0' } });
    const body = JSON.stringify({ model: 'opt-oss-120b', server: 'dgx300', storage: 'profile_default', concurrency: 1000, effective_context: 131072, kv_precision: 'fp16' });
    const post = (path: string, b: string, headers: Record<string, string> = {}) =>
      Promise.resolve(app.request(`http://localhost/api/v1/${path}`, { method: 'POST', body: b, headers: { 'Content-Type': 'application/json', ...headers } }));

    it.each(['sizing?lang=pt-BR', 'report?lang=pt-BR&format=markdown', 'report?lang=pt-BR&format=text', 'report?lang=pt-BR&format=executive'])('%s', async (path) => {
      const res = await post(path, body);
      expect(res.status).toBe(200);
      const text = await res.text();
      expectNoEnglish(path.startsWith('sizing') ? sentences(JSON.parse(text)).join('\n') : text);
    });

    it.each([
      ['bad JSON', 'sizing?lang=pt-BR', '{bad'],
      ['bad fields', 'sizing?lang=pt-BR', JSON.stringify({ model: 'nope', concurrency: -1, colour: 1 })],
      ['a bad layout', 'sizing?lang=pt-BR', JSON.stringify({ ...JSON.parse(body), tensor_parallel: 3 })],
      ['a bad config.json', 'sizing?lang=pt-BR', JSON.stringify({ ...JSON.parse(body), model: undefined, hf_config: { num_hidden_layers: 2 } })],
      ['a bad format', 'report?lang=pt-BR&format=pdf', body],
      ['Accept-Language only', 'sizing', '{bad'],
    ])('%s: 400 in Portuguese', async (_why, path, b) => {
      const res = await post(path, b, { 'Accept-Language': 'pt-BR' });
      expect(res.status).toBe(400);
      expectNoEnglish(sentences(await res.json()).join('\n'));
    });

    it('404, 405 and 413', async () => {
      const headers = { 'Accept-Language': 'pt-BR' };
      const responses = [
        await app.request('http://localhost/api/v1/nope', { headers }),
        await app.request('http://localhost/api/v1/sizing', { headers }),
        await post('sizing?lang=pt-BR', 'x'.repeat(1024 * 1024 + 1)),
      ];
      expect(responses.map((r) => r.status)).toEqual([404, 405, 413]);
      for (const res of responses) expectNoEnglish(sentences(await res.json()).join('\n'));
    });
  });

  it("the web page's own texts", () => {
    // The page shows the same report messages as the CLI (checked above) plus these.
    expectNoEnglish(Object.values(pageTexts('pt-BR')).join('\n'));
  });

  it('the search can fail: it finds the English of the same outputs in en', async () => {
    const r = await main([...REPORT_EXAMPLE, '--tensor-parallel', '3'], { stdout: () => {}, stderr: (t) => expect(englishIn(t).length).toBeGreaterThan(0), stdin: Readable.from([]), now: () => new Date(0), env: {} });
    expect(r).toBe(2);
    let text = '';
    await main(['calibrate', file('v.log', VLLM_LOG)], { stdout: (t) => (text += t), stderr: () => {}, stdin: Readable.from([]), now: () => new Date(0), env: {} });
    expect(englishIn(text).length).toBeGreaterThan(3);
    for (const command of [[], ['batch'], ['catalog'], ['calibrate'], ['serve']]) {
      let help = '';
      await main([...command, '--help'], { stdout: (t) => (help += t), stderr: () => {}, stdin: Readable.from([]), now: () => new Date(0), env: {} });
      expect(englishIn(help).length, `${command.join(' ')} --help`).toBeGreaterThan(3);
    }
  });
});
