/**
 * The roofline split in two: what a prefill or a decode step does whatever the constants (`prefillWork`,
 * `decodeWork`: chunks, bytes, FLOPs, all-reduce activations) and its one combination with the constants
 * (`prefillTime` over `prefillRates`, `decodeStepOf`). `prefill`, `prefillSeconds` and `decodeStep` are
 * that combination; the calibration's fit computes the work once per measured row (`PreparedRow.work`,
 * `.burst`) and reuses it for every set of constants it tries.
 *
 * The reference below is the direct computation the split replaced, term by term: the split must give
 * what it gives on every calibration deployment (and variants through the pipeline, window and
 * all-reduce branches), for several token counts, prompt counts, batches and contexts. When the model's
 * formula changes on purpose, change the reference with it.
 */
import { describe, expect, it } from 'vitest';
import { BUILTIN_CATALOG } from '../../src/catalog/builtin.ts';
import { calibrationFor } from '../../src/engines/perf/calibration.ts';
import { predictRow, prepareRows } from '../../src/engines/perf/fit.ts';
import { MEASUREMENTS } from '../../src/engines/perf/fit-report.ts';
import { burstTtft, burstTtftOf, burstWork, evaluateLoad, loadWork } from '../../src/engines/perf/load.ts';
import {
  causalPairs,
  decodeStep,
  decodeStepOf,
  decodeWork,
  kvReadPerSession,
  type PerfDeployment,
  prefill,
  prefillRates,
  prefillSeconds,
  prefillTime,
  prefillWork,
  type RooflineConstants,
  weightsRead,
} from '../../src/engines/perf/roofline.ts';
import type { PrefillTerms, StepTerms } from '../../src/engines/perf/types.ts';

/** The prefill computed directly from the deployment and the constants (the formula before the split). */
function referencePrefill(d: PerfDeployment, c: RooflineConstants, tokens: number, prompts: number): PrefillTerms {
  const n = Math.max(0, tokens);
  const m = Math.max(1, prompts);
  const all = n * m;
  const chunks = Math.max(1, Math.ceil(all / d.batched_tokens));
  const weights_s = (chunks * d.pipeline_parallel * weightsRead(d, all / chunks)) / (d.bandwidth_bps * c.bandwidth_efficiency);
  const compute_s = (2 * d.active_params * all) / d.tensor_parallel / (d.flops * c.compute_efficiency);
  let pairs = 0;
  for (const g of d.attention_groups) pairs += g.count * causalPairs(n, g.window);
  const attention_s = (4 * d.attention_width * pairs * m) / d.tensor_parallel / (d.flops_bf16 * c.attention_compute_efficiency);
  const t = d.allreduce_group;
  const allreduce_s =
    t <= 1 ? 0 : 2 * d.layers * (chunks * c.allreduce_latency_us * 1e-6 + ((2 * (t - 1)) / t) * ((all * d.hidden * 2) / (d.interconnect_bps * (c.allreduce_bandwidth_efficiency ?? 1))));
  const overhead_s = chunks * (d.layers * c.layer_overhead_us * 1e-6 + c.step_overhead_ms * 1e-3);
  return { tokens: all, chunks, weights_s, compute_s, attention_s, allreduce_s, overhead_s, total_s: Math.max(weights_s, compute_s) + attention_s + allreduce_s + overhead_s };
}

