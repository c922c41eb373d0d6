/**
 * The comparison (src/app/compare.ts): the cross, the planner's refusals as infeasible rows, bad input
 * as problems, the orders, dominance and the recommendation, table-driven.
 */
import { describe, expect, it } from 'vitest';
import { type CompareRow, compareRequest, type CompareMetrics, dominates, type DominanceFigures, recommend } from '../../src/app/compare.ts';
import { COMPARE_LIMITS } from '../../src/app/compare-options.ts';
import { BUILTIN_CATALOG } from '../../src/catalog/builtin.ts';
import { CatalogIndex } from '../../src/catalog/lookup.ts';

const catalog = new CatalogIndex(BUILTIN_CATALOG);
const BASE = { model: 'Meta-Llama-3.1-70B', memory_model: 'vllm', concurrency: 1000, effective_context: 8192 };

function compared(request: unknown, lists: unknown, sort?: Parameters<typeof compareRequest>[3]) {
  const r = compareRequest(request, lists, catalog, sort);
  if (!r.ok) throw new Error(JSON.stringify(r.problems));
  return r.value;
}

describe('dominates', () => {
  const f = (cost: number | null, nodes: number | null, tpot: number | null): DominanceFigures => ({ cost, nodes, tpot });
  it.each([
    ['cheaper with as many nodes', f(10, 3, null), f(12, 3, null), true],
    ['cheaper with fewer nodes', f(10, 2, null), f(12, 3, null), true],
    ['cheaper with more nodes and no TPOT', f(10, 4, null), f(12, 3, null), false],
    ['cheaper with more nodes but a lower TPOT (cost-versus-TPOT front)', f(10, 4, 20), f(12, 3, 30), true],
    ['cheaper with more nodes and a higher TPOT', f(10, 4, 40), f(12, 3, 30), false],
    ['as cheap, fewer nodes, same TPOT', f(10, 2, 30), f(10, 3, 30), true],
    ['as cheap, fewer nodes, higher TPOT (a trade-off, not dominance)', f(10, 2, 40), f(10, 3, 30), false],
    ['as cheap, same nodes, lower TPOT', f(10, 3, 20), f(10, 3, 30), true],
    ['identical', f(10, 3, 30), f(10, 3, 30), false],
    ['dearer', f(12, 1, 1), f(10, 3, 30), false],
    ['without a price', f(null, 1, 1), f(10, 3, 30), false],
    ['against one without a price', f(10, 1, 1), f(null, 3, 30), false],
  ] as const)('%s: %s', (_name, a, b, expected) => {
    expect(dominates(a, b)).toBe(expected);
  });
});

