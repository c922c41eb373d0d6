/** Português do Brasil: títulos e redação seguem a ferramenta original (versão 2.0). */
import type { Alert } from '../../core/alerts.ts';
import type { ParameterKey } from '../../core/parameters.ts';
import type { LayerGroupSpec } from '../../schema/catalog.ts';
import type { RationaleKey } from '../../core/rationale.ts';
import type { ScenarioResult, SizingResult } from '../../core/sizing.ts';
import type { Accepted } from '../../schema/problems.ts';
import type { Fmt } from '../format.ts';
import { concurrencyWithHeadroom, kvExplanationFacts, type ProblemPhrases, quote, renderProblem, ruleDetail } from './common.ts';
import type { Labels, Messages, ParameterText } from './types.ts';

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
  catalogModels: 'MODELOS',
  catalogServers: 'SERVIDORES',
  catalogStorage: 'PERFIS DE STORAGE',
  catalogBuiltIn: 'embutido',
  catalogFrom: 'de {file}',
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

const PARAMETERS: Readonly<Record<ParameterKey, ParameterText>> = {
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
};

function layerGroup(g: LayerGroupSpec, f: Fmt): string {
  const dims = (kv: number, hd: number, vd?: number) => `${kv} KV heads × ${hd}${vd && vd !== hd ? ` (K) + ${vd} (V)` : ''} dims`;
  switch (g.kind) {
    case 'full':
      return `${g.count} × atenção completa: ${dims(g.kv_heads, g.head_dim, g.v_head_dim)}, todos os tokens do contexto`;
    case 'sliding':
      return `${g.count} × janela deslizante: ${dims(g.kv_heads, g.head_dim, g.v_head_dim)}, ${f.int(g.window)} tokens`;
    case 'chunked':
      return `${g.count} × atenção local em blocos: ${dims(g.kv_heads, g.head_dim, g.v_head_dim)}, blocos de ${f.int(g.chunk)} tokens`;
    case 'mla':
      return `${g.count} × MLA: um latente de ${g.kv_lora_rank} + ${g.qk_rope_head_dim} dims RoPE por token (sem par K/V)${g.indexer_head_dim ? `, mais uma chave de indexador de ${g.indexer_head_dim} dims` : ''}`;
    case 'linear_attention':
      return `${g.count} × atenção linear: ${g.state_bytes === null ? 'um estado que o config não dimensiona' : `um estado constante de ${f.int(g.state_bytes)} bytes por sessão`}`;
    case 'mamba':
      return `${g.count} × Mamba2: ${g.state_bytes === null ? 'um estado que o config não dimensiona' : `um estado constante de ${f.int(g.state_bytes)} bytes por sessão`}`;
    case 'none':
      return `${g.count} × sem KV cache (só MLP ou atenção no-op)`;
  }
}

function haSentence(s: ScenarioResult): string {
  switch (s.configuration.ha_mode) {
    case 'none':
      return 'Sem HA: qualquer falha de nó causa degradação imediata.';
    case 'n+1':
      return 'Com N+1: sistema tolera falha de 1 nó mantendo SLO.';
    case 'n+2':
      return 'Com N+2: sistema tolera falha de 2 nós mantendo SLO.';
  }
}

