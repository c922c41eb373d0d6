/** One node's memory for the chart: overhead, KV the sessions fill, free; the three add up to the node's HBM. */
import { describe, expect, it } from 'vitest';
import { nodeMemoryUse } from '../../src/core/node-memory.ts';
import { SCENARIO_KEYS } from '../../src/core/scenarios.ts';
import { size } from '../helpers/size.ts';
import { model, REPORT_EXAMPLE, server, storage } from '../helpers/catalog.ts';

describe('nodeMemoryUse', () => {
  const seed = size(REPORT_EXAMPLE.entries, REPORT_EXAMPLE.request);

  it.each(SCENARIO_KEYS)('seed, %s: the runtime overhead and the total KV spread over the nodes', (key) => {
    const n = seed.scenarios[key].results;
    const use = nodeMemoryUse(seed, key);
    expect(use.overhead_gib).toBe(120);
    expect(use.kv_in_use_gib).toBeCloseTo(Math.min(n.kv_budget_gib, n.kv_total_gib / n.nodes_final!), 9);
    expect(use.overhead_gib + use.kv_in_use_gib + use.free_gib).toBeCloseTo(n.hbm_total_gib, 9);
  });

  it("vllm: the engine's weights, activation and non-torch memory, and the share of its KV pool one node's sessions fill", () => {
    const r = size(
      { model: model('Meta-Llama-3.1-70B'), server: server('dgx-h100'), storage: storage('profile_default') },
      { concurrency: 100, effective_context: 8192, memory_model: 'vllm', tensor_parallel: 4 },
    );
    const { results: n, engine } = r.scenarios.recommended;
    const use = nodeMemoryUse(r, 'recommended');
    expect(use.overhead_gib).toBeCloseTo(engine!.per_node.weights_gib + engine!.per_node.activation_gib + engine!.per_node.non_torch_gib, 9);
    expect(use.kv_in_use_gib).toBeCloseTo((engine!.per_node.kv_cache_gib * 100) / (n.nodes_final! * n.sessions_per_node), 9);
  });

  it('an infeasible scenario holds no KV', () => {
    const r = size(
      { model: model('opt-oss-120b'), server: server('dgx200'), storage: storage('profile_cloud_premium') },
      { concurrency: 10, effective_context: 200_000, kv_precision: 'fp16', runtime_overhead_gib: 1045 },
    );
    expect(nodeMemoryUse(r, 'minimum').kv_in_use_gib).toBe(0);
  });
});
