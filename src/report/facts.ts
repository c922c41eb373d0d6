/**
 * The facts a report shows, as label/value rows, built once for the text and Markdown layouts.
 */
import type { ScenarioResult, SizingResult } from '../core/sizing.ts';
import type { RenderContext } from './context.ts';
import { DEFAULTS, RUNTIME_FLOOR } from '../core/defaults.ts';
import { workloadBlock } from './performance.ts';
import { pricingBlock } from './cost.ts';

export interface Fact {
  readonly label: string;
  readonly value: string;
  /** 0: a field of its block; 1: a detail of the field above it. */
  readonly depth: 0 | 1;
}

export interface FactBlock {
  readonly title: string;
  readonly facts: readonly Fact[];
}

/** One fact: a label and its value, at depth 0 (a block's own line) or 1 (under the previous one). */
export const fact = (label: string, value: string, depth: 0 | 1 = 0): Fact => ({ label, value, depth });

export function inputBlocks(r: SizingResult, ctx: RenderContext): FactBlock[] {
  const { m, f } = ctx;
  const L = m.labels;
  const { model, server, storage, nfr } = r.inputs;
  const modelFacts: Fact[] = [
    fact(L.name, model.name),
    fact(L.layers, String(model.num_layers)),
    fact(L.kvHeads, String(model.num_key_value_heads)),
    fact(L.headDim, String(model.head_dim)),
    fact(L.maxPositionEmbeddings, f.int(model.max_position_embeddings)),
    fact(L.attentionPattern, model.attention_pattern),
  ];
  // With kv_layers, the geometry below says it all; the original fields are only a summary.
  if (model.attention_pattern === 'hybrid' && !model.kv_layers) {
    modelFacts.push(fact(L.fullLayers, String(model.hybrid_full_layers), 1), fact(L.slidingLayers, String(model.hybrid_sliding_layers), 1));
  }
  if (model.attention_pattern !== 'full' && !model.kv_layers) modelFacts.push(fact(L.slidingWindow, f.int(model.sliding_window ?? 0), 1));
  modelFacts.push(fact(L.defaultKvPrecision, model.default_kv_precision));
  if (model.kv_layers) {
    modelFacts.push(fact(L.kvGeometry, ''));
    for (const g of model.kv_layers) modelFacts.push(fact('', m.layerGroup(g, f), 1));
  }
  if (model.derivations && model.derivations.length > 0) {
    modelFacts.push(fact(L.readFromConfig, ''));
    for (const d of model.derivations) {
      const shown = m.derivation(d, f);
      modelFacts.push(fact('', `${shown.field} = ${shown.value} (${shown.from})`, 1));
    }
  }
  if (r.weights) {
    const w = r.weights;
    const fill = (t: string, v: Record<string, string>) => t.replace(/\{(\w+)\}/g, (_, k: string) => v[k] ?? '');
    modelFacts.push(
      fact(
        L.weights,
        fill(L.weightsValue, {
          gib: f.fixed(w.gib, 1),
          params: f.num(w.params_b),
          bytes: f.num(w.bytes_per_param),
          dtype: w.precision !== null ? fill(L.weightsPrecisionGiven, { precision: w.precision }) : w.assumed_bytes_per_param ? L.weightsAssumed : (model.weights_dtype ?? ''),
        }),
      ),
    );
  }

  const serverFacts: Fact[] = [
    fact(L.name, server.name),
    fact(L.gpus, String(server.gpus)),
    fact(L.hbmPerGpu, `${f.num(server.hbm_per_gpu_gb)} GB`),
    fact(L.hbmTotal, `${f.num(r.node_memory.total_hbm_gb)} GB (${f.fixed(r.node_memory.hbm_total_gib, 1)} GiB)`),
  ];
  if (server.nvlink_bandwidth_tbps) serverFacts.push(fact(L.nvlink, `${f.num(server.nvlink_bandwidth_tbps)} TB/s`));

  const storageFacts: Fact[] = [
    fact(L.profile, storage.name),
    fact(L.type, storage.type),
    fact(L.iops, `${f.int(storage.iops_read)} ${L.read} / ${f.int(storage.iops_write)} ${L.write}`),
    fact(L.throughput, `${f.num(storage.throughput_read_gbps)} GB/s ${L.read} / ${f.num(storage.throughput_write_gbps)} GB/s ${L.write}`),
    fact(L.latencyP99, `${f.num(storage.latency_read_ms_p99)} ms ${L.read} / ${f.num(storage.latency_write_ms_p99)} ms ${L.write}`),
  ];

  const context =
    nfr.effective_context === nfr.effective_context_used
      ? `${f.int(nfr.effective_context_used)} ${L.tokens}`
      : `${f.int(nfr.effective_context_used)} ${L.tokens} (${L.clampedFrom.replace('{requested}', f.int(nfr.effective_context))})`;
  const nfrFacts: Fact[] = [
    fact(L.concurrencyTarget, `${f.int(nfr.concurrency)} ${L.concurrentSessions}`),
    fact(L.effectiveContext, context),
    fact(L.kvPrecision, nfr.kv_precision_source === 'model_default' ? `${nfr.kv_precision} (${L.fromModelDefault})` : nfr.kv_precision),
    fact(L.kvBudgetRatio, seedSetting(f.num(nfr.kv_budget_ratio), r.scenarios.recommended, ctx)),
    fact(L.runtimeOverhead, seedSetting(reserveText(r, ctx), r.scenarios.recommended, ctx)),
    fact(L.peakHeadroom, f.pct(nfr.peak_headroom_ratio)),
    fact(L.recommendedHa, nfr.ha_mode),
  ];
  const blocks: FactBlock[] = [
    { title: L.model, facts: modelFacts },
    { title: L.server, facts: serverFacts },
    { title: L.storage, facts: storageFacts },
    { title: L.nfr, facts: nfrFacts },
  ];
  // Issue 10: the workload and its targets, only when the request gives a workload field.
  const workload = workloadBlock(r, ctx);
  if (workload) blocks.push(workload);
  // Issue 11: the pricing terms, only when the request gives a cost field.
  const pricing = pricingBlock(r, ctx);
  if (pricing) blocks.push(pricing);
  return blocks;
}

