/**
 * The JSON of the workload and of each scenario's performance (issue 10): the sizing document's
 * `workload` and `scenarios.<key>.performance` (src/schema/output.ts), and a batch line's (without the
 * rationale). A figure a saturated queue makes unbounded is null (JSON has no infinity).
 */
import { performanceRationale } from '../core/perf-rationale.ts';
import type { ScenarioKey } from '../core/scenarios.ts';
import type { SizingResult } from '../core/sizing.ts';
import type { PerformanceJson, WorkloadJson } from '../schema/output.ts';
import type { RenderContext } from './context.ts';
import { finiteOrNull, performanceFiguresJson } from './perf-figures-json.ts';
import { perfExplanationParams } from './performance.ts';

/** The resolved workload; undefined without one. */
export function workloadJson(r: SizingResult): WorkloadJson | undefined {
  const w = r.workload;
  if (!w) return undefined;
  const slo = w.slo;
  return {
    input_tokens: w.input_tokens,
    input_tokens_source: w.input_tokens_source,
    output_tokens: w.output_tokens,
    output_tokens_source: w.output_tokens_source,
    load: w.load,
    request_rate: w.request_rate,
    concurrency: w.concurrency,
    little: w.little ? { ...w.little, concurrency_range: { ...w.little.concurrency_range } } : null,
    targets: { ...w.targets },
    slo:
      slo === null
        ? null
        : slo.ok
          ? { ok: true, sessions: slo.sessions, bound: slo.bound, reason: null, best_ms: null }
          : { ok: false, sessions: null, bound: null, reason: slo.reason, best_ms: finiteOrNull(slo.best_ms) },
  };
}

/** One scenario's performance; undefined without a workload. `ctx` adds the rationale (the sizing document). */
export function performanceJson(r: SizingResult, key: ScenarioKey, ctx?: RenderContext): PerformanceJson | Omit<PerformanceJson, 'rationale'> | undefined {
  const sp = r.scenarios[key].performance;
  if (!sp) return undefined;
  const base = {
    design_load: { ...sp.design_load },
    memory_sessions_per_replica: sp.memory_sessions_per_replica,
    slo_sessions_per_replica: sp.slo_sessions_per_replica,
    sessions_per_replica: sp.sessions_per_replica,
    limit: sp.limit,
    nodes_final_memory: sp.nodes_final_memory,
    nodes_final_range: sp.nodes_final_range ? { ...sp.nodes_final_range } : null,
    meets_targets: sp.meets_targets,
    figures: sp.performance ? performanceFiguresJson(sp.performance) : null,
  };
  if (!ctx) return base;
  const rationale: PerformanceJson['rationale'] = {};
  const derived = performanceRationale(r, key) ?? {};
  const params = perfExplanationParams(r, key);
  for (const [k, rat] of Object.entries(derived) as [keyof typeof derived, NonNullable<(typeof derived)[keyof typeof derived]>][]) {
    rationale[k] = { formula: rat.formula, inputs: { ...rat.inputs }, explanation: params ? ctx.m.perf.explanation[k](params, ctx.f) : '' };
  }
  return { ...base, rationale };
}
