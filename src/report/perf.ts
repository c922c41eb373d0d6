/**
 * `llm-sizing perf`'s outputs: the JSON document (`--json-only`, `POST /api/v1/perf`, the library's
 * `perf()`) and the text report with the rationale of each figure (formula, inputs, meaning), in the
 * locale's words (src/report/i18n/perf-*.ts). Pure: the evaluation in, text or an object out.
 */
import type { PerfEvaluation } from '../app/perf.ts';
import type { Interval } from '../engines/perf/types.ts';
import type { PerfOutput } from '../schema/perf-output.ts';
import { type Fmt, fmt, type Locale } from './format.ts';
import { performanceFiguresJson } from './perf-figures-json.ts';
import { PERF_COMMAND_PHRASES } from './i18n/perf-command.ts';
import type { PerfRationaleKey, PerfRationaleParams } from './i18n/perf-command-phrases.ts';

/** The JSON document of one evaluation (docs/api.md, "POST /api/v1/perf", gives the shape). */
export function perfDocument(e: PerfEvaluation): PerfOutput {
  const p = e.performance;
  const l = e.layout;
  const model = e.plan.entries.model;
  return {
    inputs: {
      model: model.name,
      server: e.plan.entries.server.name,
      gpus_used: e.gpus_used,
      server_gpus: e.server_gpus,
      memory_model: e.plan.deployment?.engine.memory_model ?? 'seed',
      tensor_parallel: l.tensor_parallel,
      pipeline_parallel: l.pipeline_parallel,
      gpus_per_replica: l.gpus_per_replica,
      replicas: p.replicas,
      kv_precision: e.plan.precision,
      weights_precision: p.terms.effective.precision,
    },
    workload: { ...e.workload },
    performance: performanceFiguresJson(p, p.saturated),
  };
}

/** The JSON text (`--json-only`, the API's body): two-space indented, one final newline. */
export function renderPerfJson(e: PerfEvaluation): string {
  return `${JSON.stringify(perfDocument(e), null, 2)}\n`;
}

/** Milliseconds as the report shows them: 2 decimals under 10, 1 under 100, whole above. */
function ms(f: Fmt, seconds: number): string {
  const v = seconds * 1e3;
  if (!Number.isFinite(v)) return '∞';
  return v < 10 ? f.fixed(v, 2) : v < 100 ? f.fixed(v, 1) : f.int(v);
}

/** The rationale's figures, formatted. */
function rationaleParams(e: PerfEvaluation, f: Fmt): PerfRationaleParams {
  const p = e.performance;
  const s = p.terms.step;
  const pf = p.terms.prefill;
  const gb = (bytes: number) => f.num(bytes / 1e9, 2);
  const tflop = (flops: number) => f.num(flops / 1e12, 3);
  const sessions = f.num(s.batch, 1);
  const max = e.workload.concurrency === undefined && e.workload.request_rate === undefined;
  return {
    step: {
      batch: sessions,
      context: f.int(s.context_tokens),
      weights_gb: gb(s.weights_bytes_per_gpu),
      kv_gb: gb(s.kv_bytes_per_gpu),
      bandwidth: f.num(p.terms.effective.bandwidth_tbps, 2),
      gemm_tflop: tflop(s.gemm_flops_per_gpu),
      attention_tflop: tflop(s.attention_flops_per_gpu),
      tflops: f.int(p.terms.effective.tflops),
      precision: p.terms.effective.precision,
      weights_ms: ms(f, s.weights_s),
      compute_ms: ms(f, s.compute_s),
      kv_ms: ms(f, s.kv_s),
      attention_ms: ms(f, s.attention_s),
      allreduce_ms: ms(f, s.allreduce_s),
      overhead_ms: ms(f, s.overhead_s),
      total_ms: ms(f, s.total_s),
    },
    prefill: {
      tokens: f.int(pf.tokens),
      chunks: f.int(pf.chunks),
      weights_ms: ms(f, pf.weights_s),
      compute_ms: ms(f, pf.compute_s),
      attention_ms: ms(f, pf.attention_s),
      allreduce_ms: ms(f, pf.allreduce_s),
      overhead_ms: ms(f, pf.overhead_s),
      total_ms: ms(f, pf.total_s),
    },
    tpot: {
      step_ms: ms(f, s.total_s),
      sessions,
      prefill_ms: ms(f, pf.total_s),
      output: f.int(e.workload.output_tokens),
      p50_ms: ms(f, p.tpot_ms.p50 / 1e3),
      p99_ms: ms(f, p.tpot_ms.p99 / 1e3),
    },
    ttft: {
      request_ms: ms(f, p.terms.request_overhead_s),
      step_ms: ms(f, s.total_s),
      wait_ms: ms(f, p.terms.queue_wait_s),
      utilisation: f.fixed(p.terms.utilisation, 2),
      prefill_ms: ms(f, pf.total_s),
      p50_ms: ms(f, p.ttft_ms.p50 / 1e3),
      p99_ms: ms(f, p.ttft_ms.p99 / 1e3),
    },
    throughput: {
      sessions,
      ttft_ms: ms(f, p.ttft_ms.p50 / 1e3),
      tpot_ms: ms(f, p.tpot_ms.p50 / 1e3),
      output: f.int(e.workload.output_tokens),
      requests: f.num(p.requests_per_s / p.replicas, 2),
      tokens: f.int(p.output_tokens_per_s_per_replica),
      replicas: f.int(p.replicas),
      total: f.int(p.output_tokens_per_s),
      max,
    },
    interval: { id: p.calibration.id, extrapolated: p.calibration.extrapolated },
  };
}

