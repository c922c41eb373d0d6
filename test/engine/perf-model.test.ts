/** The performance model's formulas, table-driven, and its public functions on catalog deployments. */
import { describe, expect, it } from 'vitest';
import { planEntries } from '../../src/app/plan.ts';
import { BUILTIN_CATALOG } from '../../src/catalog/builtin.ts';
import type { FullSizingRequest } from '../../src/core/sizing.ts';
import {
  activeParamsB,
  applyFactors,
  calibrationFor,
  conformalFactors,
  decodeStep,
  evaluateLoad,
  expertsTouched,
  kvReadPerSession,
  nodeRange,
  perfMissingFigures,
  performance,
  prefill,
  prepareDeployment,
  scaledLoad,
  sloSessionsOf,
  sloSessionsPerReplica,
} from '../../src/engines/perf/index.ts';
import { causalPairs, expertsSaturation, prefillSeconds } from '../../src/engines/perf/roofline.ts';
import { PERF_CALIBRATION } from '../../src/engines/perf/calibration.ts';
import { prepareRows } from '../../src/engines/perf/fit.ts';
import { MEASUREMENTS } from '../../src/engines/perf/fit-report.ts';
import { rankGeometry } from '../../src/engines/geometry.ts';
import { expectInsideIntervals } from '../helpers/perf-intervals.ts';

const model = (name: string) => BUILTIN_CATALOG.models.find((m) => m.name === name)!;
const server = (name: string) => BUILTIN_CATALOG.servers.find((s) => s.name === name)!;
const storage = BUILTIN_CATALOG.storage[0]!;

export function perfPlan(m: string, s: string, request: Partial<FullSizingRequest> = {}) {
  const r = planEntries({ model: model(m), server: server(s), storage }, { concurrency: 1, effective_context: 2048, kv_precision: 'fp8', weights_precision: 'fp8', memory_model: 'vllm', ...request });
  if (!r.ok) throw new Error(JSON.stringify(r.problems));
  return r.value;
}

describe('formulas', () => {
  it.each([
    [1, 128, 8, 0.0625],
    [2, 128, 8, 1 - (120 / 128) ** 2],
    [0, 128, 8, 0],
    [1000, 128, 8, 1 - (120 / 128) ** 1000],
    [5, 0, 0, 0],
  ])('expertsTouched(%d tokens, %d experts, %d per token) = %f', (t, e, k, want) => {
    expect(expertsTouched(t, e, k)).toBeCloseTo(want, 12);
  });

  it.each([
    [4, null, 10],
    [4, 8, 10],
    [10, 3, 10 * 3 - 3],
    [1, 1, 1],
  ])('causalPairs(%d, window %s) = %d', (n, w, want) => {
    expect(causalPairs(n, w)).toBe(want);
  });

  it.each([
    ['Meta-Llama-3.1-70B', 1, 1536, 80 * 8 * 256 * 1536],
    ['Meta-Llama-3.1-70B', 8, 1536, 80 * 1 * 256 * 1536],
    ['gemma-3-27b-it', 1, 100_000, null],
  ])('kvReadPerSession(%s, TP %d, %d tokens)', (name, tp, ctx, want) => {
    const m = model(name);
    const layout = { tensor_parallel: tp, pipeline_parallel: 1, gpus_per_replica: tp, replicas_per_node: 1, gpus_used: tp, nodes_per_replica: 1, data_parallel_attention: 1, expert_parallel: 1 };
    const ranks = rankGeometry(m, layout, 'fp8', 'vllm');
    const got = kvReadPerSession(ranks, ctx);
    if (want !== null) expect(got).toBe(want);
    // Sliding layers read at most their window: less than every layer reading the whole context.
    else expect(got).toBeLessThan(ranks.reduce((s, g) => s + g.layers * g.bytes_per_token_per_layer * ctx, 0));
  });

  it.each([
    ['Qwen3-235B-A22B', 235, 22.1],
    ['DeepSeek-V3', 671, 37.5],
    ['Meta-Llama-3.1-70B', 70.6, 70.6],
    ['Llama-2-70b-hf', 68.98, 68.98],
  ])('activeParamsB(%s) ≈ %f', (name, total, want) => {
    expect(activeParamsB(model(name), total)).toBeCloseTo(want, 1);
  });

  it.each([
    [[0.8, 0.9, 1.0, 1.1, 1.3], 0.8, 1.3],
    [[1.2, 1.3], 1, 1.3],
    [[], 1, 1],
    [Array.from({ length: 19 }, (_, i) => 0.5 + i * 0.05), 0.55, 1.35],
  ])('conformalFactors(%j) = [%f, %f]', (ratios, low, high) => {
    const f = conformalFactors(ratios);
    expect(f.low).toBeCloseTo(low, 12);
    expect(f.high).toBeCloseTo(high, 12);
  });

  it('applyFactors and nodeRange (doc examples)', () => {
    expect(applyFactors(20, { low: 0.8, high: 1.3 })).toEqual({ low: 16, high: 26 });
    expect(nodeRange((cap) => Math.ceil(1000 / cap) + 1, 112, { low: 96, high: 130 })).toEqual({ nodes: 10, low: 9, high: 12 });
  });
});

