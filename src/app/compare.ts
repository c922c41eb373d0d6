/**
 * `llm-sizing compare` (issue 11): one sizing request crossed with lists of options (servers, tensor
 * parallelism, KV and weights precision, memory model, replicas per node, pipeline parallelism), each
 * option sized through the same planning step as every other sizing (`plan()` of ./plan.ts, then
 * `size()`), ranked, the dominated ones marked, and the recommendation named. Pure: no I/O, no clock,
 * no locale (the renderers are src/report/compare.ts).
 *
 * - An option the planner refuses (a layout an engine would refuse: TP 16 on an 8-GPU node, a setting
 *   the memory model ignores, …) is an infeasible option with the planner's problems as its reason;
 *   any other bad value (an unknown server, a TP of 0) is bad input, as in a sizing.
 * - Feasible: the RECOMMENDED scenario is feasible. Eligible: feasible, and meeting every latency
 *   target the request gives (in the RECOMMENDED scenario).
 * - Dominance (among eligible options; an option without a price is not judged): A dominates B when A
 *   costs less than B and has no more nodes or no higher TPOT p99 (the cost-versus-nodes and
 *   cost-versus-TPOT fronts), or costs the same and is no worse on nodes and TPOT and better on one.
 * - The recommendation: the cheapest eligible option ($/month of its RECOMMENDED scenario); ties go
 *   to fewer nodes, then the lower TPOT p99, then the first listed. Without any price, the fewest
 *   nodes (said so). It is never dominated: a property test checks it.
 */
import type { CatalogIndex } from '../catalog/lookup.ts';
import { size, type SizingResult } from '../core/sizing.ts';
import type { Alert } from '../core/alerts.ts';
import type { PerfBound } from '../engines/perf/types.ts';
import { type Problem, type Result, type RuleCode } from '../schema/problems.ts';
import { inFieldOrder, plan, requestFieldRank } from './plan.ts';
import { costRequested } from '../core/cost.ts';
import { COST_DEFAULTS } from '../core/defaults.ts';

import { COMPARE_FIELDS, COMPARE_LIMITS, type CompareField, type CompareLists, type CompareSort } from './compare-options.ts';

export { COMPARE_FIELDS, COMPARE_LIMITS, COMPARE_SORTS, type CompareField, type CompareLists, type CompareSort } from './compare-options.ts';

/** The rules of the planner that make one option infeasible rather than the input bad. */
const PLANNER_RULES: ReadonlySet<RuleCode> = new Set<RuleCode>([
  'layout_exceeds_gpus',
  'tp_kv_heads',
  'tp_query_heads',
  'pp_layers',
  'replicas_exceed_gpus',
  'tp_across_nodes',
  'dp_attention_divides_tp',
  'ep_needs_experts',
  'ep_divides',
  'nvlink_domain_whole_nodes',
  'knob_needs_engine',
  'perf_figures_missing',
]);

/** The figures an option is ranked and judged by: its RECOMMENDED scenario's. */
export interface CompareMetrics {
  readonly nodes: { readonly minimum: number | null; readonly recommended: number | null; readonly ideal: number | null };
  readonly sessions_per_node: number | null;
  /** What caps the sessions per node: memory, or a latency target (null when infeasible). */
  readonly limit: 'memory' | 'slo' | null;
  /** What sets the step time at the design load (performance model; null without a workload). */
  readonly bound: PerfBound | null;
  readonly ttft_p99_ms: number | null;
  readonly tpot_p99_ms: number | null;
  readonly output_tokens_per_s: number | null;
  /** Whether the design load meets every target given (null without targets). */
  readonly meets_targets: boolean | null;
  readonly usd_per_month: number | null;
  readonly usd_per_million_output_tokens: number | null;
  readonly power_kw: number | null;
}

/** Why an option is not feasible: the planner's problems, or the RECOMMENDED scenario's error alerts. */
export type CompareReason = { readonly kind: 'problem'; readonly problem: Problem } | { readonly kind: 'alert'; readonly alert: Alert };

