/**
 * Texts of the page itself (the report's own texts come from src/report/i18n). Same keys in both
 * locales. `{name}` marks a value the page puts in (`fill`).
 */
import { DEFAULTS, type Locale } from '../../src/index.ts';

const EN = {
  title: 'LLM inference sizing',
  intro: 'GPU nodes needed to serve N concurrent sessions, sized in your browser as you type (same core as the CLI).',
  language: 'Language',
  inputs: 'Inputs',
  modelSource: 'Model',
  catalogModel: 'Catalog model',
  config: 'Or paste / drop a Hugging Face config.json',
  configHint: 'When filled, the config is sized instead of the catalog model.',
  configFile: 'config.json file',
  concurrency: 'Concurrency (sessions)',
  context: 'Effective context (tokens)',
  modelDefault: "model's default",
  defaultValue: 'default',
  layout: 'Layout and engine',
  engineSettings: 'Engine settings (empty: the engine default)',
  paramsB: 'Parameters, billions (weights)',
  overheadDefault: `weights + allowance, ≥ ${DEFAULTS.runtime_overhead_gib}`,
  weightsPrecision: 'Weights precision',
  weightsPrecisionHint: 'Bytes per parameter of the weights: bf16 2, fp8 1, fp4 (MXFP4) 0.53, int4 0.52. The node reserves the weights plus a runtime allowance before its KV budget.',
  results: 'Results',
  risk: 'Risk',
  alerts: 'Alerts',
  fixInputs: 'Fix the highlighted inputs to see results.',
  showRationale: 'Why these numbers',
  rationaleOf: 'Why these numbers: {scenario}',
  summary: 'The answer: nodes per scenario',
  summaryDetails: 'Details',
  charts: 'Charts',
  chartConcurrency: 'Nodes per scenario as concurrency grows',
  chartContext: 'Nodes per scenario as context grows',
  chartMemory: 'One node\u2019s memory (GiB)',
  chartMemoryScenario: 'Scenario',
  nodeMemory: 'node memory',
  axisConcurrency: 'concurrency',
  axisContext: 'context, tokens',
  axisNodes: 'nodes',
  weights: 'weights',
  runtime: 'runtime (activations, buffers)',
  overheadWeightsUnknown: 'runtime overhead (weights unknown)',
  reserved: 'kept free (reserve)',
  kvInUse: 'KV in use',
  kvFree: 'KV free',
  ignoredBy: 'Not used by the {model} memory model (only by {models}).',
  exports: 'Export',
  exportJson: 'JSON',
  exportMarkdown: 'Markdown report',
  exportExecutive: 'Executive report',
  copyLink: 'The address bar holds this sizing: copy it to share.',
  api: 'HTTP API for pipelines:',
  apiCatalog: 'catalog',
  apiHealth: 'health',
};

export type PageTexts = { readonly [K in keyof typeof EN]: string };

const PT_BR: PageTexts = {
  title: 'Dimensionamento de inferência de LLM',
  intro: 'Nós de GPU necessários para atender N sessões simultâneas, calculados no navegador enquanto você digita (o mesmo núcleo da CLI).',
  language: 'Idioma',
  inputs: 'Entradas',
  modelSource: 'Modelo',
  catalogModel: 'Modelo do catálogo',
  config: 'Ou cole / solte um config.json do Hugging Face',
  configHint: 'Quando preenchido, o config é dimensionado no lugar do modelo do catálogo.',
  configFile: 'Arquivo config.json',
  concurrency: 'Concorrência (sessões)',
  context: 'Contexto efetivo (tokens)',
  modelDefault: 'padrão do modelo',
  defaultValue: 'padrão',
  layout: 'Layout e engine',
  engineSettings: 'Ajustes do engine (vazio: o padrão do engine)',
  paramsB: 'Parâmetros, bilhões (pesos)',
  overheadDefault: `pesos + margem, ≥ ${DEFAULTS.runtime_overhead_gib}`,
  weightsPrecision: 'Precisão dos pesos',
  weightsPrecisionHint: 'Bytes por parâmetro dos pesos: bf16 2, fp8 1, fp4 (MXFP4) 0,53, int4 0,52. O nó reserva os pesos mais uma margem de runtime antes do budget de KV.',
  results: 'Resultados',
  risk: 'Risco',
  alerts: 'Alertas',
  fixInputs: 'Corrija as entradas destacadas para ver os resultados.',
  showRationale: 'Por que estes números',
  rationaleOf: 'Por que estes números: {scenario}',
  summary: 'A resposta: nós por cenário',
  summaryDetails: 'Detalhes',
  charts: 'Gráficos',
  chartConcurrency: 'Nós por cenário conforme a concorrência cresce',
  chartContext: 'Nós por cenário conforme o contexto cresce',
  chartMemory: 'Memória de um nó (GiB)',
  chartMemoryScenario: 'Cenário',
  nodeMemory: 'memória do nó',
  axisConcurrency: 'concorrência',
  axisContext: 'contexto, tokens',
  axisNodes: 'nós',
  weights: 'pesos',
  runtime: 'runtime (ativações, buffers)',
  overheadWeightsUnknown: 'overhead de runtime (pesos desconhecidos)',
  reserved: 'mantido livre (reserva)',
  kvInUse: 'KV em uso',
  kvFree: 'KV livre',
  ignoredBy: 'Não usado pelo modelo de memória {model} (só por {models}).',
  exports: 'Exportar',
  exportJson: 'JSON',
  exportMarkdown: 'Relatório Markdown',
  exportExecutive: 'Relatório executivo',
  copyLink: 'A barra de endereço guarda este dimensionamento: copie-a para compartilhar.',
  api: 'API HTTP para pipelines:',
  apiCatalog: 'catálogo',
  apiHealth: 'saúde',
};

/** Every locale's page texts; a locale missing here fails `tsc`. */
const PAGE_TEXTS: Readonly<Record<Locale, PageTexts>> = { en: EN, 'pt-BR': PT_BR };

export function pageTexts(locale: Locale): PageTexts {
  return PAGE_TEXTS[locale];
}

/** A text with its `{name}` marks filled in. */
export function fill(text: string, values: Readonly<Record<string, string>>): string {
  return text.replace(/\{(\w+)\}/g, (mark, name: string) => values[name] ?? mark);
}
