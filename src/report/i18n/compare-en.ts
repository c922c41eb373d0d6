/** `llm-sizing compare`'s outputs in English (the shape: ./compare-phrases.ts). */
import type { ComparePhrases } from './compare-phrases.ts';

export const compareEn: ComparePhrases = {
  title: (p) => `Options compared for ${p.model}: ${p.options} (${p.feasible} feasible in the RECOMMENDED scenario${p.targets ? `, ${p.eligible} meeting the latency targets` : ''})`,
  sorted: (p) => `Ranked by ${p.by}; nodes are MINIMUM / RECOMMENDED / IDEAL, every other figure is the RECOMMENDED scenario's.`,
  sortBy: {
    cost: '$/month',
    nodes: 'nodes',
    'cost-per-token': '$ per million output tokens',
    tpot: 'TPOT p99',
    ttft: 'TTFT p99',
    sessions: 'sessions per node (most first)',
    power: 'power (kW)',
  },
  field: {
    server: 'server',
    memory_model: 'memory model',
    tensor_parallel: 'TP',
    pipeline_parallel: 'PP',
    replicas_per_node: 'replicas/node',
    kv_precision: 'KV',
    weights_precision: 'weights',
  },
  column: {
    id: '#',
    nodes: 'nodes',
    sessions: 'sessions/node',
    limit: 'limit',
    tpot: 'TPOT p99 ms',
    ttft: 'TTFT p99 ms',
    tokens: 'tokens/s',
    usdMonth: '$/month',
    usdPerMillion: '$/M tokens',
    kw: 'kW',
    note: 'note',
  },
  limit: { memory: 'memory', slo: 'latency target' },
  recommendedMark: 'recommended',
  dominated: (p) => `dominated by #${p.id}`,
  missesTargets: 'misses a latency target',
  shown: (p) => `(${p.shown} of ${p.total} options shown: --top)`,
  noPrices: 'No option has a price: the cost columns are empty and the recommendation goes by nodes.',
  infeasibleHeading: 'Infeasible options (the RECOMMENDED scenario cannot be sized):',
  dominanceNote:
    'Dominated: another option costs less with no more nodes or no higher TPOT p99, or costs the same and is no worse on both (only options with a price are judged).',
  recommendation: {
    heading: 'Recommendation',
    winner: (p) => `Option #${p.id}: ${p.option}, ${p.nodes} node(s) in the RECOMMENDED scenario${p.cost === null ? '' : `, ${p.cost}/month`}.`,
    basisCost: (p) =>
      `It is the cheapest of the ${p.candidates} priced option(s) that are feasible in the RECOMMENDED scenario and meet the latency targets given (ties go to fewer nodes, then the lower TPOT p99).`,
    basisNodes: (p) =>
      `No option has a price: it needs the fewest nodes of the ${p.candidates} option(s) that are feasible in the RECOMMENDED scenario and meet the latency targets given (ties go to the lower TPOT p99).`,
    excluded: (p) => `Left out: ${p.infeasible} infeasible, ${p.misses_targets} missing a latency target, ${p.no_price} without a price.`,
    runnerUp: (p) => `The runner-up, #${p.id} (${p.option}): ${p.differences}.`,
    difference: {
      costs_more: (p) => `costs ${p.usd_per_month}/month more (+${p.ratio})`,
      same_cost: () => 'costs the same',
      more_nodes: (p) => `needs ${p.nodes} more node(s)`,
      fewer_nodes: (p) => `needs ${p.nodes} fewer node(s)`,
      same_nodes: () => 'needs as many nodes',
      higher_tpot: (p) => `its TPOT p99 is ${p.ms} ms higher`,
      lower_tpot: (p) => `its TPOT p99 is ${p.ms} ms lower`,
    },
    noRunnerUp: 'No other option qualifies.',
    none: (p) =>
      `No option can be recommended: none is feasible in the RECOMMENDED scenario and meets the latency targets (${p.infeasible} infeasible, ${p.misses_targets} missing a target).`,
  },
  executive: {
    heading: 'Options considered',
    intro: 'Every option compared with the same request; the report above is the recommended one.',
  },
};