export interface CompareRow {
  /** 1-based, in the order of the cross (the first list varies slowest). */
  readonly id: number;
  /** The option: each crossed field's value. */
  readonly option: Readonly<Partial<Record<CompareField, string | number>>>;
  /** The sizing (null when the planner refused the option). */
  readonly result: SizingResult | null;
  readonly feasible: boolean;
  /** Feasible and meeting every latency target given. */
  readonly eligible: boolean;
  readonly metrics: CompareMetrics;
  readonly reasons: readonly CompareReason[];
  /** The id of an option that dominates it (the cheapest such), or null. */
  readonly dominated_by: number | null;
  /** 1-based place among the feasible options in the chosen order; null when infeasible. */
  readonly rank: number | null;
}

/** How the runner-up differs from the recommended option. */
export type RunnerUpDifference =
  | { readonly kind: 'costs_more'; readonly usd_per_month: number; readonly ratio: number }
  | { readonly kind: 'same_cost' }
  | { readonly kind: 'more_nodes'; readonly nodes: number }
  | { readonly kind: 'fewer_nodes'; readonly nodes: number }
  | { readonly kind: 'same_nodes' }
  | { readonly kind: 'higher_tpot'; readonly ms: number }
  | { readonly kind: 'lower_tpot'; readonly ms: number };

export interface Recommendation {
  readonly id: number;
  /** `cost`: the cheapest eligible option; `nodes`: no eligible option has a price, so the fewest nodes. */
  readonly basis: 'cost' | 'nodes';
  /** Options it was chosen among, and why the others were not. */
  readonly candidates: number;
  readonly excluded: { readonly infeasible: number; readonly misses_targets: number; readonly no_price: number };
  readonly runner_up: { readonly id: number; readonly differences: readonly RunnerUpDifference[] } | null;
}

export interface Comparison {
  /** The request every option shares (as given). */
  readonly request: Readonly<Record<string, unknown>>;
  /** The lists crossed, values as given (duplicates dropped). */
  readonly lists: CompareLists;
  readonly sort: CompareSort;
  /** Every option: the feasible ones ranked, then the infeasible ones in cross order. */
  readonly rows: readonly CompareRow[];
  /** Whether the request gives latency targets. */
  readonly targets: boolean;
  readonly recommendation: Recommendation | null;
}

interface CompareSettings {
  readonly sort?: CompareSort;
}

const NO_METRICS: CompareMetrics = {
  nodes: { minimum: null, recommended: null, ideal: null },
  sessions_per_node: null,
  limit: null,
  bound: null,
  ttft_p99_ms: null,
  tpot_p99_ms: null,
  output_tokens_per_s: null,
  meets_targets: null,
  usd_per_month: null,
  usd_per_million_output_tokens: null,
  power_kw: null,
};

/** An option's figures, from its sizing. */
function metricsOf(r: SizingResult): CompareMetrics {
  const s = r.scenarios.recommended;
  const perf = s.performance;
  const cost = s.feasible ? (s.cost ?? null) : null;
  return {
    nodes: { minimum: r.scenarios.minimum.results.nodes_final, recommended: s.results.nodes_final, ideal: r.scenarios.ideal.results.nodes_final },
    sessions_per_node: s.feasible ? s.results.sessions_per_node : null,
    limit: s.feasible ? (perf?.limit ?? 'memory') : null,
    bound: perf?.performance?.bound ?? null,
    ttft_p99_ms: perf?.performance && Number.isFinite(perf.performance.ttft_ms.p99) ? perf.performance.ttft_ms.p99 : null,
    tpot_p99_ms: perf?.performance ? perf.performance.tpot_ms.p99 : null,
    output_tokens_per_s: perf?.performance ? perf.performance.output_tokens_per_s : null,
    meets_targets: perf?.meets_targets ?? null,
    usd_per_month: cost?.usd_per_month ?? null,
    usd_per_million_output_tokens: cost?.usd_per_million_output_tokens ?? null,
    power_kw: cost?.power_kw ?? null,
  };
}

/** Compare numbers where null (unknown) is worst. */
function ascNullLast(a: number | null, b: number | null): number {
  if (a === b) return 0;
  if (a === null) return 1;
  if (b === null) return -1;
  return a - b;
}

const byCost = (a: CompareRow, b: CompareRow) => ascNullLast(a.metrics.usd_per_month, b.metrics.usd_per_month);
const byNodes = (a: CompareRow, b: CompareRow) => ascNullLast(a.metrics.nodes.recommended, b.metrics.nodes.recommended);
const byTpot = (a: CompareRow, b: CompareRow) => ascNullLast(a.metrics.tpot_p99_ms, b.metrics.tpot_p99_ms);

