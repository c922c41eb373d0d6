/**
 * SLO-driven sessions per replica: the largest number of sessions in flight on one replica whose TPOT
 * p99 and TTFT p99 meet the targets and that fits in memory. Both latencies grow with the sessions
 * (a larger batch makes every step longer and queues more prefills), so a bisection over whole
 * sessions finds it in ⌈log2(memory batch)⌉ evaluations, never a loop over sessions. Pure.
 *
 * @example
 * // Llama-3.1-70B fp8 on 8 × H200, vLLM TP 8, 1,024 / 1,024 tokens, TPOT p99 ≤ 30 ms:
 * sloSessionsPerReplica(plan, { input_tokens: 1024, output_tokens: 1024 }, { tpot_p99_ms: 30 })
 * //=> { ok: true, sessions: …, bound: … } (the largest batch whose TPOT p99 is ≤ 30 ms)
 * // TPOT p99 ≤ 1 ms: { ok: false, reason: 'tpot_below_single_session', best_ms: … } (one session alone is slower)
 */
import type { SizingPlan } from '../../core/plan.ts';
import { calibrationFor } from './calibration.ts';
import { type PreparedDeployment, prepareDeployment } from './deployment.ts';
import { evaluateLoad, type LoadResult } from './load.ts';
import type { SloResult, SloTargets, Workload } from './types.ts';

/** Does a load result meet the targets? */
function meets(r: LoadResult, slo: SloTargets): boolean {
  return (slo.tpot_p99_ms === undefined || r.tpot_p99_s * 1e3 <= slo.tpot_p99_ms) && (slo.ttft_p99_ms === undefined || r.ttft_p99_s * 1e3 <= slo.ttft_p99_ms);
}

/** `sloSessionsPerReplica` over a prepared deployment (reused by the scenarios). */
export function sloSessionsOf(prepared: PreparedDeployment, workload: Pick<Workload, 'input_tokens' | 'output_tokens'>, slo: SloTargets): SloResult & { evaluations: number } {
  const constants = calibrationFor(prepared.gpu_architecture, prepared.memory_model).constants;
  const memory = Math.floor(prepared.memory_sessions);
  let evaluations = 0;
  const at = (sessions: number) => {
    evaluations++;
    return evaluateLoad(prepared, workload, { kind: 'concurrency', sessions }, constants);
  };
  if (!(memory >= 1)) return { ok: false, reason: 'no_session_fits_memory', best_ms: Number.NaN, evaluations };
  const one = at(1);
  if (!meets(one, slo)) {
    const tpotMiss = slo.tpot_p99_ms !== undefined && one.tpot_p99_s * 1e3 > slo.tpot_p99_ms;
    return tpotMiss
      ? { ok: false, reason: 'tpot_below_single_session', best_ms: one.tpot_p99_s * 1e3, evaluations }
      : { ok: false, reason: 'ttft_below_single_session', best_ms: one.ttft_p99_s * 1e3, evaluations };
  }
  const full = at(memory);
  if (meets(full, slo)) return { ok: true, sessions: memory, bound: 'memory', evaluations };
  // Invariant: lo meets the targets, hi does not.
  let lo = 1;
  let hi = memory;
  let best = one;
  while (hi - lo > 1) {
    const mid = Math.floor((lo + hi) / 2);
    const r = at(mid);
    if (meets(r, slo)) {
      lo = mid;
      best = r;
    } else hi = mid;
  }
  return { ok: true, sessions: lo, bound: best.bound, evaluations };
}

/**
 * The largest sessions per replica that meets TTFT / TPOT p99 targets and fits in memory, or why none
 * does: even one session misses a target (`best_ms`: what one session achieves), or not one session
 * fits. Without targets: the memory-limited batch.
 */
export function sloSessionsPerReplica(plan: SizingPlan, workload: Workload, slo: SloTargets): SloResult {
  const { evaluations: _, ...result } = sloSessionsOf(prepareDeployment(plan, workload), workload, slo);
  return result;
}
