/**
 * Serving benchmark results → what they measured, one `BenchmarkMeasurement` per benchmark run. Pure:
 * text in, data (or problems) out; never throws. Read by `llm-sizing calibrate` beside engine logs
 * (src/engines/calibrate.ts); docs/engines.md, "Calibrating from a benchmark result", lists the formats.
 *
 * Formats read, and where each key comes from (the tools' own sources):
 * - vLLM `vllm bench serve --save-result` (vllm/benchmarks/serve.py, `main`: `result_json` = the setup
 *   keys `date`, `endpoint_type`, `backend`, `label`, `model_id`, `tokenizer_id`, `num_prompts`,
 *   `request_rate` (a number, or the string "inf"), `burstiness`, `max_concurrency` (null when not
 *   set), merged with `benchmark()`'s `result`: `duration`, `completed`, `failed`, `total_input_tokens`,
 *   `total_output_tokens`, `request_throughput`, `output_throughput`, `total_token_throughput`, and per
 *   metric of `--percentile-metrics` (default "ttft,tpot,itl") `mean_<m>_ms`, `median_<m>_ms`,
 *   `std_<m>_ms` and `p<P>_<m>_ms` per `--metric-percentiles` (default "99"), m ∈ ttft, tpot, itl, e2el).
 *   `--append-result` appends one such object per line.
 * - vLLM's older `benchmarks/benchmark_serving.py --save-result`: the same keys (no `failed`, and
 *   `request_goodput:` with a stray colon), so the same reader.
 * - SGLang `python -m sglang.bench_serving --output-file F` (python/sglang/bench_serving.py,
 *   `benchmark()`: one JSON object appended per run): `backend`, `dataset_name`, `request_rate` (a
 *   Python float: `Infinity` when unbounded, which is not JSON and is read here), `max_concurrency`,
 *   `duration`, `completed`, `total_input_tokens`, `total_output_tokens`,
 *   `total_output_tokens_retokenized`, `request_throughput`, `input_throughput`, `output_throughput`,
 *   `mean|median|std|p99_e2e_latency_ms`, `mean|median|std|p99_ttft_ms`, `mean|median|std|p99_tpot_ms`,
 *   `mean|median|std|p95|p99_itl_ms`, `concurrency` (Σ latencies ÷ duration), `accept_length`. No model
 *   id and no prompt count.
 * - The summary both print ("============ Serving Benchmark Result ============" then
 *   `Label: value` lines, e.g. "Mean TTFT (ms): 64.51"), with the lines printed before it (vLLM's
 *   "Traffic request rate: inf", "Maximum request concurrency: 32"; an `args` Namespace line with
 *   `model='…'` and `num_prompts=N`).
 *
 * @example
 * const r = parseBenchmarkResult('{"completed": 100, "duration": 50, "total_input_tokens": 102400, "total_output_tokens": 25600, "model_id": "m", "num_prompts": 100}');
 * r?.ok && r.measurements[0]!.mean_input_tokens; //=> 1024
 */
import type { SizingPlan } from '../core/plan.ts';
import { jsonDepth, MAX_JSON_DEPTH, stripBom, tooDeep } from '../schema/json-depth.ts';
import { BENCHMARK_LIMITS } from '../schema/limits.ts';
import type { Accepted, Problem } from '../schema/problems.ts';
import type { Engine } from './calibrate.ts';

/** Which benchmark wrote the result. */
export type BenchTool = 'vllm' | 'sglang';
/** The saved JSON (one object, or one per line), or the summary printed to the terminal. */
export type BenchFormat = 'json' | 'text';
export type LatencyMetric = 'ttft' | 'tpot' | 'itl' | 'e2e';
export const LATENCY_METRICS: readonly LatencyMetric[] = ['ttft', 'tpot', 'itl', 'e2e'];

/** A latency's statistics over the requests, milliseconds; null where the result does not state it. */
export interface LatencyStats {
  readonly mean: number | null;
  readonly median: number | null;
  readonly p99: number | null;
}

