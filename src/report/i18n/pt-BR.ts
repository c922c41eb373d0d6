/** Português do Brasil: só as palavras (títulos e redação seguem a ferramenta original, versão 2.0). */
import { comparePtBR } from './compare-pt-BR.ts';
import { COST_PT_BR } from './cost-pt-BR.ts';
import { PERF_PT_BR } from './perf-pt-BR.ts';
import type { ParameterKey } from '../../core/parameters.ts';
import type { Labels, ParameterText, Phrases } from './types.ts';

const LABELS: Labels = {
  title: 'RELATÓRIO DE DIMENSIONAMENTO AVANÇADO DE INFERÊNCIA LLM',
  subtitle: 'Sistema de Sizing com Racional de Cálculo e Análise de Cenários',
  markdownTitle: 'Relatório de Dimensionamento de Inferência LLM',
  date: 'Data',
  section1: 'SEÇÃO 1: ENTRADAS (Modelo / Servidor / Storage / NFR)',
  section2: 'SEÇÃO 2: DICIONÁRIO DE PARÂMETROS (Explicação e Importância)',
  section3: 'SEÇÃO 3: RESULTADOS POR CENÁRIO (MÍNIMO / RECOMENDADO / IDEAL)',
  section4: 'SEÇÃO 4: ALERTAS E RISCOS OPERACIONAIS',
  mdSection1: 'Seção 1: Entradas',
  mdSection2: 'Seção 2: Dicionário de Parâmetros',
  mdSection3: 'Seção 3: Resultados por Cenário',
  mdSection4: 'Seção 4: Alertas e Riscos',
  mdParametersIntro: 'Principais parâmetros utilizados no dimensionamento:',
  model: 'Modelo',
  server: 'Servidor',
  storage: 'Storage',
  nfr: 'NFR (Non-Functional Requirements)',
  name: 'Nome',
  layers: 'Camadas',
  kvHeads: 'KV Heads',
  headDim: 'Head Dim',
  maxPositionEmbeddings: 'Max Position Embeddings',
  attentionPattern: 'Padrão de Atenção',
  fullLayers: 'Full Layers',
  slidingLayers: 'Sliding Layers',
  slidingWindow: 'Sliding Window',
  defaultKvPrecision: 'Precisão KV Padrão',
  gpus: 'GPUs',
  hbmPerGpu: 'HBM por GPU',
  hbmTotal: 'HBM Total',
  nvlink: 'NVLink Bandwidth',
  profile: 'Perfil',
  type: 'Tipo',
  iops: 'IOPS',
  throughput: 'Throughput',
  latencyP99: 'Latência P99',
  read: 'read',
  write: 'write',
  concurrencyTarget: 'Concorrência Alvo',
  concurrentSessions: 'sessões simultâneas',
  effectiveContext: 'Contexto Efetivo',
  tokens: 'tokens',
  clampedFrom: 'solicitado {requested}, limitado ao máximo do modelo',
  kvPrecision: 'Precisão KV',
  fromModelDefault: 'padrão do modelo',
  kvBudgetRatio: 'KV Budget Ratio',
  runtimeOverhead: 'Overhead de Runtime',
  peakHeadroom: 'Peak Headroom',
  haMode: 'HA Mode',
  recommendedHa: 'HA (cenário recomendado)',
  whatItIs: 'O que é',
  source: 'Origem',
  importance: 'Importância',
  commonError: 'Erro comum',
  seeJson: '(Veja JSON para dicionário completo de todos os parâmetros)',
  mdSeeJson: 'Veja JSON para dicionário completo de todos os parâmetros',
  scenarioHeader: 'CENÁRIO',
  mdScenarioHeader: 'Cenário',
  configuration: 'Configuração',
  results: 'Resultados',
  rationale: 'Racional',
  formula: 'Fórmula',
  inputs: 'Inputs',
  interpretation: 'Interpretação',
  scenarioWarnings: 'AVISOS DESTE CENÁRIO',
  mdWarnings: 'Avisos',
  noAlerts: 'Nenhum alerta crítico detectado.',
  endOfReport: 'FIM DO RELATÓRIO',
  quickComparison: 'Comparação Rápida',
  metric: 'Métrica',
  headroom: 'Headroom',
  ha: 'HA',
  budgetKv: 'Budget KV',
  kvPerSessionShort: 'KV/Sessão',
  sessionsPerNodeShort: 'Sessões/Nó',
  nodesFinalShort: 'Nós Finais',
  recommendedNote: '**RECOMENDADO** é o cenário ideal para produção',
  recommendedNoteText: 'RECOMENDADO é o cenário ideal para produção',
  infeasible: 'inviável',
  infeasibleLong: 'INVIÁVEL: não cabe nem 1 sessão por nó',
  kvPerSession: 'KV por Sessão',
  kvTotal: 'KV Total',
  kvBudget: 'KV Budget',
  sessionsPerNode: 'Sessões por Nó',
  nodesCapacity: 'Nós (Capacidade)',
  nodesWithHeadroom: 'Nós (com Headroom)',
  nodesFinal: 'Nós Finais',
  sessionsUnit: 'sessões',
  nodesUnit: 'nós',
  rationaleFinalNodes: 'Racional: Nós Finais',
  observations: 'Observações',
  observation1: 'Este relatório foi gerado automaticamente pelo llm-sizing (metodologia do sistema de sizing v2.0)',
  observation2: 'Para análise completa, consulte também o JSON output',
  observation3: 'Use o **CENÁRIO RECOMENDADO** para produção (N+1, balanceado)',
  generatedBy: 'Gerado por: llm-sizing',
  execTitle: 'RELATÓRIO EXECUTIVO',
  execSubtitle: 'Dimensionamento de Infraestrutura de Inferência LLM',
  execModel: 'Modelo Analisado',
  execLoad: 'Carga Projetada',
  execServer: 'Servidor base',
  execDecision: '1. Decisão em Uma Tabela',
  execScenario: 'Cenário',
  execNodes: 'Nós',
  execSessionsPerNode: 'Sessões por nó',
  execFaultTolerance: 'Tolerância a falhas',
  execPeakCapacity: 'Capacidade para picos',
  execRisk: 'Risco de indisponibilidade',
  execCapex: 'CapEx relativo',
  execBaseline: 'Baseline',
  execSummary: '2. Sumário Executivo',
  execCapacity: '3. Capacidade',
  execKvPerSession: 'KV cache por sessão',
  execKvTotal: 'KV total necessário',
  execBudgetPerNode: 'Budget efetivo de HBM por nó',
  execOfTotal: 'de {total} GiB totais',
  execRisks: '4. Principais Riscos e Alertas',
  execNoRisks: 'Nenhum alerta técnico foi levantado para estas entradas.',
  execRecommendation: '5. Recomendação Final',
  execGovernance: 'Premissas que devem ser mantidas sob governança:',
  execNextSteps: 'Próximos Passos',
  execParameters: '6. Dicionário de Parâmetros',
  execParameter: 'Parâmetro',
  execOrigin: 'Origem',
  execDescription: 'Descrição',
  execImportance: 'Importância para o Cálculo',
  execInfo: 'Informações do Relatório',
  execMethod: 'Metodologia: dimensionamento baseado em memória GPU (KV cache), três cenários',
  execReview: 'Este relatório foi gerado automaticamente e deve ser revisado por arquitetos de infraestrutura antes de decisões de investimento.',
  notComputable: 'n/d',
  engineTitle: 'Memória do engine ({model})',
  engineBehaviour: 'Segue',
  engineLayout: 'Layout: TP {tp} × PP {pp} = {per} GPU(s) por réplica, {replicas} réplica(s) por nó ({used} de {gpus} GPUs)',
  engineLayoutSpanning: 'Layout: TP {tp} × PP {pp} = {per} GPUs por réplica em {nodes} nós inteiros ({gpus} GPUs cada); as contagens de nós vêm em réplicas inteiras',
  engineParallel: 'Grupos de atenção em paralelismo de dados por réplica: {dp} (cada um guarda as próprias sessões); paralelismo de especialistas: {ep}',
  engineExperts: 'dos quais especialistas roteados',
  engineNode: 'Um nó, GiB ({gpus} GPUs em uso)',
  engineWeights: 'pesos',
  notUsedBy: 'não usado pelo {model}',
  engineSeedOverhead: 'parcela do runtime overhead (pesos + runtime do seed)',
  engineActivation: 'pico de ativações',
  engineNonTorch: 'fora do torch (contexto CUDA, NCCL)',
  engineReserved: 'mantido livre (fração do engine / buffer do budget)',
  engineKv: 'KV cache',
  engineIdle: 'GPUs fora de réplicas',
  engineTotal: 'total',
  engineCapacity: 'Capacidade de KV por réplica: {tokens} tokens{blocks}; concorrência máxima com {context} tokens: {conc}× → {sessions} sessão(ões) por réplica, {node} por nó',
  engineBlocks: ' em {blocks} blocos de {size}',
  engineCalibrated: 'Memória de KV do próprio relatório do engine (--kv-cache-memory-gib)',
  importAdded: '{name} adicionado a {file}:',
  importReplaced: '{name} substituído em {file}:',
  importPerToken: 'KV por token de contexto: {bytes} bytes em {precision}; constante por sessão: {constant} bytes',
  importUse: 'Dimensione com: llm-sizing --models-file {file} --model {name} --server … --storage … --concurrency … --effective-context …',
  kvGeometry: 'Geometria de KV',
  readFromConfig: 'Lido do config.json',
  weights: 'Pesos',
  weightsValue: '{gib} GiB ({params}B parâmetros × {bytes} bytes, {dtype})',
  weightsAssumed: 'bf16 assumido',
  weightsPrecisionGiven: 'informado em --weights-precision {precision}',
  reserveFromWeights: '{gib} GiB: pesos {weights} GiB + margem de runtime {allowance} GiB ({gpus} GPU(s) × {perGpu} GiB de ativações, contexto CUDA e NCCL); no mínimo {floor} GiB',
  reserveFloorSmallNode: '{gib} GiB ({perGpu} GiB por GPU em {gpus} GPU(s): os {full} GiB de um nó de {reference} GPUs, reduzidos na proporção)',
  catalogModels: 'MODELOS',
  catalogServers: 'SERVIDORES',
  catalogStorage: 'PERFIS DE STORAGE',
  catalogBuiltIn: 'embutido',
  catalogFrom: 'de {file}',
  catalogBuiltInAnd: 'embutido e {file}',
  colName: 'nome',
  colLayers: 'camadas',
  colKvHeads: 'kv heads',
  colHeadDim: 'head dim',
  colMaxContext: 'contexto máx.',
  colAttention: 'atenção',
  colDefaultKv: 'kv padrão',
  colGpus: 'gpus',
  colGbPerGpu: 'GB/gpu',
  colTotalGb: 'GB total',
  colTotalGib: 'GiB total',
  colNvlink: 'nvlink TB/s',
  colType: 'tipo',
  colReadGbps: 'leitura GB/s',
  colWriteGbps: 'escrita GB/s',
  colReadP99: 'leitura p99 ms',
  colReadIops: 'IOPS leitura',
  attnHybrid: 'hybrid {full} full + {sliding} sliding (janela {window})',
  attnSliding: 'sliding (janela {window})',
  attnFull: 'full',
};

