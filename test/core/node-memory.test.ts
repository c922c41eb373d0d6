/**
 * One node's memory for the chart: weights, the rest of the runtime, what is kept free on purpose, KV
 * the sessions fill, and free; the parts add up to the node's memory when the weights fit the overhead.
 */
import { describe, expect, it } from 'vitest';
import { type NodeMemoryUse, nodeMemoryUse } from '../../src/core/node-memory.ts';
import { SCENARIO_KEYS } from '../../src/core/scenarios.ts';
import { size } from '../helpers/size.ts';
import { model, REPORT_EXAMPLE, server, storage } from '../helpers/catalog.ts';

const sum = (u: NodeMemoryUse) => (u.weights_gib ?? 0) + u.runtime_gib + u.reserved_gib + u.kv_in_use_gib + u.free_gib;
const entries = (name: string, srv = 'dgx-h100') => ({ model: model(name), server: server(srv), storage: storage('profile_default') });

describe('nodeMemoryUse', () => {
  const seed = size(REPORT_EXAMPLE.entries, REPORT_EXAMPLE.request);

  it.each(SCENARIO_KEYS)('seed, weights unknown, %s: the runtime overhead, the budget buffer and the total KV spread over the nodes', (key) => {
    const n = seed.scenarios[key].results;
    const use = nodeMemoryUse(seed, key);
    expect(seed.weights_gib).toBeNull();
    expect(use.weights_gib).toBeNull();
    expect(use.overhead_gib).toBe(120);
    expect(use.runtime_gib).toBe(120);
    expect(use.reserved_gib).toBeCloseTo((n.hbm_total_gib - 120) * (1 - seed.scenarios[key].configuration.kv_budget_ratio), 6);
    expect(use.kv_in_use_gib).toBeCloseTo(Math.min(n.kv_budget_gib, n.kv_total_gib / n.nodes_final!), 9);
    expect(use.kv_in_use_gib + use.free_gib).toBeCloseTo(n.kv_budget_gib, 9);
    expect(sum(use)).toBeCloseTo(n.hbm_total_gib, 9);
    expect(use.total_gib).toBe(n.hbm_total_gib);
  });

  it('seed, weights known: the weights, not the 120 GiB overhead, and the rest of the overhead as runtime', () => {
    const r = size(entries('Meta-Llama-3.1-8B'), { concurrency: 100, effective_context: 8192 });
    const use = nodeMemoryUse(r, 'recommended');
    expect(r.weights_gib).toBeGreaterThan(10);
    expect(use.weights_gib).toBe(r.weights_gib);
    expect(use.runtime_gib).toBeCloseTo(120 - r.weights_gib!, 9);
    expect(use.overhead_gib).toBe(120);
    expect(sum(use)).toBeCloseTo(r.scenarios.recommended.results.hbm_total_gib, 9);
  });

  it('seed, weights above a given overhead: the weights whole, no runtime left, more than the node holds', () => {
    const r = size(entries('Meta-Llama-3.1-70B'), { concurrency: 100, effective_context: 8192, runtime_overhead_gib: 60 });
    const use = nodeMemoryUse(r, 'recommended');
    expect(use.weights_gib).toBe(r.weights_gib);
    expect(use.weights_gib).toBeGreaterThan(60);
    expect(use.runtime_gib).toBe(0);
    expect(sum(use)).toBeGreaterThan(r.scenarios.recommended.results.hbm_total_gib);
  });

  it("vllm: the engine's weights, activation plus non-torch memory, its reserved fraction, and the share of its KV pool one node's sessions fill", () => {
    const r = size(entries('Meta-Llama-3.1-70B'), { concurrency: 100, effective_context: 8192, memory_model: 'vllm', tensor_parallel: 4 });
    const { results: n, engine } = r.scenarios.recommended;
    const node = engine!.per_node;
    const use = nodeMemoryUse(r, 'recommended');
    expect(use.weights_gib).toBeCloseTo(node.weights_gib, 9);
    expect(use.weights_gib).toBeCloseTo(r.weights_gib! * 2, 9); // two TP-4 replicas on 8 GPUs
    expect(use.runtime_gib).toBeCloseTo(node.activation_gib + node.non_torch_gib, 9);
    expect(use.reserved_gib).toBeCloseTo(node.reserved_gib, 9);
    expect(use.kv_in_use_gib).toBeCloseTo((node.kv_cache_gib * 100) / (n.nodes_final! * n.sessions_per_node), 9);
    expect(use.kv_in_use_gib + use.free_gib).toBeCloseTo(node.kv_cache_gib, 9);
    expect(sum(use)).toBeCloseTo(node.gpu_memory_gib, 9);
    expect(use.total_gib).toBe(node.gpu_memory_gib);
  });

  it('vllm with idle GPUs: they count as free', () => {
    const r = size(entries('Meta-Llama-3.1-70B'), { concurrency: 100, effective_context: 8192, memory_model: 'vllm', tensor_parallel: 4, replicas_per_node: 1 });
    const node = r.scenarios.minimum.engine!.per_node;
    const use = nodeMemoryUse(r, 'minimum');
    expect(node.idle_gpus_gib).toBeGreaterThan(0);
    expect(sum(use)).toBeCloseTo(node.gpu_memory_gib, 9);
  });

  it('an engine with unknown weights: null, not a weight of 0', () => {
    const r = size(REPORT_EXAMPLE.entries, { ...REPORT_EXAMPLE.request, memory_model: 'vllm', tensor_parallel: 8 });
    expect(nodeMemoryUse(r, 'recommended').weights_gib).toBeNull();
  });

  it('an infeasible scenario holds no KV', () => {
    const r = size(
      { model: model('opt-oss-120b'), server: server('dgx200'), storage: storage('profile_cloud_premium') },
      { concurrency: 10, effective_context: 200_000, kv_precision: 'fp16', runtime_overhead_gib: 1045 },
    );
    expect(nodeMemoryUse(r, 'minimum').kv_in_use_gib).toBe(0);
  });
});