describe('the roofline on a catalog deployment', () => {
  const p = prepareDeployment(perfPlan('Meta-Llama-3.1-70B', 'dgx-h200', { tensor_parallel: 1 }), { input_tokens: 1024, output_tokens: 1024 });
  const c = calibrationFor('hopper', 'vllm').constants;

  it('decode step terms (doc example figures)', () => {
    const s = decodeStep(p.deployment, c, 4, 1536);
    expect(s.weights_bytes_per_gpu / 1e9).toBeCloseTo((70.6e9 * 1) / 1e9, 0);
    expect(s.kv_bytes_per_gpu).toBe(4 * 1536 * 80 * 8 * 256);
    expect(s.allreduce_s).toBe(0);
    expect(s.total_s).toBeCloseTo(Math.max(s.weights_s, s.compute_s) + Math.max(s.kv_s, s.attention_s) + s.overhead_s, 12);
  });

  it('prefill chunks by the engine budget (vLLM: 8,192 on an H200)', () => {
    expect(prefill(p.deployment, c, 8192).chunks).toBe(1);
    expect(prefill(p.deployment, c, 8193).chunks).toBe(2);
    expect(prefill(p.deployment, c, 20_000).attention_s).toBeGreaterThan(4 * prefill(p.deployment, c, 5000).attention_s);
  });
});

