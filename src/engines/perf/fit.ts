/**
 * The calibration: fit the performance model's efficiency and overhead terms on published serving
 * measurements, with the kernel measurements fixing what kernels measure (KV streaming, prefill
 * attention) and bounding what serving rows fit (weights bandwidth ≤ the measured HBM read, GEMM rate
 * ≤ the measured GEMM peak); then leave-one-out: refit without each row and predict it. The result is
 * the catalog data src/catalog/data/perf-calibration.json and the table of docs/performance-model.md,
 * both checked against a fresh fit by test/engine/perf-fit.test.ts. Pure and deterministic (fixed
 * Nelder–Mead starts, no randomness).
 *
 * Fitted on all rows jointly (hopper only: H100 and H200): bandwidth_efficiency, compute_efficiency,
 * layer_overhead_us, step_overhead_ms, allreduce_latency_us, allreduce_bandwidth_efficiency shared;
 * request_overhead_ms per engine (TensorRT-LLM, vLLM, SGLang). Loss: Σ over rows of the mean of ln(predicted ÷ measured)² over the
 * row's measured values (one benchmark run is one observation, however many figures it reports).
 */
import { planEntries } from '../../app/plan.ts';
import type { Catalog, GpuArchitecture } from '../../schema/catalog.ts';
import type { MemoryModel } from '../settings.ts';
import { type PreparedDeployment, prepareDeployment } from './deployment.ts';
import { conformalFactors } from './interval.ts';
import { burstTtftOf, burstTtftOfSum, burstWork, type LoadFigures, type LoadWork, loadFigures, loadTails, loadWork, newLoadFigures, type ReplicaLoad, scaledLoad } from './load.ts';
import { type PerfDeployment, type PrefillWork, prefillRates, prefillTimeSum, type RooflineConstants } from './roofline.ts';
import type { Interval, PerfCalibrationSet, PerfConstants, PerfMetric, Workload } from './types.ts';

/** One published measurement row (src/catalog/data/perf-measurements.json). */
export interface MeasurementRow {
  id: string;
  model: string;
  server: string;
  gpus: number;
  tensor_parallel: number;
  replicas: number;
  weights: 'fp8' | 'bf16';
  kv: 'fp8' | 'bf16';
  engine: Exclude<MemoryModel, 'seed'>;
  input_tokens: number;
  input_tokens_assumed?: boolean;
  output_tokens: number;
  load: { kind: 'max' } | { kind: 'batch' | 'concurrency' | 'rate'; value: number };
  /**
   * How the benchmark drove a closed loop, when it matters: `requests_per_session` requests per session,
   * every session sending its first at once (the first round a burst). Mean TTFT is then
   * (burst round + (R − 1) steady rounds) / R.
   */
  benchmark?: { start: 'burst'; requests_per_session: number; source: string };
  measured: Partial<Record<MeasuredKey, number>>;
  source: string;
}

export type MeasuredKey = 'output_tokens_per_s' | 'ttft_ms' | 'tpot_ms' | 'ttft_p99_ms' | 'tpot_p99_ms';
/** The measured values in the order the fit reads them (`predictValues` writes them in this order). */
export const MEASURED_KEYS: readonly MeasuredKey[] = ['output_tokens_per_s', 'tpot_ms', 'tpot_p99_ms', 'ttft_ms', 'ttft_p99_ms'];
/** Which interval a measured value belongs to. */
export const METRIC_OF: Record<MeasuredKey, PerfMetric> = {
  output_tokens_per_s: 'output_tokens_per_s',
  tpot_ms: 'tpot_ms',
  tpot_p99_ms: 'tpot_ms',
  ttft_ms: 'ttft_ms',
  ttft_p99_ms: 'ttft_ms',
};

export interface KernelFigures {
  source: string;
  gpu_architecture: GpuArchitecture;
  data_sheet: { memory_bandwidth_tbps: number; bf16_dense_tflops: number; fp8_dense_tflops: number };
  hbm_read_sum_tbps: number;
  decode_attention_tbps_at_1gb_or_more: number[];
  prefill_attention_bf16_tflops: number[];
  gemm_peak_tflops: { bf16: number; fp8: number };
}

