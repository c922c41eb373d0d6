/**
 * The deployment layout: model replicas of TP × PP GPUs each, on one node or spanning whole nodes, and
 * the checks that refuse a layout an engine would refuse (or a setting the chosen memory model would
 * ignore). Pure.
 *
 * A replica larger than a node spans `nodes_per_replica` whole nodes (TP × PP a whole multiple of the
 * server's GPUs). Pipeline stages, and attention data-parallel groups with expert parallelism, may
 * cross nodes; a tensor-parallel group (the ranks that all-reduce inside a layer) must stay inside one
 * NVLink domain: the server's `nvlink_domain_gpus`, else its own GPUs.
 *
 * @example
 * // Llama-3.1-70B (8 KV heads, 64 query heads, 80 layers) on an 8-GPU node, TP 2:
 * resolveLayout(model, server, { tensor_parallel: 2 })
 * //=> layout { tensor_parallel: 2, pipeline_parallel: 1, gpus_per_replica: 2, replicas_per_node: 4, gpus_used: 8, nodes_per_replica: 1, … }, problems []
 * // TP 3 over 8 KV heads: problem tp_kv_heads (8 % 3 ≠ 0 and 3 % 8 ≠ 0)
 * // DeepSeek-V3 on dgx-h100 (8 GPUs), TP 8 × PP 2: 16 GPUs, one replica over 2 nodes (nodes_per_replica 2)
 * // TP 16 on dgx-h100: problem tp_across_nodes (its NVLink domain is its own 8 GPUs)
 * // TP 16 on gb200-nvl72-tray (4 GPUs, NVLink domain 72): one replica over 4 trays
 */
import type { LayerGroupSpec, ModelEntry, ServerEntry } from '../schema/catalog.ts';
import type { Problem } from '../schema/problems.ts';
import { layerGroupsOf } from '../core/layers.ts';
import { anyGiven } from '../core/requested.ts';
import { type DeploymentRequest, ENGINE_SETTINGS, type MemoryModel, SETTINGS_OUTSIDE, type SettingRow } from './settings.ts';

export interface Layout {
  readonly tensor_parallel: number;
  readonly pipeline_parallel: number;
  readonly gpus_per_replica: number;
  /** Replicas on one node; 1 when a replica spans several nodes. */
  readonly replicas_per_node: number;
  /** GPUs of one node that serve replicas (all of them when a replica spans nodes). */
  readonly gpus_used: number;
  /** Whole nodes one replica occupies: 1 when it fits a node, else TP × PP / the server's GPUs. */
  readonly nodes_per_replica: number;
  /** Attention data-parallel groups per replica, each holding its own sessions (1: plain tensor-parallel attention). */
  readonly data_parallel_attention: number;
  /** GPUs of a pipeline stage over which whole routed experts are spread (1: every expert sliced over the TP ranks). */
  readonly expert_parallel: number;
}

function attentionKvHeads(g: LayerGroupSpec): number | undefined {
  return g.kind === 'full' || g.kind === 'sliding' || g.kind === 'chunked' ? g.kv_heads : undefined;
}

/** GPUs of one NVLink domain: the server's `nvlink_domain_gpus`, else its own GPUs. */
export function nvlinkDomainGpus(server: ServerEntry): number {
  return server.nvlink_domain_gpus ?? server.gpus;
}

/** Tensor-parallel ranks of attention: TP / the attention data-parallel groups. */
export function attentionTensorParallel(layout: Pick<Layout, 'tensor_parallel' | 'data_parallel_attention'>): number {
  return layout.tensor_parallel / layout.data_parallel_attention;
}

/**
 * The largest group of ranks that all-reduce inside a layer: attention's TP / DP, and for a mixture of
 * experts the ranks that slice one expert (TP / EP); a dense model's MLP is sliced over all of TP.
 */
export function tensorParallelGroup(model: ModelEntry, tp: number, dp: number, ep: number): number {
  return model.num_routed_experts !== undefined ? Math.max(tp / dp, tp / ep) : tp;
}

/**
 * The layout: TP × PP GPUs per replica; replicas per node from the server's GPUs (or given), or whole
 * nodes per replica when it is larger than one. KV heads must divide over attention's TP ranks or be
 * replicated evenly (kv_heads % TP = 0 or TP % kv_heads = 0). Settings the memory model does not use
 * are refused (the settings table's "applies to").
 */
