/**
 * The deployment layout of one node: model replicas of TP × PP GPUs each, and the checks that refuse a
 * layout an engine would refuse (or a setting the chosen memory model would ignore). Pure.
 *
 * @example
 * // Llama-3.1-70B (8 KV heads, 64 query heads, 80 layers) on an 8-GPU node, TP 2:
 * resolveLayout(model, server, { tensor_parallel: 2 })
 * //=> layout { tensor_parallel: 2, pipeline_parallel: 1, gpus_per_replica: 2, replicas_per_node: 4, gpus_used: 8 }, problems []
 * // TP 3 over 8 KV heads: problem tp_kv_heads (8 % 3 ≠ 0 and 3 % 8 ≠ 0)
 */
import type { LayerGroupSpec, ModelEntry, ServerEntry } from '../schema/catalog.ts';
import type { Problem } from '../schema/problems.ts';
import { layerGroupsOf } from '../core/layers.ts';
import { type DeploymentRequest, ENGINE_SETTINGS, type MemoryModel, SETTING_FIELDS, type SettingRow } from './settings.ts';

export interface Layout {
  readonly tensor_parallel: number;
  readonly pipeline_parallel: number;
  readonly gpus_per_replica: number;
  readonly replicas_per_node: number;
  readonly gpus_used: number;
}

function attentionKvHeads(g: LayerGroupSpec): number | undefined {
  return g.kind === 'full' || g.kind === 'sliding' || g.kind === 'chunked' ? g.kv_heads : undefined;
}

/**
 * The layout of one node: TP × PP GPUs per replica, replicas from the server's GPUs (or given). KV
 * heads must divide over TP ranks or be replicated evenly (kv_heads % TP = 0 or TP % kv_heads = 0).
 * Settings the memory model does not use are refused (the settings table's "applies to").
 */
export function resolveLayout(model: ModelEntry, server: ServerEntry, request: DeploymentRequest): { layout: Layout; problems: Problem[] } {
  const tp = request.tensor_parallel ?? ENGINE_SETTINGS.tensor_parallel.default.value;
  const pp = request.pipeline_parallel ?? ENGINE_SETTINGS.pipeline_parallel.default.value;
  const perReplica = tp * pp;
  const problems: Problem[] = [];
  if (perReplica > server.gpus && !(pp > server.gpus && tp === 1)) {
    problems.push({ field: 'tensor_parallel', value: tp, accepted: { kind: 'rule', rule: 'layout_exceeds_gpus', detail: { tp, pp, gpus: server.gpus, server: server.name } } });
  }
  for (const g of layerGroupsOf(model)) {
    const kv = attentionKvHeads(g);
    if (kv !== undefined && kv % tp !== 0 && tp % kv !== 0) {
      problems.push({ field: 'tensor_parallel', value: tp, accepted: { kind: 'rule', rule: 'tp_kv_heads', detail: { tp, kv_heads: kv, model: model.name } } });
      break;
    }
  }
  if (model.num_attention_heads !== undefined && model.num_attention_heads % tp !== 0) {
    problems.push({ field: 'tensor_parallel', value: tp, accepted: { kind: 'rule', rule: 'tp_query_heads', detail: { tp, heads: model.num_attention_heads, model: model.name } } });
  }
  if (pp > model.num_layers) {
    problems.push({ field: 'pipeline_parallel', value: pp, accepted: { kind: 'rule', rule: 'pp_layers', detail: { pp, layers: model.num_layers } } });
  }
  const memoryModel: MemoryModel = request.memory_model ?? ENGINE_SETTINGS.memory_model.default.value;
  for (const field of SETTING_FIELDS) {
    const models = (ENGINE_SETTINGS[field] as SettingRow).appliesTo;
    if (request[field] !== undefined && !models.includes(memoryModel)) {
      problems.push({ field, value: request[field], accepted: { kind: 'rule', rule: 'knob_needs_engine', detail: { models, given: memoryModel } } });
    }
  }
  if (pp > server.gpus && tp === 1) problems.push({ field: 'pipeline_parallel', value: pp, accepted: { kind: 'rule', rule: 'layout_exceeds_gpus', detail: { tp, pp, gpus: server.gpus, server: server.name } } });
  const fit = Math.max(1, Math.floor(server.gpus / perReplica));
  const replicas = request.replicas_per_node ?? fit;
  if (request.replicas_per_node !== undefined && replicas * perReplica > server.gpus) {
    problems.push({
      field: 'replicas_per_node',
      value: replicas,
      accepted: { kind: 'rule', rule: 'replicas_exceed_gpus', detail: { replicas, gpus_per_replica: perReplica, gpus: server.gpus } },
    });
  }
  return { layout: { tensor_parallel: tp, pipeline_parallel: pp, gpus_per_replica: perReplica, replicas_per_node: replicas, gpus_used: replicas * perReplica }, problems };
}
