/**
 * How each number of a scenario was obtained: the formula (language-neutral) and the inputs it used.
 * A view derived from the result on demand, so that batch sizing does not pay for it.
 */
import type { ModelEntry } from '../schema/catalog.ts';
import type { KvPerSession } from './kv.ts';
import { type ScenarioKey, sessionsPerNode } from './scenarios.ts';
import { sessionsPerNodeOf } from '../engines/capacity.ts';
import type { ScenarioResult, SizingResult } from './sizing.ts';
import { layerGroupsOf } from './layers.ts';
import { BYTES_PER_GB, BYTES_PER_GIB } from './units.ts';

export const RATIONALE_KEYS = [
  'kv_per_session_gib',
  'kv_total_gib',
  'hbm_total_gib',
  'kv_budget_gib',
  'sessions_per_node',
  'nodes_capacity',
  'nodes_with_headroom',
  'nodes_final',
] as const;
export type RationaleKey = (typeof RATIONALE_KEYS)[number];

export interface Rationale {
  readonly formula: string;
  readonly inputs: Readonly<Record<string, number | string | null>>;
}

/** The few words of the KV formula; the renderers pass their locale's (`report/i18n`). */
export interface FormulaWords {
  readonly layers: string;
  readonly stateBytes: string;
  readonly notSized: string;
  readonly keepNoKv: string;
  readonly indexer: string;
}

/**
 * The KV formula with the model's numbers, one line per layer group.
 *
 * @example
 * // full: 2 × 131072 tokens × 8 × 64 × 2 × 18 layers = 4831838208 bytes
 * // sliding: 2 × 128 tokens × 8 × 64 × 2 × 18 layers = 4718592 bytes
 * // kv_per_session_gib = 4836556800 / 2^30
 */
export function kvFormula(model: ModelEntry, kv: KvPerSession, w: FormulaWords): string {
  const specs = layerGroupsOf(model);
  const kv_bytes = kv.bytes_per_element;
  const lines: string[] = [];
  kv.groups.forEach((g, i) => {
    const spec = specs[i];
    if (!spec) return;
    switch (spec.kind) {
      case 'full':
      case 'sliding':
      case 'chunked': {
        const v = spec.v_head_dim ?? spec.head_dim;
        const kv = v === spec.head_dim ? `2 × ${g.tokens} tokens × ${spec.kv_heads} × ${spec.head_dim}` : `${g.tokens} tokens × ${spec.kv_heads} × (${spec.head_dim} + ${v})`;
        lines.push(`${g.kind}: ${kv} × ${kv_bytes} × ${g.layers} ${w.layers} = ${g.bytes} bytes`);
        break;
      }
      case 'mla': {
        const indexer = spec.indexer_head_dim ? ` + ${w.indexer} ${spec.indexer_head_dim} + ${Math.ceil(spec.indexer_head_dim / 128) * 4}` : '';
        lines.push(
          `mla: ${g.tokens} tokens × ((${spec.kv_lora_rank} + ${spec.qk_rope_head_dim}) × ${kv.bytes_per_element}${indexer}) × ${g.layers} ${w.layers} = ${g.bytes} bytes`,
        );
        break;
      }
      case 'linear_attention':
      case 'mamba':
        lines.push(`${g.kind}: ${g.sized ? g.state_bytes_per_layer : w.notSized} ${w.stateBytes} × ${g.layers} ${w.layers} = ${g.bytes} bytes`);
        break;
      case 'none':
        lines.push(`none: ${g.layers} ${w.keepNoKv} = 0 bytes`);
        break;
    }
  });
  lines.push(`kv_per_session_gib = ${kv.bytes} / 2^30`);
  return lines.join('\n');
}

/** Sessions per node from memory alone (what the node holds before any latency target). */
export function memorySessionsPerNodeOf(s: ScenarioResult): number {
  return s.engine ? sessionsPerNodeOf(s.engine.sessions_per_replica, s.engine.layout) : sessionsPerNode(s.results.kv_budget_gib, s.results.kv_per_session_gib);
}

