/**
 * The one path from a raw perf request to a deployment's performance, shared by `llm-sizing perf`, the
 * HTTP API (`POST /api/v1/perf`), the library's `perf()` and `calibrate`'s comparison with a benchmark:
 * validate → resolve the catalog names → take the GPUs used of the node → plan the deployment as the
 * sizing plans it → the performance model (src/engines/perf). Pure (no I/O).
 */
import type { CatalogIndex } from '../catalog/lookup.ts';
import type { SizingPlan } from '../core/plan.ts';
import { LIMITS } from '../core/defaults.ts';
import { type Performance, performanceOf, perfMissingFigures, prepareDeployment, type Workload } from '../engines/perf/index.ts';
import { missingServerFigures } from '../engines/perf/deployment.ts';
import type { Layout } from '../engines/layout.ts';
import { SETTING_FIELDS } from '../engines/settings.ts';
import type { ServerEntry } from '../schema/catalog.ts';
import type { Result } from '../schema/problems.ts';
import { PERF_DEFAULTS, PERF_FIELDS, type ValidatedPerfRequest, validatePerfRequest } from '../schema/perf-request.ts';
import { checkAndResolve, planEntries } from './plan.ts';

/** A perf request ready for the model: the deployment's plan and the workload. */
export interface PerfPlan {
  readonly request: ValidatedPerfRequest;
  readonly plan: SizingPlan;
  readonly workload: Workload;
  /** GPUs of the node the deployment uses, and the node's own. */
  readonly gpus_used: number;
  readonly server_gpus: number;
}

/** A deployment evaluated at its load. */
export interface PerfEvaluation extends PerfPlan {
  /** The layout the model evaluated (the original single pool: one replica over the GPUs used). */
  readonly layout: Layout;
  readonly performance: Performance & { readonly saturated: boolean };
}

/**
 * The node cut to the GPUs the deployment uses: the same per-GPU figures, `gpus` GPUs (and the node's
 * totals in proportion). A server file with such an entry gives the same figures.
 */
function serverSlice(server: ServerEntry, gpus: number): ServerEntry {
  if (gpus === server.gpus) return server;
  const share = gpus / server.gpus;
  const { nvlink_domain_gpus: _domain, ...rest } = server;
  return {
    ...rest,
    gpus,
    ...(server.total_hbm_gb !== undefined ? { total_hbm_gb: server.total_hbm_gb * share } : {}),
    ...(typeof server.power_kw === 'number' ? { power_kw: server.power_kw * share } : {}),
  };
}

/**
 * Validate a raw perf request, resolve its names and plan its deployment. Every problem of the fields
 * and the names comes back at once; the GPUs used, the layout and the catalog figures the model needs
 * are checked after.
 */
export function planPerf(raw: unknown, catalog: CatalogIndex, source?: string, ignoredKeys?: readonly string[]): Result<PerfPlan> {
  const checked = checkAndResolve(raw, catalog, validatePerfRequest(raw, source, ignoredKeys), (field) => PERF_FIELDS.indexOf(field), source);
  if (!checked.ok) return checked;
  const { request: r, entries } = checked.value;
  const node = entries.server;
  const gpus = r.gpus_used ?? node.gpus;
  if (gpus > node.gpus) return { ok: false, problems: [{ field: 'gpus_used', value: gpus, accepted: { kind: 'integer', min: 1, max: node.gpus }, source }] };
  const input = r.input_tokens ?? PERF_DEFAULTS.input_tokens;
  const output = r.output_tokens ?? PERF_DEFAULTS.output_tokens;
  // The sizing request of the deployment: sessions holding a whole request (prompt and output).
  const sizingRequest: Record<string, unknown> = {
    concurrency: r.concurrency ?? 1,
    effective_context: Math.min(input + output, LIMITS.effective_context.max),
  };
  for (const f of ['kv_precision', 'params_b', 'weights_precision', ...SETTING_FIELDS] as const) if (r[f] !== undefined) sizingRequest[f] = r[f];
  const planned = planEntries({ ...entries, server: serverSlice(node, gpus) }, sizingRequest as never, source);
  if (!planned.ok) return planned;
  const plan = planned.value;
  const missing = perfMissingFigures(plan);
  if (missing.length > 0) {
    const serverSide = missingServerFigures(plan.entries.server).length > 0;
    return {
      ok: false,
      problems: [
        {
          field: serverSide ? 'server' : 'model',
          value: serverSide ? node.name : plan.entries.model.name,
          accepted: { kind: 'rule', rule: 'perf_figures_missing', detail: { missing, server: node.name, model: plan.entries.model.name } },
          source,
        },
      ],
    };
  }
  const workload: Workload = {
    input_tokens: input,
    output_tokens: output,
    ...(r.concurrency !== undefined ? { concurrency: r.concurrency } : {}),
    ...(r.request_rate !== undefined ? { request_rate: r.request_rate } : {}),
  };
  return { ok: true, value: { request: r, plan, workload, gpus_used: gpus, server_gpus: node.gpus } };
}

/** A raw perf request → the deployment's performance at its load (or the problems). */
export function perfRequest(raw: unknown, catalog: CatalogIndex, source?: string, ignoredKeys?: readonly string[]): Result<PerfEvaluation> {
  const planned = planPerf(raw, catalog, source, ignoredKeys);
  if (!planned.ok) return planned;
  return { ok: true, value: evaluatePerf(planned.value) };
}

/** A planned perf request evaluated by the performance model. */
export function evaluatePerf(planned: PerfPlan): PerfEvaluation {
  const prepared = prepareDeployment(planned.plan, planned.workload);
  return { ...planned, layout: prepared.layout, performance: performanceOf(prepared, planned.workload) };
}