export interface Measurements {
  serving: MeasurementRow[];
  kernels: KernelFigures;
}

const median = (xs: readonly number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  const n = s.length;
  return n === 0 ? NaN : n % 2 ? s[(n - 1) / 2]! : (s[n / 2 - 1]! + s[n / 2]!) / 2;
};

/** What the kernel rows fix: measured fractions of the data sheet. */
export function kernelEfficiencies(k: KernelFigures) {
  const ds = k.data_sheet;
  return {
    kv_bandwidth_efficiency: median(k.decode_attention_tbps_at_1gb_or_more) / ds.memory_bandwidth_tbps,
    attention_compute_efficiency: median(k.prefill_attention_bf16_tflops) / ds.bf16_dense_tflops,
    bandwidth_ceiling: k.hbm_read_sum_tbps / ds.memory_bandwidth_tbps,
    compute_ceiling: k.gemm_peak_tflops.fp8 / ds.fp8_dense_tflops,
  };
}

/**
 * A row made ready: its deployment resolved once, and what the model computes for it whatever the
 * constants (the load's prefill and decode step, a burst's prefills), so that each of the fit's many
 * evaluations only combines them with the constants it tries. The figures an evaluation reads are
 * copied out of the row into objects of one shape (rows parsed from JSON differ in their optional
 * fields, and reading them in the fit's hot loop measured slower).
 */
export interface PreparedRow {
  row: MeasurementRow;
  prepared: PreparedDeployment;
  load: ReplicaLoad;
  /** The row's tokens per request. */
  workload: Pick<Workload, 'input_tokens' | 'output_tokens'>;
  engine: Exclude<MemoryModel, 'seed'>;
  replicas: number;
  /** `loadWork(prepared, workload, load)`. */
  work: LoadWork;
  /**
   * When the row's benchmark starts with a burst (closed loop): its prefills, `burstWork(prepared.deployment,
   * workload, sessions)`, and the requests each session sends; else null.
   */
  burst: { work: PrefillWork[]; requests_per_session: number } | null;
  /** Whether the row measured a percentile (the loss predicts them only then). */
  percentile_measured: boolean;
  /** The row's measured values in `MEASURED_KEYS` order (`index`: the key's place there). */
  observed: { key: MeasuredKey; index: number; value: number }[];
}

export function prepareRows(rows: readonly MeasurementRow[], catalog: Catalog): PreparedRow[] {
  return rows.map((row) => {
    const model = catalog.models.find((m) => m.name === row.model);
    const server = catalog.servers.find((s) => s.name === row.server);
    const storage = catalog.storage[0];
    if (!model || !server || !storage) throw new Error(`calibration row ${row.id}: ${row.model} or ${row.server} is not in the catalog`);
    const perReplicaGpus = row.gpus / row.replicas;
    const planned = planEntries(
      { model, server, storage },
      {
        concurrency: 1,
        effective_context: row.input_tokens + row.output_tokens,
        kv_precision: row.kv,
        weights_precision: row.weights,
        memory_model: row.engine,
        tensor_parallel: row.tensor_parallel,
        replicas_per_node: Math.max(1, Math.floor(server.gpus / perReplicaGpus)),
      },
    );
    if (!planned.ok) throw new Error(`calibration row ${row.id}: ${JSON.stringify(planned.problems)}`);
    const prepared = prepareDeployment(planned.value, row);
    const l = row.load;
    const load: ReplicaLoad =
      l.kind === 'max'
        ? { kind: 'max' }
        : l.kind === 'batch'
          ? { kind: 'batch', sessions: l.value }
          : l.kind === 'concurrency'
            ? { kind: 'concurrency', sessions: l.value / row.replicas }
            : { kind: 'rate', requests_per_s: l.value / row.replicas };
    const workload = { input_tokens: row.input_tokens, output_tokens: row.output_tokens };
    const burst =
      row.benchmark && load.kind === 'concurrency' ? { work: burstWork(prepared.deployment, workload, load.sessions), requests_per_session: row.benchmark.requests_per_session } : null;
    const observed = MEASURED_KEYS.flatMap((key, index) => (row.measured[key] === undefined ? [] : [{ key, index, value: row.measured[key] }]));
    return {
      row,
      prepared,
      load,
      workload,
      engine: row.engine,
      replicas: row.replicas,
      work: loadWork(prepared, workload, load),
      burst,
      percentile_measured: row.measured.ttft_p99_ms !== undefined || row.measured.tpot_p99_ms !== undefined,
      observed,
    };
  });
}