function explanation(key: RationaleKey, s: ScenarioResult, r: SizingResult, f: Fmt): string {
  const n = s.results;
  const c = s.configuration;
  const nfr = r.inputs.nfr;
  const m = r.inputs.model;
  const srv = r.inputs.server;
  switch (key) {
    case 'kv_per_session_gib': {
      if (s.engine) {
        const e = s.engine;
        return `Pelas regras do engine ${e.memory_model}, uma sessão de ${f.int(e.context_tokens)} tokens ocupa ${f.int(e.bytes_per_session_per_rank)} bytes em cada uma das ${e.layout.gpus_per_replica} GPU(s) de uma réplica (blocos, janelas e heads replicadas incluídos): ${f.fixed(n.kv_per_session_gib, 2)} GiB por sessão.`;
      }
      if (m.kv_layers) {
        return (
          `O KV cache guarda, para uma sessão: ${m.kv_layers.map((g) => layerGroup(g, f)).join('; ')}. ` +
          `São ${f.int(r.kv.bytes_per_context_token)} bytes por token de contexto (${f.int(r.kv.effective_context_used)} tokens) mais ${f.int(r.kv.constant_bytes)} bytes que não crescem com ele. ` +
          `Total de ${f.fixed(n.kv_per_session_gib, 2)} GiB por sessão ativa.`
        );
      }
      const { full, sliding, perPositionBytes: perPosition } = kvExplanationFacts(r);
      const parts: string[] = [];
      if (full) parts.push(`${full.layers} camadas full guardam os ${f.int(full.tokens)} tokens do contexto`);
      if (sliding) parts.push(`${sliding.layers} camadas sliding guardam ${f.int(sliding.tokens)} tokens cada`);
      return (
        `KV cache armazena tensores Key e Value de todas as camadas para o contexto da sessão. ` +
        `Cada posição no contexto mantém ${m.num_key_value_heads} heads × ${m.head_dim} dims × ${r.kv.bytes_per_element} bytes/elem = ` +
        `${f.int(perPosition)} bytes por posição (K+V separados, daí fator 2). ` +
        `Modelo com attention_pattern='${m.attention_pattern}': ${parts.join(' e ')}. ` +
        `Total de ${f.fixed(n.kv_per_session_gib, 2)} GiB por sessão ativa.`
      );
    }
    case 'kv_total_gib':
      return (
        `Memória total de KV cache necessária para suportar ${f.int(nfr.concurrency)} sessões simultâneas. ` +
        `Cada sessão precisa de ${f.fixed(n.kv_per_session_gib, 2)} GiB, totalizando ${f.fixed(n.kv_total_tib, 2)} TiB distribuídos entre os nós do cluster.`
      );
    case 'hbm_total_gib':
      return (
        `Servidor ${srv.name} tem ${srv.gpus} GPUs × ${f.num(srv.hbm_per_gpu_gb)} GB/GPU = ${f.num(r.node_memory.total_hbm_gb)} GB total. ` +
        `Convertido para GiB (binário): ${f.fixed(n.hbm_total_gib, 1)} GiB. Esta é a memória total disponível por nó para modelo, KV cache, ativações e buffers.`
      );
    case 'kv_budget_gib': {
      if (s.engine) {
        const e = s.engine;
        return `A contabilidade ${e.memory_model} deixa ${f.fixed(e.per_gpu.kv_cache_gib, 2)} GiB de KV cache por GPU (${f.fixed(e.per_gpu.gpu_memory_gib, 1)} GiB, menos ${f.fixed(e.per_gpu.weights_gib, 1)} GiB de pesos, ${f.fixed(e.per_gpu.activation_gib, 2)} GiB de pico de ativações, ${f.fixed(e.per_gpu.non_torch_gib, 2)} GiB fora do framework e ${f.fixed(e.per_gpu.reserved_gib, 1)} GiB mantidos livres): ${f.fixed(n.kv_budget_gib, 1)} GiB nas ${e.layout.gpus_used} GPUs em réplicas.`;
      }
      const available = n.hbm_total_gib - nfr.runtime_overhead_gib;
      if (n.kv_budget_gib <= 0) {
        return (
          `De ${f.fixed(n.hbm_total_gib, 1)} GiB de HBM, reservamos ${f.num(nfr.runtime_overhead_gib)} GiB para modelo+ativações: ` +
          `não sobra nada para KV cache. Reduza o overhead ou use um servidor com mais memória.`
        );
      }
      return (
        `De ${f.fixed(n.hbm_total_gib, 1)} GiB de HBM, reservamos ${f.num(nfr.runtime_overhead_gib)} GiB para modelo+ativações. ` +
        `Dos ${f.fixed(available, 1)} GiB restantes, alocamos ${f.pct(c.kv_budget_ratio)} (${f.fixed(n.kv_budget_gib, 1)} GiB) para KV cache. ` +
        `O resto (${f.pct(1 - c.kv_budget_ratio)}) fica como buffer para fragmentação e overhead de runtime.`
      );
    }
    case 'sessions_per_node':
      if (s.engine) {
        const e = s.engine;
        return `Cada réplica (${e.layout.gpus_per_replica} GPU(s)) guarda ${f.int(e.kv_tokens)} tokens de KV cache: ${f.fixed(e.max_concurrency, 2)} requisições de ${f.int(e.context_tokens)} tokens ao mesmo tempo pelas regras do engine, então ${f.int(e.sessions_per_replica)} sessão(ões) por réplica × ${e.layout.replicas_per_node} réplica(s) = ${f.int(n.sessions_per_node)} por nó.`;
      }
      if (!s.feasible) {
        return (
          `Nem uma sessão de ${f.fixed(n.kv_per_session_gib, 2)} GiB cabe no budget de KV de ${f.fixed(n.kv_budget_gib, 1)} GiB por nó: ` +
          `este cenário não pode ser atendido neste servidor como configurado.`
        );
      }
      return (
        `Com ${f.fixed(n.kv_budget_gib, 1)} GiB disponíveis para KV e cada sessão consumindo ${f.fixed(n.kv_per_session_gib, 2)} GiB, ` +
        `cada nó pode suportar ${f.int(n.sessions_per_node)} sessões simultâneas. Este é o limite de capacidade por nó baseado exclusivamente em memória de KV cache.`
      );
    case 'nodes_capacity':
      if (n.nodes_capacity === null) return 'Não calculável: não cabe nem 1 sessão por nó.';
      return (
        `Para atender ${f.int(nfr.concurrency)} sessões simultâneas com ${f.int(n.sessions_per_node)} sessões/nó, ` +
        `precisamos de no mínimo ${f.int(n.nodes_capacity)} nós. Este é o dimensionamento de capacidade pura, sem considerar headroom para picos ou redundância para HA.`
      );
    case 'nodes_with_headroom':
      if (n.nodes_with_headroom === null) return 'Não calculável: não cabe nem 1 sessão por nó.';
      return (
        `Adicionando ${f.pct(c.peak_headroom_ratio)} de headroom para picos de tráfego, precisamos suportar ` +
        `${f.int(concurrencyWithHeadroom(s, r))} sessões simultâneas, resultando em ${f.int(n.nodes_with_headroom)} nós. ` +
        `Headroom garante que o sistema aguenta variações de carga sem degradação de SLO.`
      );
    case 'nodes_final':
      if (n.nodes_final === null) {
        return `Não calculável: não cabe nem 1 sessão por nó, então nenhum número de nós atende este cenário (os ${c.ha_extra_nodes} nó(s) de HA sozinhos não guardariam nada).`;
      }
      return `Adicionando ${c.ha_extra_nodes} nó(s) para alta disponibilidade, total final é ${f.int(n.nodes_final)} nós. ${haSentence(s)}`;
  }
}

