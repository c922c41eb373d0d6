/**
 * `llm-sizing calibrate` in words: one line per fact a log states, and the parser's notes; a benchmark
 * result's measurements (`benchmarkLines`). Apart from
 * `render.ts` only so that the report's start-up does not load the log parser.
 */
import { type BenchmarkComparison, type BenchmarkMeasurement, LATENCY_METRICS } from '../../engines/bench-results.ts';
import { type CalibrationNote, type CalibrationRun, type Engine, type EngineLogFacts, FACT_KEYS, FACT_UNITS } from '../../engines/calibrate.ts';
import { fmt, formatNumber, type Locale } from '../format.ts';
import { CALIBRATE_PHRASES } from './calibrate.ts';
import { messagesFor } from './index.ts';
import type { CalibratePhrases, NoteParams } from './types.ts';

/**
 * One line per fact, in a fixed order.
 * @example calibrationFacts({ kv_cache_memory_gib: 6.51 }, 'en') //=> ['available KV cache memory: 6.51 GiB']
 */
export function calibrationFacts(facts: EngineLogFacts, locale: Locale): string[] {
  const words = CALIBRATE_PHRASES[locale].fact;
  const out: string[] = [];
  for (const key of FACT_KEYS) {
    const value = facts[key];
    if (value === undefined) continue;
    let shown: string;
    if (typeof value === 'string') shown = value;
    else {
      switch (FACT_UNITS[key]) {
        case 'gib':
          shown = `${formatNumber(value, locale, 2, 4)} GiB`;
          break;
        case 'tokens':
          shown = `${formatNumber(value, locale, 0, 0)} tokens`;
          break;
        case 'bytes':
          shown = `${formatNumber(value, locale, 0, 0)} bytes`;
          break;
        case 'times':
          shown = `${formatNumber(value, locale, 2, 2)}x`;
          break;
        case 'fraction':
          shown = formatNumber(value, locale, 0, 6);
          break;
        default:
          shown = formatNumber(value, locale, 0, 0);
      }
    }
    out.push(`${words[key]}: ${shown}`);
  }
  return out;
}

const int = (n: number, locale: Locale): string => formatNumber(n, locale, 0, 0);
/** A signed percentage: "+0.11 %", "−50.00 %". */
function signedPercent(pct: number, locale: Locale): string {
  const abs = formatNumber(Math.abs(pct), locale, 2, 2);
  return `${pct < 0 ? '−' : '+'}${abs} %`;
}

/** Notes whose lists are joined here, with the locale's words for the parts that have words. */
function noteParams(n: CalibrationNote, t: CalibratePhrases, locale: Locale): NoteParams[typeof n.code] {
  switch (n.code) {
    case 'flag_left_out': {
      const p = n.params.problem;
      return { text: messagesFor(locale).problem(p, p.field, fmt(locale)) };
    }
    case 'bytes_per_token_mismatch': {
      const p = n.params;
      return {
        implied: int(p.implied, locale),
        model: p.model,
        bytes: int(p.bytes, locale),
        tp: p.tp,
        pp: p.pp,
        precision: p.precision,
        difference: signedPercent(p.difference_pct, locale),
        fit: p.fit === null ? null : { precision: p.fit.kv_precision, tp: p.fit.tensor_parallel, bytes: int(p.fit.bytes, locale) },
      };
    }
    case 'kv_too_small': {
      const p = n.params;
      // GiB as the log shows them (its decimals), in the locale's way.
      const gib = (shown: string) => formatNumber(Number(shown), locale, shown.split('.')[1]?.length ?? 0, shown.split('.')[1]?.length ?? 0);
      return { max_model_len: int(p.max_model_len, locale), needed: gib(p.needed), available: gib(p.available), estimated: p.estimated === null ? null : int(p.estimated, locale) };
    }
    case 'several_engines':
      return { list: n.params.engines.map((e) => t.engineLines(e)).join(', '), assumed: n.params.assumed };
    case 'several_values':
      return {
        list: n.params.facts
          .map(({ key, shown }) => `${key} ${shown.length <= 3 ? shown.join(' → ') : `${shown[0]} → … → ${shown[shown.length - 1]} ${t.valueCount(shown.length)}`}`)
          .join('; '),
      };
    case 'repeated_values':
      return { list: n.params.facts.map((x) => t.repeatedFact(x)).join(', ') };
    default:
      return n.params;
  }
}

/**
 * One note of the log parser as a sentence.
 * @example calibrationNote({ code: 'no_engine_marker', params: {} }, 'en') //=> 'no engine marker in the log: --memory-model is not given'
 */
export function calibrationNote(n: CalibrationNote, locale: Locale): string {
  const t = CALIBRATE_PHRASES[locale];
  return (t.note[n.code] as (p: NoteParams[typeof n.code]) => string)(noteParams(n, t, locale));
}

/**
 * The KV bytes per token a run implies, and the model's figure beside it: one or two lines (none when
 * the log gives no way to work them out).
 * @example calibrationBytesPerToken({ kv_bytes_per_token: { implied: 163870, source: 'tokens', gib: 6.51, tokens: 42656, model: null } }, 'en')
 * //=> ['KV cache per token and GPU: 163,870 bytes (6.51 GiB / 42,656 tokens)']
 */