const PARAMETERS = (): Readonly<Record<ParameterKey, ParameterText>> => ({
  num_layers: {
    description: 'Número total de camadas (layers) do transformer no modelo LLM. Cada camada possui seu próprio conjunto de tensores Key e Value no KV cache.',
    source: 'Parâmetro fixo da arquitetura do modelo, definido em models.json. Não pode ser alterado em runtime.',
    importance: 'Impacta linearmente o tamanho do KV cache. Modelos com mais camadas (ex: 36 vs 24) consomem proporcionalmente mais memória GPU para armazenar o histórico de atenção.',
    common_errors: 'Confundir num_layers com num_hidden_layers ou contar apenas encoder/decoder. Deve ser o total de camadas que mantêm KV cache.',
  },
  num_key_value_heads: {
    description: 'Número de cabeças (heads) de atenção para Key e Value. Em GQA (Grouped Query Attention), este valor pode ser menor que o número de query heads.',
    source: 'Parâmetro fixo da arquitetura do modelo (models.json). Modelos modernos usam GQA para reduzir KV cache.',
    importance: 'Impacta diretamente o tamanho do KV cache. Menos KV heads = menos memória. GQA com 8 KV heads vs 32 representa redução de 4x na memória de KV.',
    common_errors: 'Usar num_attention_heads (query heads) em vez de num_key_value_heads. Em GQA esses valores são diferentes e isso causa superestimação de 4-8x na memória.',
  },
  head_dim: {
    description: 'Dimensionalidade de cada cabeça de atenção (ex: 64, 128). Tamanho do vetor de embedding por head.',
    source: 'Parâmetro fixo da arquitetura do modelo (models.json). Geralmente 64 ou 128.',
    importance: 'Multiplica linearmente o tamanho do KV cache. head_dim=128 vs 64 dobra a memória necessária por head.',
    common_errors: 'Confundir head_dim com hidden_size. hidden_size = num_attention_heads × head_dim. Usar hidden_size diretamente causa erro massivo.',
  },
  max_position_embeddings: {
    description: 'Comprimento máximo de contexto (em tokens) que o modelo foi treinado para suportar. Limite arquitetural do positional embedding.',
    source: 'Parâmetro fixo da arquitetura do modelo (models.json). Definido no training.',
    importance: 'Define o limite superior para effective_context. Tentar usar contextos maiores causa comportamento indefinido (extrapolação de posições).',
    common_errors: 'Ignorar este limite e usar effective_context > max_position_embeddings. Isso leva a resultados incorretos ou crashes em runtime.',
  },
  attention_pattern: {
    description: "Padrão de atenção usado pelo modelo: 'full' (todas camadas atendem contexto completo), 'sliding' (janela deslizante), ou 'hybrid' (mix de full e sliding).",
    source: 'Parâmetro fixo da arquitetura do modelo (models.json). Define como o modelo processa contexto longo.',
    importance: 'Crítico para cálculo correto de KV cache. Sliding window pode reduzir KV cache drasticamente (ex: 128k context com window=128 usa 1000x menos memória que full attention).',
    common_errors: "Assumir 'full' para todos os modelos. Modelos modernos usam hybrid/sliding. Usar 'full' quando modelo é 'sliding' superestima memória em ordens de magnitude.",
  },
  hybrid_full_layers: {
    description: 'Em um modelo híbrido, o número de camadas com atenção completa: cada uma guarda todo o contexto efetivo.',
    source: 'Parâmetro fixo da arquitetura do modelo (models.json); apenas modelos hybrid.',
    importance: 'Estas camadas são a parte do KV cache que cresce com o contexto; em contextos longos, dominam a memória.',
    common_errors: 'Contagens que não somam num_layers com hybrid_sliding_layers; o catálogo recusa tal entrada.',
  },
  hybrid_sliding_layers: {
    description: 'Em um modelo híbrido, o número de camadas com atenção de janela deslizante: cada uma guarda apenas sliding_window tokens.',
    source: 'Parâmetro fixo da arquitetura do modelo (models.json); apenas modelos hybrid.',
    importance: 'Estas camadas somam uma quantidade fixa por sessão, qualquer que seja o contexto.',
    common_errors: 'Tratá-las como camadas de atenção completa, o que superestima a memória em contextos longos.',
  },
  sliding_window: {
    description: 'Tamanho da janela de atenção deslizante (em tokens) para camadas com sliding attention. Apenas os últimos N tokens são atendidos.',
    source: "Parâmetro fixo da arquitetura do modelo (models.json), aplicável apenas se attention_pattern='sliding' ou 'hybrid'.",
    importance: 'Controla o tamanho do KV cache para camadas sliding. Sliding window pequeno (128) vs contexto longo (128k) reduz memória por camada em 1000x.',
    common_errors: 'Não usar sliding_window para camadas sliding, assumindo contexto completo. Isso causa overestimation massiva de memória e sizing incorreto.',
  },
  default_kv_precision: {
    description: 'A precisão de KV que a entrada do modelo no catálogo propõe quando --kv-precision não é informado.',
    source: 'Entrada do modelo no catálogo (models.json).',
    importance: 'É a precisão usada por padrão no sizing; dobra ou reduz pela metade o KV cache.',
    common_errors: 'Esquecer que o padrão se aplica: compare relatórios com precisões diferentes apenas de forma consciente.',
  },
  gpus: {
    description: 'Número de GPUs em um servidor (nó).',
    source: 'Hardware do servidor (servers.json).',
    importance: 'Com hbm_per_gpu_gb, define a memória de um nó.',
    common_errors: 'Contar GPUs de vários nós como um único nó: este sizing conta nós inteiros.',
  },
  hbm_per_gpu_gb: {
    description: 'Memória de GPU (HBM) de cada GPU, em GB decimais, como no datasheet.',
    source: 'Hardware do servidor (servers.json), do datasheet do fabricante.',
    importance: 'Com gpus, define a memória de um nó.',
    common_errors: 'Misturar GB (10^9 bytes, datasheets) e GiB (2^30 bytes, alocadores): 288 GB são 268,2 GiB.',
  },
  total_hbm_gb: {
    description: 'Memória de GPU de um nó, em GB decimais: gpus × hbm_per_gpu_gb.',
    source: 'Hardware do servidor (servers.json); calculada quando ausente.',
    importance: 'Tudo o que o nó tem para pesos, KV cache, ativações e buffers; convertida para GiB no cálculo do budget.',
    common_errors: 'Usá-la como se fosse GiB: 2304 GB são apenas 2145,8 GiB.',
  },
  storage_profile: {
    description: 'O storage de onde o nó lê modelos e prompts: tipo, throughput de leitura e latência P99.',
    source: 'Perfil de storage (storage.json).',
    importance: 'Não entra no cálculo de KV (o KV cache reside em HBM), mas prefill longo e cold start dependem dele; os alertas o citam.',
    common_errors: 'Esperar que storage de rede ou block storage em nuvem se comporte como NVMe local em contextos longos e cold starts.',
  },
  effective_context: {
    description: 'Tamanho de contexto (em tokens) que sua aplicação efetivamente usará em runtime. Diferente de max_position_embeddings (limite do modelo).',
    source: 'NFR (Non-Functional Requirement) do produto/aplicação. Você define baseado no use case (ex: 4k para chat, 128k para análise de documentos).',
    importance: 'Impacta diretamente o tamanho do KV cache por sessão. Contexto maior = mais memória = menos sessões por nó. Definir incorretamente causa over/under-provisioning.',
    common_errors: 'Usar max_position_embeddings como effective_context. Isso superestima memória se aplicação usa contextos menores, ou causa problemas se excede o limite do modelo.',
  },
  concurrency: {
    description: 'Número de sessões/requisições simultâneas (concurrent users) que o sistema deve suportar. Métrica de throughput.',
    source: 'NFR do produto, baseado em projeções de tráfego e SLA. Pode vir de análise de uso, teste de carga, ou requisitos de negócio.',
    importance: 'Define quantos nós você precisa. Concurrency mal estimada causa: subdimensionamento (SLA quebrado, throttling) ou superdimensionamento (desperdício de capex).',
    common_errors: 'Confundir concurrency (sessões simultâneas) com RPS (requests per second). Concurrency = sessões ativas ao mesmo tempo. RPS considera latência.',
  },
  kv_precision: {
    description: 'Precisão numérica usada para armazenar tensores Key e Value: fp8/int8 (1 byte/elemento) ou fp16/bf16 (2 bytes/elemento).',
    source: 'Parâmetro de runtime configurável. fp8 é recomendado para economia de memória com mínima perda de qualidade.',
    importance: 'Impacta diretamente (2x) o tamanho do KV cache. fp16 vs fp8 dobra a memória necessária e reduz pela metade o número de sessões por nó.',
    common_errors: 'Usar fp16 por default sem testar fp8. Muitos casos fp8 tem qualidade equivalente, mas fp16 dobra o custo de infraestrutura desnecessariamente.',
  },
  kv_budget_ratio: {
    description: 'Fração da HBM total alocada para KV cache (ex: 0.70 = 70%). O restante é para modelo, ativações, overhead de runtime.',
    source: 'Parâmetro de tuning/configuração. Default 0.70 é conservador. Pode ser ajustado baseado em profiling real.',
    importance: 'Define quantas sessões cabem por nó. Budget muito alto (>0.80) causa fragmentação e instabilidade. Budget muito baixo (<0.50) desperdiça HBM.',
    common_errors: 'Alocar 100% da HBM para KV cache, ignorando overhead do modelo, ativações, e buffers do runtime. Isso causa OOM (Out of Memory) em produção.',
  },
  runtime_overhead_gib: {
    description: 'Memória GPU (GiB) reservada para modelo (pesos), ativações de computação, e buffers do runtime de inferência.',
    source: 'Estimativa baseada em tamanho do modelo e framework. Pode ser medido via profiling. Default conservador: 80-150 GiB para modelos grandes.',
    importance: 'Subtrai da HBM disponível antes de calcular budget de KV. Subestimar causa OOM. Superestimar desperdiça capacidade.',
    common_errors: 'Usar overhead muito baixo (<50 GiB) para modelos grandes (>100B parâmetros). Modelo 120B em fp16 sozinho já ocupa ~240 GiB.',
  },
  peak_headroom_ratio: {
    description: 'Fração adicional de capacidade reservada para picos de tráfego (ex: 0.20 = 20% acima da concurrency nominal).',
    source: 'NFR de SRE, baseado em análise de sazonalidade e requisitos de SLO. Típico: 10-30%.',
    importance: 'Garante que sistema aguenta picos sem degradação de SLO. Sem headroom, qualquer pico causa throttling ou violação de SLA.',
    common_errors: 'Não ter headroom (0%) em produção. Tráfego sempre tem variação. Outro erro: headroom excessivo (>50%) que desperdiça capex.',
  },
  ha_mode: {
    description: "Modo de alta disponibilidade: 'none' (sem redundância), 'n+1' (tolera falha de 1 nó), 'n+2' (tolera 2 nós).",
    source: 'NFR de disponibilidade, baseado em SLA. Produção crítica geralmente requer no mínimo N+1.',
    importance: 'Define quantos nós extras alocar para redundância. N+1 garante que falha de 1 nó não quebra SLA. Sem HA, falha de nó causa degradação imediata.',
    common_errors: 'Não ter HA (none) em produção com SLA > 99%. Falha de hardware é inevitável. Outro erro: N+2 quando N+1 já atende, desperdiçando capex.',
  },
});

