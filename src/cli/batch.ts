/**
 * `llm-sizing batch FILE.jsonl|-`: one sizing per JSON line, one JSON line out per input line.
 * Streams: lines are sized as chunks arrive and output is written in ~1 MB chunks of bytes.
 * `--fields` writes only the fields asked for (src/app/fields.ts).
 */
import { closeSync, constants, fstatSync, openSync, readSync } from 'node:fs';
import { StringDecoder } from 'node:string_decoder';
import { type CompiledFields, compileFields, type FieldParts, type ParsedLine, parsedParts, resultObject, splitFields } from '../app/fields.ts';
import { ID_NUMBER, ID_TEXT, latin1, type LineScan } from '../app/line-scan.ts';
import { quickRequest } from '../app/quick-request.ts';
import { sizeRequest, sizeValidRequest } from '../app/size-request.ts';
import type { CatalogIndex } from '../catalog/lookup.ts';
import { SCENARIO_KEYS } from '../core/scenarios.ts';
import type { Alert } from '../core/alerts.ts';
import type { ResolvedNfr, SizingResult } from '../core/sizing.ts';
import type { ScenarioNumbers } from '../core/scenarios.ts';
import type { ResolvedWorkload, ScenarioPerformance } from '../core/workload.ts';
import type { Performance } from '../engines/perf/types.ts';
import { type RenderContext, renderContext } from '../report/context.ts';
import { jsonDepth, MAX_JSON_DEPTH, tooDeep } from '../schema/json-depth.ts';
import { withNumberLiterals } from '../schema/number-text.ts';
import { FILE_LIMITS } from '../schema/limits.ts';
import { InputError, type Problem } from '../schema/problems.ts';
import { fileReason, typeReason } from './io.ts';
import type { ParsedArgs } from './args.ts';
import { EXIT } from './exit.ts';
import type { Io } from './main.ts';
import { ascii, JsonBytes, numberTemplate, RepeatedJson } from './json-bytes.ts';
import { youngGenerationCap } from './young-generation.ts';

export interface BatchCounts {
  lines: number;
  sized: number;
  invalid: number;
  infeasible: number;
}

/** An optional `id` of a batch line is echoed back, not validated. */
const ID_KEY = ['id'] as const;

const K = {
  line: ascii('{"line":'),
  id: ascii(',"id":'),
  feasible: ascii(',"feasible":'),
  model: ascii(',"inputs":{"model":'),
  server: ascii(',"server":'),
  storage: ascii(',"storage":'),
  kvBytes: ascii('},"kv_bytes_per_session":'),
  scenarios: ascii(',"scenarios":{'),
  scenarioFeasible: SCENARIO_KEYS.map((k, i) => ascii(`${i === 0 ? '' : ','}"${k}":{"feasible":`)),
  results: ascii(',"results":{'),
  alerts: ascii('},"alerts":['),
  end: ascii(']}\n'),
  calibration: ascii('},"calibration":'),
  close: ascii('}'),
  closeLine: ascii('}\n'),
  comma: ascii(','),
} as const;

/** The constant parts of a line's workload (`BatchWriter.workload`). */
const W = {
  inputTokens: ascii('],"workload":{"input_tokens":'),
  inputSource: ascii(',"input_tokens_source":'),
  outputTokens: ascii(',"output_tokens":'),
  outputSource: ascii(',"output_tokens_source":'),
  load: ascii(',"load":'),
  requestRate: ascii(',"request_rate":'),
  concurrency: ascii(',"concurrency":'),
  little: ascii(',"little":'),
  null: ascii('null'),
  ttft: ascii(',"targets":{"ttft_p99_ms":'),
  tpot: ascii(',"tpot_p99_ms":'),
  sloNull: ascii('},"slo":null}}\n'),
  sloOk: ascii('},"slo":{"ok":true,"sessions":'),
  bound: ascii(',"bound":'),
  okEnd: ascii(',"reason":null,"best_ms":null}}}\n'),
  sloNotOk: ascii('},"slo":{"ok":false,"sessions":null,"bound":null,"reason":'),
  bestMs: ascii(',"best_ms":'),
  notOkEnd: ascii('}}}\n'),
} as const;

/** The constant parts of a scenario's performance (`BatchWriter.performance`), a number between each two. */
const T = {
  headSlo: numberTemplate(',"performance":{"design_load":{"concurrency":', ',"request_rate":', ',"replicas":', '},"memory_sessions_per_replica":', ',"slo_sessions_per_replica":', ',"sessions_per_replica":', ',"limit":"slo","nodes_final_memory":', ''),
  headMemory: numberTemplate(',"performance":{"design_load":{"concurrency":', ',"request_rate":', ',"replicas":', '},"memory_sessions_per_replica":', ',"slo_sessions_per_replica":', ',"sessions_per_replica":', ',"limit":"memory","nodes_final_memory":', ''),
  range: numberTemplate(',"nodes_final_range":{"low":', ',"high":', '}'),
  figures: numberTemplate(
    ',"figures":{"sessions_per_replica":',
    ',"replicas":',
    ',"ttft_ms":{"p50":',
    ',"p99":',
    '},"tpot_ms":{"p50":',
    ',"p99":',
    '},"output_tokens_per_s":',
    ',"output_tokens_per_s_per_replica":',
    ',"output_tokens_per_s_per_node":',
    ',"requests_per_s":',
    '',
  ),
  intervalStep: numberTemplate(
    ',"interval":{"ttft_ms":{"p50":{"low":',
    ',"high":',
    '},"p99":{"low":',
    ',"high":',
    '}},"tpot_ms":{"p50":{"low":',
    ',"high":',
    '},"p99":{"low":',
    ',"high":',
    '}},"output_tokens_per_s":{"low":',
    ',"high":',
    '},"requests_per_s":{"low":',
    ',"high":',
    '}},"terms":{"step":{"batch":',
    ',"context_tokens":',
    ',"weights_bytes_per_gpu":',
    ',"kv_bytes_per_gpu":',
    ',"gemm_flops_per_gpu":',
    ',"attention_flops_per_gpu":',
    ',"weights_s":',
    ',"kv_s":',
    ',"compute_s":',
    ',"attention_s":',
    ',"allreduce_s":',
    ',"overhead_s":',
    ',"total_s":',
    '},"prefill":',
  ),
  terms: numberTemplate(',"queue_wait_s":', ',"utilisation":', ',"request_overhead_s":', ',"memory_sessions_per_replica":', ',"effective":'),
} as const;
const P = {
  rangeNull: ascii(',"nodes_final_range":null'),
  meetsNull: ascii(',"meets_targets":null'),
  meetsTrue: ascii(',"meets_targets":true'),
  meetsFalse: ascii(',"meets_targets":false'),
  figuresNull: ascii(',"figures":null}'),
  figuresEnd: ascii('}}'),
} as const;

