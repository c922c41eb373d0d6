/**
 * Weights-aware by default (issue 9, point 1): the probes of the issue, the reserve's rule table, the
 * weights precisions, and what the executive report says when a sizing must not be bought.
 */
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { plan } from '../../src/app/plan.ts';
import { BUILTIN_CATALOG } from '../../src/catalog/builtin.ts';
import { CatalogIndex } from '../../src/catalog/lookup.ts';
import { main } from '../../src/cli/main.ts';
import { SCENARIO_KEYS } from '../../src/core/scenarios.ts';
import { procurementBlock, size as sizePlan, type SizingResult } from '../../src/core/sizing.ts';
import { runtimeFloorGib, runtimeReserve, WEIGHTS_PRECISION_BYTES, weightsMemory } from '../../src/core/weights.ts';
import { renderExecutive } from '../../src/report/executive.ts';
import { renderText } from '../../src/report/text.ts';
import { validateRequest } from '../../src/schema/request.ts';
import type { ServerEntry } from '../../src/schema/catalog.ts';
import { size } from '../helpers/size.ts';
import { model, server, storage } from '../helpers/catalog.ts';

const catalog = new CatalogIndex(BUILTIN_CATALOG);
/** Size a raw request (as a batch line or an API body) over the built-in catalog. */
function sized(raw: Record<string, unknown>): SizingResult {
  const p = plan({ storage: 'profile_default', ...raw }, catalog);
  if (!p.ok) throw new Error(JSON.stringify(p.problems));
  return sizePlan(p.value);
}
const nodes = (r: SizingResult) => SCENARIO_KEYS.map((k) => r.scenarios[k].results.nodes_final);
const codes = (r: SizingResult) => r.alerts.map((a) => a.code);
const oneH100: ServerEntry = { name: 'h100-1', gpus: 1, hbm_per_gpu_gb: 80, total_hbm_gb: 80, gpu_architecture: 'hopper' };

