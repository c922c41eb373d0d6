/**
 * The planning step: a validated request and its catalog entries become a `SizingPlan`, with the
 * request's defaults applied (KV precision, memory model, every engine setting) and its deployment
 * layout resolved and checked, once. `size()` takes nothing else, so no caller can size a layout an
 * engine would refuse (TP 3 over 8 KV heads, more GPUs than the node has, a setting the memory model
 * ignores). Pure.
 *
 * From a raw request (batch line, API body, CLI flags) use `plan()` of src/app/plan.ts, which also
 * validates the fields and resolves the catalog names; from entries and a typed request, `planEntries()`.
 */
import { offloadCapacity } from './offload.ts';
import type { SizingEntries, FullSizingRequest } from './sizing.ts';
import type { KvPrecision } from './units.ts';
import type { Problem, Result } from '../schema/problems.ts';
import type { ValidatedRequest } from '../schema/request.ts';
import { type EngineSettings, engineSettings } from '../engines/capacity.ts';
import { type Layout, resolveLayout } from '../engines/layout.ts';
import { deploymentRequested, ENGINE_SETTINGS } from '../engines/settings.ts';
import { perfMissingFigures } from '../engines/perf/deployment.ts';
import { WORKLOAD_FIELDS, workloadRequested } from './workload.ts';

/** A layout and its memory model with every setting filled in. */
export interface Deployment {
  readonly layout: Layout;
  readonly engine: EngineSettings;
}

/** Only this module holds it: a plan cannot be made elsewhere. */
const PLANNER: unique symbol = Symbol('planner');

/** A request ready to size: made only by `planSizing` (through `plan()` / `planEntries()`), immutable. */
export class SizingPlan {
  readonly #planned = true;
  readonly entries: SizingEntries;
  /** The request as validated: every field present, undefined when not given (src/schema/request.ts, blankRequest). */
  readonly request: FullSizingRequest;
  /** The KV precision: the request's, else the model's default. */
  readonly precision: KvPrecision;
  /** The layout and engine when the request asks for one; null for the original single pool. */
  readonly deployment: Deployment | null;

  constructor(planner: typeof PLANNER, entries: SizingEntries, request: FullSizingRequest, deployment: Deployment | null) {
    if (planner !== PLANNER) throw new TypeError('a SizingPlan is made by plan() or planEntries(), not constructed');
    this.entries = entries;
    this.request = request;
    this.precision = request.kv_precision ?? entries.model.default_kv_precision;
    this.deployment = deployment;
    Object.freeze(this);
  }

  /** True for a plan the planner made (not a look-alike object). */
  static is(value: unknown): value is SizingPlan {
    return typeof value === 'object' && value !== null && #planned in value;
  }
}

/**
 * Plan a validated request over its catalog entries: resolve the layout (refusing what an engine would
 * refuse, each problem naming its field) and fill in the engine's defaults.
 */
export function planSizing(entries: SizingEntries, request: ValidatedRequest, source?: string): Result<SizingPlan> {
  // An offload tier (issue 12) whose size is neither given nor in the catalog: bad input naming the tier.
  if (request.offload_tier !== undefined && offloadCapacity(request, entries.server) === undefined) {
    return { ok: false, problems: [{ field: 'offload_tier', value: request.offload_tier, accepted: { kind: 'rule', rule: 'offload_size_required', detail: { tier: request.offload_tier, server: entries.server.name } }, source }] };
  }
  const planned = planDeployment(entries, request, source);
  if (!planned.ok || !workloadRequested(request)) return planned;
  // A workload (issue 10) needs the performance model, which needs catalog figures: a missing one is
  // bad input naming the first workload field given (not a crash, not a silent memory-only sizing).
  // (It reads the catalog entries and the weights fields only, which the workload fields leave alone.)
  const missing = perfMissingFigures(planned.value);
  if (missing.length === 0) return planned;
  const field = WORKLOAD_FIELDS.find((k) => request[k] !== undefined)!;
  return {
    ok: false,
    problems: [{ field, value: request[field], accepted: { kind: 'rule', rule: 'perf_figures_missing', detail: { missing, server: entries.server.name, model: entries.model.name } }, source }],
  };
}

function planDeployment(entries: SizingEntries, request: ValidatedRequest, source?: string): Result<SizingPlan> {
  Object.freeze(request);
  if (!deploymentRequested(request)) return { ok: true, value: new SizingPlan(PLANNER, entries, request, null) };
  const { model, server } = entries;
  const { layout, problems } = resolveLayout(model, server, request);
  if (problems.length > 0) return { ok: false, problems: problems.map((p): Problem => ({ ...p, source })) };
  const engine = engineSettings(request.memory_model ?? ENGINE_SETTINGS.memory_model.default.value, { model, server, layout, request });
  return { ok: true, value: new SizingPlan(PLANNER, entries, request, Object.freeze({ layout: Object.freeze(layout), engine: Object.freeze(engine) })) };
}

/**
 * The same plan without the workload fields (issue 10): what the performance model evaluates (it
 * sizes memory at its own contexts, and a workload field there would ask it for itself again).
 */
export function withoutWorkload(plan: SizingPlan): SizingPlan {
  const rest: Record<string, unknown> = { ...plan.request };
  for (const k of WORKLOAD_FIELDS) delete rest[k];
  const request = { ...rest, concurrency: plan.request.concurrency ?? 1 } as FullSizingRequest;
  return new SizingPlan(PLANNER, plan.entries, Object.freeze(request), plan.deployment);
}
