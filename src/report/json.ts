/** The JSON document: the result with every sentence rendered in the requested locale. */
import type { Alert } from '../core/alerts.ts';
import type { EngineCapacity } from '../engines/capacity.ts';
import { PARAMETER_KEYS, PARAMETER_ORIGINS } from '../core/parameters.ts';
import { RATIONALE_KEYS, scenarioRationale } from '../core/rationale.ts';
import type { ScenarioResult, SizingResult } from '../core/sizing.ts';
import { SCENARIO_KEYS } from '../core/scenarios.ts';
import type { AlertJson, CostJson, PerformanceJson, SizingOutput } from '../schema/output.ts';
import { costJson, pricingJson } from './cost.ts';
import { performanceJson, workloadJson } from './perf-json.ts';
import { storageJson } from './storage-section.ts';
import { TOOL_NAME, VERSION } from '../version.ts';
import { type RenderContext, type RenderOptions, renderContext } from './context.ts';

export function alertJson(a: Alert, ctx: RenderContext): AlertJson {
  return { code: a.code, severity: a.severity, message: ctx.m.alert(a, ctx.f), scenarios: [...a.scenarios], params: { ...a.params } };
}

/** The model entry as given; an imported entry's derivations in the document's language. */
function modelJson(r: SizingResult, ctx: RenderContext): SizingOutput['inputs']['model'] {
  const model = r.inputs.model;
  if (!model.derivations) return model as SizingOutput['inputs']['model'];
  return { ...model, derivations: model.derivations.map((d) => ({ field: d.field, value: d.value, from: ctx.m.derivation(d, ctx.f).from })) };
}

function engineJson(e: EngineCapacity, ctx: RenderContext): NonNullable<SizingOutput['scenarios']['minimum']['engine']> {
  const { memory_model, ...rest } = e;
  return { memory_model, behaviour: ctx.m.engineBehaviour[memory_model], ...rest, layout: { ...e.layout }, per_gpu: { ...e.per_gpu }, per_node: { ...e.per_node } };
}

function scenarioJson(s: ScenarioResult, r: SizingResult, ctx: RenderContext): SizingOutput['scenarios']['minimum'] {
  const rationale = {} as SizingOutput['scenarios']['minimum']['rationale'];
  const derived = scenarioRationale(r, s.key, ctx.m.formulaWords);
  for (const key of RATIONALE_KEYS) {
    const base = derived[key];
    rationale[key] = { formula: base.formula, inputs: { ...base.inputs }, explanation: ctx.m.explanation(key, s, r, ctx.f) };
  }
  return {
    name: ctx.m.scenario[s.key],
    feasible: s.feasible,
    configuration: { ...s.configuration },
    results: { ...s.results },
    engine: s.engine ? engineJson(s.engine, ctx) : null,
    rationale,
    warnings: s.warnings.map((a) => alertJson(a, ctx)),
    // Issue 10: only when the request gives a workload field (the default document is unchanged).
    ...(s.performance ? { performance: performanceJson(r, s.key, ctx) as PerformanceJson } : {}),
    // Issue 11: only when the request gives a cost field.
    ...(s.cost !== undefined ? { cost: costJson(r, s.key, ctx) as CostJson | null } : {}),
  };
}

export function parameterDictionary(ctx: RenderContext): SizingOutput['parameter_dictionary'] {
  const out: SizingOutput['parameter_dictionary'] = {};
  for (const key of PARAMETER_KEYS) out[key] = { origin: PARAMETER_ORIGINS[key], ...ctx.m.parameters[key] };
  return out;
}

/** The whole JSON document (exactly what `--json-only` prints). */
export function toJsonDocument(r: SizingResult, options: RenderOptions): SizingOutput {
  const ctx = renderContext(options);
  const scenarios = {} as SizingOutput['scenarios'];
  for (const key of SCENARIO_KEYS) scenarios[key] = scenarioJson(r.scenarios[key], r, ctx);
  return {
    schema_version: 1,
    generator: `${TOOL_NAME} ${VERSION}`,
    locale: options.locale,
    feasible: r.feasible,
    inputs: {
      model: modelJson(r, ctx),
      server: { ...r.inputs.server, total_hbm_gb: r.node_memory.total_hbm_gb, total_hbm_gib: r.node_memory.hbm_total_gib },
      storage: r.inputs.storage,
      nfr: { ...r.inputs.nfr },
    },
    kv_cache: {
      bytes_per_session: r.kv.bytes,
      bytes_per_context_token: r.kv.bytes_per_context_token,
      constant_bytes: r.kv.constant_bytes,
      bytes_per_element: r.kv.bytes_per_element,
      effective_context_used: r.kv.effective_context_used,
      layer_groups: r.kv.groups.map((g) => ({ ...g })),
      weights_gib: r.weights_gib,
    },
    runtime_reserve: {
      node_gib: r.reserve.node_gib,
      source: r.reserve.source,
      default_node_gib: r.reserve.default_node_gib,
      floor_gib: r.reserve.floor_gib,
      weights_replica_gib: r.reserve.weights_replica_gib,
      weights_node_gib: r.reserve.weights_node_gib,
      activation_gib_per_gpu: r.reserve.allowance_per_gpu.activation_gib,
      non_torch_gib_per_gpu: r.reserve.allowance_per_gpu.non_torch_gib,
      batched_tokens: r.reserve.allowance_per_gpu.batched_tokens,
      allowance_node_gib: r.reserve.allowance_node_gib,
      gpus_used: r.reserve.gpus_used,
      gpu_gib: r.reserve.gpu_gib,
      weights_fit: r.reserve.weights_fit,
    },
    parameter_dictionary: parameterDictionary(ctx),
    ...(r.workload ? { workload: workloadJson(r)! } : {}),
    // Issue 12: only when the request asks for an offload tier (the default document is unchanged).
    ...(r.offload ? { offload: r.offload } : {}),
    ...(r.cost ? { pricing: pricingJson(r, ctx)! } : {}),
    scenarios,
    alerts: r.alerts.map((a) => alertJson(a, ctx)),
    // Issue 12: only when the request gives a storage field (the default document is unchanged).
    ...(r.storage !== undefined ? { storage_recovery: storageJson(r.storage, ctx) } : {}),
  };
}

export function renderJson(r: SizingResult, options: RenderOptions): string {
  return `${JSON.stringify(toJsonDocument(r, options), null, 2)}\n`;
}
