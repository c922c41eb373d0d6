/**
 * Benchmark results (src/engines/bench-results.ts): every format read gives the figures its file
 * states (table-driven over test/fixtures/bench/), bad input gives one problem naming the key, the
 * value and what is accepted, and no JSON object without the required keys is read (a property).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { BUILTIN_CATALOG } from '../../src/catalog/builtin.ts';
import { CatalogIndex } from '../../src/catalog/lookup.ts';
import { plan } from '../../src/app/plan.ts';
import {
  type BenchmarkMeasurement,
  compareWithModel,
  parseBenchmarkResult,
  REQUIRED_KEYS,
  workloadOf,
} from '../../src/engines/bench-results.ts';
import { messagesFor } from '../../src/report/i18n/index.ts';
import { benchmarkLines } from '../../src/report/i18n/calibration.ts';
import { fmt } from '../../src/report/format.ts';
import type { Problem } from '../../src/schema/problems.ts';
import { ROOT } from '../helpers/cli.ts';

const FIXTURES = join(ROOT, 'test', 'fixtures', 'bench');
const read = (f: string) => readFileSync(join(FIXTURES, f), 'utf8');

function measurements(text: string): BenchmarkMeasurement[] {
  const r = parseBenchmarkResult(text, 'f');
  if (r === undefined || !r.ok) throw new Error(JSON.stringify(r));
  return r.measurements;
}

function problems(text: string): Problem[] {
  const r = parseBenchmarkResult(text, 'f');
  if (r === undefined || r.ok) throw new Error(`expected problems, got ${JSON.stringify(r)}`);
  return r.problems;
}

/** A problem as the CLI says it (en). */
const say = (p: Problem) => messagesFor('en').problem(p, p.field, fmt('en'));

/** Expected figures per fixture: [record index, partial measurement]. */
const CASES: readonly (readonly [string, number, number, Partial<BenchmarkMeasurement>])[] = [
  [
    'vllm-serve-llama8b-c32.json',
    1,
    0,
    {
      tool: 'vllm',
      format: 'json',
      model: 'meta-llama/Llama-3.1-8B-Instruct',
      backend: 'vllm',
      engine: 'vllm',
      num_prompts: 320,
      completed: 320,
      failed: 0,
      request_rate: 'inf',
      max_concurrency: 32,
      mean_input_tokens: 1024,
      mean_output_tokens: 128,
      duration_s: 41.3712,
      ttft_ms: { mean: 312.41, median: 288.93, p99: 912.7 },
      tpot_ms: { mean: 30.11, median: 29.64, p99: 38.25 },
      e2e_ms: { mean: null, median: null, p99: null },
      mean_concurrency: null,
      derived: [],
      absent: ['mean_e2el_ms', 'median_e2el_ms', 'p99_e2el_ms'],
    },
  ],
  [
    'vllm-serve-qwen3-8b-sweep.jsonl',
    3,
    1,
    { tool: 'vllm', record: 2, line: 2, model: 'Qwen/Qwen3-8B', request_rate: 4, max_concurrency: null, mean_input_tokens: 512, mean_output_tokens: 256, mean_concurrency_from: 'littles_law', absent: [] },
  ],
  [
    'vllm-benchmark-serving-70b.json',
    1,
    0,
    { tool: 'vllm', line: 1, failed: null, request_rate: 1.5, mean_input_tokens: 4129 / 8, mean_output_tokens: 1870 / 8, tpot_ms: { mean: 23.12, median: 23.08, p99: 23.51 } },
  ],
  [
    'sglang-bench-serving-qwen3.jsonl',
    2,
    0,
    {
      tool: 'sglang',
      format: 'json',
      model: null,
      backend: 'sglang',
      engine: 'sglang',
      num_prompts: null,
      failed: null,
      completed: 640,
      request_rate: 'inf',
      max_concurrency: 64,
      mean_input_tokens: 2048,
      mean_output_tokens: 512,
      mean_concurrency_from: 'stated',
      e2e_ms: { mean: 11720.4, median: 11583, p99: 14102.5 },
      itl_ms: { mean: 20.55, median: 17.3, p99: 85.1 },
      absent: [],
    },
  ],
  ['sglang-bench-serving-qwen3.jsonl', 2, 1, { request_rate: 8, max_concurrency: null, line: 2, absent: [] }],
  [
    'sglang-summary-qwen3.txt',
    1,
    0,
    {
      tool: 'sglang',
      format: 'text',
      model: 'Qwen/Qwen3-32B',
      num_prompts: 640,
      backend: 'sglang',
      request_rate: 'inf',
      max_concurrency: 64,
      completed: 640,
      duration_s: 118.73,
      requests_per_s: 5.39,
      output_tokens_per_s: 2759.79,
      mean_concurrency: 63.17,
      ttft_ms: { mean: 1204.6, median: 1015.2, p99: 3311.8 },
      tpot_ms: { mean: null, median: null, p99: null },
      e2e_ms: { mean: 11720.4, median: 11583, p99: null },
      absent: ['mean_tpot_ms', 'median_tpot_ms', 'p99_tpot_ms', 'p99_e2e_latency_ms'],
    },
  ],
  [
    'vllm-summary-llama8b.txt',
    1,
    0,
    {
      tool: 'vllm',
      format: 'text',
      model: 'meta-llama/Llama-3.1-8B-Instruct',
      num_prompts: 320,
      backend: null,
      request_rate: 'inf',
      max_concurrency: 32,
      failed: 0,
      duration_s: 41.37,
      requests_per_s: 7.73,
      output_tokens_per_s: 990.06,
      mean_input_tokens: 1024,
      ttft_ms: { mean: 312.41, median: 288.93, p99: 912.7 },
      tpot_ms: { mean: 30.11, median: 29.64, p99: 38.25 },
      absent: ['backend', 'mean_e2el_ms', 'median_e2el_ms', 'p99_e2el_ms'],
    },
  ],
];