describe('performance()', () => {
  const plan = perfPlan('Meta-Llama-3.1-70B', 'dgx-h200', { tensor_parallel: 8 });

  it('gives every figure with an interval around it', () => {
    const perf = performance(plan, { input_tokens: 1024, output_tokens: 1024, concurrency: 32 });
    expect(perf.replicas).toBe(1);
    expect(perf.sessions_per_replica).toBe(32);
    expectInsideIntervals(perf);
    expect(perf.tpot_ms.p99).toBeGreaterThanOrEqual(perf.tpot_ms.p50);
    expect(perf.ttft_ms.p99).toBeGreaterThanOrEqual(perf.ttft_ms.p50);
    expect(perf.calibration).toEqual({ id: 'hopper-vllm', source: expect.any(String), extrapolated: false });
    expect(perf.output_tokens_per_s).toBeCloseTo(perf.requests_per_s * 1024, 6);
  });

  it("Little's law ties a request rate to sessions in flight", () => {
    const perf = performance(plan, { input_tokens: 1024, output_tokens: 256, request_rate: 2 });
    const lifeS = perf.ttft_ms.p50 / 1e3 + 255 * (perf.tpot_ms.p50 / 1e3);
    expect(perf.requests_per_s).toBeCloseTo(2, 6);
    expect(perf.sessions_per_replica).toBeCloseTo(2 * lifeS, 0);
  });

  it('without a load: the memory-limited batch, bound by memory', () => {
    const perf = performance(plan, { input_tokens: 1024, output_tokens: 1024 });
    expect(perf.bound).toBe('memory');
    expect(perf.sessions_per_replica).toBe(perf.terms.memory_sessions_per_replica);
  });

  it('a rate beyond what memory holds saturates: TTFT is unbounded', () => {
    const perf = performance(plan, { input_tokens: 1024, output_tokens: 1024, request_rate: 10_000 });
    expect(perf.saturated).toBe(true);
    expect(perf.ttft_ms.p99).toBe(Number.POSITIVE_INFINITY);
    expect(perf.bound).toBe('memory');
  });

  it('a time scale q: at a fixed load every time × q and every rate ÷ q; at a rate, the model at λ·q', () => {
    const p = prepareDeployment(plan, { input_tokens: 1024, output_tokens: 256 });
    const c = calibrationFor('hopper', 'vllm').constants;
    const w = { input_tokens: 1024, output_tokens: 256 };
    for (const q of [0.8, 1, 1.25]) {
      const fixed = evaluateLoad(p, w, { kind: 'concurrency', sessions: 16 }, c);
      const s = scaledLoad(p, w, { kind: 'concurrency', sessions: 16 }, c, q);
      expect(s.sessions_per_replica).toBe(fixed.sessions_per_replica);
      expect(s.tpot_p99_s).toBeCloseTo(fixed.tpot_p99_s * q, 12);
      expect(s.output_tokens_per_s_per_replica).toBeCloseTo(fixed.output_tokens_per_s_per_replica / q, 9);
      const atRate = evaluateLoad(p, w, { kind: 'rate', requests_per_s: 2 * q }, c);
      const r = scaledLoad(p, w, { kind: 'rate', requests_per_s: 2 }, c, q);
      expect(r.sessions_per_replica).toBe(atRate.sessions_per_replica);
      expect(r.ttft_p50_s).toBeCloseTo(atRate.ttft_p50_s * q, 12);
      expect(r.requests_per_s_per_replica).toBeCloseTo(2, 9);
    }
  });

  it("at a request rate the intervals carry the time scale through the sessions in flight (Little's law)", () => {
    const w = { input_tokens: 1024, output_tokens: 256 };
    const p = prepareDeployment(plan, w);
    const set = calibrationFor('hopper', 'vllm');
    const f = set.interval_factors;
    const perf = performance(plan, { ...w, request_rate: 2 }, 1);
    expectInsideIntervals(perf);
    const lo = scaledLoad(p, w, { kind: 'rate', requests_per_s: 2 }, set.constants, f.tpot_ms.low);
    const hi = scaledLoad(p, w, { kind: 'rate', requests_per_s: 2 }, set.constants, f.tpot_ms.high);
    expect(perf.interval.tpot_ms.p99.low).toBeCloseTo(lo.tpot_p99_s * 1e3, 9);
    expect(perf.interval.tpot_ms.p99.high).toBeCloseTo(hi.tpot_p99_s * 1e3, 9);
    // More than the factors alone: the sessions in flight grow with the scaled load.
    expect(perf.interval.tpot_ms.p99.high).toBeGreaterThan(perf.tpot_ms.p99 * f.tpot_ms.high);
    // At a fixed load they are the factors.
    const fixed = performance(plan, { ...w, concurrency: 16 }, 1);
    expect(fixed.interval.tpot_ms.p99).toEqual(applyFactors(fixed.tpot_ms.p99, f.tpot_ms));
  });

  it('near capacity the interval of a rate says the queue may saturate (TTFT unbounded at its high end)', () => {
    const w = { input_tokens: 1024, output_tokens: 1024 };
    const full = performance(plan, w, 1);
    const near = performance(plan, { ...w, request_rate: full.requests_per_s * 0.97 }, 1);
    expect(near.saturated).toBe(false);
    expect(Number.isFinite(near.ttft_ms.p99)).toBe(true);
    expect(near.interval.ttft_ms.p99.high).toBe(Number.POSITIVE_INFINITY);
    expect(near.interval.output_tokens_per_s.low).toBeLessThan(near.output_tokens_per_s);
  });

  it('deployment replicas multiply the deployment figures, not the per-replica ones', () => {
    const one = performance(plan, { input_tokens: 1024, output_tokens: 1024, concurrency: 16 }, 1);
    const four = performance(plan, { input_tokens: 1024, output_tokens: 1024, concurrency: 64 }, 4);
    expect(four.output_tokens_per_s).toBeCloseTo(4 * one.output_tokens_per_s, 6);
    expect(four.output_tokens_per_s_per_replica).toBeCloseTo(one.output_tokens_per_s_per_replica, 6);
  });

  it('another GPU family uses the nearest set, marked extrapolated, with wider intervals', () => {
    const b = performance(perfPlan('Meta-Llama-3.1-70B', 'dgx-b200', { tensor_parallel: 8 }), { input_tokens: 1024, output_tokens: 1024, concurrency: 32 });
    const h = performance(plan, { input_tokens: 1024, output_tokens: 1024, concurrency: 32 });
    expect(b.calibration.extrapolated).toBe(true);
    expect(b.interval.tpot_ms.p50.high / b.tpot_ms.p50).toBeGreaterThan(h.interval.tpot_ms.p50.high / h.tpot_ms.p50);
  });

  it('says which figures a server lacks (the original tool’s entries have no bandwidth)', () => {
    const r = planEntries({ model: model('Meta-Llama-3.1-70B'), server: server('dgx200'), storage }, { concurrency: 1, effective_context: 2048 });
    expect(r.ok && perfMissingFigures(r.value)).toEqual(['memory_bandwidth_tbps_per_gpu', 'bf16_dense_tflops_per_gpu', 'interconnect_bandwidth_gbps_per_gpu']);
    expect(() => r.ok && performance(r.value, { input_tokens: 1, output_tokens: 1 })).toThrow(/memory_bandwidth_tbps_per_gpu/);
  });
});