function alertMessage(a: Alert, f: Fmt): string {
  switch (a.code) {
    case 'context_clamped':
      return `effective_context=${f.int(a.params.requested_context)} excede max_position_embeddings=${f.int(a.params.max_position_embeddings)}. Clampado para ${f.int(a.params.max_position_embeddings)}.`;
    case 'kv_precision_2_bytes':
      return `kv_precision=${a.params.kv_precision} usa 2 bytes/elemento. Considere fp8 (1 byte) para reduzir memória pela metade com mínima perda de qualidade.`;
    case 'no_kv_budget':
      return `Budget de KV <= 0 (hbm_total=${f.fixed(a.params.hbm_total_gib, 1)} GiB, overhead=${f.num(a.params.runtime_overhead_gib)} GiB). Servidor não tem memória suficiente. Reduza overhead ou use servidor maior.`;
    case 'zero_sessions_per_node':
      return `Sessões por nó = 0. Uma única sessão precisa de ${f.fixed(a.params.kv_per_session_gib, 2)} GiB mas budget é ${f.fixed(a.params.kv_budget_gib, 1)} GiB. Soluções: (1) Reduzir effective_context, (2) Usar fp8 em vez de fp16, (3) Reduzir runtime_overhead_gib, (4) Aumentar kv_budget_ratio, ou (5) Usar servidor com mais HBM.`;
    case 'long_context':
      return `Contexto longo (${f.int(a.params.effective_context)} tokens) aumenta TTFT (Time To First Token) e pressiona I/O de storage durante prefill. Storage: ${a.params.storage} (${f.num(a.params.throughput_read_gbps)} GB/s read, P99=${f.num(a.params.latency_read_ms_p99)} ms).`;
    case 'high_kv_budget_ratio':
      return `kv_budget_ratio=${f.num(a.params.kv_budget_ratio)} é alto (>${f.pct(a.params.threshold)}). Risco de fragmentação de memória e instabilidade. Considere reduzir para 0.65-0.70 ou usar servidor com mais HBM.`;
    case 'low_runtime_overhead':
      return `runtime_overhead_gib=${f.num(a.params.runtime_overhead_gib)} parece baixo (<${f.int(a.params.threshold_gib)} GiB). Modelos grandes (>50B parâmetros) tipicamente precisam de 80-150 GiB. Verifique se não está subestimado.`;
    case 'remote_storage_long_context':
      return `Storage ${a.params.storage} é ${a.params.storage_type}, não NVMe local: com contextos de ${f.int(a.params.effective_context)} tokens, prefill, cold start e carga do modelo dependem de leituras de ${f.num(a.params.throughput_read_gbps)} GB/s com P99=${f.num(a.params.latency_read_ms_p99)} ms. Prefira NVMe local para servir contextos longos.`;
    case 'sliding_window_exceeds_context':
      return `As ${a.params.sliding_layers} camadas sliding (ou chunked) são dimensionadas com a janela inteira (${f.int(a.params.sliding_window)} tokens) embora o contexto seja de apenas ${f.int(a.params.effective_context)} tokens (regra da versão 2.0); um engine guarda no máximo o contexto, então o KV calculado é conservador.`;
    case 'low_sessions_per_node':
      return `Apenas ${f.int(a.params.sessions_per_node)} sessões cabem por nó (<${a.params.threshold}): contexto muito longo ou precisão ineficiente para este servidor. Considere fp8, contexto menor ou servidor com mais HBM.`;
    case 'many_nodes':
      return `O cenário recomendado exige ${f.int(a.params.nodes_final)} nós (>${a.params.threshold}). Revise os NFRs (concorrência, contexto, precisão) ou considere modelo menor ou servidor maior.`;
    case 'high_peak_headroom':
      return `peak_headroom_ratio=${f.num(a.params.peak_headroom_ratio)} está acima de ${f.pct(a.params.threshold)}: headroom desse tamanho costuma ser over-provisioning. Confira contra os picos medidos.`;
    case 'weights_exceed_overhead':
      return `Os pesos sozinhos ocupam ${f.fixed(a.params.weights_gib, 1)} GiB (${f.num(a.params.params_b)}B parâmetros × ${f.num(a.params.bytes_per_param)} bytes) por nó, mais que runtime_overhead_gib=${f.num(a.params.runtime_overhead_gib)}: o budget de KV está superestimado. Aumente --runtime-overhead-gib para os pesos mais ativações e buffers.`;
    case 'state_size_unknown':
      return `${a.params.layers} camadas de atenção linear ou Mamba mantêm um estado constante por sessão que o config não dimensiona; aqui ele conta como 0.`;
    case 'kv_heads_replicated':
      return `O modelo tem ${a.params.kv_heads} KV heads para tensor parallel ${a.params.tensor_parallel}: cada KV head é replicada em ${f.num(a.params.copies)} ranks, então cada rank ainda guarda uma head e o TP não reduz o KV cache por GPU abaixo disso.`;
    case 'mla_replicated':
      return `MLA guarda um latente por token, replicado em cada um dos ${a.params.tensor_parallel} ranks de TP: tensor parallelism não aumenta a capacidade de tokens do MLA (atenção data-parallel aumenta).`;
    case 'engine_no_kv_memory':
      return `A contabilidade ${a.params.memory_model} não deixa memória para KV cache: dos ${f.fixed(a.params.gpu_memory_gib, 1)} GiB por GPU, os pesos ocupam ${f.fixed(a.params.weights_gib, 1)} GiB, ativações ${f.fixed(a.params.activation_gib, 1)}, fora do torch ${f.fixed(a.params.non_torch_gib, 1)} e o engine mantém ${f.fixed(a.params.reserved_gib, 1)} livres. Distribua os pesos em mais GPUs (--tensor-parallel), quantize-os ou use GPUs maiores.`;
    case 'engine_weights_unknown':
      return `Os pesos não são conhecidos (sem contagem de parâmetros, sem --weights-gib): o modelo de memória ${a.params.memory_model} os conta como 0, o que superestima a memória de KV. Informe --params-b, --weights-gib ou o --kv-cache-memory-gib do engine.`;
    case 'max_position_embeddings_assumed':
      return `O config não tem max_position_embeddings: foi usado o padrão do tipo de modelo "${a.params.model_type}" (${f.int(a.params.max_position_embeddings)} tokens).`;
  }
}