/** `,"bound":"…"` of each bound. */
const boundKept = new Map<string, Uint8Array>();
function boundBytes(bound: string): Uint8Array {
  let b = boundKept.get(bound);
  if (b === undefined) boundKept.set(bound, (b = Buffer.from(`,"bound":${JSON.stringify(bound)}`, 'utf8')));
  return b;
}

/** `,"key":` (or `"key":` for the first key of an object), once per key. */
const keyBytes = [new Map<string, Uint8Array>(), new Map<string, Uint8Array>()] as const;
function key(k: string, first: boolean): Uint8Array {
  const map = keyBytes[first ? 0 : 1];
  let b = map.get(k);
  if (b === undefined) map.set(k, (b = Buffer.from(`${first ? '' : ','}${JSON.stringify(k)}:`, 'utf8')));
  return b;
}

interface AlertNode {
  readonly next: Map<number | string, AlertNode>;
  bytes: Uint8Array | undefined;
}

/**
 * A number's JSON text, by JSON.stringify (which writes a non-finite number as null, and converted
 * unrounded floats 2–3 times as fast as String() did here). Not String(), even for an integer: V8
 * keeps what String() makes in its number-string cache, allocated in the old generation, so each
 * number not met just before left a string there until the next full collection (issue 8, memory).
 */
function numberText(x: number): string {
  return JSON.stringify(x);
}
const nullable = (x: number | null): string => (x === null ? 'null' : numberText(x));

/**
 * The lines of one batch run, written as bytes. A success line is the text `JSON.stringify` gives for
 * `batchSuccessObject` (a test checks it on thousands of varied lines), written without building it.
 */
export class BatchWriter {
  /** Alerts repeat across lines: each distinct one (code and parameters) rendered, quoted and encoded once. */
  private readonly alertCodes = new Map<string, AlertNode>();
  private alertCount = 0;
  /** The previous scenario's shared results and their text. */
  private readonly previous = { kvPerSession: 0, kvPerSessionText: '', kvTotal: 0, kvTotalText: '', kvTotalTib: 0, kvTotalTibText: '', hbm: 0, hbmText: '', budget: 0, budgetText: '' };

  /** A deployment's prefill terms, effective figures and calibration repeat across scenarios and lines. */
  private readonly prefills = new RepeatedJson();
  private readonly effectives = new RepeatedJson();
  private readonly calibrations = new RepeatedJson();
  /** The numbers of one template run (`JsonBytes.run`). */
  private readonly values = new Float64Array(32);

  constructor(
    readonly out: JsonBytes,
    readonly ctx: RenderContext,
  ) {}

  private alert(a: Alert): Uint8Array {
    // One level per parameter value (numbers and strings told apart by type), under the code.
    let node: AlertNode | undefined = this.alertCodes.get(a.code);
    if (node === undefined) this.alertCodes.set(a.code, (node = { next: new Map(), bytes: undefined }));
    const params = a.params as Record<string, number | string>;
    for (const k in params) {
      const v = params[k]!;
      let next: AlertNode | undefined = node.next.get(v);
      if (next === undefined) node.next.set(v, (next = { next: new Map(), bytes: undefined }));
      node = next;
    }
    if (node.bytes === undefined) {
      if (++this.alertCount > 50_000) {
        this.alertCodes.clear();
        this.alertCount = 0;
      }
      node.bytes = Buffer.from(JSON.stringify({ code: a.code, severity: a.severity, message: this.ctx.m.alert(a, this.ctx.f) }), 'utf8');
    }
    return node.bytes;
  }

  private head(line: number, id: unknown): void {
    const out = this.out;
    out.bytes(K.line);
    out.number(line);
    if (id !== undefined) {
      out.bytes(K.id);
      out.text(JSON.stringify(id));
    }
  }

  success(line: number, id: unknown, r: SizingResult): void {
    const out = this.out;
    if (r.cost || r.offload || r.storage !== undefined) {
      // Issues 11–12: a line with a cost, an offload tier or a storage field carries their objects:
      // written whole (rare, and far slower to size than to serialize).
      out.text(JSON.stringify(batchSuccessObject(line, id, r, this.ctx)));
      out.bytes(K.closeLine.subarray(K.closeLine.length - 1));
      return;
    }
    this.head(line, id);
    out.bytes(K.feasible);
    out.boolean(r.feasible);
    out.bytes(K.model);
    out.string(r.inputs.model.name);
    out.bytes(K.server);
    out.string(r.inputs.server.name);
    out.bytes(K.storage);
    out.string(r.inputs.storage.name);
    this.nfr(r.inputs.nfr);
    out.bytes(K.kvBytes);
    out.number(r.kv.bytes);
    out.bytes(K.scenarios);
    for (let i = 0; i < SCENARIO_KEYS.length; i++) {
      const s = r.scenarios[SCENARIO_KEYS[i]!];
      out.bytes(K.scenarioFeasible[i]!);
      out.boolean(s.feasible);
      out.bytes(K.results);
      this.results(s.results, i === 0);
      out.bytes(K.close);
      if (s.performance) this.performance(s.performance);
      out.bytes(K.close);
    }
    out.bytes(K.alerts);
    for (let i = 0; i < r.alerts.length; i++) {
      if (i > 0) out.bytes(K.comma);
      out.bytes(this.alert(r.alerts[i]!));
    }
    if (r.workload) this.workload(r.workload);
    else out.bytes(K.end);
  }

