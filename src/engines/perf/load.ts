/**
 * Performance at a load: sessions in flight per replica (given, from a request rate by Little's law,
 * or the memory-limited batch), then TPOT, TTFT, tokens/s and requests/s, and the binding limit. Pure.
 *
 * With c sessions per replica, ISL input and OSL output tokens per request, prefill time p = prefill(ISL):
 *
 *   TPOT mean      = step(c) + (c − 1) · p / OSL      the other sessions' prefills interleave with my decode
 *   TTFT mean      = c_request + step(c) / 2 + W + p + step(c)·[c > 1]
 *                    (the step running when the request arrives, the prefill queue's wait W, the prefill
 *                    itself, fused with a decode step of the others)
 *   W              = ρ · p / (2 (1 − ρ)), ρ = λ · p       M/D/1: Poisson arrivals, a prefill is a fixed time
 *   λ per replica  = c / (TTFT + (OSL − 1) · TPOT)      Little's law
 *   tokens/s       = λ · OSL
 *
 * p99: TPOT from the Poisson count m = c − 1 of prefills in a request's life (m + 2.326 √m); TTFT from a
 * whole step of residual wait and the queue's exponential tail, W·ln(100ρ)/ρ.
 *
 * @example
 * // Llama-3.1-70B fp8, 1 × H200, vLLM, 1,024 / 1,024 tokens, 4 sessions (fitted hopper/vLLM set):
 * // TPOT ≈ 21 ms, TTFT ≈ 0.2 s (the vLLM rows C11 of docs/performance-model.md)
 */
import type { SizingPlan } from '../../core/plan.ts';
import { calibrationFor, type ResolvedCalibration, widenInterval } from './calibration.ts';
import { type PreparedDeployment, prepareDeployment } from './deployment.ts';
import { applyFactors } from './interval.ts';
import {
  decodeStepOf,
  decodeStepTime,
  type DecodeContextWork,
  decodeContextWork,
  decodeWorkInto,
  newStepWork,
  type PerfDeployment,
  type PrefillWork,
  prefillRates,
  prefillTerms,
  prefillTime,
  prefillTimeSum,
  prefillWork,
  type RooflineConstants,
  type StepWork,
  type StepWorkScratch,
} from './roofline.ts';
import type { Interval, Performance, PerfBound, PerfTerms, PrefillTerms, Workload } from './types.ts';

/** z of the normal 99th percentile. */
const Z99 = 2.326;

/** What the load model computes before intervals and calibration labels. */
export interface LoadResult {
  sessions_per_replica: number;
  ttft_mean_s: number;
  tpot_mean_s: number;
  ttft_p50_s: number;
  ttft_p99_s: number;
  tpot_p50_s: number;
  tpot_p99_s: number;
  requests_per_s_per_replica: number;
  output_tokens_per_s_per_replica: number;
  bound: PerfBound;
  saturated: boolean;
  terms: PerfTerms;
}

/** How the load is given to `evaluateLoad` (per replica). */
export type ReplicaLoad =
  | { kind: 'max' } // the memory-limited batch, unbounded arrivals
  | { kind: 'batch'; sessions: number } // max load at a stated running batch
  | { kind: 'concurrency'; sessions: number } // closed loop: sessions in flight
  | { kind: 'rate'; requests_per_s: number }; // open loop: Poisson arrivals

/** Mean context a decoding session attends to: the prompt and half the output. */
export function decodeContext(workload: Pick<Workload, 'input_tokens' | 'output_tokens'>): number {
  return workload.input_tokens + workload.output_tokens / 2;
}

/**
 * What `evaluateLoad` computes whatever the constants: the prefill of one prompt and, when the load fixes
 * the batch (every kind but a request rate), the decode step at that batch. The calibration's fit computes
 * it once per measured row and hands it to every evaluation.
 */
