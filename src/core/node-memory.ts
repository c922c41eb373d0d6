/**
 * What one node's memory holds in one scenario, for the memory chart: the overhead (weights and
 * runtime), the KV cache the scenario's sessions fill, and what stays free. Without an engine memory
 * model: the runtime overhead and the scenario's total KV spread over its nodes (at most the KV
 * budget). With one: the engine's own per-node weights, activation and non-torch memory, and the share
 * of its KV pool that the sessions of one node fill.
 */
import type { ScenarioKey } from './scenarios.ts';
import type { SizingResult } from './sizing.ts';

export interface NodeMemoryUse {
  readonly overhead_gib: number;
  readonly kv_in_use_gib: number;
  readonly free_gib: number;
}

export function nodeMemoryUse(r: SizingResult, key: ScenarioKey): NodeMemoryUse {
  const { results: n, engine } = r.scenarios[key];
  const nfr = r.inputs.nfr;
  const filled = n.nodes_final && n.sessions_per_node ? Math.min(1, nfr.concurrency / (n.nodes_final * n.sessions_per_node)) : 0;
  const overhead = Math.min(n.hbm_total_gib, engine ? engine.per_node.weights_gib + engine.per_node.activation_gib + engine.per_node.non_torch_gib : nfr.runtime_overhead_gib);
  const kvInUse = engine ? engine.per_node.kv_cache_gib * filled : n.nodes_final ? Math.min(n.kv_budget_gib, n.kv_total_gib / n.nodes_final) : 0;
  return { overhead_gib: overhead, kv_in_use_gib: kvInUse, free_gib: Math.max(0, n.hbm_total_gib - overhead - kvInUse) };
}