export function scenarioRationale(r: SizingResult, key: ScenarioKey, words: FormulaWords): Record<RationaleKey, Rationale> {
  const { model, server, nfr } = r.inputs;
  const { configuration, results: n, engine } = r.scenarios[key];
  const kv = r.kv;
  let fullLayers = 0;
  for (const g of kv.groups) if (g.kind === 'full' || g.kind === 'mla') fullLayers += g.layers;
  const sliding = kv.groups.find((g) => g.kind === 'sliding' || g.kind === 'chunked');
  // A replica over several nodes is the unit of the node counts; data-parallel attention splits its sessions.
  const npr = engine?.layout.nodes_per_replica ?? 1;
  const dp = engine?.layout.data_parallel_attention ?? 1;
  // With latency targets that bind, sessions per replica come from the SLO search, not memory alone.
  const perf = r.scenarios[key].performance;
  const slo = perf !== undefined && perf.limit === 'slo' ? perf : undefined;
  const memorySessionsPerNode = memorySessionsPerNodeOf(r.scenarios[key]);
  return {
    kv_per_session_gib: engine && dp > 1
      ? {
          formula: 'kv_per_session_gib = bytes_per_session_per_rank × gpus_per_replica / data_parallel_attention / 2^30',
          inputs: {
            memory_model: engine.memory_model,
            bytes_per_session_per_rank: engine.bytes_per_session_per_rank,
            gpus_per_replica: engine.layout.gpus_per_replica,
            data_parallel_attention: dp,
            context_tokens: engine.context_tokens,
            block_size: engine.block_size,
          },
        }
      : engine
      ? {
          formula: 'kv_per_session_gib = bytes_per_session_per_rank × gpus_per_replica / 2^30',
          inputs: {
            memory_model: engine.memory_model,
            bytes_per_session_per_rank: engine.bytes_per_session_per_rank,
            gpus_per_replica: engine.layout.gpus_per_replica,
            context_tokens: engine.context_tokens,
            block_size: engine.block_size,
          },
        }
      : {
      formula: kvFormula(model, kv, words),
      inputs: {
        model: model.name,
        num_layers: model.num_layers,
        num_key_value_heads: model.num_key_value_heads,
        head_dim: model.head_dim,
        attention_pattern: model.attention_pattern,
        full_layers: fullLayers,
        sliding_layers: sliding?.layers ?? 0,
        sliding_window: sliding ? sliding.tokens : null,
        effective_context: nfr.effective_context_used,
        requested_context: nfr.effective_context,
        kv_precision: nfr.kv_precision,
        bytes_per_element: kv.bytes_per_element,
        bytes_per_context_token: kv.bytes_per_context_token,
        constant_bytes: kv.constant_bytes,
        total_bytes: kv.bytes,
      },
    },
    kv_total_gib: {
      formula: 'kv_total_gib = kv_per_session_gib × concurrency',
      inputs: { kv_per_session_gib: n.kv_per_session_gib, concurrency: nfr.concurrency },
    },
    hbm_total_gib: {
      formula: 'hbm_total_gib = total_hbm_gb × 10^9 / 2^30',
      inputs: {
        server: server.name,
        gpus: server.gpus,
        hbm_per_gpu_gb: server.hbm_per_gpu_gb,
        total_hbm_gb: r.node_memory.total_hbm_gb,
        gb_to_gib_factor: BYTES_PER_GB / BYTES_PER_GIB,
      },
    },
    kv_budget_gib: engine
      ? {
          formula: 'kv_budget_gib = kv_cache_gib_per_gpu × gpus_used',
          inputs: {
            memory_model: engine.memory_model,
            gpu_memory_gib: engine.per_gpu.gpu_memory_gib,
            weights_gib_per_gpu: engine.per_gpu.weights_gib,
            activation_gib_per_gpu: engine.per_gpu.activation_gib,
            non_torch_gib_per_gpu: engine.per_gpu.non_torch_gib,
            kv_cache_gib_per_gpu: engine.per_gpu.kv_cache_gib,
            gpus_used: engine.layout.gpus_used,
          },
        }
      : {
          formula: 'kv_budget_gib = max(0, (hbm_total_gib − runtime_overhead_gib) × kv_budget_ratio)',
          inputs: {
            hbm_total_gib: n.hbm_total_gib,
            runtime_overhead_gib: nfr.runtime_overhead_gib,
            kv_budget_ratio: configuration.kv_budget_ratio,
            available_after_overhead_gib: n.hbm_total_gib - nfr.runtime_overhead_gib,
            // How a weights-aware overhead was found (src/core/weights.ts); absent for the original's 120 GiB.
            ...(nfr.runtime_overhead_source === 'weights'
              ? {
                  runtime_overhead_gib_rule: 'max(floor_gib, weights_node_gib + runtime_allowance_gib)',
                  weights_node_gib: r.reserve.weights_node_gib,
                  runtime_allowance_gib: r.reserve.allowance_node_gib,
                  floor_gib: r.reserve.floor_gib,
                }
              : {}),
          },
        },
    sessions_per_node: slo
      ? {
          // The latency targets bind (src/core/workload.ts): fewer sessions per replica than memory holds.
          formula: 'sessions_per_node = min(memory_sessions_per_node, replicas_per_node × slo_sessions_per_replica)',
          inputs: {
            memory_sessions_per_node: memorySessionsPerNode,
            replicas_per_node: engine?.layout.replicas_per_node ?? 1,
            nodes_per_replica: npr,
            memory_sessions_per_replica: slo.memory_sessions_per_replica,
            slo_sessions_per_replica: slo.sessions_per_replica,
          },
        }
      : engine && (npr > 1 || dp > 1)
      ? {
          formula:
            (npr > 1 ? 'sessions_per_node = floor(sessions_per_replica / nodes_per_replica)' : 'sessions_per_node = replicas_per_node × sessions_per_replica') +
            '; sessions_per_replica = data_parallel_attention × floor(max_concurrency / data_parallel_attention)',
          inputs: {
            replicas_per_node: engine.layout.replicas_per_node,
            nodes_per_replica: npr,
            data_parallel_attention: dp,
            kv_tokens_per_replica: engine.kv_tokens,
            max_concurrency: engine.max_concurrency,
            sessions_per_replica: engine.sessions_per_replica,
          },
        }
      : engine
      ? {
          formula: 'sessions_per_node = replicas_per_node × sessions_per_replica; sessions_per_replica = floor(max_concurrency)',
          inputs: {
            replicas_per_node: engine.layout.replicas_per_node,
            kv_tokens_per_replica: engine.kv_tokens,
            max_concurrency: engine.max_concurrency,
            sessions_per_replica: engine.sessions_per_replica,
          },
        }
      : {
          formula: 'sessions_per_node = floor(kv_budget_gib / kv_per_session_gib)',
          inputs: { kv_budget_gib: n.kv_budget_gib, kv_per_session_gib: n.kv_per_session_gib },
        },
    nodes_capacity: engine && npr > 1
      ? {
          formula: 'nodes_capacity = ceil(concurrency / sessions_per_replica) × nodes_per_replica',
          inputs: { concurrency: nfr.concurrency, sessions_per_replica: slo ? slo.sessions_per_replica : engine.sessions_per_replica, nodes_per_replica: npr },
        }
      : {
      formula: 'nodes_capacity = ceil(concurrency / sessions_per_node)',
      inputs: { concurrency: nfr.concurrency, sessions_per_node: n.sessions_per_node },
    },
    nodes_with_headroom: engine && npr > 1
      ? {
          formula: 'nodes_with_headroom = ceil(concurrency × (1 + peak_headroom_ratio) / sessions_per_replica) × nodes_per_replica',
          inputs: {
            concurrency: nfr.concurrency,
            peak_headroom_ratio: configuration.peak_headroom_ratio,
            concurrency_with_headroom: nfr.concurrency * (1 + configuration.peak_headroom_ratio),
            sessions_per_replica: engine.sessions_per_replica,
            nodes_per_replica: npr,
          },
        }
      : {
      formula: 'nodes_with_headroom = ceil(concurrency × (1 + peak_headroom_ratio) / sessions_per_node)',
      inputs: {
        concurrency: nfr.concurrency,
        peak_headroom_ratio: configuration.peak_headroom_ratio,
        concurrency_with_headroom: nfr.concurrency * (1 + configuration.peak_headroom_ratio),
        sessions_per_node: n.sessions_per_node,
      },
    },
    nodes_final: npr > 1
      ? {
          formula: 'nodes_final = nodes_with_headroom + ha_extra_nodes; ha_extra_nodes = ha_spare_replicas × nodes_per_replica',
          inputs: {
            nodes_with_headroom: n.nodes_with_headroom,
            ha_mode: configuration.ha_mode,
            ha_spare_replicas: configuration.ha_extra_nodes / npr,
            nodes_per_replica: npr,
            ha_extra_nodes: configuration.ha_extra_nodes,
          },
        }
      : {
      formula: 'nodes_final = nodes_with_headroom + ha_extra_nodes',
      inputs: { nodes_with_headroom: n.nodes_with_headroom, ha_mode: configuration.ha_mode, ha_extra_nodes: configuration.ha_extra_nodes },
    },
  };
}