describe('the probes of issue 9', () => {
  it('DeepSeek-V3 on dgx-h100 (625 GiB of weights, a 596 GiB node) is infeasible, with an alert saying what would fit', () => {
    const r = sized({ model: 'DeepSeek-V3', server: 'dgx-h100', concurrency: 200, effective_context: 32768 });
    expect(r.weights!.gib).toBeCloseTo(624.917, 3);
    expect(r.node_memory.hbm_total_gib).toBeCloseTo(596.05, 2);
    expect(nodes(r)).toEqual([null, null, null]);
    expect(r.feasible).toBe(false);
    const a = r.alerts.find((x) => x.code === 'weights_exceed_node');
    expect(a?.severity).toBe('error');
    expect(a?.scenarios).toEqual(['minimum', 'recommended', 'ideal']);
    // At 74.5 GiB per GPU less the allowance, 9 GPUs per replica would hold it; the larger catalog servers
    // (smallest first) and the 4-bit precisions would too.
    expect(a?.params).toMatchObject({ server: 'dgx-h100', gpus_needed: 9, precisions_that_fit: 'mxfp4, nvfp4, int4' });
    const servers = String((a?.params as { servers_that_fit: string }).servers_that_fit).split(', ');
    expect(servers).toContain('dgx-h200');
    expect(servers).toContain('gb200-nvl72-rack');
    expect(servers).not.toContain('dgx-h100');
    expect(servers).not.toContain('l40s-8');
    // It replaces the generic outcome alerts.
    expect(codes(r)).not.toContain('no_kv_budget');
    expect(codes(r)).not.toContain('zero_sessions_per_node');
    const text = renderText(r, { locale: 'en' }).replace(/\s+/g, ' ');
    expect(text).toContain('One copy of the weights does not fit a dgx-h100 node');
    expect(text).toContain('more GPUs per replica: at least 9 (--tensor-parallel × --pipeline-parallel, over 2 nodes of 8 GPUs)');
    expect(text).toContain('--weights-precision mxfp4, nvfp4, int4');
  });

  it('DeepSeek-V3 on dgx-h100 stays infeasible with a --runtime-overhead-gib that would leave a budget', () => {
    const r = sized({ model: 'DeepSeek-V3', server: 'dgx-h100', concurrency: 200, effective_context: 32768, runtime_overhead_gib: 120 });
    expect(r.inputs.nfr.runtime_overhead_gib).toBe(120);
    expect(nodes(r)).toEqual([null, null, null]);
    expect(codes(r)).toEqual(expect.arrayContaining(['weights_exceed_node', 'weights_exceed_overhead']));
  });

  it('DeepSeek-V3 on dgx-h100 fits in fp4: --weights-precision, any letter case', () => {
    const r = sized({ model: 'DeepSeek-V3', server: 'dgx-h100', concurrency: 200, effective_context: 32768, weights_precision: 'FP4' });
    expect(r.weights).toMatchObject({ bytes_per_param: 0.53125, precision: 'fp4' });
    expect(r.feasible).toBe(true);
    expect(r.inputs.nfr.runtime_overhead_source).toBe('weights');
  });

  it('DeepSeek-V3 on dgx-h200 at 128k: the default and vLLM (TP 8) now agree within an order of magnitude, and the rest is the replicated MLA latent', () => {
    const request = { model: 'DeepSeek-V3', server: 'dgx-h200', concurrency: 200, effective_context: 131072 };
    const seed = sized(request);
    const vllm = sized({ ...request, memory_model: 'vllm', tensor_parallel: 8 });
    // Before: 3 / 5 / 6 against 40 / 49 / 54 (the default reserved 120 GiB, not 625 of weights).
    expect(nodes(seed)).toEqual([7, 9, 11]);
    expect(nodes(vllm)).toEqual([40, 49, 54]);
    for (const k of SCENARIO_KEYS) {
      const a = seed.scenarios[k].results.nodes_final!;
      const b = vllm.scenarios[k].results.nodes_final!;
      expect(b / a).toBeLessThan(10);
    }
    // Both reserve the weights: 624.9 GiB per node.
    expect(seed.inputs.nfr.runtime_overhead_gib).toBeGreaterThan(seed.weights!.gib);
    expect(vllm.scenarios.minimum.engine!.per_node.weights_gib).toBeCloseTo(seed.weights!.gib, 6);
    // What remains: vLLM keeps the MLA latent on each of the 8 TP ranks (mla_replicated), the pool once.
    // Counted once, vLLM's KV memory would hold about as many sessions as the pool's (its 0.9 utilization
    // against the pool's 0.7 budget ratio: a little more).
    expect(codes(vllm)).toContain('mla_replicated');
    const vllmOnce = Math.floor(vllm.scenarios.minimum.engine!.per_node.kv_cache_gib / seed.kv.gib);
    const pool = seed.scenarios.minimum.results.sessions_per_node;
    expect(vllm.scenarios.minimum.results.sessions_per_node).toBe(5);
    expect(pool).toBe(33);
    expect(vllmOnce / pool).toBeGreaterThan(1);
    expect(vllmOnce / pool).toBeLessThan(1.4);
  });

  it('Meta-Llama-3.1-70B reserves its 131.5 GiB of bf16 weights plus the runtime allowance, not 120', () => {
    const r = sized({ model: 'Meta-Llama-3.1-70B', server: 'dgx-h100', concurrency: 200, effective_context: 32768 });
    expect(r.weights!.gib).toBeCloseTo(131.5, 1);
    expect(r.inputs.nfr.runtime_overhead_source).toBe('weights');
    // 131.5 + 8 GPUs × (8,192 × 8,192 × 27 B = 1.6875 GiB of activations + 1 GiB of CUDA context and NCCL).
    expect(r.inputs.nfr.runtime_overhead_gib).toBeCloseTo(131.50274753570557 + 8 * 2.6875, 9);
    expect(r.scenarios.minimum.results.kv_budget_gib).toBeCloseTo((r.node_memory.hbm_total_gib - r.inputs.nfr.runtime_overhead_gib) * 0.7, 9);
    expect(codes(r)).not.toContain('weights_exceed_overhead');
    expect(renderText(r, { locale: 'en' })).toContain(
      'Runtime Overhead: 153.0 GiB: weights 131.5 GiB + runtime allowance 21.5 GiB (8 GPU(s) × 2.69 GiB of activations, CUDA context and NCCL); at least 120 GiB',
    );
  });

  it('Meta-Llama-3.1-8B on a 1 × H100 server is feasible: the floor is 15 GiB per GPU, not 120 GiB', () => {
    const entries = { model: model('Meta-Llama-3.1-8B'), server: oneH100, storage: storage('profile_default') };
    const r = size(entries, { concurrency: 16, effective_context: 8192 });
    expect(r.feasible).toBe(true);
    expect(r.reserve.floor_gib).toBe(15);
    // 14.957 GiB of weights + 0.84375 GiB of activations + 0.35 GiB of CUDA context (one GPU).
    expect(r.inputs.nfr.runtime_overhead_gib).toBeCloseTo(14.957040548324583 + 0.84375 + 0.35, 9);
    expect(r.scenarios.minimum.results.sessions_per_node).toBe(Math.floor(((74.50580596923828 - r.inputs.nfr.runtime_overhead_gib) * 0.7) / r.kv.gib));
    // The original's fixed 120 GiB, given explicitly, is honoured: then nothing fits.
    expect(size(entries, { concurrency: 16, effective_context: 8192, runtime_overhead_gib: 120 }).feasible).toBe(false);
  });
});