/** The decode step computed directly (the formula before the split). */
function referenceStep(d: PerfDeployment, c: RooflineConstants, batch: number, context: number): StepTerms {
  const pp = d.pipeline_parallel;
  const micro = batch / pp;
  const layersStage = Math.ceil(d.layers / pp);
  const weightsBytes = weightsRead(d, micro);
  const kvBytes = (batch / d.data_parallel_attention) * kvReadPerSession(d.ranks, context);
  const gemmFlops = (2 * d.active_params * batch) / d.gpus_per_replica;
  let attnFlops = 0;
  for (const g of d.attention_groups) attnFlops += g.count * 4 * d.attention_width * (g.window === null ? context : Math.min(context, g.window));
  attnFlops = (attnFlops * batch) / (d.tensor_parallel * pp);
  const weights_s = (pp * weightsBytes) / (d.bandwidth_bps * c.bandwidth_efficiency);
  const compute_s = gemmFlops / (d.flops * c.compute_efficiency);
  const kv_s = kvBytes / (d.bandwidth_bps * c.kv_bandwidth_efficiency);
  const attention_s = attnFlops / (d.flops_bf16 * c.attention_compute_efficiency);
  const t = d.allreduce_group;
  const allreduce = t <= 1 ? 0 : c.allreduce_latency_us * 1e-6 + ((2 * (t - 1)) / t) * ((micro * d.hidden * 2) / (d.interconnect_bps * (c.allreduce_bandwidth_efficiency ?? 1)));
  const handoff = pp > 1 ? (pp - 1) * (c.allreduce_latency_us * 1e-6 + (micro * d.hidden * 2) / d.scale_out_bps) : 0;
  const allreduce_s = pp * 2 * layersStage * allreduce + handoff;
  const overhead_s = pp * layersStage * c.layer_overhead_us * 1e-6 + c.step_overhead_ms * 1e-3;
  return {
    batch,
    context_tokens: context,
    weights_bytes_per_gpu: weightsBytes,
    kv_bytes_per_gpu: kvBytes,
    gemm_flops_per_gpu: gemmFlops,
    attention_flops_per_gpu: attnFlops,
    weights_s,
    kv_s,
    compute_s,
    attention_s,
    allreduce_s,
    overhead_s,
    total_s: Math.max(weights_s, compute_s) + Math.max(kv_s, attention_s) + allreduce_s + overhead_s,
  };
}

const TOLERANCE = 1e-12;
const close = (a: number, b: number) => a === b || Math.abs(a - b) <= TOLERANCE * Math.max(Math.abs(a), Math.abs(b));
/** Keys whose values differ beyond the tolerance. */
const differing = (a: object, b: object) =>
  Object.keys(b).filter((k) => !close((a as Record<string, number>)[k]!, (b as Record<string, number>)[k]!));

const ROWS = prepareRows(MEASUREMENTS.serving, BUILTIN_CATALOG);

/** Every calibration deployment, and variants of it through the pipeline, window and all-reduce branches. */
const DEPLOYMENTS: { name: string; d: PerfDeployment }[] = ROWS.flatMap((p) => {
  const d = p.prepared.deployment;
  return [
    { name: p.row.id, d },
    { name: `${p.row.id} PP 2, an extra 1,024-token window group`, d: { ...d, pipeline_parallel: 2, attention_groups: [...d.attention_groups, { count: Math.ceil(d.layers / 2), window: 1024 }] } },
    { name: `${p.row.id} no all-reduce`, d: { ...d, allreduce_group: 1 } },
  ];
});

const hopper = (engine: 'trtllm' | 'vllm' | 'sglang') => calibrationFor('hopper', engine).constants;
const CONSTANTS: { name: string; c: RooflineConstants }[] = [
  { name: 'hopper-trtllm', c: hopper('trtllm') },
  { name: 'hopper-vllm', c: hopper('vllm') },
  { name: 'hopper-sglang', c: hopper('sglang') },
  {
    name: 'no all-reduce efficiency, other figures',
    c: { bandwidth_efficiency: 0.55, compute_efficiency: 0.33, layer_overhead_us: 7, step_overhead_ms: 2.5, allreduce_latency_us: 31, request_overhead_ms: 12, kv_bandwidth_efficiency: 0.9, attention_compute_efficiency: 0.6 },
  },
];

const TOKENS = [0, 1, 17, 512, 1024, 3000, 8192, 8193, 20_000, 131_072];
const PROMPTS = [1, 2, 3, 8, 64];
const BATCHES = [1, 1.5, 4, 37, 256, 2048];
const CONTEXTS = [1, 700, 1536, 9000, 128_000];