describe('SLO search', () => {
  const plan = perfPlan('Meta-Llama-3.1-70B', 'dgx-h200', { tensor_parallel: 8 });
  const w = { input_tokens: 1024, output_tokens: 1024 };

  it('finds the largest batch meeting the target by bisection', () => {
    const r = sloSessionsOf(prepareDeployment(plan, w), w, { tpot_p99_ms: 30 });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    const ok = performance(plan, { ...w, concurrency: r.sessions }, 1);
    const over = performance(plan, { ...w, concurrency: r.sessions + 1 }, 1);
    expect(ok.tpot_ms.p99).toBeLessThanOrEqual(30);
    expect(over.tpot_ms.p99).toBeGreaterThan(30);
    expect(r.evaluations).toBeLessThanOrEqual(Math.ceil(Math.log2(prepareDeployment(plan, w).memory_sessions)) + 3);
  });

  it('no target: the memory limit', () => {
    const r = sloSessionsPerReplica(plan, w, {});
    expect(r).toEqual({ ok: true, sessions: Math.floor(prepareDeployment(plan, w).memory_sessions), bound: 'memory' });
  });

  it.each([
    [{ tpot_p99_ms: 1 }, 'tpot_below_single_session'],
    [{ ttft_p99_ms: 1 }, 'ttft_below_single_session'],
  ] as const)('an unreachable target %j is infeasible: %s', (slo, reason) => {
    const r = sloSessionsPerReplica(plan, w, slo);
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.reason).toBe(reason);
      expect(r.best_ms).toBeGreaterThan(1);
    }
  });
});

describe('expertsSaturation: from it on, expertsTouched is exactly 1', () => {
  it.each([
    [256, 8],
    [128, 8],
    [384, 8],
    [64, 6],
    [8, 2],
    [160, 6],
  ])('%i experts, %i per token', (experts, perToken) => {
    const t = expertsSaturation(experts, perToken);
    expect(Number.isFinite(t)).toBe(true);
    expect(expertsTouched(t - 1, experts, perToken)).toBeLessThan(1);
    // Every x checked, the misses collected and compared once (an expect per x cost seconds).
    const notOne: [number, number][] = [];
    for (let x = t; x < t * 40; x += 0.73) {
      const touched = expertsTouched(x, experts, perToken);
      if (!Object.is(touched, 1)) notOne.push([x, touched]);
    }
    expect(notOne).toEqual([]);
  });

  it('is infinite for a dense model, or no expert per token', () => {
    expect(expertsSaturation(0, 0)).toBe(Number.POSITIVE_INFINITY);
    expect(expertsSaturation(64, 0)).toBe(Number.POSITIVE_INFINITY);
  });
});

describe('prefillSeconds is prefill().total_s', () => {
  it('on every calibration deployment, for 1 to 64 prompts of several lengths', () => {
    let checked = 0;
    for (const row of prepareRows(MEASUREMENTS.serving, BUILTIN_CATALOG)) {
      const c = calibrationFor('hopper', row.row.engine).constants;
      for (const tokens of [1, 300, 1024, 8192, 20000]) {
        for (const k of [1, 2, 7, 64]) {
          expect(prefillSeconds(row.prepared.deployment, c, tokens, k)).toBe(prefill(row.prepared.deployment, c, tokens, k).total_s);
          checked++;
        }
      }
    }
    expect(checked).toBeGreaterThan(100);
  });
});

describe('calibrationFor: one resolved set per file, GPU family and memory model', () => {
  it.each([
    ['hopper', 'vllm', false],
    ['hopper', 'sglang', false],
    ['hopper', 'trtllm', false],
    ['hopper', 'seed', false],
    ['blackwell', 'vllm', true],
    [null, 'trtllm', true],
  ] as const)('%s / %s (extrapolated: %s): the same frozen object each time, the file\'s constants and factors', (arch, model, extrapolated) => {
    const a = calibrationFor(arch, model);
    expect(calibrationFor(arch, model)).toBe(a);
    expect(Object.isFrozen(a) && Object.isFrozen(a.constants) && Object.isFrozen(a.interval_factors)).toBe(true);
    expect(a.extrapolated).toBe(extrapolated);
    const set = PERF_CALIBRATION.sets.find((s) => s.id === a.id)!;
    expect(a.constants).toEqual({ ...set.constants, kv_bandwidth_efficiency: PERF_CALIBRATION.kernel.kv_bandwidth_efficiency, attention_compute_efficiency: PERF_CALIBRATION.kernel.attention_compute_efficiency });
  });

  it('another file gives its own sets (the memo is per file)', () => {
    const file = structuredClone(PERF_CALIBRATION);
    file.sets = file.sets.map((s) => ({ ...s, constants: { ...s.constants, step_overhead_ms: s.constants.step_overhead_ms * 2 } }));
    const other = calibrationFor('hopper', 'vllm', file);
    expect(other).not.toBe(calibrationFor('hopper', 'vllm'));
    expect(other.constants.step_overhead_ms).toBe(calibrationFor('hopper', 'vllm').constants.step_overhead_ms * 2);
  });
});
