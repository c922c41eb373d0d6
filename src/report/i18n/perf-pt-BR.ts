/** Palavras da seção "Latência e vazão" em português do Brasil (ver perf.ts). */
import { latencyDigits } from '../format.ts';
import type { PerfPhrases } from './perf.ts';

const ms = (x: number, f: { num(v: number, max?: number): string }) => `${f.num(x, latencyDigits(x))} ms`;

export const PERF_PT_BR: PerfPhrases = {
  title: 'Latência e vazão',
  workloadTitle: 'Carga de trabalho e metas de latência',
  label: {
    inputTokens: 'Tokens de entrada por requisição (média)',
    outputTokens: 'Tokens de saída por requisição (média)',
    load: 'Carga',
    targets: 'Metas de latência (p99)',
    designLoad: 'Carga de projeto',
    sessionsPerReplica: 'Sessões por réplica',
    ttft: 'Tempo até o primeiro token (p50 / p99)',
    tpot: 'Tempo por token de saída (p50 / p99)',
    tokensPerS: 'Tokens de saída/s (implantação inteira)',
    tokensPerSPerNode: 'Tokens de saída/s por nó',
    requestsPerS: 'Requisições/s',
    bound: 'Limite determinante',
    nodes: 'Nós finais',
    meetsTargets: 'Cumpre as metas na carga de projeto',
    calibration: 'Calibração',
  },
  byDefault: '(padrão)',
  noTarget: 'nenhuma',
  yes: 'sim',
  no: 'não',
  infeasible: 'não avaliado: o cenário é inviável',
  bound: { memory: 'memória (o lote é o limite de memória)', compute: 'computação (tensor cores)', bandwidth: 'largura de banda da memória', queueing: 'fila (a espera é a maior parte do TTFT)' },
  limit: { memory: 'a memória', slo: 'as metas de latência' },
  loadConcurrency: (p, f) => `${f.int(p.concurrency)} sessões em andamento`,
  loadRate: (p, f) => `${f.num(p.rate, 3)} requisições/s (${f.int(p.concurrency)} sessões em andamento pela lei de Little)`,
  designLoad: (p, f) =>
    `${p.concurrency !== null ? `${f.num(p.concurrency, 1)} sessões` : `${f.num(p.rate ?? 0, 3)} requisições/s`} no pico em ${f.int(p.replicas)} réplica(s)` +
    (p.ha_extra_nodes > 0 ? `, com o(s) ${f.int(p.ha_extra_nodes)} nó(s) reserva fora do ar` : ''),
  latency: (p, f) => `${ms(p.p50, f)} / ${ms(p.p99, f)} (p99 ${ms(p.low, f)}–${ms(p.high, f)} a 80 %)`,
  rate: (p, f) => `${f.num(p.value, 1)} (${f.num(p.low, 1)}–${f.num(p.high, 1)} a 80 %)`,
  nodesRange: (p, f) =>
    `${f.int(p.nodes)} nós, ${f.int(p.low)}–${p.high === null ? '?' : f.int(p.high)} a 80 %` +
    (p.high === null ? ' (no extremo pessimista as metas podem ficar fora de alcance)' : '') +
    (p.memory !== null && p.memory !== p.nodes ? ` (só pela memória: ${f.int(p.memory)})` : ''),
  calibration: (p) => (p.extrapolated ? `${p.id} (extrapolada: nenhum conjunto ajustado para esta família de GPU e engine; intervalos alargados)` : p.id),
  explanation: {
    sessions_per_replica: (p, f) =>
      p.slo_sessions_per_replica === null && p.ttft_p99_ms === null && p.tpot_p99_ms === null
        ? `Sem metas de latência, uma réplica recebe tantas sessões quanto sua memória comporta: ${f.int(p.memory_sessions_per_replica)}.`
        : `O maior lote cujos TTFT e TPOT no percentil 99 cumprem as metas é de ${p.slo_sessions_per_replica === null ? 'nenhuma' : f.int(p.slo_sessions_per_replica)} sessões por réplica (encontrado por bisseção: a latência cresce com o lote); a memória comporta ${f.int(p.memory_sessions_per_replica)}. ` +
          `A contagem de nós usa o menor, ${f.int(p.sessions_per_replica)}: ${p.limit === 'slo' ? 'as metas de latência determinam, não a memória' : 'a memória determina; as metas deixam folga'}.`,
    concurrency: (p, f) =>
      `Uma requisição fica ${f.num(p.time_in_system_s ?? 0, 2)} s no sistema (seu TTFT mais ${f.int(p.output_tokens)} tokens de saída no TPOT), então ${f.num(p.request_rate ?? 0, 3)} requisições/s mantêm ${f.int(p.concurrency)} sessões em andamento (lei de Little). ` +
      'As latências são tomadas na carga mais pesada que algum cenário põe numa réplica: uma carga menor é mais rápida, então esta contagem fica do lado seguro.',
    tpot_ms: (p, f) =>
      p.tpot === null
        ? 'Não avaliado: o cenário é inviável.'
        : `Cada passo de decodificação do lote inteiro leva ${ms(p.step_ms ?? 0, f)}, o maior entre ler os pesos e computar, mais ler o KV cache de cada sessão, os all-reduces e os custos fixos; os prefills das outras sessões se intercalam. ` +
          `Com ${f.num(p.load_sessions_per_replica ?? 0, 1)} sessões por réplica cada token de saída leva ${ms(p.tpot.p50, f)} (p50), ${ms(p.tpot.p99, f)} no percentil 99${p.tpot_p99_ms !== null ? `, para uma meta de ${ms(p.tpot_p99_ms, f)}` : ''}.`,
    ttft_ms: (p, f) =>
      p.ttft === null
        ? 'Não avaliado: o cenário é inviável.'
        : `O prompt de ${f.int(p.input_tokens)} tokens leva ${ms(p.prefill_ms ?? 0, f)} no prefill; uma nova requisição ainda espera em média ${ms(p.queue_wait_ms ?? 0, f)} pela fila de prefill e pelo passo em curso. ` +
          `Primeiro token: ${ms(p.ttft.p50, f)} (p50), ${ms(p.ttft.p99, f)} no percentil 99${p.ttft_p99_ms !== null ? `, para uma meta de ${ms(p.ttft_p99_ms, f)}` : ''}.`,
    output_tokens_per_s: (p, f) =>
      p.output_tokens_per_s === null
        ? 'Não avaliado: o cenário é inviável.'
        : `${f.int(p.replicas)} réplica(s) concluem requisições na taxa que a lei de Little dá para suas sessões em andamento, ${f.int(p.output_tokens)} tokens de saída cada: ${f.num(p.output_tokens_per_s, 0)} tokens de saída/s no total. ` +
          `O que as limita: ${p.bound === null ? '—' : PERF_PT_BR.bound[p.bound]}.`,
    nodes_final: (p, f) =>
      p.range === null || p.nodes_final === null
        ? 'Não avaliado: o cenário é inviável.'
        : `O cenário usa ${f.int(p.nodes_final)} nós${p.nodes_final_memory !== null && p.nodes_final_memory !== p.nodes_final ? ` (só a memória exigiria ${f.int(p.nodes_final_memory)})` : ''}. ` +
          `As latências do modelo erram por um fator medido no conjunto de calibração; nos extremos do intervalo de 80 % são de ${f.int(p.range.low)} a ${p.range.high === null ? 'mais do que a memória permite' : f.int(p.range.high)} nós. ` +
          (p.ha_extra_nodes > 0 ? `Com ${f.int(p.ha_extra_nodes)} nó(s) fora do ar, os nós restantes ainda atendem o pico dentro das metas.` : ''),
  },
};