function accepted(a: Accepted, f: Fmt): string {
  const range = (min: number | undefined, max: number | undefined, minExclusive = false, maxExclusive = false) => {
    if (min !== undefined && max !== undefined) {
      if (!minExclusive && !maxExclusive) return `de ${f.num(min, 6)} a ${f.num(max, 6)}`;
      return `${minExclusive ? 'maior que' : 'no mínimo'} ${f.num(min, 6)} e ${maxExclusive ? 'menor que' : 'no máximo'} ${f.num(max, 6)}`;
    }
    if (min !== undefined) return `${minExclusive ? 'maior que' : 'de no mínimo'} ${f.num(min, 6)}`;
    if (max !== undefined) return `${maxExclusive ? 'menor que' : 'de no máximo'} ${f.num(max, 6)}`;
    return '';
  };
  switch (a.kind) {
    case 'integer':
      return `um número inteiro ${range(a.min, a.max)}`.trimEnd();
    case 'number':
      return `um número ${range(a.min, a.max, a.minExclusive, a.maxExclusive)}`.trimEnd();
    case 'string':
      return 'um texto não vazio';
    case 'one_of':
      return `um de: ${a.values.join(', ')}${a.suggestion ? ` (quis dizer ${quote(a.suggestion)}?)` : ''}`;
    case 'array':
      return 'uma lista (array JSON)';
    case 'object':
      return 'um objeto JSON';
    case 'no_field':
      return `campo inexistente; campos conhecidos: ${a.known.join(', ')}${a.suggestion ? ` (quis dizer ${quote(a.suggestion)}?)` : ''}`;
    case 'required':
      return 'um valor: este campo é obrigatório';
    case 'json':
      return `JSON válido (${a.detail})`;
    case 'readable_file':
      return `um arquivo legível (${a.detail})`;
    case 'writable_path':
      return `um caminho onde um arquivo possa ser gravado (${a.detail})`;
    case 'exclusive':
      return `não junto com ${a.with}`;
    case 'flag':
      return `uma das flags de llm-sizing ${a.command ?? ''}${a.suggestion ? ` (quis dizer ${a.suggestion}?)` : ''}; veja llm-sizing ${a.command === 'size' || !a.command ? '' : `${a.command} `}--help`;
    case 'command':
      return `um dos comandos: ${a.values.join(', ')}${a.suggestion ? ` (quis dizer ${quote(a.suggestion)}?)` : ''}`;
    case 'no_value':
      return `${a.flag} sozinha: é uma chave e não recebe valor`;
    case 'rule':
      return ruleDetail(a.rule, a.detail, {
        hybrid_counts_required: (d) => `uma contagem de camadas (o modelo hybrid ${d.model} precisa de hybrid_full_layers e hybrid_sliding_layers)`,
        trimmed_name: () => 'um nome sem espaços no início ou no fim',
        keeps_kv: (d) => `um modelo que guarde algo por sessão (o modelo ${d.model} não tem camada de atenção nem estado dimensionado)`,
        host_address: () => 'um nome de host ou endereço IP onde escutar (ex.: 127.0.0.1, ::1, 0.0.0.0)',
        listen_failed: (d) => `uma porta utilizável em ${d.host} (${d.code}: em uso, não permitida ou endereço inexistente); --port 0 usa qualquer porta livre`,
        name_needs_config: () => 'uso junto com --hf-config (ou catalog import): nomeia o modelo que um config.json descreve',
        layout_exceeds_gpus: (d) => `um layout que caiba no servidor: TP ${d.tp} × PP ${d.pp} precisa de ${Number(d.tp) * Number(d.pp)} GPUs, ${d.server} tem ${d.gpus}`,
        tp_kv_heads: (d) => `um tensor parallel que divida as KV heads ou seja dividido por elas (modelo ${d.model}: ${d.kv_heads} KV heads, TP ${d.tp})`,
        tp_query_heads: (d) => `um tensor parallel que divida as attention heads (modelo ${d.model}: ${d.heads} heads, TP ${d.tp})`,
        pp_layers: (d) => `no máximo um estágio de pipeline por camada (${d.layers} camadas, PP ${d.pp})`,
        replicas_exceed_gpus: (d) => `réplicas que caibam no nó: ${d.replicas} × ${d.gpus_per_replica} GPUs é mais que ${d.gpus}`,
        calibrate_nothing_found: () => 'um log de inicialização do vLLM, SGLang ou TensorRT-LLM (nenhuma linha deles foi reconhecida)',
        knob_needs_engine: (d) => `--memory-model ${d.models}: esta configuração pertence a esse engine e seria ignorada por ${d.given}`,
        kv_layers_sum: (d) => `kv_layers cujas contagens somem num_layers (modelo ${d.model}: ${d.sum} camadas listadas, num_layers é ${d.num_layers})`,
        heads_divisible: (d) => `um número de query heads múltiplo das KV heads (modelo ${d.model}: ${d.num_attention_heads} heads, ${d.kv_heads} KV heads)`,
        hf_unsupported: (d) => `um config que esta ferramenta saiba interpretar: ${d.what} não são suportadas, e dimensioná-las como atenção completa seria um palpite`,
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
        unique_name: (d) => `um nome que nenhuma outra entrada use (${quote(String(d.name))} aparece duas vezes)`,
        catalog_top_level: (d) => `uma lista "${d.key}" no topo do arquivo, como nos arquivos da ferramenta original`,
        different_output_files: (d) => `um arquivo diferente do de ${d.other}`,
        extra_argument: (d) => `nenhum argumento adicional (llm-sizing ${d.command} aceita no máximo um)`,
      });
  }
}