/** What one benchmark run measured. Token counts per request are means over the completed requests. */
export interface BenchmarkMeasurement {
  readonly tool: BenchTool;
  readonly format: BenchFormat;
  /** 1-based: the result's place in the file, and the line it starts on. */
  readonly record: number;
  readonly line: number;
  /** The benchmark's `--backend` as written (`vllm`, `openai`, `sglang-oai`, …). */
  readonly backend: string | null;
  /** The serving engine that backend names, from an exact table (`openai` and unknown ones: null). */
  readonly engine: Engine | null;
  /** The model as the benchmark names it (vLLM `model_id`; SGLang's JSON has none). */
  readonly model: string | null;
  readonly num_prompts: number | null;
  readonly completed: number;
  readonly failed: number | null;
  /** Requests per second the benchmark sent; 'inf' = all at once (maximum load). */
  readonly request_rate: number | 'inf' | null;
  /** The client's cap on requests in flight; null when not set. */
  readonly max_concurrency: number | null;
  readonly total_input_tokens: number;
  readonly total_output_tokens: number;
  readonly mean_input_tokens: number;
  readonly mean_output_tokens: number;
  readonly duration_s: number;
  readonly requests_per_s: number;
  readonly output_tokens_per_s: number;
  /** Requests in flight on average: SGLang's `concurrency`, or request/s × mean end-to-end latency (Little's law). */
  readonly mean_concurrency: number | null;
  readonly mean_concurrency_from: 'stated' | 'littles_law' | null;
  readonly ttft_ms: LatencyStats;
  readonly tpot_ms: LatencyStats;
  readonly itl_ms: LatencyStats;
  readonly e2e_ms: LatencyStats;
  /** Figures computed because their key is absent (requests/s = completed ÷ duration, …): the keys. */
  readonly derived: readonly string[];
  /** Keys this reader looks for that the result does not have (or has as null), in reading order. */
  readonly absent: readonly string[];
}

export type BenchParseResult = { readonly ok: true; readonly measurements: BenchmarkMeasurement[] } | { readonly ok: false; readonly problems: Problem[] };

/** The keys every benchmark result has (both tools, every version read). */
export const REQUIRED_KEYS = ['duration', 'completed', 'total_input_tokens', 'total_output_tokens'] as const;

/** Keys only SGLang's bench_serving writes (or prints): a result with one of them is SGLang's. */
const SGLANG_KEYS: ReadonlySet<string> = new Set(['total_output_tokens_retokenized', 'mean_e2e_latency_ms', 'input_throughput', 'concurrency', 'accept_length']);

/** The keys of each latency statistic, per tool (vLLM's end-to-end metric is `e2el`, SGLang's `e2e_latency`). */
function latencyKey(tool: BenchTool, metric: LatencyMetric, stat: keyof LatencyStats): string {
  const name = metric === 'e2e' ? (tool === 'vllm' ? 'e2el' : 'e2e_latency') : metric;
  return `${stat}_${name}_ms`;
}

/** The optional keys read, per tool, in the order `absent` lists them. */
function optionalKeys(tool: BenchTool): string[] {
  const keys = tool === 'vllm' ? ['model_id', 'backend', 'num_prompts', 'failed'] : ['backend'];
  keys.push('request_rate', 'max_concurrency', 'request_throughput', 'output_throughput');
  if (tool === 'sglang') keys.push('concurrency');
  for (const m of LATENCY_METRICS) for (const s of ['mean', 'median', 'p99'] as const) keys.push(latencyKey(tool, m, s));
  return keys;
}

/**
 * `--backend` values that name one engine (vllm/benchmarks/lib/endpoint_request_func.py and
 * sglang/bench_serving.py's ASYNC_REQUEST_FUNCS). `openai`, `openai-chat` and the rest reach any
 * OpenAI-compatible server: no engine.
 */
const BACKEND_ENGINE: Readonly<Record<string, Engine>> = {
  vllm: 'vllm',
  'vllm-chat': 'vllm',
  sglang: 'sglang',
  'sglang-native': 'sglang',
  'sglang-oai': 'sglang',
  'sglang-oai-chat': 'sglang',
  trt: 'trtllm',
  'tensorrt-llm': 'trtllm',
};

// ————— reading values —————

/** Python's json.dumps writes these for float('nan') / float('inf'); JSON.parse refuses them. */
const PY_TOKEN = '\u0000py:';
const PY_VALUES: Readonly<Record<string, number>> = { NaN: Number.NaN, Infinity: Number.POSITIVE_INFINITY, '-Infinity': Number.NEGATIVE_INFINITY };