/**
 * Every measured value of a row predicted, written to `out` in `MEASURED_KEYS` order: `predictRow`'s
 * values, which the loss reads from reused storage. `burstTtft` is the mean TTFT of the row's burst
 * (`burstTtftOf` of `p.burst`; unread without one); `figures`, an object for `loadFigures` to write.
 * Without `tails` the percentiles (`loadTails`) are not computed and are NaN.
 */
function predictValues(p: PreparedRow, constants: RooflineConstants, burstTtft: number, tails: boolean, figures: LoadFigures, out: Float64Array): void {
  const r = loadFigures(p.prepared, p.workload, p.load, constants, p.work, figures);
  if (tails) loadTails(r);
  const b = p.burst;
  const ttftMean = b !== null ? (burstTtft + (b.requests_per_session - 1) * r.ttft_s) / b.requests_per_session : r.ttft_s;
  out[0] = r.output_tokens_per_s * p.replicas;
  out[1] = r.tpot_s * 1e3;
  out[2] = r.tpot_p99_s * 1e3;
  out[3] = ttftMean * 1e3;
  out[4] = r.ttft_p99_s * 1e3;
}

/** Predict every measured value of a row. */
export function predictRow(p: PreparedRow, constants: RooflineConstants): Partial<Record<MeasuredKey, number>> {
  const v = new Float64Array(MEASURED_KEYS.length);
  const burst = p.burst === null ? NaN : burstTtftOf(p.prepared.deployment, p.burst.work, constants);
  predictValues(p, constants, burst, true, newLoadFigures(), v);
  return { output_tokens_per_s: v[0]!, ttft_ms: v[3]!, tpot_ms: v[1]!, ttft_p99_ms: v[4]!, tpot_p99_ms: v[2]! };
}

/**
 * Every measured value of a row predicted by the model with its durations × q (scaledLoad): at a fixed load
 * the prediction × q (rates ÷ q); at a request rate the model at rate λ·q, times × q.
 */
export function predictRowScaled(p: PreparedRow, constants: RooflineConstants, q: number): Partial<Record<MeasuredKey, number>> {
  if (p.load.kind !== 'rate') {
    const v = predictRow(p, constants);
    return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, k === 'output_tokens_per_s' ? x / q : x * q]));
  }
  const r = scaledLoad(p.prepared, p.workload, p.load, constants, q);
  return {
    output_tokens_per_s: r.output_tokens_per_s_per_replica * p.replicas,
    ttft_ms: r.ttft_mean_s * 1e3,
    tpot_ms: r.tpot_mean_s * 1e3,
    ttft_p99_ms: r.ttft_p99_s * 1e3,
    tpot_p99_ms: r.tpot_p99_s * 1e3,
  };
}

/**
 * The conformity score of a left-out value: the time scale q (scaledLoad) at which the left-out model meets
 * the measurement. At a fixed load that is measured ÷ predicted; at a request rate the sessions in flight
 * move with q, and q is found by bisection on ln q ∈ [ln 1/8, ln 8] (TPOT and TTFT grow with q). Output
 * tokens/s: measured ÷ predicted (at a rate they are the rate × OSL unless the queue saturates).
 */