  /**
   * The workload after the alerts (issue 10), and the line's end: src/report/perf-json.ts's
   * `workloadJson` (the byte-identity test holds it to JSON.stringify), written field by field: its
   * copies of `little` and `targets` are their JSON.
   */
  private workload(w: ResolvedWorkload): void {
    const out = this.out;
    out.bytes(W.inputTokens);
    out.number(w.input_tokens);
    out.bytes(W.inputSource);
    out.string(w.input_tokens_source);
    out.bytes(W.outputTokens);
    out.number(w.output_tokens);
    out.bytes(W.outputSource);
    out.string(w.output_tokens_source);
    out.bytes(W.load);
    out.string(w.load);
    out.bytes(W.requestRate);
    out.numberOrNull(w.request_rate);
    out.bytes(W.concurrency);
    out.number(w.concurrency);
    out.bytes(W.little);
    if (w.little === null) out.bytes(W.null);
    else out.text(JSON.stringify(w.little));
    out.bytes(W.ttft);
    out.numberOrNull(w.targets.ttft_p99_ms);
    out.bytes(W.tpot);
    out.numberOrNull(w.targets.tpot_p99_ms);
    const slo = w.slo;
    if (slo === null) out.bytes(W.sloNull);
    else if (slo.ok) {
      out.bytes(W.sloOk);
      out.number(slo.sessions);
      out.bytes(W.bound);
      out.string(slo.bound);
      out.bytes(W.okEnd);
    } else {
      out.bytes(W.sloNotOk);
      out.string(slo.reason);
      out.bytes(W.bestMs);
      out.number(slo.best_ms); // a non-finite number as null, as finiteOrNull
      out.bytes(W.notOkEnd);
    }
  }

  /**
   * A scenario's performance (issue 10), in the order of src/report/perf-json.ts's `performanceJson`
   * (the byte-identity test holds it to JSON.stringify). The model's interval, step, latencies and
   * figures are its own objects, with the same keys as their JSON copies (JSON.stringify writes a
   * non-finite number as null, as `finiteOrNull` does); the prefill terms, effective figures and
   * calibration of a deployment repeat, so their bytes are kept. Its ~35 numbers go through
   * templates (`JsonBytes.run`, floats by src/cli/shortest-number.ts, no strings made): converting
   * them and writing them around their keys was most of a workload line's time.
   */
  private performance(sp: ScenarioPerformance): void {
    const out = this.out;
    const v = this.values;
    const d = sp.design_load;
    const range = sp.nodes_final_range;
    v[0] = d.concurrency ?? Number.NaN;
    v[1] = d.request_rate ?? Number.NaN;
    v[2] = d.replicas;
    v[3] = sp.memory_sessions_per_replica;
    v[4] = sp.slo_sessions_per_replica ?? Number.NaN;
    v[5] = sp.sessions_per_replica;
    v[6] = sp.nodes_final_memory ?? Number.NaN;
    out.run(sp.limit === 'slo' ? T.headSlo : T.headMemory, v);
    if (range === null) out.bytes(P.rangeNull);
    else {
      v[0] = range.low;
      v[1] = range.high ?? Number.NaN;
      out.run(T.range, v);
    }
    out.bytes(sp.meets_targets === null ? P.meetsNull : sp.meets_targets ? P.meetsTrue : P.meetsFalse);
    const p = sp.performance;
    if (p === null) out.bytes(P.figuresNull);
    else this.figures(p);
  }

  /**
   * The model's figures (src/report/perf-figures-json.ts's `performanceFiguresJson`, without
   * `saturated`), and the performance object's end.
   */
  private figures(p: Performance): void {
    const out = this.out;
    const v = this.values;
    const t = p.terms;
    const i = p.interval;
    const s = t.step;
    v[0] = p.sessions_per_replica;
    v[1] = p.replicas;
    v[2] = p.ttft_ms.p50;
    v[3] = p.ttft_ms.p99;
    v[4] = p.tpot_ms.p50;
    v[5] = p.tpot_ms.p99;
    v[6] = p.output_tokens_per_s;
    v[7] = p.output_tokens_per_s_per_replica;
    v[8] = p.output_tokens_per_s_per_node;
    v[9] = p.requests_per_s;
    out.run(T.figures, v);
    out.bytes(boundBytes(p.bound));
    v[0] = i.ttft_ms.p50.low;
    v[1] = i.ttft_ms.p50.high;
    v[2] = i.ttft_ms.p99.low;
    v[3] = i.ttft_ms.p99.high;
    v[4] = i.tpot_ms.p50.low;
    v[5] = i.tpot_ms.p50.high;
    v[6] = i.tpot_ms.p99.low;
    v[7] = i.tpot_ms.p99.high;
    v[8] = i.output_tokens_per_s.low;
    v[9] = i.output_tokens_per_s.high;
    v[10] = i.requests_per_s.low;
    v[11] = i.requests_per_s.high;
    v[12] = s.batch;
    v[13] = s.context_tokens;
    v[14] = s.weights_bytes_per_gpu;
    v[15] = s.kv_bytes_per_gpu;
    v[16] = s.gemm_flops_per_gpu;
    v[17] = s.attention_flops_per_gpu;
    v[18] = s.weights_s;
    v[19] = s.kv_s;
    v[20] = s.compute_s;
    v[21] = s.attention_s;
    v[22] = s.allreduce_s;
    v[23] = s.overhead_s;
    v[24] = s.total_s;
    out.run(T.intervalStep, v);
    out.bytes(this.prefills.bytes(t.prefill as unknown as Record<string, unknown>, t.prefill.total_s));
    v[0] = t.queue_wait_s;
    v[1] = t.utilisation;
    v[2] = t.request_overhead_s;
    v[3] = t.memory_sessions_per_replica;
    out.run(T.terms, v);
    out.bytes(this.effectives.bytes(t.effective, t.effective.tflops));
    out.bytes(K.calibration);
    out.bytes(this.calibrations.bytes(p.calibration, p.calibration.id));
    out.bytes(P.figuresEnd);
  }

