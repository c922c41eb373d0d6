/**
 * The cost of a scenario (issue 11, src/core/cost.ts): each formula on a table of cases, the worked
 * examples of docs/cost.md, the invariants (cost grows with nodes; $/M tokens falls as tokens/s grows),
 * the built-in prices catalog, and the cost inside a sizing (absent unless asked for).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { sizeRequest } from '../../src/app/size-request.ts';
import { BUILTIN_CATALOG, BUILTIN_PRICES } from '../../src/catalog/builtin.ts';
import { CatalogIndex } from '../../src/catalog/lookup.ts';
import { checkPricesData, withPrices } from '../../src/catalog/prices.ts';
import { type CostInputs, costRequested, energyMwhPerYear, HOURS_PER_MONTH, HOURS_PER_YEAR, nodeHour, resolveFacility, scenarioCost, usdPerMillionTokens } from '../../src/core/cost.ts';
import { renderJson } from '../../src/report/json.ts';
import { renderText } from '../../src/report/text.ts';
import type { FacilityTerms, PriceEntry, ServerEntry } from '../../src/schema/catalog.ts';
import { PricesFileSchema } from '../../src/schema/catalog.ts';
import { SizingOutputSchema } from '../../src/schema/output.ts';
import { runCli } from '../helpers/cli.ts';
import * as z from 'zod/mini';

const ROOT = join(import.meta.dirname, '..', '..');
const FACILITY: FacilityTerms = { usd_per_kwh: 0.1, pue: 1.3, amortisation_years: 5, source: 'test', date: '2026-12-01' };
const SERVER: ServerEntry = { name: 's8', gpus: 8, hbm_per_gpu_gb: 80, power_kw: 10.2 };
const price = (p: Partial<PriceEntry>): PriceEntry => ({ server: 's8', source: 'test', date: '2026-12-01', ...p });

describe('the formulas, one by one', () => {
  it.each([
    // mode, price, expected node-hour $, missing
    ['on_demand', price({ on_demand_usd_per_gpu_hour: 2 }), 16, []],
    ['reserved', price({ reserved_usd_per_gpu_hour: 1.5 }), 12, []],
    ['on_demand', price({ reserved_usd_per_gpu_hour: 1.5 }), null, ['on_demand_usd_per_gpu_hour']],
    ['reserved', undefined, null, ['reserved_usd_per_gpu_hour']],
    ['owned', price({ capex_usd_per_node: 438000 }), 438000 / (5 * 8760) + 10.2 * 1.3 * 0.1, []],
    ['owned', price({ on_demand_usd_per_gpu_hour: 2 }), null, ['capex_usd_per_node']],
  ] as const)('node-hour %s with %j → %s', (mode, p, usd, missing) => {
    const h = nodeHour(SERVER, p, FACILITY, mode);
    if (usd === null) expect(h.usd).toBeNull();
    else expect(h.usd).toBeCloseTo(usd, 10);
    expect(h.missing).toEqual(missing);
  });

  it('owned: amortisation = capex / (years × 8,760), energy = kW × PUE × $/kWh, per node-hour', () => {
    const h = nodeHour(SERVER, price({ capex_usd_per_node: 87600 }), { ...FACILITY, amortisation_years: 2 }, 'owned');
    expect(h.amortisation_usd).toBe(5);
    expect(h.energy_usd).toBeCloseTo(1.326, 12);
  });

  it('owned without power_kw: the hour is unknown, power_kw is named', () => {
    const h = nodeHour({ ...SERVER, power_kw: null }, price({ capex_usd_per_node: 1e5 }), FACILITY, 'owned');
    expect(h.usd).toBeNull();
    expect(h.missing).toEqual(['power_kw']);
  });

  it.each([
    [36, 10000, 1],
    [3.6, 1000, 1],
    [100, 0, null],
    [null, 1000, null],
    [10, null, null],
  ])('$/M tokens at $%s/h and %s tokens/s = %s', (usd, tokens, expected) => {
    expect(usdPerMillionTokens(usd, tokens)).toBe(expected);
  });

  it('energy: kW × PUE × 8,760 / 1,000', () => {
    expect(energyMwhPerYear(100, 1)).toBe(876);
    expect(energyMwhPerYear(102, 1.3)).toBeCloseTo(1161.576, 9);
    expect(HOURS_PER_YEAR).toBe(8760);
    expect(HOURS_PER_MONTH).toBe(730);
  });

  it('$/month = $/h × 730, $/session-month = $/month / sessions, kW = nodes × power_kw, capex only when owned', () => {
    const c = scenarioCost({ nodes: 3, server: SERVER, price: price({ on_demand_usd_per_gpu_hour: 1, capex_usd_per_node: 1000 }), facility: FACILITY, mode: 'on_demand', sessions: 73 });
    expect(c.usd_per_hour).toBe(24);
    expect(c.usd_per_month).toBe(24 * 730);
    expect(c.usd_per_session_month).toBe((24 * 730) / 73);
    expect(c.power_kw).toBeCloseTo(30.6, 12);
    expect(c.capex_usd).toBeNull();
    expect(c.missing).toEqual(['output_tokens_per_s', 'full_load_output_tokens_per_s']);
    const owned = scenarioCost({ nodes: 3, server: SERVER, price: price({ capex_usd_per_node: 1000 }), facility: FACILITY, mode: 'owned', sessions: 73 });
    expect(owned.capex_usd).toBe(3000);
  });

  it('the interval: the node count range carried to $/h and $/month (high null stays null)', () => {
    const c = scenarioCost({ nodes: 5, nodesRange: { low: 4, high: null }, server: SERVER, price: price({ on_demand_usd_per_gpu_hour: 1 }), facility: FACILITY, mode: 'on_demand', sessions: 10 });
    expect(c.interval).toEqual({ nodes: { low: 4, high: null }, usd_per_hour: { low: 32, high: null }, usd_per_month: { low: 32 * 730, high: null } });
  });

  it('request overrides of the facility terms, each named', () => {
    const f = resolveFacility(FACILITY, { pue: 1.1 });
    expect(f).toMatchObject({ usd_per_kwh: 0.1, pue: 1.1, amortisation_years: 5, from_request: ['pue'] });
    expect(costRequested({})).toBe(false);
    expect(costRequested({ pue: 1.2 })).toBe(true);
    expect(costRequested({ pricing: 'owned' })).toBe(true);
  });
});

describe('docs/cost.md worked examples', () => {
  const doc = readFileSync(join(ROOT, 'docs', 'cost.md'), 'utf8');
  const blocks = [...doc.matchAll(/```json cost-example\n([\s\S]*?)```/g)].map((m) => JSON.parse(m[1]!) as { inputs: CostInputs; expected: Record<string, number | null> });

  it('has the three examples', () => expect(blocks).toHaveLength(3));

  it.each(blocks.map((b, i) => [i + 1, b] as const))('example %i gives its figures', (_i, { inputs, expected }) => {
    const c = scenarioCost(inputs) as unknown as Record<string, unknown>;
    for (const [path, want] of Object.entries(expected)) {
      const got = path.split('.').reduce<unknown>((o, k) => (o as Record<string, unknown>)[k], c);
      if (want === null) expect(got, path).toBeNull();
      else {
        const decimals = String(want).split('.')[1]?.length ?? 0;
        expect(Math.abs((got as number) - want), `${path}: ${String(got)} vs ${want}`).toBeLessThanOrEqual(0.5 * 10 ** -decimals + 1e-9);
      }
    }
  });
});

describe('invariants', () => {
  const modes = fc.constantFrom('owned' as const, 'on_demand' as const, 'reserved' as const);
  const prices = fc.record({
    capex_usd_per_node: fc.double({ min: 1, max: 1e7, noNaN: true }),
    on_demand_usd_per_gpu_hour: fc.double({ min: 0.01, max: 100, noNaN: true }),
    reserved_usd_per_gpu_hour: fc.double({ min: 0.01, max: 100, noNaN: true }),
  });
  const facility = fc.record({ usd_per_kwh: fc.double({ min: 0.001, max: 1, noNaN: true }), pue: fc.double({ min: 1, max: 3, noNaN: true }), amortisation_years: fc.double({ min: 0.5, max: 15, noNaN: true }) });

  it('every dollar figure, the power and the energy grow with the node count', () => {
    fc.assert(
      fc.property(modes, prices, facility, fc.integer({ min: 1, max: 1000 }), fc.integer({ min: 1, max: 50 }), fc.integer({ min: 1, max: 72 }), (mode, p, fac, nodes, more, gpus) => {
        const base = { server: { ...SERVER, gpus }, price: price(p), facility: { ...FACILITY, ...fac }, mode, sessions: 100, outputTokensPerS: 5000, fullLoadOutputTokensPerS: 9000 };
        const a = scenarioCost({ ...base, nodes });
        const b = scenarioCost({ ...base, nodes: nodes + more });
        for (const k of ['usd_per_hour', 'usd_per_month', 'usd_per_million_output_tokens', 'usd_per_session_month', 'power_kw', 'energy_mwh_per_year'] as const) {
          expect(b[k]!, k).toBeGreaterThan(a[k]!);
        }
        if (mode === 'owned') expect(b.capex_usd!).toBeGreaterThan(a.capex_usd!);
      }),
    );
  });

  it('$ per million tokens falls as tokens/s grows (same fleet)', () => {
    fc.assert(
      fc.property(modes, prices, fc.integer({ min: 1, max: 500 }), fc.double({ min: 0.1, max: 1e6, noNaN: true }), fc.double({ min: 1.001, max: 100, noNaN: true }), (mode, p, nodes, tokens, factor) => {
        const base = { nodes, server: SERVER, price: price(p), facility: FACILITY, mode, sessions: 10 };
        const slow = scenarioCost({ ...base, outputTokensPerS: tokens });
        const fast = scenarioCost({ ...base, outputTokensPerS: tokens * factor });
        expect(fast.usd_per_million_output_tokens!).toBeLessThan(slow.usd_per_million_output_tokens!);
      }),
    );
  });
});

describe('the built-in prices catalog', () => {
  const data = JSON.parse(readFileSync(join(ROOT, 'src', 'catalog', 'data', 'prices.json'), 'utf8')) as unknown;

  it('validates against the schema and names only servers of the catalog, each once', () => {
    expect(z.safeParse(PricesFileSchema, data).success).toBe(true);
    const checked = checkPricesData(data, 'prices.json', BUILTIN_CATALOG.servers);
    expect(checked.ok, JSON.stringify(checked.ok ? null : checked.problems)).toBe(true);
  });

  it('has an entry for every server, each with a source and a date; a null price has a note saying why', () => {
    expect(BUILTIN_PRICES.prices.map((p) => p.server).sort()).toEqual(BUILTIN_CATALOG.servers.map((s) => s.name).sort());
    for (const p of BUILTIN_PRICES.prices) {
      expect(p.source.length, p.server).toBeGreaterThan(0);
      expect(p.date, p.server).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      if (p.on_demand_usd_per_gpu_hour == null) expect(p.notes ?? '', p.server).toMatch(/no published|Contact sales|no on-demand/i);
    }
    expect(BUILTIN_PRICES.facility).toMatchObject({ usd_per_kwh: 0.1, pue: 1.58, amortisation_years: 5 });
  });

  it('a user file replaces entries by server and keeps the others; --replace-catalog keeps only its own', () => {
    const given = { prices: [price({ server: 'dgx-h100', on_demand_usd_per_gpu_hour: 2.5 })] };
    const merged = withPrices(BUILTIN_PRICES, given, false);
    expect(merged.prices.find((p) => p.server === 'dgx-h100')?.on_demand_usd_per_gpu_hour).toBe(2.5);
    expect(merged.prices).toHaveLength(BUILTIN_PRICES.prices.length);
    expect(merged.facility).toBe(BUILTIN_PRICES.facility);
    expect(withPrices(BUILTIN_PRICES, given, true).prices).toHaveLength(1);
  });
});

describe('the cost in a sizing', () => {
  const index = new CatalogIndex(BUILTIN_CATALOG);
  const base = { model: 'Meta-Llama-3.1-70B', server: 'dgx-h200', concurrency: 500, effective_context: 8192 };
  const sized = (extra: Record<string, unknown>, catalog = index) => {
    const r = sizeRequest({ ...base, ...extra }, catalog);
    if (!r.ok) throw new Error(JSON.stringify(r.problems));
    return r.value;
  };

  it('is absent without a cost field: the document has no cost and no pricing key', () => {
    const doc = JSON.parse(renderJson(sized({ output_tokens: 512 }), { locale: 'en' })) as Record<string, unknown>;
    expect(doc).not.toHaveProperty('pricing');
    expect((doc.scenarios as Record<string, Record<string, unknown>>).recommended).not.toHaveProperty('cost');
  });

  it('on demand by default when a facility term is given; the figures follow the formulas from the result', () => {
    const r = sized({ pue: 1.2, output_tokens: 512 });
    expect(r.cost?.mode).toBe('on_demand');
    expect(r.cost?.mode_source).toBe('default');
    const s = r.scenarios.recommended;
    const c = s.cost!;
    expect(c.nodes).toBe(s.results.nodes_final);
    expect(c.usd_per_hour).toBeCloseTo(c.nodes * 8 * 6.305, 9);
    expect(c.output_tokens_per_s).toBe(s.performance?.performance?.output_tokens_per_s);
    expect(c.full_load_output_tokens_per_s).toBeGreaterThan(0);
    expect(c.energy_mwh_per_year).toBeCloseTo((c.nodes * 10.2 * 1.2 * 8760) / 1000, 9);
  });

  it('the JSON validates against the output schema, in both locales, with a rationale for each figure', () => {
    for (const locale of ['en', 'pt-BR'] as const) {
      const doc = JSON.parse(renderJson(sized({ pricing: 'owned', output_tokens: 512 }), { locale })) as { scenarios: { recommended: { cost: { rationale: Record<string, unknown> } } } };
      const parsed = z.safeParse(SizingOutputSchema, doc);
      expect(parsed.success, JSON.stringify(parsed.error?.issues.slice(0, 3))).toBe(true);
      expect(Object.keys(doc.scenarios.recommended.cost.rationale)).toContain('capex_usd');
    }
  });

  it('a prices file entry is used (owned, capex given), and the report says prices change', () => {
    const catalog = new CatalogIndex({ ...BUILTIN_CATALOG, prices: withPrices(BUILTIN_PRICES, { prices: [price({ server: 'dgx-h200', capex_usd_per_node: 400000 })] }, false) });
    const r = sized({ pricing: 'owned' }, catalog);
    const c = r.scenarios.minimum.cost!;
    expect(c.capex_usd).toBe(c.nodes * 400000);
    expect(c.usd_per_hour).toBeCloseTo(c.nodes * (400000 / (5 * 8760) + 10.2 * 1.58 * 0.1), 9);
    expect(c.usd_per_million_output_tokens).toBeNull();
    const text = renderText(r, { locale: 'en' });
    expect(text).toContain('Prices change');
    expect(text).toContain('--prices-file');
    expect(renderText(r, { locale: 'pt-BR' })).toContain('Preços mudam');
  });

  it('a server with no price: null dollars, the missing price named, power still reported', () => {
    const r = sized({ server: 'dgx-b300', pricing: 'on_demand' });
    const c = r.scenarios.recommended.cost!;
    expect(c.usd_per_hour).toBeNull();
    expect(c.missing).toContain('on_demand_usd_per_gpu_hour');
    expect(c.power_kw).toBe(c.nodes * 15);
  });

  it('an infeasible scenario has a null cost', () => {
    const r = sized({ server: 'l40s-8', model: 'DeepSeek-V3', pricing: 'on_demand' });
    expect(r.scenarios.minimum.feasible).toBe(false);
    for (const s of Object.values(r.scenarios)) if (!s.feasible) expect(s.cost).toBeNull();
    expect(renderText(r, { locale: 'en' })).toContain('not computed: the scenario is infeasible');
  });
});

describe('the cost through the CLI', () => {
  const line = (extra: Record<string, unknown>) => JSON.stringify({ model: 'Meta-Llama-3.1-70B', server: 'dgx-h200', concurrency: 500, effective_context: 8192, ...extra });

  it('batch: a line with a cost field carries pricing and each scenario cost; a line without does not', async () => {
    const out = await runCli(['batch', '-'], { input: `${line({ pricing: 'on_demand' })}\n${line({})}\n` });
    expect(out.status).toBe(0);
    const [withCost, without] = out.stdout.trim().split('\n').map((l) => JSON.parse(l) as { pricing?: unknown; scenarios: { recommended: { cost?: { usd_per_hour: number; nodes: number } } } });
    expect(withCost!.pricing).toBeDefined();
    expect(withCost!.scenarios.recommended.cost!.usd_per_hour).toBeCloseTo(withCost!.scenarios.recommended.cost!.nodes * 8 * 6.305, 9);
    expect(without!.pricing).toBeUndefined();
    expect(without!.scenarios.recommended.cost).toBeUndefined();
  });

  it('--prices-file overrides a built-in price; catalog prices lists it', async () => {
    const file = join(ROOT, 'docs', 'examples', 'my-prices.json');
    const listed = await runCli(['catalog', 'prices', '--prices-file', file]);
    expect(listed.status).toBe(0);
    expect(listed.stdout).toMatch(/dgx-h100\s+-\s+-\s+300,000/);
    expect(listed.stdout).toContain('$0.12/kWh, PUE 1.3, amortised over 4 years');
    const sized = await runCli(['--model', 'Meta-Llama-3.1-70B', '--server', 'dgx-h100', '--concurrency', '200', '--effective-context', '32768', '--prices-file', file, '--pricing', 'owned', '--json-only']);
    const doc = JSON.parse(sized.stdout) as { scenarios: { minimum: { cost: { nodes: number; capex_usd: number; usd_per_hour: number } } } };
    const c = doc.scenarios.minimum.cost;
    expect(c.capex_usd).toBe(c.nodes * 300000);
    expect(c.usd_per_hour).toBeCloseTo(c.nodes * (300000 / (4 * 8760) + 10.2 * 1.3 * 0.12), 9);
  });
});
