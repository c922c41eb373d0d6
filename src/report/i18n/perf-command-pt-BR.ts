/** O relatório de `llm-sizing perf` em português (a forma: ./perf-command-phrases.ts). */
import type { PerfCommandPhrases } from './perf-command-phrases.ts';

export const perfCommandPtBR: PerfCommandPhrases = {
  title: (p) => `Desempenho de ${p.model} em ${p.server} (${p.gpus_used} de ${p.gpus} GPUs)`,
  deployment: (p) => `Implantação: modelo de memória ${p.memory_model}; ${p.replicas} réplica(s) de TP ${p.tp} × PP ${p.pp} = ${p.gpus_per_replica} GPU(s); pesos ${p.weights}, KV ${p.kv}`,
  workload: (p) => `Carga de trabalho: ${p.input} tokens de entrada e ${p.output} tokens de saída por requisição (médias)`,
  loadConcurrency: (p) => `Carga: ${p.sessions} sessões em andamento na implantação`,
  loadRate: (p) => `Carga: ${p.rate} requisições/s chegando à implantação (Poisson)`,
  loadMax: 'Carga: vazão máxima (cada réplica roda o lote limitado pela memória)',
  figures: 'Números (intervalo de 80 % entre colchetes)',
  rationale: 'Justificativa',
  interval: (p) => `[80 %: ${p.low} – ${p.high}]`,
  label: {
    sessions: 'Sessões por réplica',
    ttft: 'TTFT (tempo até o primeiro token)',
    tpot: 'TPOT (tempo por token de saída)',
    tokens: 'Tokens de saída/s (implantação)',
    requests: 'Requisições/s (implantação)',
    bound: 'Limite que prevalece',
    calibration: 'Calibração',
  },
  bound: {
    memory: 'memória: o lote é o máximo de sessões que o cache KV comporta',
    compute: 'computação: os tensor cores definem o tempo do passo',
    bandwidth: 'banda: ler pesos e KV da memória define o tempo do passo',
    queueing: 'fila: esperar a vez do prefill é a maior parte do TTFT',
  },
  tokensSplit: (p) => `por réplica ${p.replica}, por nó ${p.node}`,
  sessionsMemory: (p) => `a memória comporta ${p.memory}; ${p.replicas} réplica(s)`,
  saturated: 'Saturado: a taxa de requisições excede o que a implantação conclui dentro da sua memória; a fila cresce sem limite (o TTFT não tem valor finito)',
  calibration: (p) =>
    p.extrapolated ? `conjunto ${p.id}, ajustado em outra família de GPU ou outro engine (extrapolado: intervalos alargados)` : `conjunto ${p.id}, ajustado nesta família de GPU e neste engine`,
  formulaLabel: 'fórmula',
  inputsLabel: 'entradas',
  meaningLabel: 'significado',
  item: {
    step: {
      title: (p) => `Passo de decode (lote ${p.batch}, ${p.context} tokens de contexto cada) = ${p.total_ms} ms`,
      formula: 'passo = max(pesos ÷ BW, FLOPs das GEMMs ÷ F) + max(KV ÷ BW, FLOPs de atenção ÷ F) + all-reduce de TP + custos fixos por camada e por passo',
      inputs: (p) =>
        `pesos ${p.weights_gb} GB por GPU e KV ${p.kv_gb} GB por GPU a BW ${p.bandwidth} TB/s efetivos: ${p.weights_ms} ms e ${p.kv_ms} ms; GEMMs ${p.gemm_tflop} TFLOP e atenção ${p.attention_tflop} TFLOP por GPU a F ${p.tflops} TFLOPS efetivos (${p.precision}): ${p.compute_ms} ms e ${p.attention_ms} ms; all-reduce ${p.allreduce_ms} ms; custos fixos ${p.overhead_ms} ms`,
      meaning: 'cada sessão do lote recebe um token por passo; o maior termo de cada par é o que custa tempo',
    },
    prefill: {
      title: (p) => `Prefill de um prompt (${p.tokens} tokens, ${p.chunks} bloco(s)) = ${p.total_ms} ms`,
      formula: 'prefill = max(pesos lidos por bloco ÷ BW, 2 × parâmetros ativos × tokens ÷ F) + termo n² da atenção ÷ F + all-reduce + custos fixos por bloco',
      inputs: (p) => `pesos ${p.weights_ms} ms, camadas lineares ${p.compute_ms} ms, atenção ${p.attention_ms} ms, all-reduce ${p.allreduce_ms} ms, custos fixos ${p.overhead_ms} ms`,
      meaning: 'os tokens do prompt são processados juntos, limitados pelos tensor cores; o orçamento de tokens por lote do engine corta um prompt longo em blocos',
    },
    tpot: {
      title: (p) => `TPOT: p50 ${p.p50_ms} ms, p99 ${p.p99_ms} ms`,
      formula: 'TPOT = passo + (sessões − 1) × prefill ÷ tokens de saída; p99: (m + 2,326 √m) prefills com m = sessões − 1 (Poisson)',
      inputs: (p) => `passo ${p.step_ms} ms, ${p.sessions} sessões, prefill ${p.prefill_ms} ms, ${p.output} tokens de saída`,
      meaning: 'os prefills das outras sessões rodam entre os meus passos de decode: o prompt de cada sessão custa às demais uma parte do seu tempo',
    },
    ttft: {
      title: (p) => `TTFT: p50 ${p.p50_ms} ms, p99 ${p.p99_ms} ms`,
      formula: 'TTFT = custo fixo da requisição + passo ÷ 2 (o passo em curso) + espera na fila + prefill + um passo junto com ele; espera (M/D/1) = ρ × prefill ÷ (2 (1 − ρ)), ρ = requisições/s × prefill',
      inputs: (p) => `custo fixo ${p.request_ms} ms, passo ${p.step_ms} ms, espera ${p.wait_ms} ms com utilização ρ ${p.utilisation}, prefill ${p.prefill_ms} ms`,
      meaning: 'uma requisição nova espera o passo em curso e os prefills à sua frente, depois o seu próprio prefill; o p99 usa a cauda da fila',
    },
    throughput: {
      title: (p) => `Tokens de saída/s: ${p.total} (${p.replicas} réplica(s) × ${p.tokens}); requisições/s ${p.requests} por réplica`,
      formula:
        'tokens/s = requisições/s × tokens de saída; requisições/s = sessões ÷ (TTFT + (tokens de saída − 1) × TPOT) (lei de Little); na vazão máxima: sessões ÷ (tokens de saída × passo + sessões × prefill)',
      inputs: (p) => `${p.sessions} sessões, TTFT ${p.ttft_ms} ms, TPOT ${p.tpot_ms} ms, ${p.output} tokens de saída${p.max ? ' (vazão máxima)' : ''}`,
      meaning: 'o que a implantação conclui: cada sessão em andamento termina uma requisição a cada tempo de vida de requisição',
    },
    interval: {
      title: (p) => `Intervalos de 80 %: conjunto de calibração ${p.id}${p.extrapolated ? ' (extrapolado)' : ''}`,
      formula: 'intervalo = número × [q10, q90] de medido ÷ previsto nas linhas de calibração, cada uma prevista sem ela mesma (conformal dividido)',
      inputs: (p) => (p.extrapolated ? `o conjunto ${p.id} foi ajustado em outra família de GPU ou outro engine: seus fatores são alargados em 25 % de cada lado` : `os fatores do conjunto ${p.id}`),
      meaning: 'cerca de 8 em 10 implantações reais como as linhas de calibração ficam dentro; a tabela do modelo de desempenho na documentação lista o erro de cada linha',
    },
  },
};