export interface LoadWork {
  readonly prefill: PrefillWork;
  /** The decode step's work per session at the workload's decode context. */
  readonly decode: DecodeContextWork;
  /** The decode step at the load's batch; null at a request rate (the batch depends on the constants). */
  readonly step: StepWork | null;
}

type MutableLoadWork = { -readonly [K in keyof LoadWork]: LoadWork[K] };

/** Sessions of a closed loop that run at once: all of them, or as many as memory holds. */
function running(memory: number, sessions: number): number {
  return memory > 0 ? Math.min(sessions, memory) : sessions;
}

/** The sessions a load decodes whatever the constants (null at a request rate: they solve Little's law). */
function fixedSessions(p: PreparedDeployment, load: ReplicaLoad): number | null {
  const memory = Math.max(0, p.memory_sessions);
  switch (load.kind) {
    case 'max':
      return memory;
    case 'batch':
      return load.sessions;
    case 'concurrency':
      return running(memory, load.sessions);
    case 'rate':
      return null;
  }
}

/** The part of `LoadWork` that depends on the workload alone, whatever the load: one prompt's prefill and the decode context's work. */
type WorkloadWork = Pick<LoadWork, 'prefill' | 'decode'>;

function workloadWork(d: PerfDeployment, workload: Pick<Workload, 'input_tokens' | 'output_tokens'>): WorkloadWork {
  return { prefill: prefillWork(d, Math.max(0, workload.input_tokens)), decode: decodeContextWork(d, decodeContext(workload)) };
}

/** `LoadWork` from the workload's part: with the decode step at the load's batch when the load fixes it. */
function withStep(p: PreparedDeployment, load: ReplicaLoad, w: WorkloadWork): LoadWork {
  return withStepInto(p, load, w, { prefill: w.prefill, decode: w.decode, step: null }, newStepWork());
}

/** `withStep` written into `out`, its step's work into `step` (objects a caller reuses). */
function withStepInto(p: PreparedDeployment, load: ReplicaLoad, w: WorkloadWork, out: MutableLoadWork, step: StepWorkScratch): LoadWork {
  const sessions = fixedSessions(p, load);
  out.prefill = w.prefill;
  out.decode = w.decode;
  out.step = sessions === null ? null : decodeWorkInto(p.deployment, Math.max(1, sessions), w.decode, step);
  return out;
}

/** The constant-independent part of `evaluateLoad(p, workload, load, ·)` (see `LoadWork`). */
export function loadWork(p: PreparedDeployment, workload: Pick<Workload, 'input_tokens' | 'output_tokens'>, load: ReplicaLoad): LoadWork {
  return withStep(p, load, workloadWork(p.deployment, workload));
}

/**
 * The load model's figures, before its terms objects and binding limit: what `loadFigures` writes. The
 * calibration's fit evaluates every measured row this way hundreds of thousands of times, into one
 * reused object, and reads only these; `evaluateLoad` builds its result from them.
 */
export interface LoadFigures {
  /** The workload's output tokens (at least 1). */
  output_tokens: number;
  /** Sessions decoding together (at least 1). */
  sessions: number;
  /** Sessions waiting beyond the memory limit (closed loop). */
  queued: number;
  /** The decode step's work at `sessions`: the load's own, or `step_scratch` worked out for the batch found. */
  step_work: StepWork | null;
  step_scratch: StepWorkScratch;
  step_s: number;
  prefill_s: number;
  request_overhead_s: number;
  tpot_s: number;
  /** Written by `loadTails` (NaN until then), as the TTFT percentiles. */
  tpot_p99_s: number;
  /** TTFT without the prefill queue. */
  ttft_base_s: number;
  /** Life of a request without the prefill queue. */
  life_s: number;
  /** Utilisation of the prefill queue. */
  rho: number;
  /** The prefill queue's mean wait (M/D/1). */
  queue_wait_s: number;
  /** The queued sessions' wait for a place (closed loop beyond the memory limit), 0 without. */
  queued_wait_s: number;
  /** No prefill queue: the load is a fixed batch (`max`, `batch`). */
  no_queue: boolean;
  /** Mean wait before the prefill: the queue's and the queued sessions'. */
  wait_s: number;
  ttft_s: number;
  /** Written by `loadTails` (NaN until then). */
  ttft_p50_s: number;
  ttft_p99_s: number;
  requests_per_s: number;
  output_tokens_per_s: number;
  saturated: boolean;
  memory_bound: boolean;
}

