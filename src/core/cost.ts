/**
 * What a scenario's fleet costs (issue 11): dollars per hour and per month, per million output tokens,
 * per session-month, its power and energy, and the capital cost of owned hardware. Pure: prices and
 * facility terms come in as data (the prices catalog, src/catalog/data/prices.json, or the user's
 * `--prices-file`), nothing here knows a price.
 *
 * Formulas (docs/cost.md has worked examples, checked by test/core/cost.test.ts):
 * - owned:      $/h = nodes × (capex / (amortisation_years × 8,760) + power_kw × PUE × $/kWh)
 *               capex = nodes × capex per node
 * - on_demand / reserved: $/h = nodes × GPUs per node × $/GPU-hour (power and facility are in the price)
 * - $/month = $/h × 730
 * - $/M output tokens = $/h / (output tokens/s × 3,600) × 10⁶
 * - $/session-month = $/month / sessions
 * - power kW = nodes × power_kw (the data sheet's maximum, not a measured draw)
 * - MWh/year = kW × PUE × 8,760 / 1,000
 *
 * The fleet is the scenario's final node count: HA spare nodes are paid for. Its tokens/s is the
 * performance model's at the scenario's design load (spare nodes down), so spares cost money and
 * produce no tokens in these figures.
 */
import type { FacilityTerms, PriceEntry, ServerEntry } from '../schema/catalog.ts';
import { PRICING_MODES, type PricingMode } from './pricing-modes.ts';
import { anyGiven } from './requested.ts';

export { PRICING_MODES };
export type { FacilityTerms, PriceEntry, PricingMode };

/** The request fields of the cost: any of them turns the cost on (the default document is unchanged without). */
export const COST_FIELDS = ['pricing', 'usd_per_kwh', 'pue', 'amortisation_years'] as const;
export type CostField = (typeof COST_FIELDS)[number];

/** The cost part of a request. */
export interface CostRequest {
  readonly pricing?: PricingMode | undefined;
  readonly usd_per_kwh?: number | undefined;
  readonly pue?: number | undefined;
  readonly amortisation_years?: number | undefined;
}

/** True when the request gives any cost field (the cost is then reported). */
export function costRequested(request: CostRequest): boolean {
  return anyGiven(request, COST_FIELDS);
}

/** Where each facility term came from: the request, or the prices catalog. */
export interface ResolvedFacility extends FacilityTerms {
  readonly from_request: readonly ('usd_per_kwh' | 'pue' | 'amortisation_years')[];
}

/** The catalog's facility terms with the request's overrides. */
export function resolveFacility(catalog: FacilityTerms, request: CostRequest): ResolvedFacility {
  const from: ('usd_per_kwh' | 'pue' | 'amortisation_years')[] = [];
  for (const k of ['usd_per_kwh', 'pue', 'amortisation_years'] as const) if (request[k] !== undefined) from.push(k);
  return {
    ...catalog,
    usd_per_kwh: request.usd_per_kwh ?? catalog.usd_per_kwh,
    pue: request.pue ?? catalog.pue,
    amortisation_years: request.amortisation_years ?? catalog.amortisation_years,
    from_request: from,
  };
}

/** Hours in a year (365 × 24), for amortisation and energy. */
export const HOURS_PER_YEAR = 8760;
/** Hours in a month, as cloud price lists count them (8,760 / 12). */
export const HOURS_PER_MONTH = 730;

/** An input a figure needs and the data did not give: that figure is null. */
export type CostInput =
  | 'capex_usd_per_node'
  | 'on_demand_usd_per_gpu_hour'
  | 'reserved_usd_per_gpu_hour'
  | 'power_kw'
  | 'output_tokens_per_s'
  | 'full_load_output_tokens_per_s';

/** What `scenarioCost` takes: the fleet, its server and price, the facility terms, and the load. */
export interface CostInputs {
  /** The scenario's final node count (HA spares included). */
  readonly nodes: number;
  /** The node count's 80 % interval, when it has one (`high` null: may not be reachable). */
  readonly nodesRange?: { readonly low: number; readonly high: number | null } | undefined;
  readonly server: ServerEntry;
  /** The server's prices; undefined when the prices catalog has none for it. */
  readonly price: PriceEntry | undefined;
  readonly facility: FacilityTerms;
  readonly mode: PricingMode;
  /** The scenario's concurrency (sessions in flight). */
  readonly sessions: number;
  /** Output tokens/s of the fleet at the scenario's load (the performance model's), when known. */
  readonly outputTokensPerS?: number | null | undefined;
  /** Output tokens/s of the fleet at full (memory-limited) load, when known. */
  readonly fullLoadOutputTokensPerS?: number | null | undefined;
}