/** Python's bare NaN / Infinity / -Infinity (outside strings) as marked strings, so JSON.parse reads them and the reviver restores them. */
function pythonTokensToJson(text: string): string {
  if (!text.includes('NaN') && !text.includes('Infinity')) return text;
  return text.replace(/"(?:[^"\\]|\\[\s\S])*"|-?Infinity|NaN/g, (m) => (m.charCodeAt(0) === 0x22 ? m : JSON.stringify(PY_TOKEN + m)));
}

function revive(_key: string, value: unknown): unknown {
  return typeof value === 'string' && value.startsWith(PY_TOKEN) ? PY_VALUES[value.slice(PY_TOKEN.length)] : value;
}

/** JSON text (with Python's NaN/Infinity) → value, or the parser's message. */
function parseJson(text: string): { ok: true; value: unknown } | { ok: false; detail: string } {
  try {
    return { ok: true, value: JSON.parse(pythonTokensToJson(text), revive) };
  } catch (e) {
    return { ok: false, detail: String((e as Error).message).replace(/\s+/g, ' ').trim() };
  }
}

/** A record's values with, for printed summaries, the label and line each came from (problems name them). */
interface RecordSource {
  readonly values: Readonly<Record<string, unknown>>;
  readonly line: number;
  /** How a problem names the key (the JSON key, or the printed label). */
  name(key: string): string;
  /** The line a key was read from. */
  lineOf(key: string): number;
}

const has = (o: Readonly<Record<string, unknown>>, k: string): boolean => Object.prototype.hasOwnProperty.call(o, k);

