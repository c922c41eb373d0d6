/**
 * The words of the "Cost" section (issue 11), one table per locale (cost-en.ts, cost-pt-BR.ts): a key
 * missing in a locale fails `tsc`. Figures arrive as numbers and are formatted with the locale's `Fmt`.
 */
import type { CostInput } from '../../core/cost.ts';
import type { CostRationaleKey } from '../../core/cost-rationale.ts';
import type { PricingMode } from '../../core/pricing-modes.ts';
import type { Fmt } from '../format.ts';

/** What an explanation of one cost figure receives (null: not known). */
export interface CostExplanationParams {
  readonly mode: PricingMode;
  readonly server: string;
  readonly nodes: number;
  readonly gpus: number;
  readonly ha_extra_nodes: number;
  readonly sessions: number;
  readonly usd_per_hour: number | null;
  readonly usd_per_month: number | null;
  readonly usd_per_million_output_tokens: number | null;
  readonly usd_per_million_output_tokens_full_load: number | null;
  readonly usd_per_session_month: number | null;
  readonly output_tokens_per_s: number | null;
  readonly full_load_output_tokens_per_s: number | null;
  readonly power_kw: number | null;
  readonly energy_mwh_per_year: number | null;
  readonly capex_usd: number | null;
  readonly pue: number;
  readonly amortisation_years: number;
  readonly missing: readonly CostInput[];
}

export interface CostPhrases {
  readonly title: string;
  readonly pricingTitle: string;
  readonly label: {
    readonly mode: string;
    readonly price: string;
    readonly facility: string;
    readonly usdPerHour: string;
    readonly usdPerMonth: string;
    readonly usdPerMTok: string;
    readonly usdPerMTokFull: string;
    readonly usdPerSessionMonth: string;
    readonly powerKw: string;
    readonly energy: string;
    readonly capex: string;
    readonly notice: string;
  };
  readonly mode: Readonly<Record<PricingMode, string>>;
  /** "(default)" after a mode the request did not give. */
  readonly byDefault: string;
  /** A figure that could not be computed. */
  readonly unknown: string;
  readonly infeasible: string;
  /** Prices change; the user's file overrides them. */
  notice(p: { as_of: string }): string;
  /** The server's price entry: figures, provider, source and date; or that there is none. */
  price(p: { server: string; mode: PricingMode; usd_per_gpu_hour: number | null; capex_usd_per_node: number | null; provider: string | null; source: string | null; date: string | null }, f: Fmt): string;
  facility(p: { usd_per_kwh: number; pue: number; amortisation_years: number; from_request: readonly string[] }, f: Fmt): string;
  /** Which inputs were absent, in words. */
  missing(p: { missing: readonly CostInput[]; server: string }): string;
  money(x: number, f: Fmt): string;
  /** A dollar figure with its interval from the node count's ("$10–$12 at 80 %"). */
  moneyRange(p: { value: number; low: number | null; high: number | null }, f: Fmt): string;
  kw(x: number, f: Fmt): string;
  mwh(x: number, f: Fmt): string;
  /** `llm-sizing catalog prices`. */
  readonly catalog: { readonly title: string; readonly onDemand: string; readonly reserved: string; readonly capex: string; readonly date: string; readonly facility: string };
  readonly explanation: { readonly [K in CostRationaleKey]: (p: CostExplanationParams, f: Fmt) => string };
}
