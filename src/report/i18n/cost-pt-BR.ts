/** Palavras da seção "Custo" em português do Brasil (ver cost.ts). */
import type { CostInput } from '../../core/cost.ts';
import type { CostPhrases } from './cost.ts';

const money = (x: number, f: { num(v: number, max?: number): string }) => `US$ ${f.num(x, x >= 100 ? 0 : 2)}`;
const INPUT: Readonly<Record<CostInput, string>> = {
  capex_usd_per_node: 'capex por nó',
  on_demand_usd_per_gpu_hour: 'preço sob demanda por GPU-hora',
  reserved_usd_per_gpu_hour: 'preço reservado por GPU-hora',
  power_kw: 'potência (kW) do servidor',
  output_tokens_per_s: 'tokens de saída/s (informe um campo de carga, p. ex. --output-tokens)',
  full_load_output_tokens_per_s: 'tokens de saída/s em carga plena (informe um campo de carga)',
};
const modeWord = (m: 'on_demand' | 'reserved') => (m === 'on_demand' ? 'sob demanda' : 'reservado');

export const COST_PT_BR: CostPhrases = {
  title: 'Custo',
  pricingTitle: 'Preços e condições da instalação',
  label: {
    mode: 'Pago como',
    price: 'Preço',
    facility: 'Condições da instalação',
    usdPerHour: 'Custo da frota por hora',
    usdPerMonth: 'Custo da frota por mês (730 h)',
    usdPerMTok: 'Custo por milhão de tokens de saída (na carga de projeto)',
    usdPerMTokFull: 'Custo por milhão de tokens de saída (em carga plena)',
    usdPerSessionMonth: 'Custo por sessão-mês',
    powerKw: 'Potência (máximo de placa)',
    energy: 'Energia por ano (× PUE)',
    capex: 'Custo de aquisição (capex)',
    notice: 'Nota',
  },
  mode: { owned: 'hardware próprio (capex amortizado + energia)', on_demand: 'nuvem, sob demanda', reserved: 'nuvem, reservada (compromisso)' },
  byDefault: '(padrão)',
  unknown: 'desconhecido',
  infeasible: 'não calculado: o cenário é inviável',
  notice: (p) => `Preços mudam: os embutidos são preços de tabela datados (catálogo de ${p.as_of}, cada entrada com sua fonte e data). O seu próprio arquivo os substitui: --prices-file.`,
  price: (p, f) => {
    const figure =
      p.mode === 'owned'
        ? p.capex_usd_per_node === null
          ? 'sem capex por nó'
          : `${money(p.capex_usd_per_node, f)} por nó`
        : p.usd_per_gpu_hour === null
          ? `sem preço ${modeWord(p.mode)}`
          : `${money(p.usd_per_gpu_hour, f)} por GPU-hora`;
    if (p.source === null) return `${figure}: o catálogo de preços não tem entrada para ${p.server}`;
    if ((p.mode === 'owned' ? p.capex_usd_per_node : p.usd_per_gpu_hour) === null) return `${figure} na entrada de ${p.server} do catálogo de preços (${p.date})`;
    return `${figure} (${p.provider ? `${p.provider}; ` : ''}${p.source}, ${p.date})`;
  },
  facility: (p, f) =>
    `US$ ${f.num(p.usd_per_kwh, 4)}/kWh, PUE ${f.num(p.pue, 2)}, amortização em ${f.num(p.amortisation_years, 2)} anos` +
    (p.from_request.length > 0 ? ` (informados: ${p.from_request.join(', ')})` : ' (do catálogo de preços)'),
  missing: (p) =>
    `Desconhecido: ${p.missing.map((m) => INPUT[m]).join('; ')}.` +
    (p.missing.some((m) => m.endsWith('_usd_per_gpu_hour') || m === 'capex_usd_per_node') ? ` Informe os preços com --prices-file (uma entrada para ${p.server}).` : '') +
    (p.missing.includes('power_kw') ? ` Informe power_kw com --servers-file (a entrada ${p.server}).` : ''),
  money,
  moneyRange: (p, f) => `${money(p.value, f)}${p.low !== null ? ` (${money(p.low, f)}–${p.high === null ? '?' : money(p.high, f)} a 80 %)` : ''}`,
  kw: (x, f) => `${f.num(x, 1)} kW`,
  mwh: (x, f) => `${f.num(x, 1)} MWh`,
  catalog: { title: 'Preços (US$)', onDemand: 'sob demanda/GPU-h', reserved: 'reservado/GPU-h', capex: 'capex/nó', date: 'data', facility: 'Condições da instalação' },
  explanation: {
    usd_per_hour: (p, f) =>
      p.usd_per_hour === null
        ? `O custo por hora não pode ser calculado: falta ${p.missing.filter((m) => m !== 'output_tokens_per_s' && m !== 'full_load_output_tokens_per_s').map((m) => INPUT[m]).join(', ')}.`
        : p.mode === 'owned'
          ? `${f.int(p.nodes)} nós próprios (reservas de HA incluídas) custam ${money(p.usd_per_hour, f)} por hora: a compra dividida igualmente em ${f.num(p.amortisation_years, 2)} anos, mais a energia na potência de placa × PUE. Sem juros, equipe, rede ou espaço físico.`
          : `${f.int(p.gpus)} GPUs em ${f.int(p.nodes)} nós (reservas de HA incluídas) ao preço ${modeWord(p.mode)} custam ${money(p.usd_per_hour, f)} por hora; energia e instalação estão no preço.`,
    usd_per_month: (p, f) => (p.usd_per_month === null ? 'Desconhecido sem o custo por hora.' : `${money(p.usd_per_month, f)} por mês de 730 horas, funcionando o tempo todo.`),
    usd_per_million_output_tokens: (p, f) =>
      p.usd_per_million_output_tokens === null
        ? 'Exige o custo por hora e os tokens de saída/s do modelo de desempenho (informe um campo de carga, p. ex. --output-tokens).'
        : `Na carga de projeto a frota produz ${f.num(p.output_tokens_per_s ?? 0, 1)} tokens de saída/s (com os nós reserva fora): cada milhão custa ${money(p.usd_per_million_output_tokens, f)}. Tráfego menor custa mais por token.`,
    usd_per_million_output_tokens_full_load: (p, f) =>
      p.usd_per_million_output_tokens_full_load === null
        ? 'Exige o custo por hora e o modelo de desempenho (informe um campo de carga).'
        : `Com cada réplica em serviço no seu lote limitado pela memória, a frota produziria ${f.num(p.full_load_output_tokens_per_s ?? 0, 1)} tokens de saída/s: ${money(p.usd_per_million_output_tokens_full_load, f)} por milhão, o menor valor que esta frota alcança (sem considerar as metas de latência).`,
    usd_per_session_month: (p, f) =>
      p.usd_per_session_month === null ? 'Desconhecido sem o custo mensal.' : `O custo mensal dividido pelas ${f.int(p.sessions)} sessões simultâneas dimensionadas: ${money(p.usd_per_session_month, f)} cada.`,
    power_kw: (p, f) =>
      p.power_kw === null
        ? `A entrada de servidor ${p.server} não informa power_kw: potência e energia são desconhecidas.`
        : `${f.int(p.nodes)} nós no consumo máximo da folha de dados, ${f.num(p.power_kw, 1)} kW; o consumo real costuma ser menor.`,
    energy_mwh_per_year: (p, f) =>
      p.energy_mwh_per_year === null
        ? 'Desconhecida sem a potência.'
        : `Um teto: a frota na potência máxima o ano todo, vezes o PUE ${f.num(p.pue, 2)} de refrigeração e conversão: ${f.num(p.energy_mwh_per_year, 1)} MWh.`,
    capex_usd: (p, f) => (p.capex_usd === null ? 'Desconhecido: o catálogo de preços não tem capex para este servidor (informe com --prices-file).' : `Comprar os ${f.int(p.nodes)} nós: ${money(p.capex_usd, f)}.`),
  },
};
