/**
 * `llm-sizing perf`: one deployment at one load. The JSON document's contract (the keys the issue
 * names, the schema the API's OpenAPI publishes), the text report's rationale in both languages, the
 * three kinds of load, --gpus-used against a server file of the same GPUs, and the built command once.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { BUILTIN_CATALOG } from '../../src/catalog/builtin.ts';
import { PerfOutputSchema, type PerfOutput } from '../../src/schema/perf-output.ts';
import { runCli, spawnCliAsync, tempDir } from '../helpers/cli.ts';
import { expectInsideIntervals, figureIntervals } from '../helpers/perf-intervals.ts';

const tmp = tempDir('perf');
afterAll(() => tmp.remove());

const BASE = ['perf', '--model', 'Meta-Llama-3.1-70B', '--server', 'dgx-h200', '--weights-precision', 'fp8'];

async function json(...args: string[]): Promise<PerfOutput> {
  const r = await runCli([...BASE, ...args, '--json-only']);
  expect(r.stderr).toBe('');
  expect(r.status).toBe(0);
  return PerfOutputSchema.parse(JSON.parse(r.stdout));
}

describe('llm-sizing perf --json-only', () => {
  it('gives the figures the issue names, each with its 80 % interval around it', async () => {
    const doc = await json('--gpus-used', '1', '--concurrency', '16');
    const p = doc.performance;
    expectInsideIntervals(p);
    for (const [value] of figureIntervals(p)) expect(value).toBeGreaterThan(0);
    expect(['memory', 'compute', 'bandwidth', 'queueing']).toContain(p.bound);
    expect(doc.inputs).toMatchObject({ gpus_used: 1, server_gpus: 8, gpus_per_replica: 1, replicas: 1 });
    expect(doc.workload).toEqual({ input_tokens: 1024, output_tokens: 1024, concurrency: 16 });
    // p99 never below p50; the deployment's tokens/s is requests/s × output tokens.
    expect(p.tpot_ms.p99!).toBeGreaterThanOrEqual(p.tpot_ms.p50!);
    expect(p.ttft_ms.p99!).toBeGreaterThanOrEqual(p.ttft_ms.p50!);
    expect(p.output_tokens_per_s).toBeCloseTo(p.requests_per_s * 1024, 6);
  });

  it('without a load, evaluates the memory-limited batch (bound: memory); with a rate, Little\'s law gives the sessions', async () => {
    const max = await json('--gpus-used', '1');
    expect(max.performance.bound).toBe('memory');
    expect(max.performance.sessions_per_replica).toBe(max.performance.terms.memory_sessions_per_replica);
    expect(max.workload).toEqual({ input_tokens: 1024, output_tokens: 1024 });
    const rate = await json('--gpus-used', '1', '--request-rate', '1');
    expect(rate.performance.requests_per_s).toBeCloseTo(1, 9);
    expect(rate.performance.sessions_per_replica).toBeLessThan(max.performance.sessions_per_replica);
    // The same load as that rate's sessions gives back (nearly) the same rate.
    expect(rate.performance.output_tokens_per_s).toBeLessThan(max.performance.output_tokens_per_s);
    // A rate beyond what memory lets the deployment complete: saturated, no finite TTFT (null in JSON).
    const flood = await json('--gpus-used', '1', '--request-rate', '10000');
    expect(flood.performance.saturated).toBe(true);
    expect(flood.performance.ttft_ms).toEqual({ p50: null, p99: null });
    expect(flood.performance.requests_per_s).toBeLessThan(10000);
  });

  it('--gpus-used N gives the same figures as a server file whose node has N GPUs', async () => {
    const h200 = BUILTIN_CATALOG.servers.find((s) => s.name === 'dgx-h200')!;
    const { nvlink_domain_gpus: _d, total_hbm_gb: _t, power_kw: _p, ...rest } = h200;
    const path = join(tmp.path, 'one-h200.json');
    writeFileSync(path, JSON.stringify({ servers: [{ ...rest, name: 'one-h200', gpus: 1 }] }));
    const flag = await json('--gpus-used', '1', '--concurrency', '8', '--memory-model', 'vllm');
    const r = await runCli(['perf', '--model', 'Meta-Llama-3.1-70B', '--server', 'one-h200', '--servers-file', path, '--weights-precision', 'fp8', '--concurrency', '8', '--memory-model', 'vllm', '--json-only']);
    expect(r.stderr).toBe('');
    const file = JSON.parse(r.stdout) as PerfOutput;
    expect(file.performance).toEqual(flag.performance);
  });
});

describe('llm-sizing perf (text)', () => {
  it('explains each figure with its formula, inputs and meaning, in English and in Portuguese', async () => {
    const en = await runCli([...BASE, '--tensor-parallel', '8', '--memory-model', 'vllm', '--concurrency', '64']);
    expect(en.status).toBe(0);
    expect(en.stdout).toMatch(/^Performance of Meta-Llama-3\.1-70B on dgx-h200 \(8 of 8 GPUs\)$/m);
    expect(en.stdout).toContain('Load: 64 sessions in flight on the deployment');
    for (const heading of ['Decode step (batch 64,', 'Prefill of one prompt (1,024 tokens', 'TPOT: p50', 'TTFT: p50', 'Output tokens/s:', '80 % intervals: calibration set']) {
      expect(en.stdout).toContain(heading);
    }
    expect(en.stdout.match(/^ {4}formula: /gm)).toHaveLength(6);
    expect(en.stdout.match(/^ {4}inputs: /gm)).toHaveLength(6);
    expect(en.stdout.match(/^ {4}meaning: /gm)).toHaveLength(6);
    const pt = await runCli([...BASE, '--tensor-parallel', '8', '--memory-model', 'vllm', '--concurrency', '64', '--lang', 'pt-BR']);
    expect(pt.status).toBe(0);
    expect(pt.stdout).toContain('Desempenho de Meta-Llama-3.1-70B em dgx-h200 (8 de 8 GPUs)');
    expect(pt.stdout).toContain('Prefill de um prompt (1.024 tokens');
    expect(pt.stdout.match(/^ {4}fórmula: /gm)).toHaveLength(6);
    expect(pt.stdout).not.toContain('formula:');
  });

  it('--help shows the workload flags with their defaults, and examples', async () => {
    const r = await runCli(['perf', '--help']);
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/--input-tokens TOKENS\s+mean prompt tokens per request.*perf: 1024/);
    expect(r.stdout).toContain('--gpus-used N');
    expect(r.stdout).toContain('llm-sizing perf --model Meta-Llama-3.1-70B --server dgx-h200 --gpus-used 1');
    expect(r.stdout).not.toContain('--storage NAME');
  });

  it('refuses a server whose entry lacks the data-sheet figures the model needs, naming them (exit 2)', async () => {
    const path = join(tmp.path, 'bare.json');
    writeFileSync(path, JSON.stringify({ servers: [{ name: 'bare', gpus: 8, hbm_per_gpu_gb: 80 }] }));
    const r = await runCli(['perf', '--model', 'Meta-Llama-3.1-8B', '--server', 'bare', '--servers-file', path]);
    expect(r.status).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain('--server');
    expect(r.stderr).toContain('memory_bandwidth_tbps_per_gpu');
  });
});

describe('the built command', () => {
  it('prints the same document as in process', async () => {
    const args = [...BASE, '--gpus-used', '2', '--tensor-parallel', '2', '--request-rate', '3', '--json-only'];
    const [built, inProcess] = await Promise.all([spawnCliAsync(args), runCli(args)]);
    expect(built.stderr).toBe('');
    expect(built.status).toBe(0);
    expect(built.stdout).toBe(inProcess.stdout);
  });
});