  /**
   * A scenario's results, in the order the core builds them (the byte-identity test holds it to
   * JSON.stringify), each number's text reused from the previous scenario when equal: the three
   * scenarios share most of them.
   */
  private results(n: ScenarioNumbers, first: boolean): void {
    const p = this.previous;
    if (first || n.kv_per_session_gib !== p.kvPerSession) p.kvPerSessionText = numberText((p.kvPerSession = n.kv_per_session_gib));
    if (first || n.kv_total_gib !== p.kvTotal) p.kvTotalText = numberText((p.kvTotal = n.kv_total_gib));
    if (first || n.kv_total_tib !== p.kvTotalTib) p.kvTotalTibText = numberText((p.kvTotalTib = n.kv_total_tib));
    if (first || n.hbm_total_gib !== p.hbm) p.hbmText = numberText((p.hbm = n.hbm_total_gib));
    if (first || n.kv_budget_gib !== p.budget) p.budgetText = numberText((p.budget = n.kv_budget_gib));
    this.out.latin1(
      `"kv_per_session_gib":${p.kvPerSessionText},"kv_total_gib":${p.kvTotalText},"kv_total_tib":${p.kvTotalTibText},"hbm_total_gib":${p.hbmText},"kv_budget_gib":${p.budgetText},"sessions_per_node":${numberText(n.sessions_per_node)},"nodes_capacity":${nullable(n.nodes_capacity)},"nodes_with_headroom":${nullable(n.nodes_with_headroom)},"nodes_final":${nullable(n.nodes_final)}`,
    );
  }

  /** The resolved inputs after the names, in the order the core builds them. */
  private nfr(v: ResolvedNfr): void {
    this.out.latin1(
      `,"concurrency":${numberText(v.concurrency)},"effective_context":${numberText(v.effective_context)},"effective_context_used":${numberText(v.effective_context_used)},"kv_precision":"${v.kv_precision}","kv_precision_source":"${v.kv_precision_source}","kv_budget_ratio":${numberText(v.kv_budget_ratio)},"runtime_overhead_gib":${numberText(v.runtime_overhead_gib)},"runtime_overhead_source":"${v.runtime_overhead_source}","peak_headroom_ratio":${numberText(v.peak_headroom_ratio)},"ha_mode":"${v.ha_mode}"`,
    );
  }

  /** A `--fields` line: `line`, `id`, then each field under its name. */
  fields(line: number, id: unknown, c: CompiledFields, parts: FieldParts): void {
    this.head(line, id);
    this.fieldValues(c, parts);
  }

  /** A `--fields` line of a scanned line (src/app/line-scan.ts): its id written from its bytes `b`. */
  scannedFields(line: number, b: Uint8Array, s: LineScan, c: CompiledFields, parts: FieldParts): void {
    const out = this.out;
    out.bytes(K.line);
    out.number(line);
    if (s.idKind === ID_TEXT) {
      // A string without escapes, or an integer of up to 15 digits: JSON.stringify writes it as it is written.
      out.bytes(K.id);
      out.range(b, s.idStart, s.idEnd);
    } else if (s.idKind === ID_NUMBER) {
      out.bytes(K.id);
      out.text(JSON.stringify(s.idNumber));
    }
    this.fieldValues(c, parts);
  }

  /** Each field under its name, and the line's end. */
  private fieldValues(c: CompiledFields, parts: FieldParts): void {
    const out = this.out;
    const { shape, nodes } = parts;
    let values: Record<string, unknown> | undefined;
    for (let i = 0; i < c.names.length; i++) {
      out.bytes(key(c.names[i]!, false));
      const reader = c.readers[i]!;
      if (reader.kind === 'scalar') {
        const v = reader.read(shape, nodes);
        if (typeof v === 'boolean') out.boolean(v);
        else out.numberOrNull(v);
      } else if (reader.kind === 'per_scenario') {
        const k = reader.result;
        out.bytes(PER_SCENARIO[0]!);
        out.numberOrNull(k === 'nodes_capacity' || k === 'nodes_with_headroom' || k === 'nodes_final' ? nodes.minimum[k] : shape.scenarios.minimum.results[k]);
        out.bytes(PER_SCENARIO[1]!);
        out.numberOrNull(k === 'nodes_capacity' || k === 'nodes_with_headroom' || k === 'nodes_final' ? nodes.recommended[k] : shape.scenarios.recommended.results[k]);
        out.bytes(PER_SCENARIO[2]!);
        out.numberOrNull(k === 'nodes_capacity' || k === 'nodes_with_headroom' || k === 'nodes_final' ? nodes.ideal[k] : shape.scenarios.ideal.results[k]);
        out.bytes(K.close);
      } else {
        values ??= c.values(parts, this.ctx);
        out.text(JSON.stringify(values[c.names[i]!]));
      }
    }
    out.bytes(K.closeLine);
  }

  error(text: string): void {
    this.out.text(text);
    this.out.text('\n');
  }

  /**
   * Error lines' bytes after `{"line":N` and the id, by their problems (`problemsKey`): the parts
   * between which the problems' source goes (invalid lines repeat the same mistakes); null: such a
   * line's text is made whole each time.
   */
  private readonly errorTails = new Map<string, readonly Uint8Array[] | null>();
  /** The file whose lines' error tails are kept (a source is `FILE:LINE`), printable ASCII (`plainText`). */
  private errorFile: string | undefined;
  private errorFileBytes: Uint8Array = new Uint8Array(0);

