/**
 * `llm-sizing batch FILE.jsonl|-`: one sizing per JSON line, one JSON line out per input line.
 * Streams: lines are sized as chunks arrive and output is flushed in large writes.
 */
import { closeSync, constants, createReadStream, fstatSync, openSync } from 'node:fs';
import { sizeRequest } from '../app/size-request.ts';
import type { CatalogIndex } from '../catalog/lookup.ts';
import { SCENARIO_KEYS, type ScenarioKey } from '../core/scenarios.ts';
import type { Alert } from '../core/alerts.ts';
import type { SizingResult } from '../core/sizing.ts';
import { type RenderContext, renderContext } from '../report/context.ts';
import { jsonDepth, MAX_JSON_DEPTH, stripBom, tooDeep } from '../schema/json-depth.ts';
import { FILE_LIMITS } from '../schema/limits.ts';
import { InputError, type Problem } from '../schema/problems.ts';
import { fileReason, typeReason } from './io.ts';
import type { ParsedArgs } from './args.ts';
import { EXIT } from './exit.ts';
import type { Io } from './main.ts';

export interface BatchCounts {
  lines: number;
  sized: number;
  invalid: number;
  infeasible: number;
}

/** JSON text of a number, as JSON.stringify writes it (null for a non-finite one: never a bare `Infinity`). */
const num = (x: number): string => (Number.isFinite(x) ? String(x) : 'null');
/** JSON-quoted strings repeat (names, messages): quote each distinct one once. */
const quoted = new Map<string, string>();
function str(x: string): string {
  let q = quoted.get(x);
  if (q === undefined) {
    q = JSON.stringify(x);
    if (quoted.size < 10_000) quoted.set(x, q);
  }
  return q;
}

/** An optional `id` of a batch line is echoed back, not validated. */
const ID_KEY = ['id'] as const;

/** Batch alert messages repeat across lines: render and quote each distinct alert once per run. */
const messageCache = new Map<string, string>();
function quotedAlertMessage(a: Alert, ctx: RenderContext): string {
  let key = `${ctx.m.locale}|${a.code}`;
  for (const v of Object.values(a.params)) key += `|${v}`;
  let message = messageCache.get(key);
  if (message === undefined) {
    message = JSON.stringify(ctx.m.alert(a, ctx.f));
    if (messageCache.size < 10_000) messageCache.set(key, message);
  }
  return message;
}

/**
 * One output line, written by hand for speed: the same text `JSON.stringify` gives for
 * `batchSuccessObject` (a test checks it), but each number shared by the three scenarios is
 * converted to text once.
 */
export function successLine(line: number, id: unknown, r: SizingResult, ctx: RenderContext): string {
  const p: string[] = [];
  appendSuccessLine(p, line, id, r, ctx);
  return p.join('');
}

/** Append the parts of one success line to `p` (joined later, a whole chunk at a time). */
function appendSuccessLine(p: string[], line: number, id: unknown, r: SizingResult, ctx: RenderContext): void {
  const { model, server, storage, nfr } = r.inputs;
  const first = r.scenarios.minimum.results;
  const kvPerSession = num(first.kv_per_session_gib);
  const kvTotalGib = num(first.kv_total_gib);
  const kvTotalTib = num(first.kv_total_tib);
  const hbm = num(first.hbm_total_gib);
  let budgetValue = Number.NaN;
  let budgetText = '';
  // Parts joined once per chunk: repeated `+=` builds rope strings whose flattening and GC cost more
  // than the rest of the work.
  p.push('{"line":', String(line));
  if (id !== undefined) p.push(',"id":', JSON.stringify(id));
  p.push(
    ',"feasible":', String(r.feasible),
    ',"inputs":{"model":', str(model.name), ',"server":', str(server.name), ',"storage":', str(storage.name),
    ',"concurrency":', num(nfr.concurrency), ',"effective_context":', num(nfr.effective_context),
    ',"effective_context_used":', num(nfr.effective_context_used),
    ',"kv_precision":"', nfr.kv_precision, '","kv_precision_source":"', nfr.kv_precision_source,
    '","kv_budget_ratio":', num(nfr.kv_budget_ratio), ',"runtime_overhead_gib":', num(nfr.runtime_overhead_gib),
    ',"runtime_overhead_source":"', nfr.runtime_overhead_source, '"',
    ',"peak_headroom_ratio":', num(nfr.peak_headroom_ratio), ',"ha_mode":"', nfr.ha_mode,
    '"},"kv_bytes_per_session":', num(r.kv.bytes), ',"scenarios":{',
  );
  for (let i = 0; i < SCENARIO_KEYS.length; i++) {
    const key = SCENARIO_KEYS[i]!;
    const s = r.scenarios[key];
    const n = s.results;
    if (n.kv_budget_gib !== budgetValue) {
      budgetValue = n.kv_budget_gib;
      budgetText = num(budgetValue);
    }
    p.push(
      i === 0 ? '"' : ',"', key, '":{"feasible":', String(s.feasible),
      ',"results":{"kv_per_session_gib":', kvPerSession, ',"kv_total_gib":', kvTotalGib, ',"kv_total_tib":', kvTotalTib,
      ',"hbm_total_gib":', hbm, ',"kv_budget_gib":', budgetText, ',"sessions_per_node":', num(n.sessions_per_node),
      ',"nodes_capacity":', String(n.nodes_capacity), ',"nodes_with_headroom":', String(n.nodes_with_headroom),
      ',"nodes_final":', String(n.nodes_final), '}}',
    );
  }
  p.push('},"alerts":[');
  for (let i = 0; i < r.alerts.length; i++) {
    const a = r.alerts[i]!;
    p.push(i === 0 ? '{"code":"' : ',{"code":"', a.code, '","severity":"', a.severity, '","message":', quotedAlertMessage(a, ctx), '}');
  }
  p.push(']}\n');
}

