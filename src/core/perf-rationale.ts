/**
 * How each latency and throughput figure of a scenario was obtained (issue 10): the formula
 * (language-neutral) and the inputs it used, as `scenarioRationale` does for the memory figures. The
 * performance model's own terms (src/engines/perf) are the inputs; nothing is recomputed here. A view
 * derived on demand: batch sizing does not pay for it.
 */
import type { Rationale } from './rationale.ts';
import type { ScenarioKey } from './scenarios.ts';
import type { SizingResult } from './sizing.ts';

export const PERF_RATIONALE_KEYS = ['sessions_per_replica', 'concurrency', 'tpot_ms', 'ttft_ms', 'output_tokens_per_s', 'nodes_final'] as const;
export type PerfRationaleKey = (typeof PERF_RATIONALE_KEYS)[number];

const ms = (s: number): number => s * 1000;

/**
 * The rationale of one scenario's performance figures; null without a workload. `concurrency` only
 * when the load is a request rate (Little's law); the latencies only when the scenario is feasible.
 */
export function performanceRationale(r: SizingResult, key: ScenarioKey): Partial<Record<PerfRationaleKey, Rationale>> | null {
  const w = r.workload;
  const sp = r.scenarios[key].performance;
  if (!w || !sp) return null;
  const out: Partial<Record<PerfRationaleKey, Rationale>> = {};
  const c = r.scenarios[key].configuration;
  out.sessions_per_replica = {
    formula:
      w.slo === null
        ? 'sessions_per_replica = memory_sessions_per_replica'
        : 'sessions_per_replica = min(memory_sessions_per_replica, max { c : TTFT_p99(c) ≤ ttft_p99_ms and TPOT_p99(c) ≤ tpot_p99_ms })   (bisection over c)',
    inputs: {
      memory_sessions_per_replica: sp.memory_sessions_per_replica,
      slo_sessions_per_replica: sp.slo_sessions_per_replica,
      ttft_p99_ms: w.targets.ttft_p99_ms,
      tpot_p99_ms: w.targets.tpot_p99_ms,
      input_tokens: w.input_tokens,
      output_tokens: w.output_tokens,
      limit: sp.limit,
    },
  };
  if (w.little) {
    out.concurrency = {
      formula: 'concurrency = ceil(request_rate × (TTFT_p50 + output_tokens × TPOT_p50))   (Little’s law, at sessions_per_replica_evaluated per replica)',
      inputs: {
        request_rate: w.request_rate,
        ttft_p50_ms: w.little.ttft_ms,
        tpot_p50_ms: w.little.tpot_ms,
        output_tokens: w.output_tokens,
        time_in_system_s: w.little.time_in_system_s,
        sessions_per_replica_evaluated: w.little.sessions_per_replica,
        concurrency: w.concurrency,
      },
    };
  }
  const p = sp.performance;
  if (p) {
    const st = p.terms.step;
    const pf = p.terms.prefill;
    out.tpot_ms = {
      formula:
        'TPOT = step(c) + (c − 1) × prefill(input_tokens) / output_tokens\n' +
        'step(c) = max(weights, compute) + max(kv, attention) + all_reduce + overhead\n' +
        'TPOT_p99: the Poisson count of prefills in a request’s life, m + 2.326 × √m',
      inputs: {
        sessions_per_replica: p.sessions_per_replica,
        context_tokens: st.context_tokens,
        weights_ms: ms(st.weights_s),
        compute_ms: ms(st.compute_s),
        kv_ms: ms(st.kv_s),
        attention_ms: ms(st.attention_s),
        all_reduce_ms: ms(st.allreduce_s),
        overhead_ms: ms(st.overhead_s),
        step_ms: ms(st.total_s),
        prefill_ms: ms(pf.total_s),
        tpot_p50_ms: p.tpot_ms.p50,
        tpot_p99_ms: p.tpot_ms.p99,
        bandwidth_tbps: p.terms.effective.bandwidth_tbps,
        tflops: p.terms.effective.tflops,
        precision: p.terms.effective.precision,
      },
    };
    out.ttft_ms = {
      formula:
        'TTFT = request_overhead + step(c) / 2 + queue_wait + prefill(input_tokens) + step(c)\n' +
        'queue_wait = ρ × prefill / (2 × (1 − ρ)), ρ = requests/s per replica × prefill   (M/D/1)\n' +
        'prefill(n) = max(weights × chunks, (2 × active_params × n + attention n²) / tensor rate) + all_reduce + overhead',
      inputs: {
        input_tokens: pf.tokens,
        chunks: pf.chunks,
        prefill_ms: ms(pf.total_s),
        prefill_compute_ms: ms(pf.compute_s),
        prefill_attention_ms: ms(pf.attention_s),
        request_overhead_ms: ms(p.terms.request_overhead_s),
        queue_wait_ms: ms(p.terms.queue_wait_s),
        utilisation: p.terms.utilisation,
        step_ms: ms(st.total_s),
        ttft_p50_ms: p.ttft_ms.p50,
        ttft_p99_ms: p.ttft_ms.p99,
      },
    };
    out.output_tokens_per_s = {
      formula: 'output_tokens_per_s = replicas × requests/s per replica × output_tokens; requests/s per replica = c / (TTFT + (output_tokens − 1) × TPOT)   (Little’s law)',
      inputs: {
        replicas: p.replicas,
        sessions_per_replica: p.sessions_per_replica,
        requests_per_s: p.requests_per_s,
        output_tokens: w.output_tokens,
        output_tokens_per_s_per_replica: p.output_tokens_per_s_per_replica,
        output_tokens_per_s: p.output_tokens_per_s,
        bound: p.bound,
      },
    };
  }
  if (sp.nodes_final_range) {
    out.nodes_final = {
      formula:
        'nodes_final = max(nodes by memory, nodes by the targets); range at 80 %: the same with each target ÷ the interval’s factor (measured ÷ predicted)' +
        (w.little ? ' and Little’s concurrency at the interval’s ends' : ''),
      inputs: {
        nodes_final_memory: sp.nodes_final_memory,
        nodes_final: r.scenarios[key].results.nodes_final,
        low: sp.nodes_final_range.low,
        high: sp.nodes_final_range.high,
        peak_headroom_ratio: c.peak_headroom_ratio,
        ha_extra_nodes: c.ha_extra_nodes,
      },
    };
  }
  return out;
}