export function resolveLayout(model: ModelEntry, server: ServerEntry, request: DeploymentRequest): { layout: Layout; problems: Problem[] } {
  const tp = request.tensor_parallel ?? ENGINE_SETTINGS.tensor_parallel.default.value;
  const pp = request.pipeline_parallel ?? ENGINE_SETTINGS.pipeline_parallel.default.value;
  const dp = request.data_parallel_attention ?? ENGINE_SETTINGS.data_parallel_attention.default.value;
  const ep = request.expert_parallel ?? ENGINE_SETTINGS.expert_parallel.default.value;
  const perReplica = tp * pp;
  const spans = perReplica > server.gpus;
  const problems: Problem[] = [];
  if (spans && perReplica % server.gpus !== 0) {
    problems.push({
      field: pp > 1 ? 'pipeline_parallel' : 'tensor_parallel',
      value: pp > 1 ? pp : tp,
      accepted: { kind: 'rule', rule: 'layout_exceeds_gpus', detail: { tp, pp, gpus: server.gpus, server: server.name } },
    });
  }
  if (tp % dp !== 0) {
    problems.push({ field: 'data_parallel_attention', value: dp, accepted: { kind: 'rule', rule: 'dp_attention_divides_tp', detail: { dp, tp } } });
  }
  if (ep > 1) {
    const experts = model.num_routed_experts;
    if (experts === undefined) problems.push({ field: 'expert_parallel', value: ep, accepted: { kind: 'rule', rule: 'ep_needs_experts', detail: { model: model.name } } });
    else if (tp % ep !== 0 || experts % ep !== 0) {
      problems.push({ field: 'expert_parallel', value: ep, accepted: { kind: 'rule', rule: 'ep_divides', detail: { ep, tp, experts, model: model.name } } });
    }
  }
  // The ranks that all-reduce inside a layer stay in one NVLink domain, and on plain nodes a replica
  // spanning nodes must not cut such a group in two.
  const domain = nvlinkDomainGpus(server);
  const group = tp % dp === 0 && tp % ep === 0 ? tensorParallelGroup(model, tp, dp, ep) : tp;
  if (group > domain || (spans && domain === server.gpus && server.gpus % group !== 0)) {
    problems.push({ field: 'tensor_parallel', value: tp, accepted: { kind: 'rule', rule: 'tp_across_nodes', detail: { tp, group, gpus: server.gpus, domain, server: server.name } } });
  }
  const attentionTp = tp % dp === 0 ? tp / dp : tp;
  for (const g of layerGroupsOf(model)) {
    const kv = attentionKvHeads(g);
    if (kv !== undefined && kv % attentionTp !== 0 && attentionTp % kv !== 0) {
      problems.push({ field: 'tensor_parallel', value: tp, accepted: { kind: 'rule', rule: 'tp_kv_heads', detail: { tp: attentionTp, kv_heads: kv, model: model.name } } });
      break;
    }
  }
  if (model.num_attention_heads !== undefined && model.num_attention_heads % attentionTp !== 0) {
    problems.push({ field: 'tensor_parallel', value: tp, accepted: { kind: 'rule', rule: 'tp_query_heads', detail: { tp: attentionTp, heads: model.num_attention_heads, model: model.name } } });
  }
  if (pp > model.num_layers) {
    problems.push({ field: 'pipeline_parallel', value: pp, accepted: { kind: 'rule', rule: 'pp_layers', detail: { pp, layers: model.num_layers } } });
  }
  const memoryModel: MemoryModel = request.memory_model ?? ENGINE_SETTINGS.memory_model.default.value;
  // Settings the memory model ignores, in the table's order (anyGiven first: most requests give none).
  const outside = SETTINGS_OUTSIDE[memoryModel];
  if (anyGiven(request, outside)) for (const field of outside) {
    const models = (ENGINE_SETTINGS[field] as SettingRow).appliesTo;
    if (request[field] !== undefined) {
      problems.push({ field, value: request[field], accepted: { kind: 'rule', rule: 'knob_needs_engine', detail: { models, given: memoryModel } } });
    }
  }
  const nodesPerReplica = spans ? Math.max(1, Math.ceil(perReplica / server.gpus)) : 1;
  const fit = spans ? 1 : Math.max(1, Math.floor(server.gpus / perReplica));
  const replicas = request.replicas_per_node ?? fit;
  if (request.replicas_per_node !== undefined && (spans ? replicas !== 1 : replicas * perReplica > server.gpus)) {
    problems.push({
      field: 'replicas_per_node',
      value: replicas,
      accepted: { kind: 'rule', rule: 'replicas_exceed_gpus', detail: { replicas, gpus_per_replica: perReplica, gpus: server.gpus } },
    });
  }
  return {
    layout: {
      tensor_parallel: tp,
      pipeline_parallel: pp,
      gpus_per_replica: perReplica,
      replicas_per_node: replicas,
      gpus_used: spans ? server.gpus : replicas * perReplica,
      nodes_per_replica: nodesPerReplica,
      data_parallel_attention: dp,
      expert_parallel: ep,
    },
    problems,
  };
}