/** The object form of a success line (what `successLine` serializes), for tests and documentation. */
export function batchSuccessObject(line: number, id: unknown, r: SizingResult, ctx: RenderContext): Record<string, unknown> {
  const scenarios = {} as Record<ScenarioKey, { feasible: boolean; results: unknown }>;
  for (const key of SCENARIO_KEYS) scenarios[key] = { feasible: r.scenarios[key].feasible, results: r.scenarios[key].results };
  const { model, server, storage, nfr } = r.inputs;
  return {
    line,
    ...(id === undefined ? {} : { id }),
    feasible: r.feasible,
    inputs: { model: model.name, server: server.name, storage: storage.name, ...nfr },
    kv_bytes_per_session: r.kv.bytes,
    scenarios,
    alerts: r.alerts.map((a) => ({ code: a.code, severity: a.severity, message: ctx.m.alert(a, ctx.f) })),
  };
}

function errorLine(line: number, id: unknown, problems: readonly Problem[], ctx: RenderContext): string {
  const first = problems[0];
  return JSON.stringify({
    line,
    ...(id === undefined ? {} : { id }),
    error: {
      field: first?.field ?? '(line)',
      value: first?.value ?? null,
      message: problems.map((p) => ctx.m.problem(p, p.field, ctx.f)).join(' '),
      problems: problems.map((p) => ({ field: p.field, value: p.value ?? null, accepted: p.accepted, message: ctx.m.problem(p, p.field, ctx.f) })),
    },
  });
}

/** Size one input line (already split, without its newline), appending its output line (with newline) to `out`. Blank lines give nothing. */
export function batchLine(text: string, line: number, source: string, catalog: CatalogIndex, ctx: RenderContext, counts: BatchCounts, out: string[]): void {
  if (text.trim() === '') return;
  counts.lines++;
  const where = `${source}:${line}`;
  if (tooDeep(text)) {
    // Refused before parsing: what walks a 5,000-deep value (validation, JSON.stringify) runs out of stack.
    counts.invalid++;
    out.push(errorLine(line, undefined, [{ field: '(line)', value: jsonDepth(text), accepted: { kind: 'rule', rule: 'json_depth', detail: { max: MAX_JSON_DEPTH } }, source: where }], ctx), '\n');
    return;
  }
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (e) {
    counts.invalid++;
    out.push(errorLine(line, undefined, [{ field: '(line)', value: text.length > 60 ? `${text.slice(0, 57)}...` : text, accepted: { kind: 'json', detail: (e as Error).message.replace(/\s+/g, ' ') }, source: where }], ctx), '\n');
    return;
  }
  const id = raw !== null && typeof raw === 'object' && !Array.isArray(raw) ? (raw as { id?: unknown }).id : undefined;
  const sized = sizeRequest(raw, catalog, where, ID_KEY);
  if (!sized.ok) {
    counts.invalid++;
    out.push(errorLine(line, id, sized.problems, ctx), '\n');
    return;
  }
  counts.sized++;
  if (!sized.value.feasible) counts.infeasible++;
  appendSuccessLine(out, line, id, sized.value, ctx);
}

/** Lines per output write (~1 MB). */
const FLUSH_LINES = 128;