export function conformityScore(p: PreparedRow, constants: RooflineConstants, key: MeasuredKey, measured: number, predicted: number): number {
  if (key === 'output_tokens_per_s' || p.load.kind !== 'rate') return measured / predicted;
  const at = (u: number) => predictRowScaled(p, constants, Math.exp(u))[key]!;
  let lo = Math.log(1 / 8);
  let hi = Math.log(8);
  if (at(lo) >= measured) return Math.exp(lo);
  if (at(hi) <= measured) return Math.exp(hi);
  for (let i = 0; i < 40; i++) {
    const mid = (lo + hi) / 2;
    if (at(mid) < measured) lo = mid;
    else hi = mid;
  }
  return Math.exp((lo + hi) / 2);
}

/** The 80 % interval of a prediction from conformal factors of its metric (tokens/s: measured ÷ predicted; TPOT, TTFT: time scale q). */
export function predictionInterval(p: PreparedRow, constants: RooflineConstants, key: MeasuredKey, predicted: number, f: Interval): Interval {
  if (p.load.kind !== 'rate') return { low: predicted * f.low, high: predicted * f.high };
  const [a, b] = key === 'output_tokens_per_s' ? [1 / f.low, 1 / f.high] : [f.low, f.high];
  const x = predictRowScaled(p, constants, a)[key]!;
  const y = predictRowScaled(p, constants, b)[key]!;
  return { low: Math.min(predicted, x, y), high: Math.max(predicted, x, y) };
}

/** The fitted parameters and their bounds (lower, upper); the upper bounds of the efficiencies are the kernel ceilings. */
const PARAMS = ['bandwidth_efficiency', 'compute_efficiency', 'layer_overhead_us', 'step_overhead_ms', 'allreduce_latency_us', 'allreduce_bandwidth_efficiency', 'request_overhead_ms_trtllm', 'request_overhead_ms_vllm', 'request_overhead_ms_sglang'] as const;
type Theta = Record<(typeof PARAMS)[number], number>;

function bounds(k: ReturnType<typeof kernelEfficiencies>): Record<(typeof PARAMS)[number], [number, number]> {
  return {
    bandwidth_efficiency: [0.3, k.bandwidth_ceiling],
    compute_efficiency: [0.2, k.compute_ceiling],
    layer_overhead_us: [0, 200],
    step_overhead_ms: [0, 20],
    allreduce_latency_us: [0, 100],
    allreduce_bandwidth_efficiency: [0.2, 1],
    request_overhead_ms_trtllm: [0, 500],
    request_overhead_ms_vllm: [0, 500],
    request_overhead_ms_sglang: [0, 500],
  };
}

function constantsFor(theta: Theta, engine: Exclude<MemoryModel, 'seed'>, k: ReturnType<typeof kernelEfficiencies>): RooflineConstants {
  return constantsInto(theta, engine, k, newConstants());
}

/** Constants the loss rewrites in place. */
type ConstantsScratch = { -readonly [K in keyof RooflineConstants]-?: RooflineConstants[K] };

const newConstants = (): ConstantsScratch => ({
  bandwidth_efficiency: NaN,
  compute_efficiency: NaN,
  layer_overhead_us: NaN,
  step_overhead_ms: NaN,
  allreduce_latency_us: NaN,
  allreduce_bandwidth_efficiency: NaN,
  request_overhead_ms: NaN,
  kv_bandwidth_efficiency: NaN,
  attention_compute_efficiency: NaN,
});

/** `constantsFor` written to `out` (the loss reuses one object per engine). */
function constantsInto(theta: Theta, engine: Exclude<MemoryModel, 'seed'>, k: ReturnType<typeof kernelEfficiencies>, out: ConstantsScratch): RooflineConstants {
  out.bandwidth_efficiency = theta.bandwidth_efficiency;
  out.compute_efficiency = theta.compute_efficiency;
  out.layer_overhead_us = theta.layer_overhead_us;
  out.step_overhead_ms = theta.step_overhead_ms;
  out.allreduce_latency_us = theta.allreduce_latency_us;
  out.allreduce_bandwidth_efficiency = theta.allreduce_bandwidth_efficiency;
  out.request_overhead_ms = engine === 'vllm' ? theta.request_overhead_ms_vllm : engine === 'sglang' ? theta.request_overhead_ms_sglang : theta.request_overhead_ms_trtllm;
  out.kv_bandwidth_efficiency = k.kv_bandwidth_efficiency;
  out.attention_compute_efficiency = k.attention_compute_efficiency;
  return out;
}