/** One record → its measurement, or the problems of its values (each naming the key, the value and what is accepted). */
function readRecord(src: RecordSource, format: BenchFormat, record: number, source: string | undefined): { ok: true; value: BenchmarkMeasurement } | { ok: false; problems: Problem[] } {
  const v = src.values;
  const where = (key: string) => (source === undefined ? `line ${src.lineOf(key)}` : `${source}:${src.lineOf(key)}`);
  const missing = REQUIRED_KEYS.filter((k) => !has(v, k) || v[k] === null);
  if (missing.length > 0) {
    return {
      ok: false,
      problems: [{ field: '(result)', value: Object.keys(v).slice(0, 12).join(', ') || '{}', accepted: { kind: 'rule', rule: 'bench_result_keys', detail: { missing, expected: [...REQUIRED_KEYS] } }, source: where('') }],
    };
  }
  const problems: Problem[] = [];
  const bad = (key: string, accepted: Accepted) => problems.push({ field: src.name(key), value: v[key], accepted, source: where(key) });
  /** A finite number ≥ 0 (> 0 with `positive`), a whole one with `integer`; null/absent → null. */
  const number = (key: string, opts: { integer?: boolean; min?: number; positive?: boolean } = {}): number | null => {
    if (!has(v, key) || v[key] === null) return null;
    const x = v[key];
    const min = opts.min ?? 0;
    const ok = typeof x === 'number' && Number.isFinite(x) && (opts.positive ? x > min : x >= min) && (!opts.integer || Number.isInteger(x));
    if (ok) return x === 0 ? 0 : x; // -0 (a "-0.00" summary) reads as 0
    bad(key, opts.integer ? { kind: 'integer', min: opts.positive ? min + 1 : min } : { kind: 'number', min, ...(opts.positive ? { minExclusive: true } : {}) });
    return null;
  };
  const text = (key: string): string | null => {
    if (!has(v, key) || v[key] === null) return null;
    const x = v[key];
    if (typeof x === 'string' && x.trim() !== '') return x;
    bad(key, { kind: 'string' });
    return null;
  };

  const tool: BenchTool = Object.keys(v).some((k) => SGLANG_KEYS.has(k)) ? 'sglang' : 'vllm';
  // A run shorter than a millisecond is no benchmark (and would overflow the rates derived from it).
  const duration = number('duration', { min: 0.001 });
  const completed = number('completed', { integer: true, min: 1 });
  const totalIn = number('total_input_tokens', { integer: true });
  const totalOut = number('total_output_tokens', { integer: true });
  // SGLang's JSON has no model id, prompt count or failures; its printed arguments line states the first two.
  const failed = number('failed', { integer: true });
  const numPrompts = number('num_prompts', { integer: true, min: 1 });
  const model = text('model_id');
  const backend = text('backend');
  let rate: number | 'inf' | null = null;
  if (has(v, 'request_rate') && v.request_rate !== null) {
    const r = v.request_rate;
    if (r === 'inf' || r === Number.POSITIVE_INFINITY) rate = 'inf';
    else if (typeof r === 'number' && Number.isFinite(r) && r > 0) rate = r;
    else bad('request_rate', { kind: 'number', min: 0, minExclusive: true });
  }
  const maxConcurrency = number('max_concurrency', { integer: true, min: 1 });
  const statedRps = number('request_throughput');
  const statedTps = number('output_throughput');
  const stated = tool === 'sglang' ? number('concurrency') : null;
  const stats = {} as Record<LatencyMetric, LatencyStats>;
  for (const m of LATENCY_METRICS) {
    stats[m] = { mean: number(latencyKey(tool, m, 'mean')), median: number(latencyKey(tool, m, 'median')), p99: number(latencyKey(tool, m, 'p99')) };
  }
  if (problems.length > 0 || duration === null || completed === null || totalIn === null || totalOut === null) return { ok: false, problems };

  const derived: string[] = [];
  const rps = statedRps ?? completed / duration;
  if (statedRps === null) derived.push('request_throughput');
  const tps = statedTps ?? totalOut / duration;
  if (statedTps === null) derived.push('output_throughput');
  // Counts so large that a rate overflows a double name the key they came from.
  if (!Number.isFinite(rps)) bad('completed', { kind: 'integer', min: 1, max: Number.MAX_SAFE_INTEGER });
  if (!Number.isFinite(tps)) bad('total_output_tokens', { kind: 'integer', min: 0, max: Number.MAX_SAFE_INTEGER });
  if (problems.length > 0) return { ok: false, problems };
  let meanConcurrency: number | null = stated;
  let concurrencyFrom: 'stated' | 'littles_law' | null = stated === null ? null : 'stated';
  if (meanConcurrency === null && stats.e2e.mean !== null && Number.isFinite((rps * stats.e2e.mean) / 1000)) {
    meanConcurrency = (rps * stats.e2e.mean) / 1000;
    concurrencyFrom = 'littles_law';
  }
  // null is a value for the concurrency cap (vLLM writes null when --max-concurrency is not set).
  const absent = optionalKeys(tool).filter((k) => !has(v, k) || (v[k] === null && k !== 'max_concurrency'));
  return {
    ok: true,
    value: {
      tool,
      format,
      record,
      line: src.line,
      backend,
      engine: backend !== null && has(BACKEND_ENGINE, backend) ? BACKEND_ENGINE[backend]! : null,
      model,
      num_prompts: numPrompts,
      completed,
      failed,
      request_rate: rate,
      max_concurrency: maxConcurrency,
      total_input_tokens: totalIn,
      total_output_tokens: totalOut,
      mean_input_tokens: totalIn / completed,
      mean_output_tokens: totalOut / completed,
      duration_s: duration,
      requests_per_s: rps,
      output_tokens_per_s: tps,
      mean_concurrency: meanConcurrency,
      mean_concurrency_from: concurrencyFrom,
      ttft_ms: stats.ttft,
      tpot_ms: stats.tpot,
      itl_ms: stats.itl,
      e2e_ms: stats.e2e,
      derived,
      absent,
    },
  };
}

function readRecords(records: readonly RecordSource[], format: BenchFormat, source: string | undefined): BenchParseResult {
  if (records.length > BENCHMARK_LIMITS.records) {
    return { ok: false, problems: [{ field: '(file)', value: records.length, accepted: { kind: 'rule', rule: 'bench_records', detail: { max: BENCHMARK_LIMITS.records } }, source }] };
  }
  const measurements: BenchmarkMeasurement[] = [];
  const problems: Problem[] = [];
  records.forEach((r, i) => {
    const read = readRecord(r, format, i + 1, source);
    if (read.ok) measurements.push(read.value);
    else problems.push(...read.problems);
  });
  return problems.length > 0 ? { ok: false, problems } : { ok: true, measurements };
}

// ————— JSON —————

function jsonRecord(value: Record<string, unknown>, line: number): RecordSource {
  return { values: value, line, name: (k) => k, lineOf: () => line };
}

const isObject = (x: unknown): x is Record<string, unknown> => typeof x === 'object' && x !== null && !Array.isArray(x);