/** How the hourly cost of one node was built (the rationale prints them). */
export interface NodeHourTerms {
  /** owned: capex / (amortisation_years × 8,760), $ per node-hour. */
  readonly amortisation_usd: number | null;
  /** owned: power_kw × PUE × $/kWh, $ per node-hour. */
  readonly energy_usd: number | null;
  /** on_demand / reserved: the price per GPU-hour used. */
  readonly usd_per_gpu_hour: number | null;
  /** The whole node-hour, $ (null when an input is missing). */
  readonly usd: number | null;
}

export interface ScenarioCost {
  readonly mode: PricingMode;
  readonly nodes: number;
  /** nodes × GPUs per node. */
  readonly gpus: number;
  /** The sessions the fleet serves (the scenario's concurrency). */
  readonly sessions: number;
  /** The token rates the figures per token used (null: not known). */
  readonly output_tokens_per_s: number | null;
  readonly full_load_output_tokens_per_s: number | null;
  readonly usd_per_hour: number | null;
  readonly usd_per_month: number | null;
  readonly usd_per_million_output_tokens: number | null;
  readonly usd_per_million_output_tokens_full_load: number | null;
  readonly usd_per_session_month: number | null;
  /** Nameplate maximum of the fleet, kW (null when the server has no power_kw). */
  readonly power_kw: number | null;
  /** kW × PUE × 8,760 / 1,000: a ceiling, the fleet at its nameplate power all year. */
  readonly energy_mwh_per_year: number | null;
  /** owned only: nodes × capex per node (null for the cloud modes). */
  readonly capex_usd: number | null;
  /** The node count's interval carried to the dollars (null without one). */
  readonly interval: {
    readonly nodes: { readonly low: number; readonly high: number | null };
    readonly usd_per_hour: { readonly low: number | null; readonly high: number | null };
    readonly usd_per_month: { readonly low: number | null; readonly high: number | null };
  } | null;
  readonly node_hour: NodeHourTerms;
  /** The inputs that were absent (each figure that needs one is null). */
  readonly missing: readonly CostInput[];
}

/** A positive finite number, else null. */
const rate = (x: number | null | undefined): number | null => (typeof x === 'number' && Number.isFinite(x) && x > 0 ? x : null);

/**
 * The price of one node-hour in a pricing mode, term by term.
 *
 * @example
 * // dgx-h100: 8 GPUs, 10.2 kW
 * nodeHour(dgxH100, { on_demand_usd_per_gpu_hour: 3.933, … }, facility, 'on_demand').usd //=> 31.464 (8 × 3.933)
 * nodeHour(dgxH100, { capex_usd_per_node: 300000, … }, { usd_per_kwh: 0.1, pue: 1.3, amortisation_years: 5, … }, 'owned').usd
 * //=> 300000 / (5 × 8760) + 10.2 × 1.3 × 0.1 = 6.849… + 1.326 = 8.175…
 */
export function nodeHour(server: ServerEntry, price: PriceEntry | undefined, facility: FacilityTerms, mode: PricingMode): NodeHourTerms & { readonly missing: readonly CostInput[] } {
  if (mode === 'owned') {
    const capex = rate(price?.capex_usd_per_node);
    const power = rate(server.power_kw);
    const amortisation = capex === null ? null : capex / (facility.amortisation_years * HOURS_PER_YEAR);
    const energy = power === null ? null : power * facility.pue * facility.usd_per_kwh;
    const missing: CostInput[] = [...(capex === null ? ['capex_usd_per_node' as const] : []), ...(power === null ? ['power_kw' as const] : [])];
    return { amortisation_usd: amortisation, energy_usd: energy, usd_per_gpu_hour: null, usd: amortisation !== null && energy !== null ? amortisation + energy : null, missing };
  }
  const field: 'on_demand_usd_per_gpu_hour' | 'reserved_usd_per_gpu_hour' = mode === 'on_demand' ? 'on_demand_usd_per_gpu_hour' : 'reserved_usd_per_gpu_hour';
  const perGpu = rate(price?.[field]);
  return {
    amortisation_usd: null,
    energy_usd: null,
    usd_per_gpu_hour: perGpu,
    usd: perGpu === null ? null : server.gpus * perGpu,
    missing: [...(perGpu === null ? [field] : []), ...(rate(server.power_kw) === null ? (['power_kw'] as const) : [])],
  };
}