describe('compareRequest on the built-in catalog', () => {
  it('crosses the lists, the first varying slowest, and sizes each option as llm-sizing size does', () => {
    const c = compared(BASE, { server: ['dgx-h100', 'dgx-h200'], tensor_parallel: [4, 8] });
    expect(c.rows.map((r) => r.id).sort()).toEqual([1, 2, 3, 4]);
    const byId = new Map(c.rows.map((r) => [r.id, r]));
    expect(byId.get(1)!.option).toEqual({ server: 'dgx-h100', tensor_parallel: 4 });
    expect(byId.get(4)!.option).toEqual({ server: 'dgx-h200', tensor_parallel: 8 });
    // The same figures as a sizing of that option (docs/compare.md shows them).
    expect(byId.get(4)!.metrics.nodes).toEqual({ minimum: 3, recommended: 5, ideal: 6 });
    expect(byId.get(4)!.metrics.sessions_per_node).toBe(340);
    expect(byId.get(4)!.metrics.limit).toBe('memory');
  });

  it('makes an option the planner refuses an infeasible row with its problems, and keeps the others', () => {
    const c = compared(BASE, { server: ['dgx-h200'], tensor_parallel: [8, 16] });
    const refused = c.rows.find((r) => r.option.tensor_parallel === 16)!;
    expect(refused.feasible).toBe(false);
    expect(refused.rank).toBeNull();
    expect(refused.reasons.map((r) => (r.kind === 'problem' && r.problem.accepted.kind === 'rule' ? r.problem.accepted.rule : r.kind))).toEqual(['tp_across_nodes']);
    expect(c.rows.at(-1)).toBe(refused);
    expect(c.recommendation?.id).toBe(1);
  });

  it("gives a scenario that cannot be sized its error alerts as the reason", () => {
    // 405B in bf16 on one L40S node: the weights do not fit.
    const c = compared({ model: 'Llama-3.1-405B', concurrency: 10, effective_context: 8192 }, { server: ['l40s-8', 'dgx-b300'] });
    const l40s = c.rows.find((r) => r.option.server === 'l40s-8')!;
    expect(l40s.feasible).toBe(false);
    expect(l40s.reasons.every((r) => r.kind === 'alert' && r.alert.severity === 'error')).toBe(true);
    expect(l40s.reasons.length).toBeGreaterThan(0);
  });

  it.each([
    ['an unknown server', BASE, { server: ['dgx-h200', 'dgx-h999'] }, 'server', 'dgx-h999'],
    ['a TP of 0', BASE, { server: ['dgx-h200'], tensor_parallel: [0, 8] }, 'tensor_parallel', 0],
    ['an unknown KV precision', { ...BASE, server: 'dgx-h200' }, { kv_precision: ['fp8', 'fp7'] }, 'kv_precision', 'fp7'],
    ['a list that is not a list', BASE, { server: 'dgx-h200' }, 'server', 'dgx-h200'],
    ['an empty list', BASE, { server: [] }, 'server', []],
    ['a field both in the request and in the lists', { ...BASE, server: 'dgx-h100' }, { server: ['dgx-h200'] }, 'server', 'dgx-h100'],
    ['an unknown list', { ...BASE, server: 'dgx-h100' }, { tensor_parallell: [2] }, 'options.tensor_parallell', [2]],
    ['a request field missing', { model: 'Meta-Llama-3.1-70B', concurrency: 10 }, { server: ['dgx-h200'] }, 'effective_context', undefined],
  ])('refuses %s, naming the field and the value', (_name, request, lists, field, value) => {
    const r = compareRequest(request, lists, catalog);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.problems.map((p) => [p.field, p.value])).toContainEqual([field, value]);
  });

  it('reports each bad value once, however many options meet it', () => {
    const r = compareRequest(BASE, { server: ['dgx-h999'], tensor_parallel: [1, 2, 4, 8], kv_precision: ['fp8', 'bf16'] }, catalog);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.problems.filter((p) => p.field === 'server')).toHaveLength(1);
  });

  it(`refuses a cross of more than ${COMPARE_LIMITS.options} options, and a list of more than ${COMPARE_LIMITS.values} values, before sizing any`, () => {
    const many = Array.from({ length: 64 }, (_, i) => i + 1);
    const cross = compareRequest(BASE, { server: ['dgx-h200', 'dgx-h100'], tensor_parallel: many, replicas_per_node: many }, catalog);
    expect(cross.ok).toBe(false);
    if (!cross.ok) expect(cross.problems[0]).toMatchObject({ field: 'options', value: 8192, accepted: { kind: 'rule', rule: 'compare_options', detail: { max: COMPARE_LIMITS.options } } });
    const long = compareRequest(BASE, { server: ['dgx-h200'], tensor_parallel: [...many, 65] }, catalog);
    expect(long.ok).toBe(false);
    if (!long.ok) expect(long.problems[0]).toMatchObject({ field: 'tensor_parallel', accepted: { kind: 'rule', rule: 'compare_list' } });
  });

  it.each([
    ['nodes', (r: CompareRow) => r.metrics.nodes.recommended!, 1],
    ['sessions', (r: CompareRow) => r.metrics.sessions_per_node!, -1],
    ['tpot', (r: CompareRow) => r.metrics.tpot_p99_ms!, 1],
  ] as const)('orders the feasible rows by %s', (sort, key, direction) => {
    const c = compared({ ...BASE, input_tokens: 2048, output_tokens: 256 }, { server: ['dgx-h100', 'dgx-h200'], tensor_parallel: [2, 4, 8] }, { sort });
    const keys = c.rows.filter((r) => r.feasible).map(key);
    expect(keys.length).toBeGreaterThan(3);
    for (let i = 1; i < keys.length; i++) expect(direction * (keys[i]! - keys[i - 1]!)).toBeGreaterThanOrEqual(0);
    expect(c.rows.filter((r) => r.feasible).map((r) => r.rank)).toEqual(keys.map((_, i) => i + 1));
  });

  it('with latency targets, leaves out of the recommendation the options that miss them', () => {
    const c = compared({ ...BASE, input_tokens: 2048, output_tokens: 256, tpot_p99_ms: 40 }, { server: ['dgx-h100', 'dgx-h200'], tensor_parallel: [2, 4, 8] });
    expect(c.targets).toBe(true);
    const rec = c.rows.find((r) => r.id === c.recommendation?.id);
    expect(rec?.eligible).toBe(true);
    expect(rec?.metrics.meets_targets).toBe(true);
    expect(c.rows.filter((r) => r.eligible).every((r) => r.metrics.tpot_p99_ms !== null)).toBe(true);
  });
});

