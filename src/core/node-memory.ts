/**
 * What one node's memory holds in one scenario, for the memory chart, in five parts that add up to the
 * node's memory: the weights, the rest of the runtime (activations, non-torch memory; in the seed
 * accounting, the overhead beyond the weights), what is kept free on purpose (an engine's fraction, the
 * seed's budget buffer), the KV cache the scenario's sessions fill, and the KV memory left free.
 *
 * Without an engine memory model: the runtime overhead, of which the weights of one copy of the model
 * when they are known, the budget buffer ((HBM − overhead) × (1 − kv_budget_ratio)), and the scenario's
 * total KV spread over its nodes (at most the KV budget). With one: the engine's own per-node weights,
 * activation, non-torch and reserved memory, and the share of its KV pool that the sessions of one node
 * fill; GPUs outside the replicas count as free.
 *
 * Weights larger than the seed's overhead are shown whole: the parts then add up to more than the node
 * holds, which is what the `weights_exceed_overhead` alert says in words.
 *
 * @example
 * // report-example (opt-oss-120b on dgx300, fp16, 1,000 sessions at 131,072 tokens; no parameter count),
 * // RECOMMENDED: weights null, runtime 120, reserved 607.7, KV in use 900.9, free 517.2 GiB (2,145.8 in all)
 */
import type { ScenarioKey } from './scenarios.ts';
import type { SizingResult } from './sizing.ts';

export interface NodeMemoryUse {
  /** Weights of the model copies on the node; null when they are not known (no parameter count, no weights_gib). */
  readonly weights_gib: number | null;
  /** The rest of the runtime: activations and non-torch memory, or the overhead beyond the weights (all of it when they are unknown). */
  readonly runtime_gib: number;
  /** Kept free on purpose: the engine's reserved fraction, or the seed's budget buffer. */
  readonly reserved_gib: number;
  readonly kv_in_use_gib: number;
  /** KV memory the sessions leave free, and GPUs outside the replicas. */
  readonly free_gib: number;
  /** The node's memory as the accounting sees it: the HBM in GiB, or what an engine sees (the data sheet's GB × 0.99 read as GiB). */
  readonly total_gib: number;
  /** What the accounting sets aside for weights and runtime (the seed's runtime_overhead_gib, at most the node's memory). */
  readonly overhead_gib: number;
}

const nonNegative = (v: number) => Math.max(0, v);

export function nodeMemoryUse(r: SizingResult, key: ScenarioKey): NodeMemoryUse {
  const { results: n, engine } = r.scenarios[key];
  const nfr = r.inputs.nfr;
  const filled = n.nodes_final && n.sessions_per_node ? Math.min(1, nfr.concurrency / (n.nodes_final * n.sessions_per_node)) : 0;
  if (engine) {
    const node = engine.per_node;
    // The seed accounting's per-GPU "weights" line is its overhead share, whatever the weights are.
    // The weights the node holds (its replicas' shares: parameters × bytes, or --weights-gib).
    const known = r.reserve.weights_node_gib;
    const weights = engine.memory_model === 'seed' ? known : known === null && node.weights_gib === 0 ? null : node.weights_gib;
    const overhead = node.weights_gib + node.activation_gib + node.non_torch_gib;
    const kvInUse = node.kv_cache_gib * filled;
    return {
      weights_gib: weights,
      runtime_gib: nonNegative(overhead - (weights ?? 0)),
      reserved_gib: node.reserved_gib,
      kv_in_use_gib: kvInUse,
      free_gib: nonNegative(node.kv_cache_gib - kvInUse) + node.idle_gpus_gib,
      overhead_gib: Math.min(n.hbm_total_gib, overhead),
      total_gib: node.gpu_memory_gib,
    };
  }
  const overhead = Math.min(n.hbm_total_gib, nfr.runtime_overhead_gib);
  const weights = r.reserve.weights_node_gib;
  const kvInUse = n.nodes_final ? Math.min(n.kv_budget_gib, n.kv_total_gib / n.nodes_final) : 0;
  const buffer = nonNegative(n.hbm_total_gib - overhead - n.kv_budget_gib);
  return {
    weights_gib: weights,
    runtime_gib: nonNegative(overhead - (weights ?? 0)),
    reserved_gib: buffer,
    kv_in_use_gib: kvInUse,
    free_gib: nonNegative(n.kv_budget_gib - kvInUse),
    overhead_gib: overhead,
    total_gib: n.hbm_total_gib,
  };
}