/**
 * The runtime overhead as the report shows it: the value alone when given or when it is the original's
 * 120 GiB; otherwise how it was found (the weights plus the named runtime allowance, or the floor of a
 * small node).
 */
export function reserveText(r: SizingResult, { m, f }: RenderContext): string {
  const L = m.labels;
  const nfr = r.inputs.nfr;
  const res = r.reserve;
  const fill = (t: string, v: Record<string, string>) => t.replace(/\{(\w+)\}/g, (_, k: string) => v[k] ?? '');
  // Under an engine's own accounting the seed's reserve is not used: its value alone (marked by `seedSetting`).
  if (budgetReplacedBy(r.scenarios.recommended) !== null) return `${nfr.runtime_overhead_source === 'weights' ? f.fixed(nfr.runtime_overhead_gib, 1) : f.num(nfr.runtime_overhead_gib)} GiB`;
  if (nfr.runtime_overhead_source === 'weights' && res.weights_node_gib !== null) {
    return fill(L.reserveFromWeights, {
      gib: f.fixed(nfr.runtime_overhead_gib, 1),
      weights: f.fixed(res.weights_node_gib, 1),
      allowance: f.fixed(res.allowance_node_gib, 1),
      gpus: f.int(res.gpus_used),
      perGpu: f.fixed(res.allowance_per_gpu.activation_gib + res.allowance_per_gpu.non_torch_gib, 2),
      floor: f.num(res.floor_gib),
    });
  }
  if (nfr.runtime_overhead_source === 'floor' && res.floor_gib !== DEFAULTS.runtime_overhead_gib) {
    const full = DEFAULTS.runtime_overhead_gib;
    const reference = RUNTIME_FLOOR.reference_gpus;
    return fill(L.reserveFloorSmallNode, { gib: f.num(nfr.runtime_overhead_gib), perGpu: f.num(full / reference), gpus: f.int(r.inputs.server.gpus), full: f.num(full), reference: f.int(reference) });
  }
  return `${f.num(nfr.runtime_overhead_gib)} GiB`;
}

/** The engine whose own accounting replaces the seed's budget ratio and overhead, if any. */
export function budgetReplacedBy(s: ScenarioResult): string | null {
  return s.engine && s.engine.memory_model !== 'seed' ? s.engine.memory_model : null;
}