/** An object for `loadFigures` to write (the fit reuses one). */
export function newLoadFigures(): LoadFigures {
  return {
    output_tokens: NaN,
    sessions: NaN,
    queued: NaN,
    step_work: null,
    step_scratch: newStepWork(),
    step_s: NaN,
    prefill_s: NaN,
    request_overhead_s: NaN,
    tpot_s: NaN,
    tpot_p99_s: NaN,
    ttft_base_s: NaN,
    life_s: NaN,
    rho: NaN,
    queue_wait_s: NaN,
    queued_wait_s: NaN,
    no_queue: false,
    wait_s: NaN,
    ttft_s: NaN,
    ttft_p50_s: NaN,
    ttft_p99_s: NaN,
    requests_per_s: NaN,
    output_tokens_per_s: NaN,
    saturated: false,
    memory_bound: false,
  };
}

/**
 * The decode batch of `sessions` sessions (at least 1) under the constants, written to `out` (its
 * `output_tokens`, `prefill_s` and `request_overhead_s` set before): step, TPOT, TTFT and life without
 * the prefill queue. The load's own step work (`work.step`) is used when it is this batch's. Returns
 * nothing (a number returned is boxed, and the batch search calls this millions of times).
 */
function atSessions(out: LoadFigures, d: PerfDeployment, c: RooflineConstants, work: LoadWork, sessions: number): void {
  const s = Math.max(1, sessions);
  const fixed = work.step;
  const stepWork = fixed !== null && fixed.batch === s && fixed.context_tokens === work.decode.context_tokens ? fixed : decodeWorkInto(d, s, work.decode, out.step_scratch);
  const step = decodeStepTime(d, c, stepWork);
  const tpot = step + ((s - 1) * out.prefill_s) / out.output_tokens;
  const ttftBase = out.request_overhead_s + step / 2 + out.prefill_s + (s > 1 ? step : 0);
  out.sessions = s;
  out.step_work = stepWork;
  out.step_s = step;
  out.tpot_s = tpot;
  out.ttft_base_s = ttftBase;
  out.life_s = ttftBase + (out.output_tokens - 1) * tpot;
}

/**
 * The load model's figures (see the formulas above) for one replica at a load with given constants,
 * written to `out`. `work` is `loadWork(p, workload, load)`.
 */