const RULES: Phrases['rules'] = {
  hybrid_counts_required: (d) => `uma contagem de camadas (o modelo hybrid ${d.model} precisa de hybrid_full_layers e hybrid_sliding_layers)`,
  trimmed_name: () => 'um nome sem espaços no início ou no fim',
  keeps_kv: (d) => `um modelo que guarde algo por sessão (o modelo ${d.model} não tem camada de atenção nem estado dimensionado)`,
  host_address: () => 'um nome de host ou endereço IP onde escutar (ex.: 127.0.0.1, ::1, 0.0.0.0)',
  listen_failed: (d) => `uma porta utilizável em ${d.host} (${d.code}: em uso, não permitida ou endereço inexistente); --port 0 usa qualquer porta livre`,
  name_needs_config: () => 'uso junto com --hf-config (ou catalog import): nomeia o modelo que um config.json descreve',
  layout_exceeds_gpus: (d) =>
    `um layout que caiba em um nó ou ocupe nós inteiros: TP ${d.tp} × PP ${d.pp} precisa de ${d.gpus_needed} GPUs, que não é múltiplo inteiro das ${d.gpus} GPUs de ${d.server}`,
  tp_kv_heads: (d) => `um tensor parallel que divida as KV heads ou seja dividido por elas (modelo ${d.model}: ${d.kv_heads} KV heads, TP ${d.tp})`,
  tp_query_heads: (d) => `um tensor parallel que divida as attention heads (modelo ${d.model}: ${d.heads} heads, TP ${d.tp})`,
  pp_layers: (d) => `no máximo um estágio de pipeline por camada (${d.layers} camadas, PP ${d.pp})`,
  replicas_exceed_gpus: (d) => `réplicas que caibam no nó: ${d.replicas} × ${d.gpus_per_replica} GPUs é mais que ${d.gpus}`,
  tp_across_nodes: (d) =>
    `um grupo de paralelismo de tensor dentro de um domínio NVLink: ${d.group} GPUs fariam all-reduce entre nós de ${d.server} (${d.gpus} GPUs cada, domínio NVLink de ${d.domain} GPUs); distribua entre nós com estágios de pipeline (--pipeline-parallel), ou com --data-parallel-attention e --expert-parallel num modelo de mistura de especialistas, ou escolha um servidor com domínio NVLink maior`,
  dp_attention_divides_tp: (d) => `grupos de atenção em paralelismo de dados que dividam o paralelismo de tensor (TP ${d.tp}, ${d.dp} grupos)`,
  ep_needs_experts: (d) => `um modelo de mistura de especialistas cuja entrada no catálogo informe num_routed_experts (o modelo ${d.model} não informa)`,
  ep_divides: (d) => `um paralelismo de especialistas que divida o paralelismo de tensor e os especialistas roteados (modelo ${d.model}: ${d.experts} especialistas, TP ${d.tp}, EP ${d.ep})`,
  nvlink_domain_whole_nodes: (d) => `um domínio NVLink de entradas inteiras: pelo menos ${d.gpus} GPUs e múltiplo de ${d.gpus} (servidor ${d.server})`,
  calibrate_nothing_found: () =>
    'um log de inicialização do vLLM, SGLang ou TensorRT-LLM (nenhuma linha deles foi reconhecida), ou um resultado de benchmark do vllm bench serve ou do bench_serving do SGLang',
  bench_result_keys: (d) =>
    `um resultado de benchmark do vllm bench serve --save-result ou do bench_serving --output-file do SGLang, com as chaves ${d.expected.join(', ')} (faltam: ${d.missing.join(', ')})`,
  bench_records: (d) => `no máximo ${d.max} resultados de benchmark em um arquivo`,
  perf_figures_missing: (d) =>
    `um modelo e um servidor cujas entradas do catálogo tragam o que o modelo de desempenho precisa (${d.model} em ${d.server} não tem ${d.missing.join(', ')}); acrescente-os com --models-file / --servers-file`,
  knob_needs_engine: (d) => `--memory-model ${d.models_text}: esta configuração pertence a esse engine e seria ignorada por ${d.given}`,
  kv_layers_sum: (d) => `kv_layers cujas contagens somem num_layers (modelo ${d.model}: ${d.sum} camadas listadas, num_layers é ${d.num_layers})`,
  heads_divisible: (d) => `um número de query heads múltiplo das KV heads (modelo ${d.model}: ${d.num_attention_heads} heads, ${d.kv_heads} KV heads)`,
  hf_unsupported: (d) => `um config que esta ferramenta saiba interpretar: ${d.what_text} não são suportadas, e dimensioná-las como atenção completa seria um palpite`,
  hf_head_dim_underivable: () => 'um head_dim, ou hidden_size e num_attention_heads para derivá-lo',
  hf_head_dim_not_integer: (d) => `hidden_size divisível por num_attention_heads para derivar head_dim (${d.hidden_size} / ${d.num_attention_heads} não é inteiro); informe head_dim`,
  hf_heads_not_divisible: (d) => `KV heads que dividam as attention heads (${d.num_attention_heads} heads, ${d.num_key_value_heads} KV heads)`,
  hf_max_position_unknown: (d) => `um max_position_embeddings (o arquivo não tem, e o tipo de modelo "${d.model_type}" não tem padrão conhecido)`,
  hf_unknown_dtype: (d) => `um dtype conhecido (${d.known})`,
  hf_window_required: (d) => `um sliding_window positivo, que ${d.by} exige`,
  hf_per_layer_length: (d) => `uma entrada por camada em ${d.key} (${d.length} informadas, num_hidden_layers é ${d.num_layers})`,
  hf_block_attention: () => 'um objeto attention em cada block config',
  hybrid_layers_sum: (d) =>
    `hybrid_full_layers + hybrid_sliding_layers = num_layers (modelo ${d.model}: ${d.full} + ${d.sliding} = ${d.sum}, mas num_layers é ${d.num_layers})`,
  sliding_window_required: (d) => `um sliding_window positivo (o modelo ${d.model} tem attention_pattern '${d.attention_pattern}')`,
  server_total_hbm: (d) => `gpus × hbm_per_gpu_gb = ${d.gpus} × ${d.hbm_per_gpu_gb} = ${d.product} (servidor ${d.server})`,
  unique_name: (d) => `um nome que nenhuma outra entrada use (${d.quoted} aparece duas vezes)`,
  catalog_top_level: (d) => `uma lista "${d.key}" no topo do arquivo, como nos arquivos da ferramenta original`,
  different_output_files: (d) => `um arquivo diferente do de ${d.other}`,
  command_first: (d) => `o comando primeiro, antes de qualquer opção: llm-sizing ${d.command} [opções]`,
  extra_argument: (d) => `nenhum argumento adicional (llm-sizing ${d.command} aceita no máximo um)`,
  json_depth: (d) => `JSON cujos arrays e objetos se aninham no máximo ${d.max} níveis`,
  batch_line_length: (d) => `uma linha de no máximo ${d.max_bytes / 1024 / 1024} MiB (o resto desta linha foi ignorado)`,
  memory_bandwidth_generation: (d) => `uma largura de banda de memória por GPU de ${d.memory_type} entre ${d.min} e ${d.max} TB/s (servidor ${d.server})`,
  memory_sweep_time: (d) =>
    `uma largura de banda de memória que lê os ${d.hbm_per_gpu_gb} GB de uma GPU em ${d.min}–${d.max} ms, como toda peça real (servidor ${d.server}: ${Number(d.ms.toPrecision(3))} ms)`,
  flops_per_byte: (d) =>
    `TFLOPS BF16 densos entre ${d.min} e ${d.max} vezes a largura de banda de memória em TB/s (FLOPs por byte; servidor ${d.server}: ${Number(d.ratio.toPrecision(3))} com ${d.memory_bandwidth_tbps_per_gpu} TB/s)`,
  precision_order: (d) => `${d.field} pelo menos igual a ${d.lower_field} (${d.lower}): formatos mais estreitos rodam ao menos tão rápido (servidor ${d.server})`,
  fp8_twice_bf16: (d) => `FP8 denso por volta do dobro do BF16 denso (${d.bf16}), 1,5–2,5×; ${Number(d.ratio.toPrecision(3))}× mistura um número esparso com um denso (servidor ${d.server})`,
  nvlink_aggregate: (d) => `gpus × interconnect_bandwidth_gbps_per_gpu / 1000 = ${d.gpus} × ${d.per_gpu_gbps} / 1000 = ${d.suggested} TB/s (servidor ${d.server})`,
  head_dim_hidden: (d) =>
    `head_dim × num_attention_heads entre 0,5 e 2 × hidden_size (modelo ${d.model}: ${d.num_attention_heads} heads, hidden_size ${d.hidden_size}, razão ${Number(d.ratio.toPrecision(3))})`,
  active_within_total: (d) => `parâmetros ativos no máximo iguais ao total, ${d.total} B (modelo ${d.model})`,
  experts_per_token: (d) => `experts por token no máximo iguais aos ${d.experts} experts roteados (modelo ${d.model})`,
  throughput_iops: (d) =>
    `uma vazão que IOPS × 4 KiB não ultrapasse, no máximo 16 MiB por E/S (perfil ${d.profile}: ${d.iops} IOPS dão ${Number((d.bytes_per_io / 1024).toPrecision(3))} KiB por E/S)`,
  latency_percentiles: (d) => `uma latência p99 pelo menos igual à p50 (${d.p50} ms; perfil ${d.profile})`,
  efficiency_ceiling: (d) => `no máximo o ${d.ceiling_field} medido nos kernels, ${d.ceiling} (conjunto ${d.set})`,
  calibration_key_unique: (d) => `um conjunto de calibração por família de GPU e engine (${d.gpu_architecture} com ${d.engine} aparece duas vezes)`,
  catalog_kind: (d) => `um arquivo de catálogo com uma das chaves de topo ${d.keys.join(', ')}`,
  price_reserved_above_on_demand: (d) => `um preço reservado no máximo igual ao preço sob demanda, ${d.on_demand} US$/GPU-hora (servidor ${d.server})`,
  price_date_after_as_of: (d) => `uma data que não seja posterior ao as_of do arquivo, ${d.as_of} (servidor ${d.server})`,
  offload_size_required: (d) => `um tamanho para a camada ${d.tier} (--offload-gib-per-node): ${d.tier === 'dram' ? `o servidor ${d.server} não informa system_memory_tb` : 'os perfis de storage não informam capacidade'}`,
  compare_list: (d) => `uma lista de 1 a ${d.max} valores (separados por vírgula na linha de comando)`,
  compare_options: (d) => `no máximo ${d.max} opções ao todo (as listas de ${d.fields.join(', ')} multiplicam-se em ${d.count}): encurte uma lista ou faça várias comparações`,
};