describe('the reserve', () => {
  it('floor: the original 120 GiB on nodes of 8 GPUs or more, 15 GiB per GPU below', () => {
    expect([1, 2, 4, 7, 8, 16, 72].map(runtimeFloorGib)).toEqual([15, 30, 60, 105, 120, 120, 120]);
  });

  const h100 = server('dgx-h100');
  const llama8b = model('Meta-Llama-3.1-8B');
  const pool = { tensor_parallel: 8, gpus_per_replica: 8, gpus_used: 8 };
  it.each([
    ['weights unknown: the floor', null, pool, undefined, { node_gib: 120, source: 'floor' }],
    ['small weights: the floor', 14.957040548324583, pool, undefined, { node_gib: 120, source: 'floor' }],
    ['weights above the floor: weights + allowance', 200, pool, undefined, { node_gib: 200 + 8 * (0.84375 + 1), source: 'weights' }],
    ['given: as given, even below the weights', 200, pool, 50, { node_gib: 50, source: 'input', default_node_gib: 200 + 8 * (0.84375 + 1) }],
    ['8 replicas of TP 1: 8 copies, 0.35 GiB of non-torch each', 14.957040548324583, { tensor_parallel: 1, gpus_per_replica: 1, gpus_used: 8 }, undefined, { node_gib: 8 * (14.957040548324583 + 0.84375 + 0.35), source: 'weights' }],
    ['3 replicas of TP 2 on 8 GPUs: 6 GPUs hold weights', 100, { tensor_parallel: 2, gpus_per_replica: 2, gpus_used: 6 }, undefined, { node_gib: 3 * 100 + 6 * (0.84375 + 1), weights_node_gib: 300 }],
  ] as const)('%s', (_why, weights, shape, given, want) => {
    expect(runtimeReserve(llama8b, h100, weights, shape, given)).toMatchObject(want);
  });

  it('weights fit while one GPU holds its share and the allowance with room to spare', () => {
    const gpu = 74.50580596923828;
    const allowance = 0.84375 + 1;
    expect(runtimeReserve(llama8b, h100, (gpu - allowance) * 8 - 0.01, pool, undefined).weights_fit).toBe(true);
    expect(runtimeReserve(llama8b, h100, (gpu - allowance) * 8, pool, undefined).weights_fit).toBe(false);
  });
});

