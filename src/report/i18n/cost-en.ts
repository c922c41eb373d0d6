/** English words of the "Cost" section (see cost.ts). */
import type { CostInput } from '../../core/cost.ts';
import type { CostPhrases } from './cost.ts';

const money = (x: number, f: { num(v: number, max?: number): string }) => `$${f.num(x, x >= 100 ? 0 : 2)}`;
const INPUT: Readonly<Record<CostInput, string>> = {
  capex_usd_per_node: 'capex per node',
  on_demand_usd_per_gpu_hour: 'on-demand $/GPU-hour',
  reserved_usd_per_gpu_hour: 'reserved $/GPU-hour',
  power_kw: 'power (kW) of the server',
  output_tokens_per_s: 'output tokens/s (give a workload field, e.g. --output-tokens)',
  full_load_output_tokens_per_s: 'full-load output tokens/s (give a workload field)',
};

export const COST_EN: CostPhrases = {
  title: 'Cost',
  pricingTitle: 'Prices and facility terms',
  label: {
    mode: 'Paid as',
    price: 'Price',
    facility: 'Facility terms',
    usdPerHour: 'Fleet cost per hour',
    usdPerMonth: 'Fleet cost per month (730 h)',
    usdPerMTok: 'Cost per million output tokens (at the design load)',
    usdPerMTokFull: 'Cost per million output tokens (at full load)',
    usdPerSessionMonth: 'Cost per session-month',
    powerKw: 'Power (nameplate maximum)',
    energy: 'Energy per year (× PUE)',
    capex: 'Capital cost (capex)',
    notice: 'Note',
  },
  mode: { owned: 'owned hardware (capex amortised + energy)', on_demand: 'cloud, on-demand', reserved: 'cloud, reserved (committed)' },
  byDefault: '(default)',
  unknown: 'not known',
  infeasible: 'not computed: the scenario is infeasible',
  notice: (p) => `Prices change: the built-in ones are dated list prices (catalog of ${p.as_of}, each entry with its source and date). Your own file overrides them: --prices-file.`,
  price: (p, f) => {
    const figure = p.mode === 'owned' ? (p.capex_usd_per_node === null ? 'no capex per node' : `${money(p.capex_usd_per_node, f)} per node`) : p.usd_per_gpu_hour === null ? `no ${p.mode === 'on_demand' ? 'on-demand' : 'reserved'} price` : `${money(p.usd_per_gpu_hour, f)} per GPU-hour`;
    if (p.source === null) return `${figure}: the prices catalog has no entry for ${p.server}`;
    if ((p.mode === 'owned' ? p.capex_usd_per_node : p.usd_per_gpu_hour) === null) return `${figure} in the prices catalog's entry for ${p.server} (${p.date})`;
    return `${figure} (${p.provider ? `${p.provider}; ` : ''}${p.source}, ${p.date})`;
  },
  facility: (p, f) =>
    `$${f.num(p.usd_per_kwh, 4)}/kWh, PUE ${f.num(p.pue, 2)}, amortised over ${f.num(p.amortisation_years, 2)} years` + (p.from_request.length > 0 ? ` (given: ${p.from_request.join(', ')})` : ' (the prices catalog’s)'),
  missing: (p) =>
    `Not known: ${p.missing.map((m) => INPUT[m]).join('; ')}.` +
    (p.missing.some((m) => m.endsWith('_usd_per_gpu_hour') || m === 'capex_usd_per_node') ? ` Give the prices with --prices-file (an entry for ${p.server}).` : '') +
    (p.missing.includes('power_kw') ? ` Give power_kw with --servers-file (the entry ${p.server}).` : ''),
  money,
  moneyRange: (p, f) => `${money(p.value, f)}${p.low !== null ? ` (${money(p.low, f)}–${p.high === null ? '?' : money(p.high, f)} at 80 %)` : ''}`,
  kw: (x, f) => `${f.num(x, 1)} kW`,
  mwh: (x, f) => `${f.num(x, 1)} MWh`,
  catalog: { title: 'Prices (US$)', onDemand: 'on-demand/GPU-h', reserved: 'reserved/GPU-h', capex: 'capex/node', date: 'date', facility: 'Facility terms' },
  explanation: {
    usd_per_hour: (p, f) =>
      p.usd_per_hour === null
        ? `The hourly cost cannot be computed: ${p.missing.filter((m) => m !== 'output_tokens_per_s' && m !== 'full_load_output_tokens_per_s').map((m) => INPUT[m]).join(', ')} missing.`
        : p.mode === 'owned'
          ? `${f.int(p.nodes)} owned nodes (HA spares included) cost ${money(p.usd_per_hour, f)} an hour: the purchase spread evenly over ${f.num(p.amortisation_years, 2)} years, plus the energy at nameplate power × PUE. No interest, staff, network or floor space.`
          : `${f.int(p.gpus)} GPUs on ${f.int(p.nodes)} nodes (HA spares included) at the ${p.mode === 'on_demand' ? 'on-demand' : 'reserved'} price cost ${money(p.usd_per_hour, f)} an hour; power and facility are in the price.`,
    usd_per_month: (p, f) => (p.usd_per_month === null ? 'Not known without the hourly cost.' : `${money(p.usd_per_month, f)} a month of 730 hours, running all the time.`),
    usd_per_million_output_tokens: (p, f) =>
      p.usd_per_million_output_tokens === null
        ? 'Needs the hourly cost and the output tokens/s of the performance model (give a workload field, e.g. --output-tokens).'
        : `At the design load the fleet produces ${f.num(p.output_tokens_per_s ?? 0, 1)} output tokens/s (spare nodes down): each million costs ${money(p.usd_per_million_output_tokens, f)}. Lighter traffic costs more per token.`,
    usd_per_million_output_tokens_full_load: (p, f) =>
      p.usd_per_million_output_tokens_full_load === null
        ? 'Needs the hourly cost and the performance model (give a workload field).'
        : `With every serving replica at its memory-limited batch the fleet would produce ${f.num(p.full_load_output_tokens_per_s ?? 0, 1)} output tokens/s: ${money(p.usd_per_million_output_tokens_full_load, f)} per million, the lowest this fleet reaches (latency targets aside).`,
    usd_per_session_month: (p, f) =>
      p.usd_per_session_month === null ? 'Not known without the monthly cost.' : `The monthly cost shared by the ${f.int(p.sessions)} concurrent sessions sized for: ${money(p.usd_per_session_month, f)} each.`,
    power_kw: (p, f) =>
      p.power_kw === null
        ? `The server entry ${p.server} states no power_kw: power and energy are not known.`
        : `${f.int(p.nodes)} nodes at their data-sheet maximum draw ${f.num(p.power_kw, 1)} kW; the real draw is usually lower.`,
    energy_mwh_per_year: (p, f) =>
      p.energy_mwh_per_year === null ? 'Not known without the power.' : `A ceiling: the fleet at its maximum power all year, times PUE ${f.num(p.pue, 2)} for cooling and conversion: ${f.num(p.energy_mwh_per_year, 1)} MWh.`,
    capex_usd: (p, f) => (p.capex_usd === null ? 'Not known: the prices catalog has no capex for this server (give it with --prices-file).' : `Buying the ${f.int(p.nodes)} nodes: ${money(p.capex_usd, f)}.`),
  },
};