function readJson(text: string, source: string | undefined): BenchParseResult {
  const at = (line: number) => (source === undefined ? `line ${line}` : `${source}:${line}`);
  if (tooDeep(text)) {
    return { ok: false, problems: [{ field: '(file)', value: jsonDepth(text), accepted: { kind: 'rule', rule: 'json_depth', detail: { max: MAX_JSON_DEPTH } }, source }] };
  }
  const notObject = (value: unknown, line: number): Problem => ({ field: '(result)', value: Array.isArray(value) ? '[…]' : value, accepted: { kind: 'object' }, source: at(line) });
  const whole = parseJson(text);
  const firstLine = text.split('\n').findIndex((l) => l.trim() !== '') + 1;
  if (whole.ok) {
    if (!isObject(whole.value)) return { ok: false, problems: [notObject(whole.value, firstLine)] };
    return readRecords([jsonRecord(whole.value, firstLine)], 'json', source);
  }
  // JSON lines: `--append-result` (vLLM) and `--output-file` (SGLang) append one object per line.
  const lines = text.split(/\r?\n/);
  const first = parseJson(lines[firstLine - 1] ?? '');
  if (!first.ok) return { ok: false, problems: [{ field: '(file)', value: undefined, accepted: { kind: 'json', detail: whole.detail }, source }] };
  const records: RecordSource[] = [];
  const problems: Problem[] = [];
  for (let i = 0; i < lines.length; i++) {
    const l = lines[i]!;
    if (l.trim() === '') continue;
    if (records.length + problems.length > BENCHMARK_LIMITS.records) break;
    const parsed = parseJson(l);
    if (!parsed.ok) problems.push({ field: '(line)', value: undefined, accepted: { kind: 'json', detail: parsed.detail }, source: at(i + 1) });
    else if (!isObject(parsed.value)) problems.push(notObject(parsed.value, i + 1));
    else records.push(jsonRecord(parsed.value, i + 1));
  }
  if (problems.length > 0) return { ok: false, problems: problems.slice(0, 10) };
  return readRecords(records, 'json', source);
}

// ————— the printed summary —————

const BANNER = /=+\s*Serving Benchmark Result\s*=+/;
const RULE_LINE = /^\s*={20,}\s*$/;

/** Printed label (lower case, spaces collapsed) → the JSON key it prints (serve.py / bench_serving.py `print` calls). */
const LABELS: Readonly<Record<string, string>> = {
  'successful requests': 'completed',
  'failed requests': 'failed',
  'maximum request concurrency': 'max_concurrency',
  'max request concurrency': 'max_concurrency',
  'traffic request rate': 'request_rate',
  'request rate configured (rps)': 'request_rate',
  'benchmark duration (s)': 'duration',
  'total input tokens': 'total_input_tokens',
  'total generated tokens': 'total_output_tokens',
  'total generated tokens (retokenized)': 'total_output_tokens_retokenized',
  'request throughput (req/s)': 'request_throughput',
  'input token throughput (tok/s)': 'input_throughput',
  'output token throughput (tok/s)': 'output_throughput',
  backend: 'backend',
  concurrency: 'concurrency',
  'mean e2e latency (ms)': 'mean_e2e_latency_ms',
  'median e2e latency (ms)': 'median_e2e_latency_ms',
  'p99 e2e latency (ms)': 'p99_e2e_latency_ms',
};
for (const [m, printed] of [
  ['ttft', 'ttft'],
  ['tpot', 'tpot'],
  ['itl', 'itl'],
  ['e2el', 'e2el'],
] as const) {
  for (const s of ['mean', 'median', 'p99'] as const) (LABELS as Record<string, string>)[`${s} ${printed} (ms)`] = `${s}_${m}_ms`;
}
/** Labels printed before the banner (vLLM prints the traffic settings as the run starts). */
const HEADER_KEYS: ReadonlySet<string> = new Set(['request_rate', 'max_concurrency']);

/** A printed value: a number, inf, or "None" / "not set" (null); anything else stays text (and is refused where a number belongs). */
function printedValue(raw: string): unknown {
  const t = raw.trim();
  if (/^[+-]?\d+(\.\d+)?([eE][+-]?\d+)?$/.test(t)) return Number(t);
  if (/^(inf|infinity)$/i.test(t)) return 'inf';
  if (/^(none|not set)$/i.test(t)) return null;
  if (/^nan$/i.test(t)) return Number.NaN;
  return t;
}