describe('--weights-precision', () => {
  it('sets the bytes per parameter over the model’s own', () => {
    const deepSeek = model('DeepSeek-V3');
    expect(weightsMemory(deepSeek)?.bytes_per_param).toBe(1);
    expect(weightsMemory(deepSeek, undefined, 'bf16')?.bytes_per_param).toBe(2);
    expect(weightsMemory(deepSeek, undefined, 'int4')?.bytes_per_param).toBe(0.515625);
    expect(WEIGHTS_PRECISION_BYTES.fp4).toBe(WEIGHTS_PRECISION_BYTES.mxfp4);
    expect(weightsMemory({ ...deepSeek, total_params_b: null }, undefined, 'fp8')).toBeNull();
  });

  it.each([['fp8', 'fp8'], ['FP8', 'fp8'], ['MxFp4', 'mxfp4'], ['BF16', 'bf16']])('accepts %s as %s', (given, want) => {
    const v = validateRequest({ model: 'm', server: 's', storage: 'p', concurrency: 1, effective_context: 1, weights_precision: given });
    expect(v.ok && v.value.weights_precision).toBe(want);
  });

  it('refuses what it does not know, naming the field, the value and the values accepted', () => {
    const v = validateRequest({ model: 'm', server: 's', storage: 'p', concurrency: 1, effective_context: 1, weights_precision: 'fp3' });
    expect(v.ok).toBe(false);
    if (!v.ok) expect(v.problems[0]).toMatchObject({ field: 'weights_precision', value: 'fp3', accepted: { kind: 'one_of' } });
  });

  it('is a CLI flag: --weights-precision FP4 sizes DeepSeek-V3 on dgx-h100', async () => {
    let out = '';
    const status = await main(
      ['--model', 'DeepSeek-V3', '--server', 'dgx-h100', '--storage', 'profile_default', '--concurrency', '200', '--effective-context', '32768', '--weights-precision', 'FP4', '--json-only'],
      { stdout: (t) => (out += t), stderr: () => {}, stdin: Readable.from([]), now: () => new Date(0), env: {} },
    );
    expect(status).toBe(0);
    const doc = JSON.parse(out) as { kv_cache: { weights_gib: number }; runtime_reserve: { source: string; weights_fit: boolean } };
    expect(doc.kv_cache.weights_gib).toBeCloseTo((671e9 * 0.53125) / 2 ** 30, 9);
    expect(doc.runtime_reserve).toMatchObject({ source: 'weights', weights_fit: true });
  });
});

describe('the executive report never recommends buying an infeasible or overstated sizing', () => {
  const exec = (r: SizingResult) => renderExecutive(r, { locale: 'en' });
  const PROCEED = /Proceed with procurement/;

  it('recommends procurement when the recommended scenario is feasible and nothing overstates it', () => {
    const r = sized({ model: 'Meta-Llama-3.1-70B', server: 'dgx-h100', concurrency: 200, effective_context: 32768 });
    expect(procurementBlock(r)).toBeNull();
    expect(exec(r)).toMatch(PROCEED);
  });

  it('not when the weights do not fit a node: it says so, and what would fit', () => {
    const r = sized({ model: 'DeepSeek-V3', server: 'dgx-h100', concurrency: 200, effective_context: 32768 });
    expect(procurementBlock(r)).toEqual({ kind: 'infeasible' });
    const text = exec(r);
    expect(text).not.toMatch(PROCEED);
    expect(text).toContain("**Do not buy yet: one copy of DeepSeek-V3's weights (624.9 GiB) does not fit a dgx-h100 node");
    expect(text).toContain('What would fit:');
  });

  it('not when a --runtime-overhead-gib below the weights overstates it (the issue: "Proceed with procurement of 20 dgx-h100 nodes")', () => {
    const r = sized({ model: 'Meta-Llama-3.1-70B', server: 'dgx-h100', concurrency: 2000, effective_context: 32768, runtime_overhead_gib: 120 });
    expect(r.scenarios.recommended.feasible).toBe(true);
    expect(procurementBlock(r)).toMatchObject({ kind: 'overstated' });
    const text = exec(r);
    expect(text).not.toMatch(PROCEED);
    expect(text).toContain('are an overstated sizing');
    expect(text).toContain('Resolve what makes the sizing overstated');
    expect(text).not.toContain('Governance conditions');
    const pt = renderExecutive(r, { locale: 'pt-BR' });
    expect(pt).not.toMatch(/Proceder com procurement/);
    expect(pt).toContain('dimensionamento superestimado');
  });

  it('not under an engine that counts unknown weights as 0', () => {
    const entries = { model: { ...model('Meta-Llama-3.1-70B'), total_params_b: null }, server: server('dgx-h100'), storage: storage('profile_default') };
    const r = size(entries, { concurrency: 200, effective_context: 32768, memory_model: 'vllm', tensor_parallel: 8 });
    expect(codes(r)).toContain('engine_weights_unknown');
    expect(exec(r)).not.toMatch(PROCEED);
  });
});