export function loadFigures(
  p: PreparedDeployment,
  workload: Pick<Workload, 'input_tokens' | 'output_tokens'>,
  load: ReplicaLoad,
  c: RooflineConstants,
  work: LoadWork,
  out: LoadFigures,
): LoadFigures {
  const d = p.deployment;
  const osl = Math.max(1, workload.output_tokens);
  const pf = prefillTime(prefillRates(d, c), work.prefill);
  const req = c.request_overhead_ms * 1e-3;
  const memory = Math.max(0, p.memory_sessions);
  out.output_tokens = osl;
  out.prefill_s = pf;
  out.request_overhead_s = req;

  let lambda: number;
  let queued = 0; // sessions waiting beyond the memory limit (closed loop)
  let saturated = false;
  let memoryBound = false;
  switch (load.kind) {
    case 'max':
    case 'batch': {
      atSessions(out, d, c, work, load.kind === 'max' ? memory : load.sessions);
      // Every step decodes the batch; each output token also carries 1/OSL of a prefill.
      lambda = out.sessions / (osl * out.step_s + out.sessions * pf);
      memoryBound = load.kind === 'max';
      break;
    }
    case 'concurrency': {
      const run = running(memory, load.sessions);
      queued = Math.max(0, load.sessions - run);
      memoryBound = queued > 0;
      atSessions(out, d, c, work, run);
      lambda = out.sessions / out.life_s;
      break;
    }
    case 'rate': {
      const rate = load.requests_per_s;
      lambda = rate;
      // Solve c = λ · life(c) by bisection on c ∈ [1, memory]: life grows with c. Each atSessions call
      // leaves its batch in `out`, the last one the batch found.
      const cap = memory > 0 ? memory : 1;
      atSessions(out, d, c, work, cap);
      if (rate * out.life_s - cap > 0) {
        saturated = true;
        memoryBound = true;
      } else {
        atSessions(out, d, c, work, 1);
        if (rate * out.life_s - 1 <= 0) {
          atSessions(out, d, c, work, Math.max(1e-9, rate * out.life_s));
        } else {
          let lo = 1;
          let hi = cap;
          for (let i = 0; i < 60 && hi - lo > 1e-6 * hi; i++) {
            const mid = (lo + hi) / 2;
            atSessions(out, d, c, work, mid);
            if (rate * out.life_s - mid > 0) lo = mid;
            else hi = mid;
          }
          atSessions(out, d, c, work, hi);
        }
      }
      break;
    }
  }

  // The prefill queue (M/D/1): arrivals λ, service time = one prefill.
  const rho = Math.min(0.999, lambda * pf);
  const queueWait = saturated ? Number.POSITIVE_INFINITY : (rho * pf) / (2 * (1 - rho));
  // Closed loop beyond the memory limit: the queued sessions wait their turn (Little: q / λ).
  const queuedWait = queued > 0 ? queued / lambda : 0;
  const noQueue = load.kind === 'max' || load.kind === 'batch';
  const wait = noQueue ? 0 : queued > 0 ? queueWait + queuedWait : queueWait;
  const requests = saturated ? out.sessions / out.life_s : lambda;
  out.queued = queued;
  out.rho = rho;
  out.queue_wait_s = queueWait;
  out.queued_wait_s = queuedWait;
  out.no_queue = noQueue;
  out.wait_s = wait;
  out.ttft_s = out.ttft_base_s + wait;
  out.tpot_p99_s = NaN;
  out.ttft_p50_s = NaN;
  out.ttft_p99_s = NaN;
  out.requests_per_s = requests;
  out.output_tokens_per_s = requests * osl;
  out.saturated = saturated;
  out.memory_bound = memoryBound;
  return out;
}

/**
 * The percentiles of the figures `loadFigures` wrote to `out`, written there: TPOT p99 from the Poisson
 * count of prefills in a request's life, TTFT p50 and p99 from a whole step of residual wait and the
 * prefill queue's exponential tail. Apart because the calibration's fit needs them only for the rows
 * that measured a percentile (the tail takes logarithms).
 */
export function loadTails(out: LoadFigures): LoadFigures {
  const m = out.sessions - 1;
  out.tpot_p99_s = out.step_s + ((m + Z99 * Math.sqrt(m)) * out.prefill_s) / out.output_tokens;
  let wait99 = 0;
  let wait50 = 0;
  if (!out.no_queue) {
    const rho = out.rho;
    const wait = out.queue_wait_s;
    wait99 = rho > 0.01 ? (wait * Math.log(100 * rho)) / rho : 0;
    wait50 = rho > 0.5 ? (wait * Math.log(2 * rho)) / rho : 0;
    if (out.queued > 0) {
      wait99 += out.queued_wait_s;
      wait50 += out.queued_wait_s;
    }
  }
  const step = out.step_s;
  out.ttft_p99_s = out.saturated ? Number.POSITIVE_INFINITY : out.request_overhead_s + step + wait99 + out.prefill_s + (out.sessions > 1 ? step : 0);
  out.ttft_p50_s = out.saturated ? Number.POSITIVE_INFINITY : out.ttft_base_s + wait50;
  return out;
}