/** A row with the figures recommend() reads. */
function row(id: number, cost: number | null, nodes: number, tpot: number | null, eligible = true, feasible = true): CompareRow {
  const metrics: CompareMetrics = {
    nodes: { minimum: nodes, recommended: nodes, ideal: nodes },
    sessions_per_node: 10,
    limit: 'memory',
    bound: null,
    ttft_p99_ms: null,
    tpot_p99_ms: tpot,
    output_tokens_per_s: null,
    meets_targets: eligible ? null : false,
    usd_per_month: cost,
    usd_per_million_output_tokens: null,
    power_kw: null,
  };
  return { id, option: { server: `s${id}` }, result: null, feasible, eligible: feasible && eligible, metrics, reasons: [], dominated_by: null, rank: null };
}

describe('recommend', () => {
  it.each([
    ['the cheapest', [row(1, 30, 2, null), row(2, 20, 5, null), row(3, 25, 3, null)], 2, 'cost', 3],
    ['at equal cost, fewer nodes', [row(1, 20, 4, null), row(2, 20, 3, null)], 2, 'cost', 1],
    ['at equal cost and nodes, the lower TPOT', [row(1, 20, 3, 30), row(2, 20, 3, 25)], 2, 'cost', 1],
    ['not a cheaper option that misses a target', [row(1, 10, 2, 90, false), row(2, 20, 3, 25)], 2, 'cost', null],
    ['not a cheaper infeasible option', [row(1, 10, 2, null, true, false), row(2, 20, 3, null)], 2, 'cost', null],
    ['a priced option over one without a price', [row(1, null, 1, null), row(2, 20, 3, null)], 2, 'cost', null],
    ['without any price, the fewest nodes', [row(1, null, 4, null), row(2, null, 3, null)], 2, 'nodes', 1],
  ] as const)('picks %s', (_name, rows, id, basis, runnerUp) => {
    const rec = recommend(rows);
    expect(rec?.id).toBe(id);
    expect(rec?.basis).toBe(basis);
    expect(rec?.runner_up?.id ?? null).toBe(runnerUp);
  });

  it('says what the runner-up costs more or does worse', () => {
    const rec = recommend([row(1, 100, 3, 30), row(2, 150, 2, 40)]);
    expect(rec?.runner_up?.differences).toEqual([
      { kind: 'costs_more', usd_per_month: 50, ratio: 0.5 },
      { kind: 'fewer_nodes', nodes: 1 },
      { kind: 'higher_tpot', ms: 10 },
    ]);
    expect(rec?.excluded).toEqual({ infeasible: 0, misses_targets: 0, no_price: 0 });
  });

  it('names none when no option is eligible', () => {
    expect(recommend([row(1, 10, 2, null, false), row(2, 10, 2, null, true, false)])).toBeNull();
  });
});