  /**
   * Write the error line `errorLine(line, id, problems, this.ctx)` and its newline. When the problems
   * all have the source `${file}:${line}`, each kind of mistake's text is made once (messages, JSON,
   * UTF-8) and later lines of it are its bytes with their line number, id and source put in (made
   * whole, an invalid line took as long as ~30 plain lines).
   */
  writeError(line: number, id: unknown, problems: readonly Problem[], file: string): void {
    const key = plainText(file) ? problemsKey(problems, `${file}:${line}`) : undefined;
    const idText = id === undefined ? undefined : JSON.stringify(id);
    if (key === undefined || (id !== undefined && idText === undefined)) return this.error(errorLine(line, id, problems, this.ctx));
    if (file !== this.errorFile) {
      this.errorTails.clear();
      this.errorFile = file;
      this.errorFileBytes = ascii(`${file}:`);
    }
    const tail = this.errorTails.get(key);
    if (tail === null) return this.error(errorLine(line, id, problems, this.ctx));
    if (tail === undefined) {
      // Met for the first time: made with a stand-in for the source, kept when it gives this line's text.
      const text = errorLine(line, id, problems, this.ctx);
      const marked = errorLine(line, undefined, problems.map((p) => ({ ...p, source: SOURCE })), this.ctx);
      const prefix = `{"line":${line}`;
      const parts = marked.startsWith(prefix) ? marked.slice(prefix.length).split(SOURCE) : undefined;
      const head = idText === undefined ? prefix : `${prefix},"id":${idText}`;
      if (this.errorTails.size >= ERROR_TAILS_KEPT) this.errorTails.clear();
      // (Split at a character of the BMP outside the surrogates, the parts' UTF-8 is the text's.)
      this.errorTails.set(key, parts !== undefined && head + parts.join(`${file}:${line}`) === text ? parts.map((t) => Buffer.from(t, 'utf8')) : null);
      return this.error(text);
    }
    const out = this.out;
    out.bytes(K.line);
    out.number(line);
    if (idText !== undefined) {
      out.bytes(K.id);
      out.text(idText);
    }
    for (let i = 0; i < tail.length; i++) {
      if (i > 0) {
        out.bytes(this.errorFileBytes);
        out.number(line);
      }
      out.bytes(tail[i]!);
    }
    out.bytes(NEWLINE);
  }
}
const NEWLINE = ascii('\n');
/** At most this many error texts are kept; then they start again. */
const ERROR_TAILS_KEPT = 1000;
/** Stands for an error's source in a kept error text (a private-use character: a text holding one is checked, and then not kept). */
const SOURCE = '\ue000';

/** Printable ASCII without `"` or `\`: as it is inside a JSON string and in a message (no control character to escape). */
function plainText(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x20 || c > 0x7e || c === 0x22 || c === 0x5c) return false;
  }
  return true;
}

/**
 * What an error line's text depends on besides its line, id and source: each problem's field, value
 * and accepted values (`valueKey`); undefined when a problem's source is not `source`.
 */
function problemsKey(problems: readonly Problem[], source: string): string | undefined {
  let key = '';
  for (let i = 0; i < problems.length; i++) {
    const p = problems[i]!;
    if (p.source !== source) return undefined;
    const k = valueKey([p.field, p.value, p.accepted]);
    if (k === undefined) return undefined;
    key += k;
  }
  return key;
}

/** The keys of frozen lists of names (`valueKey`): `#` and a number, one per list met. */
const frozenKeys = new Map<readonly unknown[], string>();
let frozenCount = 0;

/**
 * A text that tells values apart as the messages do: JSON, but numbers as `String` gives them (NaN,
 * Infinity and -0 are not null or 0 there) and `u` for undefined; undefined for a function, a symbol
 * or a bigint.
 */
function valueKey(x: unknown): string | undefined {
  switch (typeof x) {
    case 'string':
      return JSON.stringify(x);
    case 'number':
      return Object.is(x, -0) ? '-0' : String(x);
    case 'boolean':
      return x ? 'true' : 'false';
    case 'undefined':
      return 'u';
    case 'object': {
      if (x === null) return 'null';
      let key = Array.isArray(x) ? '[' : '{';
      if (Array.isArray(x)) {
        // Names: JSON tells strings apart, in one call; a frozen list of them (a field table's, a
        // catalog's), which cannot change, is told by a number of its own (keys stay short).
        const frozen = Object.isFrozen(x);
        if (frozen) {
          const kept = frozenKeys.get(x);
          if (kept !== undefined) return kept;
        }
        let names = true;
        for (let i = 0; i < x.length && names; i++) names = typeof x[i] === 'string';
        if (names) {
          if (!frozen) return JSON.stringify(x);
          // (Numbers are never given twice: the map may start again, a key made before stays another list's.)
          if (frozenKeys.size >= 1000) frozenKeys.clear();
          const k = `#${frozenCount++}`;
          frozenKeys.set(x, k);
          return k;
        }
        for (let i = 0; i < x.length; i++) {
          const k = valueKey(x[i]);
          if (k === undefined) return undefined;
          key += k + ',';
        }
        return key + ']';
      }
      if (Object.getPrototypeOf(x) !== Object.prototype) return undefined;
      for (const name of Object.keys(x)) {
        const k = valueKey((x as Record<string, unknown>)[name]);
        if (k === undefined) return undefined;
        key += JSON.stringify(name) + ':' + k + ',';
      }
      return key + '}';
    }
    default:
      return undefined;
  }
}
const PER_SCENARIO = SCENARIO_KEYS.map((k, i) => ascii(`${i === 0 ? '{' : ','}"${k}":`));

