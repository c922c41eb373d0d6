/**
 * `calibrate` on a benchmark result, the model side: the measurement against the performance model at
 * the same load (`compareWithModel`), and the patch of the calibration set that makes the model
 * reproduce it. Pure.
 *
 * The patch: one factor s on every efficiency of the set (bandwidth, compute, KV streaming, attention),
 * found by bisection on log s so that the model's TPOT median equals the measured one (output tokens/s
 * when the result states no TPOT and the load is not a fixed rate, where tokens/s is the rate's);
 * then the per-request overhead moved by the TTFT median's remaining gap (not below 0). Every
 * predicted time falls as s grows, so the bisection is exact up to its tolerance; the rows after the
 * patch say how close the other figures come.
 */
import { type BenchCalibration, type BenchmarkComparison, type BenchmarkMeasurement, type BenchmarkWorkload, compareWithModel, type PredictedPerformance } from '../engines/bench-results.ts';
import { calibrationFor, defaultReplicas, evaluateLoad, type LoadResult, prepareDeployment, replicaLoad, type RooflineConstants } from '../engines/perf/index.ts';
import { evaluatePerf, type PerfPlan } from './perf.ts';

/** The bisection's bracket for the efficiency scale, and its steps. */
const SCALE_RANGE = { low: 1 / 64, high: 64, steps: 80 } as const;

function predicted(r: LoadResult, replicas: number): PredictedPerformance {
  return {
    ttft_ms: { p50: r.ttft_p50_s * 1e3, p99: r.ttft_p99_s * 1e3 },
    tpot_ms: { p50: r.tpot_p50_s * 1e3, p99: r.tpot_p99_s * 1e3 },
    output_tokens_per_s: r.output_tokens_per_s_per_replica * replicas,
    requests_per_s: r.requests_per_s_per_replica * replicas,
  };
}

/** The patch for one measurement at one plan, or null when no figure it can be fitted on is stated. */
function benchCalibration(planned: PerfPlan, m: BenchmarkMeasurement, workload: BenchmarkWorkload): BenchCalibration | null {
  const prepared = prepareDeployment(planned.plan, workload);
  const set = calibrationFor(prepared.gpu_architecture, prepared.memory_model);
  const replicas = defaultReplicas(prepared);
  const load = replicaLoad(workload, replicas);
  const scaled = (s: number, overheadMs = set.constants.request_overhead_ms): RooflineConstants => ({
    ...set.constants,
    bandwidth_efficiency: set.constants.bandwidth_efficiency * s,
    compute_efficiency: set.constants.compute_efficiency * s,
    kv_bandwidth_efficiency: set.constants.kv_bandwidth_efficiency * s,
    attention_compute_efficiency: set.constants.attention_compute_efficiency * s,
    request_overhead_ms: overheadMs,
  });
  const at = (c: RooflineConstants) => evaluateLoad(prepared, workload, load, c);
  const tpot = m.tpot_ms.median;
  const fittedOn = tpot !== null ? 'tpot_p50_ms' : load.kind !== 'rate' ? 'output_tokens_per_s' : null;
  if (fittedOn === null) return null;
  // g(s) > 0 while the model is slower than the measurement: s must grow.
  const g = (s: number): number => {
    const p = predicted(at(scaled(s)), replicas);
    return fittedOn === 'tpot_p50_ms' ? p.tpot_ms.p50 - tpot! : m.output_tokens_per_s - p.output_tokens_per_s;
  };
  let lo = Math.log(SCALE_RANGE.low);
  let hi = Math.log(SCALE_RANGE.high);
  if (g(Math.exp(lo)) <= 0) hi = lo;
  else if (g(Math.exp(hi)) > 0) lo = hi;
  for (let i = 0; i < SCALE_RANGE.steps && hi - lo > 1e-9; i++) {
    const mid = (lo + hi) / 2;
    if (g(Math.exp(mid)) > 0) lo = mid;
    else hi = mid;
  }
  const s = Math.exp((lo + hi) / 2);
  let overhead = set.constants.request_overhead_ms;
  if (m.ttft_ms.median !== null) {
    const gap = m.ttft_ms.median - predicted(at(scaled(s)), replicas).ttft_ms.p50;
    if (Number.isFinite(gap)) overhead = Math.max(0, overhead + gap);
  }
  const c = scaled(s, overhead);
  const after = compareWithModel(m, planned.plan, () => predicted(at(c), replicas));
  return {
    set: set.id,
    fitted_on: fittedOn,
    efficiency_scale: s,
    constants: {
      bandwidth_efficiency: c.bandwidth_efficiency,
      compute_efficiency: c.compute_efficiency,
      kv_bandwidth_efficiency: c.kv_bandwidth_efficiency,
      attention_compute_efficiency: c.attention_compute_efficiency,
      request_overhead_ms: c.request_overhead_ms,
    },
    rows: after.rows,
  };
}

/** The measurement against the model at its load, with the `llm-sizing perf` flags of that load and the patch. */
export function benchComparison(planned: PerfPlan, m: BenchmarkMeasurement, deploymentFlags: readonly string[]): BenchmarkComparison {
  const compared = compareWithModel(m, planned.plan, (_plan, w) => evaluatePerf({ ...planned, workload: w }).performance);
  const w = compared.workload;
  const load = w.concurrency !== undefined ? ['--concurrency', String(w.concurrency)] : w.request_rate !== undefined ? ['--request-rate', String(w.request_rate)] : [];
  const flags = ['llm-sizing', 'perf', ...deploymentFlags, '--input-tokens', String(Math.max(1, Math.round(w.input_tokens))), '--output-tokens', String(Math.max(1, Math.round(w.output_tokens))), ...load];
  return { ...compared, flags, calibration: benchCalibration(planned, m, w) };
}
