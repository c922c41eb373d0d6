/** As saídas de `llm-sizing compare` em português (a forma: ./compare-phrases.ts). */
import type { ComparePhrases } from './compare-phrases.ts';

export const comparePtBR: ComparePhrases = {
  title: (p) =>
    `Opções comparadas para ${p.model}: ${p.options} (${p.feasible} viáveis no cenário RECOMENDADO${p.targets ? `, ${p.eligible} cumprindo as metas de latência` : ''})`,
  sorted: (p) => `Ordenadas por ${p.by}; os nós são MÍNIMO / RECOMENDADO / IDEAL, os demais números são do cenário RECOMENDADO.`,
  sortBy: {
    cost: 'US$/mês',
    nodes: 'nós',
    'cost-per-token': 'US$ por milhão de tokens de saída',
    tpot: 'TPOT p99',
    ttft: 'TTFT p99',
    sessions: 'sessões por nó (mais primeiro)',
    power: 'potência (kW)',
  },
  field: {
    server: 'servidor',
    memory_model: 'modelo de memória',
    tensor_parallel: 'TP',
    pipeline_parallel: 'PP',
    replicas_per_node: 'réplicas/nó',
    kv_precision: 'KV',
    weights_precision: 'pesos',
  },
  column: {
    id: '#',
    nodes: 'nós',
    sessions: 'sessões/nó',
    limit: 'limite',
    tpot: 'TPOT p99 ms',
    ttft: 'TTFT p99 ms',
    tokens: 'tokens/s',
    usdMonth: 'US$/mês',
    usdPerMillion: 'US$/M tokens',
    kw: 'kW',
    note: 'nota',
  },
  limit: { memory: 'memória', slo: 'meta de latência' },
  recommendedMark: 'recomendada',
  dominated: (p) => `dominada pela #${p.id}`,
  missesTargets: 'não cumpre uma meta de latência',
  shown: (p) => `(${p.shown} de ${p.total} opções mostradas: --top)`,
  noPrices: 'Nenhuma opção tem preço: as colunas de custo ficam vazias e a recomendação segue o número de nós.',
  infeasibleHeading: 'Opções inviáveis (o cenário RECOMENDADO não pode ser dimensionado):',
  dominanceNote:
    'Dominada: outra opção custa menos sem mais nós ou sem TPOT p99 maior, ou custa o mesmo e não é pior em nenhum dos dois (só as opções com preço são julgadas).',
  recommendation: {
    heading: 'Recomendação',
    winner: (p) => `Opção #${p.id}: ${p.option}, ${p.nodes} nó(s) no cenário RECOMENDADO${p.cost === null ? '' : `, ${p.cost}/mês`}.`,
    basisCost: (p) =>
      `É a mais barata das ${p.candidates} opções com preço que são viáveis no cenário RECOMENDADO e cumprem as metas de latência dadas (empates vão para menos nós, depois para o menor TPOT p99).`,
    basisNodes: (p) =>
      `Nenhuma opção tem preço: é a que precisa de menos nós entre as ${p.candidates} opções viáveis no cenário RECOMENDADO que cumprem as metas de latência dadas (empates vão para o menor TPOT p99).`,
    excluded: (p) => `Deixadas de fora: ${p.infeasible} inviáveis, ${p.misses_targets} sem cumprir uma meta de latência, ${p.no_price} sem preço.`,
    runnerUp: (p) => `A segunda colocada, #${p.id} (${p.option}): ${p.differences}.`,
    difference: {
      costs_more: (p) => `custa ${p.usd_per_month}/mês a mais (+${p.ratio})`,
      same_cost: () => 'custa o mesmo',
      more_nodes: (p) => `precisa de ${p.nodes} nó(s) a mais`,
      fewer_nodes: (p) => `precisa de ${p.nodes} nó(s) a menos`,
      same_nodes: () => 'precisa do mesmo número de nós',
      higher_tpot: (p) => `seu TPOT p99 é ${p.ms} ms maior`,
      lower_tpot: (p) => `seu TPOT p99 é ${p.ms} ms menor`,
    },
    noRunnerUp: 'Nenhuma outra opção se qualifica.',
    none: (p) =>
      `Nenhuma opção pode ser recomendada: nenhuma é viável no cenário RECOMENDADO e cumpre as metas de latência (${p.infeasible} inviáveis, ${p.misses_targets} sem cumprir uma meta).`,
  },
  executive: {
    heading: 'Opções consideradas',
    intro: 'Todas as opções comparadas com o mesmo pedido; o relatório acima é o da recomendada.',
  },
};
