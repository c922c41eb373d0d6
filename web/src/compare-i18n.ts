/**
 * Texts of the page's compare view (web/src/compare.ts); the table's and the recommendation's words
 * are the library's (`Messages.compare`, the CLI's compare phrases). Same keys in both locales: a
 * locale missing one fails `tsc`. `{name}` marks a value the page puts in (`fill` of ./i18n.ts).
 */
import type { Locale } from '../../src/index.ts';

const EN = {
  heading: 'Compare options',
  intro: 'Tick the values to compare: every combination is sized with the inputs above, the ticked lists in place of their fields, ranked as llm-sizing compare ranks them. Figures are the RECOMMENDED scenario\u2019s.',
  lists: 'Options',
  count: '{count} option(s) to compare.',
  none: 'Tick at least one value to compare options.',
  tooMany: '{count} options ({fields} multiply to {count}): the page compares at most {max} at a time. Untick some values, or run llm-sizing compare (up to {cli}).',
  sort: 'Order',
  recommend: 'Recommend',
  load: 'Load',
  loadOption: 'Load option #{id} into the form',
  loaded: 'Option #{id} is in the form.',
  fixInputs: 'Fix the inputs to compare options:',
  table: 'Options ranked',
  rowsShown: 'The first {shown} of {total} feasible options are shown.',
  chartNodes: 'Cost against nodes',
  chartTpot: 'Cost against TPOT p99',
  front: 'Pareto front',
  other: 'other options',
  missesTargets: 'misses a latency target',
  recommended: 'recommended',
  pointHint: 'Click a point, or focus it and press Enter, to load that option into the form.',
  point: '#{id} {option}: {x}, {cost}/month',
  chartSummary: '{points} option(s) plotted, {front} on the Pareto front: from {first} to {last}.',
  notPlotted: '{count} feasible option(s) without a price are not plotted.',
};

export type CompareTexts = { readonly [K in keyof typeof EN]: string };

const PT_BR: CompareTexts = {
  heading: 'Comparar opções',
  intro: 'Marque os valores a comparar: cada combinação é dimensionada com as entradas acima, as listas marcadas no lugar dos seus campos, e ordenada como o llm-sizing compare ordena. Os números são do cenário RECOMENDADO.',
  lists: 'Opções',
  count: '{count} opção(ões) a comparar.',
  none: 'Marque ao menos um valor para comparar opções.',
  tooMany: '{count} opções ({fields} multiplicam-se em {count}): a página compara no máximo {max} de cada vez. Desmarque alguns valores, ou rode o llm-sizing compare (até {cli}).',
  sort: 'Ordem',
  recommend: 'Recomendar',
  load: 'Carregar',
  loadOption: 'Carregar a opção #{id} no formulário',
  loaded: 'A opção #{id} está no formulário.',
  fixInputs: 'Corrija as entradas para comparar opções:',
  table: 'Opções ordenadas',
  rowsShown: 'Mostradas as primeiras {shown} de {total} opções viáveis.',
  chartNodes: 'Custo conforme os nós',
  chartTpot: 'Custo conforme o TPOT p99',
  front: 'fronteira de Pareto',
  other: 'demais opções',
  missesTargets: 'não cumpre uma meta de latência',
  recommended: 'recomendada',
  pointHint: 'Clique num ponto, ou foque-o e tecle Enter, para carregar essa opção no formulário.',
  point: '#{id} {option}: {x}, {cost}/mês',
  chartSummary: '{points} opção(ões) no gráfico, {front} na fronteira de Pareto: de {first} a {last}.',
  notPlotted: '{count} opção(ões) viável(is) sem preço não estão no gráfico.',
};

/** Every locale's compare texts; a locale missing here fails `tsc`. */
const TEXTS: Readonly<Record<Locale, CompareTexts>> = { en: EN, 'pt-BR': PT_BR };

export function compareTexts(locale: Locale): CompareTexts {
  return TEXTS[locale];
}