/** Each order's first key; ties go to cost, then nodes, then TPOT, then the cross order. */
const SORT_KEYS: { readonly [S in CompareSort]: (a: CompareRow, b: CompareRow) => number } = {
  cost: byCost,
  nodes: byNodes,
  'cost-per-token': (a, b) => ascNullLast(a.metrics.usd_per_million_output_tokens, b.metrics.usd_per_million_output_tokens),
  tpot: byTpot,
  ttft: (a, b) => ascNullLast(a.metrics.ttft_p99_ms, b.metrics.ttft_p99_ms),
  // More sessions per node first.
  sessions: (a, b) => ascNullLast(a.metrics.sessions_per_node === null ? null : -a.metrics.sessions_per_node, b.metrics.sessions_per_node === null ? null : -b.metrics.sessions_per_node),
  power: (a, b) => ascNullLast(a.metrics.power_kw, b.metrics.power_kw),
};

/** The order of `sort`, ties broken by cost, nodes, TPOT and the cross order. */
function compareRows(sort: CompareSort): (a: CompareRow, b: CompareRow) => number {
  const first = SORT_KEYS[sort];
  return (a, b) => first(a, b) || byCost(a, b) || byNodes(a, b) || byTpot(a, b) || a.id - b.id;
}

/**
 * Whether `a` dominates `b` (both eligible, both priced): cheaper and no worse on nodes or on TPOT p99
 * (a TPOT is compared only when both have one), or as cheap and no worse on both, better on one.
 *
 * @example dominates({ cost: 10, nodes: 3, tpot: 20 }, { cost: 12, nodes: 3, tpot: 15 }) //=> true (cost-versus-nodes front)
 * @example dominates({ cost: 10, nodes: 3, tpot: 20 }, { cost: 10, nodes: 2, tpot: 25 }) //=> false (fewer nodes)
 */
export function dominates(a: DominanceFigures, b: DominanceFigures): boolean {
  if (a.cost === null || b.cost === null || a.nodes === null || b.nodes === null) return false;
  const tpotKnown = a.tpot !== null && b.tpot !== null;
  const nodesNoWorse = a.nodes <= b.nodes;
  const tpotNoWorse = tpotKnown && a.tpot! <= b.tpot!;
  if (a.cost < b.cost) return nodesNoWorse || tpotNoWorse;
  if (a.cost > b.cost) return false;
  if (!nodesNoWorse || (tpotKnown && !tpotNoWorse)) return false;
  return a.nodes < b.nodes || (tpotKnown && a.tpot! < b.tpot!);
}

export interface DominanceFigures {
  readonly cost: number | null;
  readonly nodes: number | null;
  readonly tpot: number | null;
}

const figures = (r: CompareRow): DominanceFigures => ({ cost: r.metrics.usd_per_month, nodes: r.metrics.nodes.recommended, tpot: r.metrics.tpot_p99_ms });

/** For each eligible row, the id of the cheapest row that dominates it (null when none). */
function dominatedBy(rows: readonly CompareRow[]): Map<number, number> {
  const out = new Map<number, number>();
  const judged = rows.filter((r) => r.eligible && r.metrics.usd_per_month !== null).sort((a, b) => byCost(a, b) || a.id - b.id);
  const f = judged.map(figures);
  for (let j = 0; j < judged.length; j++) {
    // Only an option at most as costly can dominate: those before j in cost order (and ties after).
    for (let i = 0; i < judged.length; i++) {
      if (i === j) continue;
      if (f[i]!.cost! > f[j]!.cost!) break;
      if (dominates(f[i]!, f[j]!)) {
        out.set(judged[j]!.id, judged[i]!.id);
        break;
      }
    }
  }
  return out;
}

/** The order the recommendation picks in: cost, then nodes, then TPOT p99, then the cross order. */
const pickOrder = (a: CompareRow, b: CompareRow) => byCost(a, b) || byNodes(a, b) || byTpot(a, b) || a.id - b.id;
const pickOrderByNodes = (a: CompareRow, b: CompareRow) => byNodes(a, b) || byTpot(a, b) || a.id - b.id;

