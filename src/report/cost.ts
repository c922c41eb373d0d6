/**
 * The "Cost" section of a scenario and the pricing facts (issue 11), as label/value rows and rationale
 * entries built once for the text, Markdown and executive layouts, and the JSON of both. Present only
 * when the request gave a cost field (`SizingResult.cost`).
 */
import { COST_RATIONALE_KEYS, type CostRationaleKey, costRationale } from '../core/cost-rationale.ts';
import type { ScenarioKey } from '../core/scenarios.ts';
import type { SizingResult } from '../core/sizing.ts';
import type { CostJson, PricingJson } from '../schema/output.ts';
import type { RenderContext } from './context.ts';
import type { CostExplanationParams } from './i18n/cost.ts';
import { type Fact, type FactBlock, fact } from './facts.ts';

export interface CostRationaleEntry {
  readonly key: CostRationaleKey;
  readonly label: string;
  readonly value: string;
  readonly formula: string;
  readonly inputs: Readonly<Record<string, number | string | null>>;
  readonly explanation: string;
}

export interface CostSection {
  readonly title: string;
  readonly facts: readonly Fact[];
  /** What was not known, in words (null when nothing was missing). */
  readonly missing: string | null;
  readonly rationale: readonly CostRationaleEntry[];
}

/** The pricing block of the inputs: the mode, the server's price with its source and date, the facility terms, and the notice that prices change. */
export function pricingBlock(r: SizingResult, ctx: RenderContext): FactBlock | null {
  const c = r.cost;
  if (!c) return null;
  const { f } = ctx;
  const C = ctx.m.cost;
  const p = c.price;
  return {
    title: C.pricingTitle,
    facts: [
      fact(C.label.mode, `${C.mode[c.mode]}${c.mode_source === 'default' ? ` ${C.byDefault}` : ''}`),
      fact(
        C.label.price,
        C.price(
          {
            server: r.inputs.server.name,
            mode: c.mode,
            usd_per_gpu_hour: c.mode === 'on_demand' ? (p?.on_demand_usd_per_gpu_hour ?? null) : c.mode === 'reserved' ? (p?.reserved_usd_per_gpu_hour ?? null) : null,
            capex_usd_per_node: p?.capex_usd_per_node ?? null,
            provider: p?.provider ?? null,
            source: p?.source ?? null,
            date: p?.date ?? null,
          },
          f,
        ),
      ),
      fact(C.label.facility, C.facility(c.facility, f)),
      fact(C.label.notice, C.notice({ as_of: c.as_of })),
    ],
  };
}

/** What the explanations of one scenario receive; null without a cost or when infeasible. */
export function costExplanationParams(r: SizingResult, key: ScenarioKey): CostExplanationParams | null {
  const s = r.scenarios[key];
  const c = s.cost;
  const rc = r.cost;
  if (!c || !rc) return null;
  return {
    mode: c.mode,
    server: r.inputs.server.name,
    nodes: c.nodes,
    gpus: c.gpus,
    ha_extra_nodes: s.configuration.ha_extra_nodes,
    sessions: c.sessions,
    usd_per_hour: c.usd_per_hour,
    usd_per_month: c.usd_per_month,
    usd_per_million_output_tokens: c.usd_per_million_output_tokens,
    usd_per_million_output_tokens_full_load: c.usd_per_million_output_tokens_full_load,
    usd_per_session_month: c.usd_per_session_month,
    output_tokens_per_s: c.output_tokens_per_s,
    full_load_output_tokens_per_s: c.full_load_output_tokens_per_s,
    power_kw: c.power_kw,
    energy_mwh_per_year: c.energy_mwh_per_year,
    capex_usd: c.capex_usd,
    pue: rc.facility.pue,
    amortisation_years: rc.facility.amortisation_years,
    missing: c.missing,
  };
}