/** Whether two values built of numbers, strings, booleans, null, arrays and plain objects are the same, number for number. */
function sameValue(a: unknown, b: unknown): boolean {
  if (Object.is(a, b)) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null || Array.isArray(a) !== Array.isArray(b)) return false;
  const ka = Object.keys(a);
  const kb = Object.keys(b);
  return ka.length === kb.length && ka.every((key) => Object.hasOwn(b, key) && sameValue((a as Record<string, unknown>)[key], (b as Record<string, unknown>)[key]));
}

/**
 * A fit's rows made ready for its loss, with what the loss writes (made once per fit). Bursts are summed
 * by chain: a closed-loop grid measures one deployment and prompt length at several concurrencies, and
 * the burst of c sessions is then the first c prefills of the grid's largest burst, under the same
 * constants when the rows share an engine. Each chain's running sum (`prefillTimeSum`) is computed
 * once per loss and each row reads the sum of its own length from it: the same additions in the same
 * order as its own sum, so the same bits. A chain holds rows of one engine whose deployments are the
 * same figure for figure and whose prefills are the first ones of the chain's, field for field.
 */
interface LossPlan {
  rows: {
    p: PreparedRow;
    /** Its engine's constants (`LossPlan.constants`). */
    constants: ConstantsScratch;
    /** Its burst's chain and prefills (null and 0 without a burst). */
    chain: BurstChain | null;
    sessions: number;
  }[];
  chains: BurstChain[];
  /** The constants of each engine, rewritten by every loss. */
  constants: Record<Exclude<MemoryModel, 'seed'>, ConstantsScratch>;
  figures: LoadFigures;
  values: Float64Array;
}

interface BurstChain {
  constants: ConstantsScratch;
  deployment: PerfDeployment;
  work: readonly PrefillWork[];
  /** `running[i]`: the time of the chain's first i + 1 prefills under the loss's constants. */
  running: Float64Array;
}

function lossPlan(rows: readonly PreparedRow[]): LossPlan {
  const constants = { trtllm: newConstants(), vllm: newConstants(), sglang: newConstants() };
  const chains: BurstChain[] = [];
  const chainOf = new Map<PreparedRow, BurstChain>();
  for (const p of [...rows].sort((x, y) => (y.burst?.work.length ?? 0) - (x.burst?.work.length ?? 0))) {
    const work = p.burst?.work;
    if (work === undefined) continue;
    const c = constants[p.engine];
    const d = p.prepared.deployment;
    let chain = chains.find((ch) => ch.constants === c && sameValue(ch.deployment, d) && work.every((w, k) => sameValue(w, ch.work[k])));
    if (chain === undefined) chains.push((chain = { constants: c, deployment: d, work, running: new Float64Array(work.length) }));
    chainOf.set(p, chain);
  }
  return {
    rows: rows.map((p) => ({ p, constants: constants[p.engine], chain: chainOf.get(p) ?? null, sessions: p.burst?.work.length ?? 0 })),
    chains,
    constants,
    figures: newLoadFigures(),
    values: new Float64Array(MEASURED_KEYS.length),
  };
}

function loss(theta: Theta, plan: LossPlan, k: ReturnType<typeof kernelEfficiencies>): number {
  constantsInto(theta, 'trtllm', k, plan.constants.trtllm);
  constantsInto(theta, 'vllm', k, plan.constants.vllm);
  constantsInto(theta, 'sglang', k, plan.constants.sglang);
  for (const ch of plan.chains) prefillTimeSum(prefillRates(ch.deployment, ch.constants), ch.work, ch.running);
  const pred = plan.values;
  let s = 0;
  for (const { p, constants: c, chain, sessions } of plan.rows) {
    const burst = chain === null ? NaN : burstTtftOfSum(c, chain.running[sessions - 1]!, sessions);
    predictValues(p, c, burst, p.percentile_measured, plan.figures, pred);
    let row = 0;
    let n = 0;
    for (const { index, value: m } of p.observed) {
      const v = pred[index]!;
      const e = Number.isFinite(v) && v > 0 ? Math.log(v / m) : 10;
      row += e * e;
      n++;
    }
    if (n > 0) s += row / n;
  }
  return s;
}