/** One success line as text (tests, documentation). */
export function successLine(line: number, id: unknown, r: SizingResult, ctx: RenderContext): string {
  const chunks: Uint8Array[] = [];
  const out = new JsonBytes((b) => chunks.push(Uint8Array.from(b)), 1 << 16);
  new BatchWriter(out, ctx).success(line, id, r);
  out.flush(true);
  return Buffer.concat(chunks).toString('utf8');
}

/** The object form of a success line (what `successLine` serializes), for tests and documentation. */
export function batchSuccessObject(line: number, id: unknown, r: SizingResult, ctx: RenderContext): Record<string, unknown> {
  return { line, ...(id === undefined ? {} : { id }), ...resultObject(r, ctx) };
}

function errorLine(line: number, id: unknown, problems: readonly Problem[], ctx: RenderContext): string {
  const first = problems[0];
  // Each problem's message made once: the line's message joins them, and each problem carries its own.
  const messages = problems.map((p) => ctx.m.problem(p, p.field, ctx.f));
  return JSON.stringify({
    line,
    ...(id === undefined ? {} : { id }),
    error: {
      field: first?.field ?? '(line)',
      value: first?.value ?? null,
      message: messages.join(' '),
      problems: problems.map((p, i) => ({ field: p.field, value: p.value ?? null, accepted: p.accepted, message: messages[i] })),
    },
  });
}

/** What one batch run writes for each sized line: the whole result, or only some fields. */
export interface BatchOptions {
  readonly fields?: CompiledFields | undefined;
}

/** A plain object whose values are none of them objects or arrays (its nesting depth is 1). */
function flatObject(v: unknown): boolean {
  if (v === null || typeof v !== 'object' || Array.isArray(v)) return false;
  const o = v as Record<string, unknown>;
  for (const k in o) {
    const x = o[k];
    if (typeof x === 'object' && x !== null) return false;
  }
  return true;
}

/** The last line text JSON.parse refused, and its error. */
const lastRefused: { text: string | undefined; error: Error | undefined } = { text: undefined, error: undefined };

/** Size one input line (already split, without its newline), writing its output line. Blank lines give nothing. */
export function batchLine(text: string, line: number, source: string, catalog: CatalogIndex, writer: BatchWriter, counts: BatchCounts, options: BatchOptions = {}): void {
  if (text.trim() === '') return;
  counts.lines++;
  // Refused before anything walks it: what walks a 5,000-deep value (validation, JSON.stringify) runs
  // out of stack. (JSON.parse itself does not; a flat object, the usual line, is depth 1 and its text
  // need not be scanned.)
  let raw: unknown;
  let parseError: Error | undefined;
  // The same text JSON.parse refused last: the same error (throwing is most of such a line's time).
  if (text === lastRefused.text) parseError = lastRefused.error;
  else {
    try {
      raw = JSON.parse(text);
    } catch (e) {
      parseError = e as Error;
      lastRefused.text = text;
      lastRefused.error = parseError;
    }
  }
  if ((parseError !== undefined || !flatObject(raw)) && tooDeep(text)) {
    counts.invalid++;
    writer.writeError(line, undefined, [{ field: '(line)', value: jsonDepth(text), accepted: { kind: 'rule', rule: 'json_depth', detail: { max: MAX_JSON_DEPTH } }, source: `${source}:${line}` }], source);
    return;
  }
  if (parseError !== undefined) {
    const e = parseError;
    counts.invalid++;
    const problem: Problem = { field: '(line)', value: text.length > 60 ? `${text.slice(0, 57)}...` : text, accepted: { kind: 'json', detail: (e as Error).message.replace(/\s+/g, ' ') }, source: `${source}:${line}` };
    writer.writeError(line, undefined, [problem], source);
    return;
  }
  batchValue(raw, text, line, source, catalog, writer, counts, options);
}

/**
 * Size one input line's parsed value (`batchLine` after JSON.parse and the depth check), writing its
 * output line. `text` is the line's text (or makes it): a problem's number the line wrote beyond a
 * double is shown as written (`withNumberLiterals`).
 */
function batchValue(raw: unknown, text: string | (() => string), line: number, source: string, catalog: CatalogIndex, writer: BatchWriter, counts: BatchCounts, options: BatchOptions, parsed?: ParsedLine): void {
  const id = raw !== null && typeof raw === 'object' && !Array.isArray(raw) ? (raw as { id?: unknown }).id : undefined;
  const where = () => `${source}:${line}`;
  const fields = options.fields;
  if (fields !== undefined) {
    // (A line the scanner's path parsed: what it found of it is not looked for again.)
    const parts = parsed !== undefined ? parsedParts(parsed, fields, catalog, where()) : fields.sizeParts(raw, catalog, where(), ID_KEY);
    if (!parts.ok) {
      counts.invalid++;
      writer.writeError(line, id, withNumberLiterals(parts.problems, text), source);
      return;
    }
    counts.sized++;
    if (!parts.value.shape.feasible) counts.infeasible++;
    writer.fields(line, id, fields, parts.value);
    return;
  }
  const request = quickRequest(raw, ID_KEY);
  // A plainly valid request is sized without its source (`file:line`, which only problems carry),
  // and again with it when it has some: the line number's text was old-generation garbage on every
  // line (V8's number-string cache, see numberText).
  let sized = request !== undefined ? sizeValidRequest(request, catalog) : undefined;
  if (sized === undefined || !sized.ok) sized = request !== undefined ? sizeValidRequest(request, catalog, where()) : sizeRequest(raw, catalog, where(), ID_KEY);
  if (!sized.ok) {
    counts.invalid++;
    writer.writeError(line, id, withNumberLiterals(sized.problems, text), source);
    return;
  }
  counts.sized++;
  if (!sized.value.feasible) counts.infeasible++;
  writer.success(line, id, sized.value);
}

