/**
 * Properties of the recommendation (issue 11): among the options compared, the recommended one is never
 * dominated, and no eligible option with a price is cheaper. On random option sets (ties in cost,
 * nodes and TPOT made likely by small ranges), and on real comparisons of the built-in catalog.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type CompareRow, compareRequest, dominates, recommend } from '../../src/app/compare.ts';
import { BUILTIN_CATALOG } from '../../src/catalog/builtin.ts';
import { CatalogIndex } from '../../src/catalog/lookup.ts';

const figures = (r: CompareRow) => ({ cost: r.metrics.usd_per_month, nodes: r.metrics.nodes.recommended, tpot: r.metrics.tpot_p99_ms });

function check(rows: readonly CompareRow[]): void {
  const rec = recommend(rows);
  const eligible = rows.filter((r) => r.eligible);
  if (rec === null) {
    expect(eligible).toHaveLength(0);
    return;
  }
  const winner = rows.find((r) => r.id === rec.id)!;
  expect(winner.eligible).toBe(true);
  for (const other of eligible) expect(dominates(figures(other), figures(winner)), `#${other.id} dominates #${winner.id}`).toBe(false);
  if (rec.basis === 'cost') {
    const cheapest = Math.min(...eligible.flatMap((r) => (r.metrics.usd_per_month === null ? [] : [r.metrics.usd_per_month])));
    expect(winner.metrics.usd_per_month).toBe(cheapest);
  } else expect(eligible.every((r) => r.metrics.usd_per_month === null)).toBe(true);
}

const rowArb = fc.record({
  cost: fc.option(fc.integer({ min: 1, max: 6 }).map((x) => x * 1000), { nil: null, freq: 5 }),
  nodes: fc.integer({ min: 1, max: 5 }),
  tpot: fc.option(fc.integer({ min: 10, max: 14 }), { nil: null, freq: 4 }),
  feasible: fc.integer({ min: 0, max: 4 }).map((x) => x > 0),
  meets: fc.integer({ min: 0, max: 4 }).map((x) => x > 0),
});

describe('the recommendation', () => {
  it('is never dominated, and no eligible option with a price is cheaper (random option sets)', () => {
    fc.assert(
      fc.property(fc.array(rowArb, { minLength: 0, maxLength: 25 }), (specs) => {
        const rows: CompareRow[] = specs.map((s, i) => ({
          id: i + 1,
          option: { server: `s${i}` },
          result: null,
          feasible: s.feasible,
          eligible: s.feasible && s.meets,
          metrics: {
            nodes: { minimum: s.nodes, recommended: s.nodes, ideal: s.nodes },
            sessions_per_node: 1,
            limit: 'memory',
            bound: null,
            ttft_p99_ms: null,
            tpot_p99_ms: s.tpot,
            output_tokens_per_s: null,
            meets_targets: s.meets,
            usd_per_month: s.cost,
            usd_per_million_output_tokens: null,
            power_kw: null,
          },
          reasons: [],
          dominated_by: null,
          rank: null,
        }));
        check(rows);
      }),
      { numRuns: 500 },
    );
  });

  it('is never dominated, and not marked so, on real comparisons of the built-in catalog', () => {
    const catalog = new CatalogIndex(BUILTIN_CATALOG);
    const servers = ['dgx-h100', 'dgx-h200', 'dgx-b200', 'dgx-b300', 'mi300x-8', 'l40s-8', 'a100-80gb-8'];
    fc.assert(
      fc.property(
        fc.subarray(servers, { minLength: 1 }),
        fc.subarray([1, 2, 4, 8], { minLength: 1 }),
        fc.subarray(['fp8', 'bf16'], { minLength: 1 }),
        fc.integer({ min: 10, max: 4000 }),
        fc.option(fc.constantFrom(30, 60, 120), { nil: undefined }),
        fc.constantFrom('on_demand', 'reserved', 'owned'),
        (server, tp, kv, concurrency, tpot, pricing) => {
          const r = compareRequest(
            { model: 'Meta-Llama-3.1-70B', memory_model: 'vllm', concurrency, effective_context: 8192, pricing, ...(tpot ? { tpot_p99_ms: tpot, input_tokens: 1024, output_tokens: 256 } : {}) },
            { server, tensor_parallel: tp, kv_precision: kv },
            catalog,
          );
          if (!r.ok) throw new Error(JSON.stringify(r.problems));
          check(r.value.rows);
          const rec = r.value.rows.find((x) => x.id === r.value.recommendation?.id);
          if (rec) expect(rec.dominated_by).toBeNull();
          // Every row marked dominated is dominated by the row it names.
          for (const x of r.value.rows) if (x.dominated_by !== null) expect(dominates(figures(r.value.rows.find((y) => y.id === x.dominated_by)!), figures(x))).toBe(true);
        },
      ),
      { numRuns: 40 },
    );
  });
});