const sigmoid = (u: number) => 1 / (1 + Math.exp(-u));
const logit = (p: number) => Math.log(p / (1 - p));

/**
 * What the fit minimises: the loss over a plan's rows of the constants an unconstrained point u maps to,
 * each parameter lower + span · sigmoid(u) (PARAMS order).
 */
interface Objective {
  plan: LossPlan;
  kernel: ReturnType<typeof kernelEfficiencies>;
  lower: Float64Array;
  span: Float64Array;
}

function thetaOf(o: Objective, u: Float64Array): Theta {
  const theta = {} as Theta;
  for (let i = 0; i < PARAMS.length; i++) theta[PARAMS[i]!] = o.lower[i]! + o.span[i]! * sigmoid(u[i]!);
  return theta;
}

interface Point {
  x: Float64Array;
  fx: number;
}

/** A point of the simplex with its loss. */
function pointAt(o: Objective, x: Float64Array): Point {
  return { x, fx: loss(thetaOf(o, x), o.plan, o.kernel) };
}

/** centroid + t · (worst − centroid), a new vector (a loop: a typed array's `map` calls its callback from a builtin, uninlined). */
function along(centroid: Float64Array, worst: Float64Array, t: number): Float64Array {
  const x = new Float64Array(centroid.length);
  for (let j = 0; j < x.length; j++) x[j] = centroid[j]! + t * (worst[j]! - centroid[j]!);
  return x;
}

const byLoss = (a: Point, b: Point) => a.fx - b.fx;

/**
 * Nelder–Mead on an unconstrained vector (deterministic). Its vectors are Float64Arrays (exactly the
 * doubles an array would hold), its points made in one place, and the functions it calls the same in
 * every fit: arrays of different element kinds, points from several literals and a new closure per fit
 * each cost a deoptimisation and a recompile of the whole inlined loss, in every fit.
 */
function nelderMead(o: Objective, x0: Float64Array, step: number, iterations: number): Point {
  const n = x0.length;
  const simplex = [x0, ...Array.from({ length: n }, (_, i) => x0.map((v, j) => (i === j ? v + step : v)))].map((x) => pointAt(o, x));
  const centroid = new Float64Array(n);
  let best = simplex[0]!;
  for (let it = 0; ; it++) {
    simplex.sort(byLoss);
    best = simplex[0]!;
    const worst = simplex[n]!;
    if (it === iterations || Math.abs(worst.fx - best.fx) < 1e-10) break;
    // The mean of all points but the worst, summed in simplex order.
    for (let j = 0; j < n; j++) {
      let sum = 0;
      for (let i = 0; i < n; i++) sum += simplex[i]!.x[j]!;
      centroid[j] = sum / n;
    }
    const r = pointAt(o, along(centroid, worst.x, -1));
    if (r.fx < best.fx) {
      const e = pointAt(o, along(centroid, worst.x, -2));
      simplex[n] = e.fx < r.fx ? e : r;
    } else if (r.fx < simplex[n - 1]!.fx) {
      simplex[n] = r;
    } else {
      const c = pointAt(o, along(centroid, worst.x, r.fx < worst.fx ? -0.5 : 0.5));
      if (c.fx < Math.min(r.fx, worst.fx)) simplex[n] = c;
      // Shrink towards the best point.
      else {
        const b = best.x;
        for (let i = 1; i <= n; i++) simplex[i] = pointAt(o, simplex[i]!.x.map((v, j) => b[j]! + 0.5 * (v - b[j]!)));
      }
    }
  }
  return best;
}