/**
 * Size every line of a stream (or a byte source: a regular file), writing output in ~1 MB chunks to
 * `emit`, which must be done with each chunk when it returns (a synchronous write: the next chunk
 * waits for it, so memory stays flat however long the input; input is read as it is consumed).
 */
export async function batchStream(
  input: NodeJS.ReadableStream | ByteSource,
  source: string,
  catalog: CatalogIndex,
  ctx: RenderContext,
  emit: (bytes: Uint8Array) => void,
  progress?: (counts: BatchCounts) => void,
  options: BatchOptions = {},
  maxLine: number = FILE_LIMITS.batch_line,
): Promise<BatchCounts> {
  const counts: BatchCounts = { lines: 0, sized: 0, invalid: 0, infeasible: 0 };
  const writer = new BatchWriter(new JsonBytes(emit), ctx);
  let lineNo = 0;
  const handle = (text: string) => {
    lineNo++;
    batchLine(text.endsWith('\r') ? text.slice(0, -1) : text, lineNo, source, catalog, writer, counts, options);
    if (writer.out.flush()) progress?.(counts);
  };
  // A line longer than maxLine is one error line, and the rest of it is skipped unread into memory
  // (a file without newlines, or /dev/zero on standard input, cannot fill the memory).
  const tooLong = (start: string) => {
    lineNo++;
    counts.lines++;
    counts.invalid++;
    const value = start.length > 60 ? `${start.slice(0, 57)}...` : start;
    writer.writeError(lineNo, undefined, [{ field: '(line)', value, accepted: { kind: 'rule', rule: 'batch_line_length', detail: { max_bytes: maxLine } }, source: `${source}:${lineNo}` }], source);
    if (writer.out.flush()) progress?.(counts);
  };
  // Every line is read as bytes (ByteLines): `--fields` without whole results answers most lines
  // from their bytes; any other line is decoded alone, a small young string. (Input read as text came
  // in 1 MB strings, each alive across collections: ~2 MB of the old generation per MB of input.)
  const fast = options.fields !== undefined && !options.fields.whole ? options.fields : undefined;
  const lines = new ByteLines(
    maxLine,
    handle,
    tooLong,
    fast === undefined
      ? () => false
      : (b, start, end) => {
          const quick = fast.lineParts(b, start, end, catalog);
          if (quick === undefined) return false;
          lineNo++;
          if (quick.scan === undefined) {
            // A plain line that takes the full path, already parsed (a flat object: no depth to check).
            counts.lines++;
            // (Its text made here, not by a closure: one capturing b, start and end would make every
            // call of this function allocate a context for them, the scanned lines' too.)
            batchValue(quick.raw, latin1(b, start, end), lineNo, source, catalog, writer, counts, options, quick);
            if (writer.out.flush()) progress?.(counts);
            return true;
          }
          counts.lines++;
          counts.sized++;
          if (!quick.feasible) counts.infeasible++;
          writer.scannedFields(lineNo, b, quick.scan, fast, quick);
          if (writer.out.flush()) progress?.(counts);
          return true;
        },
  );
  if (isByteSource(input)) sourceLines(input, lines);
  else await streamLines(input, lines);
  writer.out.flush(true);
  return counts;
}

const BOM = Buffer.from([0xef, 0xbb, 0xbf]);
/** Bytes read at a time from a `ByteSource` (and the line buffer's first size). */
const READ_CHUNK = 1 << 20;

/**
 * Bytes read on demand, synchronously: a regular file's descriptor (`batch FILE`), read
 * straight into the line buffer, after the bytes of the line not ended yet (no stream machinery to
 * load at start-up, no chunk copied twice). `read` puts at most `most` bytes at `into[at…]` and says
 * how many (0: the end).
 */
export interface ByteSource {
  read(into: Buffer, at: number, most: number): number;
}

function isByteSource(input: NodeJS.ReadableStream | ByteSource): input is ByteSource {
  return typeof (input as ByteSource).read === 'function' && typeof (input as NodeJS.ReadableStream).pipe !== 'function';
}

/**
 * The lines of a byte stream: bytes are added after those of the line not ended yet, in one buffer
 * (grown only for a longer line), and each line `[start, end)` (without its newline and a carriage
 * return before it) goes to `fast` (`--fields`), and when that does not answer it, its text (UTF-8)
 * to `handle`. A leading BOM is dropped, and a line's length is counted in characters, as the text
 * loop this replaced counted it (a line longer than `maxLine` bytes is decoded to count them).
 */
class ByteLines {
  private buf: Buffer = Buffer.allocUnsafe(READ_CHUNK);
  /** Bytes at the start of `buf`: a line not ended yet (or the first bytes, while a BOM is not told yet). */
  held = 0;
  private bom = true;
  /** The rest of a line already reported as too long is dropped up to its newline. */
  private skipping = false;

  constructor(
    private readonly maxLine: number,
    private readonly handle: (text: string) => void,
    private readonly tooLong: (start: string) => void,
    private readonly fast: (b: Buffer, start: number, end: number) => boolean,
  ) {}

  /** The buffer, with room for at least `n` bytes after those held (where the next bytes go: at `held`). */
  room(n: number): Buffer {
    if (this.buf.length - this.held < n) {
      const grown = Buffer.allocUnsafe(Math.max(this.buf.length * 2, this.held + n));
      this.buf.copy(grown, 0, 0, this.held);
      this.buf = grown;
    }
    return this.buf;
  }

