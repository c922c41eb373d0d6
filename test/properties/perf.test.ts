/**
 * Invariants of the performance model over catalog deployments and random loads: TPOT grows with the
 * batch and the context; throughput never beats the data sheet's bandwidth and compute bounds; more
 * GPUs per replica never make the roofline part of a step slower.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { planEntries } from '../../src/app/plan.ts';
import { BUILTIN_CATALOG } from '../../src/catalog/builtin.ts';
import { calibrationFor, decodeStep, evaluateLoad, prepareDeployment } from '../../src/engines/perf/index.ts';
import type { MemoryModel } from '../../src/engines/settings.ts';

const storage = BUILTIN_CATALOG.storage[0]!;
const SERVERS = ['dgx-h100', 'dgx-h200', 'dgx-b200', 'mi300x-8'];
const MODELS = ['Meta-Llama-3.1-8B', 'Meta-Llama-3.1-70B', 'Qwen3-235B-A22B', 'gemma-3-27b-it', 'DeepSeek-V3', 'Qwen3-Next-80B-A3B-Thinking'];
const ENGINES: MemoryModel[] = ['vllm', 'sglang', 'trtllm'];

/** A deployment that plans (skipped when the layout is refused or the weights do not fit). */
function prepared(modelName: string, serverName: string, tp: number, engine: MemoryModel, isl: number, osl: number) {
  const model = BUILTIN_CATALOG.models.find((m) => m.name === modelName)!;
  const server = BUILTIN_CATALOG.servers.find((s) => s.name === serverName)!;
  const r = planEntries({ model, server, storage }, { concurrency: 1, effective_context: isl + osl, kv_precision: 'fp8', weights_precision: 'fp8', memory_model: engine, tensor_parallel: tp });
  if (!r.ok) return null;
  const p = prepareDeployment(r.value, { input_tokens: isl, output_tokens: osl });
  return { p, server, constants: calibrationFor(p.gpu_architecture, p.memory_model).constants };
}

const deploymentArb = fc.record({
  model: fc.constantFrom(...MODELS),
  server: fc.constantFrom(...SERVERS),
  tp: fc.constantFrom(1, 2, 4, 8),
  engine: fc.constantFrom(...ENGINES),
  isl: fc.integer({ min: 1, max: 32_768 }),
  osl: fc.integer({ min: 1, max: 8192 }),
});

describe('performance model invariants', () => {
  it('TPOT grows with the batch and with the context', () => {
    fc.assert(
      fc.property(deploymentArb, fc.integer({ min: 1, max: 512 }), fc.integer({ min: 1, max: 512 }), (d, a, b) => {
        const x = prepared(d.model, d.server, d.tp, d.engine, d.isl, d.osl);
        if (!x) return;
        const [lo, hi] = a <= b ? [a, b] : [b, a];
        const w = { input_tokens: d.isl, output_tokens: d.osl };
        const t = (s: number) => evaluateLoad(x.p, w, { kind: 'concurrency', sessions: s }, x.constants).tpot_mean_s;
        expect(t(hi)).toBeGreaterThanOrEqual(t(lo));
        const longer = { input_tokens: d.isl * 2, output_tokens: d.osl };
        const s1 = decodeStep(x.p.deployment, x.constants, lo, d.isl).total_s;
        const s2 = decodeStep(x.p.deployment, x.constants, lo, d.isl * 2).total_s;
        expect(s2).toBeGreaterThanOrEqual(s1);
        expect(evaluateLoad(x.p, longer, { kind: 'concurrency', sessions: lo }, x.constants).tpot_mean_s).toBeGreaterThanOrEqual(t(lo) * (1 - 1e-12));
      }),
      { numRuns: 150 },
    );
  });

  it('output tokens/s never exceeds the bandwidth and compute bounds of the data sheet', () => {
    fc.assert(
      fc.property(deploymentArb, fc.oneof(fc.constant(null), fc.integer({ min: 1, max: 4096 })), (d, c) => {
        const x = prepared(d.model, d.server, d.tp, d.engine, d.isl, d.osl);
        if (!x) return;
        const dep = x.p.deployment;
        const r = evaluateLoad(x.p, { input_tokens: d.isl, output_tokens: d.osl }, c === null ? { kind: 'max' } : { kind: 'concurrency', sessions: c }, x.constants);
        const batch = r.terms.step.batch;
        // Compute: every output token costs at least 2 × active parameters of FLOPs over the replica's GPUs.
        const computeBound = (dep.gpus_per_replica * dep.flops) / (2 * dep.active_params);
        // Bandwidth: a step of `batch` tokens reads at least the weights it touches at the data sheet's rate.
        const bandwidthBound = (batch * dep.bandwidth_bps) / (dep.pipeline_parallel * r.terms.step.weights_bytes_per_gpu);
        expect(r.output_tokens_per_s_per_replica).toBeLessThanOrEqual(computeBound * (1 + 1e-9));
        expect(r.output_tokens_per_s_per_replica).toBeLessThanOrEqual(bandwidthBound * (1 + 1e-9));
      }),
      { numRuns: 150 },
    );
  });

  it('more GPUs per replica never make the roofline part of a step slower', () => {
    fc.assert(
      fc.property(deploymentArb, fc.integer({ min: 1, max: 1024 }), (d, batch) => {
        const a = prepared(d.model, d.server, d.tp, d.engine, d.isl, d.osl);
        const b = prepared(d.model, d.server, d.tp * 2, d.engine, d.isl, d.osl);
        if (!a || !b) return;
        const roof = (x: NonNullable<typeof a>) => {
          const s = decodeStep(x.p.deployment, x.constants, batch, d.isl + d.osl / 2);
          return Math.max(s.weights_s, s.compute_s) + Math.max(s.kv_s, s.attention_s);
        };
        expect(roof(b)).toBeLessThanOrEqual(roof(a) * (1 + 1e-9));
      }),
      { numRuns: 150 },
    );
  });
});