const PROBLEM_PHRASES: ProblemPhrases = {
  accepted,
  nothing: 'nada',
  flagOfOtherCommand: (field, belongsTo, command) => `${field} é uma flag de llm-sizing ${belongsTo}, não de llm-sizing ${command}.`,
  unknownFlag: (field, acc) => `flag desconhecida ${field}: esperado ${acc}.`,
  notJson: (where, detail) => `${where} não é JSON válido (${detail}).`,
  unknownCommand: (value, acc) => `comando desconhecido ${value}: esperado ${acc}.`,
  exclusive: (field, other) => `${field} e ${other} não podem ser usadas juntas: escolha uma.`,
  noValue: (field, flag) => `${field} não recebe valor: escreva ${flag} sozinha.`,
  unknownField: (field, acc) => `campo desconhecido ${field}: ${acc}.`,
  required: (field) => `${field} está faltando: é obrigatório.`,
  unknownName: (field, value, acc) => `${field}: nome desconhecido ${value}; esperado ${acc}.`,
  invalid: (field, value, acc) => `${field}: recebido ${value}; esperado ${acc}.`,
};

const RISK = { minimum: 'Alto', recommended: 'Médio', ideal: 'Baixo' } as const;

export const ptBR: Messages = {
  locale: 'pt-BR',
  labels: LABELS,
  apiError: {
    not_found: 'Rota ou arquivo inexistente.',
    method_not_allowed: 'Esta rota não aceita este método.',
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
  parameters: PARAMETERS,
  alert: alertMessage,
  layerGroup,
  explanation,
  accepted,
  problem: (p, field, f) => renderProblem(p, field, f, PROBLEM_PHRASES),
  exec: {
    summary: (r, f) => {
      const nfr = r.inputs.nfr;
      const m = r.inputs.model;
      const srv = r.inputs.server;
      const rec = r.scenarios.recommended;
      return [
        `Este relatório analisa a capacidade de infraestrutura necessária para operar o modelo **${m.name}** em ambiente de produção, ` +
          `sustentando **${f.int(nfr.concurrency)} sessões simultâneas** com contexto efetivo de **${f.int(nfr.effective_context_used)} tokens**.`,
        `A arquitetura do modelo (${m.num_layers} camadas, ${m.num_key_value_heads} KV heads, padrão de atenção ${m.attention_pattern}) define que o principal fator limitante ` +
          `é a **memória de GPU (HBM)**: cada sessão ativa mantém **${f.fixed(r.kv.gib, 2)} GiB de KV cache**, ${f.fixed(rec.results.kv_total_tib, 2)} TiB para toda a carga. ` +
          `O servidor base considerado é o **${srv.name}** (${srv.gpus} GPUs, ${f.num(r.node_memory.total_hbm_gb)} GB HBM total).`,
        rec.results.nodes_final === null
          ? `**Conclusão Principal:** como configurado, não cabe nem 1 sessão por nó ${srv.name}, então nenhum número destes nós atende a carga. As entradas ou o servidor precisam mudar (veja a recomendação).`
          : `**Conclusão Principal:** sustentar esta carga exige **${f.int(rec.results.nodes_final)} nós ${srv.name}** (cenário recomendado) para garantir estabilidade, tolerância a falhas e continuidade operacional.`,
      ];
    },
    scenarioMeaning: (s, r, f) => {
      const n = s.results;
      if (n.nodes_final === null) return 'Inviável: não cabe nem 1 sessão por nó neste cenário.';
      switch (s.key) {
        case 'minimum':
          return `Dimensionado no limite: ${f.int(n.nodes_final)} nó(s) atendem a carga nominal **sem tolerância a falhas**; qualquer falha ou manutenção causa indisponibilidade e picos causam throttling. Adequado apenas para desenvolvimento ou PoCs de baixa criticidade.`;
        case 'recommended':
          return `Dimensionado para produção: ${f.int(n.nodes_final)} nós (${f.int(n.nodes_with_headroom ?? 0)} operacionais + ${s.configuration.ha_extra_nodes} para HA) toleram a falha de ${s.configuration.ha_extra_nodes} nó(s) e absorvem picos de ${f.pct(s.configuration.peak_headroom_ratio)}. Após uma falha, os nós restantes mantêm ${f.int(n.sessions_per_node * (n.nodes_final - 1))} sessões para uma carga nominal de ${f.int(r.inputs.nfr.concurrency)}.`;
        case 'ideal':
          return `Máxima resiliência: ${f.int(n.nodes_final)} nós (${f.int(n.nodes_with_headroom ?? 0)} operacionais + ${s.configuration.ha_extra_nodes} para HA) toleram ${s.configuration.ha_extra_nodes} falhas simultâneas, com headroom de ${f.pct(s.configuration.peak_headroom_ratio)} e budget conservador de KV (${f.pct(s.configuration.kv_budget_ratio)}). Indicado para cargas de missão crítica (SLA > 99,95%).`;
      }
    },
    risk: (key) => RISK[key],
    faultTolerance: (s) => (s.configuration.ha_extra_nodes === 0 ? 'Nenhuma' : `${s.configuration.ha_extra_nodes} nó(s) (${s.configuration.ha_mode.toUpperCase()})`),
    recommendation: (r, f) => {
      const rec = r.scenarios.recommended;
      const srv = r.inputs.server;
      if (rec.results.nodes_final === null) {
        return [
          `**Não comprar ainda: o cenário recomendado é inviável em ${srv.name}.** Uma sessão precisa de ${f.fixed(r.kv.gib, 2)} GiB de KV cache e o budget de KV de um nó é ${f.fixed(rec.results.kv_budget_gib, 1)} GiB.`,
          'Ajuste as entradas antes de qualquer procurement: contexto efetivo menor, precisão de KV fp8, overhead de runtime menor ou servidor com mais memória de GPU; depois dimensione novamente.',
        ];
      }
      return [
        `**Recomenda-se a adoção do cenário RECOMENDADO: ${f.int(rec.results.nodes_final)} nós ${srv.name}** (${f.int(rec.results.nodes_with_headroom ?? 0)} operacionais + ${rec.configuration.ha_extra_nodes} para HA).`,
        `Este cenário equilibra eficiência de capital, estabilidade operacional e tolerância a falhas: suporta picos de até ${f.pct(rec.configuration.peak_headroom_ratio)} acima da carga nominal e mantém a operação em caso de falha de ${rec.configuration.ha_extra_nodes} nó(s).`,
      ];
    },
    governance: (r, f) => {
      const nfr = r.inputs.nfr;
      const rec = r.scenarios.recommended;
      return [
        `**Limite de Contexto:** manter contexto efetivo em ${f.int(nfr.effective_context_used)} tokens; liberação do contexto máximo (${f.int(r.inputs.model.max_position_embeddings)} tokens) deve exigir novo dimensionamento.`,
        `**Concorrência Monitorada:** alertar quando a concorrência real ultrapassar ${f.int(Math.floor(nfr.concurrency * 0.8))} sessões (80% do alvo), permitindo escala proativa.`,
        `**Precisão KV:** manter ${nfr.kv_precision.toUpperCase()} como padrão; mudança de precisão requer reavaliação de capacidade e custo.`,
        `**Budget de HBM:** respeitar ${f.pct(rec.configuration.kv_budget_ratio)} da memória após overhead para KV cache; ajustes devem ser validados via profiling.`,
      ];
    },
    nextSteps: (r, f) => {
      const rec = r.scenarios.recommended;
      if (rec.results.nodes_final === null) return 'Revisar as entradas e dimensionar novamente antes do procurement.';
      return `Proceder com procurement de ${f.int(rec.results.nodes_final)} nós ${r.inputs.server.name}, implementar monitoramento de capacidade em tempo real e estabelecer governança para contexto e concorrência.`;
    },
  },
};
