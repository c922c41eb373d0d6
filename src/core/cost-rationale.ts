/**
 * How each cost figure of a scenario was obtained (issue 11): the formula (language-neutral) and the
 * inputs it used, as `scenarioRationale` does for the memory figures. The figures themselves come
 * from `scenarioCost` (src/core/cost.ts); nothing is recomputed here. Derived on demand.
 */
import { HOURS_PER_MONTH, HOURS_PER_YEAR } from './cost.ts';
import type { Rationale } from './rationale.ts';
import type { ScenarioKey } from './scenarios.ts';
import type { SizingResult } from './sizing.ts';

export const COST_RATIONALE_KEYS = [
  'usd_per_hour',
  'usd_per_month',
  'usd_per_million_output_tokens',
  'usd_per_million_output_tokens_full_load',
  'usd_per_session_month',
  'power_kw',
  'energy_mwh_per_year',
  'capex_usd',
] as const;
export type CostRationaleKey = (typeof COST_RATIONALE_KEYS)[number];

/**
 * The rationale of one scenario's cost figures; null without a cost (or when the scenario is
 * infeasible). `capex_usd` only for owned hardware.
 */
export function costRationale(r: SizingResult, key: ScenarioKey): Partial<Record<CostRationaleKey, Rationale>> | null {
  const c = r.scenarios[key].cost;
  const rc = r.cost;
  if (!c || !rc) return null;
  const server = r.inputs.server;
  const fac = rc.facility;
  const out: Partial<Record<CostRationaleKey, Rationale>> = {};
  const perf = r.scenarios[key].performance;
  out.usd_per_hour =
    c.mode === 'owned'
      ? {
          formula: `usd_per_hour = nodes × (capex_usd_per_node / (amortisation_years × ${HOURS_PER_YEAR}) + power_kw_per_node × pue × usd_per_kwh)`,
          inputs: {
            nodes: c.nodes,
            capex_usd_per_node: rc.price?.capex_usd_per_node ?? null,
            amortisation_years: fac.amortisation_years,
            power_kw_per_node: server.power_kw ?? null,
            pue: fac.pue,
            usd_per_kwh: fac.usd_per_kwh,
            amortisation_usd_per_node_hour: c.node_hour.amortisation_usd,
            energy_usd_per_node_hour: c.node_hour.energy_usd,
            usd_per_hour: c.usd_per_hour,
          },
        }
      : {
          formula: 'usd_per_hour = nodes × gpus_per_node × usd_per_gpu_hour',
          inputs: { nodes: c.nodes, gpus_per_node: server.gpus, usd_per_gpu_hour: c.node_hour.usd_per_gpu_hour, pricing: c.mode, usd_per_hour: c.usd_per_hour },
        };
  out.usd_per_month = { formula: `usd_per_month = usd_per_hour × ${HOURS_PER_MONTH}`, inputs: { usd_per_hour: c.usd_per_hour, usd_per_month: c.usd_per_month } };
  out.usd_per_million_output_tokens = {
    formula: 'usd_per_million_output_tokens = usd_per_hour / (output_tokens_per_s × 3600) × 10^6',
    inputs: { usd_per_hour: c.usd_per_hour, output_tokens_per_s: c.output_tokens_per_s, usd_per_million_output_tokens: c.usd_per_million_output_tokens },
  };
  out.usd_per_million_output_tokens_full_load = {
    formula: 'usd_per_million_output_tokens_full_load = usd_per_hour / (full_load_output_tokens_per_s × 3600) × 10^6   (full_load_output_tokens_per_s = replicas × tokens/s of one replica at its memory-limited batch)',
    inputs: { usd_per_hour: c.usd_per_hour, full_load_output_tokens_per_s: c.full_load_output_tokens_per_s, replicas: perf?.design_load.replicas ?? null, usd_per_million_output_tokens_full_load: c.usd_per_million_output_tokens_full_load },
  };
  out.usd_per_session_month = {
    formula: 'usd_per_session_month = usd_per_month / sessions',
    inputs: { usd_per_month: c.usd_per_month, sessions: c.sessions, usd_per_session_month: c.usd_per_session_month },
  };
  out.power_kw = { formula: 'power_kw = nodes × power_kw_per_node   (nameplate maximum)', inputs: { nodes: c.nodes, power_kw_per_node: server.power_kw ?? null, power_kw: c.power_kw } };
  out.energy_mwh_per_year = {
    formula: `energy_mwh_per_year = power_kw × pue × ${HOURS_PER_YEAR} / 1000`,
    inputs: { power_kw: c.power_kw, pue: fac.pue, energy_mwh_per_year: c.energy_mwh_per_year },
  };
  if (c.mode === 'owned') out.capex_usd = { formula: 'capex_usd = nodes × capex_usd_per_node', inputs: { nodes: c.nodes, capex_usd_per_node: rc.price?.capex_usd_per_node ?? null, capex_usd: c.capex_usd } };
  return out;
}