describe('prefill and decode step: constant-independent work × constants', () => {
  it('the prefill equals the direct computation term by term, and prefill(…).total_s === prefillSeconds(…) exactly', () => {
    const bad: string[] = [];
    let checked = 0;
    for (const { name, d } of DEPLOYMENTS)
      for (const { name: cn, c } of CONSTANTS)
        for (const n of TOKENS)
          for (const m of PROMPTS) {
            const ref = referencePrefill(d, c, n, m);
            const terms = prefill(d, c, n, m);
            const seconds = prefillSeconds(d, c, n, m);
            const where = `${name}, ${cn}, ${n} tokens × ${m}`;
            if (terms.tokens !== ref.tokens || terms.chunks !== ref.chunks) bad.push(`${where}: tokens/chunks`);
            for (const k of differing(terms, ref)) bad.push(`${where}: ${k} ${terms[k as keyof PrefillTerms]} vs ${ref[k as keyof PrefillTerms]}`);
            if (terms.total_s !== seconds) bad.push(`${where}: prefill total ${terms.total_s} !== prefillSeconds ${seconds}`);
            if (prefillTime(prefillRates(d, c), prefillWork(d, n, m)) !== seconds) bad.push(`${where}: prefillTime`);
            checked++;
          }
    expect(bad).toEqual([]);
    expect(checked).toBe(DEPLOYMENTS.length * CONSTANTS.length * TOKENS.length * PROMPTS.length);
  });

  it('the decode step equals the direct computation term by term', () => {
    const bad: string[] = [];
    for (const { name, d } of DEPLOYMENTS)
      for (const { name: cn, c } of CONSTANTS)
        for (const b of BATCHES)
          for (const ctx of CONTEXTS) {
            const ref = referenceStep(d, c, b, ctx);
            const step = decodeStep(d, c, b, ctx);
            for (const k of differing(step, ref)) bad.push(`${name}, ${cn}, batch ${b} at ${ctx}: ${k} ${step[k as keyof StepTerms]} vs ${ref[k as keyof StepTerms]}`);
            if (decodeStepOf(d, c, decodeWork(d, b, ctx)).total_s !== step.total_s) bad.push(`${name}, ${cn}, batch ${b} at ${ctx}: decodeStepOf`);
          }
    expect(bad).toEqual([]);
  });

  it("a burst's mean TTFT is c_request + the mean of the direct prefills of 1..c prompts, from its work as from scratch", () => {
    const bad: string[] = [];
    for (const p of ROWS)
      for (const { name: cn, c } of CONSTANTS)
        for (const sessions of [1, 2, 5, 16, 64]) {
          const isl = p.row.input_tokens;
          let sum = 0;
          for (let k = 1; k <= sessions; k++) sum += referencePrefill(p.prepared.deployment, c, isl, k).total_s;
          const ref = c.request_overhead_ms * 1e-3 + sum / sessions;
          const direct = burstTtft(p.prepared, p.row, sessions, c);
          if (!close(direct, ref)) bad.push(`${p.row.id}, ${cn}, ${sessions} sessions: ${direct} vs ${ref}`);
          if (burstTtftOf(p.prepared.deployment, burstWork(p.prepared.deployment, p.row, sessions), c) !== direct) bad.push(`${p.row.id}, ${cn}, ${sessions} sessions: burstTtftOf`);
        }
    expect(bad).toEqual([]);
  });

  it("the fit's prepared rows hold their load's work: evaluating with it is evaluating from scratch", () => {
    for (const p of ROWS) {
      expect(p.workload, p.row.id).toEqual({ input_tokens: p.row.input_tokens, output_tokens: p.row.output_tokens });
      expect(p.work, p.row.id).toEqual(loadWork(p.prepared, p.row, p.load));
      if (p.load.kind === 'concurrency' && p.row.benchmark)
        expect(p.burst, p.row.id).toEqual({ work: burstWork(p.prepared.deployment, p.row, p.load.sessions), requests_per_session: p.row.benchmark.requests_per_session });
      else expect(p.burst, p.row.id).toBeNull();
      for (const { name: cn, c } of CONSTANTS) {
        expect(evaluateLoad(p.prepared, p.row, p.load, c, p.work), `${p.row.id} ${cn}`).toEqual(evaluateLoad(p.prepared, p.row, p.load, c));
        const pred = predictRow(p, c);
        expect(Object.keys(pred).length, p.row.id).toBe(5);
      }
    }
  });

  it('a step worked out for another batch is not used: the load decodes at its own batch', () => {
    const p = ROWS.find((r) => r.load.kind === 'concurrency')!;
    const c = CONSTANTS[0]!.c;
    const load = { kind: 'concurrency', sessions: 5 } as const;
    const other = loadWork(p.prepared, p.row, { kind: 'batch', sessions: 3 });
    expect(other.step?.batch).toBe(3);
    expect(evaluateLoad(p.prepared, p.row, load, c, other)).toEqual(evaluateLoad(p.prepared, p.row, load, c));
  });
});