/** Fit the constants on rows; deterministic. */
export function fitConstants(rows: readonly PreparedRow[], kernels: KernelFigures): { theta: Theta; loss: number } {
  const k = kernelEfficiencies(kernels);
  const b = bounds(k);
  const o: Objective = {
    plan: lossPlan(rows),
    kernel: k,
    lower: Float64Array.from(PARAMS, (name) => b[name][0]),
    span: Float64Array.from(PARAMS, (name) => b[name][1] - b[name][0]),
  };
  const toU = (t: Theta): Float64Array => Float64Array.from(PARAMS, (name) => logit(Math.min(0.999, Math.max(0.001, (t[name] - b[name][0]) / (b[name][1] - b[name][0])))));
  const starts: Theta[] = [
    { bandwidth_efficiency: 0.75, compute_efficiency: 0.55, layer_overhead_us: 20, step_overhead_ms: 1, allreduce_latency_us: 20, allreduce_bandwidth_efficiency: 0.7, request_overhead_ms_trtllm: 20, request_overhead_ms_vllm: 20, request_overhead_ms_sglang: 20 },
    { bandwidth_efficiency: 0.6, compute_efficiency: 0.4, layer_overhead_us: 50, step_overhead_ms: 3, allreduce_latency_us: 40, allreduce_bandwidth_efficiency: 0.5, request_overhead_ms_trtllm: 80, request_overhead_ms_vllm: 80, request_overhead_ms_sglang: 80 },
    { bandwidth_efficiency: 0.85, compute_efficiency: 0.7, layer_overhead_us: 5, step_overhead_ms: 0.2, allreduce_latency_us: 5, allreduce_bandwidth_efficiency: 0.9, request_overhead_ms_trtllm: 5, request_overhead_ms_vllm: 5, request_overhead_ms_sglang: 5 },
  ];
  let best: Point | null = null;
  for (const s of starts) {
    let r = nelderMead(o, toU(s), 0.8, 700);
    r = nelderMead(o, r.x, 0.3, 500); // restart from the best point
    if (best === null || r.fx < best.fx) best = r;
  }
  return { theta: thetaOf(o, best!.x), loss: best!.fx };
}

const round = (x: number, digits: number) => Number(x.toPrecision(digits));

/** One measured value of one row: measured, fitted on all rows, and predicted with the row left out. */
export interface LooValue {
  id: string;
  key: MeasuredKey;
  measured: number;
  fitted: number;
  loo: number;
  /** loo ÷ measured − 1. */
  error: number;
  /** The 80 % interval of the left-out prediction, from the other rows' leave-one-out ratios (jackknife+). */
  interval: Interval;
  covered: boolean;
}

export interface FitResult {
  constants: Record<Exclude<MemoryModel, 'seed'>, PerfConstants>;
  kernel: ReturnType<typeof kernelEfficiencies>;
  loss: number;
  values: LooValue[];
  interval_factors: Record<PerfMetric, Interval>;
  summary: Record<PerfMetric, { n: number; median_abs_error: number; coverage: number }>;
}