/** The section of one scenario; null without a cost. An infeasible scenario has one fact saying so. */
export function costSection(r: SizingResult, key: ScenarioKey, ctx: RenderContext): CostSection | null {
  const s = r.scenarios[key];
  if (!r.cost || s.cost === undefined) return null;
  const { f } = ctx;
  const C = ctx.m.cost;
  const c = s.cost;
  if (c === null) return { title: C.title, facts: [fact(C.label.usdPerMonth, C.infeasible)], missing: null, rationale: [] };
  const params = costExplanationParams(r, key)!;
  const rationale = costRationale(r, key)!;
  const money = (x: number | null) => (x === null ? C.unknown : C.money(x, f));
  const values: Record<CostRationaleKey, string> = {
    usd_per_hour: c.usd_per_hour === null ? C.unknown : C.moneyRange({ value: c.usd_per_hour, low: c.interval?.usd_per_hour.low ?? null, high: c.interval?.usd_per_hour.high ?? null }, f),
    usd_per_month: c.usd_per_month === null ? C.unknown : C.moneyRange({ value: c.usd_per_month, low: c.interval?.usd_per_month.low ?? null, high: c.interval?.usd_per_month.high ?? null }, f),
    usd_per_million_output_tokens: money(c.usd_per_million_output_tokens),
    usd_per_million_output_tokens_full_load: money(c.usd_per_million_output_tokens_full_load),
    usd_per_session_month: money(c.usd_per_session_month),
    power_kw: c.power_kw === null ? C.unknown : C.kw(c.power_kw, f),
    energy_mwh_per_year: c.energy_mwh_per_year === null ? C.unknown : C.mwh(c.energy_mwh_per_year, f),
    capex_usd: money(c.capex_usd),
  };
  const labels: Record<CostRationaleKey, string> = {
    usd_per_hour: C.label.usdPerHour,
    usd_per_month: C.label.usdPerMonth,
    usd_per_million_output_tokens: C.label.usdPerMTok,
    usd_per_million_output_tokens_full_load: C.label.usdPerMTokFull,
    usd_per_session_month: C.label.usdPerSessionMonth,
    power_kw: C.label.powerKw,
    energy_mwh_per_year: C.label.energy,
    capex_usd: C.label.capex,
  };
  const facts: Fact[] = [];
  const entries: CostRationaleEntry[] = [];
  for (const k of COST_RATIONALE_KEYS) {
    const rat = rationale[k];
    if (!rat) continue;
    facts.push(fact(labels[k], values[k]));
    entries.push({ key: k, label: labels[k], value: values[k], formula: rat.formula, inputs: rat.inputs, explanation: C.explanation[k](params, f) });
  }
  return { title: C.title, facts, missing: c.missing.length > 0 ? C.missing({ missing: c.missing, server: r.inputs.server.name }) : null, rationale: entries };
}

/** The pricing terms as JSON; undefined without a cost. */
export function pricingJson(r: SizingResult, ctx: RenderContext): PricingJson | undefined {
  const c = r.cost;
  if (!c) return undefined;
  const { from_request, ...facility } = c.facility;
  return {
    mode: c.mode,
    mode_source: c.mode_source,
    as_of: c.as_of,
    price: c.price ? { ...c.price } : null,
    facility: { ...facility, from_request: [...from_request] },
    notice: ctx.m.cost.notice({ as_of: c.as_of }),
  };
}

/** One scenario's cost as JSON: undefined without a cost, null when the scenario is infeasible. `ctx` adds the rationale. */
export function costJson(r: SizingResult, key: ScenarioKey, ctx?: RenderContext): CostJson | Omit<CostJson, 'rationale'> | null | undefined {
  const c = r.scenarios[key].cost;
  if (c === undefined) return undefined;
  if (c === null) return null;
  const base = {
    ...c,
    interval: c.interval ? { nodes: { ...c.interval.nodes }, usd_per_hour: { ...c.interval.usd_per_hour }, usd_per_month: { ...c.interval.usd_per_month } } : null,
    node_hour: { ...c.node_hour },
    missing: [...c.missing],
  };
  if (!ctx) return base;
  const params = costExplanationParams(r, key)!;
  const derived = costRationale(r, key) ?? {};
  const rationale: CostJson['rationale'] = {};
  for (const [k, rat] of Object.entries(derived) as [CostRationaleKey, NonNullable<(typeof derived)[CostRationaleKey]>][]) {
    rationale[k] = { formula: rat.formula, inputs: { ...rat.inputs }, explanation: ctx.m.cost.explanation[k](params, ctx.f) };
  }
  return { ...base, rationale };
}