function differences(winner: CompareMetrics, other: CompareMetrics): RunnerUpDifference[] {
  const out: RunnerUpDifference[] = [];
  const wc = winner.usd_per_month;
  const oc = other.usd_per_month;
  if (wc !== null && oc !== null) out.push(oc > wc ? { kind: 'costs_more', usd_per_month: oc - wc, ratio: wc > 0 ? oc / wc - 1 : 0 } : { kind: 'same_cost' });
  const wn = winner.nodes.recommended!;
  const on = other.nodes.recommended!;
  out.push(on > wn ? { kind: 'more_nodes', nodes: on - wn } : on < wn ? { kind: 'fewer_nodes', nodes: wn - on } : { kind: 'same_nodes' });
  const wt = winner.tpot_p99_ms;
  const ot = other.tpot_p99_ms;
  if (wt !== null && ot !== null && ot !== wt) out.push(ot > wt ? { kind: 'higher_tpot', ms: ot - wt } : { kind: 'lower_tpot', ms: wt - ot });
  return out;
}

/** The recommended option among the rows (null when no option is eligible). */
export function recommend(rows: readonly CompareRow[]): Recommendation | null {
  const eligible = rows.filter((r) => r.eligible);
  const priced = eligible.filter((r) => r.metrics.usd_per_month !== null);
  const basis = priced.length > 0 ? 'cost' : 'nodes';
  const pool = [...(basis === 'cost' ? priced : eligible)].sort(basis === 'cost' ? pickOrder : pickOrderByNodes);
  const winner = pool[0];
  if (winner === undefined) return null;
  const second = pool[1];
  return {
    id: winner.id,
    basis,
    candidates: pool.length,
    excluded: {
      infeasible: rows.filter((r) => !r.feasible).length,
      misses_targets: rows.filter((r) => r.feasible && !r.eligible).length,
      no_price: basis === 'cost' ? eligible.length - priced.length : 0,
    },
    runner_up: second ? { id: second.id, differences: differences(winner.metrics, second.metrics) } : null,
  };
}

/** Every combination of the lists' values, the first list varying slowest. */
function cross(lists: readonly (readonly [CompareField, readonly (string | number)[]])[]): Partial<Record<CompareField, string | number>>[] {
  let out: Partial<Record<CompareField, string | number>>[] = [{}];
  for (const [field, values] of lists) out = out.flatMap((o) => values.map((v) => ({ ...o, [field]: v })));
  return out;
}

/** Values with duplicates dropped (the first kept). */
function distinct(values: readonly (string | number)[]): (string | number)[] {
  return [...new Set(values)];
}

/** The lists' own problems: unknown keys, values that are not lists, lists empty or too long, a field also in the request, a cross too large. */
function listProblems(request: Readonly<Record<string, unknown>>, lists: unknown): { problems: Problem[]; entries: [CompareField, (string | number)[]][] } {
  const problems: Problem[] = [];
  const entries: [CompareField, (string | number)[]][] = [];
  if (lists === null || typeof lists !== 'object' || Array.isArray(lists)) return { problems: [{ field: 'options', value: lists, accepted: { kind: 'object' } }], entries };
  const known = COMPARE_FIELDS as readonly string[];
  for (const key of Object.keys(lists)) {
    if (!known.includes(key)) problems.push({ field: `options.${key}`, value: (lists as Record<string, unknown>)[key], accepted: { kind: 'no_field', known, suggestion: undefined } });
  }
  for (const field of COMPARE_FIELDS) {
    const given: unknown = (lists as Record<string, unknown>)[field];
    if (given === undefined) continue;
    if (!Array.isArray(given) || given.length === 0 || !given.every((v) => typeof v === 'string' || typeof v === 'number')) {
      problems.push({ field, value: given, accepted: { kind: 'rule', rule: 'compare_list', detail: { max: COMPARE_LIMITS.values } } });
      continue;
    }
    const values = distinct(given as (string | number)[]);
    if (values.length > COMPARE_LIMITS.values) {
      problems.push({ field, value: values.length, accepted: { kind: 'rule', rule: 'compare_list', detail: { max: COMPARE_LIMITS.values } } });
      continue;
    }
    if (request[field] !== undefined) {
      problems.push({ field, value: request[field], accepted: { kind: 'exclusive', with: `options.${field}` } });
      continue;
    }
    entries.push([field, values]);
  }
  const count = entries.reduce((n, [, v]) => n * v.length, 1);
  if (problems.length === 0 && count > COMPARE_LIMITS.options) {
    problems.push({ field: 'options', value: count, accepted: { kind: 'rule', rule: 'compare_options', detail: { count, max: COMPARE_LIMITS.options, fields: entries.map(([f]) => f) } } });
  }
  return { problems, entries };
}

