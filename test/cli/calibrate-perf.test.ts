/**
 * `llm-sizing calibrate RESULT --server …`: the benchmark's measurement against the performance model
 * at the same load, the `perf` command of that load, and the calibration patch that makes the model
 * reproduce it (the fitted figures come back within the bisection's tolerance).
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { BenchmarkComparison } from '../../src/engines/bench-results.ts';
import { ROOT, runCli } from '../helpers/cli.ts';

const RESULT = join(ROOT, 'test', 'fixtures', 'bench', 'vllm-serve-llama8b-c32.json');
const DEPLOYMENT = ['--model', 'Meta-Llama-3.1-8B', '--server', 'dgx-h100', '--gpus-used', '1', '--memory-model', 'vllm'];

describe('calibrate BENCHMARK-RESULT with the deployment', () => {
  it('compares with the model at the measured load, and fits a patch that reproduces TPOT and TTFT medians', async () => {
    const r = await runCli(['calibrate', RESULT, ...DEPLOYMENT, '--json-only']);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const { benchmarks } = JSON.parse(r.stdout) as { benchmarks: { comparison: BenchmarkComparison }[] };
    const c = benchmarks[0]!.comparison;
    expect(c.workload).toEqual({ input_tokens: 1024, output_tokens: 128, concurrency: 32 });
    expect(c.rows.map((row) => row.metric)).toEqual(['output_tokens_per_s', 'requests_per_s', 'ttft_p50_ms', 'ttft_p99_ms', 'tpot_p50_ms', 'tpot_p99_ms']);
    expect(c.flags.join(' ')).toBe(
      'llm-sizing perf --model Meta-Llama-3.1-8B --server dgx-h100 --gpus-used 1 --memory-model vllm --input-tokens 1024 --output-tokens 128 --concurrency 32',
    );
    // The `perf` command of that load predicts what the comparison says.
    const perf = await runCli([...c.flags.slice(1), '--json-only']);
    const predicted = JSON.parse(perf.stdout) as { performance: { tpot_ms: { p50: number } } };
    expect(c.rows.find((row) => row.metric === 'tpot_p50_ms')!.predicted).toBeCloseTo(predicted.performance.tpot_ms.p50, 9);
    const patch = c.calibration!;
    expect(patch.fitted_on).toBe('tpot_p50_ms');
    expect(patch.set).toBe('hopper-vllm');
    const after = Object.fromEntries(patch.rows.map((row) => [row.metric, row.ratio]));
    expect(after.tpot_p50_ms).toBeCloseTo(1, 4);
    expect(after.ttft_p50_ms).toBeCloseTo(1, 2);
    // One factor on every efficiency.
    expect(patch.constants.compute_efficiency / patch.constants.bandwidth_efficiency).toBeGreaterThan(0);
  });

  it('prints the comparison, the perf command and the patch in text, in Portuguese too', async () => {
    const en = await runCli(['calibrate', RESULT, ...DEPLOYMENT]);
    expect(en.status).toBe(0);
    expect(en.stdout).toContain("compared with llm-sizing's performance model (measured ÷ predicted):");
    expect(en.stdout).toContain('calibration patch that makes the model reproduce it (the constants of the set hopper-vllm');
    expect(en.stdout).toMatch(/^with the patch \(measured ÷ predicted\):\n(  .*\n)*  TPOT median, ms: measured 29\.64, predicted 29\.64 \(1(\.00)?×\)$/m);
    const pt = await runCli(['calibrate', RESULT, ...DEPLOYMENT, '--lang', 'pt-BR']);
    expect(pt.stdout).toContain('ajuste de calibração que faz o modelo reproduzi-lo');
    expect(pt.stdout).toContain('com o ajuste (medido ÷ previsto):');
  });

  it('without --server prints the measurement alone; with --server but no known model, asks for --model (exit 2)', async () => {
    const alone = await runCli(['calibrate', RESULT, '--json-only']);
    expect((JSON.parse(alone.stdout) as { benchmarks: { comparison: unknown }[] }).benchmarks[0]!.comparison).toBeNull();
    const r = await runCli(['calibrate', RESULT, '--server', 'dgx-h100']);
    expect(r.status).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain('--model');
    const bad = await runCli(['calibrate', RESULT, ...DEPLOYMENT, '--tensor-parallel', '3']);
    expect(bad.status).toBe(2);
    expect(bad.stderr).toContain('--tensor-parallel');
  });
});