/** Size every line of a stream, writing output in large chunks. */
export async function batchStream(
  input: NodeJS.ReadableStream,
  source: string,
  catalog: CatalogIndex,
  ctx: RenderContext,
  write: (text: string) => void,
  progress?: (counts: BatchCounts) => void,
  maxLine: number = FILE_LIMITS.batch_line,
): Promise<BatchCounts> {
  const counts: BatchCounts = { lines: 0, sized: 0, invalid: 0, infeasible: 0 };
  let pending = '';
  let lineNo = 0;
  let out: string[] = [];
  let sinceFlush = 0;
  const flush = () => {
    if (out.length === 0) return;
    const chunk = out.join('');
    out = [];
    sinceFlush = 0;
    write(chunk);
    progress?.(counts);
  };
  const handle = (text: string) => {
    lineNo++;
    batchLine(text.endsWith('\r') ? text.slice(0, -1) : text, lineNo, source, catalog, ctx, counts, out);
    if (++sinceFlush >= FLUSH_LINES) flush();
  };
  // A line longer than maxLine is one error line, and the rest of it is skipped unread into memory
  // (a file without newlines, or /dev/zero on standard input, cannot fill the memory).
  let skipping = false;
  const tooLong = (start: string) => {
    lineNo++;
    counts.lines++;
    counts.invalid++;
    const value = start.length > 60 ? `${start.slice(0, 57)}...` : start;
    out.push(errorLine(lineNo, undefined, [{ field: '(line)', value, accepted: { kind: 'rule', rule: 'batch_line_length', detail: { max_bytes: maxLine } }, source: `${source}:${lineNo}` }], ctx), '\n');
    if (++sinceFlush >= FLUSH_LINES) flush();
  };
  input.setEncoding('utf8');
  let first = true;
  for await (const piece of input as AsyncIterable<string>) {
    let chunk = piece;
    if (first) {
      first = false;
      chunk = stripBom(chunk);
    }
    if (skipping) {
      // The rest of a line already reported as too long: drop it up to its newline.
      const end = chunk.indexOf('\n');
      if (end === -1) continue;
      skipping = false;
      chunk = chunk.slice(end + 1);
    }
    const text = pending + chunk;
    let start = 0;
    let nl = text.indexOf('\n', start);
    while (nl !== -1) {
      if (nl - start > maxLine) tooLong(text.slice(start, start + 61));
      else handle(text.slice(start, nl));
      start = nl + 1;
      nl = text.indexOf('\n', start);
    }
    pending = text.slice(start);
    if (pending.length > maxLine) {
      tooLong(pending.slice(0, 61));
      pending = '';
      skipping = true;
    }
  }
  if (pending !== '') handle(pending);
  flush();
  return counts;
}

export async function runBatch(args: ParsedArgs, io: Io, catalog: CatalogIndex): Promise<number> {
  const file = args.positionals[0];
  if (file === undefined) throw new InputError([{ field: 'FILE', value: undefined, accepted: { kind: 'required' } }]);
  let input: NodeJS.ReadableStream;
  if (file === '-') input = io.stdin;
  else {
    // Only a regular file (streamed, so of any size); `-` reads standard input. Checked on the open
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
    const stream = createReadStream('', { fd, highWaterMark: 1 << 20 });
    // Surface a missing or unreadable file as bad input before anything is written.
    await new Promise<void>((resolve, reject) => {
      stream.once('readable', resolve);
      stream.once('error', (e: NodeJS.ErrnoException) =>
        reject(new InputError([{ field: 'FILE', value: file, accepted: { kind: 'readable_file', ...fileReason(e) } }])),
      );
    });
    input = stream;
  }
  const ctx = renderContext({ locale: args.locale });
  const tty = process.stderr.isTTY === true;
  let lastReport = 0;
  const counts = await batchStream(input, file === '-' ? 'stdin' : file, catalog, ctx, io.stdout, (c) => {
    if (tty && c.lines - lastReport >= 100_000) {
      lastReport = c.lines;
      io.stderr(`\r${ctx.m.cli.batchProgress({ lines: c.lines, invalid: c.invalid })}`);
    }
  });
  if (tty && lastReport > 0) io.stderr('\n');
  if (counts.invalid > 0) {
    io.stderr(`${ctx.m.cli.batchInvalid({ invalid: counts.invalid, lines: counts.lines })}\n`);
    return EXIT.invalidInput;
  }
  return counts.infeasible > 0 ? EXIT.infeasible : EXIT.ok;
}