function readText(text: string, source: string | undefined): BenchParseResult {
  const lines = text.split(/\r?\n/);
  const records: RecordSource[] = [];
  let header: { values: Record<string, unknown>; names: Record<string, string>; lines: Record<string, number> } = { values: {}, names: {}, lines: {} };
  let open: (typeof header & { line: number }) | undefined;
  const close = () => {
    if (open === undefined) return;
    const o = open;
    records.push({ values: o.values, line: o.line, name: (k) => o.names[k] ?? k, lineOf: (k) => o.lines[k] ?? o.line });
    open = undefined;
    header = { values: {}, names: {}, lines: {} };
  };
  const set = (into: typeof header, key: string, value: unknown, name: string, line: number) => {
    into.values[key] = value;
    into.names[key] = name;
    into.lines[key] = line;
  };
  for (let i = 0; i < lines.length; i++) {
    const l = lines[i]!;
    if (BANNER.test(l)) {
      close();
      open = { values: { ...header.values }, names: { ...header.names }, lines: { ...header.lines }, line: i + 1 };
      continue;
    }
    if (open !== undefined && RULE_LINE.test(l)) {
      close();
      continue;
    }
    // The arguments line (vLLM `print(args)`, SGLang `benchmark_args=Namespace(…)`): model and prompt count.
    if (l.includes('Namespace(')) {
      const into = open ?? header;
      const model = /[(,\s]model='([^']*)'/.exec(l);
      if (model) set(into, 'model_id', model[1], 'model', i + 1);
      const prompts = /[(,\s]num_prompts=(\d+)/.exec(l);
      if (prompts) set(into, 'num_prompts', Number(prompts[1]), 'num_prompts', i + 1);
      continue;
    }
    const m = /^\s*([A-Za-z][^:]*?):\s+(\S.*?)\s*$/.exec(l);
    if (!m) continue;
    const label = m[1]!.replace(/\s+/g, ' ').trim();
    const key = LABELS[label.toLowerCase()];
    if (key === undefined) continue;
    if (open !== undefined) set(open, key, printedValue(m[2]!), label, i + 1);
    else if (HEADER_KEYS.has(key)) set(header, key, printedValue(m[2]!), label, i + 1);
  }
  close();
  return readRecords(records, 'text', source);
}

/**
 * Read a serving benchmark's result: the JSON `vllm bench serve --save-result` or SGLang's
 * `bench_serving --output-file` writes (one object, or one per line), or the summary they print.
 * `undefined` when the text is neither JSON (it does not start with `{"`, `{}`, `[{` or `[]`) nor holds a
 * printed summary: not a benchmark result (the caller may read it as an engine log). Otherwise the
 * measurements, or the problems (each names the key or printed label, the value and what is
 * accepted; `source` — the file name — and the line say where).
 */