/** What a deployment's evaluations with one workload and one set of constants share: one prompt's prefill, the decode context's work, and the effective figures. */
interface Shared {
  readonly input_tokens: number;
  readonly output_tokens: number;
  readonly constants: RooflineConstants;
  readonly work: WorkloadWork;
  readonly prefill: PrefillTerms;
  readonly effective: PerfTerms['effective'];
}
/**
 * The last `Shared` of each prepared deployment: a sizing evaluates its deployment at several loads
 * (the SLO search, each scenario's design load) with the same workload and constants. A memo of pure
 * functions (the figures are the same with or without it); the objects are frozen, as results share them.
 */
const shared = new WeakMap<PreparedDeployment, Shared>();

function sharedOf(p: PreparedDeployment, workload: Pick<Workload, 'input_tokens' | 'output_tokens'>, c: RooflineConstants): Shared {
  const kept = shared.get(p);
  if (kept !== undefined && kept.input_tokens === workload.input_tokens && kept.output_tokens === workload.output_tokens && kept.constants === c) return kept;
  const d = p.deployment;
  const work = workloadWork(d, workload);
  const s: Shared = {
    input_tokens: workload.input_tokens,
    output_tokens: workload.output_tokens,
    constants: c,
    work,
    prefill: Object.freeze(prefillTerms(d, c, work.prefill)),
    effective: Object.freeze(effectiveOf(p, c)),
  };
  shared.set(p, s);
  return s;
}

/** The effective rates the constants give a deployment (the terms' `effective`). */
function effectiveOf(p: PreparedDeployment, c: RooflineConstants): PerfTerms['effective'] {
  return {
    bandwidth_tbps: (p.deployment.bandwidth_bps * c.bandwidth_efficiency) / 1e12,
    tflops: (p.deployment.flops * c.compute_efficiency) / 1e12,
    interconnect_gbps: (p.deployment.interconnect_bps * (c.allreduce_bandwidth_efficiency ?? 1)) / 1e9,
    precision: p.deployment.precision,
  };
}

/**
 * `evaluateLoad`'s working objects, reused by every call (it calls nothing that evaluates a load
 * again): made afresh each time, their fields (each number field a heap number of its own) were a
 * third of the garbage the performance model left per scenario in `batch` (issue 10's speed target).
 */
const scratch: { work: MutableLoadWork; step: StepWorkScratch; figures: LoadFigures } = {
  work: { prefill: null as unknown as PrefillWork, decode: null as unknown as DecodeContextWork, step: null },
  step: newStepWork(),
  figures: newLoadFigures(),
};

/**
 * Evaluate one replica of a prepared deployment at a load with given constants: `loadFigures`, its
 * prefill and decode step term by term, and the binding limit.
 * Exported for the fit (fit.ts) and the SLO search (slo.ts); `performance()` is the public entry.
 * `work`, when given, must be `loadWork(p, workload, load)`. Without it, the prefill, the decode
 * context's work and the effective figures are the deployment's kept ones (`sharedOf`).
 */