/** A problem's identity, for reporting each once however many options meet it. */
const problemKey = (p: Problem) => `${p.field}\u0000${JSON.stringify(p.value) ?? ''}\u0000${JSON.stringify(p.accepted)}`;

/**
 * Compare the options: each combination of the lists' values added to the request, planned and sized.
 * Bad input (the request's or a list's) comes back as problems, each once; the options the planner
 * refuses are infeasible rows.
 *
 * @example
 * compareRequest({ model: 'Meta-Llama-3.1-70B', concurrency: 1000, effective_context: 8192, memory_model: 'vllm' },
 *   { server: ['dgx-h100', 'dgx-h200'], tensor_parallel: [2, 4, 8] }, catalog)
 * //=> 6 rows: the feasible ones ranked (fewest nodes first while no price is known), then the infeasible ones
 */
export function compareRequest(request: unknown, lists: unknown, catalog: CatalogIndex, settings: CompareSettings = {}): Result<Comparison> {
  if (request === null || typeof request !== 'object' || Array.isArray(request)) return { ok: false, problems: [{ field: 'request', value: request, accepted: { kind: 'object' } }] };
  const base = request as Readonly<Record<string, unknown>>;
  const listed = listProblems(base, lists);
  if (listed.problems.length > 0) return { ok: false, problems: listed.problems };
  const options = cross(listed.entries);
  const priced = costRequested(base) ? base : { ...base, pricing: COST_DEFAULTS.pricing };
  const seen = new Set<string>();
  const bad: Problem[] = [];
  const rows: CompareRow[] = [];
  for (const [i, option] of options.entries()) {
    // Every option is priced: the default pricing mode when the request names no cost field.
    const planned = plan({ ...priced, ...option }, catalog);
    if (!planned.ok) {
      const refused = planned.problems.every((p) => p.accepted.kind === 'rule' && PLANNER_RULES.has(p.accepted.rule));
      if (refused) {
        rows.push({ id: i + 1, option, result: null, feasible: false, eligible: false, metrics: NO_METRICS, reasons: planned.problems.map((problem) => ({ kind: 'problem', problem })), dominated_by: null, rank: null });
        continue;
      }
      for (const p of planned.problems) {
        if (p.accepted.kind === 'rule' && PLANNER_RULES.has(p.accepted.rule)) continue;
        const key = problemKey(p);
        if (!seen.has(key)) {
          seen.add(key);
          bad.push(p);
        }
      }
      continue;
    }
    if (bad.length > 0) continue;
    const result = size(planned.value);
    const metrics = metricsOf(result);
    const feasible = result.scenarios.recommended.feasible;
    const eligible = feasible && metrics.meets_targets !== false;
    const reasons: CompareReason[] = feasible ? [] : result.scenarios.recommended.warnings.filter((a) => a.severity === 'error').map((alert) => ({ kind: 'alert', alert }));
    rows.push({ id: i + 1, option, result, feasible, eligible, metrics, reasons, dominated_by: null, rank: null });
  }
  if (bad.length > 0) return { ok: false, problems: inFieldOrder(bad) };
  const sort = settings.sort ?? 'cost';
  const dominated = dominatedBy(rows);
  const feasible = rows.filter((r) => r.feasible).map((r) => ({ ...r, dominated_by: dominated.get(r.id) ?? null }));
  feasible.sort(compareRows(sort));
  const ranked = [...feasible.map((r, i) => ({ ...r, rank: i + 1 })), ...rows.filter((r) => !r.feasible)];
  return {
    ok: true,
    value: {
      // The request in the order of the request's fields, however it was given.
      request: Object.fromEntries(Object.entries(base).sort(([a], [b]) => requestFieldRank(a) - requestFieldRank(b))),
      lists: Object.fromEntries(listed.entries),
      sort,
      rows: ranked,
      targets: base.ttft_p99_ms !== undefined || base.tpot_p99_ms !== undefined,
      recommendation: recommend(ranked),
    },
  };
}
