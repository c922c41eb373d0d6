/** English words of the "Latency and throughput" section (see perf.ts). */
import { latencyDigits } from '../format.ts';
import type { PerfPhrases } from './perf.ts';

const ms = (x: number, f: { num(v: number, max?: number): string }) => `${f.num(x, latencyDigits(x))} ms`;

export const PERF_EN: PerfPhrases = {
  title: 'Latency and throughput',
  workloadTitle: 'Workload and latency targets',
  label: {
    inputTokens: 'Input tokens per request (mean)',
    outputTokens: 'Output tokens per request (mean)',
    load: 'Load',
    targets: 'Latency targets (p99)',
    designLoad: 'Design load',
    sessionsPerReplica: 'Sessions per replica',
    ttft: 'Time to first token (p50 / p99)',
    tpot: 'Time per output token (p50 / p99)',
    tokensPerS: 'Output tokens/s (whole deployment)',
    tokensPerSPerNode: 'Output tokens/s per node',
    requestsPerS: 'Requests/s',
    bound: 'Binding limit',
    nodes: 'Final nodes',
    meetsTargets: 'Meets the targets at the design load',
    calibration: 'Calibration',
  },
  byDefault: '(default)',
  noTarget: 'none',
  yes: 'yes',
  no: 'no',
  infeasible: 'not evaluated: the scenario is infeasible',
  bound: { memory: 'memory (the batch is the memory limit)', compute: 'compute (tensor cores)', bandwidth: 'memory bandwidth', queueing: 'queueing (waiting is most of the TTFT)' },
  limit: { memory: 'memory', slo: 'the latency targets' },
  loadConcurrency: (p, f) => `${f.int(p.concurrency)} sessions in flight`,
  loadRate: (p, f) => `${f.num(p.rate, 3)} requests/s (${f.int(p.concurrency)} sessions in flight by Little's law)`,
  designLoad: (p, f) =>
    `${p.concurrency !== null ? `${f.num(p.concurrency, 1)} sessions` : `${f.num(p.rate ?? 0, 3)} requests/s`} at peak on ${f.int(p.replicas)} replica(s)` +
    (p.ha_extra_nodes > 0 ? `, with the ${f.int(p.ha_extra_nodes)} spare node(s) down` : ''),
  latency: (p, f) => `${ms(p.p50, f)} / ${ms(p.p99, f)} (p99 ${ms(p.low, f)}–${ms(p.high, f)} at 80 %)`,
  rate: (p, f) => `${f.num(p.value, 1)} (${f.num(p.low, 1)}–${f.num(p.high, 1)} at 80 %)`,
  nodesRange: (p, f) =>
    `${f.int(p.nodes)} nodes, ${f.int(p.low)}–${p.high === null ? '?' : f.int(p.high)} at 80 %` +
    (p.high === null ? ' (at the pessimistic end the targets may be out of reach)' : '') +
    (p.memory !== null && p.memory !== p.nodes ? ` (memory alone: ${f.int(p.memory)})` : ''),
  calibration: (p) => (p.extrapolated ? `${p.id} (extrapolated: no set fitted for this GPU family and engine; intervals widened)` : p.id),
  explanation: {
    sessions_per_replica: (p, f) =>
      p.slo_sessions_per_replica === null && p.ttft_p99_ms === null && p.tpot_p99_ms === null
        ? `Without latency targets a replica takes as many sessions as its memory holds: ${f.int(p.memory_sessions_per_replica)}.`
        : `The largest batch whose TTFT and TPOT at the 99th percentile meet the targets is ${p.slo_sessions_per_replica === null ? 'none' : f.int(p.slo_sessions_per_replica)} sessions per replica (found by bisection: latency grows with the batch); memory holds ${f.int(p.memory_sessions_per_replica)}. ` +
          `The node count uses the smaller, ${f.int(p.sessions_per_replica)}: ${p.limit === 'slo' ? 'the latency targets bind, not memory' : 'memory binds; the targets leave room'}.`,
    concurrency: (p, f) =>
      `A request stays ${f.num(p.time_in_system_s ?? 0, 2)} s in the system (its TTFT plus ${f.int(p.output_tokens)} output tokens at the TPOT), so ${f.num(p.request_rate ?? 0, 3)} requests/s keep ${f.int(p.concurrency)} sessions in flight (Little's law). ` +
      'The latencies are taken at the heaviest load any scenario puts on a replica: a lighter load is faster, so this count is on the safe side.',
    tpot_ms: (p, f) =>
      p.tpot === null
        ? 'Not evaluated: the scenario is infeasible.'
        : `Each decode step of the whole batch takes ${ms(p.step_ms ?? 0, f)}, the larger of reading the weights and computing, plus reading every session's KV cache, the all-reduces and fixed costs; the other sessions' prefills interleave. ` +
          `At ${f.num(p.load_sessions_per_replica ?? 0, 1)} sessions per replica each output token takes ${ms(p.tpot.p50, f)} (p50), ${ms(p.tpot.p99, f)} at the 99th percentile${p.tpot_p99_ms !== null ? `, against a target of ${ms(p.tpot_p99_ms, f)}` : ''}.`,
    ttft_ms: (p, f) =>
      p.ttft === null
        ? 'Not evaluated: the scenario is infeasible.'
        : `The prompt of ${f.int(p.input_tokens)} tokens takes ${ms(p.prefill_ms ?? 0, f)} to prefill; a new request also waits ${ms(p.queue_wait_ms ?? 0, f)} on average for the prefill queue and for the running step. ` +
          `First token: ${ms(p.ttft.p50, f)} (p50), ${ms(p.ttft.p99, f)} at the 99th percentile${p.ttft_p99_ms !== null ? `, against a target of ${ms(p.ttft_p99_ms, f)}` : ''}.`,
    output_tokens_per_s: (p, f) =>
      p.output_tokens_per_s === null
        ? 'Not evaluated: the scenario is infeasible.'
        : `${f.int(p.replicas)} replica(s) complete requests at the rate Little's law gives for their sessions in flight, ${f.int(p.output_tokens)} output tokens each: ${f.num(p.output_tokens_per_s, 0)} output tokens/s in all. ` +
          `What limits them: ${p.bound === null ? '—' : PERF_EN.bound[p.bound]}.`,
    nodes_final: (p, f) =>
      p.range === null || p.nodes_final === null
        ? 'Not evaluated: the scenario is infeasible.'
        : `The scenario takes ${f.int(p.nodes_final)} nodes${p.nodes_final_memory !== null && p.nodes_final_memory !== p.nodes_final ? ` (memory alone would take ${f.int(p.nodes_final_memory)})` : ''}. ` +
          `The model's latencies are off by a measured factor on the calibration set; taking the 80 % interval's ends gives ${f.int(p.range.low)} to ${p.range.high === null ? 'more than memory allows' : f.int(p.range.high)} nodes. ` +
          (p.ha_extra_nodes > 0 ? `With ${f.int(p.ha_extra_nodes)} node(s) down, the remaining nodes still carry the peak within the targets.` : ''),
  },
};