export function evaluateLoad(
  p: PreparedDeployment,
  workload: Pick<Workload, 'input_tokens' | 'output_tokens'>,
  load: ReplicaLoad,
  c: RooflineConstants,
  work?: LoadWork,
): LoadResult {
  let pf: PrefillTerms;
  let effective: PerfTerms['effective'];
  if (work === undefined) {
    const kept = sharedOf(p, workload, c);
    work = withStepInto(p, load, kept.work, scratch.work, scratch.step);
    pf = kept.prefill;
    effective = kept.effective;
  } else {
    pf = prefillTerms(p.deployment, c, work.prefill);
    effective = effectiveOf(p, c);
  }
  // Into the reused figures: what the result needs is copied out of them below (the step's terms too).
  const x = loadTails(loadFigures(p, workload, load, c, work, scratch.figures));
  const s = decodeStepOf(p.deployment, c, x.step_work!);
  const wait = x.wait_s;
  const computeSide = Math.max(s.compute_s - s.weights_s, 0) + Math.max(s.attention_s - s.kv_s, 0);
  const bandwidthSide = Math.max(s.weights_s - s.compute_s, 0) + Math.max(s.kv_s - s.attention_s, 0);
  const bound: PerfBound = x.memory_bound
    ? 'memory'
    : wait > Math.max(pf.total_s, s.total_s) && wait > 0
      ? 'queueing'
      : s.compute_s + (s.attention_s > s.kv_s ? s.attention_s : 0) > s.weights_s + (s.kv_s >= s.attention_s ? s.kv_s : 0) || computeSide > bandwidthSide
        ? 'compute'
        : 'bandwidth';
  return {
    sessions_per_replica: x.sessions + x.queued,
    ttft_mean_s: x.ttft_s,
    tpot_mean_s: x.tpot_s,
    ttft_p50_s: x.ttft_p50_s,
    ttft_p99_s: x.ttft_p99_s,
    tpot_p50_s: x.tpot_s,
    tpot_p99_s: x.tpot_p99_s,
    requests_per_s_per_replica: x.requests_per_s,
    output_tokens_per_s_per_replica: x.output_tokens_per_s,
    bound,
    saturated: x.saturated,
    terms: {
      step: s,
      prefill: pf,
      queue_wait_s: wait,
      utilisation: load.kind === 'max' || load.kind === 'batch' ? 1 : x.rho,
      request_overhead_s: x.request_overhead_s,
      memory_sessions_per_replica: Math.max(0, p.memory_sessions),
      effective,
    },
  };
}

/**
 * Mean TTFT of `sessions` requests arriving at once on an idle replica (a closed-loop benchmark's first
 * round: every session sends its first request at the start): the k-th prompt's first token comes when
 * the chunked prefill of the first k prompts, scheduled together, is done.
 *
 *   TTFT_burst = c_request + (1/c) Σ_{k=1..c} prefill(ISL × k prompts)
 */
export function burstTtft(p: PreparedDeployment, workload: Pick<Workload, 'input_tokens'>, sessions: number, c: RooflineConstants): number {
  return burstTtftOf(p.deployment, burstWork(p.deployment, workload, sessions), c);
}

/** The prefills of a burst of `sessions` prompts (k = 1..c prompts scheduled together), whatever the constants. */
export function burstWork(d: PerfDeployment, workload: Pick<Workload, 'input_tokens'>, sessions: number): PrefillWork[] {
  const s = Math.max(1, Math.round(sessions));
  const isl = Math.max(0, workload.input_tokens);
  return Array.from({ length: s }, (_, i) => prefillWork(d, isl, i + 1));
}

/** `burstTtft` from the burst's prefills (`burstWork`): the fit computes them once per row. */
export function burstTtftOf(d: PerfDeployment, work: readonly PrefillWork[], c: RooflineConstants): number {
  return burstTtftOfSum(c, prefillTimeSum(prefillRates(d, c), work), work.length);
}

/** `burstTtft` from the summed time of its `sessions` prefills (`prefillTimeSum`). */
export function burstTtftOfSum(c: RooflineConstants, prefillSum: number, sessions: number): number {
  return c.request_overhead_ms * 1e-3 + prefillSum / sessions;
}