const ALERTS: Phrases['alerts'] = {
  context_clamped: (p, f, n) =>
    `${n.fieldValue('effective_context', f.int(p.requested_context))} excede max_position_embeddings=${f.int(p.max_position_embeddings)}. Clampado para ${f.int(p.max_position_embeddings)}.`,
  kv_precision_2_bytes: (p, _f, n) => `${n.fieldValue('kv_precision', p.kv_precision)} usa 2 bytes/elemento. Considere fp8 (1 byte) para reduzir memória pela metade com mínima perda de qualidade.`,
  no_kv_budget: (p, f, n) =>
    `Budget de KV <= 0 (hbm_total=${f.fixed(p.hbm_total_gib, 1)} GiB, overhead=${f.num(p.runtime_overhead_gib)} GiB). Servidor não tem memória suficiente. Reduza overhead (${n.fieldName('runtime_overhead_gib')}) ou use servidor maior.`,
  zero_sessions_per_node: (p, f, n) =>
    `Sessões por nó = 0. Uma única sessão precisa de ${f.fixed(p.kv_per_session_gib, 2)} GiB mas budget é ${f.fixed(p.kv_budget_gib, 1)} GiB. Soluções: (1) Reduzir ${n.fieldName('effective_context')}, (2) Usar fp8 em vez de fp16 (${n.fieldName('kv_precision')}), (3) Reduzir ${n.fieldName('runtime_overhead_gib')}, (4) Aumentar ${n.fieldName('kv_budget_ratio')}, ou (5) Usar servidor com mais HBM.`,
  long_context: (p, f) =>
    `Contexto longo (${f.int(p.effective_context)} tokens) aumenta TTFT (Time To First Token) e pressiona I/O de storage durante prefill. Storage: ${p.storage} (${f.num(p.throughput_read_gbps)} GB/s read, P99=${f.num(p.latency_read_ms_p99)} ms).`,
  high_kv_budget_ratio: (p, f, n) =>
    `${n.fieldValue('kv_budget_ratio', f.num(p.kv_budget_ratio))} é alto (>${f.pct(p.threshold)}). Risco de fragmentação de memória e instabilidade. Considere reduzir para 0.65-0.70 ou usar servidor com mais HBM.`,
  low_runtime_overhead: (p, f, n) =>
    `${n.fieldValue('runtime_overhead_gib', f.num(p.runtime_overhead_gib))} parece baixo (<${f.int(p.threshold_gib)} GiB). Modelos grandes (>50B parâmetros) tipicamente precisam de 80-150 GiB. Verifique se não está subestimado.`,
  remote_storage_long_context: (p, f) =>
    `Storage ${p.storage} é ${p.storage_type}, não NVMe local: com contextos de ${f.int(p.effective_context)} tokens, prefill, cold start e carga do modelo dependem de leituras de ${f.num(p.throughput_read_gbps)} GB/s com P99=${f.num(p.latency_read_ms_p99)} ms. Prefira NVMe local para servir contextos longos.`,
  sliding_window_exceeds_context: (p, f) =>
    `As ${p.sliding_layers} camadas sliding (ou chunked) são dimensionadas com a janela inteira (${f.int(p.sliding_window)} tokens) embora o contexto seja de apenas ${f.int(p.effective_context)} tokens (regra da versão 2.0); um engine guarda no máximo o contexto, então o KV calculado é conservador.`,
  low_sessions_per_node: (p, f) =>
    `Apenas ${f.int(p.sessions_per_node)} sessões cabem por nó (<${p.threshold}): contexto muito longo ou precisão ineficiente para este servidor. Considere fp8, contexto menor ou servidor com mais HBM.`,
  many_nodes: (p, f) =>
    `O cenário recomendado exige ${f.int(p.nodes_final)} nós (>${p.threshold}). Revise os NFRs (concorrência, contexto, precisão) ou considere modelo menor ou servidor maior.`,
  high_peak_headroom: (p, f, n) =>
    `${n.fieldValue('peak_headroom_ratio', f.num(p.peak_headroom_ratio))} está acima de ${f.pct(p.threshold)}: headroom desse tamanho costuma ser over-provisioning. Confira contra os picos medidos.`,
  weights_exceed_overhead: (p, f, n) =>
    `Os pesos guardados em um nó ocupam ${f.fixed(p.weights_gib, 1)} GiB, mais que o ${n.fieldValue('runtime_overhead_gib', f.num(p.runtime_overhead_gib))} informado: o budget de KV está superestimado. Omita ${n.fieldName('runtime_overhead_gib')} para reservar os pesos mais uma margem para ativações, contexto CUDA e NCCL (${f.fixed(p.default_reserve_gib, 1)} GiB), ou informe pelo menos esse valor.`,
  weights_exceed_node: (p, f, n) => {
    const options: string[] = [];
    if (p.gpus_needed > 0) {
      const nodes = Math.ceil(p.gpus_needed / p.gpus);
      options.push(`mais GPUs por réplica: pelo menos ${f.int(p.gpus_needed)} (${n.fieldName('tensor_parallel')} × ${n.fieldName('pipeline_parallel')}${nodes > 1 ? `, em ${f.int(nodes)} nós de ${f.int(p.gpus)} GPUs` : ''})`);
    }
    if (p.servers_that_fit !== '') options.push(`um servidor maior: ${p.servers_that_fit}`);
    if (p.precisions_that_fit !== '') options.push(`menos bytes por parâmetro: ${n.fieldName('weights_precision')} ${p.precisions_that_fit}`);
    if (options.length === 0) options.push('GPUs com mais memória');
    return (
      `Uma cópia dos pesos não cabe em um nó ${p.server}: ${f.fixed(p.weights_gib, 1)} GiB em ${f.int(p.gpus_per_replica)} GPU(s) são ${f.fixed(p.weights_gib_per_gpu, 1)} GiB por GPU, ` +
      `mais uma margem de runtime de ${f.fixed(p.allowance_gib_per_gpu, 2)} GiB (ativações, contexto CUDA e NCCL), em GPUs de ${f.fixed(p.gpu_gib, 1)} GiB. Nenhuma sessão pode ser atendida. O que caberia: ${options.join('; ')}.`
    );
  },
  state_size_unknown: (p) => `${p.layers} camadas de atenção linear ou Mamba mantêm um estado constante por sessão que o config não dimensiona; aqui ele conta como 0.`,
  kv_heads_replicated: (p, f) =>
    `O modelo tem ${p.kv_heads} KV heads para tensor parallel ${p.tensor_parallel}: cada KV head é replicada em ${f.num(p.copies)} ranks, então cada rank ainda guarda uma head e o TP não reduz o KV cache por GPU abaixo disso.`,
  mla_replicated: (p, _f, n) =>
    `MLA guarda um latente por token, replicado em cada um dos ${p.tensor_parallel} ranks de paralelismo de tensor da atenção: o paralelismo de tensor não aumenta a capacidade de tokens do MLA. A atenção em paralelismo de dados aumenta: com ${n.fieldName('data_parallel_attention')} ${p.tensor_parallel} (vLLM ou SGLang) cada rank guarda o latente das próprias sessões, ${p.tensor_parallel} vezes as sessões por réplica.`,
  engine_no_kv_memory: (p, f, n) =>
    `A contabilidade ${p.memory_model} não deixa memória para KV cache: dos ${f.fixed(p.gpu_memory_gib, 1)} GiB por GPU, os pesos ocupam ${f.fixed(p.weights_gib, 1)} GiB, ativações ${f.fixed(p.activation_gib, 1)}, fora do torch ${f.fixed(p.non_torch_gib, 1)} e o engine mantém ${f.fixed(p.reserved_gib, 1)} livres. Distribua os pesos em mais GPUs (${n.fieldName('tensor_parallel')}, ou ${n.fieldName('pipeline_parallel')} em nós inteiros), quantize-os ou use GPUs maiores.`,
  engine_weights_unknown: (p, _f, n) =>
    `Os pesos não são conhecidos (sem contagem de parâmetros, sem ${n.fieldName('weights_gib')}): o modelo de memória ${p.memory_model} os conta como 0, o que superestima a memória de KV. Informe ${n.fieldName('params_b')}, ${n.fieldName('weights_gib')} ou o ${n.fieldName('kv_cache_memory_gib')} do engine.`,
  slo_unreachable: (p, f) =>
    `A meta de ${p.metric === 'tpot' ? 'TPOT' : 'TTFT'} de ${f.num(p.target_ms, 2)} ms no percentil 99 é menor do que uma sessão sozinha alcança nesta implantação (${f.num(p.best_ms, 2)} ms): nenhum lote a cumpre, portanto nenhuma quantidade de nós. Relaxe a meta ou use GPUs mais rápidas, mais paralelismo de tensor ou pesos mais leves.`,
  slo_no_session_fits: (p, f) =>
    `Nem uma requisição de ${f.int(p.input_tokens)} tokens de entrada + ${f.int(p.output_tokens)} de saída cabe na memória de KV de uma réplica, então nenhum lote cumpre as metas de latência. Use menos tokens por requisição, uma precisão de KV menor ou mais GPUs por réplica.`,
  workload_exceeds_context: (p, f) =>
    `Os ${f.int(p.input_tokens)} tokens de entrada + ${f.int(p.output_tokens)} de saída de uma requisição excedem os ${f.int(p.effective_context)} tokens que o dimensionamento de memória reserva por sessão: o KV por sessão fica subestimado. Aumente o contexto efetivo ou reduza as contagens de tokens.`,
  storage_load_slow: (p, f, n) =>
    `O armazenamento ${p.storage} carrega os pesos de um nó em ${f.fixed(p.load_time_s, 1)} s${p.warmup_concurrency > 1 ? ` com ${f.int(p.warmup_concurrency)} nós carregando ao mesmo tempo` : ''}, acima da meta de ${f.num(p.target_load_time_s)} s (${n.fieldName('target_load_time_s')}): lê ${f.num(p.read_gbps, 2)} GB/s por nó (${p.bound === 'iops' ? 'limitado por IOPS' : p.bound === 'latency' ? 'limitado pela latência' : 'limitado pela vazão'}) quando são necessários ${f.num(p.required_gbps, 2)} GB/s. Use um armazenamento mais rápido, menos nós carregando ao mesmo tempo ou uma meta maior.`,
  storage_artifact_unknown: (p, _f, n) =>
    `Não é possível planejar armazenamento e recuperação: o tamanho dos artefatos do modelo ${p.model} é desconhecido (sem contagem de parâmetros). Informe-o com ${n.fieldName('artifact_gib')} ou ${n.fieldName('weights_gib')}.`,
  domain_loss_not_covered: (p, f, n) =>
    `Perder um domínio de falha inteiro (${n.fieldValue('nodes_per_domain', f.int(p.nodes_per_domain))}) deixa menos sessões que a demanda: os nós reserva cobrem nós isolados, não um rack ou um switch. Distribua os nós por mais domínios ou acrescente reservas equivalentes a um domínio.`,
  max_position_embeddings_assumed: (p, f) =>
    `O config não tem max_position_embeddings: foi usado o padrão do tipo de modelo "${p.model_type}" (${f.int(p.max_position_embeddings)} tokens).`,
};