const RATIONALE_ORDER: readonly PerfRationaleKey[] = ['step', 'prefill', 'tpot', 'ttft', 'throughput', 'interval'];

/**
 * The text report: what is evaluated, the figures with their 80 % intervals and the binding limit,
 * then the rationale of each figure.
 */
export function renderPerfText(e: PerfEvaluation, locale: Locale): string {
  const t = PERF_COMMAND_PHRASES[locale];
  const f = fmt(locale);
  const p = e.performance;
  const l = e.layout;
  const w = e.workload;
  const range = (i: Interval, show: (x: number) => string) => t.interval({ low: show(i.low), high: show(i.high) });
  const msOf = (x: number) => ms(f, x / 1e3);
  const tokens = (x: number) => f.int(x);
  const rps = (x: number) => f.num(x, 2);
  const lines = [
    t.title({ model: e.plan.entries.model.name, server: e.plan.entries.server.name, gpus_used: f.int(e.gpus_used), gpus: f.int(e.server_gpus) }),
    t.deployment({
      memory_model: e.plan.deployment?.engine.memory_model ?? 'seed',
      tp: f.int(l.tensor_parallel),
      pp: f.int(l.pipeline_parallel),
      replicas: f.int(p.replicas),
      gpus_per_replica: f.int(l.gpus_per_replica),
      weights: p.terms.effective.precision,
      kv: e.plan.precision,
    }),
    t.workload({ input: f.int(w.input_tokens), output: f.int(w.output_tokens) }),
    w.concurrency !== undefined ? t.loadConcurrency({ sessions: f.int(w.concurrency) }) : w.request_rate !== undefined ? t.loadRate({ rate: rps(w.request_rate) }) : t.loadMax,
    '',
    `${t.figures}:`,
  ];
  const rows: [string, string][] = [
    [t.label.sessions, `${f.num(p.sessions_per_replica, 1)} (${t.sessionsMemory({ memory: f.int(p.terms.memory_sessions_per_replica), replicas: f.int(p.replicas) })})`],
    [t.label.ttft, `p50 ${msOf(p.ttft_ms.p50)} ms ${range(p.interval.ttft_ms.p50, msOf)}; p99 ${msOf(p.ttft_ms.p99)} ms ${range(p.interval.ttft_ms.p99, msOf)}`],
    [t.label.tpot, `p50 ${msOf(p.tpot_ms.p50)} ms ${range(p.interval.tpot_ms.p50, msOf)}; p99 ${msOf(p.tpot_ms.p99)} ms ${range(p.interval.tpot_ms.p99, msOf)}`],
    [
      t.label.tokens,
      `${tokens(p.output_tokens_per_s)} ${range(p.interval.output_tokens_per_s, tokens)}; ${t.tokensSplit({ replica: tokens(p.output_tokens_per_s_per_replica), node: tokens(p.output_tokens_per_s_per_node) })}`,
    ],
    [t.label.requests, `${rps(p.requests_per_s)} ${range(p.interval.requests_per_s, rps)}`],
    [t.label.bound, t.bound[p.bound]],
    [t.label.calibration, t.calibration({ id: p.calibration.id, extrapolated: p.calibration.extrapolated })],
  ];
  const width = Math.max(...rows.map(([k]) => k.length)) + 2;
  for (const [k, v] of rows) lines.push(`  ${`${k}:`.padEnd(width)}${v}`);
  if (p.saturated) lines.push('', t.saturated);
  lines.push('', `${t.rationale}:`);
  const params = rationaleParams(e, f);
  for (const key of RATIONALE_ORDER) {
    const item = t.item[key] as { title(p: unknown): string; formula: string; inputs(p: unknown): string; meaning: string };
    lines.push(`  ${item.title(params[key])}`, `    ${t.formulaLabel}: ${item.formula}`, `    ${t.inputsLabel}: ${item.inputs(params[key])}`, `    ${t.meaningLabel}: ${item.meaning}`);
  }
  return `${lines.join('\n')}\n`;
}