/**
 * The model with every duration multiplied by q: a calibration off by a time scale (measured ≈ predicted ×
 * q at a fixed load). At a fixed number of sessions that is every time × q and every rate ÷ q. At a
 * request rate λ the sessions in flight move with it: they solve c = λ·q·life(c), so the scaled model at
 * rate λ is the model at rate λ·q, its times × q and its rates ÷ q. Near capacity a small q moves c, TPOT
 * and TTFT a lot (or saturates the queue): the intervals of `performanceOf` at a request rate, and the
 * calibration's scores (fit.ts), carry that.
 *
 * @example
 * // 4 sessions, TPOT 20 ms: scaledLoad(p, w, { kind: 'concurrency', sessions: 4 }, c, 1.2).tpot_mean_s ≈ 0.024
 */
export function scaledLoad(p: PreparedDeployment, workload: Pick<Workload, 'input_tokens' | 'output_tokens'>, load: ReplicaLoad, c: RooflineConstants, q: number): LoadResult {
  const r = evaluateLoad(p, workload, load.kind === 'rate' ? { kind: 'rate', requests_per_s: load.requests_per_s * q } : load, c);
  return {
    ...r,
    ttft_mean_s: r.ttft_mean_s * q,
    tpot_mean_s: r.tpot_mean_s * q,
    ttft_p50_s: r.ttft_p50_s * q,
    ttft_p99_s: r.ttft_p99_s * q,
    tpot_p50_s: r.tpot_p50_s * q,
    tpot_p99_s: r.tpot_p99_s * q,
    requests_per_s_per_replica: r.requests_per_s_per_replica / q,
    output_tokens_per_s_per_replica: r.output_tokens_per_s_per_replica / q,
  };
}

/** The per-replica load of a workload on `replicas` replicas. */
export function replicaLoad(workload: Workload, replicas: number): ReplicaLoad {
  if (workload.request_rate !== undefined) return { kind: 'rate', requests_per_s: workload.request_rate / replicas };
  if (workload.concurrency !== undefined) return { kind: 'concurrency', sessions: workload.concurrency / replicas };
  return { kind: 'max' };
}

/** Replicas a plan deploys on one node (a replica over several nodes counts as one). */
export function defaultReplicas(p: PreparedDeployment): number {
  return Math.max(1, Math.round(p.replicas_per_node));
}

/**
 * Performance of a planned deployment at a load: `deploymentReplicas` replicas (default: one node's),
 * the workload's concurrency or request rate shared evenly over them, or neither (each replica at its
 * memory-limited batch). Every figure carries an 80 % interval. Throws when the catalog lacks a figure
 * the model needs (check `perfMissingFigures(plan)` first).
 *
 * A request rate no replica count can carry within memory gives `saturated` (TTFT Infinity): the
 * queue grows without bound.
 */
export function performance(plan: SizingPlan, workload: Workload, deploymentReplicas?: number): Performance & { saturated: boolean } {
  const prepared = prepareDeployment(plan, workload);
  return performanceOf(prepared, workload, deploymentReplicas);
}

/** `performance()` over an already prepared deployment (the SLO search and the scenarios reuse one). */
export function performanceOf(prepared: PreparedDeployment, workload: Workload, deploymentReplicas?: number): Performance & { saturated: boolean } {
  const { performance, saturated } = performanceAt(prepared, workload, deploymentReplicas);
  const p: Performance & { saturated?: boolean } = performance;
  p.saturated = saturated;
  return p as Performance & { saturated: boolean };
}

/**
 * `performanceOf`'s figures and its `saturated` flag apart (a saturated queue shows in the figures as an
 * infinite TTFT): a sizing's scenarios report the figures alone, without copying them to drop the flag.
 */