export function calibrationBytesPerToken(run: Pick<CalibrationRun, 'kv_bytes_per_token'>, locale: Locale): string[] {
  const b = run.kv_bytes_per_token;
  if (b === null) return [];
  const t = CALIBRATE_PHRASES[locale];
  const lines = [t.bytesPerToken[b.source]({ bytes: int(b.implied, locale), gib: b.gib === undefined ? '' : formatNumber(b.gib, locale, 2, 4), tokens: b.tokens === undefined ? '' : int(b.tokens, locale) })];
  const m = b.model;
  if (m !== null) {
    lines.push(t.modelBytes({ model: m.name, tp: m.tensor_parallel, pp: m.pipeline_parallel, precision: m.kv_precision, bytes: int(m.bytes, locale), difference: signedPercent(m.difference_pct, locale) }));
  }
  return lines;
}

const ENGINE_NAME: Readonly<Record<Engine, string>> = { vllm: 'vLLM', sglang: 'SGLang', trtllm: 'TensorRT-LLM' };

/**
 * One benchmark result in words: what it measured, then (once the performance model is wired in,
 * `compareWithModel`) the comparison and the flags that make the model reproduce it. The first line
 * is the heading; the others are indented by the caller.
 * @example benchmarkLines({ tool: 'sglang', format: 'json', completed: 100, … }, null, 'en')[0] //=> "benchmark result: SGLang's bench_serving, saved JSON"
 */
export function benchmarkLines(m: BenchmarkMeasurement, comparison: BenchmarkComparison | null, locale: Locale): string[] {
  const t = CALIBRATE_PHRASES[locale].bench;
  const n = (v: number, max = 2) => formatNumber(v, locale, 0, max);
  const lines = [t.heading({ tool: t.tool[m.tool], format: t.format[m.format] })];
  const body: string[] = [];
  if (m.model !== null) body.push(`${t.model}: ${m.model}`);
  if (m.backend !== null) body.push(t.backend({ backend: m.backend, engine: m.engine === null ? null : ENGINE_NAME[m.engine] }));
  body.push(t.requests({ completed: int(m.completed, locale), prompts: m.num_prompts === null ? null : int(m.num_prompts, locale), failed: m.failed === null ? null : int(m.failed, locale) }));
  body.push(t.load({ rate: m.request_rate === null || m.request_rate === 'inf' ? m.request_rate : n(m.request_rate, 3), cap: m.max_concurrency === null ? null : int(m.max_concurrency, locale) }));
  body.push(t.tokens({ input: n(m.mean_input_tokens, 1), output: n(m.mean_output_tokens, 1) }));
  body.push(t.duration({ seconds: n(m.duration_s) }));
  body.push(t.throughput({ requests: n(m.requests_per_s, 3), tokens: n(m.output_tokens_per_s) }));
  if (m.mean_concurrency !== null && m.mean_concurrency_from !== null) body.push(t.concurrency({ value: n(m.mean_concurrency), from: m.mean_concurrency_from }));
  for (const metric of LATENCY_METRICS) {
    const s = m[`${metric}_ms`];
    const shown = (x: number | null) => (x === null ? null : n(x));
    const none = s.mean === null && s.median === null && s.p99 === null;
    body.push(`${t.metric[metric]}: ${none ? t.notStated : t.stats({ mean: shown(s.mean), median: shown(s.median), p99: shown(s.p99) })}`);
  }
  if (m.derived.length > 0) body.push(t.derived({ keys: m.derived.join(', ') }));
  if (m.absent.length > 0) body.push(t.absent({ keys: m.absent.join(', ') }));
  lines.push(...body.map((l) => `  ${l}`));
  if (comparison !== null) {
    lines.push(`${t.compared}:`);
    for (const r of comparison.rows) {
      lines.push(`  ${t.comparisonRow({ metric: t.comparedMetric[r.metric], measured: n(r.measured), predicted: n(r.predicted), ratio: `${formatNumber(r.ratio, locale, 2, 2)}×` })}`);
    }
    if (comparison.flags.length > 0) lines.push(`${t.reproduce}:`, `  ${comparison.flags.join(' ')}`);
    const c = comparison.calibration;
    if (c) {
      lines.push(`${t.patch({ set: c.set, scale: formatNumber(c.efficiency_scale, locale, 2, 3), metric: t.comparedMetric[c.fitted_on] })}:`);
      lines.push(`  ${JSON.stringify(Object.fromEntries(Object.entries(c.constants).map(([k, v]) => [k, Number(v.toPrecision(4))])))}`);
      lines.push(`${t.after}:`);
      for (const r of c.rows) {
        lines.push(`  ${t.comparisonRow({ metric: t.comparedMetric[r.metric], measured: n(r.measured), predicted: n(r.predicted), ratio: `${formatNumber(r.ratio, locale, 2, 2)}×` })}`);
      }
    }
  }
  return lines;
}