/** A seed budget setting: its value, marked when an engine's accounting does not use it. */
export function seedSetting(value: string, s: ScenarioResult, { m }: RenderContext): string {
  const engine = budgetReplacedBy(s);
  return engine === null ? value : `${value} (${m.labels.notUsedBy.replace('{model}', engine)})`;
}

/** A seed budget setting in a comparison table cell: a dash when an engine's accounting does not use it. */
export function seedCell(value: string, s: ScenarioResult): string {
  return budgetReplacedBy(s) === null ? value : '—';
}

export function configurationFacts(s: ScenarioResult, ctx: RenderContext): Fact[] {
  const { m, f } = ctx;
  return [
    fact('Peak Headroom', f.pct(s.configuration.peak_headroom_ratio)),
    fact('HA Mode', s.configuration.ha_mode),
    fact(m.labels.kvBudgetRatio, seedSetting(f.pct(s.configuration.kv_budget_ratio), s, ctx)),
  ];
}

/** A node count, or the localized "infeasible" when not even one session fits a node. */
export function nodes(value: number | null, ctx: RenderContext): string {
  return value === null ? ctx.m.labels.infeasible : ctx.f.int(value);
}

export function relativeCapex(value: number | null, baseline: number | null): number | null {
  if (value === null || baseline === null || baseline === 0) return null;
  return Math.trunc((value / baseline - 1) * 100);
}

/** The engine section of a scenario: what one node's GPU memory is for, and the engine's capacity. */
export function engineLines(s: ScenarioResult, r: SizingResult, { m, f }: RenderContext): { title: string; lines: string[]; table: [string, string][] } | null {
  const e = s.engine;
  if (!e) return null;
  const L = m.labels;
  const fill = (t: string, v: Record<string, string | number>) => t.replace(/\{(\w+)\}/g, (_, k: string) => String(v[k] ?? ''));
  const used = e.layout.gpus_used;
  const node = e.per_node;
  const table: [string, string][] = [
    [e.memory_model === 'seed' ? L.engineSeedOverhead : L.engineWeights, f.fixed(node.weights_gib, 1)],
    [L.engineActivation, f.fixed(node.activation_gib, 1)],
    [L.engineNonTorch, f.fixed(node.non_torch_gib, 1)],
    [L.engineReserved, f.fixed(node.reserved_gib, 1)],
    [L.engineKv, f.fixed(node.kv_cache_gib, 1)],
  ];
  if (e.expert_weights_gib_per_gpu !== null) table.splice(1, 0, [`  ${L.engineExperts}`, f.fixed(e.expert_weights_gib_per_gpu * used, 1)]);
  if (node.idle_gpus_gib > 0) table.push([L.engineIdle, f.fixed(node.idle_gpus_gib, 1)]);
  table.push([L.engineTotal, f.fixed(node.gpu_memory_gib, 1)]);
  const lines = [
    `${L.engineBehaviour}: ${m.engineBehaviour[e.memory_model]}`,
    e.layout.nodes_per_replica > 1
      ? fill(L.engineLayoutSpanning, { tp: e.layout.tensor_parallel, pp: e.layout.pipeline_parallel, per: e.layout.gpus_per_replica, nodes: e.layout.nodes_per_replica, gpus: r.inputs.server.gpus })
      : fill(L.engineLayout, { tp: e.layout.tensor_parallel, pp: e.layout.pipeline_parallel, per: e.layout.gpus_per_replica, replicas: e.layout.replicas_per_node, used, gpus: r.inputs.server.gpus }),
    ...(e.layout.data_parallel_attention > 1 || e.layout.expert_parallel > 1 ? [fill(L.engineParallel, { dp: e.layout.data_parallel_attention, ep: e.layout.expert_parallel })] : []),
    fill(L.engineCapacity, {
      tokens: f.int(e.kv_tokens),
      blocks: e.num_blocks === null ? '' : fill(L.engineBlocks, { blocks: f.int(e.num_blocks), size: e.block_size }),
      context: f.int(e.context_tokens),
      conc: f.fixed(e.max_concurrency, 2),
      sessions: f.int(e.sessions_per_replica),
      node: f.int(e.sessions_per_node),
    }),
  ];
  if (e.calibrated) lines.push(L.engineCalibrated);
  return { title: fill(L.engineTitle, { model: e.memory_model }), lines, table: [[fill(L.engineNode, { gpus: used }), ''], ...table] };
}