export function performanceAt(prepared: PreparedDeployment, workload: Workload, deploymentReplicas?: number): { performance: Performance; saturated: boolean } {
  const replicas = deploymentReplicas ?? defaultReplicas(prepared);
  const set = calibrationFor(prepared.gpu_architecture, prepared.memory_model);
  const load = replicaLoad(workload, replicas);
  const r = evaluateLoad(prepared, workload, load, set.constants);
  const f = set.extrapolated ? widenInterval(set.interval_factors) : set.interval_factors;
  const tok = r.output_tokens_per_s_per_replica * replicas;
  const req = r.requests_per_s_per_replica * replicas;
  const nodes = replicas / prepared.replicas_per_node;
  const ttftP50 = r.ttft_p50_s * 1e3;
  const ttftP99 = r.ttft_p99_s * 1e3;
  const tpotP50 = r.tpot_p50_s * 1e3;
  const tpotP99 = r.tpot_p99_s * 1e3;
  let interval: Performance['interval'];
  if (load.kind === 'rate') {
    // At a request rate the factors are a time scale carried through the sessions in flight
    // (scaledLoad): the interval's ends are the model at rate λ·q, times × q.
    const at = (q: number) => scaledLoad(prepared, workload, load, set.constants, q);
    const lowTok = at(1 / f.output_tokens_per_s.low);
    const highTok = at(1 / f.output_tokens_per_s.high);
    const tpotLow = at(f.tpot_ms.low);
    const tpotHigh = at(f.tpot_ms.high);
    const ttftLow = at(f.ttft_ms.low);
    const ttftHigh = at(f.ttft_ms.high);
    interval = {
      ttft_ms: { p50: hull(ttftP50, ttftLow.ttft_p50_s * 1e3, ttftHigh.ttft_p50_s * 1e3), p99: hull(ttftP99, ttftLow.ttft_p99_s * 1e3, ttftHigh.ttft_p99_s * 1e3) },
      tpot_ms: { p50: hull(tpotP50, tpotLow.tpot_p50_s * 1e3, tpotHigh.tpot_p50_s * 1e3), p99: hull(tpotP99, tpotLow.tpot_p99_s * 1e3, tpotHigh.tpot_p99_s * 1e3) },
      output_tokens_per_s: hull(tok, lowTok.output_tokens_per_s_per_replica * replicas, highTok.output_tokens_per_s_per_replica * replicas),
      requests_per_s: hull(req, lowTok.requests_per_s_per_replica * replicas, highTok.requests_per_s_per_replica * replicas),
    };
  } else {
    // At a fixed load the factors scale each figure.
    interval = {
      ttft_ms: { p50: applyFactors(ttftP50, f.ttft_ms), p99: applyFactors(ttftP99, f.ttft_ms) },
      tpot_ms: { p50: applyFactors(tpotP50, f.tpot_ms), p99: applyFactors(tpotP99, f.tpot_ms) },
      output_tokens_per_s: applyFactors(tok, f.output_tokens_per_s),
      requests_per_s: applyFactors(req, f.output_tokens_per_s),
    };
  }
  const performance: Performance = {
    sessions_per_replica: r.sessions_per_replica,
    replicas,
    ttft_ms: { p50: ttftP50, p99: ttftP99 },
    tpot_ms: { p50: tpotP50, p99: tpotP99 },
    output_tokens_per_s: tok,
    output_tokens_per_s_per_replica: r.output_tokens_per_s_per_replica,
    output_tokens_per_s_per_node: tok / nodes,
    requests_per_s: req,
    bound: r.bound,
    interval,
    terms: r.terms,
    calibration: calibrationLabel(set),
  };
  return { performance, saturated: r.saturated };
}

/** An interval that holds its figure: the scaled ends are monotone in q, the min/max only guards rounding. */
function hull(point: number, a: number, b: number): Interval {
  return { low: Math.min(point, a, b), high: Math.max(point, a, b) };
}

/** A set's label in the figures, one frozen object per set (results share it). */
const labels = new WeakMap<ResolvedCalibration, Performance['calibration']>();
function calibrationLabel(set: ResolvedCalibration): Performance['calibration'] {
  let l = labels.get(set);
  if (l === undefined) labels.set(set, (l = Object.freeze({ id: set.id, source: set.source, extrapolated: set.extrapolated })));
  return l;
}
