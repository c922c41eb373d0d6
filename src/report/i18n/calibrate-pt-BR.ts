/** As palavras de `llm-sizing calibrate` em português (a forma: `CalibratePhrases` em ./types.ts; a tabela de idiomas: ./calibrate.ts). */
import type { CalibratePhrases } from './types.ts';

export const calibratePtBR: CalibratePhrases = {
  engine: 'motor',
  unknown: 'não reconhecido',
  facts: 'fatos do log',
  none: 'nenhum',
  notes: 'observações',
  reproduce: 'para reproduzir com o llm-sizing (substitua cada …)',
  fact: {
    weights_gib: 'pesos do modelo',
    kv_cache_memory_gib: 'memória disponível para o cache KV',
    total_gpu_memory_gib: 'memória total da GPU',
    peak_memory_gib: 'pico de memória no perfilamento',
    gpu_memory_utilization: 'utilização da memória da GPU',
    mem_fraction_static: 'fração estática de memória',
    free_gpu_memory_fraction: 'fração da memória livre da GPU para o cache KV',
    kv_tokens: 'capacidade do cache KV',
    gpu_blocks: 'blocos de cache KV na GPU',
    block_size: 'tamanho do bloco KV',
    tokens_per_block: 'tokens por bloco KV',
    kv_size_per_token_bytes: 'cache KV por token',
    max_concurrency: 'concorrência máxima',
    max_model_len: 'comprimento máximo do modelo',
    max_num_batched_tokens: 'máximo de tokens por passo',
    tensor_parallel: 'grau de paralelismo de tensor',
    pipeline_parallel: 'grau de paralelismo de pipeline',
    data_parallel_attention: 'grupos de atenção paralela em dados',
    kv_cache_dtype: 'tipo de dado do cache KV',
    model: 'modelo',
    kv_needed_gib: 'cache KV de que uma requisição do comprimento máximo precisa',
    estimated_max_model_len: 'comprimento máximo do modelo estimado pelo vLLM',
  },
  engineLines: (p) => `${p.engine} em ${p.lines} linha(s)`,
  repeatedFact: (p) => `${p.key} ${p.shown} (${p.times}×)`,
  valueCount: (count) => `(${count} valores)`,
  run: (p) => `execução ${p.n} de ${p.of} (linhas ${p.first}–${p.last})`,
  bytesPerToken: {
    stated: (p) => `cache KV por token e GPU: ${p.bytes} bytes, como o log informa`,
    tokens: (p) => `cache KV por token e GPU: ${p.bytes} bytes (${p.gib} GiB / ${p.tokens} tokens)`,
    blocks: (p) => `cache KV por token e GPU: ${p.bytes} bytes (${p.gib} GiB / ${p.tokens} tokens em blocos inteiros)`,
    needed: (p) => `cache KV por token e GPU: ${p.bytes} bytes (${p.gib} GiB necessários para uma requisição de ${p.tokens} tokens)`,
    estimate: (p) => `cache KV por token e GPU: ${p.bytes} bytes (${p.gib} GiB disponíveis / ${p.tokens} tokens, o comprimento máximo estimado)`,
  },
  modelBytes: (p) => `${p.model} com TP ${p.tp} × PP ${p.pp} e KV ${p.precision}: ${p.bytes} bytes por token e GPU (o log: ${p.difference})`,
  bench: {
    tool: { vllm: 'vllm bench serve', sglang: 'bench_serving do SGLang' },
    format: { json: 'JSON salvo', text: 'resumo impresso' },
    heading: (p) => `resultado de benchmark: ${p.tool}, ${p.format}`,
    record: (p) => `resultado ${p.n} de ${p.of} (linha ${p.line})`,
    model: 'modelo',
    backend: (p) => `backend: ${p.backend} (${p.engine === null ? 'um servidor compatível com OpenAI, motor não informado' : `motor: ${p.engine}`})`,
    requests: (p) =>
      `requisições: ${p.completed} concluídas${p.prompts === null ? '' : ` de ${p.prompts} prompts`}${p.failed === null ? '' : `, ${p.failed} com falha`}`,
    load: (p) =>
      `carga: ${p.rate === null ? 'taxa de requisições não informada' : p.rate === 'inf' ? 'todas as requisições enviadas de uma vez (taxa inf)' : `${p.rate} requisições/s enviadas`}, ` +
      (p.cap === null ? 'sem limite de concorrência' : `no máximo ${p.cap} em andamento`),
    tokens: (p) => `tokens médios por requisição: ${p.input} de entrada, ${p.output} de saída`,
    duration: (p) => `duração: ${p.seconds} s`,
    throughput: (p) => `vazão: ${p.requests} requisições/s, ${p.tokens} tokens de saída/s`,
    concurrency: (p) =>
      `requisições em andamento, em média: ${p.value}${p.from === 'littles_law' ? ' (lei de Little: requisições/s × latência média de ponta a ponta)' : ''}`,
    metric: { ttft: 'TTFT (tempo até o primeiro token)', tpot: 'TPOT (tempo por token de saída)', itl: 'ITL (latência entre tokens)', e2e: 'latência de ponta a ponta' },
    stats: (p) =>
      [p.mean === null ? null : `média ${p.mean}`, p.median === null ? null : `mediana ${p.median}`, p.p99 === null ? null : `p99 ${p.p99}`].filter((x) => x !== null).join(', ') + ' ms',
    notStated: 'não informado',
    derived: (p) => `calculado, ausente do resultado: ${p.keys}`,
    absent: (p) => `chaves ausentes do resultado: ${p.keys}`,
    compared: 'comparado com o modelo de desempenho do llm-sizing (medido ÷ previsto)',
    comparedMetric: {
      output_tokens_per_s: 'tokens de saída/s',
      requests_per_s: 'requisições/s',
      ttft_p50_ms: 'TTFT mediana, ms',
      ttft_p99_ms: 'TTFT p99, ms',
      tpot_p50_ms: 'TPOT mediana, ms',
      tpot_p99_ms: 'TPOT p99, ms',
    },
    comparisonRow: (p) => `${p.metric}: medido ${p.measured}, previsto ${p.predicted} (${p.ratio})`,
    reproduce: 'a mesma carga com o modelo de desempenho do llm-sizing',
    patch: (p) =>
      `ajuste de calibração que faz o modelo reproduzi-lo (as constantes do conjunto ${p.set} em src/catalog/data/perf-calibration.json: cada eficiência × ${p.scale}, ajustada em ${p.metric}, e o custo fixo por requisição ajustado na mediana do TTFT)`,
    after: 'com o ajuste (medido ÷ previsto)',
  },
  note: {
    several_engines: (p) => `marcas de mais de um engine (${p.list}): assume-se ${p.assumed}`,
    several_values: (p) => `vários valores no log, vale o último: ${p.list}`,
    repeated_values: (p) => `informado mais de uma vez com o mesmo valor: ${p.list}`,
    float32: (p) => `${p.key} ${p.shown} é ${p.value} guardado como float de 32 bits: usa-se ${p.value}`,
    no_kv_memory: (p) =>
      `kv_cache_memory_gib é ${p.gib} GiB: o engine ficou sem memória para o cache KV depois dos pesos e das ativações, então --kv-cache-memory-gib não é informado`,
    hybrid_token_count: (p) =>
      `a capacidade do cache KV na GPU (${p.tokens} tokens) não é concorrência máxima × comprimento máximo do modelo (${p.concurrency} × ${p.max_model_len} ≈ ${p.product} tokens): ` +
      'um modelo híbrido (camadas de janela deslizante, atenção linear ou Mamba), cuja contagem de tokens o vLLM informa por grupo de cache KV; compare a concorrência, não a contagem de tokens',
    dp_attention: () => '--enable-dp-attention: a atenção é paralela em dados, então os números de KV são por rank, cada rank com o cache KV das suas próprias requisições',
    failure: (p) => `o log relata uma falha: "${p.line}"`,
    more_failures: (p) => `…e mais ${p.count} linha(s) de falha`,
    weights_per_replica: (p) =>
      `pesos: ${p.weights} GiB por GPU × paralelismo de tensor ${p.tp}${p.pp > 1 ? ` × paralelismo de pipeline ${p.pp}` : ''} = ${p.total} GiB, os pesos de uma réplica`,
    kv_too_small: (p) =>
      `o vLLM recusou-se a iniciar: uma requisição de ${p.max_model_len} tokens precisa de ${p.needed} GiB de cache KV e havia ${p.available} GiB disponíveis` +
      (p.estimated === null ? '' : `; caberiam cerca de ${p.estimated} tokens`),
    model_from_log: (p) => `o modelo do log, ${p.shown}, é ${p.name} no catálogo: informa-se --model ${p.name} e comparam-se os seus bytes de KV por token`,
    model_not_in_catalog: (p) => `o modelo do log, ${p.shown}, não está no catálogo: informe --model NOME para comparar os seus bytes de KV por token com os do log`,
    model_differs: (p) => `o log indica o modelo ${p.shown}; usa-se --model ${p.name}`,
    bytes_per_token_mismatch: (p) =>
      `os ${p.implied} bytes de KV por token e GPU do log diferem dos ${p.bytes} de ${p.model} com TP ${p.tp} × PP ${p.pp} e KV ${p.precision} em ${p.difference}: ` +
      (p.fit === null
        ? 'confira a precisão do KV, o layout e o modelo'
        : `correspondem a KV ${p.fit.precision} com TP ${p.fit.tp} (${p.fit.bytes} bytes); confira --kv-precision e --tensor-parallel`),
    hybrid_not_compared: (p) =>
      `${p.model} tem camadas de janela deslizante, em blocos, de atenção linear ou Mamba, cujos tokens o engine não conta com um só tamanho: os seus bytes de KV por token não são comparados`,
    dtype_not_read: (p) => `o tipo de dado do cache KV ${p.dtype} não é nenhuma das precisões de KV do llm-sizing (bf16, fp16, fp8, int8): --kv-precision não é informado`,
    flag_left_out: (p) => `deixado fora das opções porque o dimensionamento o recusaria: ${p.text}`,
  },
};