/**
 * Dollars per million output tokens at a fleet cost and a token rate.
 *
 * @example usdPerMillionTokens(36, 10000) //=> 1 ($36/h over 36 M tokens/h)
 */
export function usdPerMillionTokens(usdPerHour: number | null, tokensPerS: number | null | undefined): number | null {
  const t = rate(tokensPerS);
  return usdPerHour === null || t === null ? null : (usdPerHour / (t * 3600)) * 1e6;
}

/**
 * Energy of a fleet in a year at its nameplate power, MWh.
 *
 * @example energyMwhPerYear(102, 1.3) //=> 1161.576 (102 kW × 1.3 × 8,760 h / 1,000)
 */
export function energyMwhPerYear(powerKw: number, pue: number): number {
  return (powerKw * pue * HOURS_PER_YEAR) / 1000;
}

/**
 * One scenario's cost: every figure of `ScenarioCost`, null where an input is missing (and named in
 * `missing`).
 *
 * @example
 * // 10 × dgx-h100 on demand at $3.933/GPU-hour, 1,000 sessions, 20,000 output tokens/s:
 * // $/h = 10 × 8 × 3.933 = 314.64; $/month = 229,687.2; $/M tokens = 314.64 / 72 = 4.37; $/session-month = 229.69
 */
export function scenarioCost(input: CostInputs): ScenarioCost {
  const { nodes, server, price, facility, mode, sessions } = input;
  const hour = nodeHour(server, price, facility, mode);
  const missing: CostInput[] = [...hour.missing];
  const perHour = (n: number): number | null => (hour.usd === null ? null : n * hour.usd);
  const usdPerHour = perHour(nodes);
  const usdPerMonth = usdPerHour === null ? null : usdPerHour * HOURS_PER_MONTH;
  const tokens = rate(input.outputTokensPerS);
  const fullTokens = rate(input.fullLoadOutputTokensPerS);
  if (tokens === null) missing.push('output_tokens_per_s');
  if (fullTokens === null) missing.push('full_load_output_tokens_per_s');
  const powerPerNode = rate(server.power_kw);
  const powerKw = powerPerNode === null ? null : nodes * powerPerNode;
  const capexPerNode = rate(price?.capex_usd_per_node);
  const range = input.nodesRange;
  const month = (h: number | null) => (h === null ? null : h * HOURS_PER_MONTH);
  return {
    mode,
    nodes,
    gpus: nodes * server.gpus,
    sessions,
    output_tokens_per_s: tokens,
    full_load_output_tokens_per_s: fullTokens,
    usd_per_hour: usdPerHour,
    usd_per_month: usdPerMonth,
    usd_per_million_output_tokens: usdPerMillionTokens(usdPerHour, tokens),
    usd_per_million_output_tokens_full_load: usdPerMillionTokens(usdPerHour, fullTokens),
    usd_per_session_month: usdPerMonth === null || !(sessions > 0) ? null : usdPerMonth / sessions,
    power_kw: powerKw,
    energy_mwh_per_year: powerKw === null ? null : energyMwhPerYear(powerKw, facility.pue),
    capex_usd: mode === 'owned' && capexPerNode !== null ? nodes * capexPerNode : null,
    interval:
      range === undefined
        ? null
        : {
            nodes: { low: range.low, high: range.high },
            usd_per_hour: { low: perHour(range.low), high: range.high === null ? null : perHour(range.high) },
            usd_per_month: { low: month(perHour(range.low)), high: range.high === null ? null : month(perHour(range.high)) },
          },
    node_hour: { amortisation_usd: hour.amortisation_usd, energy_usd: hour.energy_usd, usd_per_gpu_hour: hour.usd_per_gpu_hour, usd: hour.usd },
    missing,
  };
}
