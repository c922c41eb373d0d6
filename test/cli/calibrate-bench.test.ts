/**
 * `llm-sizing calibrate` on a serving benchmark's result: what it measured in text (en, pt-BR) and
 * JSON, and bad files refused with exit 2, one sentence per problem, nothing on standard output.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ROOT, runCli, tempDir } from '../helpers/cli.ts';

const tmp = tempDir('llm-sizing-calibrate-bench-');
afterAll(() => tmp.remove());
const FIXTURES = join(ROOT, 'test', 'fixtures', 'bench');

function file(name: string, text: string): string {
  const path = join(tmp.path, name);
  writeFileSync(path, text);
  return path;
}

describe('llm-sizing calibrate BENCHMARK-RESULT', () => {
  it('prints what a vllm bench serve result measured', async () => {
    const r = await runCli(['calibrate', join(FIXTURES, 'vllm-serve-llama8b-c32.json')]);
    expect(r.status).toBe(0);
    expect(r.stderr).toBe('');
    expect(r.stdout).toBe(
      [
        'benchmark result: vllm bench serve, saved JSON',
        '  model: meta-llama/Llama-3.1-8B-Instruct',
        '  backend: vllm (engine: vLLM)',
        '  requests: 320 completed of 320 prompts, 0 failed',
        '  load: all requests sent at once (request rate inf), at most 32 in flight',
        '  mean tokens per request: 1,024 in, 128 out',
        '  duration: 41.37 s',
        '  throughput: 7.735 requests/s, 990.06 output tokens/s',
        '  TTFT (time to first token): mean 312.41, median 288.93, p99 912.7 ms',
        '  TPOT (time per output token): mean 30.11, median 29.64, p99 38.25 ms',
        '  ITL (inter-token latency): mean 29.87, median 27.02, p99 61.53 ms',
        '  end-to-end latency: not stated',
        '  keys not in the result: mean_e2el_ms, median_e2el_ms, p99_e2el_ms',
        '',
      ].join('\n'),
    );
  });

  it('in pt-BR, with one heading per result of a JSON-lines file', async () => {
    const r = await runCli(['calibrate', join(FIXTURES, 'sglang-bench-serving-qwen3.jsonl'), '--lang', 'pt-BR']);
    expect(r.status).toBe(0);
    const lines = r.stdout.split('\n');
    expect(lines.filter((l) => l.startsWith('resultado '))).toEqual([
      'resultado 1 de 2 (linha 1)',
      'resultado de benchmark: bench_serving do SGLang, JSON salvo',
      'resultado 2 de 2 (linha 2)',
      'resultado de benchmark: bench_serving do SGLang, JSON salvo',
    ]);
    expect(lines).toContain('  carga: 8 requisições/s enviadas, sem limite de concorrência');
    expect(lines).toContain('  tokens médios por requisição: 2.048 de entrada, 512 de saída');
    expect(lines).toContain('  latência de ponta a ponta: média 11.720,4, mediana 11.583, p99 14.102,5 ms');
  });

  it('--json-only: { benchmarks: [...] }, one object per result, comparison null until the performance model is wired in', async () => {
    const r = await runCli(['calibrate', join(FIXTURES, 'vllm-serve-qwen3-8b-sweep.jsonl'), '--json-only']);
    expect(r.status).toBe(0);
    const doc = JSON.parse(r.stdout) as { benchmarks: Record<string, unknown>[] };
    expect(doc.benchmarks.map((b) => [b.record, b.tool, b.request_rate, b.comparison])).toEqual([
      [1, 'vllm', 2, null],
      [2, 'vllm', 4, null],
      [3, 'vllm', 8, null],
    ]);
    expect(doc.benchmarks[0]).toMatchObject({ mean_input_tokens: 512, mean_output_tokens: 256, max_concurrency: null, mean_concurrency_from: 'littles_law' });
  });

  it('reads the printed summary as well as the saved JSON', async () => {
    const r = await runCli(['calibrate', join(FIXTURES, 'sglang-summary-qwen3.txt')]);
    expect(r.status).toBe(0);
    expect(r.stdout.split('\n').slice(0, 3)).toEqual(["benchmark result: SGLang's bench_serving, printed summary", '  model: Qwen/Qwen3-32B', '  backend: sglang (engine: SGLang)']);
  });

  const BAD: readonly (readonly [string, string, string])[] = [
    ['nan.json', '{"duration": 10, "completed": 5, "total_input_tokens": 50, "total_output_tokens": 50, "mean_ttft_ms": NaN}', 'nan.json:1: mean_ttft_ms: got NaN; expected a number of at least 0.'],
    ['negative.jsonl', '{"duration": 10, "completed": 5, "total_input_tokens": 50, "total_output_tokens": 50}\n{"duration": -10, "completed": 5, "total_input_tokens": 50, "total_output_tokens": 50}\n', 'negative.jsonl:2: duration: got -10; expected a number of at least 0.001.'],
    ['config.json', '{"hidden_size": 4096, "num_hidden_layers": 32}', 'config.json:1: (result): got "hidden_size, num_hidden_layers"; expected a benchmark result'],
    ['broken.json', '{"duration": 10,,}', 'broken.json is not valid JSON ('],
  ];
  it.each(BAD)('refuses %s: exit 2, one sentence naming the field and value, nothing on standard output', async (name, text, start) => {
    const path = file(name, text);
    const r = await runCli(['calibrate', path]);
    expect(r.status).toBe(2);
    expect(r.stdout).toBe('');
    const problems = r.stderr.split('\n').filter((l) => l.startsWith('llm-sizing:'));
    expect(problems).toHaveLength(1);
    expect(problems[0]!.replace(`${tmp.path}/`, '')).toContain(`llm-sizing: ${start}`);
    expect(r.stderr).not.toMatch(/\n\s+at /); // no stack trace
  });

  it('refuses a file over the size limit before reading it', async () => {
    const { openSync, ftruncateSync, closeSync } = await import('node:fs');
    const path = join(tmp.path, 'huge.json');
    const fd = openSync(path, 'w');
    ftruncateSync(fd, 256 * 1024 * 1024 + 1); // sparse: no disk used
    closeSync(fd);
    const r = await runCli(['calibrate', path]);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('larger than 256 MiB');
  });

  it('--help names benchmark results', async () => {
    const r = await runCli(['calibrate', '--help']);
    expect(r.stdout).toContain('vllm bench serve --save-result');
  });
});