describe('parseBenchmarkResult reads each format', () => {
  it.each(CASES)('%s: %i result(s); #%i as expected', (file, count, index, expected) => {
    const all = measurements(read(file));
    expect(all).toHaveLength(count);
    expect(all[index]).toMatchObject(expected);
  });

  it('every fixture is listed in the README, and every listed file is a case', () => {
    const readme = read('README.md');
    const listed = [...readme.matchAll(/^\| `([^`]+)` \|/gm)].map((m) => m[1]);
    expect(new Set(listed)).toEqual(new Set(CASES.map((c) => c[0])));
  });

  it('derives request/s and output tokens/s (and says so) when the keys are absent', () => {
    const [m] = measurements('{"duration": 10, "completed": 20, "total_input_tokens": 4000, "total_output_tokens": 3000}');
    expect(m).toMatchObject({ tool: 'vllm', requests_per_s: 2, output_tokens_per_s: 300, derived: ['request_throughput', 'output_throughput'] });
  });

  it('reads the figures the same from the saved JSON and from the printed summary of the same run', () => {
    const json = measurements(read('vllm-serve-llama8b-c32.json'))[0]!;
    const text = measurements(read('vllm-summary-llama8b.txt'))[0]!;
    for (const k of ['completed', 'request_rate', 'max_concurrency', 'mean_input_tokens', 'mean_output_tokens', 'ttft_ms', 'tpot_ms', 'itl_ms', 'model', 'num_prompts'] as const) {
      expect(text[k], k).toEqual(json[k]);
    }
    expect(text.requests_per_s).toBeCloseTo(json.requests_per_s, 2);
  });

  it('a "-0.00" median (SGLang prints it) reads as 0; a value of 0 is accepted', () => {
    const [m] = measurements('{"duration": 1, "completed": 1, "total_input_tokens": 0, "total_output_tokens": 1, "median_tpot_ms": -0.0, "mean_ttft_ms": 0}');
    expect(Object.is(m!.tpot_ms.median, 0)).toBe(true);
    expect(m!.ttft_ms.mean).toBe(0);
  });

  it('is not a benchmark result: an engine log, plain text, an empty file', () => {
    expect(parseBenchmarkResult(readFileSync(join(ROOT, 'test', 'fixtures', 'calibrate', 'vllm-two-restarts.txt'), 'utf8'))).toBeUndefined();
    expect(parseBenchmarkResult('hello\n')).toBeUndefined();
    expect(parseBenchmarkResult('')).toBeUndefined();
    expect(parseBenchmarkResult('[TRT-LLM] [I] Estimated max memory in KV cache : 5.95 GiB\n')).toBeUndefined();
    expect(parseBenchmarkResult("{'model': 'm', 'max_model_len': 4096}\n")).toBeUndefined();
  });
});

describe('bad input: one problem naming the key, the value given and what is accepted', () => {
  const base = { duration: 10, completed: 5, total_input_tokens: 500, total_output_tokens: 50 };
  const withValue = (key: string, raw: string) => JSON.stringify(base).replace(/}$/, `, "${key}": ${raw}}`);
  const BAD: readonly (readonly [string, string, string])[] = [
    ['NaN (Python json.dumps)', withValue('mean_ttft_ms', 'NaN'), 'f:1: mean_ttft_ms: got NaN; expected a number of at least 0.'],
    ['negative', withValue('p99_tpot_ms', '-3.5'), 'f:1: p99_tpot_ms: got -3.5; expected a number of at least 0.'],
    ['-Infinity', withValue('output_throughput', '-Infinity'), 'f:1: output_throughput: got -Infinity; expected a number of at least 0.'],
    ['text for a number', withValue('request_throughput', '"fast"'), 'f:1: request_throughput: "fast" is not a number; expected a number of at least 0.'],
    ['no completed request', JSON.stringify({ ...base, completed: 0 }), 'f:1: completed: got 0; expected a whole number of at least 1.'],
    ['zero duration', JSON.stringify({ ...base, duration: 0 }), 'f:1: duration: got 0; expected a number of at least 0.001.'],
    ['a denormal duration (the rates would overflow)', JSON.stringify({ ...base, duration: 5e-324 }), 'f:1: duration: got 5e-324; expected a number of at least 0.001.'],
    ['fractional tokens', JSON.stringify({ ...base, total_input_tokens: 10.5 }), 'f:1: total_input_tokens: got 10.5; expected a whole number of at least 0.'],
    ['negative request rate', withValue('request_rate', '-1'), 'f:1: request_rate: got -1; expected a number greater than 0.'],
    ['concurrency 0', withValue('max_concurrency', '0'), 'f:1: max_concurrency: got 0; expected a whole number of at least 1.'],
    ['a model id that is not text', withValue('model_id', '42'), 'f:1: model_id: got 42; expected a non-empty text.'],
    [
      'a JSON object that is not a result (a config.json)',
      '{"architectures": ["LlamaForCausalLM"], "hidden_size": 4096, "completed": 3}',
      'f:1: (result): got "architectures, hidden_size, completed"; expected a benchmark result of vllm bench serve --save-result or SGLang\'s bench_serving --output-file, with the keys duration, completed, total_input_tokens, total_output_tokens (missing: duration, total_input_tokens, total_output_tokens).',
    ],
    ['a JSON array', '[{"completed": 1}]', 'f:1: (result): got "[…]"; expected a JSON object.'],
    ['broken JSON', '{"duration": 10, "completed": ', 'f is not valid JSON (Unexpected end of JSON input).'],
    ['nested too deep', `{"a": ${'['.repeat(100)}${']'.repeat(100)}}`, 'f: (file): got 101; expected JSON whose arrays and objects nest at most 64 levels deep.'],
    ['a summary with a text value', '============ Serving Benchmark Result ============\nSuccessful requests: 10\nBenchmark duration (s): 2.5\nTotal input tokens: 100\nTotal generated tokens: 100\nMean TTFT (ms): n/a\n=====================', 'f:6: Mean TTFT (ms): "n/a" is not a number; expected a number of at least 0.'],
    ['a summary without the totals', '============ Serving Benchmark Result ============\nSuccessful requests: 10\n====================', 'f:1: (result): got "completed"; expected a benchmark result of vllm bench serve --save-result or SGLang\'s bench_serving --output-file, with the keys duration, completed, total_input_tokens, total_output_tokens (missing: duration, total_input_tokens, total_output_tokens).'],
  ];
  it.each(BAD)('%s', (_name, text, sentence) => {
    const found = problems(text);
    expect(found.map(say)).toEqual([sentence]);
  });

  it('JSON lines: the bad line is named, the good ones are not', () => {
    const good = JSON.stringify(base);
    const found = problems(`${good}\n${good}\n{"duration": oops}\n`);
    expect(found).toHaveLength(1);
    expect(say(found[0]!)).toMatch(/^f:3 is not valid JSON \(/);
    const negative = problems(`${good}\n${JSON.stringify({ ...base, total_output_tokens: -1 })}\n`);
    expect(negative.map(say)).toEqual(['f:2: total_output_tokens: got -1; expected a whole number of at least 0.']);
  });

  it('more results than the limit: one problem', () => {
    const line = JSON.stringify(base);
    const found = problems(Array.from({ length: 1001 }, () => line).join('\n'));
    expect(found.map(say)).toEqual(['f: (file): got 1001; expected at most 1000 benchmark results in one file.']);
  });

  it('says every problem in pt-BR too, with no placeholder left', () => {
    for (const [, text] of BAD) for (const p of problems(text)) expect(messagesFor('pt-BR').problem(p, p.field, fmt('pt-BR'))).not.toMatch(/undefined|\[object|NaN NaN/);
  });
});

/** Any JSON value, objects included, with keys drawn partly from the ones a result has. */
const KEY = fc.oneof(fc.constantFrom(...REQUIRED_KEYS, 'request_rate', 'mean_ttft_ms', 'model_id', 'concurrency', 'backend'), fc.string({ maxLength: 12 }));
const VALUE = fc.oneof(fc.double(), fc.integer(), fc.string({ maxLength: 8 }), fc.constant(null), fc.boolean(), fc.array(fc.integer(), { maxLength: 3 }));
const OBJECT = fc.dictionary(KEY, VALUE, { maxKeys: 10 });

describe('property: a JSON object without every required key is refused with a problem, never a throw', () => {
  it('refused, with the missing keys named', () => {
    fc.assert(
      fc.property(OBJECT, fc.constantFrom(...REQUIRED_KEYS), (obj, drop) => {
        const o: Record<string, unknown> = { ...obj };
        delete o[drop];
        const r = parseBenchmarkResult(JSON.stringify(o));
        expect(r).toBeDefined();
        expect(r!.ok).toBe(false);
        if (r!.ok) return;
        const keys = r!.problems.find((p) => p.accepted.kind === 'rule' && p.accepted.rule === 'bench_result_keys');
        expect(keys, JSON.stringify(r)).toBeDefined();
        expect((keys!.accepted as unknown as { detail: { missing: string[] } }).detail.missing).toContain(drop);
      }),
      { numRuns: 400 },
    );
  });

  it('any JSON object, any values: a result or problems (every one a sentence in both locales), never a throw', () => {
    const full = fc.record({ duration: VALUE, completed: VALUE, total_input_tokens: VALUE, total_output_tokens: VALUE });
    fc.assert(
      fc.property(OBJECT, full, (extra, required) => {
        const r = parseBenchmarkResult(JSON.stringify({ ...extra, ...required }));
        expect(r).toBeDefined();
        if (r!.ok) {
          for (const m of r!.measurements) {
            expect(Number.isFinite(m.mean_input_tokens) && m.mean_input_tokens >= 0).toBe(true);
            expect(Number.isFinite(m.requests_per_s) && m.requests_per_s >= 0).toBe(true);
            for (const l of [...benchmarkLines(m, null, 'en'), ...benchmarkLines(m, null, 'pt-BR')]) expect(l).not.toMatch(/undefined|NaN|\[object/);
          }
        } else {
          expect(r!.problems.length).toBeGreaterThan(0);
          for (const p of r!.problems) for (const locale of ['en', 'pt-BR'] as const) expect(typeof messagesFor(locale).problem(p, p.field, fmt(locale))).toBe('string');
        }
      }),
      { numRuns: 400 },
    );
  });

  it('the property is not vacuous: the same generator gives results when the required keys are sound', () => {
    const sound = fc.sample(OBJECT, { numRuns: 200, seed: 3 }).map((o) => parseBenchmarkResult(JSON.stringify({ ...o, duration: 5, completed: 2, total_input_tokens: 20, total_output_tokens: 20 })));
    expect(sound.filter((r) => r?.ok).length).toBeGreaterThan(20);
  });
});

describe('the comparison with the performance model (design point)', () => {
  it('the workload: concurrency when capped at an unbounded rate, the rate when finite, neither at maximum load', () => {
    const [capped] = measurements(read('vllm-serve-llama8b-c32.json'));
    expect(workloadOf(capped!)).toEqual({ input_tokens: 1024, output_tokens: 128, concurrency: 32 });
    const sweep = measurements(read('vllm-serve-qwen3-8b-sweep.jsonl'));
    expect(workloadOf(sweep[2]!)).toEqual({ input_tokens: 512, output_tokens: 256, request_rate: 8 });
    const [max] = measurements('{"duration": 1, "completed": 4, "total_input_tokens": 40, "total_output_tokens": 8, "request_rate": "inf"}');
    expect(workloadOf(max!)).toEqual({ input_tokens: 10, output_tokens: 2 });
  });

  it('compareWithModel: measured ÷ predicted per figure the result states, printed under its heading', () => {
    const [m] = measurements(read('vllm-serve-llama8b-c32.json'));
    const planned = plan({ model: 'Meta-Llama-3.1-8B', server: 'dgx-h100', storage: 'profile_default', concurrency: 32, effective_context: 1152 }, new CatalogIndex(BUILTIN_CATALOG));
    expect(planned.ok, JSON.stringify(planned)).toBe(true);
    if (!planned.ok) return;
    let seen: unknown;
    const c = compareWithModel(m!, planned.value, (_p, w) => {
      seen = w;
      return { ttft_ms: { p50: 250, p99: 1000 }, tpot_ms: { p50: 30, p99: 0 }, output_tokens_per_s: 1000, requests_per_s: 8 };
    });
    expect(seen).toEqual({ input_tokens: 1024, output_tokens: 128, concurrency: 32 });
    expect(c.rows.map((r) => [r.metric, Number(r.ratio.toFixed(4))])).toEqual([
      ['output_tokens_per_s', 0.9901],
      ['requests_per_s', 0.9669],
      ['ttft_p50_ms', 1.1557],
      ['ttft_p99_ms', 0.9127],
      ['tpot_p50_ms', 0.988],
    ]);
    const text = benchmarkLines(m!, { ...c, flags: ['--example-flag 1'] }, 'en');
    expect(text).toContain("compared with llm-sizing's performance model (measured ÷ predicted):");
    expect(text).toContain('  TTFT median, ms: measured 288.93, predicted 250 (1.16×)');
    expect(text.slice(-2)).toEqual(["the same load with llm-sizing's performance model:", '  --example-flag 1']);
  });
});