/** Fit on every row, then leave each row out in turn; intervals and their coverage from the left-out ratios. */
export function fitAndValidate(measurements: Measurements, catalog: Catalog): FitResult {
  const rows = prepareRows(measurements.serving, catalog);
  const k = kernelEfficiencies(measurements.kernels);
  const all = fitConstants(rows, measurements.kernels);
  const raw: (Omit<LooValue, 'interval' | 'covered'> & { score: number; row: PreparedRow; constants: RooflineConstants })[] = [];
  rows.forEach((p, i) => {
    const others = rows.filter((_, j) => j !== i);
    const loo = fitConstants(others, measurements.kernels);
    const constants = constantsFor(loo.theta, p.row.engine, k);
    const predLoo = predictRow(p, constants);
    const predAll = predictRow(p, constantsFor(all.theta, p.row.engine, k));
    for (const key of MEASURED_KEYS) {
      const m = p.row.measured[key];
      if (m === undefined) continue;
      const score = conformityScore(p, constants, key, m, predLoo[key]!);
      raw.push({ id: p.row.id, key, measured: m, fitted: predAll[key]!, loo: predLoo[key]!, error: predLoo[key]! / m - 1, score, row: p, constants });
    }
  });
  const ratiosOf = (metric: PerfMetric, except?: string) => raw.filter((v) => METRIC_OF[v.key] === metric && v.id !== except).map((v) => v.score);
  const values: LooValue[] = raw.map(({ score: _, row, constants, ...v }) => {
    const f = conformalFactors(ratiosOf(METRIC_OF[v.key], v.id));
    const interval = predictionInterval(row, constants, v.key, v.loo, f);
    return { ...v, interval, covered: v.measured >= interval.low && v.measured <= interval.high };
  });
  const metrics: PerfMetric[] = ['output_tokens_per_s', 'tpot_ms', 'ttft_ms'];
  const interval_factors = Object.fromEntries(metrics.map((m) => [m, conformalFactors(ratiosOf(m))])) as Record<PerfMetric, Interval>;
  const summary = Object.fromEntries(
    metrics.map((m) => {
      const vs = values.filter((v) => METRIC_OF[v.key] === m);
      return [m, { n: vs.length, median_abs_error: median(vs.map((v) => Math.abs(v.error))), coverage: vs.filter((v) => v.covered).length / vs.length }];
    }),
  ) as FitResult['summary'];
  return {
    constants: { trtllm: constantsFor(all.theta, 'trtllm', k), vllm: constantsFor(all.theta, 'vllm', k), sglang: constantsFor(all.theta, 'sglang', k) },
    kernel: k,
    loss: all.loss,
    values,
    interval_factors,
    summary,
  };
}

/** The catalog data a fit gives (src/catalog/data/perf-calibration.json), figures rounded to 4 significant digits. */
export function calibrationFile(fit: FitResult, measurements: Measurements, date: string) {
  const pick = (c: PerfConstants): PerfConstants => ({
    bandwidth_efficiency: round(c.bandwidth_efficiency, 4),
    compute_efficiency: round(c.compute_efficiency, 4),
    layer_overhead_us: round(c.layer_overhead_us, 4),
    step_overhead_ms: round(c.step_overhead_ms, 4),
    allreduce_latency_us: round(c.allreduce_latency_us, 4),
    allreduce_bandwidth_efficiency: round(c.allreduce_bandwidth_efficiency ?? 1, 4),
    request_overhead_ms: round(c.request_overhead_ms, 4),
  });
  const factors = Object.fromEntries(Object.entries(fit.interval_factors).map(([m, f]) => [m, { low: round(f.low, 4), high: round(f.high, 4) }])) as PerfCalibrationSet['interval_factors'];
  const rows = measurements.serving.map((r) => r.id);
  const source =
    'Fitted by src/engines/perf/fit.ts on src/catalog/data/perf-measurements.json (published TensorRT-LLM, vLLM, SGLang and MLPerf v4.1 serving measurements on H100/H200, and H200 kernel measurements); leave-one-out errors in docs/performance-model.md';
  const sets: PerfCalibrationSet[] = (['trtllm', 'vllm', 'sglang'] as const).map((engine) => ({
    id: `hopper-${engine}`,
    gpu_architecture: 'hopper',
    engine,
    constants: pick(fit.constants[engine]),
    interval_factors: factors,
    rows,
    source,
    date,
  }));
  return {
    about:
      'Fitted constants of the performance model (src/engines/perf), one set per GPU family and engine. Generated by the fit (src/engines/perf/fit.ts) and checked against a fresh fit by test/engine/perf-fit.test.ts: do not edit by hand. The kernel figures are measured fractions of the data sheet that the fit does not change.',
    source: measurements.kernels.source,
    date,
    kernel: {
      kv_bandwidth_efficiency: round(fit.kernel.kv_bandwidth_efficiency, 4),
      attention_compute_efficiency: round(fit.kernel.attention_compute_efficiency, 4),
      bandwidth_ceiling: round(fit.kernel.bandwidth_ceiling, 4),
      compute_ceiling: round(fit.kernel.compute_ceiling, 4),
      source: measurements.kernels.source,
    },
    sets,
    fit: { rows, values: fit.values.length, loss: round(fit.loss, 4) },
  };
}