/** O dicionário de parâmetros, montado no primeiro uso (como em en.ts); `--help` e calibrate têm arquivos próprios. */
const onFirstUse: { parameters?: Readonly<Record<ParameterKey, ParameterText>> } = {};

export const ptBR: Phrases = {
  compare: comparePtBR,
  locale: 'pt-BR',
  labels: LABELS,
  apiError: {
    not_found: 'Rota ou arquivo inexistente.',
    method_not_allowed: 'Esta rota não aceita este método.',
    unsupported_media_type: 'O corpo da requisição deve ser JSON, enviado com Content-Type: application/json.',
    misdirected_request: 'Este servidor só responde por localhost, 127.0.0.1, [::1] ou pelo endereço onde escuta, com a sua porta; o cabeçalho Host nomeia outro.',
    internal_error: 'Erro interno.',
  },
  apiBodyTooLarge: (maxBytes, f) => `O corpo da requisição passa de ${f.int(maxBytes)} bytes.`,
  scenario: { minimum: 'MÍNIMO', recommended: 'RECOMENDADO', ideal: 'IDEAL' },
  engineBehaviour: {
    seed: 'llm-sizing seed: orçamento da versão 2.0 (HBM − overhead) × razão, dividido entre as réplicas',
    vllm: 'engine V1 do vLLM, contabilidade das v0.10–v0.19: total × gpu_memory_utilization − pesos − pico de ativações − non-torch; memória dos CUDA graphs não perfilada (o padrão antes da v0.21)',
    sglang: 'SGLang v0.5: mem_fraction_static × total − pesos, um pool de tokens com página de 1',
    trtllm: 'TensorRT-LLM 1.x, backend PyTorch: free_gpu_memory_fraction × (total − pico perfilado); camadas sliding contadas como completas',
  },
  settings: {
    memory_model: { label: 'Modelo de memória', help: 'como a memória de KV é contabilizada: o método original, ou o de um engine' },
    tensor_parallel: { label: 'Paralelismo de tensor (GPUs por réplica)', help: 'GPUs por réplica do modelo (heads de KV divididos entre elas)' },
    pipeline_parallel: { label: 'Estágios de pipeline por réplica', help: 'estágios de pipeline por réplica (camadas divididas entre eles)' },
    replicas_per_node: { label: 'Réplicas por nó', help: 'réplicas do modelo por nó' },
    data_parallel_attention: {
      label: 'Grupos de atenção em paralelismo de dados por réplica',
      help: 'grupos de atenção em paralelismo de dados por réplica (SGLang --dp-size com --enable-dp-attention, vLLM --data-parallel-size): cada grupo guarda as próprias sessões, então o latente MLA não é copiado em cada rank de TP',
    },
    expert_parallel: {
      label: 'Paralelismo de especialistas (GPUs que repartem os especialistas roteados)',
      help: 'GPUs de um estágio de pipeline entre as quais os especialistas roteados são repartidos inteiros (SGLang --ep-size, vLLM --enable-expert-parallel, TensorRT-LLM moe_expert_parallel_size)',
    },
    weights_gib: { label: 'Pesos de uma réplica, GiB', help: 'pesos de uma réplica, GiB' },
    kv_cache_memory_gib: { label: 'Memória de KV por GPU relatada pelo engine, GiB (calibração)', help: 'memória de KV por GPU como um engine a relatou (calibração: "Available KV cache memory")' },
    gpu_memory_gib: { label: 'Memória da GPU vista pelo engine, GiB por GPU', help: 'memória da GPU como o engine a vê, por GPU' },
    gpu_memory_utilization: { label: 'vLLM gpu_memory_utilization', help: 'vLLM gpu_memory_utilization' },
    max_num_batched_tokens: { label: 'vLLM / TensorRT-LLM max_num_batched_tokens', help: 'vLLM max_num_batched_tokens (TensorRT-LLM max_num_tokens)' },
    block_size: { label: 'Tamanho de bloco do vLLM, tokens', help: 'tamanho de bloco do vLLM, tokens' },
    mem_fraction_static: { label: 'SGLang mem_fraction_static', help: 'SGLang mem_fraction_static' },
    free_gpu_memory_fraction: { label: 'TensorRT-LLM free_gpu_memory_fraction', help: 'TensorRT-LLM free_gpu_memory_fraction' },
    tokens_per_block: { label: 'Tokens por bloco do TensorRT-LLM', help: 'tokens por bloco do TensorRT-LLM' },
    activation_gib: { label: 'Pico de ativações por GPU, GiB', help: 'pico de memória de ativações por GPU (profiling do engine)' },
    non_torch_gib: { label: 'Memória fora do framework por GPU, GiB', help: 'memória fora do framework por GPU (contexto CUDA, NCCL)' },
  },
  settingRule: {
    replicas_that_fit: () => 'GPUs do servidor / (TP × PP)',
    weights_from_parameters: () => 'parâmetros × bytes por parâmetro',
    memory_model_accounting: () => 'a contabilidade do próprio modelo de memória',
    visible_memory: (d) => `o valor da ficha técnica × ${d.fraction}, lido como GiB`,
    vllm_batched_tokens: (d) => `${d.large} em GPUs de ${d.large_from_gib} GiB ou mais (exceto ${d.small_on}), senão ${d.small}`,
    sglang_mem_fraction: () => 'a fórmula do próprio SGLang',
    activation_estimate: () => 'uma estimativa a partir dos tokens em lote',
    non_torch_estimate: (d) => `${d.single_gpu}, ou ${d.tensor_parallel} com TP`,
  },
  severity: { info: 'INFO', warning: 'AVISO', critical: 'ALERTA', error: 'ERRO' },
  origin: {
    model_architecture: 'Arquitetura do Modelo',
    server_hardware: 'Hardware do Servidor',
    storage: 'Perfil de Storage',
    product_nfr: 'NFR do Produto',
    runtime_config: 'Runtime/Configuração',
    infra_tuning: 'Tuning de Infraestrutura',
    runtime_estimate: 'Estimativa de Runtime',
    resilience_nfr: 'NFR de Resiliência',
    availability_nfr: 'NFR de Disponibilidade',
  },
  get parameters() {
    return (onFirstUse.parameters ??= PARAMETERS());
  },
  alerts: ALERTS,
  rules: RULES,
  unsupportedDesign: {
    local_global_lists: 'listas de atenção local/global no estilo do GPT-Neo',
    local_attention_windows: 'janelas de atenção local',
  },
  or: ' ou ',
  layerGroup: {
    kvHeads: (n) => `${n} KV heads`,
    geometry: (p) => `${p.kv_heads} × ${p.dims} dims`,
    full: (p) => `${p.count} × atenção completa: ${p.geometry}, todos os tokens do contexto`,
    sliding: (p, f) => `${p.count} × janela deslizante: ${p.geometry}, ${f.int(p.window)} tokens`,
    chunked: (p, f) => `${p.count} × atenção local em blocos: ${p.geometry}, blocos de ${f.int(p.chunk)} tokens`,
    mla: (p) => `${p.count} × MLA: um latente de ${p.kv_lora_rank} + ${p.qk_rope_head_dim} dims RoPE por token (sem par K/V)${p.indexer}`,
    mlaIndexer: (p) => `, mais uma chave de indexador de ${p.dims} dims`,
    linearAttention: (p) => `${p.count} × atenção linear: ${p.state}`,
    mamba: (p) => `${p.count} × Mamba2: ${p.state}`,
    stateUnsized: 'um estado que o config não dimensiona',
    stateSized: (p, f) => `um estado constante de ${f.int(p.bytes)} bytes por sessão`,
    none: (p) => `${p.count} × sem KV cache (só MLP ou atenção no-op)`,
  },
  explanation: {
    kvPerSessionEngine: ({ e, kv_per_session_gib }, f) =>
      `Pelas regras do engine ${e.memory_model}, uma sessão de ${f.int(e.context_tokens)} tokens ocupa ${f.int(e.bytes_per_session_per_rank)} bytes em cada uma das ${e.gpus_per_replica} GPU(s) de uma réplica (blocos, janelas e heads replicadas incluídos): ${f.fixed(kv_per_session_gib, 2)} GiB por sessão.`,
    kvPerSessionLayers: (p, f) =>
      `O KV cache guarda, para uma sessão: ${p.groups}. ` +
      `São ${f.int(p.bytes_per_context_token)} bytes por token de contexto (${f.int(p.context)} tokens) mais ${f.int(p.constant_bytes)} bytes que não crescem com ele. ` +
      `Total de ${f.fixed(p.kv_per_session_gib, 2)} GiB por sessão ativa.`,
    fullLayersPart: (p, f) => `${p.layers} camadas full guardam os ${f.int(p.tokens)} tokens do contexto`,
    slidingLayersPart: (p, f) => `${p.layers} camadas sliding guardam ${f.int(p.tokens)} tokens cada`,
    and: ' e ',
    kvPerSessionClassic: (p, f) =>
      `KV cache armazena tensores Key e Value de todas as camadas para o contexto da sessão. ` +
      `Cada posição no contexto mantém ${p.kv_heads} heads × ${p.head_dim} dims × ${p.bytes_per_element} bytes/elem = ` +
      `${f.int(p.per_position_bytes)} bytes por posição (K+V separados, daí fator 2). ` +
      `Modelo com attention_pattern='${p.attention_pattern}': ${p.parts}. ` +
      `Total de ${f.fixed(p.kv_per_session_gib, 2)} GiB por sessão ativa.`,
    kvTotal: (p, f) =>
      `Memória total de KV cache necessária para suportar ${f.int(p.concurrency)} sessões simultâneas. ` +
      `Cada sessão precisa de ${f.fixed(p.kv_per_session_gib, 2)} GiB, totalizando ${f.fixed(p.kv_total_tib, 2)} TiB distribuídos entre os nós do cluster.`,
    hbmTotal: (p, f) =>
      `Servidor ${p.server} tem ${p.gpus} GPUs × ${f.num(p.hbm_per_gpu_gb)} GB/GPU = ${f.num(p.total_hbm_gb)} GB total. ` +
      `Convertido para GiB (binário): ${f.fixed(p.hbm_total_gib, 1)} GiB. Esta é a memória total disponível por nó para modelo, KV cache, ativações e buffers.`,
    kvBudgetEngine: ({ e, kv_budget_gib }, f) =>
      `A contabilidade ${e.memory_model} deixa ${f.fixed(e.kv_cache_gib, 2)} GiB de KV cache por GPU (${f.fixed(e.gpu_memory_gib, 1)} GiB, menos ${f.fixed(e.weights_gib, 1)} GiB de pesos, ${f.fixed(e.activation_gib, 2)} GiB de pico de ativações, ${f.fixed(e.non_torch_gib, 2)} GiB fora do framework e ${f.fixed(e.reserved_gib, 1)} GiB mantidos livres): ${f.fixed(kv_budget_gib, 1)} GiB nas ${e.gpus_used} GPUs em réplicas.`,
    kvBudgetNone: (p, f) =>
      `De ${f.fixed(p.hbm_total_gib, 1)} GiB de HBM, reservamos ${f.num(p.runtime_overhead_gib)} GiB para modelo+ativações: ` +
      `não sobra nada para KV cache. Reduza o overhead ou use um servidor com mais memória.`,
    kvBudget: (p, f) =>
      `De ${f.fixed(p.hbm_total_gib, 1)} GiB de HBM, reservamos ${f.num(p.runtime_overhead_gib)} GiB para modelo+ativações. ` +
      `Dos ${f.fixed(p.available_gib, 1)} GiB restantes, alocamos ${f.pct(p.kv_budget_ratio)} (${f.fixed(p.kv_budget_gib, 1)} GiB) para KV cache. ` +
      `O resto (${f.pct(p.buffer_ratio)}) fica como buffer para fragmentação e overhead de runtime.`,
    sessionsEngine: ({ e, sessions_per_node }, f) =>
      `Cada réplica (${e.gpus_per_replica} GPU(s)) guarda ${f.int(e.kv_tokens)} tokens de KV cache: ${f.fixed(e.max_concurrency, 2)} requisições de ${f.int(e.context_tokens)} tokens ao mesmo tempo pelas regras do engine, então ${f.int(e.sessions_per_replica)} sessão(ões) por réplica × ${e.replicas_per_node} réplica(s) = ${f.int(sessions_per_node)} por nó.`,
    sessionsEngineSpanning: ({ e, sessions_per_node, nodes_per_replica }, f) =>
      `Cada réplica (${e.gpus_per_replica} GPUs em ${nodes_per_replica} nós) guarda ${f.int(e.kv_tokens)} tokens de KV cache: ${f.fixed(e.max_concurrency, 2)} requisições de ${f.int(e.context_tokens)} tokens ao mesmo tempo pelas regras do engine, então ${f.int(e.sessions_per_replica)} sessão(ões) por réplica, cerca de ${f.int(sessions_per_node)} por nó; as contagens de nós vêm em réplicas inteiras.`,
    kvPerSessionEngineDp: ({ e, kv_per_session_gib, data_parallel_attention, group_gpus }, f) =>
      `Pelas regras do engine ${e.memory_model}, uma sessão de ${f.int(e.context_tokens)} tokens ocupa ${f.int(e.bytes_per_session_per_rank)} bytes em cada uma das ${group_gpus} GPU(s) do grupo de atenção em paralelismo de dados que a guarda (um de ${data_parallel_attention} por réplica, cada um com as próprias sessões): ${f.fixed(kv_per_session_gib, 2)} GiB por sessão.`,
    sessionsInfeasible: (p, f) =>
      `Nem uma sessão de ${f.fixed(p.kv_per_session_gib, 2)} GiB cabe no budget de KV de ${f.fixed(p.kv_budget_gib, 1)} GiB por nó: ` +
      `este cenário não pode ser atendido neste servidor como configurado.`,
    sessions: (p, f) =>
      `Com ${f.fixed(p.kv_budget_gib, 1)} GiB disponíveis para KV e cada sessão consumindo ${f.fixed(p.kv_per_session_gib, 2)} GiB, ` +
      `cada nó pode suportar ${f.int(p.sessions_per_node)} sessões simultâneas. Este é o limite de capacidade por nó baseado exclusivamente em memória de KV cache.`,
    sessionsSlo: (p, f) =>
      `A memória sozinha comporta ${f.int(p.memory_sessions_per_node)} sessões por nó, mas as metas de latência permitem só ${f.int(p.slo_sessions_per_replica)} por réplica ` +
      `(${p.replicas_per_node} réplica(s) por nó): cada nó recebe ${f.int(p.sessions_per_node)} sessões simultâneas. As metas de latência limitam, não a memória (veja Latência e vazão).`,
    notComputable: 'Não calculável: não cabe nem 1 sessão por nó.',
    nodesCapacity: (p, f) =>
      `Para atender ${f.int(p.concurrency)} sessões simultâneas com ${f.int(p.sessions_per_node)} sessões/nó, ` +
      `precisamos de no mínimo ${f.int(p.nodes)} nós. Este é o dimensionamento de capacidade pura, sem considerar headroom para picos ou redundância para HA.`,
    nodesCapacitySpanning: (p, f) =>
      `Para atender ${f.int(p.concurrency)} sessões simultâneas com ${f.int(p.sessions_per_replica)} sessões por réplica, ` +
      `precisamos de no mínimo ${f.int(p.replicas)} réplica(s) de ${p.nodes_per_replica} nós: ${f.int(p.nodes)} nós. Este é o dimensionamento de capacidade pura, sem considerar headroom para picos ou redundância para HA.`,
    nodesWithHeadroom: (p, f) =>
      `Adicionando ${f.pct(p.peak_headroom_ratio)} de headroom para picos de tráfego, precisamos suportar ` +
      `${f.int(p.concurrency_with_headroom)} sessões simultâneas, resultando em ${f.int(p.nodes)} nós. ` +
      `Headroom garante que o sistema aguenta variações de carga sem degradação de SLO.`,
    nodesFinalInfeasible: (p) =>
      `Não calculável: não cabe nem 1 sessão por nó, então nenhum número de nós atende este cenário (os ${p.ha_nodes} nó(s) de HA sozinhos não guardariam nada).`,
    nodesFinal: (p, f) => `Adicionando ${p.ha_nodes} nó(s) para alta disponibilidade, total final é ${f.int(p.nodes)} nós. ${p.ha_sentence}`,
    nodesFinalSpanning: (p, f) =>
      `Adicionando ${p.ha_replicas} réplica(s) reserva de ${p.nodes_per_replica} nós (${p.ha_nodes} nós) para alta disponibilidade, total final é ${f.int(p.nodes)} nós: um nó com falha derruba a réplica inteira, então N+k mantém k réplicas reserva, não k nós. ${p.ha_sentence}`,
    haSentence: {
      none: 'Sem HA: qualquer falha de nó causa degradação imediata.',
      'n+1': 'Com N+1: sistema tolera falha de 1 nó mantendo SLO.',
      'n+2': 'Com N+2: sistema tolera falha de 2 nós mantendo SLO.',
    },
  },
  accepted: {
    fromTo: (p) => `de ${p.min} a ${p.max}`,
    both: (p) => `${p.low} e ${p.high}`,
    greaterThan: (x) => `maior que ${x}`,
    atLeast: (x) => `no mínimo ${x}`,
    lessThan: (x) => `menor que ${x}`,
    atMost: (x) => `no máximo ${x}`,
    onlyAtLeast: (x) => `de no mínimo ${x}`,
    onlyAtMost: (x) => `de no máximo ${x}`,
    didYouMean: (s) => ` (quis dizer ${s}?)`,
    integer: (range) => `um número inteiro ${range}`,
    tokenCount: ', ou milhares de tokens como 32k (32 × 1.024 = 32.768)',
    number: (range) => `um número ${range}`,
    string: 'um texto não vazio',
    oneOf: (p) => `um de: ${p.values}${p.suggestion}`,
    array: 'uma lista (array JSON)',
    object: 'um objeto JSON',
    noField: (p) => `campo inexistente; campos conhecidos: ${p.known}${p.suggestion}`,
    required: 'um valor: este campo é obrigatório',
    requiredEither: (other) => `um valor: este campo é obrigatório, a menos que ${other} seja informado`,
    json: (detail) => `JSON válido (${detail})`,
    readableFile: (reason) => `um arquivo legível (${reason})`,
    writablePath: (reason) => `um caminho onde um arquivo possa ser gravado (${reason})`,
    exclusive: (other) => `não junto com ${other}`,
    flag: (p) => `uma das flags de llm-sizing ${p.command}${p.suggestion}; veja llm-sizing ${p.helpCommand}--help`,
    command: (p) => `um dos comandos: ${p.values}${p.suggestion}`,
    noValue: (flag) => `${flag} sozinha: é uma chave e não recebe valor`,
    fileReason: {
      not_found: 'arquivo ou pasta inexistente',
      permission_denied: 'permissão negada',
      is_folder: 'é uma pasta',
      parent_not_folder: 'um dos diretórios do caminho não é uma pasta',
      fifo: 'é um pipe nomeado (FIFO), não um arquivo comum',
      device: 'é um dispositivo, não um arquivo comum',
      socket: 'é um socket, não um arquivo comum',
      names_folder: 'um caminho terminado em / nomeia uma pasta, não um arquivo',
    },
    fileTooLarge: (size) => `tem mais de ${size}, o máximo lido para este tipo de arquivo`,
    jsonAtPosition: (position) => `erro de sintaxe na posição ${position}`,
    jsonUnexpectedEnd: 'o texto termina antes da hora',
    jsonSyntax: 'erro de sintaxe',
    jsonShowsParserMessage: false,
  },
  problem: {
    nothing: 'nada',
    flagOfOtherCommand: (field, belongsTo, command) => `${field} é uma flag de llm-sizing ${belongsTo}, não de llm-sizing ${command}.`,
    unknownFlag: (field, acc) => `flag desconhecida ${field}: esperado ${acc}.`,
    notJson: (where, detail) => `${where} não é JSON válido (${detail}).`,
    unknownCommand: (value, acc) => `comando desconhecido ${value}: esperado ${acc}.`,
    exclusive: (field, other) => `${field} e ${other} não podem ser usadas juntas: escolha uma.`,
    noValue: (field, flag) => `${field} não recebe valor: escreva ${flag} sozinha.`,
    unknownField: (field, acc) => `campo desconhecido ${field}: ${acc}.`,
    required: (field) => `${field} está faltando: é obrigatório.`,
    requiredEither: (field, other) => `${field} está faltando: é obrigatório, a menos que ${other} seja informado (um dos dois).`,
    unknownName: (field, value, acc) => `${field}: nome desconhecido ${value}; esperado ${acc}.`,
    invalid: (field, value, acc) => `${field}: recebido ${value}; esperado ${acc}.`,
    notANumber: (field, value, acc) => `${field}: ${value} não é um número; esperado ${acc}.`,
  },
  exec: {
    summaryLoad: (p, f) =>
      `Este relatório analisa a capacidade de infraestrutura necessária para operar o modelo **${p.model}** em ambiente de produção, ` +
      `sustentando **${f.int(p.concurrency)} sessões simultâneas** com contexto efetivo de **${f.int(p.context)} tokens**.`,
    summaryMemory: (p, f) =>
      `A arquitetura do modelo (${p.layers} camadas, ${p.kv_heads} KV heads, padrão de atenção ${p.attention_pattern}) define que o principal fator limitante ` +
      `é a **memória de GPU (HBM)**: cada sessão ativa mantém **${f.fixed(p.kv_gib, 2)} GiB de KV cache**, ${f.fixed(p.kv_total_tib, 2)} TiB para toda a carga. ` +
      `O servidor base considerado é o **${p.server}** (${p.gpus} GPUs, ${f.num(p.total_hbm_gb)} GB HBM total).`,
    conclusionInfeasible: (p) =>
      `**Conclusão Principal:** como configurado, não cabe nem 1 sessão por nó ${p.server}, então nenhum número destes nós atende a carga. As entradas ou o servidor precisam mudar (veja a recomendação).`,
    conclusion: (p, f) =>
      `**Conclusão Principal:** sustentar esta carga exige **${f.int(p.nodes)} nós ${p.server}** (cenário recomendado) para garantir estabilidade, tolerância a falhas e continuidade operacional.`,
    conclusionOverstated: (p, f) =>
      `**Conclusão Principal:** como configurado, o cenário recomendado conta **${f.int(p.nodes)} nós ${p.server}**, mas esse número está superestimado: cada nó comporta menos sessões do que mostra (veja a recomendação).`,
    meaningInfeasible: 'Inviável: não cabe nem 1 sessão por nó neste cenário.',
    meaning: {
      minimum: (p, f) =>
        `Dimensionado no limite: ${f.int(p.nodes)} nó(s) atendem a carga nominal **sem tolerância a falhas**; qualquer falha ou manutenção causa indisponibilidade e picos causam throttling. Adequado apenas para desenvolvimento ou PoCs de baixa criticidade.`,
      recommended: (p, f) =>
        `Dimensionado para produção: ${f.int(p.nodes)} nós (${f.int(p.operational)} operacionais + ${p.ha_nodes} para HA) toleram a falha de ${p.ha_nodes} nó(s) e absorvem picos de ${f.pct(p.peak_headroom_ratio)}. Após uma falha, os nós restantes mantêm ${f.int(p.after_one_failure)} sessões para uma carga nominal de ${f.int(p.nominal)}.`,
      ideal: (p, f) =>
        `Máxima resiliência: ${f.int(p.nodes)} nós (${f.int(p.operational)} operacionais + ${p.ha_nodes} para HA) toleram ${p.ha_nodes} falhas simultâneas, com headroom de ${f.pct(p.peak_headroom_ratio)} e budget conservador de KV (${f.pct(p.kv_budget_ratio)}). Indicado para cargas de missão crítica (SLA > 99,95%).`,
    },
    risk: { minimum: 'Alto', recommended: 'Médio', ideal: 'Baixo' },
    faultToleranceNone: 'Nenhuma',
    faultTolerance: (p) => `${p.ha_nodes} nó(s) (${p.ha_mode})`,
    recommendationInfeasible: (p, f) =>
      `**Não comprar ainda: o cenário recomendado é inviável em ${p.server}.** Uma sessão precisa de ${f.fixed(p.kv_gib, 2)} GiB de KV cache e o budget de KV de um nó é ${f.fixed(p.kv_budget_gib, 1)} GiB.`,
    recommendationInfeasibleChange:
      'Ajuste as entradas antes de qualquer procurement: contexto efetivo menor, precisão de KV fp8, overhead de runtime menor ou servidor com mais memória de GPU; depois dimensione novamente.',
    recommendationWeightsDontFit: (p, f) =>
      `**Não comprar ainda: uma cópia dos pesos de ${p.model} (${f.fixed(p.weights_gib, 1)} GiB) não cabe em um nó ${p.server}, então nenhum número destes nós atende a carga.**`,
    recommendationOverstated: (p, f) =>
      `**Não comprar ainda: os ${f.int(p.nodes)} nós ${p.server} do cenário recomendado são um dimensionamento superestimado.** Algo que cada nó precisa guardar é contado como menor do que é:`,
    recommendationAdopt: (p, f) =>
      `**Recomenda-se a adoção do cenário RECOMENDADO: ${f.int(p.nodes)} nós ${p.server}** (${f.int(p.operational)} operacionais + ${p.ha_nodes} para HA).`,
    recommendationWhy: (p, f) =>
      `Este cenário equilibra eficiência de capital, estabilidade operacional e tolerância a falhas: suporta picos de até ${f.pct(p.peak_headroom_ratio)} acima da carga nominal e mantém a operação em caso de falha de ${p.ha_nodes} nó(s).`,
    governanceContext: (p, f) =>
      `**Limite de Contexto:** manter contexto efetivo em ${f.int(p.context)} tokens; liberação do contexto máximo (${f.int(p.max_context)} tokens) deve exigir novo dimensionamento.`,
    governanceConcurrency: (p, f) =>
      `**Concorrência Monitorada:** alertar quando a concorrência real ultrapassar ${f.int(p.alert_at)} sessões (80% do alvo), permitindo escala proativa.`,
    governancePrecision: (p) => `**Precisão KV:** manter ${p.kv_precision} como padrão; mudança de precisão requer reavaliação de capacidade e custo.`,
    governanceBudget: (p, f) =>
      `**Budget de HBM:** respeitar ${f.pct(p.kv_budget_ratio)} da memória após overhead para KV cache; ajustes devem ser validados via profiling.`,
    nextStepsInfeasible: 'Revisar as entradas e dimensionar novamente antes do procurement.',
    nextStepsOverstated: 'Resolver o que superestima o dimensionamento (veja a recomendação), dimensionar novamente e só então proceder com o procurement.',
    nextSteps: (p, f) =>
      `Proceder com procurement de ${f.int(p.nodes)} nós ${p.server}, implementar monitoramento de capacidade em tempo real e estabelecer governança para contexto e concorrência.`,
  },
  derivedField: {
    'text model': 'modelo de texto',
    'mla latent': 'latente MLA',
    indexer: 'indexador',
    'mamba state': 'estado Mamba',
    'linear attention state': 'estado da atenção linear',
    'layer kinds': 'tipos de camada',
    weights: 'pesos',
  },
  derivation: {
    config_key: (p) => p.key,
    head_dim_from_hidden: (p) => `hidden_size / num_attention_heads = ${p.hidden_size} / ${p.num_attention_heads}`,
    nested_text_config: () => 'text_config aninhado (invólucro multimodal)',
    mla_latent: (p) => `kv_lora_rank + qk_rope_head_dim = ${p.kv_lora_rank} + ${p.qk_rope_head_dim} (o MLA não guarda num_key_value_heads)`,
    mla_indexer: (p) => `index_head_dim = ${p.index_head_dim} (chaves fp8 + uma escala fp32 a cada 128)`,
    multi_query: () => 'multi_query: true (MQA)',
    mha_default: () => 'sem chave de KV heads: MHA, uma KV head por attention head',
    max_position_model_type_default: (p) => `ausente do arquivo: padrão do tipo de modelo ${p.model_type}`,
    dtype_assumed: () => 'sem torch_dtype / dtype: bfloat16 presumido',
    mamba_state: (p) => `SSM ${p.heads} × ${p.head_dim} × ${p.state} + conv (${p.inner} + 2 × ${p.groups} × ${p.state}) × (${p.conv} − 1) elementos`,
    linear_attention_state: (p) =>
      `recorrente ${p.value_heads} × ${p.key_dim} × ${p.value_dim} + conv (2 × ${p.key_heads} × ${p.key_dim} + ${p.value_heads} × ${p.value_dim}) × (${p.conv} − 1) elementos`,
    block_configs: () => 'block_configs por camada: atenção no_op / replace_with_linear não guarda KV; KV heads = num_attention_heads / n_heads_in_group',
    hybrid_override_pattern: () => "hybrid_override_pattern: '*' atenção, 'M' Mamba2, '-' / 'E' sem KV",
    layer_types: () => 'layer_types, camada por camada',
    full_attention_interval: (p) => `full_attention_interval = ${p.every}: as demais são atenção linear`,
    chunked_no_rope: () => 'no_rope_layers: as camadas NoPE são globais, as demais em blocos',
    chunked_every_4th: () => 'attention_chunk_size: uma camada global a cada 4 (padrão do Llama 4), as demais em blocos',
    sliding_window_pattern: (p) => `sliding_window_pattern = ${p.every}`,
    model_type_pattern: (p) => `padrão do tipo de modelo ${p.model_type}: 1 camada completa a cada ${p.every}`,
    max_window_layers: (p) => `use_sliding_window com max_window_layers = ${p.max_window_layers}`,
    sliding_every_layer: () => 'sliding_window em todas as camadas',
    mla_every_layer: () => 'MLA em todas as camadas',
    sliding_disabled: () => 'use_sliding_window: false (sliding_window ignorado): atenção completa',
    full_every_layer: () => 'atenção completa em todas as camadas',
    quantization: (p) => `${p.key}: bytes por parâmetro = ${p.bytes_per_param}`,
    mla_ignores_kv_heads: () => 'ignorado: o MLA guarda um latente, não KV heads',
    moe_experts: (p) => `${p.layers} camadas MoE × ${p.experts} especialistas roteados × 3 × ${p.hidden_size} × ${p.intermediate_size} (projeções gate, up e down), em bilhões`,
    active_params: (p) => `embeddings (vocabulário ${p.vocab_size}) + ${p.layers} camadas de projeções de atenção + MLPs densos + ${p.experts_per_token} especialista(s) roteado(s) por token em ${p.moe_layers} camadas MoE, em bilhões`,
  },
  derivedValue: {
    full_attention_interval: (p) => `1 completa a cada ${p.every}`,
    chunked_no_rope: (p) => `blocos de ${p.chunk}`,
    chunked_every_4th: (p) => `blocos de ${p.chunk}`,
    sliding_window_pattern: (p) => `1 completa a cada ${p.every}`,
    model_type_pattern: (p) => `1 completa a cada ${p.every}`,
  },
  cli: {
    runHelp: "Execute 'llm-sizing --help' para ver o uso.",
    batchProgress: (p) => `llm-sizing batch: ${p.lines} linhas (${p.invalid} inválidas)…`,
    batchInvalid: (p) => `llm-sizing batch: ${p.invalid} de ${p.lines} linhas inválidas (veja os objetos "error" na saída).`,
    serveListening: (p) => `llm-sizing serve: escutando em ${p.url} (API: ${p.api}, Ctrl-C para parar)`,
    serveFailure: 'llm-sizing serve: falha inesperada ao responder a uma requisição:',
  },
  perf: PERF_PT_BR,
  cost: COST_PT_BR,
  formulaWords: { layers: 'camadas', stateBytes: 'bytes de estado', notSized: '(não dimensionado: 0)', keepNoKv: 'camadas não guardam KV', indexer: 'indexador' },
};