  /** `n` bytes were put at `held`: each line they end is sized, the rest held. */
  added(n: number): void {
    const total = this.held + n;
    // Only these bytes: the buffer beyond them holds older ones.
    const b = this.buf.subarray(0, total);
    let start = 0;
    if (this.bom) {
      // Wait for three bytes to tell a BOM.
      if (total < 3 && BOM.subarray(0, total).equals(b)) {
        this.held = total;
        return;
      }
      this.bom = false;
      if (b[0] === 0xef && b[1] === 0xbb && b[2] === 0xbf) start = 3;
    }
    if (this.skipping) {
      const nl = b.indexOf(0x0a, start);
      if (nl === -1) {
        this.held = 0;
        return;
      }
      this.skipping = false;
      start = nl + 1;
    }
    const maxLine = this.maxLine;
    let nl = b.indexOf(0x0a, start);
    while (nl !== -1) {
      if (nl - start > maxLine) {
        const text = b.toString('utf8', start, nl);
        if (text.length > maxLine) this.tooLong(text.slice(0, 61));
        else this.handle(text);
      } else if (!this.fast(b, start, nl > start && b[nl - 1] === 0x0d ? nl - 1 : nl)) this.handle(b.toString('utf8', start, nl));
      start = nl + 1;
      nl = b.indexOf(0x0a, start);
    }
    if (start > 0 && start < total) this.buf.copyWithin(0, start, total);
    this.held = total - start;
    if (this.held > maxLine) {
      // Its characters so far, as a decoder of the stream gives them (an incomplete last one held back).
      const text = new StringDecoder('utf8').write(this.buf.subarray(0, this.held));
      if (text.length > maxLine) {
        this.tooLong(text.slice(0, 61));
        this.held = 0;
        this.skipping = true;
      }
    }
  }

  /** The end of the input: a last line without a newline, and `tail` (text held back by the caller). */
  end(tail = ''): void {
    if (this.held > 0 || tail !== '') {
      const text = this.buf.toString('utf8', 0, this.held) + tail;
      if (text !== '') this.handle(text);
    }
  }
}

/** The lines of a byte source (see ByteLines). */
function sourceLines(source: ByteSource, lines: ByteLines): void {
  for (;;) {
    const buf = lines.room(READ_CHUNK >> 1);
    const n = source.read(buf, lines.held, buf.length - lines.held);
    if (n === 0) break;
    lines.added(n);
  }
  lines.end();
}

/** The lines of a stream (see ByteLines); a stream of strings is taken as their UTF-8 bytes. */
async function streamLines(input: NodeJS.ReadableStream, lines: ByteLines): Promise<void> {
  // A string chunk's last high surrogate waits for the next chunk (its pair may be there).
  let held = '';
  for await (const piece of input as AsyncIterable<string | Buffer>) {
    let chunk: Buffer;
    if (typeof piece === 'string') {
      let text = held + piece;
      held = '';
      const last = text.charCodeAt(text.length - 1);
      if (last >= 0xd800 && last <= 0xdbff) {
        held = text.slice(-1);
        text = text.slice(0, -1);
      }
      chunk = Buffer.from(text, 'utf8');
    } else chunk = piece;
    chunk.copy(lines.room(chunk.length), lines.held);
    lines.added(chunk.length);
  }
  lines.end(held);
}

export async function runBatch(args: ParsedArgs, io: Io, catalog: CatalogIndex): Promise<number> {
  const file = args.positionals[0];
  if (file === undefined) throw new InputError([{ field: 'FILE', value: undefined, accepted: { kind: 'required' } }]);
  let fields: CompiledFields | undefined;
  if (typeof args.values.fields === 'string') {
    const compiled = compileFields(splitFields(args.values.fields));
    if (!compiled.ok) throw new InputError(compiled.problems);
    fields = compiled.value;
  }
  let input: NodeJS.ReadableStream | ByteSource;
  let closeInput: (() => void) | undefined;
  if (file === '-') input = io.stdin;
  else {
    // Only a regular file (read as it is consumed, so of any size); `-` reads standard input. Checked on the open
    // descriptor, opened without blocking (a named pipe with no writer would otherwise hang).
    let fd: number;
    try {
      fd = openSync(file, constants.O_RDONLY | constants.O_NONBLOCK);
    } catch (e) {
      throw new InputError([{ field: 'FILE', value: file, accepted: { kind: 'readable_file', ...fileReason(e) } }]);
    }
    const notRegular = typeReason(fstatSync(fd));
    if (notRegular) {
      closeSync(fd);
      throw new InputError([{ field: 'FILE', value: file, accepted: { kind: 'readable_file', reason: notRegular } }]);
    }
    // Read as bytes, synchronously, straight into the line buffer (no stream machinery to load). A
    // first read that fails is bad input, before anything is written.
    const readFd = fd;
    let first = true;
    input = {
      read(into, at, most) {
        if (!first) return readSync(readFd, into, at, most, null);
        first = false;
        try {
          return readSync(readFd, into, at, most, null);
        } catch (e) {
          throw new InputError([{ field: 'FILE', value: file, accepted: { kind: 'readable_file', ...fileReason(e) } }]);
        }
      },
    };
    closeInput = () => closeSync(readFd);
  }
  const ctx = renderContext({ locale: args.locale });
  const tty = process.stderr.isTTY === true;
  let lastReport = 0;
  const capYoung = youngGenerationCap(undefined, io.env, io.ownsProcess === true);
  const emit = io.stdoutBytes ?? ((bytes: Uint8Array) => io.stdout(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length).toString('utf8')));
  let counts: BatchCounts;
  try {
    counts = await batchStream(
      input,
      file === '-' ? 'stdin' : file,
      catalog,
      ctx,
      emit,
      (c) => {
        capYoung();
        if (tty && c.lines - lastReport >= 100_000) {
          lastReport = c.lines;
          io.stderr(`\r${ctx.m.cli.batchProgress({ lines: c.lines, invalid: c.invalid })}`);
        }
      },
      { fields },
    );
  } finally {
    closeInput?.();
  }
  if (tty && lastReport > 0) io.stderr('\n');
  if (counts.invalid > 0) {
    io.stderr(`${ctx.m.cli.batchInvalid({ invalid: counts.invalid, lines: counts.lines })}\n`);
    return EXIT.invalidInput;
  }
  return counts.infeasible > 0 ? EXIT.infeasible : EXIT.ok;
}