export function parseBenchmarkResult(text: string, source?: string): BenchParseResult | undefined {
  const t = stripBom(text);
  // JSON: an object (`{` then a key or `}`), or an array of them; a log line such as `[TRT-LLM] …` or a
  // Python dict dump `{'model': …}` is not.
  if (/^\s*(\{\s*["}]|\[\s*[{\]])/.test(t)) return readJson(t, source);
  if (BANNER.test(t)) return readText(t, source);
  return undefined;
}

// ————— the comparison with the performance model (DESIGN POINT) —————

/**
 * The load a measurement was taken at, as the performance model takes it (DESIGN-10's `Workload`,
 * src/engines/perf/types.ts once it lands: replace this with an import). Concurrency when the client
 * capped it and sent everything at once; the request rate when finite; neither at an unbounded rate
 * with no cap (the model's maximum-throughput load).
 */
export interface BenchmarkWorkload {
  readonly input_tokens: number;
  readonly output_tokens: number;
  readonly concurrency?: number;
  readonly request_rate?: number;
}

export function workloadOf(m: BenchmarkMeasurement): BenchmarkWorkload {
  const base = { input_tokens: m.mean_input_tokens, output_tokens: m.mean_output_tokens };
  if (typeof m.request_rate === 'number') return { ...base, request_rate: m.request_rate };
  if (m.max_concurrency !== null) return { ...base, concurrency: m.max_concurrency };
  return base;
}

/** What the performance model predicts at a workload: the part of DESIGN-10's `Performance` a benchmark measures. */
export interface PredictedPerformance {
  readonly ttft_ms: { readonly p50: number; readonly p99: number };
  readonly tpot_ms: { readonly p50: number; readonly p99: number };
  readonly output_tokens_per_s: number;
  readonly requests_per_s: number;
}

export type ComparedMetric = 'output_tokens_per_s' | 'requests_per_s' | 'ttft_p50_ms' | 'ttft_p99_ms' | 'tpot_p50_ms' | 'tpot_p99_ms';
export const COMPARED_METRICS: readonly ComparedMetric[] = ['output_tokens_per_s', 'requests_per_s', 'ttft_p50_ms', 'ttft_p99_ms', 'tpot_p50_ms', 'tpot_p99_ms'];

/** One figure measured and predicted; ratio = measured ÷ predicted (1 = the model reproduces it). */
export interface ComparisonRow {
  readonly metric: ComparedMetric;
  readonly measured: number;
  readonly predicted: number;
  readonly ratio: number;
}

/**
 * The measurement against the model. `flags` (llm-sizing flags, or a catalog patch) that make the
 * model reproduce the measurement are the lead's part once the fit exists (issue 10 point 3); the
 * printed output and the JSON already carry them (`calibrate` prints a "compared with" block).
 */
export interface BenchmarkComparison {
  readonly workload: BenchmarkWorkload;
  readonly rows: readonly ComparisonRow[];
  readonly flags: readonly string[];
  /** The calibration that makes the model reproduce the measurement (src/app/perf-calibrate.ts); null when nothing could be fitted. */
  readonly calibration?: BenchCalibration | null;
}

/**
 * A patch of a calibration set (src/catalog/data/perf-calibration.json) fitted on one measurement: its
 * efficiencies scaled by one factor so that the fitted figure (TPOT median, else output tokens/s) is
 * reproduced, then its per-request overhead moved so that the TTFT median is; `rows` compares again.
 */
export interface BenchCalibration {
  /** The calibration set patched. */
  readonly set: string;
  /** The figure the efficiency scale was fitted on. */
  readonly fitted_on: ComparedMetric;
  /** The factor applied to every efficiency (bandwidth, compute, KV streaming, attention). */
  readonly efficiency_scale: number;
  /** The set's constants after the patch (efficiencies and the per-request overhead). */
  readonly constants: {
    readonly bandwidth_efficiency: number;
    readonly compute_efficiency: number;
    readonly kv_bandwidth_efficiency: number;
    readonly attention_compute_efficiency: number;
    readonly request_overhead_ms: number;
  };
  /** The measurement against the patched model. */
  readonly rows: readonly ComparisonRow[];
}

/**
 * DESIGN POINT (issue 10 point 3), to be wired by the lead once src/engines/perf lands:
 * `predict` is the performance model (`performance(plan, workload)` of DESIGN-10, narrowed to the
 * figures a benchmark measures). Medians are compared with p50. Rows are only for figures the result
 * states and the model predicts > 0. `calibrate` calls this when it has a plan (today it has no
 * --server / layout flags, so it prints the measurement alone and `"comparison": null`).
 */
export function compareWithModel(
  measurement: BenchmarkMeasurement,
  plan: SizingPlan,
  predict: (plan: SizingPlan, workload: BenchmarkWorkload) => PredictedPerformance,
): BenchmarkComparison {
  const workload = workloadOf(measurement);
  const p = predict(plan, workload);
  const pairs: Readonly<Record<ComparedMetric, readonly [number | null, number]>> = {
    output_tokens_per_s: [measurement.output_tokens_per_s, p.output_tokens_per_s],
    requests_per_s: [measurement.requests_per_s, p.requests_per_s],
    ttft_p50_ms: [measurement.ttft_ms.median, p.ttft_ms.p50],
    ttft_p99_ms: [measurement.ttft_ms.p99, p.ttft_ms.p99],
    tpot_p50_ms: [measurement.tpot_ms.median, p.tpot_ms.p50],
    tpot_p99_ms: [measurement.tpot_ms.p99, p.tpot_ms.p99],
  };
  const rows: ComparisonRow[] = [];
  for (const metric of COMPARED_METRICS) {
    const [measured, predicted] = pairs[metric];
    if (measured === null || !(predicted > 0) || !Number.isFinite(predicted)) continue;
    rows.push({ metric, measured, predicted, ratio: measured / predicted });
  }
  return { workload, rows, flags: [] };
}
